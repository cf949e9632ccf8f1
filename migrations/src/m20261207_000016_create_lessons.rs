//! "What we learned": staff write one lesson on an idea that was piloted,
//! implemented or declined ("a best failure is a result too"). It stays
//! internal until staff publish it on the idea's page and `/impact`.
use sea_orm_migration::prelude::*;

use crate::columns::{big, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdeaLesson {
    Table,
    IdeaId,
    Body,
    Public,
    UpdatedAt,
    UpdatedBy,
}

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

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IdeaLesson::Table)
                    .col(big(IdeaLesson::IdeaId).primary_key())
                    .col(ColumnDef::new(IdeaLesson::Body).text().not_null())
                    .col(
                        ColumnDef::new(IdeaLesson::Public)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .col(timestamp(IdeaLesson::UpdatedAt))
                    .col(ColumnDef::new(IdeaLesson::UpdatedBy).big_integer().null())
                    .foreign_key(&mut references(
                        (IdeaLesson::Table, IdeaLesson::IdeaId),
                        (Idea::Table, Idea::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (IdeaLesson::Table, IdeaLesson::UpdatedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(IdeaLesson::Table).to_owned())
            .await
    }
}
