//! Addresses accounts have signed in from, so the limit on failed sign-ins
//! across all addresses (which slows a guesser with many addresses) spares
//! the owner's own. Like the rate-limit buckets, each row holds only a hash
//! of (email, address), with no foreign key: it names nobody, and it is
//! forgotten 90 days after the last sign-in from that address.
use sea_orm_migration::prelude::*;

use crate::columns::{index, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum KnownSignInAddress {
    Table,
    KeyHash,
    LastSignedInAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(KnownSignInAddress::Table)
                    .col(
                        ColumnDef::new(KnownSignInAddress::KeyHash)
                            .string_len(64)
                            .not_null()
                            .primary_key(),
                    )
                    .col(timestamp(KnownSignInAddress::LastSignedInAt))
                    .to_owned(),
            )
            .await?;
        // The hourly purge finds the forgotten ones by age.
        index(
            manager,
            "known_sign_in_address_last_signed_in_at",
            KnownSignInAddress::Table,
            vec![KnownSignInAddress::LastSignedInAt.into_index_column()],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(KnownSignInAddress::Table).to_owned())
            .await
    }
}
