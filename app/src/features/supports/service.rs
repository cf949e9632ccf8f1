//! The rules of supports and the threshold.

use std::collections::HashSet;

use chrono::{Duration, Utc};
use sea_orm::sea_query::{Alias, Expr, ExprTrait as _, Func, OnConflict, Query};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QuerySelect,
};

use super::types::SupportState;
use crate::entities::{comment, comment_support, idea, idea_support};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::follows::{service as follows, types::Subject};
use crate::features::ideas::lifecycle::{self, StatusChange};
use crate::features::ideas::service as ideas;
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::transitions::By;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;
use crate::features::settings::types::Thresholds;

/// Supports or stops supporting idea `idea_id` (`support` says which). Asking
/// for what already holds changes nothing, so a double click or a retried
/// request counts once.
pub async fn set_idea_support(
    db: &DatabaseConnection,
    viewer: &Viewer,
    idea_id: i64,
    support: bool,
    thresholds: &Thresholds,
) -> Result<SupportState, AppError> {
    viewer.require_participant()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = ideas::readable(&transaction, Some(viewer), idea_id).await?;
    if found.author_id == Some(viewer.account_id) {
        return Err(AppError::invalid("idea", Problem::OwnContent));
    }
    let open = found.hidden_at.is_none() && found.status.accepts_supports();
    if !open {
        return Err(AppError::invalid("idea", Problem::VotingClosed));
    }
    let changed = toggle_row(
        &transaction,
        SupportTable::Idea,
        idea_id,
        viewer.account_id,
        support,
    )
    .await?;
    // The idea as it stands after this request: read back by the count
    // update when the support changed, or once more when it did not.
    let counted = if changed {
        count_idea_support(&transaction, idea_id, if support { 1 } else { -1 }).await?
    } else {
        idea::Entity::find_by_id(idea_id).one(&transaction).await?
    };
    if changed && support {
        follows::follow_automatically(&transaction, viewer.account_id, Subject::Idea(idea_id))
            .await?;
        if let Some(counted) = &counted {
            reach_threshold(&transaction, counted, thresholds, viewer.account_id).await?;
        }
    }
    let count = counted.map_or(0, |found| found.support_count);
    transaction.commit().await?;
    Ok(SupportState {
        supported: support,
        count,
    })
}

/// Supports or stops supporting a comment; the same rules as for ideas,
/// except that a deleted comment or one on a closed idea takes none.
pub async fn set_comment_support(
    db: &DatabaseConnection,
    viewer: &Viewer,
    comment_id: i64,
    support: bool,
) -> Result<SupportState, AppError> {
    viewer.require_participant()?;
    let transaction = crate::server::transactions::begin(db).await?;
    let found = comment::Entity::find_by_id(comment_id)
        .one(&transaction)
        .await?
        .ok_or(AppError::NotFound)?;
    let on_idea = ideas::readable(&transaction, Some(viewer), found.idea_id).await?;
    if found.author_id == Some(viewer.account_id) {
        return Err(AppError::invalid("comment", Problem::OwnContent));
    }
    if found.held_at.is_some() {
        return Err(AppError::NotFound);
    }
    if found.deleted_at.is_some() || found.hidden_at.is_some() {
        return Err(AppError::invalid("comment", Problem::CommentDeleted));
    }
    let open = on_idea.hidden_at.is_none() && on_idea.status.accepts_comments();
    if !open {
        return Err(AppError::invalid("comment", Problem::CommentsClosed));
    }
    let changed = toggle_row(
        &transaction,
        SupportTable::Comment,
        comment_id,
        viewer.account_id,
        support,
    )
    .await?;
    if changed {
        comment::Entity::update_many()
            .col_expr(
                comment::Column::SupportCount,
                Expr::col(comment::Column::SupportCount).add(if support { 1 } else { -1 }),
            )
            .filter(comment::Column::Id.eq(comment_id))
            .exec(&transaction)
            .await?;
    }
    let count = comment::Entity::find_by_id(comment_id)
        .one(&transaction)
        .await?
        .map_or(0, |found| found.support_count);
    transaction.commit().await?;
    Ok(SupportState {
        supported: support,
        count,
    })
}

#[derive(Clone, Copy)]
enum SupportTable {
    Idea,
    Comment,
}

impl SupportTable {
    fn table(self) -> &'static str {
        match self {
            Self::Idea => "idea_support",
            Self::Comment => "comment_support",
        }
    }

    fn subject_column(self) -> &'static str {
        match self {
            Self::Idea => "idea_id",
            Self::Comment => "comment_id",
        }
    }
}

/// Adds (`on`) or removes the person's support row. True when a row was
/// really added or removed; the primary key makes a second add a no-op
/// even when two requests race (the later one waits for the first and then
/// finds the row there).
async fn toggle_row(
    db: &DatabaseTransaction,
    table: SupportTable,
    subject_id: i64,
    account_id: i64,
    on: bool,
) -> Result<bool, DbErr> {
    let name = Alias::new(table.table());
    let subject = Alias::new(table.subject_column());
    let account = Alias::new("account_id");
    let result = if on {
        let insert = Query::insert()
            .into_table(name)
            .columns([subject.clone(), account.clone(), Alias::new("created_at")])
            .values_panic([subject_id.into(), account_id.into(), Utc::now().into()])
            .on_conflict(
                OnConflict::columns([subject, account])
                    .do_nothing()
                    .to_owned(),
            )
            .to_owned();
        db.execute(&insert).await?
    } else {
        let delete = Query::delete()
            .from_table(name)
            .and_where(Expr::col(subject).eq(subject_id))
            .and_where(Expr::col(account).eq(account_id))
            .to_owned();
        db.execute(&delete).await?
    };
    Ok(result.rows_affected() == 1)
}

/// Moves the idea's support count by `by` and its hot score with it; the
/// first support ever also closes the author's edit window. Returns the
/// idea as it now stands.
async fn count_idea_support(
    db: &DatabaseTransaction,
    idea_id: i64,
    by: i32,
) -> Result<Option<idea::Model>, DbErr> {
    let mut update = idea::Entity::update_many()
        .col_expr(
            idea::Column::SupportCount,
            Expr::col(idea::Column::SupportCount).add(by),
        )
        .filter(idea::Column::Id.eq(idea_id));
    if by > 0 {
        update = update.col_expr(
            idea::Column::FirstVoteAt,
            Func::coalesce([Expr::col(idea::Column::FirstVoteAt), Expr::val(Utc::now())]).into(),
        );
    }
    update.exec(db).await?;
    ideas::rescore(db, idea_id).await
}

/// After a support: if the idea is published, still inside its support
/// window and has the supports the threshold asks, it moves to "threshold
/// reached", exactly once (the update only matches a published idea, and
/// the row is locked by this transaction's count update). Followers and
/// staff are told. A later withdrawn support never moves it back.
pub(crate) async fn reach_threshold(
    db: &DatabaseTransaction,
    found: &idea::Model,
    thresholds: &Thresholds,
    supporter: i64,
) -> Result<(), AppError> {
    let idea_id = found.id;
    let now = Utc::now();
    let within_window = found.published_at.is_some_and(|published| {
        now <= published + Duration::days(i64::from(thresholds.support_window_days))
    });
    let enough = i64::from(found.support_count) >= i64::from(thresholds.support_threshold);
    if found.status != IdeaStatus::Published || !within_window || !enough {
        return Ok(());
    }
    let change = StatusChange::new(
        idea_id,
        IdeaStatus::Published,
        IdeaStatus::ThresholdReached,
        By::System,
    );
    match lifecycle::change_status(db, change).await {
        // Moved on meanwhile (a staff nomination, a withdrawal): no threshold.
        Err(AppError::Conflict) => return Ok(()),
        moved => moved?,
    };
    tracing::info!(idea = idea_id, "an idea reached the support threshold");
    notifications::send(
        db,
        Notice::new(Kind::IdeaStatus)
            .idea(idea_id)
            .detail(IdeaStatus::ThresholdReached.as_str()),
        Recipients::Followers(Subject::Idea(idea_id)),
        Some(supporter),
    )
    .await?;
    notifications::send(
        db,
        Notice::new(Kind::ThresholdReached).idea(idea_id),
        Recipients::Staff,
        None,
    )
    .await?;
    Ok(())
}

/// Which of `idea_ids` `account_id` supports.
pub async fn supported_ideas(
    db: &impl ConnectionTrait,
    account_id: i64,
    idea_ids: &[i64],
) -> Result<HashSet<i64>, DbErr> {
    supported(db, SupportTable::Idea, account_id, idea_ids).await
}

/// Which of `comment_ids` `account_id` supports.
pub async fn supported_comments(
    db: &impl ConnectionTrait,
    account_id: i64,
    comment_ids: &[i64],
) -> Result<HashSet<i64>, DbErr> {
    supported(db, SupportTable::Comment, account_id, comment_ids).await
}

async fn supported(
    db: &impl ConnectionTrait,
    table: SupportTable,
    account_id: i64,
    subject_ids: &[i64],
) -> Result<HashSet<i64>, DbErr> {
    if subject_ids.is_empty() {
        return Ok(HashSet::new());
    }
    let subject = Alias::new(table.subject_column());
    let select = Query::select()
        .column(subject.clone())
        .from(Alias::new(table.table()))
        .and_where(Expr::col(Alias::new("account_id")).eq(account_id))
        .and_where(Expr::col(subject).is_in(subject_ids.iter().copied()))
        .to_owned();
    db.query_all(&select)
        .await?
        .iter()
        .map(|row| row.try_get_by_index::<i64>(0))
        .collect()
}

/// Before an account is deleted: takes its supports back, so the counts
/// stay equal to the rows once the rows cascade away.
pub async fn forget_account(db: &DatabaseTransaction, account_id: i64) -> Result<(), DbErr> {
    let idea_ids: Vec<i64> = idea_support::Entity::find()
        .select_only()
        .column(idea_support::Column::IdeaId)
        .filter(idea_support::Column::AccountId.eq(account_id))
        .into_tuple::<i64>()
        .all(db)
        .await?;
    for idea_id in idea_ids {
        if toggle_row(db, SupportTable::Idea, idea_id, account_id, false).await? {
            count_idea_support(db, idea_id, -1).await?;
        }
    }
    let comment_ids: Vec<i64> = comment_support::Entity::find()
        .select_only()
        .column(comment_support::Column::CommentId)
        .filter(comment_support::Column::AccountId.eq(account_id))
        .into_tuple::<i64>()
        .all(db)
        .await?;
    if !comment_ids.is_empty() {
        comment::Entity::update_many()
            .col_expr(
                comment::Column::SupportCount,
                Expr::col(comment::Column::SupportCount).sub(1),
            )
            .filter(comment::Column::Id.is_in(comment_ids))
            .exec(db)
            .await?;
    }
    Ok(())
}
