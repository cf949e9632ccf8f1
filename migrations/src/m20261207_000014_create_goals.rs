//! The municipality's shared goals (focus area 3, "felles innsats mot samme
//! mål"), and which challenges and ideas work towards each. A goal is
//! retired, never deleted, once something is linked to it: the links
//! restrict its deletion, and go with the challenge or idea they belong to.
use sea_orm_migration::prelude::*;

use crate::columns::{big, empty_text, id, index, nullable_timestamp, references, timestamp};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Goal {
    Table,
    Id,
    NameNb,
    NameNn,
    NameEn,
    DescriptionNb,
    DescriptionNn,
    DescriptionEn,
    CreatedAt,
    RetiredAt,
}

#[derive(DeriveIden)]
enum Challenge {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Idea {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum ChallengeGoal {
    Table,
    ChallengeId,
    GoalId,
    AddedAt,
}

#[derive(DeriveIden)]
enum IdeaGoal {
    Table,
    IdeaId,
    GoalId,
    AddedAt,
}

fn name<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column).string_len(120).not_null().to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Goal::Table)
                    .col(id(Goal::Id))
                    .col(name(Goal::NameNb).unique_key())
                    .col(empty_text(Goal::NameNn))
                    .col(empty_text(Goal::NameEn))
                    .col(empty_text(Goal::DescriptionNb))
                    .col(empty_text(Goal::DescriptionNn))
                    .col(empty_text(Goal::DescriptionEn))
                    .col(timestamp(Goal::CreatedAt))
                    .col(nullable_timestamp(Goal::RetiredAt))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(ChallengeGoal::Table)
                    .col(big(ChallengeGoal::ChallengeId))
                    .col(big(ChallengeGoal::GoalId))
                    .col(timestamp(ChallengeGoal::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(ChallengeGoal::ChallengeId)
                            .col(ChallengeGoal::GoalId),
                    )
                    .foreign_key(&mut references(
                        (ChallengeGoal::Table, ChallengeGoal::ChallengeId),
                        (Challenge::Table, Challenge::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (ChallengeGoal::Table, ChallengeGoal::GoalId),
                        (Goal::Table, Goal::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "challenge_goal_by_goal",
            ChallengeGoal::Table,
            vec![
                ChallengeGoal::GoalId.into_index_column(),
                ChallengeGoal::ChallengeId.into_index_column(),
            ],
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(IdeaGoal::Table)
                    .col(big(IdeaGoal::IdeaId))
                    .col(big(IdeaGoal::GoalId))
                    .col(timestamp(IdeaGoal::AddedAt))
                    .primary_key(Index::create().col(IdeaGoal::IdeaId).col(IdeaGoal::GoalId))
                    .foreign_key(&mut references(
                        (IdeaGoal::Table, IdeaGoal::IdeaId),
                        (Idea::Table, Idea::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (IdeaGoal::Table, IdeaGoal::GoalId),
                        (Goal::Table, Goal::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        // The board's goal filter: one goal's ideas, without reading the others.
        index(
            manager,
            "idea_goal_by_goal",
            IdeaGoal::Table,
            vec![
                IdeaGoal::GoalId.into_index_column(),
                IdeaGoal::IdeaId.into_index_column(),
            ],
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            IdeaGoal::Table.into_iden(),
            ChallengeGoal::Table.into_iden(),
            Goal::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
