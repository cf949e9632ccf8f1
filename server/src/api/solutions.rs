//! `/api/v1/solutions`: the published solution cards, searched and
//! filtered as `/solutions` does, newest first by key; and one card, its
//! newest version or an older one, with the measured effects of the idea
//! it came from. Drafts are never found.

use std::collections::BTreeMap;

use app::features::solutions::listing::SolutionQuery;
use app::features::solutions::types::{Licence, SolutionCard, SolutionView};
use app::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::answer;
use super::ideas::ApiKpi;
use super::links::{Site, next_link};

/// A card as the list carries it.
#[derive(Serialize, ToSchema)]
pub struct SolutionSummary {
    pub id: i64,
    /// Its page.
    pub url: String,
    pub title: String,
    /// The problem it meets, as plain text, cut short.
    pub excerpt: String,
    /// `idea`, `pilot`, `in_use` or `spread`.
    pub maturity: String,
    pub focus_area: String,
    /// The newest published version.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

impl SolutionSummary {
    fn of(site: &Site, card: SolutionCard) -> Self {
        Self {
            url: site.page(&format!("/solutions/{}", card.id)),
            id: card.id,
            title: card.title,
            excerpt: card.excerpt,
            maturity: card.maturity.as_str().to_owned(),
            focus_area: card.focus_area.as_str().to_owned(),
            version: card.version,
            updated_at: card.updated_at,
        }
    }
}

/// One page of cards and the address of the next.
#[derive(Serialize, ToSchema)]
pub struct SolutionPage {
    pub data: Vec<SolutionSummary>,
    /// The next page; none on the last.
    pub next: Option<String>,
}

/// The licence a card is shared under.
#[derive(Serialize, ToSchema)]
pub struct ApiLicence {
    /// `cc_by_4`, `nlod_2` or `cc0`.
    pub id: String,
    pub name: String,
    pub url: String,
}

impl From<Licence> for ApiLicence {
    fn from(licence: Licence) -> Self {
        Self {
            id: licence.as_str().to_owned(),
            name: licence.name().to_owned(),
            url: licence.url().to_owned(),
        }
    }
}

/// One published version in a card's history.
#[derive(Serialize, ToSchema)]
pub struct ApiVersion {
    pub number: i32,
    pub published_at: DateTime<Utc>,
    pub note: String,
    pub url: String,
}

/// One card, as the version asked for says it.
#[derive(Serialize, ToSchema)]
pub struct SolutionDetail {
    pub id: i64,
    pub url: String,
    /// The version these words are from.
    pub version: i32,
    pub newest_version: i32,
    pub title: String,
    /// The problem, its context and what was done, as Markdown (what an
    /// importing instance takes) and as sanitised HTML.
    pub problem: String,
    pub context: String,
    pub what_was_done: String,
    pub problem_html: String,
    pub context_html: String,
    pub what_was_done_html: String,
    /// In kroner, where known.
    pub cost_nok: Option<i64>,
    pub cost_note: String,
    /// Whom to ask, as the municipality published it.
    pub contact: String,
    pub licence: ApiLicence,
    pub maturity: String,
    pub focus_area: String,
    /// The shared goals it serves, by their bokmål names.
    pub goals: Vec<String>,
    /// The idea it was made from, if any.
    pub idea_id: Option<i64>,
    /// The measured effects: the idea's public KPIs as they are now.
    pub kpis: Vec<ApiKpi>,
    pub published_at: Option<DateTime<Utc>>,
    pub changed_at: DateTime<Utc>,
    /// Newest first.
    pub versions: Vec<ApiVersion>,
}

impl SolutionDetail {
    pub fn of(site: &Site, card: SolutionView) -> Self {
        let page = site.page(&format!("/solutions/{}", card.id));
        Self {
            id: card.id,
            version: card.number,
            newest_version: card.newest,
            title: card.text.title,
            problem: card.text.problem,
            context: card.text.context,
            what_was_done: card.text.what_was_done,
            problem_html: card.problem_html,
            context_html: card.context_html,
            what_was_done_html: card.done_html,
            cost_nok: card.text.cost_nok,
            cost_note: card.text.cost_note,
            contact: card.text.contact,
            licence: card.text.licence.into(),
            maturity: card.text.maturity.as_str().to_owned(),
            focus_area: card.text.focus_area.as_str().to_owned(),
            goals: card.goals.into_iter().map(|goal| goal.name.nb).collect(),
            idea_id: card.idea.map(|idea| idea.id),
            kpis: card.kpis.into_iter().map(ApiKpi::from).collect(),
            published_at: card.published_at,
            changed_at: card.changed_at,
            versions: card
                .history
                .into_iter()
                .map(|row| ApiVersion {
                    url: format!("{page}?version={}", row.number),
                    number: row.number,
                    published_at: row.published_at,
                    note: row.note,
                })
                .collect(),
            url: page,
        }
    }
}

/// The published solution cards, newest first.
#[utoipa::path(
    get,
    path = "/api/v1/solutions",
    tag = "solutions",
    params(
        ("q" = Option<String>, Query, description = "Search words (Norwegian search)."),
        ("area" = Option<String>, Query, description = "A focus area."),
        ("maturity" = Option<String>, Query, description = "`idea`, `pilot`, `in_use` or `spread`."),
        ("goal" = Option<i64>, Query, description = "A shared goal's id."),
        ("after" = Option<i64>, Query, description = "Where the previous page ended; take it from `next`."),
    ),
    responses(
        (status = 200, description = "Twenty cards and the next page's address.", body = SolutionPage),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 429, description = "Too many requests from this address.", body = answer::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let query = SolutionQuery::from_params(|name| params.get(name).cloned());
    let site = Site::of(&state);
    match app::features::solutions::service::list(state.public_reads(), &query, false).await {
        Ok(page) => {
            let modified = page.cards.iter().map(|card| card.updated_at).max();
            let next = page
                .next
                .map(|after| next_link(&site, "/api/v1/solutions", &query.pairs(), &after));
            let body = SolutionPage {
                data: page
                    .cards
                    .into_iter()
                    .map(|card| SolutionSummary::of(&site, card))
                    .collect(),
                next,
            };
            answer::json(&headers, &body, modified)
        }
        Err(error) => answer::from_app(&error),
    }
}

/// One published card: its newest version, or `version`.
#[utoipa::path(
    get,
    path = "/api/v1/solutions/{id}",
    tag = "solutions",
    params(
        ("id" = i64, Path, description = "The card's id."),
        ("version" = Option<i32>, Query, description = "An older version; without it, the newest."),
    ),
    responses(
        (status = 200, description = "The card.", body = SolutionDetail),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 404, description = "No published card (or version) has this id.", body = answer::ApiError),
    )
)]
pub async fn one(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return answer::not_found();
    };
    let version = match params.get("version").map(|value| value.parse::<i32>()) {
        None => None,
        Some(Ok(number)) => Some(number),
        Some(Err(_)) => return answer::not_found(),
    };
    let card =
        match app::features::solutions::service::view(state.public_reads(), id, version, false)
            .await
        {
            Ok(card) => card,
            Err(error) => return answer::from_app(&error),
        };
    let changed_at = card.changed_at;
    let body = SolutionDetail::of(&Site::of(&state), card);
    answer::json(&headers, &body, Some(changed_at))
}
