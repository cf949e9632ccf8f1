//! `/api/v1/ideas`: the public ideas as `/ideas` lists them (the same
//! filters, sort orders and keyset paging), and one idea with its text and
//! public KPIs. Hidden ideas, drafts and held ideas are never found; of a
//! person only the display name and actor type leave.

use std::collections::BTreeMap;

use app::features::accounts::types::Author;
use app::features::gains::types::PublicKpi;
use app::features::ideas::listing::ListQuery;
use app::features::ideas::types::IdeaCard;
use app::server::AppState;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;

use super::answer;
use super::links::{Site, next_link};

/// Who posted an idea, as its page names them.
#[derive(Serialize, ToSchema)]
pub struct ApiAuthor {
    /// None once the account is deleted.
    pub display_name: Option<String>,
    /// `resident`, `business`, `researcher`, `volunteer` or `employee`.
    pub actor_type: String,
    /// The business or organisation they post for, if any.
    pub organisation: Option<String>,
}

impl From<Author> for ApiAuthor {
    fn from(author: Author) -> Self {
        Self {
            display_name: author.display_name,
            actor_type: author.actor_type.as_str().to_owned(),
            organisation: author.organisation,
        }
    }
}

/// An idea as the list carries it.
#[derive(Serialize, ToSchema)]
pub struct IdeaSummary {
    pub id: i64,
    /// Its page.
    pub url: String,
    pub title: String,
    pub summary: String,
    /// `published`, `threshold_reached`, `under_review`, `selected`,
    /// `piloting`, `implemented`, `benefits_realised`, `declined`,
    /// `duplicate`, `solved_elsewhere` or `withdrawn`.
    pub status: String,
    /// `innovation_competence`, `steal_and_share`, `collaboration`,
    /// `co_creation` or `gain`.
    pub focus_area: String,
    pub district: Option<String>,
    pub support_count: i32,
    pub comment_count: i32,
    pub author: ApiAuthor,
    pub published_at: Option<DateTime<Utc>>,
}

impl IdeaSummary {
    fn of(site: &Site, card: IdeaCard) -> Self {
        Self {
            url: site.page(&format!("/ideas/{}", card.id)),
            id: card.id,
            title: card.title,
            summary: card.summary,
            status: card.status.as_str().to_owned(),
            focus_area: card.focus_area.as_str().to_owned(),
            district: card.district,
            support_count: card.support_count,
            comment_count: card.comment_count,
            author: card.author.into(),
            published_at: card.published_at,
        }
    }
}

/// One page of ideas and the address of the next.
#[derive(Serialize, ToSchema)]
pub struct IdeaPage {
    pub data: Vec<IdeaSummary>,
    /// The next page; none on the last.
    pub next: Option<String>,
}

/// One value measured for a KPI.
#[derive(Serialize, ToSchema)]
pub struct Reading {
    pub measured_on: NaiveDate,
    pub value: f64,
}

/// A KPI staff made public, with the values that count, oldest first.
#[derive(Serialize, ToSchema)]
pub struct ApiKpi {
    pub id: i64,
    pub name: String,
    pub unit: String,
    /// `quality_for_residents`, `time_or_cost_saved`,
    /// `employee_satisfaction`, `environment`, `value_for_business` or
    /// `other`.
    pub category: String,
    pub baseline: f64,
    pub target: f64,
    pub target_date: NaiveDate,
    /// Whether a reading has reached the target.
    pub reached: bool,
    pub readings: Vec<Reading>,
}

impl From<PublicKpi> for ApiKpi {
    fn from(kpi: PublicKpi) -> Self {
        Self {
            reached: kpi.reached(),
            id: kpi.id,
            name: kpi.name,
            unit: kpi.unit,
            category: kpi.category.as_str().to_owned(),
            baseline: kpi.baseline,
            target: kpi.target,
            target_date: kpi.target_date,
            readings: kpi
                .readings
                .into_iter()
                .map(|(measured_on, value)| Reading { measured_on, value })
                .collect(),
        }
    }
}

/// One idea with its text (sanitised HTML), tags, challenge and public
/// KPIs.
#[derive(Serialize, ToSchema)]
pub struct IdeaDetail {
    #[serde(flatten)]
    pub idea: IdeaSummary,
    pub body_html: String,
    pub tags: Vec<String>,
    pub challenge_id: Option<i64>,
    pub kpis: Vec<ApiKpi>,
}

impl IdeaDetail {
    pub fn of(
        site: &Site,
        card: IdeaCard,
        body_html: String,
        tags: Vec<String>,
        challenge_id: Option<i64>,
        kpis: Vec<PublicKpi>,
    ) -> Self {
        Self {
            idea: IdeaSummary::of(site, card),
            body_html,
            tags,
            challenge_id,
            kpis: kpis.into_iter().map(ApiKpi::from).collect(),
        }
    }
}

/// The public ideas, as `/ideas` lists them.
#[utoipa::path(
    get,
    path = "/api/v1/ideas",
    tag = "ideas",
    params(
        ("q" = Option<String>, Query, description = "Search words (Norwegian search)."),
        ("sort" = Option<String>, Query, description = "`hot` (the default), `top`, `new` or `discussed`."),
        ("status" = Option<String>, Query, description = "One status; without it, the active ones."),
        ("area" = Option<String>, Query, description = "A focus area."),
        ("district" = Option<String>, Query, description = "A district, by name."),
        ("challenge" = Option<i64>, Query, description = "A challenge's id."),
        ("tag" = Option<String>, Query, description = "A tag."),
        ("actor" = Option<String>, Query, description = "The author's actor type."),
        ("after" = Option<String>, Query, description = "Where the previous page ended; take it from `next`."),
    ),
    responses(
        (status = 200, description = "Twenty ideas and the next page's address.", body = IdeaPage),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 429, description = "Too many requests from this address.", body = answer::ApiError),
    )
)]
pub async fn list(
    State(state): State<AppState>,
    Query(params): Query<BTreeMap<String, String>>,
    headers: HeaderMap,
) -> Response {
    let query = ListQuery::from_params(|name| params.get(name).cloned());
    let site = Site::of(&state);
    match app::features::ideas::lists::list(state.public_reads(), &query).await {
        Ok(page) => {
            let modified = page.ideas.iter().filter_map(|idea| idea.published_at).max();
            let next = page
                .next
                .map(|after| next_link(&site, "/api/v1/ideas", &query.pairs(), &after));
            let body = IdeaPage {
                data: page
                    .ideas
                    .into_iter()
                    .map(|card| IdeaSummary::of(&site, card))
                    .collect(),
                next,
            };
            answer::json(&headers, &body, modified)
        }
        Err(error) => answer::from_app(&error),
    }
}

/// One public idea.
#[utoipa::path(
    get,
    path = "/api/v1/ideas/{id}",
    tag = "ideas",
    params(("id" = i64, Path, description = "The idea's id.")),
    responses(
        (status = 200, description = "The idea.", body = IdeaDetail),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 404, description = "No public idea has this id.", body = answer::ApiError),
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
    let site = Site::of(&state);
    match app::features::ideas::page::detail(state.public_reads(), None, id).await {
        Ok(detail) if detail.hidden.is_none() && detail.card.status.is_public() => {
            let modified = detail.card.published_at;
            let body = IdeaDetail::of(
                &site,
                detail.card,
                detail.body_html,
                detail.tags,
                detail.challenge.map(|challenge| challenge.id),
                detail.public_kpis,
            );
            answer::json(&headers, &body, modified)
        }
        Ok(_) => answer::not_found(),
        Err(error) => answer::from_app(&error),
    }
}
