//! The support buttons' server functions. Each says the state it wants
//! (`support` true or false), so repeating a request changes nothing.

use leptos::prelude::*;

use super::types::SupportState;
use crate::error::AppError;

#[server(endpoint = "supports/idea")]
pub async fn support_idea(idea_id: i64, support: bool) -> Result<SupportState, AppError> {
    use crate::server::{anti_abuse, app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let settings = crate::features::settings::current();
    anti_abuse::limit(
        &state.db,
        anti_abuse::Action::Support,
        &viewer,
        &settings.limits,
    )
    .await?;
    let outcome = super::service::set_idea_support(
        &state.db,
        &viewer,
        idea_id,
        support,
        &settings.thresholds,
    )
    .await?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#support"));
    Ok(outcome)
}

/// `return_to` is the thread page the button was on (a path on this site).
#[server(endpoint = "supports/comment")]
pub async fn support_comment(
    comment_id: i64,
    support: bool,
    return_to: Option<String>,
) -> Result<SupportState, AppError> {
    use crate::server::{anti_abuse, app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let limits = crate::features::settings::current().limits;
    anti_abuse::limit(&state.db, anti_abuse::Action::Support, &viewer, &limits).await?;
    let outcome =
        super::service::set_comment_support(&state.db, &viewer, comment_id, support).await?;
    crate::features::comments::api::back_to_comment(return_to, "/".to_owned(), comment_id);
    Ok(outcome)
}
