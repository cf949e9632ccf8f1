//! The HTTP surface: pages, server functions, static files and probes, with
//! the security layers around all of them.

use app::server::AppState;
use app::{App, shell};
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::middleware;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;

use crate::config::Config;
use std::sync::Arc;

use crate::{
    api, audit_csv, body_limit, client_ip, feeds, form_echo, gains_csv, health, ideas_csv,
    language, metrics, observability, own_data, photos, reactive_owner, security, session,
    static_files, theme, unsubscribe,
};

pub struct Built {
    pub router: Router,
    pub state: AppState,
}

/// Every page route of the application, as the route table declares it.
pub fn page_routes() -> Vec<AxumRouteListing> {
    generate_route_list(App)
}

pub fn build(
    config: &Config,
    db: DatabaseConnection,
    replica: Option<DatabaseConnection>,
    measured: Arc<metrics::Metrics>,
) -> anyhow::Result<Built> {
    let hashed = static_files::hashed();
    let leptos_options = LeptosOptions::builder()
        .output_name("samskap")
        .hash_files(hashed)
        .site_root(config.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .build();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db,
        secure_cookies: config.public_url.scheme() == "https",
        public_url: config.public_url.clone(),
        photos: crate::photo_store::from_config(config)?,
        api_requests_per_minute: config.api_requests_per_minute.get(),
        replica,
        settings: Default::default(),
    };
    let provide_state = {
        let state = state.clone();
        move || provide_context(state.clone())
    };
    let render_shell = move || shell(leptos_options.clone());
    let metrics_endpoint = metrics::MetricsEndpoint {
        metrics: measured.clone(),
        db: state.db.clone(),
        token: config.metrics_token.clone(),
    };

    let router = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::serve).with_state(metrics_endpoint))
        .route("/me/export", get(own_data::export_my_data))
        .route("/admin/audit.csv", get(audit_csv::export_audit_log))
        .route("/admin/gains/kpis.csv", get(gains_csv::kpis))
        .route(
            "/admin/gains/measurements.csv",
            get(gains_csv::measurements),
        )
        .route("/admin/gains/funnel.csv", get(gains_csv::funnel))
        .route("/admin/ideas.csv", get(ideas_csv::export_ideas))
        .route("/feeds/ideas.atom", get(feeds::ideas))
        .route("/feeds/solutions.atom", get(feeds::solutions))
        .route("/feeds/challenges/{file}", get(feeds::challenge))
        .merge(api::routes(
            api::ApiLimit::per_minute(config.api_requests_per_minute),
            Arc::new(crate::open_data::OpenDataFile::in_folder(&config.data_dir)),
        ))
        .route("/theme.css", get(theme::theme_css))
        .route("/photos/{key}", get(photos::serve_photo))
        .nest_service(
            "/pkg",
            tower::ServiceBuilder::new()
                .layer(middleware::from_fn(move |request, next| {
                    static_files::keep_built_files(hashed, request, next)
                }))
                .service(static_files::built_files(&config.site_root)),
        )
        // The page itself (GET) is a Leptos route; axum merges the two.
        .route("/unsubscribe", post(unsubscribe::unsubscribe))
        .route(
            "/api/{*fn_name}",
            get(server_fn_handler).post(server_fn_handler),
        )
        .leptos_routes_with_context(&state, page_routes(), provide_state.clone(), render_shell)
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(provide_state, shell))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            session::attach_viewer,
        ))
        .layer(middleware::from_fn(language::settle_language))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            form_echo::keep_typed_values_on_the_server,
        ))
        .layer(middleware::from_fn_with_state(
            client_ip::TrustedProxies(Arc::new(config.trusted_proxies.clone())),
            client_ip::attach_client_ip,
        ))
        .with_state(state.clone())
        .layer(middleware::from_fn_with_state(
            security::AllowedOrigin::of(&config.public_url),
            security::reject_cross_site_requests,
        ))
        .layer(middleware::from_fn(body_limit::limit_request_bodies))
        .layer(middleware::from_fn(security::add_security_headers))
        .layer(middleware::from_fn(reactive_owner::isolate_each_request))
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(measured, metrics::record));
    let router = observability::with_request_ids(router);

    Ok(Built { router, state })
}

async fn server_fn_handler(
    State(state): State<AppState>,
    request: Request<Body>,
) -> impl IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request)
        .await
}
