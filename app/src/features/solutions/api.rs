//! The solution cards' server functions. Everyone reads published cards
//! and their versions; staff (and admins) read drafts, make cards, save
//! and publish them. Each save answers a plain form with a redirect.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::listing::SolutionQuery;
use super::types::{SolutionEditor, SolutionLink, SolutionPage, SolutionView};
use crate::error::AppError;

/// Whether the reader acts for the municipality and so edits cards.
#[cfg(feature = "ssr")]
fn reader_edits() -> bool {
    crate::server::auth::viewer().is_some_and(|viewer| viewer.acts_as_staff())
}

/// One page of `/solutions`.
#[server(endpoint = "solutions", input = GetUrl)]
pub async fn load_solutions(query: SolutionQuery) -> Result<SolutionPage, AppError> {
    super::service::list(&crate::server::app_state()?.db, &query, reader_edits()).await
}

/// Card `id` for its page: the newest version, or `version`.
#[server(endpoint = "solutions/one", input = GetUrl)]
pub async fn load_solution(id: i64, version: Option<i32>) -> Result<SolutionView, AppError> {
    super::service::view(&crate::server::app_state()?.db, id, version, reader_edits()).await
}

/// Published cards like the title being typed ("steal first").
#[server(endpoint = "solutions/similar", input = GetUrl)]
pub async fn similar_solutions(title: String) -> Result<Vec<SolutionLink>, AppError> {
    let title: String = title
        .chars()
        .take(crate::features::ideas::input::TITLE_MAX)
        .collect();
    super::service::similar(&crate::server::app_state()?.db, &title).await
}

/// What staff's form starts from: a new card, empty or made from idea
/// `idea`; or card `id` as it is now.
#[server(endpoint = "solutions/editor", input = GetUrl)]
pub async fn load_solution_editor(
    id: Option<i64>,
    idea: Option<i64>,
) -> Result<SolutionEditor, AppError> {
    let viewer = crate::server::auth::require_viewer_even_if_restricted()?;
    viewer.require_staff()?;
    let db = &crate::server::app_state()?.db;
    match id {
        Some(id) => super::service::editor(db, id).await,
        None => super::service::start(db, idea).await,
    }
}

/// Adds a draft card; a repeat of the same form adds it once.
#[server(endpoint = "solutions/add")]
pub async fn add_solution(
    idea_id: Option<i64>,
    title: String,
    problem: String,
    context: String,
    what_was_done: String,
    cost_nok: String,
    cost_note: String,
    contact: String,
    licence: String,
    maturity: String,
    focus_area: String,
    goals: Option<Vec<i64>>,
    idempotency_key: String,
) -> Result<i64, AppError> {
    use super::types::SolutionForm;
    use crate::server::{app_state, auth, idempotency};

    let editor = auth::require_viewer()?;
    editor.require_staff()?;
    let goals = goals.unwrap_or_default();
    let form = SolutionForm {
        title: &title,
        problem: &problem,
        context: &context,
        what_was_done: &what_was_done,
        cost_nok: &cost_nok,
        cost_note: &cost_note,
        contact: &contact,
        licence: &licence,
        maturity: &maturity,
        focus_area: &focus_area,
    };
    let (text, typed) = checked(&form, &goals, None)?;
    let keep = |error: AppError| error.keeping(&typed);
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    let added = idempotency::run_once(&state.db, &key, "solutions/add", || {
        super::service::create(&state.db, Some(editor.account_id), idea_id, text, &goals)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/solutions/{added}?saved=1"));
    Ok(added)
}

/// Saves card `id` as changed from revision `base_revision`: a draft in
/// place, a published card as its next version.
#[server(endpoint = "solutions/save")]
pub async fn save_solution(
    id: i64,
    base_revision: i32,
    title: String,
    problem: String,
    context: String,
    what_was_done: String,
    cost_nok: String,
    cost_note: String,
    contact: String,
    licence: String,
    maturity: String,
    focus_area: String,
    goals: Option<Vec<i64>>,
    note: Option<String>,
) -> Result<(), AppError> {
    use super::types::SolutionForm;
    use crate::server::{app_state, auth};

    let editor = auth::require_viewer()?;
    editor.require_staff()?;
    let goals = goals.unwrap_or_default();
    let note = note.unwrap_or_default();
    let form = SolutionForm {
        title: &title,
        problem: &problem,
        context: &context,
        what_was_done: &what_was_done,
        cost_nok: &cost_nok,
        cost_note: &cost_note,
        contact: &contact,
        licence: &licence,
        maturity: &maturity,
        focus_area: &focus_area,
    };
    let (text, typed) = checked(&form, &goals, Some(&note))?;
    let keep = |error: AppError| error.keeping(&typed);
    let note = crate::text::collapse_whitespace(&note);
    super::service::save(
        &app_state()?.db,
        &editor,
        id,
        base_revision,
        text,
        &goals,
        note,
    )
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/solutions/{id}?saved=1"));
    Ok(())
}

/// Publishes draft card `id` as its form at `base_revision` showed it.
#[server(endpoint = "solutions/publish")]
pub async fn publish_solution(id: i64, base_revision: i32) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let editor = auth::require_viewer()?;
    editor.require_staff()?;
    let state = app_state()?;
    super::service::publish(&state.db, Some(editor.account_id), id, base_revision).await?;
    // An imported card: its origin is told (it checks this page links to
    // its card before it shows the adoption). A partner that does not
    // answer is not the publisher's problem; the card stays published.
    crate::features::partners::adoption::notify_origin(&state.db, state.public_url.as_str(), id)
        .await?;
    crate::server::responses::redirect(&format!("/solutions/{id}?published=1"));
    Ok(())
}

/// The card's form checked, with what it typed for a refused form to
/// echo: more goals than Samskap keeps are refused before any is looked
/// up, and a save's note (`note`) is checked too.
#[cfg(feature = "ssr")]
fn checked(
    form: &super::types::SolutionForm<'_>,
    goals: &[i64],
    note: Option<&str>,
) -> Result<(super::types::SolutionText, serde_json::Value), AppError> {
    let mut typed = form.typed();
    typed["goals"] = crate::features::goals::types::echo_of(goals).into();
    if let Some(note) = note {
        typed["note"] = note.into();
    }
    let keep = |error: AppError| error.keeping(&typed);
    if goals.len() > crate::features::goals::types::GOALS_MAX {
        return Err(keep(AppError::invalid(
            "goals",
            crate::error::Problem::TooLong,
        )));
    }
    let text = super::types::SolutionText::parse(form).map_err(keep)?;
    if let Some(note) = note {
        crate::text::within_limit("note", note, super::types::NOTE_MAX).map_err(keep)?;
    }
    Ok((text, typed))
}
