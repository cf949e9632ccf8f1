//! `/admin/gains/kpis.csv`, `measurements.csv` and `funnel.csv`: the gains
//! dashboard's numbers, filtered as on its page, as CSV downloads. Staff
//! only; plain GETs, so they work as links.

use std::collections::HashMap;

use app::features::accounts::types::Viewer;
use app::features::gains::csv::{self, Download};
use app::features::gains::types::GainsFilter;
use app::server::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::csv_download::csv_download;

pub async fn kpis(
    state: State<AppState>,
    viewer: Option<Extension<Viewer>>,
    query: Query<HashMap<String, String>>,
) -> Response {
    download(state, viewer, query, Download::Kpis).await
}

pub async fn measurements(
    state: State<AppState>,
    viewer: Option<Extension<Viewer>>,
    query: Query<HashMap<String, String>>,
) -> Response {
    download(state, viewer, query, Download::Measurements).await
}

pub async fn funnel(
    state: State<AppState>,
    viewer: Option<Extension<Viewer>>,
    query: Query<HashMap<String, String>>,
) -> Response {
    download(state, viewer, query, Download::Funnel).await
}

async fn download(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<HashMap<String, String>>,
    which: Download,
) -> Response {
    let Some(Extension(viewer)) = viewer else {
        return Redirect::to("/login").into_response();
    };
    if !viewer.acts_as_staff() {
        return (StatusCode::FORBIDDEN, "Staff only.\n").into_response();
    }
    let get = |name: &str| query.get(name).map(String::as_str);
    let filter = GainsFilter::parse(
        get("focus_area"),
        get("goal"),
        get("department"),
        get("year"),
    );
    match csv::write(&state.db, &viewer, which, &filter).await {
        Ok(body) => csv_download(body, which.file_name()),
        Err(error) => {
            tracing::error!(%error, "cannot export the gains");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
        }
    }
}
