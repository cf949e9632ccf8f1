//! Protections every response and every state-changing request gets.

use app::server::security::NON_PAGE_POLICY;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use url::Url;

/// Requests that a token in the request authenticates instead of the session
/// cookie: mail clients and partner instances post to them from elsewhere,
/// so they skip the same-origin check. Each handler verifies its own token.
pub const TOKEN_AUTHENTICATED_PATHS: &[&str] = &[
    // One-click unsubscribe (RFC 8058): the mail client posts from no origin at all.
    "/unsubscribe",
];

/// The origins this instance answers as, for the same-origin check.
#[derive(Clone, Debug)]
pub struct AllowedOrigin(pub String);

impl AllowedOrigin {
    pub fn of(url: &Url) -> Self {
        Self(url.origin().ascii_serialization())
    }
}

/// Cross-site request forgery protection. A browser names the origin of every
/// POST (`Origin`) and, in current browsers, whether it came from this site
/// (`Sec-Fetch-Site`); a state-changing request from anywhere else is refused.
pub async fn reject_cross_site_requests(
    State(allowed): State<AllowedOrigin>,
    request: Request,
    next: Next,
) -> Response {
    let safe_method = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let exempt = TOKEN_AUTHENTICATED_PATHS.contains(&request.uri().path());
    if safe_method || exempt || is_same_origin(request.headers(), &allowed.0) {
        next.run(request).await
    } else {
        tracing::info!(path = %request.uri().path(), "refused a cross-site request");
        (StatusCode::FORBIDDEN, "Cross-site request refused.\n").into_response()
    }
}

fn is_same_origin(headers: &HeaderMap, allowed: &str) -> bool {
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if let Some(site) = fetch_site {
        // "none" is a user typing the address or using a bookmark.
        if !matches!(site, "same-origin" | "none") {
            return false;
        }
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        Some(origin) => {
            origin == allowed || origin == host_origin(headers).as_deref().unwrap_or("")
        }
        // No Origin: not a browser form or fetch (browsers send it on every
        // POST); allowed only when Sec-Fetch-Site vouched for it or no cookie
        // rides along to act with.
        None => fetch_site.is_some() || !headers.contains_key(header::COOKIE),
    }
}

/// The origin the request was addressed to, so the same binary works on
/// any address it is reached by in development and tests.
fn host_origin(headers: &HeaderMap) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    Some(format!("http://{host}"))
}

/// Headers every response carries. Pages set their own Content-Security-Policy
/// with a per-response nonce; everything else gets a policy that allows nothing.
pub async fn add_security_headers(request: Request<Body>, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        "cross-origin-opener-policy",
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(
        "permissions-policy",
        HeaderValue::from_static(
            "camera=(self), geolocation=(), microphone=(), interest-cohort=()",
        ),
    );
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(NON_PAGE_POLICY),
        );
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_static(value));
        }
        map
    }

    const SITE: &str = "https://samskap.example.no";

    #[test]
    fn same_origin_posts_pass() {
        assert!(is_same_origin(
            &headers(&[("origin", SITE), ("sec-fetch-site", "same-origin")]),
            SITE
        ));
        assert!(is_same_origin(&headers(&[("origin", SITE)]), SITE));
    }

    #[test]
    fn foreign_origins_are_refused() {
        assert!(!is_same_origin(
            &headers(&[("origin", "https://evil.example")]),
            SITE
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", SITE), ("sec-fetch-site", "cross-site")]),
            SITE
        ));
        assert!(!is_same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            SITE
        ));
        assert!(!is_same_origin(
            &headers(&[("origin", "null"), ("cookie", "id=1")]),
            SITE
        ));
    }

    #[test]
    fn a_cookie_without_any_origin_information_is_refused() {
        assert!(!is_same_origin(&headers(&[("cookie", "id=1")]), SITE));
        assert!(is_same_origin(&headers(&[]), SITE));
    }
}
