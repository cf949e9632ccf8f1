//! Every form carries a hidden idempotency key (see
//! [`crate::components::forms::IdempotencyKeyField`]). A resident on a bad
//! mobile connection who taps "send" twice, or a browser that retries a POST,
//! sends the same key again; the action then runs once and the repeat gets
//! the first answer.

use std::future::Future;

use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::entities::idempotency_key::{ActiveModel, Column, Entity};
use crate::error::AppError;

/// How long a key is remembered; a retry comes within seconds, a day is generous.
const KEPT_FOR: Duration = Duration::hours(24);

/// A key as the form sent it: a UUID the server put into the form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdempotencyKey(String);

impl IdempotencyKey {
    pub fn parse(value: &str) -> Result<Self, AppError> {
        uuid::Uuid::parse_str(value.trim())
            .map(|uuid| Self(uuid.hyphenated().to_string()))
            .map_err(|_| AppError::BadRequest)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Runs `action` once for `key`. `scope` names the action (a server
/// function's path), so a key copied into another form cannot replay an
/// answer that belongs elsewhere.
///
/// - The first request claims the key, runs, and stores its answer.
/// - A repeat after that gets the stored answer without running again.
/// - A repeat while the first still runs is told so (`Conflict`).
/// - A failed action releases the key, so the corrected form can be sent.
pub async fn run_once<T, Fut>(
    db: &DatabaseConnection,
    key: &IdempotencyKey,
    scope: &str,
    action: impl FnOnce() -> Fut,
) -> Result<T, AppError>
where
    T: Serialize + DeserializeOwned,
    Fut: Future<Output = Result<T, AppError>>,
{
    forget_expired(db).await?;
    let claim = ActiveModel {
        key: Set(key.as_str().to_owned()),
        scope: Set(scope.to_owned()),
        created_at: Set(Utc::now()),
        response: Set(None),
    };
    if let Err(error) = Entity::insert(claim).exec(db).await {
        return match AppError::from(error) {
            AppError::Conflict => earlier_answer(db, key, scope).await,
            other => Err(other),
        };
    }

    match action().await {
        Ok(answer) => {
            let stored = serde_json::to_string(&answer).map_err(|error| {
                tracing::error!(%error, "cannot store an idempotent answer");
                AppError::Internal
            })?;
            Entity::update_many()
                .col_expr(Column::Response, sea_orm::sea_query::Expr::value(stored))
                .filter(Column::Key.eq(key.as_str()))
                .exec(db)
                .await?;
            Ok(answer)
        }
        Err(error) => {
            Entity::delete_by_id(key.as_str().to_owned())
                .exec(db)
                .await?;
            Err(error)
        }
    }
}

async fn earlier_answer<T: DeserializeOwned>(
    db: &DatabaseConnection,
    key: &IdempotencyKey,
    scope: &str,
) -> Result<T, AppError> {
    let Some(earlier) = Entity::find_by_id(key.as_str().to_owned()).one(db).await? else {
        // The first attempt failed and let go of the key in between: a stale repeat.
        return Err(AppError::Conflict);
    };
    if earlier.scope != scope {
        return Err(AppError::Conflict);
    }
    match earlier.response {
        Some(stored) => serde_json::from_str(&stored).map_err(|error| {
            tracing::error!(%error, "a stored idempotent answer no longer reads");
            AppError::Internal
        }),
        None => Err(AppError::Conflict),
    }
}

async fn forget_expired(db: &DatabaseConnection) -> Result<(), AppError> {
    Entity::delete_many()
        .filter(Column::CreatedAt.lt(Utc::now() - KEPT_FOR))
        .exec(db)
        .await?;
    Ok(())
}
