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
    /// A PostgreSQL streaming replica for visitors' reads
    /// (`DATABASE_REPLICA_URL`), if there is one.
    pub replica: Option<DatabaseConnection>,
    /// The municipality's settings, read at most every few seconds.
    pub settings: crate::features::settings::kept::KeptSettings,
}

impl AppState {
    /// The database a page reads from for `viewer`: the replica, when
    /// there is one and nobody is signed in (a visitor wrote nothing they
    /// could miss while it catches up); else the primary, so a person
    /// always sees what they just wrote. Writes always go to `db`.
    pub fn reads_for(
        &self,
        viewer: Option<&crate::features::accounts::types::Viewer>,
    ) -> &DatabaseConnection {
        match (&self.replica, viewer) {
            (Some(replica), None) => replica,
            _ => &self.db,
        }
    }

    /// Where answers that are the same for everyone are read (the open
    /// data API, feeds): the replica when there is one.
    pub fn public_reads(&self) -> &DatabaseConnection {
        self.reads_for(None)
    }
}

/// The state of this request; an `Internal` error if the server forgot to
/// provide it (a wiring mistake, never a user's).
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
