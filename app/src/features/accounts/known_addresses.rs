//! The addresses an account has signed in from. A sign-in from one of them
//! is the owner's, so the limit on failed sign-ins across all addresses
//! (which slows a guesser with many addresses) leaves it alone, and a
//! guesser cannot lock the owner out. Rows hold only a hash of (email,
//! address key), like the rate-limit buckets, and are forgotten 90 days
//! after the last sign-in from that address.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

use crate::server::tokens;

/// How long an address stays known after the last sign-in from it.
const REMEMBERED_FOR: Duration = Duration::days(90);

fn table() -> Alias {
    Alias::new("known_sign_in_address")
}

fn key_hash() -> Alias {
    Alias::new("key_hash")
}

fn last_signed_in_at() -> Alias {
    Alias::new("last_signed_in_at")
}

/// `address` is the rate-limit key of the client's address
/// (`auth::client_address_key`), so a whole IPv6 /64 is one address.
fn key(email: &str, address: &str) -> String {
    tokens::hash(&format!("known-address:{email}:{address}"))
}

/// Whether the account of `email` has signed in from `address` within the
/// last 90 days. For an email with no account the answer is simply no.
pub async fn is_known(
    db: &impl ConnectionTrait,
    email: &str,
    address: &str,
) -> Result<bool, DbErr> {
    let select = Query::select()
        .column(key_hash())
        .from(table())
        .and_where(Expr::col(key_hash()).eq(key(email, address)))
        .and_where(Expr::col(last_signed_in_at()).gt(Utc::now() - REMEMBERED_FOR))
        .to_owned();
    Ok(db.query_one(&select).await?.is_some())
}

/// Notes a successful sign-in to the account of `email` from `address`.
pub async fn remember(db: &impl ConnectionTrait, email: &str, address: &str) -> Result<(), DbErr> {
    let insert = Query::insert()
        .into_table(table())
        .columns([key_hash(), last_signed_in_at()])
        .values([key(email, address).into(), Utc::now().into()])
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .on_conflict(
            OnConflict::column(key_hash())
                .update_column(last_signed_in_at())
                .to_owned(),
        )
        .to_owned();
    db.execute(&insert).await?;
    Ok(())
}

/// Forgets the addresses nobody has signed in from for 90 days; the job
/// worker calls it hourly.
pub async fn forget_unseen(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let delete = Query::delete()
        .from_table(table())
        .and_where(Expr::col(last_signed_in_at()).lt(now - REMEMBERED_FOR))
        .to_owned();
    Ok(db.execute(&delete).await?.rows_affected())
}
