use sea_orm::entity::prelude::*;

/// One evaluator's scorecard for an idea: four criteria 1–5 (higher is
/// better) and a comment. Staff only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "idea_evaluation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub evaluator_id: Option<i64>,
    pub value_for_residents: i16,
    pub feasibility: i16,
    pub cost: i16,
    pub strategic_fit: i16,
    pub comment: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
