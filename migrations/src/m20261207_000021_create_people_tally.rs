//! How many people have an active public idea, kept by the database
//! itself: the home page showed it by counting the distinct authors of
//! every idea, a cost that grew with the ideas (about a second at
//! 1 000 000). `author_tally` holds each author's active visible ideas and
//! `people_tally` the number of authors with at least one; triggers on
//! `idea` move both with every insert, move, hide, delete and change of
//! author, whatever code made it.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::idea_triggers::{Follow, create_count_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AuthorTally {
    Table,
    AuthorId,
    Ideas,
}

#[derive(DeriveIden)]
enum PeopleTally {
    Table,
    Id,
    People,
}

/// The statuses that count: `IdeaStatus::ACTIVE`, the ideas `/ideas` lists
/// (a test compares the two).
pub const ACTIVE: &str = "'published', 'threshold_reached', 'under_review', 'selected', \
    'piloting', 'implemented', 'benefits_realised'";

/// Whether the idea in `row` (NEW or OLD) counts for its author.
fn counts(row: &str) -> String {
    format!(
        "({row}.hidden_at IS NULL AND {row}.author_id IS NOT NULL AND {row}.status IN ({ACTIVE}))"
    )
}

/// SQLite's triggers have no variables: the person is counted when their
/// tally has just become 1, and uncounted when it has just become 0.
fn sqlite_add(row: &str) -> String {
    format!(
        "INSERT INTO author_tally (author_id, ideas) VALUES ({row}.author_id, 1)
             ON CONFLICT (author_id) DO UPDATE SET ideas = ideas + 1;
         UPDATE people_tally SET people = people + 1 WHERE id = 1
             AND (SELECT ideas FROM author_tally WHERE author_id = {row}.author_id) = 1;"
    )
}

fn sqlite_take(row: &str) -> String {
    format!(
        "UPDATE author_tally SET ideas = ideas - 1 WHERE author_id = {row}.author_id;
         UPDATE people_tally SET people = people - 1 WHERE id = 1
             AND (SELECT ideas FROM author_tally WHERE author_id = {row}.author_id) = 0;"
    )
}

const FOLLOW: Follow = Follow {
    name: "author_tally",
    watched: &["status", "hidden_at", "author_id"],
    counts,
    add: sqlite_add,
    take: sqlite_take,
};

/// PostgreSQL's functions: one person counted in or out as their tally
/// leaves or reaches 0.
fn postgres_functions() -> String {
    let (old, new) = (counts("OLD"), counts("NEW"));
    format!(
        "CREATE FUNCTION author_tally_add(author bigint, change bigint) RETURNS void AS $$
         DECLARE after bigint;
         BEGIN
             INSERT INTO author_tally AS tally (author_id, ideas) VALUES (author, change)
             ON CONFLICT (author_id) DO UPDATE SET ideas = tally.ideas + EXCLUDED.ideas
             RETURNING tally.ideas INTO after;
             IF change > 0 AND after = change THEN
                 UPDATE people_tally SET people = people + 1 WHERE id = 1;
             ELSIF change < 0 AND after = 0 THEN
                 UPDATE people_tally SET people = people - 1 WHERE id = 1;
             END IF;
         END
         $$ LANGUAGE plpgsql;
         CREATE FUNCTION author_tally_follow() RETURNS trigger AS $$
         DECLARE
             was boolean := TG_OP <> 'INSERT' AND {old};
             is_now boolean := TG_OP <> 'DELETE' AND {new};
         BEGIN
             -- A move between two active stages changes nobody's count.
             IF was AND is_now AND OLD.author_id = NEW.author_id THEN RETURN NULL; END IF;
             IF was THEN PERFORM author_tally_add(OLD.author_id, -1); END IF;
             IF is_now THEN PERFORM author_tally_add(NEW.author_id, 1); END IF;
             RETURN NULL;
         END
         $$ LANGUAGE plpgsql;"
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_count_table(
            manager,
            AuthorTally::Table,
            AuthorTally::AuthorId,
            AuthorTally::Ideas,
        )
        .await?;
        create_count_table(
            manager,
            PeopleTally::Table,
            PeopleTally::Id,
            PeopleTally::People,
        )
        .await?;
        let db = manager.get_connection();
        // The ideas already there, then the triggers for what comes.
        db.execute_unprepared(&format!(
            "INSERT INTO author_tally (author_id, ideas)
             SELECT author_id, COUNT(*) FROM idea AS counted WHERE {}
             GROUP BY author_id;
             INSERT INTO people_tally (id, people)
             SELECT 1, COUNT(*) FROM author_tally WHERE ideas > 0;",
            counts("counted")
        ))
        .await?;
        let triggers = match manager.get_database_backend() {
            DbBackend::Postgres => format!("{}\n{}", postgres_functions(), FOLLOW.postgres()),
            _ => FOLLOW.sqlite(),
        };
        db.execute_unprepared(&triggers).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let backend = manager.get_database_backend();
        let mut drop = FOLLOW.drop(backend);
        if backend == DbBackend::Postgres {
            drop.push_str("\nDROP FUNCTION IF EXISTS author_tally_add(bigint, bigint);");
        }
        manager.get_connection().execute_unprepared(&drop).await?;
        for table in [
            PeopleTally::Table.into_iden(),
            AuthorTally::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
