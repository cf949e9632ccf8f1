//! Sharing between municipalities: the partner instances an admin lists
//! (the only hosts Samskap ever fetches from), where an imported solution
//! card came from (`solution.origin_*`, and when the origin was told), and
//! the adoptions of this instance's cards that partners reported and this
//! instance verified (`solution_adoption`).
use sea_orm_migration::prelude::*;

use crate::columns::{big, empty_text, id, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Partner {
    Table,
    Id,
    Name,
    BaseUrl,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Solution {
    Table,
    Id,
    OriginPartnerId,
    OriginUrl,
    OriginTitle,
    OriginVersion,
    OriginNotifiedAt,
}

#[derive(DeriveIden)]
enum SolutionAdoption {
    Table,
    SolutionId,
    PartnerId,
    SourceUrl,
    VerifiedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Partner::Table)
                    .col(id(Partner::Id))
                    .col(ColumnDef::new(Partner::Name).text().not_null())
                    .col(
                        ColumnDef::new(Partner::BaseUrl)
                            .string_len(300)
                            .not_null()
                            .unique_key(),
                    )
                    .col(timestamp(Partner::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // SQLite adds one column per statement.
        for column in [
            ColumnDef::new(Solution::OriginPartnerId)
                .big_integer()
                .null()
                .to_owned(),
            empty_text(Solution::OriginUrl),
            empty_text(Solution::OriginTitle),
            ColumnDef::new(Solution::OriginVersion)
                .integer()
                .null()
                .to_owned(),
            nullable_timestamp(Solution::OriginNotifiedAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Solution::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .create_table(
                Table::create()
                    .table(SolutionAdoption::Table)
                    .col(big(SolutionAdoption::SolutionId))
                    .col(big(SolutionAdoption::PartnerId))
                    .col(
                        ColumnDef::new(SolutionAdoption::SourceUrl)
                            .string_len(300)
                            .not_null(),
                    )
                    .col(timestamp(SolutionAdoption::VerifiedAt))
                    .primary_key(
                        Index::create()
                            .col(SolutionAdoption::SolutionId)
                            .col(SolutionAdoption::SourceUrl),
                    )
                    .foreign_key(&mut references(
                        (SolutionAdoption::Table, SolutionAdoption::SolutionId),
                        (Solution::Table, Solution::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (SolutionAdoption::Table, SolutionAdoption::PartnerId),
                        (Partner::Table, Partner::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SolutionAdoption::Table).to_owned())
            .await?;
        for column in [
            Solution::OriginPartnerId,
            Solution::OriginUrl,
            Solution::OriginTitle,
            Solution::OriginVersion,
            Solution::OriginNotifiedAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Solution::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Partner::Table).to_owned())
            .await
    }
}
