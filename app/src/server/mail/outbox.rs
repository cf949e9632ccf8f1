//! The outbox table's operations: queue an email, let a worker claim a batch
//! under a lease, and record how each attempt went.
//!
//! Claims are one `UPDATE ... WHERE id IN (SELECT ... FOR UPDATE SKIP LOCKED)
//! RETURNING *`: on PostgreSQL any number of instances claim side by side and
//! never the same row; on SQLite (one instance) the single statement is
//! atomic on its own and the lock clause is left out.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, LockBehavior, LockType, Query};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, Order, QueryFilter,
    QueryOrder, QuerySelect,
};
use tokio::sync::Notify;

use super::message::{OutgoingEmail, check, encode_headers};
use super::transport::DeliveryError;
use crate::entities::outbox::{ActiveModel, Column, Entity, Model};
use crate::error::AppError;

/// Back-off never grows beyond this, so after a long outage mail flows
/// again within the hour.
const LONGEST_RETRY_DELAY: Duration = Duration::from_secs(60 * 60);

/// An email the server keeps refusing is set aside once it is this old;
/// until then a refusal is retried like an outage, in case it came from a
/// misconfiguration that the operator fixes.
const REFUSALS_TRIED_FOR: chrono::Duration = chrono::Duration::hours(24);

/// Long enough to keep in `last_error`.
const ERROR_KEPT_CHARS: usize = 1000;

/// Wakes this process's workers when an email is queued. Instances elsewhere
/// find it at their next poll.
static QUEUED: Notify = Notify::const_new();

/// Queues `email` on `db`, which may be the caller's transaction: the email
/// then leaves only if that transaction commits.
pub async fn enqueue(db: &impl ConnectionTrait, email: OutgoingEmail) -> Result<(), AppError> {
    check(&email).map_err(|error| {
        tracing::error!(%error, template = email.template(), "refusing to queue an unsendable email");
        AppError::Internal
    })?;
    let headers = encode_headers(email.headers()).map_err(|error| {
        tracing::error!(%error, "cannot store an email's headers");
        AppError::Internal
    })?;
    let now = Utc::now();
    let row = ActiveModel {
        message_id: Set(uuid::Uuid::new_v4().simple().to_string()),
        recipient: Set(email.to().to_owned()),
        template: Set(email.template().to_owned()),
        subject: Set(email.subject().to_owned()),
        body_text: Set(email.text().to_owned()),
        body_html: Set(email.html().to_owned()),
        headers: Set(headers),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ..Default::default()
    };
    Entity::insert(row).exec(db).await?;
    // Inside a transaction this wakes the workers before the row is visible;
    // they look again shortly after a wake-up that found nothing.
    QUEUED.notify_waiters();
    Ok(())
}

/// Resolves when an email is queued in this process. Create and `enable` it
/// before looking at the outbox, so a wake-up in between is not missed.
pub(super) fn queued() -> tokio::sync::futures::Notified<'static> {
    QUEUED.notified()
}

/// Takes up to `limit` emails that are due, for `lease`: until it runs out no
/// other worker takes them. Each claim counts as an attempt.
pub async fn claim(
    db: &impl ConnectionTrait,
    limit: u64,
    lease: Duration,
) -> Result<Vec<Model>, DbErr> {
    let now = Utc::now();
    let lease_end = now + chrono::Duration::from_std(lease).unwrap_or(chrono::Duration::MAX);
    let due = Query::select()
        .column(Column::Id)
        .from(Entity)
        .and_where(Column::SentAt.is_null())
        .and_where(Column::FailedAt.is_null())
        .and_where(Column::NextAttemptAt.lte(now))
        .order_by(Column::NextAttemptAt, Order::Asc)
        .limit(limit)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .to_owned();
    let claim = Query::update()
        .table(Entity)
        .value(Column::Attempts, Expr::col(Column::Attempts).add(1))
        .value(Column::NextAttemptAt, lease_end)
        .value(Column::LeaseToken, uuid::Uuid::new_v4().to_string())
        .and_where(Column::Id.in_subquery(due))
        .returning_all()
        .to_owned();
    let statement = db.get_database_backend().build(&claim);
    Entity::find().from_raw_sql(statement).all(db).await
}

/// Records that `email` went out. Whoever holds it now, it is not sent again.
pub async fn mark_sent(db: &impl ConnectionTrait, email: &Model) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::SentAt, Expr::value(Utc::now()))
        .col_expr(Column::LeaseToken, Expr::value(Option::<String>::None))
        .col_expr(Column::LastError, Expr::value(Option::<String>::None))
        .filter(Column::Id.eq(email.id))
        .filter(Column::SentAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// Records a failed attempt and when to try again. Returns whether the email
/// was set aside for good. Does nothing if the lease has passed to another
/// worker meanwhile: that worker's outcome counts.
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    email: &Model,
    error: &DeliveryError,
    retry_base: Duration,
) -> Result<bool, DbErr> {
    let now = Utc::now();
    let give_up = match error {
        DeliveryError::Unreachable(_) => false,
        DeliveryError::Refused(_) => now - email.created_at >= REFUSALS_TRIED_FOR,
        DeliveryError::Unsendable(_) => true,
    };
    let delay = retry_delay(retry_base, email.attempts);
    let next = now + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::MAX);
    let reason: String = error.to_string().chars().take(ERROR_KEPT_CHARS).collect();
    Entity::update_many()
        .col_expr(Column::NextAttemptAt, Expr::value(next))
        .col_expr(Column::LeaseToken, Expr::value(Option::<String>::None))
        .col_expr(Column::LastError, Expr::value(reason))
        .col_expr(Column::FailedAt, Expr::value(give_up.then_some(now)))
        .filter(Column::Id.eq(email.id))
        .filter(Column::LeaseToken.eq(email.lease_token.clone()))
        .exec(db)
        .await?;
    Ok(give_up)
}

/// Hands a claimed email back untried (its attempt uncounted), e.g. when the
/// worker stops, so another worker takes it at once instead of after the lease.
pub async fn release(db: &impl ConnectionTrait, email: &Model) -> Result<(), DbErr> {
    Entity::update_many()
        .col_expr(Column::NextAttemptAt, Expr::value(Utc::now()))
        .col_expr(Column::LeaseToken, Expr::value(Option::<String>::None))
        .col_expr(Column::Attempts, Expr::col(Column::Attempts).sub(1))
        .filter(Column::Id.eq(email.id))
        .filter(Column::LeaseToken.eq(email.lease_token.clone()))
        .exec(db)
        .await?;
    Ok(())
}

/// When the next waiting email is due (or its lease ends), if any waits.
pub async fn next_due(db: &impl ConnectionTrait) -> Result<Option<DateTime<Utc>>, DbErr> {
    earliest_waiting(db, Column::NextAttemptAt).await
}

/// When the oldest email still waiting to go out was queued; `/metrics`
/// reports its age. One index lookup.
pub async fn oldest_waiting_since(
    db: &impl ConnectionTrait,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    earliest_waiting(db, Column::CreatedAt).await
}

async fn earliest_waiting(
    db: &impl ConnectionTrait,
    column: Column,
) -> Result<Option<DateTime<Utc>>, DbErr> {
    let earliest = Entity::find()
        .select_only()
        .column(column)
        .filter(Column::SentAt.is_null())
        .filter(Column::FailedAt.is_null())
        .order_by(column, Order::Asc)
        .limit(1)
        .into_tuple::<DateTime<Utc>>()
        .one(db)
        .await?;
    Ok(earliest)
}

/// Deletes emails sent before `cutoff`: they hold addresses and links that
/// nobody needs once delivered.
pub async fn forget_sent_before(
    db: &impl ConnectionTrait,
    cutoff: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let deleted = Entity::delete_many()
        .filter(Column::SentAt.lt(cutoff))
        .exec(db)
        .await?;
    Ok(deleted.rows_affected)
}

/// The wait after attempt number `attempts` (1 for the first) failed:
/// `base`, then twice that, and so on, never more than an hour.
pub fn retry_delay(base: Duration, attempts: i32) -> Duration {
    let doublings = attempts.saturating_sub(1).clamp(0, 31) as u32;
    base.saturating_mul(2u32.saturating_pow(doublings))
        .min(LONGEST_RETRY_DELAY.max(base))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_per_attempt_up_to_an_hour() {
        let base = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=9)
            .map(|attempt| retry_delay(base, attempt).as_secs())
            .collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_delay(base, 1000).as_secs(), 3600);
        assert_eq!(retry_delay(base, 0).as_secs(), 30);
    }

    #[test]
    fn no_base_means_no_wait() {
        assert_eq!(retry_delay(Duration::ZERO, 7), Duration::ZERO);
    }
}
