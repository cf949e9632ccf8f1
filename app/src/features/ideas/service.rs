//! The rules of ideas: drafts, publishing, the author's edit window,
//! withdrawing, who may see what, and the lists.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    DbBackend, DbErr, EntityTrait, FromQueryResult, QueryFilter, QueryOrder, QuerySelect, Select,
    Statement,
};

use super::input::IdeaText;
use super::listing::{Cursor, ListQuery, PAGE_SIZE, Sort};
use super::ranking::hot_score;
use super::search::{self, Combine};
use super::status::IdeaStatus;
use super::types::{
    ChallengeLink, EDIT_WINDOW_MINUTES, IdeaCard, IdeaDetail, IdeaPage, Photo, SimilarIdea,
    ViewerOnIdea,
};
use crate::entities::{challenge, idea, idea_photo, idea_tag};
use crate::error::{AppError, Problem};
use crate::features::accounts;
use crate::features::accounts::types::{ActorType, Author, Viewer};
use crate::features::challenges::service as challenges;
use crate::features::focus_area::FocusArea;
use crate::features::follows::types::Subject;
use crate::features::moderation::types::Hidden;
use crate::features::notifications::service::{self as notifications, Notice, Recipients};
use crate::features::notifications::types::Kind;
use crate::features::pipeline::timeline;

pub(crate) fn status_of(model: &idea::Model) -> IdeaStatus {
    IdeaStatus::stored(&model.status)
}

fn is_author(model: &idea::Model, viewer: Option<&Viewer>) -> bool {
    viewer.is_some_and(|viewer| model.author_id == Some(viewer.account_id))
}

/// Until when the author may change the idea, and whether that is now.
/// Drafts and ideas waiting for approval: always. Published: for 30
/// minutes, and only until the first support. Later stages: never.
fn edit_window(model: &idea::Model, now: DateTime<Utc>) -> (bool, Option<DateTime<Utc>>) {
    match status_of(model) {
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
            let status = status_of(found);
            status.is_public()
                || is_author(found, viewer)
                || (status == IdeaStatus::AwaitingApproval && viewer.is_some_and(Viewer::moderates))
        })
        .ok_or(AppError::NotFound)
}

/// The idea if `viewer` wrote it and may still change it.
async fn editable(
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
        author_actor_type: Set(author.actor_type.as_str().to_owned()),
        title: Set(text.title),
        summary: Set(text.summary),
        body: Set(text.body),
        focus_area: Set(text.focus_area.as_str().to_owned()),
        district: Set(text.district),
        challenge_id: Set(text.challenge_id),
        status: Set(IdeaStatus::Draft.as_str().to_owned()),
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
    change.focus_area = Set(text.focus_area.as_str().to_owned());
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
/// harmless: an idea already on its way stays where it is.
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
    if status_of(&found) != IdeaStatus::Draft {
        return Ok(status_of(&found));
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
    let now = Utc::now();
    let mut change: idea::ActiveModel = found.into();
    change.status = Set(status.as_str().to_owned());
    change.published_at = Set(Some(now));
    change.hot_score = Set(hot_score(0, 0, now));
    change.updated_at = Set(now);
    let txn = crate::server::transactions::begin(db).await?;
    change.update(&txn).await?;
    crate::features::follows::service::follow_automatically(
        &txn,
        author.account_id,
        Subject::Idea(id),
    )
    .await?;
    timeline::record(
        &txn,
        id,
        Some(IdeaStatus::Draft),
        status,
        Some(author.account_id),
        None,
    )
    .await?;
    txn.commit().await?;
    Ok(status)
}

/// The author takes their idea back. It stays readable, marked withdrawn.
pub async fn withdraw(db: &DatabaseConnection, author: &Viewer, id: i64) -> Result<(), AppError> {
    let found = readable(db, Some(author), id).await?;
    if !is_author(&found, Some(author)) {
        return Err(AppError::Forbidden);
    }
    let status = status_of(&found);
    if status == IdeaStatus::Withdrawn {
        return Ok(());
    }
    if !status.can_be_withdrawn() {
        return Err(AppError::invalid("idea", Problem::CannotWithdraw));
    }
    let mut change: idea::ActiveModel = found.into();
    change.status = Set(IdeaStatus::Withdrawn.as_str().to_owned());
    change.updated_at = Set(Utc::now());
    let transaction = crate::server::transactions::begin(db).await?;
    change.update(&transaction).await?;
    timeline::record(
        &transaction,
        id,
        Some(status),
        IdeaStatus::Withdrawn,
        Some(author.account_id),
        None,
    )
    .await?;
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
    Ok(found.is_some_and(|found| {
        is_author(&found, Some(viewer)) && status_of(&found) == IdeaStatus::Draft
    }))
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
    if status_of(&found) != IdeaStatus::Draft {
        return Err(AppError::invalid("idea", Problem::NotAllowedNow));
    }
    idea::Entity::delete_by_id(id).exec(db).await?;
    Ok(())
}

pub async fn detail(
    db: &DatabaseConnection,
    viewer: Option<&Viewer>,
    id: i64,
) -> Result<IdeaDetail, AppError> {
    let found = readable(db, viewer, id).await?;
    let tags = idea_tag::Entity::find()
        .filter(idea_tag::Column::IdeaId.eq(id))
        .order_by_asc(idea_tag::Column::Tag)
        .all(db)
        .await?
        .into_iter()
        .map(|tag| tag.tag)
        .collect();
    let challenge = match found.challenge_id {
        Some(challenge_id) => challenge::Entity::find_by_id(challenge_id)
            .one(db)
            .await?
            // A hidden challenge is not named on its ideas' pages.
            .filter(|found| found.hidden_at.is_none())
            .map(|found| ChallengeLink {
                id: found.id,
                title: found.title,
            }),
        None => None,
    };
    let author = is_author(&found, viewer);
    let (can_edit, edit_until) = edit_window(&found, Utc::now());
    let (supported, following, reported) = match viewer {
        Some(viewer) => (
            crate::features::supports::service::supported_ideas(db, viewer.account_id, &[id])
                .await?
                .contains(&id),
            crate::features::follows::service::is_following(
                db,
                viewer.account_id,
                Subject::Idea(id),
            )
            .await?,
            crate::features::moderation::reports::reported_by(db, viewer.account_id, "idea", &[id])
                .await?
                .contains(&id),
        ),
        None => (false, false, false),
    };
    let hidden = Hidden::from_columns(found.hidden_at, found.hidden_reason.clone());
    let duplicate_of = match found.duplicate_of_id {
        Some(into) => idea::Entity::find_by_id(into)
            .one(db)
            .await?
            .filter(|target| target.hidden_at.is_none())
            .map(|target| ChallengeLink {
                id: target.id,
                title: target.title,
            }),
        None => None,
    };
    let viewer_on_idea = ViewerOnIdea {
        is_author: author,
        can_edit: author && can_edit,
        edit_until: edit_until.filter(|_| author),
        can_withdraw: author && status_of(&found).can_be_withdrawn(),
        signed_in: viewer.is_some(),
        email_verified: viewer.is_some_and(|viewer| viewer.email_verified),
        supported,
        following,
        reported,
        moderates: viewer.is_some_and(Viewer::moderates),
        acts_as_staff: viewer.is_some_and(Viewer::acts_as_staff),
    };
    let timeline = crate::features::pipeline::timeline::of(db, id).await?;
    let body_html = crate::markdown::render(&found.body);
    let created_at = found.created_at;
    let body = if author {
        found.body.clone()
    } else {
        String::new()
    };
    let (card, photos) = cards_with_photos(db, vec![found])
        .await?
        .pop()
        .ok_or(AppError::NotFound)?;
    let detail = IdeaDetail {
        card,
        body,
        body_html,
        tags,
        challenge,
        photos,
        created_at,
        viewer: viewer_on_idea,
        hidden,
        duplicate_of,
        timeline,
    };
    Ok(if detail.redacted() {
        redact(detail)
    } else {
        detail
    })
}

/// A hidden idea as everyone but its author and moderators receives it:
/// the notice, with nothing of what was hidden.
fn redact(detail: IdeaDetail) -> IdeaDetail {
    IdeaDetail {
        card: IdeaCard {
            title: String::new(),
            summary: String::new(),
            author: Author::deleted(),
            thumbnail: None,
            ..detail.card
        },
        body: String::new(),
        body_html: String::new(),
        tags: Vec::new(),
        challenge: None,
        photos: Vec::new(),
        timeline: Vec::new(),
        ..detail
    }
}

/// The author's own idea, while they may still change it (the edit page).
pub async fn editable_detail(
    db: &DatabaseConnection,
    author: &Viewer,
    id: i64,
) -> Result<IdeaDetail, AppError> {
    editable(db, author, id).await?;
    detail(db, Some(author), id).await
}

/// One page of `/ideas`, read down the index of its sort order from where
/// the previous page ended (keyset paging: as fast on page 5 000 as on
/// page 1).
pub async fn list(db: &DatabaseConnection, query: &ListQuery) -> Result<IdeaPage, AppError> {
    let mut select = narrowed(idea::Entity::find(), db.get_database_backend(), query);
    let (key_column, cursor_key): (idea::Column, Option<sea_orm::Value>) =
        match (query.sort, query.after) {
            (Sort::Hot, after) => (
                idea::Column::HotScore,
                after.and_then(|c| match c {
                    Cursor::Hot(k, _) => Some(k.into()),
                    _ => None,
                }),
            ),
            (Sort::Top, after) => (
                idea::Column::SupportCount,
                after.and_then(|c| match c {
                    Cursor::Count(k, _) => Some(k.into()),
                    _ => None,
                }),
            ),
            (Sort::Discussed, after) => (
                idea::Column::CommentCount,
                after.and_then(|c| match c {
                    Cursor::Count(k, _) => Some(k.into()),
                    _ => None,
                }),
            ),
            (Sort::New, after) => (
                idea::Column::PublishedAt,
                after.and_then(|c| match c {
                    Cursor::Time(nanos, _) => {
                        Some(DateTime::<Utc>::from_timestamp_nanos(nanos).into())
                    }
                    _ => None,
                }),
            ),
        };
    let last_id = query.after.map(|cursor| match cursor {
        Cursor::Hot(_, id) | Cursor::Count(_, id) | Cursor::Time(_, id) => id,
    });
    if let (Some(key), Some(last_id)) = (cursor_key, last_id) {
        select = select.filter(
            Expr::tuple([Expr::col(key_column), Expr::col(idea::Column::Id)])
                .lt(Expr::tuple([Expr::val(key), Expr::val(last_id)])),
        );
    }
    let mut rows = select
        .order_by_desc(key_column)
        .order_by_desc(idea::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(db)
        .await?;
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let next = rows.last().filter(|_| more).map(|last| {
        match query.sort {
            Sort::Hot => Cursor::Hot(last.hot_score, last.id),
            Sort::Top => Cursor::Count(i64::from(last.support_count), last.id),
            Sort::Discussed => Cursor::Count(i64::from(last.comment_count), last.id),
            Sort::New => Cursor::Time(
                last.published_at
                    .and_then(|at| at.timestamp_nanos_opt())
                    .unwrap_or_default(),
                last.id,
            ),
        }
        .encode()
    });
    Ok(IdeaPage {
        ideas: cards(db, rows).await?,
        next,
    })
}

/// The filters and search of `query` on a select of ideas: public ideas
/// only (never hidden ones), the active ones unless a status is chosen.
fn narrowed(
    mut select: Select<idea::Entity>,
    backend: DbBackend,
    query: &ListQuery,
) -> Select<idea::Entity> {
    select = select.filter(idea::Column::HiddenAt.is_null());
    select = match query.status {
        Some(status) => select.filter(idea::Column::Status.eq(status.get().as_str())),
        None => {
            select.filter(idea::Column::Status.is_in(IdeaStatus::ACTIVE.map(IdeaStatus::as_str)))
        }
    };
    if let Some(area) = query.focus_area {
        select = select.filter(idea::Column::FocusArea.eq(area.as_str()));
    }
    if let Some(district) = &query.district {
        select = select.filter(idea::Column::District.eq(district.as_str()));
    }
    if let Some(challenge) = query.challenge {
        select = select.filter(idea::Column::ChallengeId.eq(challenge));
    }
    if let Some(actor) = query.actor {
        select = select.filter(idea::Column::AuthorActorType.eq(actor.as_str()));
    }
    if let Some(tag) = &query.tag {
        select = select.filter(
            idea::Column::Id.in_subquery(
                Query::select()
                    .column(idea_tag::Column::IdeaId)
                    .from(idea_tag::Entity)
                    .and_where(idea_tag::Column::Tag.eq(tag.as_str()))
                    .to_owned(),
            ),
        );
    }
    if let Some(matching) = search::condition(backend, &query.search, Combine::All) {
        select = select.filter(matching);
    }
    select
}

/// Public ideas like `title` ("steal first"), best match first, so people
/// support an existing idea rather than post a duplicate.
pub async fn similar(
    db: &DatabaseConnection,
    title: &str,
    except: Option<i64>,
) -> Result<Vec<SimilarIdea>, AppError> {
    let backend = db.get_database_backend();
    let Some(matching) = search::condition(backend, title, Combine::Any) else {
        return Ok(Vec::new());
    };
    let public: Vec<&str> = IdeaStatus::ALL
        .into_iter()
        .filter(|status| status.is_public() && *status != IdeaStatus::Withdrawn)
        .map(IdeaStatus::as_str)
        .collect();
    let mut select = idea::Entity::find()
        .filter(idea::Column::Status.is_in(public))
        .filter(idea::Column::HiddenAt.is_null())
        .filter(matching);
    if let Some(except) = except {
        select = select.filter(idea::Column::Id.ne(except));
    }
    let rows = select
        .order_by_desc(idea::Column::SupportCount)
        .order_by_desc(idea::Column::Id)
        .limit(5)
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|found| SimilarIdea {
            id: found.id,
            status: status_of(&found),
            support_count: found.support_count,
            title: found.title,
        })
        .collect())
}

/// The viewer's own ideas, drafts included, newest first.
pub async fn mine(db: &DatabaseConnection, viewer: &Viewer) -> Result<Vec<IdeaCard>, AppError> {
    let rows = idea::Entity::find()
        .filter(idea::Column::AuthorId.eq(viewer.account_id))
        .order_by_desc(idea::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    cards(db, rows).await
}

/// The public ideas of a challenge, most supported first.
pub async fn in_challenge(
    db: &impl ConnectionTrait,
    challenge_id: i64,
) -> Result<Vec<IdeaCard>, AppError> {
    let rows = idea::Entity::find()
        .filter(idea::Column::ChallengeId.eq(challenge_id))
        .filter(idea::Column::Status.is_in(IdeaStatus::ACTIVE.map(IdeaStatus::as_str)))
        .filter(idea::Column::HiddenAt.is_null())
        .order_by_desc(idea::Column::HotScore)
        .order_by_desc(idea::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    cards(db, rows).await
}

/// The public ideas that rank highest now, for the home page.
pub async fn trending(db: &DatabaseConnection, how_many: u64) -> Result<Vec<IdeaCard>, AppError> {
    let rows = idea::Entity::find()
        .filter(idea::Column::Status.is_in(IdeaStatus::ACTIVE.map(IdeaStatus::as_str)))
        .filter(idea::Column::HiddenAt.is_null())
        .order_by_desc(idea::Column::HotScore)
        .order_by_desc(idea::Column::Id)
        .limit(how_many)
        .all(db)
        .await?;
    cards(db, rows).await
}

#[derive(FromQueryResult)]
struct Numbers {
    ideas: i64,
    people: i64,
}

/// Public ideas and the distinct people who posted them, for the home page.
pub async fn numbers(db: &DatabaseConnection) -> Result<(i64, i64), AppError> {
    let active: Vec<String> = IdeaStatus::ACTIVE
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect();
    // The statuses are our own constants, never user input.
    let sql = format!(
        "SELECT COUNT(*) AS ideas, COUNT(DISTINCT author_id) AS people FROM idea WHERE hidden_at IS NULL AND status IN ({})",
        active.join(", ")
    );
    let numbers =
        Numbers::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
            .one(db)
            .await?;
    Ok(numbers.map(|n| (n.ideas, n.people)).unwrap_or_default())
}

/// The photos of `ids`, in the order they were added.
pub(super) async fn photos_of(
    db: &impl ConnectionTrait,
    ids: &[i64],
) -> Result<HashMap<i64, Vec<Photo>>, AppError> {
    let mut by_idea: HashMap<i64, Vec<Photo>> = HashMap::new();
    if ids.is_empty() {
        return Ok(by_idea);
    }
    let rows = idea_photo::Entity::find()
        .filter(idea_photo::Column::IdeaId.is_in(ids.to_vec()))
        .order_by_asc(idea_photo::Column::Id)
        .all(db)
        .await?;
    for row in rows {
        by_idea.entry(row.idea_id).or_default().push(Photo {
            id: row.id,
            large_url: format!("/photos/{}", row.large_key),
            thumbnail_url: format!("/photos/{}", row.thumbnail_key),
            width: row.width,
            height: row.height,
            description: row.description,
        });
    }
    Ok(by_idea)
}

/// Cards for `rows`: their authors and first photos in two more queries.
async fn cards(
    db: &impl ConnectionTrait,
    rows: Vec<idea::Model>,
) -> Result<Vec<IdeaCard>, AppError> {
    Ok(cards_with_photos(db, rows)
        .await?
        .into_iter()
        .map(|(card, _)| card)
        .collect())
}

/// Cards for `rows` with every photo of each (a card shows the first):
/// their authors and photos in two more queries.
async fn cards_with_photos(
    db: &impl ConnectionTrait,
    rows: Vec<idea::Model>,
) -> Result<Vec<(IdeaCard, Vec<Photo>)>, AppError> {
    let author_ids: Vec<i64> = rows.iter().filter_map(|row| row.author_id).collect();
    let authors = accounts::authors::authors(db, &author_ids).await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let mut photos = photos_of(db, &ids).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mut author = row
                .author_id
                .and_then(|id| authors.get(&id).cloned())
                .unwrap_or_else(Author::deleted);
            // The actor type they posted as, which the filters use too.
            author.actor_type =
                ActorType::parse(&row.author_actor_type).unwrap_or(author.actor_type);
            let photos = photos.remove(&row.id).unwrap_or_default();
            let card = IdeaCard {
                status: status_of(&row),
                focus_area: FocusArea::parse("focus_area", &row.focus_area)
                    .unwrap_or(FocusArea::CoCreation),
                thumbnail: photos.first().cloned(),
                id: row.id,
                title: row.title,
                summary: row.summary,
                district: row.district,
                support_count: row.support_count,
                comment_count: row.comment_count,
                author,
                published_at: row.published_at,
            };
            (card, photos)
        })
        .collect())
}
