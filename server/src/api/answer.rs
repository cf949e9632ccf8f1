//! How the open data API answers: JSON with a strong `ETag` made from the
//! body, `Last-Modified` from the newest item, 304 to a reader whose copy
//! has the same tag, and errors as small JSON objects with their status.
//! The answers are the same for everyone (the API reads as a visitor), so
//! anything between may cache them for a minute.

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;

/// What went wrong, for a program to read.
#[derive(Serialize, ToSchema)]
pub struct ApiError {
    /// `not_found`, `rate_limited` or `internal`.
    pub error: &'static str,
    /// The same in words, in English.
    pub message: &'static str,
}

pub fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "not_found",
        "There is nothing public at this address.",
    )
}

pub fn failed(error_text: &impl std::fmt::Display) -> Response {
    tracing::error!(error = %error_text, "the open data API could not answer");
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        "Something went wrong on our side; please try again.",
    )
}

pub fn error(status: StatusCode, code: &'static str, message: &'static str) -> Response {
    let body = serde_json::to_vec(&ApiError {
        error: code,
        message,
    })
    .unwrap_or_default();
    (status, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

/// From an app error: a missing or hidden thing is a 404, the rest 500.
pub fn from_app(error_value: &app::error::AppError) -> Response {
    match error_value {
        app::error::AppError::NotFound => not_found(),
        other => failed(other),
    }
}

/// `value` as JSON, or 304 when the reader's `If-None-Match` names this
/// very body. `modified` is when its newest item last changed.
pub fn json(
    headers: &HeaderMap,
    value: &impl Serialize,
    modified: Option<DateTime<Utc>>,
) -> Response {
    let body = match serde_json::to_vec(value) {
        Ok(body) => body,
        Err(problem) => return failed(&problem),
    };
    let tag = tag_of(&body);
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|asked| asked.to_str().ok())
        .is_some_and(|asked| asked.split(',').any(|one| one.trim() == tag));
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        ([(header::CONTENT_TYPE, "application/json")], body).into_response()
    };
    let answer_headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        answer_headers.insert(header::ETAG, tag);
    }
    // A time alone cannot tell a reader that its copy is current (hiding
    // an item makes nothing newer), so only the tag earns a 304.
    if let Some(modified) = modified
        && let Ok(value) =
            HeaderValue::from_str(&modified.format("%a, %d %b %Y %H:%M:%S GMT").to_string())
    {
        answer_headers.insert(header::LAST_MODIFIED, value);
    }
    answer_headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}

/// A strong tag of the body's bytes.
fn tag_of(body: &[u8]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    body.hash(&mut hasher);
    format!("\"{:016x}\"", hasher.finish())
}
