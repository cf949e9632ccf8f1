//! Server functions of `/notifications` and `/unsubscribe`.

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{NotificationsPage, UnsubscribeView};
use crate::error::AppError;

/// The signed-in person's notifications, a page at a time (older than
/// `before`). Those shown are marked read: seeing the list is reading it,
/// so the count in the header goes back to zero.
#[server(endpoint = "notifications/page", input = GetUrl)]
pub async fn load_notifications(before: Option<i64>) -> Result<NotificationsPage, AppError> {
    use super::service;
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let (items, more) = service::list(&state.db, viewer.account_id, before).await?;
    if let Some(newest) = items.first().filter(|item| !item.read) {
        let oldest = items.last().map_or(newest.id, |item| item.id);
        service::mark_read_between(&state.db, viewer.account_id, oldest, newest.id).await?;
    }
    Ok(NotificationsPage {
        older: more.then(|| items.last().map(|item| item.id)).flatten(),
        unread: service::unread_count(&state.db, viewer.account_id).await?,
        email_choice: service::email_choice(&state.db, viewer.account_id).await?,
        following: crate::features::follows::service::followed_by(&state.db, viewer.account_id)
            .await?,
        items,
    })
}

/// How the signed-in person wants notifications emailed.
#[server(endpoint = "notifications/email-choice")]
pub async fn set_email_choice(choice: String) -> Result<(), AppError> {
    use super::types::EmailChoice;
    use crate::error::Problem;
    use crate::server::{app_state, auth, responses};

    let choice = EmailChoice::parse(&choice);
    // A suspended or banned person may turn the emails off, not on.
    let viewer = if choice == Some(EmailChoice::Off) {
        auth::require_viewer_even_if_restricted()?
    } else {
        auth::require_viewer()?
    };
    let choice = choice.ok_or_else(|| AppError::invalid("choice", Problem::UnknownChoice))?;
    let state = app_state()?;
    super::service::set_email_choice(&state.db, viewer.account_id, choice).await?;
    responses::redirect_form_post("/notifications?saved=1#email-choice");
    Ok(())
}

/// What the unsubscribe page says about its link. An unknown link gets
/// `LinkInvalid`, the same answer whatever the reason.
#[server(endpoint = "notifications/unsubscribe-link", input = GetUrl)]
pub async fn load_unsubscribe(token: String) -> Result<UnsubscribeView, AppError> {
    use super::service;
    use super::types::mask_email;
    use crate::error::Problem;

    let state = crate::server::app_state()?;
    let found = service::account_for_unsubscribe(&state.db, &token)
        .await?
        .ok_or_else(|| AppError::invalid("token", Problem::LinkInvalid))?;
    Ok(UnsubscribeView {
        masked_email: mask_email(&found.email),
        email_choice: found.email_notifications,
    })
}
