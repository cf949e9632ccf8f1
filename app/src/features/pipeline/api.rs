//! The staff's move form.

use leptos::prelude::*;

use crate::error::AppError;

/// Moves idea `idea_id` to status `to`, with the reason or link the move
/// needs and the official response if staff wrote one, then back to the
/// idea's timeline.
#[server(endpoint = "pipeline/move")]
pub async fn move_idea(
    idea_id: i64,
    to: String,
    reason: Option<String>,
    link: Option<String>,
    response: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({
        "idea_id": idea_id.to_string(), "to": to, "reason": reason, "link": link,
        "response": response,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    super::service::move_idea(
        &app_state()?.db,
        &viewer,
        idea_id,
        &to,
        reason.as_deref().unwrap_or_default(),
        link.as_deref().unwrap_or_default(),
        response.as_deref().unwrap_or_default(),
    )
    .await
    .map_err(keep)?;
    responses::redirect_form_post(&format!("/ideas/{idea_id}#timeline"));
    Ok(())
}
