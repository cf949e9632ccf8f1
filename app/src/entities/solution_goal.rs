use sea_orm::entity::prelude::*;

/// A shared goal a solution card serves.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "solution_goal")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub solution_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub goal_id: i64,
    pub added_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
