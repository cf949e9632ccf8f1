use sea_orm::entity::prelude::*;

use crate::features::pipeline::types::WorkEvent;

/// One line of an idea's internal log: a nomination into triage or a
/// hand-off between departments. Staff only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_pipeline_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    /// nominated / unnominated / owner_added / owner_removed
    pub kind: WorkEvent,
    pub department_id: Option<i64>,
    pub actor_id: Option<i64>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
