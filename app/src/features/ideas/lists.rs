//! The lists of ideas: `/ideas` with its filters, search and keyset
//! paging, "steal first" suggestions, a person's own ideas, a challenge's,
//! the home page's, and the cards they are shown as.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait as _, Query, SimpleExpr};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, FromQueryResult, QueryFilter,
    QueryOrder, QuerySelect, Select, Statement,
};

use super::listing::{Cursor, ListQuery, PAGE_SIZE, Sort};
use super::search::{self, Combine, Matches, Matching, Searched};
use super::status::IdeaStatus;
use super::types::{IdeaCard, IdeaPage, Photo, SimilarIdea};
use crate::entities::{idea, idea_photo, idea_tag};
use crate::error::AppError;
use crate::features::accounts;
use crate::features::accounts::types::{Author, Viewer};

/// One page of `/ideas`, read down the index of its sort order from where
/// the previous page ended (keyset paging: as fast on page 5 000 as on
/// page 1). A search finds the ideas that have its words; only when no
/// idea has them does it find near spellings of the titles (a typo), on
/// every page alike.
pub async fn list(db: &DatabaseConnection, query: &ListQuery) -> Result<IdeaPage, AppError> {
    let backend = db.get_database_backend();
    let Some(words) = search::condition(backend, &query.search, Combine::All, Matching::Words)
    else {
        return page_where(db, query, None).await;
    };
    let page = match page_from_the_head(db, query, words.clone()).await? {
        Some(page) => page,
        None => page_of_a_search(db, query, words.clone()).await?,
    };
    let Some(near) = search::condition(backend, &query.search, Combine::All, Matching::Near) else {
        return Ok(page);
    };
    if !page.ideas.is_empty() {
        return Ok(page);
    }
    // An empty page after a cursor is the end of the word matches, unless
    // there were none and the near ones are being paged.
    let any_with_words = query.after.is_some()
        && narrowed(idea::Entity::find(), query)
            .filter(words)
            .select_only()
            .column(idea::Column::Id)
            .into_tuple::<i64>()
            .one(db)
            .await?
            .is_some();
    if any_with_words {
        return Ok(page);
    }
    page_where(db, query, Some(near)).await
}

/// How many ideas, in the list's order, a search first looks among.
const HEAD: u64 = 200;

/// The page of a search found among the first [`HEAD`] ideas of the list
/// (after the cursor), when they hold a whole page or are all there is:
/// nothing earlier in the order was skipped, so it is exactly the page.
/// `None` when they hold less: the words are rarer than that.
///
/// Why: a word many ideas have fills a page from the head at once (two
/// index reads of a few hundred rows), where asking the full-text index
/// first would read every match (31 ms for a word all 100 000 ideas have).
async fn page_from_the_head(
    db: &DatabaseConnection,
    query: &ListQuery,
    words: SimpleExpr,
) -> Result<Option<IdeaPage>, AppError> {
    let head: Vec<i64> = in_order_after_cursor(narrowed(idea::Entity::find(), query), query)
        .select_only()
        .column(idea::Column::Id)
        .limit(HEAD)
        .into_tuple()
        .all(db)
        .await?;
    let all_there_is = (head.len() as u64) < HEAD;
    let page = page_where(db, query, Some(words.and(idea::Column::Id.is_in(head)))).await?;
    Ok((page.next.is_some() || all_there_is).then_some(page))
}

/// The page of a search whose words are rarer than the head shows: on
/// PostgreSQL, up to [`search::FEW`] matches are read from the full-text
/// index and passed to the list as ids; more are found by walking the
/// list's sort index and testing each idea, with the planner's other
/// paths off. Its estimate for a prefix query is blind, and left to
/// itself it read every match and sorted them: 134 pages a second for a
/// word one idea in 30 has at 100 000 ideas, 16 at 1 000 000. Walking
/// costs what the page needs (about 30 ideas read per match, for such a
/// word), whatever the number of ideas.
async fn page_of_a_search(
    db: &DatabaseConnection,
    query: &ListQuery,
    words: SimpleExpr,
) -> Result<IdeaPage, AppError> {
    match search::few_matches(db, Searched::Ideas, &query.search, Combine::All).await? {
        Matches::Few(ids) => page_where(db, query, Some(idea::Column::Id.is_in(ids))).await,
        Matches::NotProbed => page_where(db, query, Some(words)).await,
        Matches::Many => {
            let walk = search::planner_without(db, &["bitmapscan", "seqscan"]).await?;
            let page = page_where(&walk, query, Some(words)).await?;
            walk.commit().await?;
            Ok(page)
        }
    }
}

/// The column `query` sorts by, and its cursor's key there, if any.
fn sort_key(query: &ListQuery) -> (idea::Column, Option<sea_orm::Value>) {
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
                Cursor::Time(nanos, _) => Some(DateTime::<Utc>::from_timestamp_nanos(nanos).into()),
                _ => None,
            }),
        ),
    }
}

/// `select` in the list's order, from just after the cursor of `query`.
fn in_order_after_cursor(
    mut select: Select<idea::Entity>,
    query: &ListQuery,
) -> Select<idea::Entity> {
    let (key_column, cursor_key) = sort_key(query);
    let last_id = query.after.map(|cursor| match cursor {
        Cursor::Hot(_, id) | Cursor::Count(_, id) | Cursor::Time(_, id) => id,
    });
    if let (Some(key), Some(last_id)) = (cursor_key, last_id) {
        select = select.filter(
            Expr::tuple([Expr::col(key_column), Expr::col(idea::Column::Id)])
                .lt(Expr::tuple([Expr::val(key), Expr::val(last_id)])),
        );
    }
    select
        .order_by_desc(key_column)
        .order_by_desc(idea::Column::Id)
}

/// One page of the ideas `query` narrows to that also meet `matching`.
async fn page_where(
    db: &impl ConnectionTrait,
    query: &ListQuery,
    matching: Option<SimpleExpr>,
) -> Result<IdeaPage, AppError> {
    let mut select = narrowed(idea::Entity::find(), query);
    if let Some(matching) = matching {
        select = select.filter(matching);
    }
    let mut rows = in_order_after_cursor(select, query)
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

/// The filters of `query` on a select of ideas (its search is the
/// caller's): public ideas only (never hidden ones), the active ones
/// unless a status is chosen.
fn narrowed(mut select: Select<idea::Entity>, query: &ListQuery) -> Select<idea::Entity> {
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
    let mut found = Vec::new();
    for matching in [Matching::Words, Matching::Near] {
        let Some(condition) = search::condition(backend, title, Combine::Any, matching) else {
            continue;
        };
        found = similar_where(db, condition, except).await?;
        if !found.is_empty() {
            break;
        }
    }
    Ok(found)
}

async fn similar_where(
    db: &DatabaseConnection,
    matching: SimpleExpr,
    except: Option<i64>,
) -> Result<Vec<SimilarIdea>, AppError> {
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
            status: found.status,
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

/// Active public ideas and the distinct people who posted them, for the
/// home page, in one statement over two tallies the database keeps by
/// trigger (`idea_tally`, `people_tally`): the same cost at any size.
pub async fn numbers(db: &DatabaseConnection) -> Result<(i64, i64), AppError> {
    // The statuses are our own constants, never user input.
    let active = IdeaStatus::ACTIVE
        .iter()
        .map(|status| format!("'{}'", status.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(ideas), 0) AS BIGINT) AS ideas, \
         COALESCE((SELECT people FROM people_tally WHERE id = 1), 0) AS people \
         FROM idea_tally WHERE status IN ({active})"
    );
    let found = Numbers::find_by_statement(Statement::from_string(db.get_database_backend(), sql))
        .one(db)
        .await?;
    Ok(found.map_or((0, 0), |found| (found.ideas, found.people)))
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
pub async fn cards(
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
pub(super) async fn cards_with_photos(
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
            author.actor_type = row.author_actor_type;
            let photos = photos.remove(&row.id).unwrap_or_default();
            let card = IdeaCard {
                status: row.status,
                focus_area: row.focus_area,
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

/// How many of the ideas `select` finds are in each status, counted in one
/// pass (the board's columns, the dashboards' funnel).
pub async fn count_by_status(
    db: &impl sea_orm::ConnectionTrait,
    select: sea_orm::Select<idea::Entity>,
) -> Result<std::collections::HashMap<IdeaStatus, u64>, sea_orm::DbErr> {
    use sea_orm::QuerySelect;
    use sea_orm::sea_query::{Expr, ExprTrait as _};
    let rows: Vec<(IdeaStatus, i64)> = select
        .select_only()
        .column(idea::Column::Status)
        .column_as(Expr::col(idea::Column::Id).count(), "count")
        .group_by(idea::Column::Status)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(status, count)| (status, u64::try_from(count).unwrap_or_default()))
        .collect())
}
