use http::{HeaderValue, header};
use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

/// The Content-Security-Policy of an HTML page. Scripts run only from this
/// site and only with this response's nonce; `'wasm-unsafe-eval'` lets the
/// browser compile the islands' WebAssembly. No inline styles, no frames.
pub fn page_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// The policy for everything that is not a page (files, JSON, health checks).
pub const NON_PAGE_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// Puts this page's policy, with the nonce Leptos gives its scripts, on the response.
pub fn set_page_content_security_policy() {
    let Some(nonce) = use_nonce() else {
        return;
    };
    if let (Some(response), Ok(value)) = (
        use_context::<ResponseOptions>(),
        HeaderValue::from_str(&page_policy(&nonce)),
    ) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, value);
    }
}
