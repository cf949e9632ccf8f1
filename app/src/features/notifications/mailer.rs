//! Turns written notifications into emails, as each person chose: at once,
//! later in the daily digest, or not at all. Runs in the job worker.
//!
//! Each batch is one transaction: the notifications are claimed (`FOR
//! UPDATE SKIP LOCKED`, so instances never take the same ones), their
//! emails go into the outbox, and they are marked done, all or nothing.
//! A crash in between leaves them waiting, never half sent.

use std::collections::HashMap;

use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use url::Url;

use super::service::{unsubscribe_token, views};
use super::types::{EmailChoice, NotificationView};
use crate::entities::{account, notification};
use crate::i18n::Locale;
use crate::server::mail::{self, EmailTemplate, OutgoingEmail};

/// Notifications taken per transaction.
pub const BATCH: u64 = 50;

/// `notification.email_due` values.
pub(super) const DUE_NOW: &str = "now";
pub(super) const DUE_IN_DIGEST: &str = "digest";

/// Handles up to [`BATCH`] notifications waiting for the mailer. Returns
/// how many it took, so the caller knows whether more wait.
pub async fn email_waiting(db: &DatabaseConnection, public_url: &Url) -> Result<usize, DbErr> {
    let transaction = crate::server::transactions::begin(db).await?;
    let claimed = notification::Entity::find()
        .filter(notification::Column::EmailDue.eq(DUE_NOW))
        .order_by_asc(notification::Column::Id)
        .limit(BATCH)
        .lock_with_behavior(LockType::Update, LockBehavior::SkipLocked)
        .all(&transaction)
        .await?;
    let taken = claimed.len();
    if taken == 0 {
        transaction.commit().await?;
        return Ok(0);
    }
    let accounts = accounts_of(&transaction, claimed.iter().map(|row| row.account_id)).await?;
    let mut for_digest = Vec::new();
    let mut done = Vec::new();
    for view in views(&transaction, claimed.clone()).await? {
        let Some(row) = claimed.iter().find(|row| row.id == view.id) else {
            continue;
        };
        match accounts
            .get(&row.account_id)
            .filter(|found| receives_email(found))
        {
            Some(found) if choice_of(found) == EmailChoice::Daily => for_digest.push(view.id),
            Some(found) => {
                let email = notification_email(&transaction, found, &view, public_url).await?;
                mail::enqueue(&transaction, email)
                    .await
                    .map_err(|error| DbErr::Custom(format!("{error}")))?;
                done.push(view.id);
            }
            None => done.push(view.id),
        }
    }
    // Rows whose kind this version does not know are simply done.
    let unknown: Vec<i64> = claimed
        .iter()
        .map(|row| row.id)
        .filter(|id| !done.contains(id) && !for_digest.contains(id))
        .collect();
    done.extend(unknown);
    mark(&transaction, &for_digest, Some(DUE_IN_DIGEST)).await?;
    mark(&transaction, &done, None).await?;
    transaction.commit().await?;
    Ok(taken)
}

/// Email goes only to a confirmed address whose owner has not turned it off.
pub(super) fn receives_email(account: &account::Model) -> bool {
    account.email_verified_at.is_some() && choice_of(account) != EmailChoice::Off
}

pub(super) fn choice_of(account: &account::Model) -> EmailChoice {
    account.email_notifications
}

pub(super) async fn accounts_of(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = i64>,
) -> Result<HashMap<i64, account::Model>, DbErr> {
    let mut ids: Vec<i64> = ids.collect();
    ids.sort_unstable();
    ids.dedup();
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|found| (found.id, found))
        .collect())
}

pub(super) async fn mark(
    db: &impl ConnectionTrait,
    ids: &[i64],
    email_due: Option<&str>,
) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    notification::Entity::update_many()
        .col_expr(
            notification::Column::EmailDue,
            Expr::value(email_due.map(str::to_owned)),
        )
        .filter(notification::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// The links every notification email carries: where to choose how often
/// (signed in), and the one-click unsubscribe (works signed out).
pub(super) struct FooterLinks {
    pub settings: String,
    pub unsubscribe: String,
}

pub(super) async fn footer_links(
    db: &impl ConnectionTrait,
    account: &account::Model,
    public_url: &Url,
) -> Result<FooterLinks, DbErr> {
    let token = unsubscribe_token(db, account).await?;
    let mut unsubscribe = public_url.join("unsubscribe").unwrap_or(public_url.clone());
    unsubscribe.query_pairs_mut().append_pair("token", &token);
    Ok(FooterLinks {
        settings: absolute(public_url, "/notifications"),
        unsubscribe: unsubscribe.to_string(),
    })
}

/// `List-Unsubscribe` with one-click (RFC 8058): mail programs show an
/// unsubscribe button that posts to the link, no page needed.
pub(super) fn with_unsubscribe_headers(email: OutgoingEmail, links: &FooterLinks) -> OutgoingEmail {
    email
        .with_header("List-Unsubscribe", format!("<{}>", links.unsubscribe))
        .with_header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
}

pub(super) fn absolute(public_url: &Url, path: &str) -> String {
    public_url
        .join(path.trim_start_matches('/'))
        .map(String::from)
        .unwrap_or_else(|_| path.to_owned())
}

pub(super) fn locale_of(account: &account::Model) -> Locale {
    account.locale
}

async fn notification_email(
    db: &impl ConnectionTrait,
    account: &account::Model,
    view: &NotificationView,
    public_url: &Url,
) -> Result<OutgoingEmail, DbErr> {
    let locale = locale_of(account);
    let links = footer_links(db, account, public_url).await?;
    let email = mail::render(
        EmailTemplate::Notification {
            name: &account.display_name,
            what: &view.sentence(locale),
            response: view.response.as_deref(),
            link: &absolute(public_url, &view.path()),
            settings_link: &links.settings,
            unsubscribe_link: &links.unsubscribe,
        },
        locale,
        &account.email,
    );
    Ok(with_unsubscribe_headers(email, &links))
}
