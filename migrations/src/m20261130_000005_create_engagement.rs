//! Engagement: supports on ideas and comments, threaded comments, follows,
//! notifications and how each person wants them emailed.
//!
//! Counts (`idea.support_count`, `comment.support_count`, `reply_count`)
//! are kept in the same transaction as the rows they count; the primary
//! keys on the support tables are what make a second support impossible,
//! however the requests race.
use sea_orm_migration::prelude::*;

use crate::columns::{big, count, id, index, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Account {
    Table,
    Id,
    EmailNotifications,
    UnsubscribeToken,
}

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
    ThresholdReachedAt,
}

#[derive(DeriveIden)]
enum Challenge {
    Table,
    Id,
    ClosingNoticeSentAt,
}

#[derive(DeriveIden)]
enum IdeaSupport {
    Table,
    IdeaId,
    AccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Comment {
    Table,
    Id,
    IdeaId,
    ParentId,
    AuthorId,
    Depth,
    Stance,
    Body,
    SupportCount,
    ReplyCount,
    CreatedAt,
    EditedAt,
    DeletedAt,
}

#[derive(DeriveIden)]
enum CommentSupport {
    Table,
    CommentId,
    AccountId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Follow {
    Table,
    AccountId,
    SubjectType,
    SubjectId,
    CreatedAt,
    UnfollowedAt,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    Id,
    AccountId,
    Kind,
    IdeaId,
    ChallengeId,
    CommentId,
    ActorId,
    Detail,
    CreatedAt,
    ReadAt,
    EmailDue,
}

#[derive(DeriveIden)]
enum JobRun {
    Table,
    Job,
    Period,
    StartedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_columns(manager).await?;
        create_supports(manager).await?;
        create_comments(manager).await?;
        create_follows(manager).await?;
        create_notifications(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            JobRun::Table.into_iden(),
            Notification::Table.into_iden(),
            Follow::Table.into_iden(),
            CommentSupport::Table.into_iden(),
            Comment::Table.into_iden(),
            IdeaSupport::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for (table, column) in [
            (
                Account::Table.into_iden(),
                Account::UnsubscribeToken.into_iden(),
            ),
            (
                Account::Table.into_iden(),
                Account::EmailNotifications.into_iden(),
            ),
            (
                Idea::Table.into_iden(),
                Idea::ThresholdReachedAt.into_iden(),
            ),
            (
                Challenge::Table.into_iden(),
                Challenge::ClosingNoticeSentAt.into_iden(),
            ),
        ] {
            manager
                .alter_table(Table::alter().table(table).drop_column(column).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// SQLite takes one change per `ALTER TABLE`, so each column is its own.
async fn add_columns(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    let additions = [
        // immediately / daily / off
        (
            Account::Table.into_iden(),
            ColumnDef::new(Account::EmailNotifications)
                .string_len(16)
                .not_null()
                .default("immediately")
                .to_owned(),
        ),
        // The secret in every notification email's unsubscribe link: it can
        // only turn that person's notification emails off. Made on first use.
        (
            Account::Table.into_iden(),
            ColumnDef::new(Account::UnsubscribeToken)
                .string_len(64)
                .null()
                .to_owned(),
        ),
        // When the idea crossed the support threshold (once; never undone).
        (
            Idea::Table.into_iden(),
            nullable_timestamp(Idea::ThresholdReachedAt),
        ),
        // When followers were told the challenge closes soon (once).
        (
            Challenge::Table.into_iden(),
            nullable_timestamp(Challenge::ClosingNoticeSentAt),
        ),
    ];
    for (table, mut column) in additions {
        manager
            .alter_table(
                Table::alter()
                    .table(table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    manager
        .create_index(
            Index::create()
                .name("account_unsubscribe_token")
                .table(Account::Table)
                .col(Account::UnsubscribeToken)
                .unique()
                .to_owned(),
        )
        .await
}

async fn create_supports(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaSupport::Table)
                .col(big(IdeaSupport::IdeaId))
                .col(big(IdeaSupport::AccountId))
                .col(timestamp(IdeaSupport::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(IdeaSupport::IdeaId)
                        .col(IdeaSupport::AccountId),
                )
                .foreign_key(&mut references(
                    (IdeaSupport::Table, IdeaSupport::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaSupport::Table, IdeaSupport::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    // A person's own supports: their export, and the counts to give back
    // when they delete their account.
    index(
        manager,
        "idea_support_by_account",
        IdeaSupport::Table,
        vec![IdeaSupport::AccountId.into_index_column()],
    )
    .await
}

async fn create_comments(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Comment::Table)
                .col(id(Comment::Id))
                .col(big(Comment::IdeaId))
                // Null for a comment on the idea itself.
                .col(ColumnDef::new(Comment::ParentId).big_integer().null())
                // Null once the author deletes their account.
                .col(ColumnDef::new(Comment::AuthorId).big_integer().null())
                // 0 on the idea, 1 a reply, 2 a reply to a reply (the deepest).
                .col(ColumnDef::new(Comment::Depth).small_integer().not_null())
                // for / against / neutral, or none given.
                .col(ColumnDef::new(Comment::Stance).string_len(8).null())
                // Markdown; emptied when the author deletes the comment.
                .col(ColumnDef::new(Comment::Body).text().not_null())
                .col(count(Comment::SupportCount))
                .col(count(Comment::ReplyCount))
                .col(timestamp(Comment::CreatedAt))
                .col(nullable_timestamp(Comment::EditedAt))
                // A deleted comment stays as a tombstone so its replies keep
                // their place in the thread.
                .col(nullable_timestamp(Comment::DeletedAt))
                .foreign_key(&mut references(
                    (Comment::Table, Comment::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (Comment::Table, Comment::ParentId),
                    (Comment::Table, Comment::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (Comment::Table, Comment::AuthorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // One index per order a thread is read in: the idea's own comments
    // (parent null) oldest or newest first (ids grow with time), or most
    // supported first, and the replies under a comment, oldest first.
    // Keyset paging reads straight down each.
    index(
        manager,
        "comment_by_time",
        Comment::Table,
        vec![
            Comment::IdeaId.into_index_column(),
            Comment::ParentId.into_index_column(),
            Comment::Id.into_index_column(),
        ],
    )
    .await?;
    index(
        manager,
        "comment_by_support",
        Comment::Table,
        vec![
            Comment::IdeaId.into_index_column(),
            Comment::ParentId.into_index_column(),
            Comment::SupportCount.into_index_column(),
            Comment::Id.into_index_column(),
        ],
    )
    .await?;
    index(
        manager,
        "comment_replies",
        Comment::Table,
        vec![
            Comment::ParentId.into_index_column(),
            Comment::Id.into_index_column(),
        ],
    )
    .await?;
    index(
        manager,
        "comment_by_author",
        Comment::Table,
        vec![Comment::AuthorId.into_index_column()],
    )
    .await?;

    manager
        .create_table(
            Table::create()
                .table(CommentSupport::Table)
                .col(big(CommentSupport::CommentId))
                .col(big(CommentSupport::AccountId))
                .col(timestamp(CommentSupport::CreatedAt))
                .primary_key(
                    Index::create()
                        .col(CommentSupport::CommentId)
                        .col(CommentSupport::AccountId),
                )
                .foreign_key(&mut references(
                    (CommentSupport::Table, CommentSupport::CommentId),
                    (Comment::Table, Comment::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (CommentSupport::Table, CommentSupport::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        "comment_support_by_account",
        CommentSupport::Table,
        vec![CommentSupport::AccountId.into_index_column()],
    )
    .await
}

async fn create_follows(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Follow::Table)
                .col(big(Follow::AccountId))
                // idea / challenge
                .col(
                    ColumnDef::new(Follow::SubjectType)
                        .string_len(16)
                        .not_null(),
                )
                .col(big(Follow::SubjectId))
                .col(timestamp(Follow::CreatedAt))
                // Set when the person unfollows. The row stays, so taking
                // part again later (a support, a comment) does not quietly
                // follow them again.
                .col(nullable_timestamp(Follow::UnfollowedAt))
                .primary_key(
                    Index::create()
                        .col(Follow::AccountId)
                        .col(Follow::SubjectType)
                        .col(Follow::SubjectId),
                )
                .foreign_key(&mut references(
                    (Follow::Table, Follow::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    // Who follows an idea or a challenge: read for every notification.
    index(
        manager,
        "follow_by_subject",
        Follow::Table,
        vec![
            Follow::SubjectType.into_index_column(),
            Follow::SubjectId.into_index_column(),
        ],
    )
    .await
}

async fn create_notifications(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(Notification::Table)
                .col(id(Notification::Id))
                .col(big(Notification::AccountId))
                .col(ColumnDef::new(Notification::Kind).string_len(32).not_null())
                .col(ColumnDef::new(Notification::IdeaId).big_integer().null())
                .col(
                    ColumnDef::new(Notification::ChallengeId)
                        .big_integer()
                        .null(),
                )
                .col(ColumnDef::new(Notification::CommentId).big_integer().null())
                // Who did it (a reply's author); their name is read when shown,
                // so a deleted account leaves no name behind.
                .col(ColumnDef::new(Notification::ActorId).big_integer().null())
                // What changed: a status, a state, a reason.
                .col(ColumnDef::new(Notification::Detail).text().null())
                .col(timestamp(Notification::CreatedAt))
                .col(nullable_timestamp(Notification::ReadAt))
                // "now" until the notification mailer has looked at it (it
                // emails it, or hands it to the digest, or drops it, as the
                // person chose); "digest" while it waits for the daily digest;
                // null once done.
                .col(ColumnDef::new(Notification::EmailDue).string_len(8).null())
                .foreign_key(&mut references(
                    (Notification::Table, Notification::AccountId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (Notification::Table, Notification::ActorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut references(
                    (Notification::Table, Notification::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (Notification::Table, Notification::ChallengeId),
                    (Challenge::Table, Challenge::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (Notification::Table, Notification::CommentId),
                    (Comment::Table, Comment::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // The list on /notifications, newest first.
    index(
        manager,
        "notification_by_account",
        Notification::Table,
        vec![
            Notification::AccountId.into_index_column(),
            Notification::Id.into_index_column(),
        ],
    )
    .await?;
    // The unread count in the header, on every page a signed-in person sees.
    manager
        .create_index(
            Index::create()
                .name("notification_unread")
                .table(Notification::Table)
                .col(Notification::AccountId)
                .and_where(Expr::col(Notification::ReadAt).is_null())
                .to_owned(),
        )
        .await?;
    // The notification mailer's and the daily digest's picks.
    manager
        .create_index(
            Index::create()
                .name("notification_email_due")
                .table(Notification::Table)
                .col(Notification::EmailDue)
                .col(Notification::AccountId)
                .and_where(Expr::col(Notification::EmailDue).is_not_null())
                .to_owned(),
        )
        .await?;

    // Periodic jobs (the daily digest, challenge deadlines) claim their
    // period here, so with many instances each period runs once.
    manager
        .create_table(
            Table::create()
                .table(JobRun::Table)
                .col(ColumnDef::new(JobRun::Job).string_len(32).not_null())
                .col(ColumnDef::new(JobRun::Period).string_len(32).not_null())
                .col(timestamp(JobRun::StartedAt))
                .primary_key(Index::create().col(JobRun::Job).col(JobRun::Period))
                .to_owned(),
        )
        .await
}
