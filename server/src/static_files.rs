//! How long browsers keep the built CSS, JS and wasm under `/pkg`.
//!
//! A release build names them by their content (`hash-files`: cargo-leptos
//! writes the hashes to `hash.txt` beside the binary, and the page links
//! the hashed names), so a name never changes content: a browser keeps it
//! for a year and never asks again, and a new build is new names. Without
//! the hashes (the unit tests' binaries) the names stay the same across
//! builds, so browsers must ask each time.

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;

/// Whether the build beside the running binary hashed its file names.
pub fn hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|folder| folder.join("hash.txt")))
        .is_some_and(|file| file.is_file())
}

const FOR_GOOD: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const ASK_EACH_TIME: HeaderValue = HeaderValue::from_static("no-cache");

/// Sets `Cache-Control` on what `/pkg` serves; `hashed` as [`hashed`] said
/// at start.
pub async fn keep_built_files(hashed: bool, request: Request, next: Next) -> Response {
    let built = request.uri().path().starts_with("/pkg/");
    let mut response = next.run(request).await;
    if built && response.status().is_success() {
        let policy = if hashed { FOR_GOOD } else { ASK_EACH_TIME };
        response.headers_mut().insert(header::CACHE_CONTROL, policy);
    }
    response
}
