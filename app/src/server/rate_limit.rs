//! Rate limits kept in the database, so they hold across app instances.
//! Each bucket counts hits in fixed windows; the hit that goes over the
//! limit is refused with `RateLimited` (HTTP 429).

use chrono::{DateTime, Duration, TimeZone, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, OnConflict, Query};
use sea_orm::{ConnectionTrait, DbErr};

use crate::error::AppError;

#[derive(Clone, Copy, Debug)]
pub struct Limit {
    pub hits: i64,
    pub per: Duration,
}

/// Counts one hit in `bucket` and refuses it if the window is already full.
/// Buckets name email addresses and IP addresses; only their hash is stored.
pub async fn hit(db: &impl ConnectionTrait, bucket: &str, limit: Limit) -> Result<(), AppError> {
    let count = count_hit(
        db,
        &super::tokens::hash(bucket),
        window_start(Utc::now(), limit.per),
    )
    .await?;
    if count > limit.hits {
        tracing::info!(bucket, "rate limit reached");
        return Err(AppError::RateLimited);
    }
    Ok(())
}

fn window_start(now: DateTime<Utc>, per: Duration) -> DateTime<Utc> {
    let width = Ord::max(per.num_seconds(), 1);
    let start = now.timestamp() - now.timestamp().rem_euclid(width);
    Utc.timestamp_opt(start, 0).single().unwrap_or(now)
}

async fn count_hit(
    db: &impl ConnectionTrait,
    bucket: &str,
    window: DateTime<Utc>,
) -> Result<i64, DbErr> {
    let table = Alias::new("rate_limit");
    let hits = Alias::new("hits");
    let insert = Query::insert()
        .into_table(table.clone())
        .columns([
            Alias::new("bucket"),
            Alias::new("window_start"),
            hits.clone(),
        ])
        .values([bucket.into(), window.into(), 1i32.into()])
        .map_err(|error| DbErr::Custom(error.to_string()))?
        .on_conflict(
            OnConflict::columns([Alias::new("bucket"), Alias::new("window_start")])
                .value(hits.clone(), Expr::col((table, hits.clone())).add(1))
                .to_owned(),
        )
        .returning_col(hits)
        .to_owned();
    let statement = db.get_database_backend().build(&insert);
    let row = db.query_one_raw(statement).await?;
    match row {
        Some(row) => Ok(i64::from(row.try_get::<i32>("", "hits")?)),
        None => Err(DbErr::Custom("rate limit upsert returned no row".into())),
    }
}

/// No limit's window is longer than this; counters older are spent.
const LONGEST_WINDOW: Duration = Duration::days(1);

/// Deletes counters of windows that ended; the job worker calls it hourly.
pub async fn forget_spent(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<u64, DbErr> {
    let delete = Query::delete()
        .from_table(Alias::new("rate_limit"))
        .and_where(Expr::col(Alias::new("window_start")).lt(now - LONGEST_WINDOW))
        .to_owned();
    Ok(db.execute(&delete).await?.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_start_on_their_boundary() {
        let at = Utc
            .timestamp_opt(1_000_000_123, 0)
            .single()
            .unwrap_or_default();
        assert_eq!(window_start(at, Duration::minutes(15)).timestamp() % 900, 0);
        assert!(window_start(at, Duration::minutes(15)) <= at);
    }
}
