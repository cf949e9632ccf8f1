use sea_orm::entity::prelude::*;

use crate::features::gains::types::BenefitCategory;

/// One key performance indicator of an idea's benefit plan: where it
/// starts, where it should be by when, and who measures it how.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub idea_id: i64,
    pub name: String,
    pub unit: String,
    pub category: BenefitCategory,
    pub baseline: f64,
    pub target: f64,
    pub target_date: Date,
    pub method: String,
    pub owner_account_id: Option<i64>,
    pub owner_department_id: i64,
    /// Shown on the idea's page and `/impact`; internal until staff say so.
    pub public: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// When the owner was told the target date passed unmeasured.
    pub reminded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
