use sea_orm::entity::prelude::*;

use crate::features::moderation::types::ReportReason;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "report")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// idea / comment / challenge / account (`moderation::types::ItemKind`).
    pub subject_type: String,
    pub subject_id: i64,
    pub reporter_id: Option<i64>,
    /// `moderation::types::ReportReason`.
    pub reason: ReportReason,
    pub detail: Option<String>,
    pub created_at: DateTimeUtc,
    pub resolved_at: Option<DateTimeUtc>,
    /// upheld / dismissed
    pub resolution: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
