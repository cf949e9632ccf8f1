//! `POST /unsubscribe`: turns a person's notification emails off. Two
//! callers: the button on the `/unsubscribe` page (a form with the token),
//! and mail programs' one-click unsubscribe (RFC 8058), which post
//! `List-Unsubscribe=One-Click` to the address in the email's
//! `List-Unsubscribe` header, the token in its query. Neither has a
//! session or an origin, so the token is the only credential (the path is
//! exempt from the same-origin check, see `security.rs`).

use std::collections::HashMap;

use app::features::notifications::service;
use app::server::AppState;
use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

pub async fn unsubscribe(
    State(state): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let token = query.get("token").cloned().or_else(|| {
        url::form_urlencoded::parse(&body)
            .find(|(name, _)| name == "token")
            .map(|(_, value)| value.into_owned())
    });
    let Some(token) = token.filter(|token| !token.is_empty()) else {
        return (
            StatusCode::BAD_REQUEST,
            "The unsubscribe link has no token.\n",
        )
            .into_response();
    };
    let from_browser = headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("text/html"));
    match service::unsubscribe(&state.db, &token).await {
        Ok(true) if from_browser => Redirect::to(&page(&token, true)).into_response(),
        Ok(true) => (StatusCode::OK, "Unsubscribed.\n").into_response(),
        // The page says the link is unknown, in the reader's language.
        Ok(false) if from_browser => Redirect::to(&page(&token, false)).into_response(),
        Ok(false) => (StatusCode::NOT_FOUND, "Unknown unsubscribe link.\n").into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot unsubscribe");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
        }
    }
}

fn page(token: &str, done: bool) -> String {
    let mut query = url::form_urlencoded::Serializer::new(String::new());
    query.append_pair("token", token);
    if done {
        query.append_pair("done", "1");
    }
    format!("/unsubscribe?{}", query.finish())
}
