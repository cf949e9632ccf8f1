//! `/admin/audit.csv`: the audit log, filtered as on its page, as a CSV
//! download. Admins only; a plain GET, so it works as a link.

use std::collections::HashMap;

use app::features::accounts::types::{Role, Viewer};
use app::features::audit::{csv, service, types::AuditFilter};
use app::server::AppState;
use axum::Extension;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};

use crate::csv_download::csv_download;

pub async fn export_audit_log(
    State(state): State<AppState>,
    viewer: Option<Extension<Viewer>>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let Some(Extension(viewer)) = viewer else {
        return Redirect::to("/login").into_response();
    };
    if !viewer.has_role(Role::Admin) {
        return (StatusCode::FORBIDDEN, "Admins only.\n").into_response();
    }
    let filter = AuditFilter::parse(
        query.get("action").map(String::as_str),
        query.get("actor").map(String::as_str),
    );
    match service::all(&state.db, &filter).await {
        Ok(entries) => csv_download(csv::write(&entries), "samskap-audit.csv"),
        Err(error) => {
            tracing::error!(%error, "cannot export the audit log");
            (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
        }
    }
}
