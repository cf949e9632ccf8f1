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
    hit_all(db, &[(bucket, limit)]).await
}

/// Counts one hit in each bucket, in one statement (a person's and their
/// address's), and refuses if any window is already full.
pub async fn hit_all(db: &impl ConnectionTrait, buckets: &[(&str, Limit)]) -> Result<(), AppError> {
    let now = Utc::now();
    let keyed: Vec<(String, DateTime<Utc>)> = buckets
        .iter()
        .map(|(bucket, limit)| (super::tokens::hash(bucket), window_start(now, limit.per)))
        .collect();
    let counts = count_hits(db, &keyed).await?;
    for ((bucket, limit), (hashed, _)) in buckets.iter().zip(&keyed) {
        let count = counts
            .iter()
            .find(|(returned, _)| returned == hashed)
            .map_or(0, |(_, count)| *count);
        if count > limit.hits {
            tracing::info!(bucket, "rate limit reached");
            return Err(AppError::RateLimited);
        }
    }
    Ok(())
}

/// Refuses, as the next `hit` would, when `bucket`'s window is already
/// full, without counting anything. For limits that count only some
/// outcomes (failed sign-ins): peek before the work, hit after a failure.
pub async fn peek(db: &impl ConnectionTrait, bucket: &str, limit: Limit) -> Result<(), AppError> {
    let select = Query::select()
        .column(Alias::new("hits"))
        .from(Alias::new("rate_limit"))
        .and_where(Expr::col(Alias::new("bucket")).eq(super::tokens::hash(bucket)))
        .and_where(Expr::col(Alias::new("window_start")).eq(window_start(Utc::now(), limit.per)))
        .to_owned();
    let count = match db.query_one(&select).await? {
        Some(row) => i64::from(row.try_get::<i32>("", "hits")?),
        None => 0,
    };
    if count >= limit.hits {
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

/// Adds one hit to each (hashed bucket, window) and returns each bucket's
/// count after it, in one upsert.
async fn count_hits(
    db: &impl ConnectionTrait,
    buckets: &[(String, DateTime<Utc>)],
) -> Result<Vec<(String, i64)>, DbErr> {
    let table = Alias::new("rate_limit");
    let bucket = Alias::new("bucket");
    let hits = Alias::new("hits");
    let mut insert = Query::insert()
        .into_table(table.clone())
        .columns([bucket.clone(), Alias::new("window_start"), hits.clone()])
        .to_owned();
    for (hashed, window) in buckets {
        insert
            .values([hashed.as_str().into(), (*window).into(), 1i32.into()])
            .map_err(|error| DbErr::Custom(error.to_string()))?;
    }
    insert
        .on_conflict(
            OnConflict::columns([bucket.clone(), Alias::new("window_start")])
                .value(hits.clone(), Expr::col((table, hits.clone())).add(1))
                .to_owned(),
        )
        .returning(Query::returning().columns([bucket, hits]));
    let statement = db.get_database_backend().build(&insert);
    db.query_all_raw(statement)
        .await?
        .into_iter()
        .map(|row| {
            Ok((
                row.try_get::<String>("", "bucket")?,
                i64::from(row.try_get::<i32>("", "hits")?),
            ))
        })
        .collect()
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
