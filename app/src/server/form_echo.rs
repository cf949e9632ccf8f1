//! What someone typed into a form the server refused, kept on the server
//! for an hour while the refusal travels back to the form in an address.
//!
//! A plain form post (no JavaScript) that fails is redirected back to its
//! page with the error in the address (`?__err=`), echo and all. A long
//! idea made that address larger than ordinary proxies accept (nginx and
//! Apache stop at about 8 KB and answer 414 or 502, and the text is lost),
//! and wrote the typed text into every access log on the way. The server's
//! middleware (`server/src/form_echo.rs`) therefore sets the values aside
//! here as the redirect leaves, leaving only a random key in the address,
//! and puts them back when the page is asked for.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, Query};
use sea_orm::{ConnectionTrait, DbErr};

/// How long typed values wait for their page.
const KEPT_FOR: Duration = Duration::hours(1);

fn table() -> Alias {
    Alias::new("form_echo")
}

/// Stores `values` under `key` (a random token: whoever holds the address
/// of the refused form may read what was typed into it, and nobody else).
pub async fn keep(
    db: &impl ConnectionTrait,
    key: &str,
    values: &[(String, String)],
) -> Result<(), DbErr> {
    let fields = serde_json::to_string(values).map_err(|error| DbErr::Custom(error.to_string()))?;
    let insert = Query::insert()
        .into_table(table())
        .columns([
            Alias::new("key"),
            Alias::new("fields"),
            Alias::new("created_at"),
        ])
        .values([key.into(), fields.into(), Utc::now().into()])
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// The values set aside under `key`, while they are kept. Reading them
/// does not use them up: reloading the page shows them again.
pub async fn find(
    db: &impl ConnectionTrait,
    key: &str,
) -> Result<Option<Vec<(String, String)>>, DbErr> {
    let select = Query::select()
        .column(Alias::new("fields"))
        .from(table())
        .and_where(Expr::col(Alias::new("key")).eq(key))
        .and_where(Expr::col(Alias::new("created_at")).gt(Utc::now() - KEPT_FOR))
        .to_owned();
    let Some(row) = db.query_one(&select).await? else {
        return Ok(None);
    };
    let fields: String = row.try_get("", "fields")?;
    Ok(serde_json::from_str(&fields).ok())
}

/// Deletes what waited longer than an hour; the job worker calls it hourly.
pub async fn forget_spent(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(Alias::new("created_at")).lt(now - KEPT_FOR))
        .to_owned();
    Ok(db.execute(&delete).await?.rows_affected())
}
