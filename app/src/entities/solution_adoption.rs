use sea_orm::entity::prelude::*;

/// A partner took one of this instance's cards: its page at `source_url`
/// links to the card, as this instance checked.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "solution_adoption")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub solution_id: i64,
    #[sea_orm(primary_key, auto_increment = false)]
    pub source_url: String,
    pub partner_id: i64,
    pub verified_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
