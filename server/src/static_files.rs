//! The built CSS, JS and wasm under `/pkg`: how they are sent and how long
//! browsers keep them.
//!
//! A release build compresses them once, at the best brotli and gzip
//! levels (`cargo leptos build --release --precompress`), and they are
//! sent as those files: a third smaller than compressing on the fly, where
//! the level must stay cheap (the wasm went from 124 KB to ~100 KB), and
//! no CPU per request. Where no compressed copy exists (debug builds) the
//! response layer compresses as it does for pages.
//!
//! A release build names them by their content (`hash-files`: cargo-leptos
//! writes the hashes to `hash.txt` beside the binary, and the page links
//! the hashed names), so a name never changes content: a browser keeps it
//! for a year and never asks again, and a new build is new names. Without
//! the hashes (the unit tests' binaries) the names stay the same across
//! builds, so browsers must ask each time.

use std::path::Path;

use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::ServeDir;

/// `/pkg`'s files from `site_root`, a precompressed copy where the
/// browser takes it.
pub fn built_files(site_root: &Path) -> ServeDir {
    ServeDir::new(site_root.join("pkg"))
        .precompressed_br()
        .precompressed_gzip()
}

/// Whether the build beside the running binary hashed its file names.
pub fn hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|folder| folder.join("hash.txt")))
        .is_some_and(|file| file.is_file())
}

const FOR_GOOD: HeaderValue = HeaderValue::from_static("public, max-age=31536000, immutable");
const ASK_EACH_TIME: HeaderValue = HeaderValue::from_static("no-cache");

/// Sets `Cache-Control` on what [`built_files`] serves (a layer on that
/// service alone); `hashed` as [`hashed`] said at start.
pub async fn keep_built_files(hashed: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if response.status().is_success() {
        let policy = if hashed { FOR_GOOD } else { ASK_EACH_TIME };
        response.headers_mut().insert(header::CACHE_CONTROL, policy);
    }
    response
}
