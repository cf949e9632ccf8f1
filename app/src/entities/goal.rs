use sea_orm::entity::prelude::*;

/// One of the municipality's shared goals, named in three languages. The
/// nynorsk and English columns are empty where bokmål stands in.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "goal")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name_nb: String,
    pub name_nn: String,
    pub name_en: String,
    pub description_nb: String,
    pub description_nn: String,
    pub description_en: String,
    pub created_at: DateTimeUtc,
    /// When an admin retired it: no longer offered, still shown where attached.
    pub retired_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
