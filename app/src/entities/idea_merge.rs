use sea_orm::entity::prelude::*;

use crate::features::ideas::status::IdeaStatus;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_merge")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub from_idea_id: i64,
    pub into_idea_id: i64,
    pub previous_status: IdeaStatus,
    pub merged_by: Option<i64>,
    pub merged_at: DateTimeUtc,
    pub undone_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
