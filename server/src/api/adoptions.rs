//! `POST /api/v1/adoptions`: a partner reports that one of its pages
//! (`source`) adopted one of this instance's solution cards (`target`),
//! Webmention-style. The card shows the adoption only once this instance
//! has fetched the source, from a listed partner's host only, and found a
//! link to the card in it; anything else is refused with 400.

use app::features::partners::adoption::{self, Refused};
use app::server::AppState;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::answer;

/// The report, as a form (`application/x-www-form-urlencoded`).
#[derive(Deserialize, ToSchema)]
pub struct AdoptionReport {
    /// The adopting page, on a partner's site.
    pub source: String,
    /// The card here that it adopted.
    pub target: String,
}

/// The report was checked and recorded.
#[derive(Serialize, ToSchema)]
pub struct AdoptionAccepted {
    /// Always `verified`.
    pub status: &'static str,
}

/// Reports that a partner's page adopted a card here.
#[utoipa::path(
    post,
    path = "/api/v1/adoptions",
    tag = "solutions",
    request_body(content = AdoptionReport, content_type = "application/x-www-form-urlencoded"),
    responses(
        (status = 201, description = "The source links to the card; the adoption shows on it.", body = AdoptionAccepted),
        (status = 400, description = "Refused: the target is no card here, the source is not on a partner's site, could not be read, or does not link to the target.", body = answer::ApiError),
    )
)]
pub async fn report(State(state): State<AppState>, Form(report): Form<AdoptionReport>) -> Response {
    let site = super::links::Site::of(&state);
    match adoption::verify(&state.db, &site.page(""), &report.source, &report.target).await {
        Ok(()) => {
            let body =
                serde_json::to_vec(&AdoptionAccepted { status: "verified" }).unwrap_or_default();
            (
                StatusCode::CREATED,
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                body,
            )
                .into_response()
        }
        Err(refused) => {
            let (code, message) = match refused {
                Refused::UnknownTarget => (
                    "unknown_target",
                    "The target is not a published solution card here.",
                ),
                Refused::UnknownSource => (
                    "unknown_source",
                    "The source is not on a listed partner's site.",
                ),
                Refused::SourceUnreadable => {
                    ("source_unreadable", "The source page could not be read.")
                }
                Refused::NoLink => ("no_link", "The source page does not link to the target."),
            };
            answer::error(StatusCode::BAD_REQUEST, code, message)
        }
    }
}
