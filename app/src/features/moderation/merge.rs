//! Merging duplicate ideas, the one way an idea becomes "duplicate". The
//! merged idea's supports move to the target (a person who supports both
//! keeps one), and `idea_merge_support` remembers every one of them, so an
//! undo gives each idea back exactly the supports it had.

use std::collections::HashSet;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, OnConflict};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, DatabaseTransaction,
    DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};

use crate::entities::{idea, idea_merge, idea_merge_support, idea_support};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};
use crate::features::ideas::lifecycle::{self, StatusChange};
use crate::features::ideas::service as ideas;
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::transitions::{self, By};
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;
use crate::features::settings::types::Thresholds;
use crate::features::supports::service as supports;

/// The idea a merge may take from: one the transition table lets a
/// moderator mark duplicate.
fn mergeable(found: &idea::Model) -> bool {
    transitions::find(found.status, IdeaStatus::Duplicate, By::Moderator).is_some()
}

/// The idea a merge may go into: public, and not closed as a duplicate or
/// withdrawn.
fn takes_merges(found: &idea::Model) -> bool {
    let status = found.status;
    status.is_public() && !matches!(status, IdeaStatus::Duplicate | IdeaStatus::Withdrawn)
}

/// Merges idea `from_id` into `into_id`: `from` becomes a duplicate that
/// links to `into`, its supporters' supports move there, and they are told.
pub async fn merge(
    db: &DatabaseConnection,
    moderator: &Viewer,
    from_id: i64,
    into_id: i64,
    thresholds: &Thresholds,
) -> Result<(), AppError> {
    moderator.require_moderator()?;
    if from_id == into_id {
        return Err(AppError::invalid("into", Problem::CannotMerge));
    }
    let transaction = crate::server::transactions::begin(db).await?;
    let from = find(&transaction, from_id).await?;
    // A repeated request (a double click) finds the merge done.
    if from.status == IdeaStatus::Duplicate && from.duplicate_of_id == Some(into_id) {
        return Ok(());
    }
    let into = find(&transaction, into_id)
        .await
        .map_err(|_| AppError::invalid("into", Problem::CannotMerge))?;
    if !mergeable(&from) || !takes_merges(&into) {
        return Err(AppError::invalid("into", Problem::CannotMerge));
    }
    // A second, racing merge of the same idea finds it moved (`Conflict`).
    let now = Utc::now();
    let change = StatusChange::new(from_id, from.status, IdeaStatus::Duplicate, By::Moderator)
        .actor(moderator.account_id)
        .merged_into(into_id);
    lifecycle::change_status(&transaction, change).await?;
    let merge = idea_merge::ActiveModel {
        from_idea_id: Set(from_id),
        into_idea_id: Set(into_id),
        previous_status: Set(from.status),
        merged_by: Set(Some(moderator.account_id)),
        merged_at: Set(now),
        undone_at: Set(None),
        ..Default::default()
    }
    .insert(&transaction)
    .await?;
    let moved = move_supports(&transaction, merge.id, &from, &into).await?;
    notifications::send(
        &transaction,
        Notice::new(Kind::IdeaMerged)
            .idea(into_id)
            .detail(from.title.clone()),
        Recipients::Supporters(from_id),
        Some(moderator.account_id),
    )
    .await?;
    if let Some(author) = from.author_id {
        notifications::send(
            &transaction,
            Notice::new(Kind::IdeaStatus)
                .idea(from_id)
                .detail(IdeaStatus::Duplicate.as_str()),
            Recipients::Account(author),
            Some(moderator.account_id),
        )
        .await?;
    }
    idea_support::Entity::delete_many()
        .filter(idea_support::Column::IdeaId.eq(from_id))
        .exec(&transaction)
        .await?;
    recount(&transaction, from_id).await?;
    if let Some(counted) = recount(&transaction, into_id).await?
        && moved > 0
    {
        supports::reach_threshold(&transaction, &counted, thresholds, moderator.account_id).await?;
    }
    audit::record(
        &transaction,
        moderator,
        AuditAction::IdeasMerged,
        AuditSubject::Idea(from_id),
        format!(
            "«{}» → #{into_id} «{}» ({moved} supports moved)",
            from.title, into.title
        ),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Records every support of `from` and adds to `into` those of people who
/// do not support it yet (nor wrote it). Returns how many moved.
async fn move_supports(
    db: &DatabaseTransaction,
    merge_id: i64,
    from: &idea::Model,
    into: &idea::Model,
) -> Result<usize, DbErr> {
    let supports = idea_support::Entity::find()
        .filter(idea_support::Column::IdeaId.eq(from.id))
        .all(db)
        .await?;
    if supports.is_empty() {
        return Ok(0);
    }
    let already: HashSet<i64> = idea_support::Entity::find()
        .select_only()
        .column(idea_support::Column::AccountId)
        .filter(idea_support::Column::IdeaId.eq(into.id))
        .filter(
            idea_support::Column::AccountId
                .is_in(supports.iter().map(|support| support.account_id)),
        )
        .into_tuple::<i64>()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let moves =
        |account_id: i64| !already.contains(&account_id) && into.author_id != Some(account_id);
    idea_merge_support::Entity::insert_many(supports.iter().map(|support| {
        idea_merge_support::ActiveModel {
            merge_id: Set(merge_id),
            account_id: Set(support.account_id),
            supported_at: Set(support.created_at),
            moved: Set(moves(support.account_id)),
        }
    }))
    .exec(db)
    .await?;
    let moving: Vec<&idea_support::Model> = supports
        .iter()
        .filter(|support| moves(support.account_id))
        .collect();
    add_supports(
        db,
        into.id,
        moving
            .iter()
            .map(|support| (support.account_id, support.created_at)),
    )
    .await?;
    Ok(moving.len())
}

/// Undoes the latest merge of idea `from_id`: it gets its status and every
/// support back, and the supports that moved leave the target again.
pub async fn undo(
    db: &DatabaseConnection,
    moderator: &Viewer,
    from_id: i64,
) -> Result<(), AppError> {
    moderator.require_moderator()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let from = find(&transaction, from_id).await?;
    // Not (or no longer) merged: a repeated undo has nothing left to do.
    if from.status != IdeaStatus::Duplicate {
        return Ok(());
    }
    let merge = idea_merge::Entity::find()
        .filter(idea_merge::Column::FromIdeaId.eq(from_id))
        .filter(idea_merge::Column::UndoneAt.is_null())
        .order_by_desc(idea_merge::Column::Id)
        .one(&transaction)
        .await?;
    let Some(merge) = merge.filter(|merge| {
        from.status == IdeaStatus::Duplicate && from.duplicate_of_id == Some(merge.into_idea_id)
    }) else {
        return Err(AppError::invalid("merge", Problem::NotAllowedNow));
    };
    let into_id = merge.into_idea_id;
    let now = Utc::now();
    let back_to = merge.previous_status;
    let change = StatusChange::new(from_id, IdeaStatus::Duplicate, back_to, By::Moderator)
        .actor(moderator.account_id);
    match lifecycle::change_status(&transaction, change).await {
        // Another moderator's undo came first: nothing left to do.
        Err(AppError::Conflict) => return Ok(()),
        moved => moved?,
    };
    let remembered = idea_merge_support::Entity::find()
        .filter(idea_merge_support::Column::MergeId.eq(merge.id))
        .all(&transaction)
        .await?;
    let moved: Vec<i64> = remembered
        .iter()
        .filter(|support| support.moved)
        .map(|support| support.account_id)
        .collect();
    if !moved.is_empty() {
        idea_support::Entity::delete_many()
            .filter(idea_support::Column::IdeaId.eq(into_id))
            .filter(idea_support::Column::AccountId.is_in(moved.iter().copied()))
            .exec(&transaction)
            .await?;
    }
    add_supports(
        &transaction,
        from_id,
        remembered
            .iter()
            .map(|support| (support.account_id, support.supported_at)),
    )
    .await?;
    recount(&transaction, from_id).await?;
    recount(&transaction, into_id).await?;
    idea_merge::Entity::update_many()
        .col_expr(idea_merge::Column::UndoneAt, Expr::value(now))
        .filter(idea_merge::Column::Id.eq(merge.id))
        .exec(&transaction)
        .await?;
    notifications::send(
        &transaction,
        Notice::new(Kind::MergeUndone).idea(from_id),
        Recipients::Supporters(from_id),
        Some(moderator.account_id),
    )
    .await?;
    audit::record(
        &transaction,
        moderator,
        AuditAction::MergeUndone,
        AuditSubject::Idea(from_id),
        format!("«{}» ← #{into_id}", from.title),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Adds supports of idea `idea_id` by these accounts, at these times; one
/// a person already gives there stays as it is.
async fn add_supports(
    db: &DatabaseTransaction,
    idea_id: i64,
    supports: impl Iterator<Item = (i64, DateTime<Utc>)>,
) -> Result<(), DbErr> {
    let rows: Vec<idea_support::ActiveModel> = supports
        .map(|(account_id, created_at)| idea_support::ActiveModel {
            idea_id: Set(idea_id),
            account_id: Set(account_id),
            created_at: Set(created_at),
        })
        .collect();
    if rows.is_empty() {
        return Ok(());
    }
    idea_support::Entity::insert_many(rows)
        .on_conflict(
            OnConflict::columns([
                idea_support::Column::IdeaId,
                idea_support::Column::AccountId,
            ])
            .do_nothing()
            .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
    Ok(())
}

async fn find(db: &DatabaseTransaction, id: i64) -> Result<idea::Model, AppError> {
    idea::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Sets the idea's support count to its rows (and its hot score with it).
async fn recount(db: &DatabaseTransaction, id: i64) -> Result<Option<idea::Model>, DbErr> {
    let rows = idea_support::Entity::find()
        .filter(idea_support::Column::IdeaId.eq(id))
        .count(db)
        .await?;
    idea::Entity::update_many()
        .col_expr(
            idea::Column::SupportCount,
            Expr::value(i32::try_from(rows).unwrap_or(i32::MAX)),
        )
        .filter(idea::Column::Id.eq(id))
        .exec(db)
        .await?;
    ideas::rescore(db, id).await
}
