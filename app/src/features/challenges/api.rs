//! Server functions for challenges: load the context, check it, call the service.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{ChallengeDetail, ChallengeEditor, ChallengeLists};
use crate::error::AppError;
use crate::features::departments::types::Department;

#[server(endpoint = "challenges/lists", input = GetUrl)]
pub async fn load_challenge_lists() -> Result<ChallengeLists, AppError> {
    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    super::service::lists(state.reads_for(viewer.as_ref()), viewer.as_ref()).await
}

#[server(endpoint = "challenges/detail", input = GetUrl)]
pub async fn load_challenge(challenge_id: i64) -> Result<ChallengeDetail, AppError> {
    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    super::page::detail(
        state.reads_for(viewer.as_ref()),
        viewer.as_ref(),
        challenge_id,
    )
    .await
}

/// Every department, retired ones marked: the forms offer the others
/// (`departments::select_options`), and an edit keeps its challenge's owner.
#[server(endpoint = "challenges/departments", input = GetUrl)]
pub async fn load_department_choices() -> Result<Vec<Department>, AppError> {
    let state = crate::server::app_state()?;
    crate::features::departments::service::all(&state.db).await
}

/// Staff publish a challenge; anyone else with a confirmed address proposes one.
#[server(endpoint = "challenges/create")]
pub async fn create_challenge(
    title: String,
    problem: String,
    focus_area: String,
    department_id: Option<String>,
    opens_on: String,
    closes_on: String,
    goals: Option<Vec<i64>>,
    idempotency_key: String,
    website: Option<String>,
) -> Result<i64, AppError> {
    use super::types::ChallengeText;
    use crate::server::{anti_abuse, app_state, auth, idempotency};

    let typed = serde_json::json!({
        "title": title, "problem": problem, "focus_area": focus_area,
        "department_id": department_id, "opens_on": opens_on, "closes_on": closes_on,
        "goals": crate::features::goals::types::echo_of(goals.as_deref().unwrap_or_default()),
    });
    let keep = |error: AppError| error.keeping(&typed);
    anti_abuse::honeypot(website.as_deref())?;
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    // A participant's proposal counts as posting; staff publish freely.
    if !viewer.acts_as_staff() {
        let limits = crate::features::settings::current().limits;
        anti_abuse::limit(&state.db, anti_abuse::Action::Idea, &viewer, &limits).await?;
    }
    let text = ChallengeText::parse(
        &title,
        &problem,
        &focus_area,
        department_id.as_deref().unwrap_or_default(),
        &opens_on,
        &closes_on,
    )
    .map_err(keep)?;
    let goals = chosen_goals(goals).map_err(keep)?;
    let id = idempotency::run_once(&state.db, &key, "challenges/create", || {
        super::service::create(&state.db, &viewer, text, &goals)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/challenges/{id}"));
    Ok(id)
}

/// The goals a challenge form checked: none when no box was checked, and
/// never more than Samskap keeps (refused before any is looked up).
#[cfg(feature = "ssr")]
fn chosen_goals(goals: Option<Vec<i64>>) -> Result<Vec<i64>, AppError> {
    let goals = goals.unwrap_or_default();
    if goals.len() > crate::features::goals::types::GOALS_MAX {
        return Err(AppError::invalid("goals", crate::error::Problem::TooLong));
    }
    Ok(goals)
}

/// A challenge as staff's edit form starts from.
#[server(endpoint = "challenges/editor", input = GetUrl)]
pub async fn load_challenge_editor(challenge_id: i64) -> Result<ChallengeEditor, AppError> {
    let viewer = crate::server::auth::require_viewer()?;
    let state = crate::server::app_state()?;
    super::service::editor(&state.db, &viewer, challenge_id).await
}

/// Staff correct a challenge: its text, owner and dates (see
/// `service::update`). `version` is the hidden field that says which
/// version of the challenge the form was filled in from.
#[server(endpoint = "challenges/update")]
pub async fn update_challenge(
    challenge_id: i64,
    version: i64,
    title: String,
    problem: String,
    focus_area: String,
    department_id: Option<String>,
    opens_on: String,
    closes_on: String,
    goals: Option<Vec<i64>>,
) -> Result<(), AppError> {
    use super::types::ChallengeText;
    use crate::error::Problem;
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({
        "title": title, "problem": problem, "focus_area": focus_area,
        "department_id": department_id, "opens_on": opens_on, "closes_on": closes_on,
        "goals": crate::features::goals::types::echo_of(goals.as_deref().unwrap_or_default()),
    });
    // A refused form comes back with what was typed and, unless the refusal
    // is that someone saved in between, the version it was filled in from:
    // a save after fixing a typo still notices a change made meanwhile.
    let keep = |error: AppError| {
        let stale = matches!(
            &error,
            AppError::Validation {
                problem: Problem::ChangedMeanwhile,
                ..
            }
        );
        let mut with_version = typed.clone();
        if !stale {
            with_version["version"] = version.into();
        }
        error.keeping(&with_version)
    };
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    viewer.require_participant().map_err(keep)?;
    let text = ChallengeText::parse(
        &title,
        &problem,
        &focus_area,
        department_id.as_deref().unwrap_or_default(),
        &opens_on,
        &closes_on,
    )
    .map_err(keep)?;
    let goals = chosen_goals(goals).map_err(keep)?;
    let state = app_state()?;
    super::service::update(&state.db, &viewer, challenge_id, version, text, &goals)
        .await
        .map_err(keep)?;
    crate::server::responses::redirect(&format!("/challenges/{challenge_id}?saved=1"));
    Ok(())
}

/// Staff approve, decline, close, reopen, evaluate or finish a challenge.
#[server(endpoint = "challenges/state")]
pub async fn change_challenge_state(
    challenge_id: i64,
    state: String,
    reason: Option<String>,
    department_id: Option<String>,
) -> Result<(), AppError> {
    use super::types::ChallengeState;
    use crate::error::Problem;
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let to = ChallengeState::parse(&state)
        .ok_or_else(|| AppError::invalid("state", Problem::UnknownChoice))?;
    let department_id = department_id.and_then(|id| id.trim().parse().ok());
    let app = app_state()?;
    super::service::change_state(
        &app.db,
        &viewer,
        challenge_id,
        to,
        reason.as_deref().unwrap_or_default(),
        department_id,
    )
    .await?;
    crate::server::responses::redirect(&format!("/challenges/{challenge_id}"));
    Ok(())
}

/// Joins the challenge's team with a note on what one brings (or changes the note).
#[server(endpoint = "challenges/join")]
pub async fn join_challenge(challenge_id: i64, note: String) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({ "note": note });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let note = super::types::parse_note(&note).map_err(keep)?;
    let state = app_state()?;
    super::service::join(&state.db, &viewer, challenge_id, note).await?;
    crate::server::responses::redirect(&format!(
        "/challenges/{challenge_id}?joined=1#team-heading"
    ));
    Ok(())
}

#[server(endpoint = "challenges/leave")]
pub async fn leave_challenge(challenge_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    // Leaving deletes one's own membership: open to a suspended or banned person.
    let viewer = auth::require_viewer_even_if_restricted()?;
    let state = app_state()?;
    super::service::leave(&state.db, &viewer, challenge_id).await?;
    crate::server::responses::redirect(&format!("/challenges/{challenge_id}?left=1#team-heading"));
    Ok(())
}
