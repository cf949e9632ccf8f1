//! The settings as last read, kept for a few seconds. Every page needs
//! them (the municipality's name, the limits), so reading and parsing them
//! per request was one statement of the five a list page costs, always on
//! the primary even when a replica serves the page. A save through this
//! process forgets them at once; another instance sees a change within
//! [`KEPT_FOR`].

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use sea_orm::ConnectionTrait;

use super::service;
use super::types::Settings;
use crate::error::AppError;

/// How long another instance may show settings from before a save.
pub const KEPT_FOR: Duration = Duration::from_secs(5);

/// One per server process (in `AppState`), shared by its requests.
#[derive(Clone, Default)]
pub struct KeptSettings(Arc<Mutex<Option<(Instant, Settings)>>>);

impl KeptSettings {
    /// The kept settings, or fresh ones from `db` when they are older
    /// than [`KEPT_FOR`]. Two requests that find them stale at once both
    /// read; the later one is kept.
    pub async fn get(&self, db: &impl ConnectionTrait) -> Result<Settings, AppError> {
        if let Ok(kept) = self.0.lock()
            && let Some((read_at, settings)) = kept.as_ref()
            && read_at.elapsed() < KEPT_FOR
        {
            return Ok(settings.clone());
        }
        let settings = service::load(db).await?;
        if let Ok(mut kept) = self.0.lock() {
            *kept = Some((Instant::now(), settings.clone()));
        }
        Ok(settings)
    }

    /// The settings changed: the next request reads them again.
    pub fn forget(&self) {
        if let Ok(mut kept) = self.0.lock() {
            *kept = None;
        }
    }
}
