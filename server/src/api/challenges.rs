//! `/api/v1/challenges`: the public co-creation challenges, newest first
//! by key, and one with its problem. Proposals, declined and hidden
//! challenges are never found.

use std::collections::BTreeMap;

use app::entities::challenge;
use app::features::challenges::types::ChallengeState;
use app::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use utoipa::ToSchema;

use super::answer;
use super::links::{Site, next_link};

const PAGE_SIZE: u64 = 20;

/// A challenge as the list carries it.
#[derive(Serialize, ToSchema)]
pub struct ChallengeSummary {
    pub id: i64,
    /// Its page.
    pub url: String,
    pub title: String,
    /// `open`, `closed`, `evaluating` or `done`.
    pub state: String,
    pub focus_area: String,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub updated_at: DateTime<Utc>,
}

/// One page of challenges and the address of the next.
#[derive(Serialize, ToSchema)]
pub struct ChallengePage {
    pub data: Vec<ChallengeSummary>,
    /// The next page; none on the last.
    pub next: Option<String>,
}

/// One challenge with its problem (sanitised HTML).
#[derive(Serialize, ToSchema)]
pub struct ChallengeDetail {
    #[serde(flatten)]
    pub challenge: ChallengeSummary,
    pub problem_html: String,
    /// Its ideas, as a list of the ideas API.
    pub ideas: String,
}

fn public_states() -> Vec<&'static str> {
    ChallengeState::ALL
        .into_iter()
        .filter(|state| state.is_public())
        .map(ChallengeState::as_str)
        .collect()
}

fn summary(site: &Site, found: challenge::Model) -> ChallengeSummary {
    ChallengeSummary {
        url: site.page(&format!("/challenges/{}", found.id)),
        id: found.id,
        title: found.title,
        state: found.state.as_str().to_owned(),
        focus_area: found.focus_area.as_str().to_owned(),
        opens_on: found.opens_on,
        closes_on: found.closes_on,
        updated_at: found.updated_at,
    }
}

fn detail(site: &Site, found: challenge::Model) -> ChallengeDetail {
    let id = found.id;
    ChallengeDetail {
        problem_html: app::markdown::render(&found.problem),
        ideas: site.page(&format!("/api/v1/ideas?challenge={id}")),
        challenge: summary(site, found),
    }
}

/// Every public challenge, oldest first: for the open data download.
pub async fn public_challenges(
    db: &sea_orm::DatabaseConnection,
    site: &Site,
) -> Result<Vec<ChallengeDetail>, sea_orm::DbErr> {
    Ok(challenge::Entity::find()
        .filter(challenge::Column::State.is_in(public_states()))
        .filter(challenge::Column::HiddenAt.is_null())
        .order_by_asc(challenge::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|found| detail(site, found))
        .collect())
}

/// The public challenges, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/challenges",
    tag = "challenges",
    params(
        ("after" = Option<i64>, Query, description = "Where the previous page ended; take it from `next`."),
    ),
    responses(
        (status = 200, description = "Twenty challenges and the next page's address.", body = ChallengePage),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 429, description = "Too many requests from this address.", body = answer::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let after = params
        .get("after")
        .and_then(|value| value.parse::<i64>().ok());
    let mut select = challenge::Entity::find()
        .filter(challenge::Column::State.is_in(public_states()))
        .filter(challenge::Column::HiddenAt.is_null());
    if let Some(after) = after {
        select = select.filter(challenge::Column::Id.lt(after));
    }
    let rows = select
        .order_by_desc(challenge::Column::Id)
        .limit(PAGE_SIZE + 1)
        .all(state.public_reads())
        .await;
    let mut rows = match rows {
        Ok(rows) => rows,
        Err(error) => return answer::failed(&error),
    };
    let more = rows.len() as u64 > PAGE_SIZE;
    rows.truncate(PAGE_SIZE as usize);
    let site = Site::of(&state);
    let next = rows
        .last()
        .filter(|_| more)
        .map(|last| next_link(&site, "/api/v1/challenges", &[], &last.id.to_string()));
    let modified = rows.iter().map(|row| row.updated_at).max();
    let body = ChallengePage {
        data: rows.into_iter().map(|row| summary(&site, row)).collect(),
        next,
    };
    answer::json(&headers, &body, modified)
}

/// One public challenge.
#[utoipa::path(
    get,
    path = "/api/v1/challenges/{id}",
    tag = "challenges",
    params(("id" = i64, Path, description = "The challenge's id.")),
    responses(
        (status = 200, description = "The challenge.", body = ChallengeDetail),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 404, description = "No public challenge has this id.", body = answer::ApiError),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return answer::not_found();
    };
    let found = match challenge::Entity::find_by_id(id)
        .one(state.public_reads())
        .await
    {
        Ok(found) => found,
        Err(error) => return answer::failed(&error),
    };
    let Some(found) = found.filter(|found| found.state.is_public() && found.hidden_at.is_none())
    else {
        return answer::not_found();
    };
    let modified = Some(found.updated_at);
    answer::json(&headers, &detail(&Site::of(&state), found), modified)
}
