//! What someone typed into a form the server refused, kept for an hour.
//! Without JavaScript a refused form comes back through a redirect, and
//! the typed text used to ride in that address: a long idea made it larger
//! than ordinary proxies accept (about 8 KB), and put the text in access
//! logs. Now the address carries only this row's random key.
use sea_orm_migration::prelude::*;

use crate::columns::{index, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum FormEcho {
    Table,
    Key,
    Fields,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(FormEcho::Table)
                    .col(
                        ColumnDef::new(FormEcho::Key)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    // The typed fields as a JSON array of [name, value] pairs.
                    .col(ColumnDef::new(FormEcho::Fields).text().not_null())
                    .col(timestamp(FormEcho::CreatedAt))
                    .to_owned(),
            )
            .await?;
        // The hourly purge finds the spent ones by age.
        index(
            manager,
            "form_echo_created_at",
            FormEcho::Table,
            vec![FormEcho::CreatedAt.into_index_column()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(FormEcho::Table).to_owned())
            .await
    }
}
