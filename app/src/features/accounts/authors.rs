//! The public names of accounts, for what they wrote: ideas, comments,
//! team notes, the staff's log. Every feature that shows a person asks here.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use super::types::Author;
use crate::entities::account;
use crate::error::AppError;

/// Public names of accounts, for what they wrote.
pub async fn authors(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Author>, AppError> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    Ok(account::Entity::find()
        .filter(account::Column::Id.is_in(ids.to_vec()))
        .all(db)
        .await?
        .into_iter()
        .map(|found| {
            (
                found.id,
                Author {
                    display_name: Some(found.display_name),
                    actor_type: found.actor_type,
                    organisation: found.organisation,
                },
            )
        })
        .collect())
}
