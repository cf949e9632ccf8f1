//! What `/feeds/solutions.atom` carries: the newest published solution
//! cards as they are now, read down the primary key, drafts left out.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::entities::solution;
use crate::error::AppError;
use crate::features::ideas::feed::{FEED_SIZE, FeedAuthor, FeedEntry};

/// The newest published cards: the problem as the summary, what was done
/// as the content.
pub async fn newest(db: &impl ConnectionTrait) -> Result<Vec<FeedEntry>, AppError> {
    Ok(solution::Entity::find()
        .filter(solution::Column::Version.gt(0))
        .order_by_desc(solution::Column::Id)
        .limit(FEED_SIZE)
        .all(db)
        .await?
        .into_iter()
        .map(|card| FeedEntry {
            path: format!("/solutions/{}", card.id),
            summary: crate::markdown::plain_text(&card.problem),
            body: card.what_was_done,
            title: card.title,
            focus_area: card.focus_area,
            author: FeedAuthor::Municipality,
            published_at: card.published_at.unwrap_or(card.created_at),
            updated_at: card.updated_at,
        })
        .collect())
}
