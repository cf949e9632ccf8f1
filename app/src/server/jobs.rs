//! The job worker: the background work that is not sending email. It turns
//! notifications into emails as soon as they are written, sends the daily
//! digest, tells challenge followers before a challenge closes, reminds
//! KPI owners to measure when a target date passes, and clears
//! out spent rate-limit counters and sign-in addresses unused for 90 days.
//! Every job is safe with many instances: rows are claimed with `FOR UPDATE
//! SKIP LOCKED` and daily jobs claim their day in `job_run`.

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::DatabaseConnection;
use url::Url;

use super::background::{Background, StopSignal, stopping};
use crate::features::accounts::known_addresses;
use crate::features::challenges::service as challenges;
use crate::features::gains;
use crate::features::notifications::{digest, mailer, service as notifications};

/// The longest the worker sleeps without looking for notifications written
/// by other instances.
const POLL: Duration = Duration::from_secs(5);
/// A notification may wake the worker a moment before its transaction
/// commits; the worker waits this long before it looks.
const SETTLE: Duration = Duration::from_millis(30);
/// How often the clock-driven jobs (digest, challenge deadlines) look.
const SCHEDULE_EVERY: Duration = Duration::from_secs(60);
const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);

pub type JobWorker = Background;

/// Starts the job worker on the current tokio runtime.
pub fn spawn(db: DatabaseConnection, public_url: Url) -> JobWorker {
    Background::spawn("job worker", move |stopped| run(db, public_url, stopped))
}

async fn run(db: DatabaseConnection, public_url: Url, mut stopped: StopSignal) {
    let mut last_scheduled: Option<Instant> = None;
    let mut last_purged: Option<Instant> = None;
    while !stopping(&stopped) {
        let written = notifications::written();
        tokio::pin!(written);
        written.as_mut().enable();

        email_notifications(&db, &public_url, &stopped).await;
        if last_scheduled.is_none_or(|at| at.elapsed() >= SCHEDULE_EVERY) {
            scheduled(&db, &public_url).await;
            last_scheduled = Some(Instant::now());
        }
        if last_purged.is_none_or(|at| at.elapsed() >= PURGE_EVERY) {
            purge(&db).await;
            last_purged = Some(Instant::now());
        }

        tokio::select! {
            () = &mut written => tokio::time::sleep(SETTLE).await,
            () = tokio::time::sleep(POLL) => {}
            _ = stopped.changed() => {}
        }
    }
}

/// Works through the waiting notifications, a batch at a time.
async fn email_notifications(db: &DatabaseConnection, public_url: &Url, stopped: &StopSignal) {
    while !stopping(stopped) {
        match mailer::email_waiting(db, public_url).await {
            Ok(taken) if taken as u64 == mailer::BATCH => continue,
            Ok(_) => break,
            Err(error) => {
                tracing::warn!(%error, "cannot email notifications; trying again shortly");
                break;
            }
        }
    }
}

async fn scheduled(db: &DatabaseConnection, public_url: &Url) {
    let now = Utc::now();
    if let Some(day) = digest::due_day(now) {
        match digest::send_once_for(db, public_url, &day).await {
            Ok(Some(count)) => tracing::info!(count, %day, "daily digests queued"),
            Ok(None) => {}
            Err(error) => tracing::warn!(%error, "cannot send the daily digests"),
        }
    }
    match challenges::announce_closing(db, now).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "told followers that challenges close soon"),
        Err(error) => tracing::warn!(%error, "cannot announce closing challenges"),
    }
    match gains::reminders::remind_overdue(db, now).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "reminded owners of KPIs past their date"),
        Err(error) => tracing::warn!(%error, "cannot remind owners of overdue KPIs"),
    }
}

async fn purge(db: &DatabaseConnection) {
    match super::rate_limit::forget_spent(db, Utc::now()).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "forgot spent rate-limit counters"),
        Err(error) => tracing::warn!(%error, "cannot forget spent rate-limit counters"),
    }
    match known_addresses::forget_unseen(db, Utc::now()).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "forgot sign-in addresses unused for 90 days"),
        Err(error) => tracing::warn!(%error, "cannot forget unused sign-in addresses"),
    }
    match super::form_echo::forget_spent(db, Utc::now()).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "forgot typed values of refused forms"),
        Err(error) => tracing::warn!(%error, "cannot forget typed values of refused forms"),
    }
}
