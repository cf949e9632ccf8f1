use sea_orm::entity::prelude::*;

use crate::features::accounts::types::ActorType;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::status::IdeaStatus;

/// How many visible ideas have these values: kept by triggers on `idea`
/// (migration 18), never written by Samskap's code. `district` is empty
/// for ideas without one, `year` 0 for ideas never published.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_tally")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub status: IdeaStatus,
    #[sea_orm(primary_key, auto_increment = false)]
    pub focus_area: FocusArea,
    #[sea_orm(primary_key, auto_increment = false)]
    pub district: String,
    #[sea_orm(primary_key, auto_increment = false)]
    pub actor_type: ActorType,
    #[sea_orm(primary_key, auto_increment = false)]
    pub year: i32,
    pub ideas: i64,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
