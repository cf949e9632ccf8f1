use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_merge_support")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub merge_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub account_id: i64,
    /// When the support was first given on the merged idea.
    pub supported_at: DateTimeUtc,
    /// Whether it moved to the target (false: the person supported both).
    pub moved: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
