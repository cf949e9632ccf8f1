//! The one shape of every CSV download (the audit log, the gains, the
//! ideas): a file to save, never cached by anything between.

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// `body` as the download `file_name`.
pub fn csv_download(body: String, file_name: &'static str) -> Response {
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(disposition) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
    {
        headers.insert(header::CONTENT_DISPOSITION, disposition);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}
