//! What the Atom feeds of ideas carry (`/feeds/ideas.atom`, and one per
//! challenge): the newest public ideas, hidden ones left out as they are
//! of every list, read down the index of publication time, so a feed
//! costs the same however many ideas there are.

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use super::status::IdeaStatus;
use crate::entities::{challenge, idea};
use crate::error::AppError;
use crate::features::accounts;
use crate::features::accounts::types::Author;
use crate::features::focus_area::FocusArea;

/// How many ideas a feed carries: what a reader polling every hour or so
/// needs to miss nothing.
pub const FEED_SIZE: u64 = 50;

/// Who wrote an entry, as the feed names them.
#[derive(Clone, Debug)]
pub enum FeedAuthor {
    /// A person, by display name; none once their account is deleted.
    Person(Option<String>),
    /// The municipality itself (a solution card).
    Municipality,
}

/// One idea (or solution card) as a feed entry.
#[derive(Clone, Debug)]
pub struct FeedEntry {
    /// Its page's path on this site, `/ideas/12`: also what makes the
    /// entry's id.
    pub path: String,
    pub title: String,
    pub summary: String,
    /// Markdown: the feed renders it (`crate::markdown::render`) only for
    /// a reader who does not have this copy yet.
    pub body: String,
    pub focus_area: FocusArea,
    pub author: FeedAuthor,
    pub published_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A challenge whose feed may be read: public and not hidden. Its title.
pub async fn public_challenge(db: &impl ConnectionTrait, id: i64) -> Result<String, AppError> {
    challenge::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|found| found.state.is_public() && found.hidden_at.is_none())
        .map(|found| found.title)
        .ok_or(AppError::NotFound)
}

/// The newest public ideas, of challenge `challenge` only when given.
pub async fn newest(
    db: &impl ConnectionTrait,
    challenge: Option<i64>,
) -> Result<Vec<FeedEntry>, AppError> {
    let mut select = idea::Entity::find()
        .filter(idea::Column::Status.is_in(IdeaStatus::ACTIVE.map(IdeaStatus::as_str)))
        .filter(idea::Column::HiddenAt.is_null())
        .filter(idea::Column::PublishedAt.is_not_null());
    if let Some(challenge) = challenge {
        select = select.filter(idea::Column::ChallengeId.eq(challenge));
    }
    let rows = select
        .order_by_desc(idea::Column::PublishedAt)
        .order_by_desc(idea::Column::Id)
        .limit(FEED_SIZE)
        .all(db)
        .await?;
    let author_ids: Vec<i64> = rows.iter().filter_map(|row| row.author_id).collect();
    let authors = accounts::authors::authors(db, &author_ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| FeedEntry {
            author: FeedAuthor::Person(
                row.author_id
                    .and_then(|id| authors.get(&id).cloned())
                    .unwrap_or_else(Author::deleted)
                    .display_name,
            ),
            body: row.body,
            published_at: row.published_at.unwrap_or(row.created_at),
            path: format!("/ideas/{}", row.id),
            title: row.title,
            summary: row.summary,
            focus_area: row.focus_area,
            updated_at: row.updated_at,
        })
        .collect())
}
