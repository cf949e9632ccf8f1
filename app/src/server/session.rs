//! Server-side sessions. The browser holds a random token in an HttpOnly,
//! SameSite=Lax cookie; the database holds only its SHA-256, the account and
//! the expiry. Signing in always starts a new session (no fixation);
//! signing out deletes it.

use chrono::{DateTime, Duration, Utc};
use http::HeaderMap;
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::tokens;
use crate::entities::{account, account_role, session};
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::moderation::types::Restriction;

/// The session cookie's name over plain http (development, tests).
pub const SESSION_COOKIE: &str = "samskap_session";
/// Its name behind https. The `__Host-` prefix makes browsers accept the
/// cookie only when it is `Secure`, has `Path=/` and names no domain, so
/// neither a sibling subdomain nor a plain-http answer can plant a session
/// (session fixation) or shadow ours.
pub const SECURE_SESSION_COOKIE: &str = "__Host-samskap_session";

fn cookie_name(secure: bool) -> &'static str {
    if secure {
        SECURE_SESSION_COOKIE
    } else {
        SESSION_COOKIE
    }
}
const LIFETIME: Duration = Duration::days(30);
/// `last_seen_at` is refreshed at most this often, so reads stay reads.
const SEEN_GRANULARITY: Duration = Duration::minutes(10);

pub struct NewSession {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

pub async fn start(db: &impl ConnectionTrait, account_id: i64) -> Result<NewSession, AppError> {
    let token = tokens::random_token();
    let now = Utc::now();
    let expires_at = now + LIFETIME;
    session::Entity::insert(session::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        account_id: Set(account_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(expires_at),
    })
    .exec(db)
    .await?;
    Ok(NewSession { token, expires_at })
}

/// The account behind a session token, if the session is alive.
pub async fn viewer_for_token(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<Viewer>, AppError> {
    let now = Utc::now();
    let Some(found) = session::Entity::find_by_id(tokens::hash(token))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if found.expires_at <= now {
        session::Entity::delete_by_id(found.token_hash)
            .exec(db)
            .await?;
        return Ok(None);
    }
    let Some(owner) = account::Entity::find_by_id(found.account_id)
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if now - found.last_seen_at > SEEN_GRANULARITY {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(session::Column::TokenHash.eq(found.token_hash))
            .exec(db)
            .await?;
    }
    let roles = account_role::Entity::find()
        .filter(account_role::Column::AccountId.eq(owner.id))
        .all(db)
        .await?
        .iter()
        .map(|granted| granted.role)
        .collect();
    Ok(Some(Viewer {
        account_id: owner.id,
        email: owner.email,
        display_name: owner.display_name,
        email_verified: owner.email_verified_at.is_some(),
        actor_type: owner.actor_type,
        organisation: owner.organisation,
        locale: owner.locale,
        roles,
        restriction: Restriction::of(owner.suspended_until, owner.banned_at, now),
    }))
}

pub async fn end(db: &impl ConnectionTrait, token: &str) -> Result<(), AppError> {
    session::Entity::delete_by_id(tokens::hash(token))
        .exec(db)
        .await?;
    Ok(())
}

/// Ends every session of an account (after a password change or reset).
pub async fn end_all(db: &impl ConnectionTrait, account_id: i64) -> Result<(), AppError> {
    session::Entity::delete_many()
        .filter(session::Column::AccountId.eq(account_id))
        .exec(db)
        .await?;
    Ok(())
}

/// The session token the browser sent, if any. Behind https only the
/// `__Host-` cookie counts: a cookie of the plain name may have been set
/// by someone else.
pub fn token_from_headers(headers: &HeaderMap, secure: bool) -> Option<String> {
    super::responses::cookie_value(headers, cookie_name(secure))
        .filter(|value| !value.is_empty())
        .map(str::to_owned)
}

pub fn cookie(token: &str, expires_at: DateTime<Utc>, secure: bool) -> String {
    let max_age = (expires_at - Utc::now()).num_seconds().max(0);
    format!(
        "{}={token}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

pub fn clearing_cookie(secure: bool) -> String {
    format!(
        "{}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax{}",
        cookie_name(secure),
        if secure { "; Secure" } else { "" }
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behind_https_the_cookie_is_host_only_and_secure() {
        let set = cookie("abc", Utc::now() + Duration::days(1), true);
        assert!(
            set.starts_with("__Host-samskap_session=abc; Path=/;"),
            "{set}"
        );
        assert!(
            set.ends_with("; Secure") && !set.contains("Domain"),
            "{set}"
        );
        assert!(clearing_cookie(true).starts_with("__Host-samskap_session=;"));
        assert!(cookie("abc", Utc::now(), false).starts_with("samskap_session=abc;"));
    }

    #[test]
    fn behind_https_a_plain_named_cookie_is_not_a_session() {
        let mut headers = HeaderMap::new();
        headers.insert(
            http::header::COOKIE,
            http::HeaderValue::from_static("samskap_session=planted"),
        );
        assert_eq!(token_from_headers(&headers, true), None);
        assert_eq!(
            token_from_headers(&headers, false).as_deref(),
            Some("planted")
        );
        headers.insert(
            http::header::COOKIE,
            http::HeaderValue::from_static("samskap_session=planted; __Host-samskap_session=ours"),
        );
        assert_eq!(token_from_headers(&headers, true).as_deref(), Some("ours"));
    }
}
