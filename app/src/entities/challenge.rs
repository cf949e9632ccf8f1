use sea_orm::entity::prelude::*;

use crate::features::challenges::types::ChallengeState;
use crate::features::focus_area::FocusArea;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub title: String,
    /// Markdown.
    pub problem: String,
    pub focus_area: FocusArea,
    pub department_id: Option<i64>,
    pub opens_on: Date,
    pub closes_on: Date,
    pub state: ChallengeState,
    pub decline_reason: Option<String>,
    pub proposed_by: Option<i64>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closing_notice_sent_at: Option<DateTimeUtc>,
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_reason: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
