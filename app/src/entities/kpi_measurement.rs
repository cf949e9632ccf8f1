use sea_orm::entity::prelude::*;

/// One measured value of a KPI. A correction is a new row, and the row it
/// corrects points to it: current values are those nothing supersedes.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "kpi_measurement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub kpi_id: i64,
    pub value: f64,
    pub measured_on: Date,
    pub source: String,
    pub comment: String,
    pub recorded_by: Option<i64>,
    pub recorded_at: DateTimeUtc,
    pub superseded_by_id: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
