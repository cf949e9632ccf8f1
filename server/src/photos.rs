//! `/photos/{key}`: the stored, re-encoded photos of ideas. Keys are random
//! and a photo never changes under its key, so browsers and proxies may
//! keep it for a year.

use app::features::photos::store::PhotoKey;
use app::server::AppState;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

pub async fn serve_photo(State(state): State<AppState>, Path(key): Path<String>) -> Response {
    let Some(key) = PhotoKey::parse(&key) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match state.photos.get(&key).await {
        Ok(Some(bytes)) => (
            [
                (header::CONTENT_TYPE, "image/jpeg"),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            bytes,
        )
            .into_response(),
        Ok(None) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot read a photo");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
