use axum::extract::FromRef;
use leptos::prelude::*;
use sea_orm::DatabaseConnection;

use crate::error::AppError;

/// Everything a request may need, built once at start and shared by every
/// route and server function.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    /// Cookies get `Secure` when the public address is https.
    pub secure_cookies: bool,
    /// The address residents use; links in emails start with it.
    pub public_url: url::Url,
    /// Where photos live (the file system by default).
    pub photos: std::sync::Arc<dyn crate::features::photos::store::PhotoStore>,
    /// The open data API's limit per address and minute, as the API page
    /// tells developers.
    pub api_requests_per_minute: u32,
}

/// The state of this request; an `Internal` error if the server forgot to
/// provide it (a wiring mistake, never a user's).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
