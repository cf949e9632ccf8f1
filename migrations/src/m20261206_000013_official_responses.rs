//! The municipality's official responses as a thing of their own. Staff may
//! respond to an idea at any public stage, with a status move or without
//! one; every response is a row here, linked to the move it came with.
//! Responses written with a move before this change move here from the
//! timeline's old `response` column, which goes. A notification about a
//! response points to it, so its text is read when the notification is
//! shown or emailed (and left out for a reader the idea is hidden from).
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
enum Department {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum IdeaStatusChange {
    Table,
    Id,
    Response,
}

#[derive(DeriveIden)]
enum Notification {
    Table,
    ResponseId,
}

#[derive(DeriveIden)]
enum IdeaOfficialResponse {
    Table,
    Id,
    IdeaId,
    StatusChangeId,
    AuthorId,
    DepartmentId,
    Status,
    Body,
    CreatedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_responses(manager).await?;
        // The responses written with a move so far, each signed by a
        // department of the person who wrote it (one that owns the idea
        // if there is one), as new responses are.
        manager
            .get_connection()
            .execute_unprepared(
                "INSERT INTO idea_official_response \
                    (idea_id, status_change_id, author_id, department_id, status, body, created_at) \
                 SELECT c.idea_id, c.id, c.actor_id, \
                    COALESCE(\
                        (SELECT MIN(m.department_id) FROM department_member m \
                          JOIN idea_department d ON d.department_id = m.department_id \
                          WHERE m.account_id = c.actor_id AND d.idea_id = c.idea_id), \
                        (SELECT MIN(m.department_id) FROM department_member m \
                          WHERE m.account_id = c.actor_id)), \
                    c.to_status, c.response, c.created_at \
                 FROM idea_status_change c \
                 WHERE c.response IS NOT NULL AND c.response <> '' \
                 ORDER BY c.id",
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaStatusChange::Table)
                    .drop_column(IdeaStatusChange::Response)
                    .to_owned(),
            )
            .await?;
        // No foreign key: SQLite cannot add one to an existing table, and a
        // notification about a response also names its idea, whose deletion
        // takes the notification and the response alike.
        manager
            .alter_table(
                Table::alter()
                    .table(Notification::Table)
                    .add_column(
                        ColumnDef::new(Notification::ResponseId)
                            .big_integer()
                            .null(),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Notification::Table)
                    .drop_column(Notification::ResponseId)
                    .to_owned(),
            )
            .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(IdeaStatusChange::Table)
                    .add_column(ColumnDef::new(IdeaStatusChange::Response).text().null())
                    .to_owned(),
            )
            .await?;
        // Responses that came with a move go back to it; those written on
        // their own have no place in the old shape and are lost.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE idea_status_change SET response = \
                    (SELECT MAX(r.body) FROM idea_official_response r \
                      WHERE r.status_change_id = idea_status_change.id)",
            )
            .await?;
        manager
            .drop_table(Table::drop().table(IdeaOfficialResponse::Table).to_owned())
            .await
    }
}

async fn create_responses(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaOfficialResponse::Table)
                .col(id(IdeaOfficialResponse::Id))
                .col(big(IdeaOfficialResponse::IdeaId))
                // The move it was published with; null for a response on
                // its own.
                .col(
                    ColumnDef::new(IdeaOfficialResponse::StatusChangeId)
                        .big_integer()
                        .null(),
                )
                // Null once the person's account is gone.
                .col(
                    ColumnDef::new(IdeaOfficialResponse::AuthorId)
                        .big_integer()
                        .null(),
                )
                // The department it is signed with: the author's, one that
                // owns the idea if there is one; null for someone in none.
                .col(
                    ColumnDef::new(IdeaOfficialResponse::DepartmentId)
                        .big_integer()
                        .null(),
                )
                // The idea's status when it was published (after its move).
                .col(
                    ColumnDef::new(IdeaOfficialResponse::Status)
                        .string_len(24)
                        .not_null(),
                )
                // Markdown, public; rendered and sanitised when shown.
                .col(ColumnDef::new(IdeaOfficialResponse::Body).text().not_null())
                .col(timestamp(IdeaOfficialResponse::CreatedAt))
                .foreign_key(&mut references(
                    (IdeaOfficialResponse::Table, IdeaOfficialResponse::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (
                        IdeaOfficialResponse::Table,
                        IdeaOfficialResponse::StatusChangeId,
                    ),
                    (IdeaStatusChange::Table, IdeaStatusChange::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaOfficialResponse::Table, IdeaOfficialResponse::AuthorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut references(
                    (
                        IdeaOfficialResponse::Table,
                        IdeaOfficialResponse::DepartmentId,
                    ),
                    (Department::Table, Department::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // An idea's responses in order: its page and its timeline.
    index(
        manager,
        "idea_official_response_by_idea",
        IdeaOfficialResponse::Table,
        vec![
            IdeaOfficialResponse::IdeaId.into_index_column(),
            IdeaOfficialResponse::Id.into_index_column(),
        ],
    )
    .await
}
