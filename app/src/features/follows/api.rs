//! The follow button's server function.

use leptos::prelude::*;

use crate::error::AppError;

/// Follows (`follow` = true) or unfollows an idea or a challenge the viewer
/// can see, then returns to `return_to` (a path on this site) or the
/// subject's page.
#[server(endpoint = "follows/set")]
pub async fn set_follow(
    subject: String,
    subject_id: i64,
    follow: bool,
    return_to: Option<String>,
) -> Result<bool, AppError> {
    use super::types::Subject;
    use crate::server::{app_state, auth, responses};

    // Unfollowing deletes one's own data: open to a suspended or banned person.
    let viewer = if follow {
        auth::require_viewer()?
    } else {
        auth::require_viewer_even_if_restricted()?
    };
    let subject = Subject::parse(&subject, subject_id).ok_or(AppError::BadRequest)?;
    let state = app_state()?;
    match subject {
        Subject::Idea(id) => {
            crate::features::ideas::service::readable(&state.db, Some(&viewer), id).await?;
        }
        Subject::Challenge(id) => {
            crate::features::challenges::service::visible(&state.db, Some(&viewer), id).await?;
        }
    }
    super::service::set_following(&state.db, viewer.account_id, subject, follow).await?;
    let back = return_to
        .filter(|path| responses::is_local_path(path))
        .unwrap_or_else(|| format!("{}#follow", subject.path()));
    responses::redirect_form_post(&back);
    Ok(follow)
}
