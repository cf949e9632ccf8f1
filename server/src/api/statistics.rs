//! `/api/v1/statistics`: how many public ideas there are by status, focus
//! area and actor type, and how many solution cards are published. The
//! idea counts come from `idea_tally` (kept by triggers), so the answer
//! costs the same however many ideas there are.

use std::collections::BTreeMap;

use app::entities::{idea_tally, solution};
use app::features::ideas::status::IdeaStatus;
use app::server::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use serde::Serialize;
use utoipa::ToSchema;

use super::answer;

/// Public ideas counted three ways.
#[derive(Serialize, ToSchema)]
pub struct IdeaCounts {
    pub total: i64,
    /// By status name (see the ideas list).
    pub by_status: BTreeMap<String, i64>,
    /// By focus area name.
    pub by_focus_area: BTreeMap<String, i64>,
    /// By the author's actor type.
    pub by_actor_type: BTreeMap<String, i64>,
}

/// What Samskap holds, in numbers.
#[derive(Serialize, ToSchema)]
pub struct Statistics {
    pub ideas: IdeaCounts,
    /// Published solution cards.
    pub solutions: u64,
}

/// Counts of public ideas and published solution cards.
#[utoipa::path(
    get,
    path = "/api/v1/statistics",
    tag = "statistics",
    responses(
        (status = 200, description = "The counts.", body = Statistics),
        (status = 304, description = "The reader's copy (by `ETag`) is current."),
        (status = 429, description = "Too many requests from this address.", body = answer::ApiError),
    )
)]
pub async fn statistics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let tallies = idea_tally::Entity::find()
        .filter(idea_tally::Column::Status.is_in(IdeaStatus::public_names()))
        .all(state.public_reads())
        .await;
    let solutions = solution::Entity::find()
        .filter(solution::Column::Version.gt(0))
        .count(state.public_reads())
        .await;
    let (tallies, solutions) = match (tallies, solutions) {
        (Ok(tallies), Ok(solutions)) => (tallies, solutions),
        (Err(error), _) | (_, Err(error)) => return answer::failed(&error),
    };
    let mut ideas = IdeaCounts {
        total: 0,
        by_status: BTreeMap::new(),
        by_focus_area: BTreeMap::new(),
        by_actor_type: BTreeMap::new(),
    };
    for row in tallies.into_iter().filter(|row| row.ideas > 0) {
        ideas.total += row.ideas;
        *ideas
            .by_status
            .entry(row.status.as_str().to_owned())
            .or_default() += row.ideas;
        *ideas
            .by_focus_area
            .entry(row.focus_area.as_str().to_owned())
            .or_default() += row.ideas;
        *ideas
            .by_actor_type
            .entry(row.actor_type.as_str().to_owned())
            .or_default() += row.ideas;
    }
    answer::json(&headers, &Statistics { ideas, solutions }, None)
}
