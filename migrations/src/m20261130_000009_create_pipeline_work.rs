//! The staff's work on an idea in the pipeline: when it entered its stage
//! (the board shows each card's age), the hand nomination into triage, the
//! owner departments, the internal log of who nominated and handed it over,
//! the evaluators' scorecards and the internal notes. All but the stage time
//! are for staff only.
use sea_orm_migration::prelude::*;

use crate::columns::{big, id, index, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
    Status,
    StageEnteredAt,
    NominatedAt,
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
enum IdeaDepartment {
    Table,
    IdeaId,
    DepartmentId,
    AddedAt,
}

#[derive(DeriveIden)]
enum IdeaPipelineEvent {
    Table,
    Id,
    IdeaId,
    Kind,
    DepartmentId,
    ActorId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum IdeaEvaluation {
    Table,
    Id,
    IdeaId,
    EvaluatorId,
    ValueForResidents,
    Feasibility,
    Cost,
    StrategicFit,
    Comment,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IdeaNote {
    Table,
    Id,
    IdeaId,
    AuthorId,
    Body,
    CreatedAt,
}

fn score<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column).small_integer().not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        add_idea_columns(manager).await?;
        create_owners(manager).await?;
        create_events(manager).await?;
        create_evaluations(manager).await?;
        create_notes(manager).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdeaNote::Table.into_iden(),
            IdeaEvaluation::Table.into_iden(),
            IdeaPipelineEvent::Table.into_iden(),
            IdeaDepartment::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        for name in ["idea_by_stage", "idea_nominated"] {
            manager
                .drop_index(Index::drop().name(name).table(Idea::Table).to_owned())
                .await?;
        }
        for column in [Idea::StageEnteredAt, Idea::NominatedAt] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Idea::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}

async fn add_idea_columns(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    // When the idea entered the status it is in; written with every
    // timeline row. SQLite takes one change per `ALTER TABLE`.
    for mut column in [
        nullable_timestamp(Idea::StageEnteredAt),
        // Nominated into triage by staff (a published idea below the threshold).
        nullable_timestamp(Idea::NominatedAt),
    ] {
        manager
            .alter_table(
                Table::alter()
                    .table(Idea::Table)
                    .add_column(&mut column)
                    .to_owned(),
            )
            .await?;
    }
    // Ideas that moved before this change: their last timeline row, else
    // when they were published or written.
    manager
        .get_connection()
        .execute_unprepared(
            "UPDATE idea SET stage_entered_at = COALESCE(\
                (SELECT MAX(created_at) FROM idea_status_change WHERE idea_id = idea.id), \
                published_at, created_at)",
        )
        .await?;
    // The board: each stage's cards, longest waiting first.
    index(
        manager,
        "idea_by_stage",
        Idea::Table,
        vec![
            Idea::Status.into_index_column(),
            Idea::StageEnteredAt.into_index_column(),
        ],
    )
    .await?;
    // Triage's nominated ideas, few among many published ones.
    index(
        manager,
        "idea_nominated",
        Idea::Table,
        vec![Idea::NominatedAt.into_index_column()],
    )
    .await
}

async fn create_owners(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaDepartment::Table)
                .col(big(IdeaDepartment::IdeaId))
                .col(big(IdeaDepartment::DepartmentId))
                .col(timestamp(IdeaDepartment::AddedAt))
                .primary_key(
                    Index::create()
                        .col(IdeaDepartment::IdeaId)
                        .col(IdeaDepartment::DepartmentId),
                )
                .foreign_key(&mut references(
                    (IdeaDepartment::Table, IdeaDepartment::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaDepartment::Table, IdeaDepartment::DepartmentId),
                    (Department::Table, Department::Id),
                    ForeignKeyAction::Cascade,
                ))
                .to_owned(),
        )
        .await?;
    // A department's board.
    index(
        manager,
        "idea_department_by_department",
        IdeaDepartment::Table,
        vec![
            IdeaDepartment::DepartmentId.into_index_column(),
            IdeaDepartment::IdeaId.into_index_column(),
        ],
    )
    .await
}

async fn create_events(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaPipelineEvent::Table)
                .col(id(IdeaPipelineEvent::Id))
                .col(big(IdeaPipelineEvent::IdeaId))
                // nominated / unnominated / owner_added / owner_removed
                .col(
                    ColumnDef::new(IdeaPipelineEvent::Kind)
                        .string_len(24)
                        .not_null(),
                )
                .col(
                    ColumnDef::new(IdeaPipelineEvent::DepartmentId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(IdeaPipelineEvent::ActorId)
                        .big_integer()
                        .null(),
                )
                .col(timestamp(IdeaPipelineEvent::CreatedAt))
                .foreign_key(&mut references(
                    (IdeaPipelineEvent::Table, IdeaPipelineEvent::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaPipelineEvent::Table, IdeaPipelineEvent::DepartmentId),
                    (Department::Table, Department::Id),
                    ForeignKeyAction::SetNull,
                ))
                .foreign_key(&mut references(
                    (IdeaPipelineEvent::Table, IdeaPipelineEvent::ActorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        "idea_pipeline_event_by_idea",
        IdeaPipelineEvent::Table,
        vec![
            IdeaPipelineEvent::IdeaId.into_index_column(),
            IdeaPipelineEvent::Id.into_index_column(),
        ],
    )
    .await
}

async fn create_evaluations(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaEvaluation::Table)
                .col(id(IdeaEvaluation::Id))
                .col(big(IdeaEvaluation::IdeaId))
                // Null once the evaluator's account is deleted; the scores stay.
                .col(
                    ColumnDef::new(IdeaEvaluation::EvaluatorId)
                        .big_integer()
                        .null(),
                )
                // Each 1–5, higher is better (for cost: cheaper).
                .col(score(IdeaEvaluation::ValueForResidents))
                .col(score(IdeaEvaluation::Feasibility))
                .col(score(IdeaEvaluation::Cost))
                .col(score(IdeaEvaluation::StrategicFit))
                .col(ColumnDef::new(IdeaEvaluation::Comment).text().null())
                .col(timestamp(IdeaEvaluation::CreatedAt))
                .col(timestamp(IdeaEvaluation::UpdatedAt))
                .foreign_key(&mut references(
                    (IdeaEvaluation::Table, IdeaEvaluation::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaEvaluation::Table, IdeaEvaluation::EvaluatorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    // One scorecard per evaluator per idea; scoring again revises it.
    manager
        .create_index(
            Index::create()
                .name("idea_evaluation_once_per_evaluator")
                .table(IdeaEvaluation::Table)
                .col(IdeaEvaluation::IdeaId)
                .col(IdeaEvaluation::EvaluatorId)
                .unique()
                .to_owned(),
        )
        .await?;
    index(
        manager,
        "idea_evaluation_by_evaluator",
        IdeaEvaluation::Table,
        vec![IdeaEvaluation::EvaluatorId.into_index_column()],
    )
    .await
}

async fn create_notes(manager: &SchemaManager<'_>) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(IdeaNote::Table)
                .col(id(IdeaNote::Id))
                .col(big(IdeaNote::IdeaId))
                .col(ColumnDef::new(IdeaNote::AuthorId).big_integer().null())
                .col(ColumnDef::new(IdeaNote::Body).text().not_null())
                .col(timestamp(IdeaNote::CreatedAt))
                .foreign_key(&mut references(
                    (IdeaNote::Table, IdeaNote::IdeaId),
                    (Idea::Table, Idea::Id),
                    ForeignKeyAction::Cascade,
                ))
                .foreign_key(&mut references(
                    (IdeaNote::Table, IdeaNote::AuthorId),
                    (Account::Table, Account::Id),
                    ForeignKeyAction::SetNull,
                ))
                .to_owned(),
        )
        .await?;
    index(
        manager,
        "idea_note_by_idea",
        IdeaNote::Table,
        vec![
            IdeaNote::IdeaId.into_index_column(),
            IdeaNote::Id.into_index_column(),
        ],
    )
    .await
}
