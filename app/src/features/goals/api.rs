//! The goals' server functions. The admin's page and its changes are for
//! admins only, and each change answers a plain form with a redirect back
//! to `/admin/goals`; the choices the staff's forms offer are for staff.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{Goal, GoalRow};
use crate::error::AppError;

/// Every goal, retired ones too, for `/admin/goals`. A read, so a GET: a
/// restricted admin may still read, as every restricted person may.
#[server(endpoint = "admin/goals", input = GetUrl)]
pub async fn load_goals() -> Result<Vec<GoalRow>, AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    auth::require_role(Role::Admin)?;
    super::service::list(&app_state()?.db).await
}

/// Every goal, retired ones marked, for the staff's challenge and idea
/// forms: they offer the others, and keep what is linked.
#[server(endpoint = "goals/choices", input = GetUrl)]
pub async fn load_goal_choices() -> Result<Vec<Goal>, AppError> {
    let viewer = crate::server::auth::require_viewer()?;
    viewer.require_staff()?;
    super::service::all(&crate::server::app_state()?.db).await
}

/// Adds a goal. A repeat of the same form adds it once.
#[server(endpoint = "admin/goals/add")]
pub async fn add_goal(
    name_nb: String,
    name_nn: String,
    name_en: String,
    description_nb: String,
    description_nn: String,
    description_en: String,
    idempotency_key: String,
) -> Result<i64, AppError> {
    use super::types::{GoalForm, GoalText};
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth, idempotency};

    let admin = auth::require_role(Role::Admin)?;
    let typed = serde_json::json!({
        "name_nb": name_nb, "name_nn": name_nn, "name_en": name_en,
        "description_nb": description_nb, "description_nn": description_nn,
        "description_en": description_en,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let text = GoalText::parse(&GoalForm {
        name_nb: &name_nb,
        name_nn: &name_nn,
        name_en: &name_en,
        description_nb: &description_nb,
        description_nn: &description_nn,
        description_en: &description_en,
    })
    .map_err(keep)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "admin/goals/add", || {
        super::service::add(&state.db, &admin, text)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/admin/goals?saved={id}#goal-{id}"));
    Ok(id)
}

/// Changes a goal's names and descriptions; bokmål names stay unique
/// whatever their case. The same form sent twice changes it once.
#[server(endpoint = "admin/goals/edit")]
pub async fn edit_goal(
    goal_id: i64,
    name_nb: String,
    name_nn: String,
    name_en: String,
    description_nb: String,
    description_nn: String,
    description_en: String,
) -> Result<(), AppError> {
    use super::types::{GoalForm, GoalText};
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    // The goal's id rides along, so the page shows the message on the
    // form of the goal it is about.
    let typed = serde_json::json!({
        "goal_id": goal_id, "name_nb": name_nb, "name_nn": name_nn, "name_en": name_en,
        "description_nb": description_nb, "description_nn": description_nn,
        "description_en": description_en,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let text = GoalText::parse(&GoalForm {
        name_nb: &name_nb,
        name_nn: &name_nn,
        name_en: &name_en,
        description_nb: &description_nb,
        description_nn: &description_nn,
        description_en: &description_en,
    })
    .map_err(keep)?;
    super::service::edit(&app_state()?.db, &admin, goal_id, text)
        .await
        .map_err(keep)?;
    crate::server::responses::redirect(&format!("/admin/goals?saved={goal_id}#goal-{goal_id}"));
    Ok(())
}

/// Retires a goal: it stays where it is linked and is no longer offered.
#[server(endpoint = "admin/goals/retire")]
pub async fn retire_goal(goal_id: i64) -> Result<(), AppError> {
    set_retired(goal_id, true).await
}

/// Offers a retired goal again.
#[server(endpoint = "admin/goals/restore")]
pub async fn restore_goal(goal_id: i64) -> Result<(), AppError> {
    set_retired(goal_id, false).await
}

#[cfg(feature = "ssr")]
async fn set_retired(goal_id: i64, retired: bool) -> Result<(), AppError> {
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    super::service::set_retired(&app_state()?.db, &admin, goal_id, retired).await?;
    crate::server::responses::redirect(&format!("/admin/goals?saved={goal_id}#goal-{goal_id}"));
    Ok(())
}
