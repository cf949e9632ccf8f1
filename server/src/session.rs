//! Finds the signed-in account once per request and hands it to pages and
//! server functions through the request's extensions.

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
    // Static files never need to know who is asking.
    let is_asset = request.uri().path().starts_with("/pkg/");
    if !is_asset && let Some(token) = session::token_from_headers(request.headers()) {
        match session::viewer_for_token(&state.db, &token).await {
            Ok(Some(viewer)) => {
                request.extensions_mut().insert(viewer);
            }
            Ok(None) => {}
            // The page still renders, signed out; the cause is in the log.
            Err(_) => tracing::warn!("could not look up a session"),
        }
        request.extensions_mut().insert(SessionToken(token));
    }
    next.run(request).await
}
