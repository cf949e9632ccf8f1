//! `/admin/ideas.csv`: the ideas staff chose on `/admin/export`, as a CSV
//! download. Staff only; a plain GET, so the page's form asks for it
//! without JavaScript. A choice the form could not have sent goes back to
//! the page, which shows it at its field.

use app::features::accounts::sign_in_href;
use app::features::accounts::types::Viewer;
use app::features::admin::{idea_export, types::IdeaExport};
use app::server::AppState;
use axum::Extension;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::csv_download::csv_download;

pub async fn export_ideas(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let Some(Extension(viewer)) = viewer else {
        return Redirect::to(&sign_in_href("/admin/export")).into_response();
    };
    if !viewer.acts_as_staff() {
        return (StatusCode::FORBIDDEN, "Staff only.\n").into_response();
    }
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let export = IdeaExport::parse(|name| {
        pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    });
    let Ok(export) = export else {
        // The page parses the same address again and says what is wrong.
        return Redirect::to(&format!("/admin/export?{query}&refused=1")).into_response();
    };
    match idea_export::write(&state.db, &export, state.public_url.as_str()).await {
        Ok(body) => csv_download(body, idea_export::FILE_NAME),
        Err(error) => {
            tracing::error!(%error, "cannot export the ideas");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
        }
    }
}
