//! The open data API, read-only JSON under `/api/v1`: ideas, challenges,
//! solution cards (with the public KPIs of the ideas they came from) and
//! statistics. It reads as a visitor does, so it never carries hidden
//! content, drafts, internal notes, scores, costs of plans or private
//! KPIs, and of people only display names. Lists page by key with `next`
//! links; every answer has an `ETag` (a 304 for a current copy) and
//! `Last-Modified`; CORS is open, since it only reads; each address has
//! its own rate limit. The OpenAPI 3.1 document at `/api/v1/openapi.json`
//! is generated from the handlers and types below (utoipa).

mod adoptions;
mod answer;
pub(crate) mod challenges;
pub(crate) mod ideas;
pub(crate) mod links;
mod rate_limit;
pub(crate) mod solutions;
mod statistics;

use std::sync::Arc;

use app::server::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::response::Response;
use axum::routing::get;
use axum::{Extension, Router};
use tower::ServiceExt as _;
use tower_http::cors::{Any, CorsLayer};
use tower_http::services::ServeFile;
use utoipa::OpenApi;

use crate::open_data::OpenDataFile;

pub use rate_limit::ApiLimit;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Samskap open data API",
        version = "1",
        description = "The municipality's public ideas, co-creation challenges, solution cards and their measured effects, as read-only JSON. Lists page by key: follow `next`. Every answer carries an `ETag`; send it back as `If-None-Match` to get 304 when nothing changed. Data under NLOD 2.0 unless a solution card names its own licence.",
        license(name = "NLOD 2.0", url = "https://data.norge.no/nlod/no/2.0"),
    ),
    paths(
        ideas::list,
        ideas::one,
        challenges::list,
        challenges::one,
        solutions::list,
        solutions::one,
        statistics::statistics,
        adoptions::report,
    ),
    tags(
        (name = "ideas", description = "Residents' ideas and where they are in the pipeline."),
        (name = "challenges", description = "Co-creation challenges."),
        (name = "solutions", description = "Solution cards to steal and share."),
        (name = "statistics", description = "Counts."),
    )
)]
pub struct ApiDoc;

/// The OpenAPI document, as `/api/v1/openapi.json` serves it.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

async fn openapi_json(headers: HeaderMap) -> Response {
    answer::json(&headers, &document(), None)
}

/// `/api/v1/open-data.json`: the whole public data set, as a copy at most
/// a minute old (see `open_data.rs`).
async fn open_data_download(
    State(state): State<AppState>,
    Extension(file): Extension<Arc<OpenDataFile>>,
    request: Request,
) -> Response {
    let site = links::Site::of(&state);
    let path = match file.fresh(state.public_reads(), &site.page("")).await {
        Ok(path) => path.to_owned(),
        Err(error) => return answer::failed(&error),
    };
    match ServeFile::new(path).oneshot(request).await {
        Ok(mut response) => {
            response.headers_mut().insert(
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"samskap-open-data.json\""),
            );
            response.map(Body::new)
        }
        Err(error) => answer::failed(&error),
    }
}

/// The API's routes, with CORS open for reads and the limit per address.
pub fn routes(limit: ApiLimit, open_data: Arc<OpenDataFile>) -> Router<AppState> {
    Router::new()
        .route("/api/v1/openapi.json", get(openapi_json))
        .route(
            "/api/v1/open-data.json",
            get(open_data_download).layer(Extension(open_data)),
        )
        .route("/api/v1/ideas", get(ideas::list))
        .route("/api/v1/ideas/{id}", get(ideas::one))
        .route("/api/v1/challenges", get(challenges::list))
        .route("/api/v1/challenges/{id}", get(challenges::one))
        .route("/api/v1/solutions", get(solutions::list))
        .route("/api/v1/solutions/{id}", get(solutions::one))
        .route("/api/v1/statistics", get(statistics::statistics))
        .route("/api/v1/adoptions", axum::routing::post(adoptions::report))
        .layer(axum::middleware::from_fn_with_state(
            limit,
            rate_limit::limit_per_address,
        ))
        .layer(
            CorsLayer::new()
                .allow_origin(Any)
                .allow_methods([Method::GET, Method::HEAD])
                .allow_headers([axum::http::header::IF_NONE_MATCH])
                .expose_headers([axum::http::header::ETAG, axum::http::header::LAST_MODIFIED]),
        )
}
