//! The timeline of an idea: every status change, who made it, the reason
//! or link it came with, and the municipality's official response. The
//! idea page shows it to everyone.
use sea_orm_migration::prelude::*;

use crate::columns::{big, id, index, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum IdeaStatusChange {
    Table,
    Id,
    IdeaId,
    FromStatus,
    ToStatus,
    ActorId,
    Note,
    Response,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdeaStatusChange::Table)
                    .col(id(IdeaStatusChange::Id))
                    .col(big(IdeaStatusChange::IdeaId))
                    // Null for the first step out of draft.
                    .col(
                        ColumnDef::new(IdeaStatusChange::FromStatus)
                            .string_len(24)
                            .null(),
                    )
                    .col(
                        ColumnDef::new(IdeaStatusChange::ToStatus)
                            .string_len(24)
                            .not_null(),
                    )
                    // Null when Samskap moved it (the threshold) or the
                    // person's account is gone.
                    .col(
                        ColumnDef::new(IdeaStatusChange::ActorId)
                            .big_integer()
                            .null(),
                    )
                    // The reason (declined) or the link (solved elsewhere).
                    .col(ColumnDef::new(IdeaStatusChange::Note).text().null())
                    // The municipality's official response (Markdown), public.
                    .col(ColumnDef::new(IdeaStatusChange::Response).text().null())
                    .col(timestamp(IdeaStatusChange::CreatedAt))
                    .foreign_key(&mut references(
                        (IdeaStatusChange::Table, IdeaStatusChange::IdeaId),
                        (Idea::Table, Idea::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (IdeaStatusChange::Table, IdeaStatusChange::ActorId),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "idea_status_change_by_idea",
            IdeaStatusChange::Table,
            vec![
                IdeaStatusChange::IdeaId.into_index_column(),
                IdeaStatusChange::Id.into_index_column(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdeaStatusChange::Table).to_owned())
            .await
    }
}
