use sea_orm::entity::prelude::*;

/// How many visible public ideas a challenge has: kept by triggers on
/// `idea` (migration 23), never written by Samskap's code.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "challenge_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub challenge_id: i64,
    pub ideas: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
