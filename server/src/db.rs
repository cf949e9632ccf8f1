//! Connecting to the database and bringing its schema up to date.

use std::time::Duration;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr};

use crate::config::Config;

/// Any number of instances may start at once: on PostgreSQL they queue on
/// this advisory lock, and the first one runs the pending migrations.
const MIGRATION_LOCK_KEY: i64 = 0x5A4D_534B_4150; // "SAMSKAP"-ish, fixed forever

pub async fn connect(config: &Config) -> Result<DatabaseConnection, DbErr> {
    if config.is_sqlite() {
        std::fs::create_dir_all(&config.data_dir).map_err(|error| {
            DbErr::Custom(format!(
                "cannot create DATA_DIR {}: {error}",
                config.data_dir.display()
            ))
        })?;
    }
    let db = connect_to(&config.database_url).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        // Readers never wait for the writer; foreign keys are enforced.
        db.execute_unprepared("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;")
            .await?;
    }
    Ok(db)
}

/// A pool of connections to the database at `url`.
pub async fn connect_to(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options
        .connect_timeout(Duration::from_secs(5))
        .acquire_timeout(Duration::from_secs(5))
        .sqlx_logging(false);
    Database::connect(options).await
}

pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let transaction = app::server::transactions::begin(db).await?;
            transaction
                .execute_unprepared(&format!(
                    "SELECT pg_advisory_xact_lock({MIGRATION_LOCK_KEY})"
                ))
                .await?;
            Migrator::up(&transaction, None).await?;
            transaction.commit().await
        }
        _ => Migrator::up(db, None).await,
    }
}
