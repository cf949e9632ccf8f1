//! How much a request may send. Forms send a few kilobytes; only the photo
//! upload may send up to four photos of 10 MB. Whatever claims more in its
//! `Content-Length` is refused at once (413); a body without one is cut
//! off at the limit while it streams in.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::Limited;

/// Enough for the longest idea text, URL-encoded, with room to spare.
const FORM_LIMIT: usize = 1024 * 1024;
/// Four photos of 10 MB and the multipart framing around them.
const PHOTO_UPLOAD_LIMIT: usize = 4 * 10 * 1024 * 1024 + 64 * 1024;
const PHOTO_UPLOAD_PATH: &str = "/api/ideas/photos";

pub async fn limit_request_bodies(request: Request, next: Next) -> Response {
    let limit = if request.uri().path() == PHOTO_UPLOAD_PATH {
        PHOTO_UPLOAD_LIMIT
    } else {
        FORM_LIMIT
    };
    let claimed = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if claimed.is_some_and(|length| length > limit) {
        return StatusCode::PAYLOAD_TOO_LARGE.into_response();
    }
    let request = request.map(|body| Body::new(Limited::new(body, limit)));
    next.run(request).await
}
