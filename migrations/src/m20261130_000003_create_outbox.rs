//! The outbox: every email Samskap sends is first written here, in the same
//! transaction as the change it reports, and a worker delivers it from here.
//! So a mail server outage delays email and never loses it.
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Outbox {
    Table,
    Id,
    MessageId,
    Recipient,
    Template,
    Subject,
    BodyText,
    BodyHtml,
    Headers,
    CreatedAt,
    Attempts,
    NextAttemptAt,
    LeaseToken,
    LastError,
    SentAt,
    FailedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Outbox::Table)
                    .col(
                        ColumnDef::new(Outbox::Id)
                            .big_integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    // The unique part of the Message-ID header, fixed when the email is
                    // queued, so a resent copy carries the same id and receivers keep one.
                    .col(
                        ColumnDef::new(Outbox::MessageId)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Outbox::Recipient).string_len(320).not_null())
                    // Which template made it (for logs and metrics).
                    .col(ColumnDef::new(Outbox::Template).string_len(64).not_null())
                    .col(ColumnDef::new(Outbox::Subject).text().not_null())
                    .col(ColumnDef::new(Outbox::BodyText).text().not_null())
                    .col(ColumnDef::new(Outbox::BodyHtml).text().not_null())
                    // Extra headers (Content-Language, later List-Unsubscribe) as a JSON
                    // array of [name, value] pairs.
                    .col(ColumnDef::new(Outbox::Headers).text().not_null())
                    .col(
                        ColumnDef::new(Outbox::CreatedAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // Counted when a worker takes the email, so a crash mid-send counts too.
                    .col(
                        ColumnDef::new(Outbox::Attempts)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    // The earliest time a worker may take the email: after a failure the
                    // end of the back-off; while a worker holds it the end of its lease, so
                    // an email whose worker died is taken again once the lease runs out.
                    .col(
                        ColumnDef::new(Outbox::NextAttemptAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    // Set by the worker holding the email; its result only counts while
                    // the token is still its own.
                    .col(ColumnDef::new(Outbox::LeaseToken).string_len(36).null())
                    .col(ColumnDef::new(Outbox::LastError).text().null())
                    .col(
                        ColumnDef::new(Outbox::SentAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    // Set when the mail server kept refusing the email (see the worker);
                    // the row stays for the operator to read.
                    .col(
                        ColumnDef::new(Outbox::FailedAt)
                            .timestamp_with_time_zone()
                            .null(),
                    )
                    .to_owned(),
            )
            .await?;
        // The workers' claim and their "when is the next one due" both read only
        // the waiting emails; a partial index keeps that small however many were sent.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_waiting_due")
                    .table(Outbox::Table)
                    .col(Outbox::NextAttemptAt)
                    .and_where(Expr::col(Outbox::SentAt).is_null())
                    .and_where(Expr::col(Outbox::FailedAt).is_null())
                    .to_owned(),
            )
            .await?;
        // "The age of the oldest unsent email" for /metrics.
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_waiting_since")
                    .table(Outbox::Table)
                    .col(Outbox::CreatedAt)
                    .and_where(Expr::col(Outbox::SentAt).is_null())
                    .and_where(Expr::col(Outbox::FailedAt).is_null())
                    .to_owned(),
            )
            .await?;
        // Sent emails are forgotten after a while (they hold links and addresses).
        manager
            .create_index(
                Index::create()
                    .name("idx_outbox_sent_at")
                    .table(Outbox::Table)
                    .col(Outbox::SentAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Outbox::Table).to_owned())
            .await
    }
}
