//! Moderation: reports, content hidden by reports or by a moderator,
//! comments held for approval, suspended and banned accounts, and merged
//! duplicate ideas with what a merge moved (so it can be undone exactly).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};

use crate::columns::{big, id, index, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    SuspendedUntil,
    BannedAt,
}

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
    HiddenAt,
    HiddenReason,
    DuplicateOfId,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    HiddenAt,
    HiddenReason,
    HeldAt,
}

#[derive(DeriveIden)]
enum Challenge {
    Table,
    HiddenAt,
    HiddenReason,
}

#[derive(DeriveIden)]
enum Report {
    Table,
    Id,
    SubjectType,
    SubjectId,
    ReporterId,
    Reason,
    Detail,
    CreatedAt,
    ResolvedAt,
    Resolution,
}

#[derive(DeriveIden)]
enum IdeaMerge {
    Table,
    Id,
    FromIdeaId,
    IntoIdeaId,
    PreviousStatus,
    MergedBy,
    MergedAt,
    UndoneAt,
}

#[derive(DeriveIden)]
enum IdeaMergeSupport {
    Table,
    MergeId,
    AccountId,
    SupportedAt,
    Moved,
}

fn hidden_reason<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column).text().null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager).await?;
        create_reports(manager).await?;
        create_merges(manager).await?;
        // Every list now asks for `hidden_at IS NULL`. Until the new column
        // has statistics PostgreSQL guesses that few rows match and may read
        // the whole table instead of walking the list's index, and on a big
        // table autovacuum may not analyse it for a long time.
        if manager.get_database_backend() == DbBackend::Postgres {
            manager
                .get_connection()
                .execute_unprepared("ANALYZE idea; ANALYZE comment; ANALYZE challenge;")
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdeaMergeSupport::Table.into_iden(),
            IdeaMerge::Table.into_iden(),
            Report::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for (table, column) in added_columns() {
            let name = Alias::new(column.get_column_name());
            manager
                .alter_table(Table::alter().table(table).drop_column(name).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn added_columns() -> Vec<(DynIden, ColumnDef)> {
    vec![
        // Until when the account may read but not act; null when it may act.
        (
            Account::Table.into_iden(),
            nullable_timestamp(Account::SuspendedUntil),
        ),
        // Banned for good (until an admin lifts it): may read, never act.
        (
            Account::Table.into_iden(),
            nullable_timestamp(Account::BannedAt),
        ),
        // Hidden from everyone but the author and moderators. With no
        // reason it was hidden by reports and waits for a moderator.
        (Idea::Table.into_iden(), nullable_timestamp(Idea::HiddenAt)),
        (Idea::Table.into_iden(), hidden_reason(Idea::HiddenReason)),
        // The idea a moderator merged this one into (status duplicate).
        (
            Idea::Table.into_iden(),
            ColumnDef::new(Idea::DuplicateOfId)
                .big_integer()
                .null()
                .to_owned(),
        ),
        (
            Comment::Table.into_iden(),
            nullable_timestamp(Comment::HiddenAt),
        ),
        (
            Comment::Table.into_iden(),
            hidden_reason(Comment::HiddenReason),
        ),
        // Held for a moderator's approval (a new account, when the
        // municipality pre-moderates their comments); only the author sees it.
        (
            Comment::Table.into_iden(),
            nullable_timestamp(Comment::HeldAt),
        ),
        (
            Challenge::Table.into_iden(),
            nullable_timestamp(Challenge::HiddenAt),
        ),
        (
            Challenge::Table.into_iden(),
            hidden_reason(Challenge::HiddenReason),
        ),
    ]
}

/// SQLite takes one change per `ALTER TABLE`, so each column is its own.
async fn add_columns(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    for (table, mut column) in added_columns() {
        manager
            .alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    Ok(())
}

async fn create_reports(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Report::Table)
                .col(id(Report::Id))
                // idea / comment / challenge / account
                .col(
                    ColumnDef::new(Report::SubjectType)
                        .string_len(16)
                        .not_null(),
                )
                .col(big(Report::SubjectId))
                // Null once the reporter deletes their account; the report stays.
                .col(ColumnDef::new(Report::ReporterId).big_integer().null())
                // spam / offensive / off_topic / personal_data / other
                .col(ColumnDef::new(Report::Reason).string_len(16).not_null())
                .col(ColumnDef::new(Report::Detail).text().null())
                .col(timestamp(Report::CreatedAt))
                // Open until a moderator decides on the item.
                .col(nullable_timestamp(Report::ResolvedAt))
                // upheld (hidden) / dismissed
                .col(ColumnDef::new(Report::Resolution).string_len(16).null())
                .foreign_key(&mut references(
                    (Report::Table, Report::ReporterId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // One report per person per item, however often they press the button.
    manager
        .create_index(
            Index::create()
                .name("report_once_per_reporter")
                .table(Report::Table)
                .col(Report::SubjectType)
                .col(Report::SubjectId)
                .col(Report::ReporterId)
                .unique()
                .to_owned(),
        )
        .await?;
    // The queue: open reports, oldest first.
    index(
        manager,
        "report_open",
        Report::Table,
        vec![
            Report::ResolvedAt.into_index_column(),
            Report::CreatedAt.into_index_column(),
        ],
    )
    .await
}

async fn create_merges(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaMerge::Table)
                .col(id(IdeaMerge::Id))
                .col(big(IdeaMerge::FromIdeaId))
                .col(big(IdeaMerge::IntoIdeaId))
                // What the merged idea was before, to give it back on undo.
                .col(
                    ColumnDef::new(IdeaMerge::PreviousStatus)
                        .string_len(24)
                        .not_null(),
                )
                .col(ColumnDef::new(IdeaMerge::MergedBy).big_integer().null())
                .col(timestamp(IdeaMerge::MergedAt))
                .col(nullable_timestamp(IdeaMerge::UndoneAt))
                .foreign_key(&mut references(
                    (IdeaMerge::Table, IdeaMerge::FromIdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaMerge::Table, IdeaMerge::IntoIdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        "idea_merge_from",
        IdeaMerge::Table,
        vec![IdeaMerge::FromIdeaId.into_index_column()],
    )
    .await?;
    // Every support the merged idea had, and whether it moved (a person who
    // already supported the target keeps their one support there).
    manager
        .create_table(
            Table::create()
                .table(IdeaMergeSupport::Table)
                .col(big(IdeaMergeSupport::MergeId))
                .col(big(IdeaMergeSupport::AccountId))
                .col(timestamp(IdeaMergeSupport::SupportedAt))
                .col(ColumnDef::new(IdeaMergeSupport::Moved).boolean().not_null())
                .primary_key(
                    Index::create()
                        .col(IdeaMergeSupport::MergeId)
                        .col(IdeaMergeSupport::AccountId),
                )
                .foreign_key(&mut references(
                    (IdeaMergeSupport::Table, IdeaMergeSupport::MergeId),
                    (IdeaMerge::Table, IdeaMerge::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaMergeSupport::Table, IdeaMergeSupport::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await
}
