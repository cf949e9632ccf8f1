use sea_orm::entity::prelude::*;

use crate::features::ideas::status::IdeaStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_status_change")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub from_status: Option<IdeaStatus>,
    pub to_status: IdeaStatus,
    pub actor_id: Option<i64>,
    /// The reason (declined) or the link (solved elsewhere).
    pub note: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
