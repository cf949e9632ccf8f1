//! Server functions for comments. The forms are plain forms: without
//! JavaScript (and with it) they post and come back to the comment.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{CommentThread, CommentsPage};
use crate::error::AppError;

#[server(endpoint = "comments/page", input = GetUrl)]
pub async fn load_comments(
    idea_id: i64,
    sort: Option<String>,
    after: Option<String>,
) -> Result<CommentsPage, AppError> {
    use super::types::CommentSort;

    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    let sort = sort
        .as_deref()
        .and_then(CommentSort::parse)
        .unwrap_or_default();
    super::page::page(&state.db, viewer.as_ref(), idea_id, sort, after.as_deref()).await
}

#[server(endpoint = "comments/thread", input = GetUrl)]
pub async fn load_comment_thread(
    comment_id: i64,
    after: Option<String>,
) -> Result<CommentThread, AppError> {
    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    super::page::thread(&state.db, viewer.as_ref(), comment_id, after.as_deref()).await
}

/// A comment on idea `idea_id`, or a reply to `parent_id`. A new comment
/// is shown first among the newest; a reply on its parent's page.
#[server(endpoint = "comments/post")]
pub async fn post_comment(
    idea_id: i64,
    parent_id: Option<i64>,
    body: String,
    stance: Option<String>,
    idempotency_key: String,
    website: Option<String>,
) -> Result<i64, AppError> {
    use super::input::CommentText;
    use crate::server::{anti_abuse, app_state, auth, idempotency, responses};

    let typed = serde_json::json!({
        "body": body, "stance": stance, "parent_id": parent_id.map(|id| id.to_string()),
    });
    let keep = |error: AppError| error.keeping(&typed);
    // Who may comment, and how often, is settled before the text is parsed.
    anti_abuse::honeypot(website.as_deref())?;
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    let settings = crate::features::settings::current();
    let hold_days = settings.thresholds.hold_comments_days;
    anti_abuse::limit(
        &state.db,
        anti_abuse::Action::Comment,
        &viewer,
        &settings.limits,
    )
    .await?;
    let text = CommentText::parse(&body, stance.as_deref().unwrap_or_default()).map_err(keep)?;
    let id = idempotency::run_once(&state.db, &key, "comments/post", || {
        super::service::post(&state.db, &viewer, idea_id, parent_id, text, hold_days)
    })
    .await
    .map_err(keep)?;
    let page = match parent_id {
        Some(parent) => format!("/ideas/{idea_id}/comments/{parent}"),
        None => format!("/ideas/{idea_id}?comments=newest"),
    };
    responses::redirect_form_post(&format!("{page}#comment-{id}"));
    Ok(id)
}

/// Changes the author's own comment (within 15 minutes), then returns to
/// `return_to`, the page the form was on.
#[server(endpoint = "comments/edit")]
pub async fn edit_comment(
    comment_id: i64,
    body: String,
    stance: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::input::CommentText;
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({
        "body": body, "stance": stance, "comment_id": comment_id.to_string(),
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let text = CommentText::parse(&body, stance.as_deref().unwrap_or_default()).map_err(keep)?;
    let state = app_state()?;
    let idea_id = super::service::edit(&state.db, &viewer, comment_id, text)
        .await
        .map_err(keep)?;
    back_to_comment(return_to, format!("/ideas/{idea_id}"), comment_id);
    Ok(())
}

#[server(endpoint = "comments/delete")]
pub async fn delete_comment(comment_id: i64, return_to: Option<String>) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    // Deleting one's own comment stays open to a suspended or banned author.
    let viewer = auth::require_viewer_even_if_restricted()?;
    let state = app_state()?;
    let idea_id = super::service::delete(&state.db, &viewer, comment_id).await?;
    back_to_comment(return_to, format!("/ideas/{idea_id}"), comment_id);
    Ok(())
}

/// After a plain form post: back to the page the form was on (`return_to`,
/// a path on this site, else `fallback`), at the comment.
#[cfg(feature = "ssr")]
pub(crate) fn back_to_comment(return_to: Option<String>, fallback: String, comment_id: i64) {
    crate::server::responses::back_to(return_to, &fallback, &format!("comment-{comment_id}"));
}
