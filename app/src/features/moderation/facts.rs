//! What moderation needs to know about an item (who wrote it, what it is
//! called, whether it is hidden or held) and the one place that hides and
//! shows content, whichever table it lives in.

use chrono::Utc;
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, Query};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait};

use super::types::{Hidden, Item};
use crate::entities::{account, challenge, comment, idea};
use crate::error::AppError;
use crate::features::ideas::status::IdeaStatus;
use crate::features::notifications::service::Notice;
use crate::features::notifications::types::Kind;

/// An item as moderation sees it.
#[derive(Clone, Debug)]
pub struct Facts {
    pub item: Item,
    /// Who wrote it (for an account: the account itself).
    pub author_id: Option<i64>,
    /// The idea's or challenge's title, the commented idea's, or the name.
    pub title: String,
    /// The Markdown in question (empty for an account).
    pub body: String,
    /// The idea a comment belongs to (for links and notifications).
    pub idea_id: Option<i64>,
    pub hidden: Option<Hidden>,
    /// Waiting for a moderator's approval (pre-moderation).
    pub held: bool,
    /// Anyone may read it today (not a draft, not held).
    pub public: bool,
}

impl Facts {
    /// A notification about this item.
    pub fn notice(&self, kind: Kind) -> Notice {
        let notice = Notice::new(kind);
        match self.item {
            Item::Idea(id) => notice.idea(id),
            Item::Comment(id) => notice.idea(self.idea_id.unwrap_or_default()).comment(id),
            Item::Challenge(id) => notice.challenge(id),
            Item::Account(_) => notice,
        }
    }

    /// Where the item is read.
    pub fn path(&self) -> String {
        match self.item {
            Item::Idea(id) => format!("/ideas/{id}"),
            Item::Comment(id) => format!(
                "/ideas/{}/comments/{id}#comment-{id}",
                self.idea_id.unwrap_or_default()
            ),
            Item::Challenge(id) => format!("/challenges/{id}"),
            Item::Account(_) => String::new(),
        }
    }

    /// "«title»" (and which comment), for the audit log.
    pub fn describe(&self) -> String {
        match self.item {
            Item::Comment(id) => format!("comment {id} on «{}»", self.title),
            _ => format!("«{}»", self.title),
        }
    }
}

/// The item's facts, or `NotFound`.
pub async fn facts(db: &impl ConnectionTrait, item: Item) -> Result<Facts, AppError> {
    let facts = match item {
        Item::Idea(id) => idea::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|found| Facts {
                item,
                author_id: found.author_id,
                public: found.status.is_public(),
                held: found.status == IdeaStatus::AwaitingApproval,
                title: found.title,
                body: found.body,
                idea_id: Some(id),
                hidden: Hidden::from_columns(found.hidden_at, found.hidden_reason),
            }),
        Item::Comment(id) => match comment::Entity::find_by_id(id).one(db).await? {
            Some(found) => {
                let on_idea = idea::Entity::find_by_id(found.idea_id)
                    .one(db)
                    .await?
                    .ok_or(AppError::NotFound)?;
                Some(Facts {
                    item,
                    author_id: found.author_id,
                    title: on_idea.title,
                    body: found.body,
                    idea_id: Some(found.idea_id),
                    hidden: Hidden::from_columns(found.hidden_at, found.hidden_reason),
                    held: found.held_at.is_some(),
                    public: found.held_at.is_none()
                        && found.deleted_at.is_none()
                        && on_idea.status.is_public(),
                })
            }
            None => None,
        },
        Item::Challenge(id) => challenge::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|found| Facts {
                item,
                author_id: found.proposed_by,
                public: found.state.is_public(),
                held: false,
                title: found.title,
                body: found.problem,
                idea_id: None,
                hidden: Hidden::from_columns(found.hidden_at, found.hidden_reason),
            }),
        Item::Account(id) => account::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|found| Facts {
                item,
                author_id: Some(id),
                title: found.display_name,
                body: String::new(),
                idea_id: None,
                hidden: None,
                held: false,
                public: true,
            }),
    };
    facts.ok_or(AppError::NotFound)
}

/// The table an item's row is in; accounts are never hidden.
fn table(item: Item) -> Option<&'static str> {
    match item {
        Item::Idea(_) => Some("idea"),
        Item::Comment(_) => Some("comment"),
        Item::Challenge(_) => Some("challenge"),
        Item::Account(_) => None,
    }
}

/// Hides the content: by a moderator with `reason` (shown publicly), or by
/// reports with none. `only_if_shown` hides only content that is not hidden
/// yet, so reports racing each other hide it once. Whether a row changed.
pub async fn hide(
    db: &impl ConnectionTrait,
    item: Item,
    reason: Option<&str>,
    only_if_shown: bool,
) -> Result<bool, DbErr> {
    let Some(table) = table(item) else {
        return Ok(false);
    };
    let mut update = Query::update()
        .table(Alias::new(table))
        .value(Alias::new("hidden_at"), Utc::now())
        .value(Alias::new("hidden_reason"), reason.map(str::to_owned))
        .and_where(Expr::col(Alias::new("id")).eq(item.id()))
        .to_owned();
    if only_if_shown {
        update.and_where(Expr::col(Alias::new("hidden_at")).is_null());
    }
    Ok(db.execute(&update).await?.rows_affected() == 1)
}

/// Shows hidden content again. Whether it was hidden.
pub async fn show(db: &impl ConnectionTrait, item: Item) -> Result<bool, DbErr> {
    let Some(table) = table(item) else {
        return Ok(false);
    };
    let update = Query::update()
        .table(Alias::new(table))
        .value(
            Alias::new("hidden_at"),
            Option::<chrono::DateTime<Utc>>::None,
        )
        .value(Alias::new("hidden_reason"), Option::<String>::None)
        .and_where(Expr::col(Alias::new("id")).eq(item.id()))
        .and_where(Expr::col(Alias::new("hidden_at")).is_not_null())
        .to_owned();
    Ok(db.execute(&update).await?.rows_affected() == 1)
}
