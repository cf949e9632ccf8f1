use sea_orm::entity::prelude::*;

use crate::features::focus_area::FocusArea;
use crate::features::solutions::types::{Licence, Maturity};

/// A solution card as staff edit it now: a draft while `version` is 0,
/// otherwise the newest published version (kept whole in
/// `solution_version`). `revision` counts saves.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "solution")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The idea it was made from, if any.
    pub idea_id: Option<i64>,
    pub title: String,
    /// Markdown, as are `context` and `what_was_done`.
    pub problem: String,
    pub context: String,
    pub what_was_done: String,
    pub cost_nok: Option<i64>,
    pub cost_note: String,
    pub contact: String,
    pub licence: Licence,
    pub maturity: Maturity,
    pub focus_area: FocusArea,
    pub revision: i32,
    pub version: i32,
    pub created_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub published_at: Option<DateTimeUtc>,
    /// Where an imported card came from: the partner, its card's page,
    /// title and version; empty for a card written here.
    pub origin_partner_id: Option<i64>,
    pub origin_url: String,
    pub origin_title: String,
    pub origin_version: Option<i32>,
    /// When the origin accepted the report that this card adopted its own.
    pub origin_notified_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
