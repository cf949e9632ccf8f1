//! `samskap demo`: the demo data set, Bærum's: its settings, and people of
//! every actor type with their challenges and ideas (`demo/content.json`).
//! Loaded once into a new database; a database whose settings an admin has
//! already saved is left alone, so running it again never overwrites real
//! data.

mod content;
mod engagement;
mod guides;
mod plans;
mod solutions;
mod timeline;

use app::features::settings::service::{self, SettingsChange};
use app::features::settings::types::{Municipality, RateLimits, Thresholds};
use sea_orm::DatabaseConnection;

const DISTRICTS: &[&str] = &[
    "Bekkestua",
    "Blommenholm",
    "Bærums Verk",
    "Eiksmarka",
    "Fornebu",
    "Gjettum",
    "Haslum",
    "Høvik",
    "Jar",
    "Kolsås",
    "Lommedalen",
    "Lysaker",
    "Rykkinn",
    "Sandvika",
    "Snarøya",
    "Stabekk",
    "Østerås",
];

const DEPARTMENTS: &[&str] = &[
    "Barnehager",
    "Skoler",
    "Helse og omsorg",
    "Kultur, idrett og frivillighet",
    "Vei og trafikk",
    "Vann og avløp",
    "Eiendom",
    "Digitalisering og innovasjon",
    "Næring og samfunnsutvikling",
];

/// Loads Bærum's settings unless the municipality has been set up already.
/// Returns whether anything was loaded.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<bool> {
    if service::is_set_up(db).await? {
        return Ok(false);
    }
    service::save(
        db,
        SettingsChange {
            municipality: Municipality {
                name: "Bærum kommune".to_owned(),
                brand_color: "#00577b".to_owned(),
                logo_path: None,
            },
            districts: DISTRICTS.iter().map(|name| (*name).to_owned()).collect(),
            thresholds: Thresholds::default(),
            limits: RateLimits::default(),
        },
    )
    .await?;
    app::features::departments::service::ensure(db, DEPARTMENTS).await?;
    content::load(db).await?;
    guides::load(db).await?;
    solutions::load(db).await?;
    Ok(true)
}
