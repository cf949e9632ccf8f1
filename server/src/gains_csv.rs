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
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};

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
        Ok(body) => {
            let mut response = body.into_response();
            let headers = response.headers_mut();
            headers.insert(
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/csv; charset=utf-8"),
            );
            if let Ok(disposition) =
                HeaderValue::from_str(&format!("attachment; filename=\"{}\"", which.file_name()))
            {
                headers.insert(header::CONTENT_DISPOSITION, disposition);
            }
            headers.insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            );
            response
        }
        Err(error) => {
            tracing::error!(%error, "cannot export the gains");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
        }
    }
}
