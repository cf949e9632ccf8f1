//! Method guides (focus area 1, innovation competence): a small library of
//! how-tos that staff write in three languages. A guide is never changed in
//! place: every save adds a numbered revision, and the guide row counts
//! them, so a save made from an older revision is caught and nothing is
//! overwritten unseen.
use sea_orm_migration::prelude::*;

use crate::columns::{big, empty_text, id, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Guide {
    Table,
    Id,
    Slug,
    Revision,
    CreatedAt,
}

#[derive(DeriveIden)]
enum GuideRevision {
    Table,
    GuideId,
    Number,
    TitleNb,
    TitleNn,
    TitleEn,
    SummaryNb,
    SummaryNn,
    SummaryEn,
    BodyNb,
    BodyNn,
    BodyEn,
    Note,
    EditedBy,
    CreatedAt,
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
                    .table(Guide::Table)
                    .col(id(Guide::Id))
                    .col(
                        ColumnDef::new(Guide::Slug)
                            .string_len(60)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Guide::Revision).integer().not_null())
                    .col(timestamp(Guide::CreatedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(GuideRevision::Table)
                    .col(big(GuideRevision::GuideId))
                    .col(ColumnDef::new(GuideRevision::Number).integer().not_null())
                    .col(ColumnDef::new(GuideRevision::TitleNb).text().not_null())
                    .col(empty_text(GuideRevision::TitleNn))
                    .col(empty_text(GuideRevision::TitleEn))
                    .col(ColumnDef::new(GuideRevision::SummaryNb).text().not_null())
                    .col(empty_text(GuideRevision::SummaryNn))
                    .col(empty_text(GuideRevision::SummaryEn))
                    .col(ColumnDef::new(GuideRevision::BodyNb).text().not_null())
                    .col(empty_text(GuideRevision::BodyNn))
                    .col(empty_text(GuideRevision::BodyEn))
                    .col(empty_text(GuideRevision::Note))
                    .col(ColumnDef::new(GuideRevision::EditedBy).big_integer().null())
                    .col(timestamp(GuideRevision::CreatedAt))
                    .primary_key(
                        Index::create()
                            .col(GuideRevision::GuideId)
                            .col(GuideRevision::Number),
                    )
                    .foreign_key(&mut references(
                        (GuideRevision::Table, GuideRevision::GuideId),
                        (Guide::Table, Guide::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (GuideRevision::Table, GuideRevision::EditedBy),
                        (Account::Table, Account::Id),
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(GuideRevision::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Guide::Table).to_owned())
            .await
    }
}
