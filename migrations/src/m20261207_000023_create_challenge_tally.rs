//! How many visible public ideas each challenge has, kept by the database
//! itself. Challenge cards (the home page, `/challenges`) counted their
//! ideas on every request: about 2 000 rows read per card at 100 000 ideas,
//! and hidden ideas were counted too. Triggers on `idea` move the count with
//! every insert, move, hide, delete and change of challenge.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

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

/// The columns whose change can move an idea's count.
const WATCHED: &str = "status, hidden_at, challenge_id";

/// `change` added to the tally of the challenge in `row`.
fn add(row: &str, change: i32) -> String {
    format!(
        "INSERT INTO challenge_tally (challenge_id, ideas) VALUES ({row}.challenge_id, {change}) \
         ON CONFLICT (challenge_id) DO UPDATE SET ideas = challenge_tally.ideas + ({change});"
    )
}

fn postgres_triggers() -> String {
    format!(
        "CREATE FUNCTION challenge_tally_follow() RETURNS trigger AS $$
         BEGIN
             IF TG_OP <> 'INSERT' AND {old} THEN {take_old} END IF;
             IF TG_OP <> 'DELETE' AND {new} THEN {add_new} END IF;
             RETURN NULL;
         END
         $$ LANGUAGE plpgsql;
         CREATE TRIGGER challenge_tally_insert_delete AFTER INSERT OR DELETE ON idea
             FOR EACH ROW EXECUTE FUNCTION challenge_tally_follow();
         CREATE TRIGGER challenge_tally_update AFTER UPDATE OF {WATCHED} ON idea
             FOR EACH ROW WHEN (
                 OLD.status IS DISTINCT FROM NEW.status
                 OR OLD.challenge_id IS DISTINCT FROM NEW.challenge_id
                 OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL))
             EXECUTE FUNCTION challenge_tally_follow();",
        old = counts("OLD"),
        new = counts("NEW"),
        take_old = add("OLD", -1),
        add_new = add("NEW", 1),
    )
}

fn sqlite_triggers() -> String {
    format!(
        "CREATE TRIGGER challenge_tally_insert AFTER INSERT ON idea
             WHEN {new} BEGIN {add_new} END;
         CREATE TRIGGER challenge_tally_delete AFTER DELETE ON idea
             WHEN {old} BEGIN {take_old} END;
         CREATE TRIGGER challenge_tally_update_old AFTER UPDATE OF {WATCHED} ON idea
             WHEN {old} BEGIN {take_old} END;
         CREATE TRIGGER challenge_tally_update_new AFTER UPDATE OF {WATCHED} ON idea
             WHEN {new} BEGIN {add_new} END;",
        old = counts("OLD"),
        new = counts("NEW"),
        take_old = add("OLD", -1),
        add_new = add("NEW", 1),
    )
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ChallengeTally::Table)
                    .col(
                        ColumnDef::new(ChallengeTally::ChallengeId)
                            .big_integer()
                            .not_null()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(ChallengeTally::Ideas)
                            .big_integer()
                            .not_null(),
                    )
                    .to_owned(),
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
            DbBackend::Postgres => postgres_triggers(),
            _ => sqlite_triggers(),
        };
        db.execute_unprepared(&triggers).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let drop = match manager.get_database_backend() {
            DbBackend::Postgres => {
                "DROP TRIGGER IF EXISTS challenge_tally_insert_delete ON idea;
                 DROP TRIGGER IF EXISTS challenge_tally_update ON idea;
                 DROP FUNCTION IF EXISTS challenge_tally_follow();"
            }
            _ => {
                "DROP TRIGGER IF EXISTS challenge_tally_insert;
                 DROP TRIGGER IF EXISTS challenge_tally_delete;
                 DROP TRIGGER IF EXISTS challenge_tally_update_old;
                 DROP TRIGGER IF EXISTS challenge_tally_update_new;"
            }
        };
        manager.get_connection().execute_unprepared(drop).await?;
        manager
            .drop_table(Table::drop().table(ChallengeTally::Table).to_owned())
            .await
    }
}
