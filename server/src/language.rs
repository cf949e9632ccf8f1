//! Settles the language of every request once, before any page or server
//! function runs: the visitor's choice (the `samskap_lang` cookie), then
//! the browser's `Accept-Language`, then bokmål. Pages and server functions
//! both read it from the request's extensions (`i18n::use_locale`), so a
//! form posted to a server function is answered, stored and emailed in the
//! language of the page it was sent from.

use app::server::locale;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::Response;

pub async fn settle_language(mut request: Request, next: Next) -> Response {
    let chosen = locale::negotiate(request.headers());
    request.extensions_mut().insert(chosen);
    next.run(request).await
}
