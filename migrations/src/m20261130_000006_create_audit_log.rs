//! The audit log: every moderator and admin action, one row each, never
//! changed or removed. A trigger on each database refuses UPDATE and DELETE,
//! so not even a bug in the application can rewrite what happened.
//!
//! The acting person is kept by id and by name as they were then, with no
//! foreign key: deleting an account must not touch the log.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::columns::id;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuditLog {
    Table,
    Id,
    ActorId,
    ActorName,
    Action,
    SubjectType,
    SubjectId,
    Detail,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(id(AuditLog::Id))
                    .col(ColumnDef::new(AuditLog::ActorId).big_integer().null())
                    .col(
                        ColumnDef::new(AuditLog::ActorName)
                            .string_len(120)
                            .not_null(),
                    )
                    .col(ColumnDef::new(AuditLog::Action).string_len(48).not_null())
                    // What was acted on: account, challenge, idea, comment, settings.
                    .col(ColumnDef::new(AuditLog::SubjectType).string_len(16).null())
                    .col(ColumnDef::new(AuditLog::SubjectId).big_integer().null())
                    // What changed, and why when a reason was given.
                    .col(ColumnDef::new(AuditLog::Detail).text().not_null())
                    .col(
                        ColumnDef::new(AuditLog::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The page filters by action or by who acted, newest first.
        for (name, column) in [
            ("audit_log_by_action", AuditLog::Action),
            ("audit_log_by_actor", AuditLog::ActorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditLog::Table)
                        .col(column)
                        .col(AuditLog::Id)
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "CREATE FUNCTION audit_log_is_append_only() RETURNS trigger AS $$
                     BEGIN
                         RAISE EXCEPTION 'the audit log is append-only';
                     END
                     $$ LANGUAGE plpgsql;
                     CREATE TRIGGER audit_log_append_only
                         BEFORE UPDATE OR DELETE ON audit_log
                         FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
                     CREATE TRIGGER audit_log_no_truncate
                         BEFORE TRUNCATE ON audit_log
                         FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                     CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(AuditLog::Table).to_owned())
            .await?;
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("DROP FUNCTION IF EXISTS audit_log_is_append_only()")
                .await?;
        }
        Ok(())
    }
}
