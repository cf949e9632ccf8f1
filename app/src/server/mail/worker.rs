//! The worker that empties the outbox: it claims a batch of due emails under
//! a lease, sends each, and records the outcome. It wakes when an email is
//! queued in this process, when a retry falls due, and every few seconds in
//! any case (emails queued by other instances).

use std::time::{Duration, Instant};

use chrono::Utc;
use sea_orm::DatabaseConnection;

use super::outbox;
use super::transport::{DeliveryError, Mailer};
use crate::server::background::{Background, StopSignal, stopping};

/// Emails taken per claim.
const BATCH: u64 = 10;
/// How long a claimed email is this worker's. Ten sends at the SMTP timeout
/// fit well inside it; should a send outlast it, another worker may send the
/// email again, with the same Message-ID.
const LEASE: Duration = Duration::from_secs(5 * 60);
/// An email is not started with less of its lease left than this.
const LEASE_MARGIN: chrono::Duration = chrono::Duration::minutes(1);
/// The longest the worker sleeps without looking at the outbox.
const POLL: Duration = Duration::from_secs(5);
/// The shortest pause between rounds that delivered nothing, so a retry
/// delay of zero (in tests) does not spin.
const PAUSE: Duration = Duration::from_millis(100);
/// After a wake-up that found nothing (the queuing transaction had not
/// committed yet), look again after this, then twice as long, up to `POLL`.
const FIRST_LOOK_AGAIN: Duration = Duration::from_millis(50);
/// Sent emails are kept this long, then deleted.
const KEEP_SENT: chrono::Duration = chrono::Duration::days(7);
const FORGET_EVERY: Duration = Duration::from_secs(60 * 60);
/// Starts a worker on the current tokio runtime. Stopping it lets the
/// email in hand finish and hands the rest of the batch back to the outbox.
pub fn spawn(db: DatabaseConnection, mailer: Mailer) -> MailWorker {
    Background::spawn("mail worker", move |stopped| run(db, mailer, stopped))
}

/// The running mail worker.
pub type MailWorker = Background;

enum Round {
    /// A full batch went out: more may be waiting.
    Busy,
    /// Nothing more to do for now.
    Idle { claimed_any: bool },
}

async fn run(db: DatabaseConnection, mailer: Mailer, mut stopped: StopSignal) {
    let mut look_again: Option<Duration> = None;
    let mut last_forgotten: Option<Instant> = None;
    while !stopping(&stopped) {
        let queued = outbox::queued();
        tokio::pin!(queued);
        queued.as_mut().enable();

        let wait = match round(&db, &mailer, &stopped).await {
            Ok(Round::Busy) => continue,
            Ok(Round::Idle { claimed_any }) => {
                if claimed_any {
                    look_again = None;
                }
                if last_forgotten.is_none_or(|at| at.elapsed() >= FORGET_EVERY) {
                    forget_old(&db).await;
                    last_forgotten = Some(Instant::now());
                }
                let mut wait = until_next_due(&db).await;
                if let Some(soon) = look_again {
                    wait = wait.min(soon);
                    look_again = Some(soon * 2).filter(|next| *next < POLL);
                }
                wait
            }
            Err(error) => {
                tracing::warn!(%error, "cannot read the outbox; trying again shortly");
                POLL
            }
        };

        tokio::select! {
            () = &mut queued => look_again = Some(FIRST_LOOK_AGAIN),
            () = tokio::time::sleep(wait) => {}
            _ = stopped.changed() => {}
        }
    }
    mailer.shutdown().await;
}

async fn round(
    db: &DatabaseConnection,
    mailer: &Mailer,
    stopped: &StopSignal,
) -> Result<Round, sea_orm::DbErr> {
    let claimed = outbox::claim(db, BATCH, LEASE).await?;
    let full = claimed.len() as u64 == BATCH;
    let mut delivered = 0;
    for email in &claimed {
        let lease_left = email.next_attempt_at - Utc::now();
        if stopping(stopped) || lease_left < LEASE_MARGIN {
            outbox::release(db, email).await?;
            continue;
        }
        match mailer.deliver(email).await {
            Ok(()) => {
                delivered += 1;
                tracing::info!(id = email.id, template = %email.template, "email sent");
                if let Err(error) = outbox::mark_sent(db, email).await {
                    // It went out; it will go out again once the lease ends,
                    // with the same Message-ID, so receivers can tell.
                    tracing::error!(id = email.id, %error, "an email was sent but could not be marked so");
                }
            }
            Err(error) => record_failure(db, mailer, email, &error).await?,
        }
    }
    if full && delivered > 0 {
        Ok(Round::Busy)
    } else {
        Ok(Round::Idle {
            claimed_any: !claimed.is_empty(),
        })
    }
}

async fn record_failure(
    db: &DatabaseConnection,
    mailer: &Mailer,
    email: &crate::entities::outbox::Model,
    error: &DeliveryError,
) -> Result<(), sea_orm::DbErr> {
    let set_aside = outbox::mark_failed(db, email, error, mailer.retry_base()).await?;
    if set_aside {
        tracing::error!(
            id = email.id,
            template = %email.template,
            attempts = email.attempts,
            %error,
            "an email was set aside after the mail server kept refusing it"
        );
    } else {
        let retry_in = outbox::retry_delay(mailer.retry_base(), email.attempts);
        tracing::warn!(
            id = email.id,
            template = %email.template,
            attempts = email.attempts,
            retry_in_seconds = retry_in.as_secs(),
            %error,
            "an email could not be sent yet"
        );
    }
    Ok(())
}

/// How long until the next waiting email falls due, between `PAUSE` and `POLL`.
async fn until_next_due(db: &DatabaseConnection) -> Duration {
    match outbox::next_due(db).await {
        Ok(Some(due)) => (due - Utc::now())
            .to_std()
            .unwrap_or_default()
            .clamp(PAUSE, POLL),
        Ok(None) => POLL,
        Err(error) => {
            tracing::warn!(%error, "cannot read the outbox; trying again shortly");
            POLL
        }
    }
}

async fn forget_old(db: &DatabaseConnection) {
    match outbox::forget_sent_before(db, Utc::now() - KEEP_SENT).await {
        Ok(0) => {}
        Ok(count) => tracing::info!(count, "forgot emails sent more than a week ago"),
        Err(error) => tracing::warn!(%error, "cannot forget old sent emails"),
    }
}
