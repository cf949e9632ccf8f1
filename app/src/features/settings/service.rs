//! Reading and saving the municipality's settings. Each section is one row
//! of the `setting` table, as JSON; a missing row means the defaults.

use chrono::Utc;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::types::{Municipality, RateLimits, Settings, Thresholds};
use crate::entities::setting;
use crate::error::AppError;
use crate::features::accounts::types::Viewer;
use crate::features::audit::service as audit;
use crate::features::audit::types::{AuditAction, AuditSubject};

const MUNICIPALITY: &str = "municipality";
const DISTRICTS: &str = "districts";
const THRESHOLDS: &str = "thresholds";
const LIMITS: &str = "limits";

pub async fn load(db: &impl ConnectionTrait) -> Result<Settings, AppError> {
    let rows = setting::Entity::find().all(db).await?;
    let section = |key: &str| {
        rows.iter()
            .find(|row| row.key == key)
            .map(|row| row.value.as_str())
    };
    let defaults = Settings::default();
    Ok(Settings {
        municipality: read(section(MUNICIPALITY)).unwrap_or(defaults.municipality),
        districts: read(section(DISTRICTS)).unwrap_or(defaults.districts),
        thresholds: read(section(THRESHOLDS)).unwrap_or(defaults.thresholds),
        limits: read(section(LIMITS)).unwrap_or(defaults.limits),
    })
}

/// A stored section, or `None` (the default) when absent or unreadable.
fn read<T: DeserializeOwned>(stored: Option<&str>) -> Option<T> {
    let stored = stored?;
    serde_json::from_str(stored)
        .map_err(
            |error| tracing::error!(%error, "a stored setting no longer reads; using the default"),
        )
        .ok()
}

/// Whether an admin (or the demo data) has named the municipality yet.
pub async fn is_set_up(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(setting::Entity::find_by_id(MUNICIPALITY.to_owned())
        .one(db)
        .await?
        .is_some())
}

pub struct SettingsChange {
    pub municipality: Municipality,
    pub districts: Vec<String>,
    pub thresholds: Thresholds,
    pub limits: RateLimits,
}

pub async fn save(db: &DatabaseConnection, change: SettingsChange) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    write_all(&transaction, &change).await?;
    transaction.commit().await?;
    Ok(())
}

/// An admin's change: saved, and written to the audit log with what
/// changed, in one transaction. Saving without a change logs nothing.
pub async fn save_by(
    db: &DatabaseConnection,
    admin: &Viewer,
    change: SettingsChange,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let before = load(&transaction).await?;
    let changed = super::changes::describe(&before, &change);
    write_all(&transaction, &change).await?;
    if !changed.is_empty() {
        audit::record(
            &transaction,
            admin,
            AuditAction::SettingsChanged,
            AuditSubject::Settings,
            changed,
        )
        .await?;
    }
    transaction.commit().await?;
    Ok(())
}

async fn write_all(db: &impl ConnectionTrait, change: &SettingsChange) -> Result<(), AppError> {
    write(db, MUNICIPALITY, &change.municipality).await?;
    write(db, DISTRICTS, &change.districts).await?;
    write(db, THRESHOLDS, &change.thresholds).await?;
    write(db, LIMITS, &change.limits).await
}

async fn write(
    db: &impl ConnectionTrait,
    key: &str,
    value: &impl Serialize,
) -> Result<(), AppError> {
    let value = serde_json::to_string(value).map_err(|error| {
        tracing::error!(%error, "cannot store a setting");
        AppError::Internal
    })?;
    setting::Entity::insert(setting::ActiveModel {
        key: Set(key.to_owned()),
        value: Set(value),
        updated_at: Set(Utc::now()),
    })
    .on_conflict(
        OnConflict::column(setting::Column::Key)
            .update_columns([setting::Column::Value, setting::Column::UpdatedAt])
            .to_owned(),
    )
    .exec(db)
    .await?;
    Ok(())
}
