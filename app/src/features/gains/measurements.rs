//! What an idea brought, measured: staff record each KPI's values with a
//! date, a source and a comment, from selection on. A measurement is never
//! changed: a correction is a new row, and the row it corrects points to
//! it, so the history stays and shows on request.

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
};

use super::service::find_kpi;
use super::types::{MeasurementInput, measurements_open};
use crate::entities::{kpi, kpi_measurement};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::pipeline::owners::{self, staff_idea};
use crate::features::pipeline::types::WorkEvent;

/// The KPI for `staff` to measure, its idea locked in `transaction`.
async fn measurable(
    transaction: &impl ConnectionTrait,
    staff: &Viewer,
    kpi_id: i64,
) -> Result<kpi::Model, AppError> {
    let found = find_kpi(transaction, kpi_id).await?;
    staff_idea(transaction, staff, found.idea_id).await?;
    crate::features::ideas::service::lock_idea(transaction, found.idea_id).await?;
    let (_, status) = staff_idea(transaction, staff, found.idea_id).await?;
    if !measurements_open(status) {
        return Err(AppError::invalid("value", Problem::MeasurementsClosed));
    }
    Ok(found)
}

async fn insert(
    transaction: &impl ConnectionTrait,
    staff: &Viewer,
    kpi_id: i64,
    input: MeasurementInput,
) -> Result<i64, AppError> {
    Ok(
        kpi_measurement::Entity::insert(kpi_measurement::ActiveModel {
            kpi_id: Set(kpi_id),
            value: Set(input.value),
            measured_on: Set(input.measured_on),
            source: Set(input.source),
            comment: Set(input.comment),
            recorded_by: Set(Some(staff.account_id)),
            recorded_at: Set(Utc::now()),
            ..Default::default()
        })
        .exec(transaction)
        .await?
        .last_insert_id,
    )
}

/// Records a value of KPI `kpi_id`; returns its idea.
pub async fn record(
    db: &DatabaseConnection,
    staff: &Viewer,
    kpi_id: i64,
    input: MeasurementInput,
) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let found = measurable(&transaction, staff, kpi_id).await?;
    insert(&transaction, staff, kpi_id, input).await?;
    owners::log(
        &transaction,
        found.idea_id,
        WorkEvent::MeasurementRecorded,
        Some(found.owner_department_id),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(found.idea_id)
}

/// Corrects measurement `measurement_id` with `input`: the new row counts
/// from now on, the old one is kept as history. Correcting a row someone
/// corrected meanwhile is refused, so two corrections never both count.
/// Returns the idea.
pub async fn correct(
    db: &DatabaseConnection,
    staff: &Viewer,
    measurement_id: i64,
    input: MeasurementInput,
) -> Result<i64, AppError> {
    let old = kpi_measurement::Entity::find_by_id(measurement_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = measurable(&transaction, staff, old.kpi_id).await?;
    let new = insert(&transaction, staff, old.kpi_id, input).await?;
    let replaced = kpi_measurement::Entity::update_many()
        .col_expr(kpi_measurement::Column::SupersededById, Expr::value(new))
        .filter(kpi_measurement::Column::Id.eq(measurement_id))
        .filter(kpi_measurement::Column::SupersededById.is_null())
        .exec(&transaction)
        .await?;
    if replaced.rows_affected != 1 {
        // Dropping the transaction takes the new row back out.
        return Err(AppError::invalid("value", Problem::ChangedMeanwhile));
    }
    owners::log(
        &transaction,
        found.idea_id,
        WorkEvent::MeasurementCorrected,
        Some(found.owner_department_id),
        staff.account_id,
    )
    .await?;
    transaction.commit().await?;
    crate::server::rollup_cache::changed();
    Ok(found.idea_id)
}
