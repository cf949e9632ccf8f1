//! Beginning a transaction that writes.
//!
//! On SQLite a transaction begun the default way (DEFERRED) reads first and
//! asks for the write lock only at its first write; if another connection
//! (a second process on the same file, such as `samskap create-admin` while
//! the server runs) wrote in between, SQLite refuses at once with "database
//! is locked" (a busy snapshot), which no busy timeout retries. Begun
//! IMMEDIATE, it takes the write lock first and waits its turn (the
//! connection's busy timeout, 5 s). PostgreSQL ignores the mode.
//!
//! Every transaction in Samskap writes, so every one begins here; clippy's
//! `disallowed-methods` (clippy.toml) refuses a plain `begin()`.

use sea_orm::{DbErr, SqliteTransactionMode, TransactionOptions, TransactionTrait};

pub async fn begin<C: TransactionTrait>(db: &C) -> Result<C::Transaction, DbErr> {
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}

/// Makes the changes of one kind (a department list's, a goal list's) take
/// turns until the end of `transaction`, so two admins cannot both pass a
/// check such as "no other has this name" before either writes. On
/// PostgreSQL a transaction-scoped advisory lock on `key` (a constant of
/// its own per kind, fixed forever); SQLite lets one transaction write at a
/// time anyway (they begin IMMEDIATE).
pub async fn take_turns(
    transaction: &impl sea_orm::ConnectionTrait,
    key: i64,
) -> Result<(), DbErr> {
    if transaction.get_database_backend() == sea_orm::DbBackend::Postgres {
        transaction
            .execute_unprepared(&format!("SELECT pg_advisory_xact_lock({key})"))
            .await?;
    }
    Ok(())
}
