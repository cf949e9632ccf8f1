//! The staff's pipeline forms and the two staff-only reads: the board and
//! an idea's internal side. Every function refuses everyone but staff.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use super::types::{Board, IdeaWork};
use crate::error::AppError;

/// Moves idea `idea_id` to status `to`, with the reason, link or owner
/// department the move needs and the official response if staff wrote
/// one, then back to `return_to` (the board) or the idea's timeline.
#[server(endpoint = "pipeline/move")]
pub async fn move_idea(
    idea_id: i64,
    to: String,
    reason: Option<String>,
    link: Option<String>,
    response: Option<String>,
    department_id: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::service::MoveRequest;
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(), "to": to, "reason": reason, "link": link,
        "response": response, "department_id": department_id,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    let request = MoveRequest {
        to: &to,
        reason: reason.as_deref().unwrap_or_default(),
        link: link.as_deref().unwrap_or_default(),
        response: response.as_deref().unwrap_or_default(),
        department: department_id.as_deref().unwrap_or_default(),
    };
    super::service::move_idea(&app_state()?.db, &viewer, idea_id, request)
        .await
        .map_err(keep)?;
    match return_to {
        // The board's card forms come back to the board, at the card.
        Some(board) => {
            responses::back_to(Some(board), "/admin/pipeline", &format!("card-{idea_id}"))
        }
        None => responses::redirect_form_post(&format!("/ideas/{idea_id}#timeline")),
    }
    Ok(())
}

/// Publishes the municipality's official response to idea `idea_id`
/// without moving it, then back to the response at the top of the idea's
/// page. A double submit with the same key publishes it once.
#[server(endpoint = "pipeline/respond")]
pub async fn respond_to_idea(
    idea_id: i64,
    response: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::server::{app_state, idempotency, responses};

    let typed = serde_json::json!({ "idea_id": idea_id.to_string(), "response": response });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = require_staff()?;
    // The text's limit is checked before anything else is done with it.
    let text = super::responses::ResponseText::parse(&response).map_err(keep)?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    idempotency::run_once(&state.db, &key, "pipeline/respond", || {
        super::responses::respond(&state.db, &viewer, idea_id, text)
    })
    .await
    .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#official-response"));
    Ok(())
}

/// Puts a published idea into triage by hand (`nominated` "true"), or
/// takes it out again.
#[server(endpoint = "pipeline/nominate")]
pub async fn nominate_idea(idea_id: i64, nominated: String) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    let typed = serde_json::json!({ "idea_id": idea_id.to_string(), "nominated": nominated });
    super::owners::nominate(&app_state()?.db, &viewer, idea_id, nominated == "true")
        .await
        .map_err(|error| error.keeping(&typed))?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#staff-work"));
    Ok(())
}

/// Adds an owner department to an idea in review or later.
#[server(endpoint = "pipeline/owners/add")]
pub async fn add_owner(idea_id: i64, department_id: String) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(), "department_id": department_id, "owner_form": "add",
    });
    super::owners::add_owner(&app_state()?.db, &viewer, idea_id, &department_id)
        .await
        .map_err(|error| error.keeping(&typed))?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#owners"));
    Ok(())
}

/// Hands the idea away from one owner department (never the last).
#[server(endpoint = "pipeline/owners/remove")]
pub async fn remove_owner(idea_id: i64, department_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(), "department_id": department_id.to_string(),
        "owner_form": "remove",
    });
    super::owners::remove_owner(&app_state()?.db, &viewer, idea_id, department_id)
        .await
        .map_err(|error| error.keeping(&typed))?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#owners"));
    Ok(())
}

/// Links an idea in review or later to the shared goals checked on its
/// staff panel (none checked: no goals). A repeat with the same key is
/// answered as the first.
#[server(endpoint = "pipeline/goals")]
pub async fn set_idea_goals(
    idea_id: i64,
    goals: Option<Vec<i64>>,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::error::Problem;
    use crate::server::{app_state, idempotency, responses};

    let goals = goals.unwrap_or_default();
    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(),
        "goals": crate::features::goals::types::echo_of(&goals),
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = require_staff()?;
    // More goals than Samskap keeps are refused before any is looked up.
    if goals.len() > super::goals::CHOSEN_MAX {
        return Err(keep(AppError::invalid("goals", Problem::TooLong)));
    }
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    idempotency::run_once(&state.db, &key, "pipeline/goals", || {
        super::goals::set_goals(&state.db, &viewer, idea_id, &goals)
    })
    .await
    .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#goals"));
    Ok(())
}

/// Saves the viewer's scorecard for an idea under review (or revises it).
#[server(endpoint = "pipeline/score")]
pub async fn score_idea(
    idea_id: i64,
    value_for_residents: Option<String>,
    feasibility: Option<String>,
    cost: Option<String>,
    strategic_fit: Option<String>,
    comment: Option<String>,
) -> Result<(), AppError> {
    use super::evaluation::{ScorecardInput, score};
    use crate::server::{app_state, responses};

    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(), "value_for_residents": value_for_residents,
        "feasibility": feasibility, "cost": cost, "strategic_fit": strategic_fit,
        "comment": comment,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = require_staff()?;
    let values = [&value_for_residents, &feasibility, &cost, &strategic_fit]
        .map(|value| value.as_deref().unwrap_or_default());
    let input =
        ScorecardInput::parse(values, comment.as_deref().unwrap_or_default()).map_err(keep)?;
    score(&app_state()?.db, &viewer, idea_id, input)
        .await
        .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#evaluation"));
    Ok(())
}

/// Adds an internal note, which only staff read.
#[server(endpoint = "pipeline/notes/add")]
pub async fn add_note(idea_id: i64, body: String, idempotency_key: String) -> Result<(), AppError> {
    use crate::server::{app_state, idempotency, responses};

    let typed = serde_json::json!({ "idea_id": idea_id.to_string(), "body": body });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = require_staff()?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    idempotency::run_once(&state.db, &key, "pipeline/notes/add", || {
        super::notes::add(&state.db, &viewer, idea_id, &body)
    })
    .await
    .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#notes"));
    Ok(())
}

/// The signed-in member of staff, refused before their form is parsed
/// (the services check the role again, with the idea).
#[cfg(feature = "ssr")]
fn require_staff() -> Result<crate::features::accounts::types::Viewer, AppError> {
    let viewer = crate::server::auth::require_viewer()?;
    viewer.require_staff()?;
    Ok(viewer)
}

/// The staff's side of an idea: owners, internal log, scorecards, notes.
#[server(endpoint = "pipeline/work", input = server_fn::codec::GetUrl)]
pub async fn load_idea_work(idea_id: i64) -> Result<IdeaWork, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    super::work::load(&app_state()?.db, &viewer, idea_id).await
}

/// The staff board through the filter in the address.
#[server(endpoint = "pipeline/board", input = server_fn::codec::GetUrl)]
pub async fn load_pipeline_board(
    department: Option<String>,
    focus_area: Option<String>,
    challenge: Option<String>,
    goal: Option<String>,
    waiting: Option<String>,
    rank: Option<String>,
) -> Result<Board, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let filter = super::types::BoardFilter::parse(
        department.as_deref(),
        focus_area.as_deref(),
        challenge.as_deref(),
        goal.as_deref(),
        waiting.as_deref(),
        rank.as_deref(),
    );
    super::board::load(&app_state()?.db, &viewer, &filter).await
}
