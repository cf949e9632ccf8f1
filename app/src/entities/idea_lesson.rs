use sea_orm::entity::prelude::*;

/// What staff learned from an idea that was piloted, implemented or
/// declined (Markdown); internal until they publish it.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_lesson")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    pub body: String,
    pub public: bool,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
