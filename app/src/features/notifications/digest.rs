//! The daily digest: once a day, each person who chose "daily" gets one
//! email listing what the mailer set aside for them since the last one.

use chrono::{DateTime, Timelike, Utc};
use chrono_tz::Europe::Oslo;
use sea_orm::sea_query::{LockBehavior, LockType, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use url::Url;

use super::mailer::{
    DUE_IN_DIGEST, absolute, accounts_of, footer_links, locale_of, mark, receives_email,
    with_unsubscribe_headers,
};
use super::service::views;
use crate::entities::{job_run, notification};
use crate::server::mail::{self, DigestItem, EmailTemplate};

/// The digest goes out from this hour of the day, Oslo time: read with the
/// morning coffee, not in the night.
pub const DIGEST_HOUR: u32 = 7;

/// The day whose digest is due at `now`: today once it is past
/// [`DIGEST_HOUR`] in Oslo, else none yet.
pub fn due_day(now: DateTime<Utc>) -> Option<String> {
    let local = now.with_timezone(&Oslo);
    (local.hour() >= DIGEST_HOUR).then(|| local.date_naive().to_string())
}

/// Sends the digest for `day` unless some instance already did (or is
/// doing it): the first to claim the day in `job_run` sends it.
pub async fn send_once_for(
    db: &DatabaseConnection,
    public_url: &Url,
    day: &str,
) -> Result<Option<usize>, DbErr> {
    if !claim(db, "daily_digest", day).await? {
        return Ok(None);
    }
    send(db, public_url).await.map(Some)
}

/// Claims `period` of `job`; true for the one caller that got it.
pub async fn claim(db: &impl ConnectionTrait, job: &str, period: &str) -> Result<bool, DbErr> {
    let insert = Query::insert()
        .into_table(job_run::Entity)
        .columns([
            job_run::Column::Job,
            job_run::Column::Period,
            job_run::Column::StartedAt,
        ])
        .values_panic([job.into(), period.into(), Utc::now().into()])
        .on_conflict(
            OnConflict::columns([job_run::Column::Job, job_run::Column::Period])
                .do_nothing()
                .to_owned(),
        )
        .to_owned();
    Ok(db.execute(&insert).await?.rows_affected() == 1)
}

/// Sends every waiting digest now, one email per person. Returns how many
/// emails were queued.
pub async fn send(db: &DatabaseConnection, public_url: &Url) -> Result<usize, DbErr> {
    let waiting: Vec<i64> = notification::Entity::find()
        .select_only()
        .column(notification::Column::AccountId)
        .distinct()
        .filter(notification::Column::EmailDue.eq(DUE_IN_DIGEST))
        .into_tuple::<i64>()
        .all(db)
        .await?;
    let mut sent = 0;
    for account_id in waiting {
        if send_to(db, public_url, account_id).await? {
            sent += 1;
        }
    }
    Ok(sent)
}

/// One person's digest, in one transaction with marking its items done.
async fn send_to(
    db: &DatabaseConnection,
    public_url: &Url,
    account_id: i64,
) -> Result<bool, DbErr> {
    let transaction = crate::server::transactions::begin(db).await?;
    let rows = notification::Entity::find()
        .filter(notification::Column::AccountId.eq(account_id))
        .filter(notification::Column::EmailDue.eq(DUE_IN_DIGEST))
        .order_by_asc(notification::Column::Id)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&transaction)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let accounts = accounts_of(&transaction, std::iter::once(account_id)).await?;
    let mut sent = false;
    if let Some(account) = accounts
        .get(&account_id)
        .filter(|found| receives_email(found))
        && !rows.is_empty()
    {
        let locale = locale_of(account);
        let items: Vec<DigestItem> = views(&transaction, rows)
            .await?
            .iter()
            .map(|view| DigestItem {
                what: view.sentence(locale),
                response: view.response.clone(),
                link: absolute(public_url, &view.path()),
            })
            .collect();
        let links = footer_links(&transaction, account, public_url).await?;
        let email = mail::render(
            EmailTemplate::Digest {
                name: &account.display_name,
                items: &items,
                settings_link: &links.settings,
                unsubscribe_link: &links.unsubscribe,
            },
            locale,
            &account.email,
        );
        mail::enqueue(&transaction, with_unsubscribe_headers(email, &links))
            .await
            .map_err(|error| DbErr::Custom(format!("{error}")))?;
        sent = true;
    }
    mark(&transaction, &ids, None).await?;
    transaction.commit().await?;
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn the_digest_is_due_from_seven_in_the_morning_oslo_time() {
        // 05:59 UTC in winter is 06:59 in Oslo.
        let at = |hour, minute| {
            Utc.with_ymd_and_hms(2026, 12, 1, hour, minute, 0)
                .single()
                .unwrap_or_default()
        };
        let (before, after) = (at(5, 59), at(6, 0));
        assert_eq!(due_day(before), None);
        assert_eq!(due_day(after).as_deref(), Some("2026-12-01"));
        // Late evening in Oslo is still that day; half past midnight is the
        // next day, whose digest waits for the morning.
        assert_eq!(due_day(at(22, 30)).as_deref(), Some("2026-12-01"));
        assert_eq!(due_day(at(23, 30)), None);
    }
}
