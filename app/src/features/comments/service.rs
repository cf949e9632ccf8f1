//! The rules of writing comments: who may write, reply, change and delete.
//! Counts (`idea.comment_count`, `comment.reply_count`) change in the
//! transaction that adds or deletes the comment.

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DatabaseTransaction, DbErr, EntityTrait, QueryFilter,
};

use super::input::CommentText;
use super::types::{DEEPEST, EDIT_WINDOW_MINUTES};
use crate::entities::{account, comment, idea};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::follows::{service as follows, types::Subject};
use crate::features::ideas::service as ideas;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;

/// The idea takes comments: its status allows them and it is not hidden.
pub(super) fn takes_comments(found: &idea::Model) -> bool {
    found.hidden_at.is_none() && found.status.accepts_comments()
}

/// Writes a comment on idea `idea_id`, or a reply to `parent_id` there.
/// Returns the new comment's id. The writer follows the idea from then on,
/// and the author of the comment replied to is told. A comment from an
/// account younger than `hold_days` days waits for a moderator's approval
/// (0: none wait); until then only its author sees it, and it counts nowhere.
pub async fn post(
    db: &DatabaseConnection,
    viewer: &Viewer,
    idea_id: i64,
    parent_id: Option<i64>,
    text: CommentText,
    hold_days: u32,
) -> Result<i64, AppError> {
    viewer.require_participant()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let on_idea = ideas::readable(&transaction, Some(viewer), idea_id).await?;
    if !takes_comments(&on_idea) {
        return Err(AppError::invalid("body", Problem::CommentsClosed));
    }
    let parent = match parent_id {
        Some(id) => Some(
            comment::Entity::find_by_id(id)
                .one(&transaction)
                .await?
                .filter(|found| found.idea_id == idea_id)
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let depth = parent.as_ref().map_or(0, |parent| parent.depth + 1);
    if depth > DEEPEST {
        return Err(AppError::invalid("body", Problem::ThreadTooDeep));
    }
    if let Some(parent) = &parent {
        if parent.held_at.is_some() && parent.author_id != Some(viewer.account_id) {
            return Err(AppError::NotFound);
        }
        if parent.deleted_at.is_some() || parent.hidden_at.is_some() {
            return Err(AppError::invalid("body", Problem::CommentDeleted));
        }
    }
    let now = Utc::now();
    // Staff, moderators and admins are known; their comments are never held.
    let held = viewer.roles.is_empty()
        && is_new_account(&transaction, viewer.account_id, hold_days, now).await?;
    let created = comment::ActiveModel {
        idea_id: Set(idea_id),
        parent_id: Set(parent_id),
        author_id: Set(Some(viewer.account_id)),
        depth: Set(depth),
        stance: Set(text.stance),
        body: Set(text.body),
        support_count: Set(0),
        reply_count: Set(0),
        created_at: Set(now),
        edited_at: Set(None),
        deleted_at: Set(None),
        held_at: Set(held.then_some(now)),
        ..Default::default()
    }
    .insert(&transaction)
    .await?;
    if !held {
        announce(&transaction, &created).await?;
    }
    follows::follow_automatically(&transaction, viewer.account_id, Subject::Idea(idea_id)).await?;
    transaction.commit().await?;
    Ok(created.id)
}

/// Whether `account_id` was created less than `days` days before `now`.
async fn is_new_account(
    db: &impl ConnectionTrait,
    account_id: i64,
    days: u32,
    now: chrono::DateTime<Utc>,
) -> Result<bool, DbErr> {
    if days == 0 {
        return Ok(false);
    }
    let created_at = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .map(|found| found.created_at);
    Ok(created_at.is_some_and(|at| now - at < Duration::days(i64::from(days))))
}

/// Makes a comment count, once it is public: the idea's and its parent's
/// counts move, and the author of the comment replied to is told. Runs
/// when the comment is written, or when a moderator approves a held one.
pub(crate) async fn announce(
    db: &DatabaseTransaction,
    created: &comment::Model,
) -> Result<(), DbErr> {
    let idea_id = created.idea_id;
    count_comment(db, idea_id, 1).await?;
    let parent = match created.parent_id {
        Some(id) => comment::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    if let Some(parent) = &parent {
        comment::Entity::update_many()
            .col_expr(
                comment::Column::ReplyCount,
                Expr::col(comment::Column::ReplyCount).add(1),
            )
            .filter(comment::Column::Id.eq(parent.id))
            .exec(db)
            .await?;
        if let (Some(parent_author), Some(author)) = (parent.author_id, created.author_id) {
            notifications::send(
                db,
                Notice::new(Kind::Reply)
                    .idea(idea_id)
                    .comment(created.id)
                    .actor(author),
                Recipients::Account(parent_author),
                Some(author),
            )
            .await?;
        }
    }
    Ok(())
}

/// The comment if `viewer` wrote it and it is not deleted.
async fn own_comment(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<comment::Model, AppError> {
    let found = comment::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    ideas::readable(db, Some(viewer), found.idea_id).await?;
    if found.author_id != Some(viewer.account_id) {
        return Err(AppError::Forbidden);
    }
    if found.deleted_at.is_some() {
        return Err(AppError::invalid("body", Problem::CommentDeleted));
    }
    Ok(found)
}

pub(super) fn edit_until(found: &comment::Model) -> chrono::DateTime<Utc> {
    found.created_at + Duration::minutes(EDIT_WINDOW_MINUTES)
}

/// Changes the author's own comment within its first 15 minutes; it is
/// marked edited. Returns the idea's id.
pub async fn edit(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    text: CommentText,
) -> Result<i64, AppError> {
    // Deleting stays open to a suspended author; changing is taking part.
    viewer.require_participant()?;
    let found = own_comment(db, viewer, id).await?;
    let now = Utc::now();
    if now > edit_until(&found) {
        return Err(AppError::invalid("body", Problem::CommentEditWindowClosed));
    }
    let idea_id = found.idea_id;
    let unchanged = found.body == text.body && found.stance == text.stance;
    if unchanged {
        return Ok(idea_id);
    }
    let mut change: comment::ActiveModel = found.into();
    change.body = Set(text.body);
    change.stance = Set(text.stance);
    change.edited_at = Set(Some(now));
    change.update(db).await?;
    Ok(idea_id)
}

/// The author deletes their comment: its text, stance and name go, its
/// place and replies stay. Deleting twice is harmless. Returns the idea's id.
pub async fn delete(db: &DatabaseConnection, viewer: &Viewer, id: i64) -> Result<i64, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let found = match own_comment(&transaction, viewer, id).await {
        Err(AppError::Validation {
            problem: Problem::CommentDeleted,
            ..
        }) => {
            let idea_id = comment::Entity::find_by_id(id)
                .one(&transaction)
                .await?
                .map_or(0, |found| found.idea_id);
            return Ok(idea_id);
        }
        other => other?,
    };
    let idea_id = found.idea_id;
    let deleted = comment::Entity::update_many()
        .col_expr(comment::Column::DeletedAt, Expr::value(Utc::now()))
        .col_expr(comment::Column::Body, Expr::value(""))
        .col_expr(comment::Column::Stance, Expr::value(Option::<String>::None))
        .filter(comment::Column::Id.eq(id))
        .filter(comment::Column::DeletedAt.is_null())
        .exec(&transaction)
        .await?;
    // A held comment never counted.
    if deleted.rows_affected == 1 && found.held_at.is_none() {
        count_comment(&transaction, idea_id, -1).await?;
    }
    transaction.commit().await?;
    Ok(idea_id)
}

/// Moves the idea's comment count (comments not deleted) and its hot score.
async fn count_comment(db: &DatabaseTransaction, idea_id: i64, by: i32) -> Result<(), DbErr> {
    idea::Entity::update_many()
        .col_expr(
            idea::Column::CommentCount,
            Expr::col(idea::Column::CommentCount).add(by),
        )
        .filter(idea::Column::Id.eq(idea_id))
        .exec(db)
        .await?;
    ideas::rescore(db, idea_id).await?;
    Ok(())
}
