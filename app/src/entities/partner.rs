use sea_orm::entity::prelude::*;

/// Another municipality's Samskap that an admin listed: its catalogue is
/// searched, its cards imported, and its host is one Samskap may fetch.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "partner")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub name: String,
    /// Its public address, `https://samskap.asker.kommune.no`: scheme,
    /// host and port, nothing else.
    #[sea_orm(unique)]
    pub base_url: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
