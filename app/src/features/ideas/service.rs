//! The rules of ideas: drafts, publishing, the author's edit window,
//! withdrawing and who may see what. The lists are in `lists.rs`, the idea
//! page's read model in `page.rs`; every status change goes through
//! `lifecycle.rs`.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter,
};

use super::input::IdeaText;
use super::lifecycle::{self, StatusChange};
use super::ranking::hot_score;
use super::status::IdeaStatus;
use super::transitions::By;
use super::types::EDIT_WINDOW_MINUTES;
use crate::entities::{idea, idea_tag};
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::challenges::service as challenges;
use crate::features::follows::types::Subject;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;

pub(super) fn is_author(model: &idea::Model, viewer: Option<&Viewer>) -> bool {
    viewer.is_some_and(|viewer| model.author_id == Some(viewer.account_id))
}

/// Until when the author may change the idea, and whether that is now.
/// Drafts and ideas waiting for approval: always. Published: for 30
/// minutes, and only until the first support. Later stages: never.
pub(super) fn edit_window(
    model: &idea::Model,
    now: DateTime<Utc>,
) -> (bool, Option<DateTime<Utc>>) {
    match model.status {
        IdeaStatus::Draft | IdeaStatus::AwaitingApproval => (true, None),
        IdeaStatus::Published => {
            let until = model
                .published_at
                .map(|at| at + Duration::minutes(EDIT_WINDOW_MINUTES));
            let open = model.first_vote_at.is_none() && until.is_some_and(|until| now < until);
            (open, until.filter(|_| open))
        }
        _ => (false, None),
    }
}

/// The idea if `viewer` may read it: public ideas to everyone, drafts to
/// their author only, ideas awaiting approval to their author and the
/// moderators who decide on them. `NotFound` otherwise, so a draft's id
/// gives nothing away.
pub(crate) async fn readable(
    db: &impl ConnectionTrait,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<idea::Model, AppError> {
    idea::Entity::find_by_id(id)
        .one(db)
        .await?
        .filter(|found| {
            let status = found.status;
            status.is_public()
                || is_author(found, viewer)
                || (status == IdeaStatus::AwaitingApproval && viewer.is_some_and(Viewer::moderates))
        })
        .ok_or(AppError::NotFound)
}

/// The idea if `viewer` wrote it and may still change it.
pub(super) async fn editable(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<idea::Model, AppError> {
    // Changing an idea is taking part: not while suspended or banned.
    viewer.require_participant()?;
    let found = readable(db, Some(viewer), id).await?;
    if !is_author(&found, Some(viewer)) {
        return Err(AppError::Forbidden);
    }
    if !edit_window(&found, Utc::now()).0 {
        return Err(AppError::invalid("idea", Problem::EditWindowClosed));
    }
    Ok(found)
}

/// Checks that `viewer` wrote idea `id` and may still change it.
pub(super) async fn editable_by(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<(), AppError> {
    editable(db, viewer, id).await.map(|_| ())
}

/// An idea may name only a challenge that takes ideas today.
async fn check_challenge(db: &impl ConnectionTrait, text: &IdeaText) -> Result<(), AppError> {
    match text.challenge_id {
        Some(id) if !challenges::takes_ideas(db, id).await? => {
            Err(AppError::invalid("challenge_id", Problem::ChallengeNotOpen))
        }
        _ => Ok(()),
    }
}

/// Takes the idea's row lock (and marks it changed) in the caller's
/// transaction, so that changes to one idea that must count first take
/// turns: two photo uploads counting the room left, two staff handing the
/// idea's last owners away at once.
pub async fn lock_idea(db: &impl ConnectionTrait, idea_id: i64) -> Result<(), DbErr> {
    idea::Entity::update_many()
        .col_expr(idea::Column::UpdatedAt, Expr::value(Utc::now()))
        .filter(idea::Column::Id.eq(idea_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Saves a new draft; only its author sees it until it is published.
pub async fn save_draft(
    db: &DatabaseConnection,
    author: &Viewer,
    text: IdeaText,
) -> Result<i64, AppError> {
    author.require_participant()?;
    check_challenge(db, &text).await?;
    let now = Utc::now();
    let txn = crate::server::transactions::begin(db).await?;
    let created = idea::ActiveModel {
        author_id: Set(Some(author.account_id)),
        author_actor_type: Set(author.actor_type),
        title: Set(text.title),
        summary: Set(text.summary),
        body: Set(text.body),
        focus_area: Set(text.focus_area),
        district: Set(text.district),
        challenge_id: Set(text.challenge_id),
        status: Set(IdeaStatus::Draft),
        support_count: Set(0),
        comment_count: Set(0),
        hot_score: Set(0.0),
        first_vote_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        published_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    replace_tags(&txn, created.id, &text.tags).await?;
    txn.commit().await?;
    Ok(created.id)
}

/// Changes the text of the author's own idea while its edit window is open.
pub async fn update(
    db: &DatabaseConnection,
    author: &Viewer,
    id: i64,
    text: IdeaText,
) -> Result<(), AppError> {
    let found = editable(db, author, id).await?;
    if text.challenge_id != found.challenge_id {
        check_challenge(db, &text).await?;
    }
    let txn = crate::server::transactions::begin(db).await?;
    let mut change: idea::ActiveModel = found.into();
    change.title = Set(text.title);
    change.summary = Set(text.summary);
    change.body = Set(text.body);
    change.focus_area = Set(text.focus_area);
    change.district = Set(text.district);
    change.challenge_id = Set(text.challenge_id);
    change.updated_at = Set(Utc::now());
    change.update(&txn).await?;
    replace_tags(&txn, id, &text.tags).await?;
    txn.commit().await?;
    Ok(())
}

async fn replace_tags(db: &impl ConnectionTrait, id: i64, tags: &[String]) -> Result<(), AppError> {
    idea_tag::Entity::delete_many()
        .filter(idea_tag::Column::IdeaId.eq(id))
        .exec(db)
        .await?;
    if !tags.is_empty() {
        idea_tag::Entity::insert_many(tags.iter().map(|tag| idea_tag::ActiveModel {
            idea_id: Set(id),
            tag: Set(tag.clone()),
        }))
        .exec(db)
        .await?;
    }
    Ok(())
}

/// Publishes the author's draft: at once, or into the moderators' queue
/// when the municipality pre-moderates new ideas. Publishing twice is
/// harmless: an idea already on its way stays where it is, and of two
/// racing publishes (a double tap) one moves it and the other finds it
/// moved.
pub async fn publish(
    db: &DatabaseConnection,
    author: &Viewer,
    id: i64,
    pre_moderation: bool,
) -> Result<IdeaStatus, AppError> {
    author.require_participant()?;
    let found = readable(db, Some(author), id).await?;
    if !is_author(&found, Some(author)) {
        return Err(AppError::Forbidden);
    }
    if found.status != IdeaStatus::Draft {
        return Ok(found.status);
    }
    if let Some(challenge_id) = found.challenge_id
        && !challenges::takes_ideas(db, challenge_id).await?
    {
        return Err(AppError::invalid("challenge_id", Problem::ChallengeNotOpen));
    }
    let status = if pre_moderation {
        IdeaStatus::AwaitingApproval
    } else {
        IdeaStatus::Published
    };
    let txn = crate::server::transactions::begin(db).await?;
    let change =
        StatusChange::new(id, IdeaStatus::Draft, status, By::Author).actor(author.account_id);
    match lifecycle::change_status(&txn, change).await {
        // A second tap that lost the race: the idea is on its way already.
        Err(AppError::Conflict) => return current_status(&txn, id).await,
        moved => moved?,
    };
    crate::features::follows::service::follow_automatically(
        &txn,
        author.account_id,
        Subject::Idea(id),
    )
    .await?;
    txn.commit().await?;
    Ok(status)
}

/// Where idea `id` is now, for a request that lost a race to move it. Read
/// in the request's own transaction: it holds a connection (on SQLite the
/// write lock too), so asking the pool for another could wait on itself.
async fn current_status(db: &impl ConnectionTrait, id: i64) -> Result<IdeaStatus, AppError> {
    let found = idea::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(found.status)
}

/// The author takes their idea back. It stays readable, marked withdrawn.
/// Withdrawing twice is harmless.
pub async fn withdraw(db: &DatabaseConnection, author: &Viewer, id: i64) -> Result<(), AppError> {
    let found = readable(db, Some(author), id).await?;
    if !is_author(&found, Some(author)) {
        return Err(AppError::Forbidden);
    }
    let status = found.status;
    if status == IdeaStatus::Withdrawn {
        return Ok(());
    }
    if !status.can_be_withdrawn() {
        return Err(AppError::invalid("idea", Problem::CannotWithdraw));
    }
    let transaction = crate::server::transactions::begin(db).await?;
    let change =
        StatusChange::new(id, status, IdeaStatus::Withdrawn, By::Author).actor(author.account_id);
    if let Err(refused) = lifecycle::change_status(&transaction, change).await {
        // A second tap that lost the race finds the idea withdrawn.
        let lost_race = matches!(refused, AppError::Conflict)
            && current_status(&transaction, id).await? == IdeaStatus::Withdrawn;
        return if lost_race { Ok(()) } else { Err(refused) };
    }
    notifications::send(
        &transaction,
        Notice::new(Kind::IdeaStatus)
            .idea(id)
            .detail(IdeaStatus::Withdrawn.as_str()),
        Recipients::Followers(Subject::Idea(id)),
        Some(author.account_id),
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Recomputes the stored hot score from the idea's counts, after a support
/// or a comment changed them (see `ranking.rs`). Returns the idea as it now
/// stands, so the caller need not read it again.
pub async fn rescore(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<Option<idea::Model>, sea_orm::DbErr> {
    let Some(mut found) = idea::Entity::find_by_id(id).one(db).await? else {
        return Ok(None);
    };
    let Some(published_at) = found.published_at else {
        return Ok(Some(found));
    };
    found.hot_score = hot_score(found.support_count, found.comment_count, published_at);
    idea::Entity::update_many()
        .col_expr(idea::Column::HotScore, Expr::value(found.hot_score))
        .filter(idea::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(Some(found))
}

/// Whether idea `id` is a draft of `viewer`'s (publishing it counts
/// against their limit; publishing twice does not).
pub async fn is_draft_of(
    db: &impl ConnectionTrait,
    viewer: &Viewer,
    id: i64,
) -> Result<bool, AppError> {
    let found = idea::Entity::find_by_id(id).one(db).await?;
    Ok(found
        .is_some_and(|found| is_author(&found, Some(viewer)) && found.status == IdeaStatus::Draft))
}

/// Deletes the author's own draft (never a published idea).
pub async fn discard_draft(
    db: &DatabaseConnection,
    author: &Viewer,
    id: i64,
) -> Result<(), AppError> {
    let found = readable(db, Some(author), id).await?;
    if !is_author(&found, Some(author)) {
        return Err(AppError::Forbidden);
    }
    if found.status != IdeaStatus::Draft {
        return Err(AppError::invalid("idea", Problem::NotAllowedNow));
    }
    idea::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}
