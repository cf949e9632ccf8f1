//! Finds the signed-in account and the municipality's settings once per
//! request and hands them to pages and server functions through the
//! request's extensions.

use app::features::notifications::{self, UnreadNotifications};
use app::server::AppState;
use app::server::auth::SessionToken;
use app::server::session;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

pub async fn attach_viewer(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    // Static files and probes never need to know who is asking.
    let path = request.uri().path().to_owned();
    let is_asset = path.starts_with("/pkg/") || path == "/healthz" || path == "/readyz";
    if !is_asset
        && let Some(token) = session::token_from_headers(request.headers(), state.secure_cookies)
    {
        match session::viewer_for_token(&state.db, &token).await {
            Ok(Some(viewer)) => {
                // Only a page draws the header with its unread count; server
                // functions (a support, a comment) skip the query.
                if !path.starts_with("/api/") {
                    match notifications::service::unread_count(&state.db, viewer.account_id).await {
                        Ok(count) => {
                            request.extensions_mut().insert(UnreadNotifications(count));
                        }
                        Err(_) => tracing::warn!("could not count unread notifications"),
                    }
                }
                request.extensions_mut().insert(viewer);
            }
            Ok(None) => {}
            // The page still renders, signed out; the cause is in the log.
            Err(_) => tracing::warn!("could not look up a session"),
        }
        request.extensions_mut().insert(SessionToken(token));
    }
    if !is_asset {
        match state.settings.get(&state.db).await {
            Ok(settings) => {
                request.extensions_mut().insert(settings);
            }
            // Pages fall back to the defaults; the cause is in the log.
            Err(_) => tracing::warn!("could not load the settings"),
        }
    }
    next.run(request).await
}
