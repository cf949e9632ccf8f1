use sea_orm::entity::prelude::*;

use crate::features::focus_area::FocusArea;
use crate::features::solutions::types::{Licence, Maturity};

/// One published version of a solution card, as it was published.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "solution_version")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub solution_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: i32,
    pub title: String,
    pub problem: String,
    pub context: String,
    pub what_was_done: String,
    pub cost_nok: Option<i64>,
    pub cost_note: String,
    pub contact: String,
    pub licence: Licence,
    pub maturity: Maturity,
    pub focus_area: FocusArea,
    /// What this version changed.
    pub note: String,
    pub published_by: Option<i64>,
    pub published_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
