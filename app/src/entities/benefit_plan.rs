use sea_orm::entity::prelude::*;

/// What an idea's owner departments expect it to cost and bring: staff
/// only, never public.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "benefit_plan")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub idea_id: i64,
    /// One-off and first-year cost, in whole kroner.
    pub estimated_cost_nok: Option<i64>,
    pub effort_person_days: Option<i32>,
    /// The priced benefit expected each year once it is in use, in kroner.
    pub expected_value_nok: Option<i64>,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}

impl Model {
    /// The estimates, as the plan page and the board show them.
    pub fn figures(&self) -> crate::features::gains::types::PlanFigures {
        crate::features::gains::types::PlanFigures {
            estimated_cost_nok: self.estimated_cost_nok,
            effort_person_days: self.effort_person_days,
            expected_value_nok: self.expected_value_nok,
        }
    }
}
