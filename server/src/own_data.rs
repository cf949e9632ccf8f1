//! `/me/export`: a signed-in person downloads everything stored about them,
//! as JSON. A plain GET (it changes nothing), so it works as a download link.

use app::features::accounts::{profile, types::Viewer};
use app::server::AppState;
use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn export_my_data(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
) -> Response {
    let Some(Extension(viewer)) = viewer else {
        return Redirect::to("/login").into_response();
    };
    match profile::export(&state.db, viewer.account_id).await {
        Ok(export) => {
            let mut response = axum::Json(export).into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"samskap-mine-data.json\""),
            );
            // Personal data: never kept by shared caches.
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(error) => (
            error.status(),
            error.status().canonical_reason().unwrap_or("error"),
        )
            .into_response(),
    }
}
