//! Reminders to measure: when a KPI's target date passes with the target
//! not reached and nothing measured since, its owner hears of it once (or,
//! when no one person owns it, the members of its department). The job
//! worker asks every few minutes; instances running it together remind
//! each KPI once, as rows are claimed with `FOR UPDATE SKIP LOCKED`.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType, Query};
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QuerySelect};

use super::service::members_of;
use super::types::reached;
use crate::entities::{idea, kpi, kpi_measurement};
use crate::features::ideas::status::IdeaStatus;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;

/// The statuses in which an idea's KPIs are still measured.
const MEASURED: [IdeaStatus; 4] = [
    IdeaStatus::Selected,
    IdeaStatus::Piloting,
    IdeaStatus::Implemented,
    IdeaStatus::BenefitsRealised,
];

/// Reminds the owners of every KPI overdue at `now` (Oslo's day) that was
/// not reminded yet; returns how many KPIs.
pub async fn remind_overdue(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let today = crate::time::today_in_oslo(now);
    let transaction = crate::server::transactions::begin(db).await?;
    let due = kpi::Entity::find()
        .filter(kpi::Column::TargetDate.lt(today))
        .filter(kpi::Column::RemindedAt.is_null())
        .filter(
            kpi::Column::IdeaId.in_subquery(
                Query::select()
                    .column(idea::Column::Id)
                    .from(idea::Entity)
                    .and_where(idea::Column::Status.is_in(MEASURED.map(IdeaStatus::as_str)))
                    .to_owned(),
            ),
        )
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&transaction)
        .await?;
    let mut reminded = 0;
    for found in &due {
        let since = kpi_measurement::Entity::find()
            .filter(kpi_measurement::Column::KpiId.eq(found.id))
            .filter(kpi_measurement::Column::SupersededById.is_null())
            .all(&transaction)
            .await?;
        let done = since.iter().any(|m| {
            m.measured_on >= found.target_date || reached(found.baseline, found.target, m.value)
        });
        if !done {
            let owners = match found.owner_account_id {
                Some(person) => vec![person],
                None => members_of(&transaction, found.owner_department_id).await?,
            };
            for person in owners {
                notifications::send(
                    &transaction,
                    Notice::new(Kind::KpiOverdue)
                        .idea(found.idea_id)
                        .detail(found.name.clone()),
                    Recipients::Account(person),
                    None,
                )
                .await?;
            }
            reminded += 1;
        }
        // Measured already, or reminded now: either way, not again until
        // the date is changed.
        kpi::Entity::update_many()
            .col_expr(kpi::Column::RemindedAt, Expr::value(now))
            .filter(kpi::Column::Id.eq(found.id))
            .exec(&transaction)
            .await?;
    }
    transaction.commit().await?;
    Ok(reminded)
}
