//! How many visible public ideas each challenge has, kept by the database
//! itself. Challenge cards (the home page, `/challenges`) counted their
//! ideas on every request: about 2 000 rows read per card at 100 000 ideas,
//! and hidden ideas were counted too. Triggers on `idea` move the count with
//! every insert, move, hide, delete and change of challenge.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

use crate::idea_triggers::{Follow, create_count_table};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum ChallengeTally {
    Table,
    ChallengeId,
    Ideas,
}

/// Whether the idea in `row` (NEW or OLD) counts for its challenge: every
/// status but a draft and one waiting for a moderator is public.
fn counts(row: &str) -> String {
    format!(
        "({row}.hidden_at IS NULL AND {row}.challenge_id IS NOT NULL \
         AND {row}.status NOT IN ('draft', 'awaiting_approval'))"
    )
}

/// `change` added to the tally of the challenge in `row`.
fn add(row: &str, change: i32) -> String {
    format!(
        "INSERT INTO challenge_tally (challenge_id, ideas) VALUES ({row}.challenge_id, {change}) \
         ON CONFLICT (challenge_id) DO UPDATE SET ideas = challenge_tally.ideas + ({change});"
    )
}

const FOLLOW: Follow = Follow {
    name: "challenge_tally",
    watched: &["status", "hidden_at", "challenge_id"],
    counts,
    add: |row| add(row, 1),
    take: |row| add(row, -1),
};

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        create_count_table(
            manager,
            ChallengeTally::Table,
            ChallengeTally::ChallengeId,
            ChallengeTally::Ideas,
        )
        .await?;
        let db = manager.get_connection();
        // The ideas already there, then the triggers for what comes.
        db.execute_unprepared(&format!(
            "INSERT INTO challenge_tally (challenge_id, ideas)
             SELECT challenge_id, COUNT(*) FROM idea AS counted WHERE {}
             GROUP BY challenge_id",
            counts("counted")
        ))
        .await?;
        let triggers = match manager.get_database_backend() {
            DbBackend::Postgres => format!(
                "CREATE FUNCTION challenge_tally_follow() RETURNS trigger AS $$
                 BEGIN
                     IF TG_OP <> 'INSERT' AND {old} THEN {take_old} END IF;
                     IF TG_OP <> 'DELETE' AND {new} THEN {add_new} END IF;
                     RETURN NULL;
                 END
                 $$ LANGUAGE plpgsql;
                 {triggers}",
                old = counts("OLD"),
                new = counts("NEW"),
                take_old = (FOLLOW.take)("OLD"),
                add_new = (FOLLOW.add)("NEW"),
                triggers = FOLLOW.postgres(),
            ),
            _ => FOLLOW.sqlite(),
        };
        db.execute_unprepared(&triggers).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = FOLLOW.drop(manager.get_database_backend());
        manager.get_connection().execute_unprepared(&drop).await?;
        manager
            .drop_table(Table::drop().table(ChallengeTally::Table).to_owned())
            .await
    }
}
