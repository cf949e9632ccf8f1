//! Solution cards ("stjæl og del"): what the municipality put into practice,
//! written up so that others can take it. `solution` is the card as staff
//! edit it now: a draft until it is first published (`version` 0), after
//! which every save publishes the next numbered version, kept whole in
//! `solution_version`, so a municipality that took version 2 can still
//! read what it took. `revision` counts every save, so a save made from an
//! older form than the newest is caught. The cards are searched as ideas
//! are: the Norwegian dictionary on PostgreSQL, trigrams on SQLite.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::columns::{
    big, count, empty_text, id, index, nullable_timestamp, references, timestamp,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Solution {
    Table,
    Id,
    IdeaId,
    Title,
    Problem,
    Context,
    WhatWasDone,
    CostNok,
    CostNote,
    Contact,
    Licence,
    Maturity,
    FocusArea,
    Revision,
    Version,
    CreatedBy,
    CreatedAt,
    UpdatedAt,
    PublishedAt,
}

#[derive(DeriveIden)]
enum SolutionVersion {
    Table,
    SolutionId,
    Number,
    Title,
    Problem,
    Context,
    WhatWasDone,
    CostNok,
    CostNote,
    Contact,
    Licence,
    Maturity,
    FocusArea,
    Note,
    PublishedBy,
    PublishedAt,
}

#[derive(DeriveIden)]
enum SolutionGoal {
    Table,
    SolutionId,
    GoalId,
    AddedAt,
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

#[derive(DeriveIden)]
enum Goal {
    Table,
    Id,
}

/// The card's text columns, the same in the card and in each version.
fn text_columns<T: IntoIden>(
    table: &mut TableCreateStatement,
    [
        title,
        problem,
        context,
        done,
        cost,
        cost_note,
        contact,
        licence,
        maturity,
        area,
    ]: [T; 10],
) {
    table
        .col(ColumnDef::new(title).text().not_null())
        .col(ColumnDef::new(problem).text().not_null())
        .col(empty_text(context))
        .col(ColumnDef::new(done).text().not_null())
        .col(ColumnDef::new(cost).big_integer().null())
        .col(empty_text(cost_note))
        .col(empty_text(contact))
        .col(ColumnDef::new(licence).string_len(20).not_null())
        .col(ColumnDef::new(maturity).string_len(20).not_null())
        .col(ColumnDef::new(area).string_len(40).not_null());
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let mut card = Table::create()
            .table(Solution::Table)
            .col(id(Solution::Id))
            .col(ColumnDef::new(Solution::IdeaId).big_integer().null())
            .to_owned();
        text_columns(
            &mut card,
            [
                Solution::Title,
                Solution::Problem,
                Solution::Context,
                Solution::WhatWasDone,
                Solution::CostNok,
                Solution::CostNote,
                Solution::Contact,
                Solution::Licence,
                Solution::Maturity,
                Solution::FocusArea,
            ],
        );
        card.col(count(Solution::Revision))
            .col(count(Solution::Version))
            .col(ColumnDef::new(Solution::CreatedBy).big_integer().null())
            .col(timestamp(Solution::CreatedAt))
            .col(timestamp(Solution::UpdatedAt))
            .col(nullable_timestamp(Solution::PublishedAt))
            .foreign_key(&mut references(
                (Solution::Table, Solution::IdeaId),
                (Idea::Table, Idea::Id),
                ForeignKeyAction::SetNull,
            ))
            .foreign_key(&mut references(
                (Solution::Table, Solution::CreatedBy),
                (Account::Table, Account::Id),
                ForeignKeyAction::SetNull,
            ));
        manager.create_table(card).await?;
        index(
            manager,
            "solution_by_idea",
            Solution::Table,
            vec![Solution::IdeaId.into_index_column()],
        )
        .await?;
        index(
            manager,
            "solution_published",
            Solution::Table,
            vec![
                Solution::Version.into_index_column(),
                Solution::Id.into_index_column(),
            ],
        )
        .await?;

        let mut version = Table::create()
            .table(SolutionVersion::Table)
            .col(big(SolutionVersion::SolutionId))
            .col(ColumnDef::new(SolutionVersion::Number).integer().not_null())
            .to_owned();
        text_columns(
            &mut version,
            [
                SolutionVersion::Title,
                SolutionVersion::Problem,
                SolutionVersion::Context,
                SolutionVersion::WhatWasDone,
                SolutionVersion::CostNok,
                SolutionVersion::CostNote,
                SolutionVersion::Contact,
                SolutionVersion::Licence,
                SolutionVersion::Maturity,
                SolutionVersion::FocusArea,
            ],
        );
        version
            .col(empty_text(SolutionVersion::Note))
            .col(
                ColumnDef::new(SolutionVersion::PublishedBy)
                    .big_integer()
                    .null(),
            )
            .col(timestamp(SolutionVersion::PublishedAt))
            .primary_key(
                Index::create()
                    .col(SolutionVersion::SolutionId)
                    .col(SolutionVersion::Number),
            )
            .foreign_key(&mut references(
                (SolutionVersion::Table, SolutionVersion::SolutionId),
                (Solution::Table, Solution::Id),
                ForeignKeyAction::Cascade,
            ))
            .foreign_key(&mut references(
                (SolutionVersion::Table, SolutionVersion::PublishedBy),
                (Account::Table, Account::Id),
                ForeignKeyAction::SetNull,
            ));
        manager.create_table(version).await?;

        manager
            .create_table(
                Table::create()
                    .table(SolutionGoal::Table)
                    .col(big(SolutionGoal::SolutionId))
                    .col(big(SolutionGoal::GoalId))
                    .col(timestamp(SolutionGoal::AddedAt))
                    .primary_key(
                        Index::create()
                            .col(SolutionGoal::SolutionId)
                            .col(SolutionGoal::GoalId),
                    )
                    .foreign_key(&mut references(
                        (SolutionGoal::Table, SolutionGoal::SolutionId),
                        (Solution::Table, Solution::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut references(
                        (SolutionGoal::Table, SolutionGoal::GoalId),
                        (Goal::Table, Goal::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "solution_goal_by_goal",
            SolutionGoal::Table,
            vec![SolutionGoal::GoalId.into_index_column()],
        )
        .await?;

        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    r#"
                    ALTER TABLE solution ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('samskap_nb', title), 'A') ||
                        setweight(to_tsvector('samskap_nb', problem), 'B') ||
                        setweight(to_tsvector('samskap_nb', what_was_done), 'C')
                    ) STORED;
                    CREATE INDEX solution_search ON solution USING gin (search_vector);
                    CREATE INDEX solution_title_trigram ON solution USING gin (lower(title) gin_trgm_ops);
                    "#,
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    r#"
                    CREATE VIRTUAL TABLE solution_fts USING fts5(
                        title, problem, what_was_done, content='solution', content_rowid='id', tokenize='trigram'
                    );
                    CREATE TRIGGER solution_fts_insert AFTER INSERT ON solution BEGIN
                        INSERT INTO solution_fts(rowid, title, problem, what_was_done)
                        VALUES (new.id, new.title, new.problem, new.what_was_done);
                    END;
                    CREATE TRIGGER solution_fts_delete AFTER DELETE ON solution BEGIN
                        INSERT INTO solution_fts(solution_fts, rowid, title, problem, what_was_done)
                        VALUES ('delete', old.id, old.title, old.problem, old.what_was_done);
                    END;
                    CREATE TRIGGER solution_fts_update AFTER UPDATE OF title, problem, what_was_done ON solution BEGIN
                        INSERT INTO solution_fts(solution_fts, rowid, title, problem, what_was_done)
                        VALUES ('delete', old.id, old.title, old.problem, old.what_was_done);
                        INSERT INTO solution_fts(rowid, title, problem, what_was_done)
                        VALUES (new.id, new.title, new.problem, new.what_was_done);
                    END;
                    "#,
                )
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DbBackend::Sqlite {
            manager
                .get_connection()
                .execute_unprepared("DROP TABLE IF EXISTS solution_fts")
                .await?;
        }
        for table in [
            SolutionGoal::Table.into_iden(),
            SolutionVersion::Table.into_iden(),
            Solution::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
