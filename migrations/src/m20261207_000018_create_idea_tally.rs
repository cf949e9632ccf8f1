//! How many visible ideas there are of each status, focus area, district,
//! kind of sender and year of publication, kept by the database itself:
//! triggers on `idea` count every insert, move, hide and delete, whatever
//! code made it. `/impact` and `/admin/gains` read their funnel and
//! tallies from these few hundred rows instead of counting every idea
//! (a cost that grew with the ideas).
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum IdeaTally {
    Table,
    Status,
    FocusArea,
    District,
    ActorType,
    Year,
    Ideas,
}

/// Adds `change` to the row of an idea's values (`row` is NEW or OLD);
/// an idea without a district counts under '', one never published
/// under year 0.
fn postgres_count(row: &str, change: i32) -> String {
    format!(
        "PERFORM idea_tally_add({row}.status, {row}.focus_area, {row}.district, \
         {row}.author_actor_type, {row}.published_at, {change});"
    )
}

fn sqlite_count(row: &str, change: i32) -> String {
    format!(
        "INSERT INTO idea_tally (status, focus_area, district, actor_type, year, ideas) \
         VALUES ({row}.status, {row}.focus_area, COALESCE({row}.district, ''), \
         {row}.author_actor_type, COALESCE(CAST(substr({row}.published_at, 1, 4) AS INTEGER), 0), {change}) \
         ON CONFLICT (status, focus_area, district, actor_type, year) \
         DO UPDATE SET ideas = ideas + excluded.ideas;"
    )
}

/// The columns whose change moves an idea to another row.
const COUNTED: &str = "status, focus_area, district, author_actor_type, published_at, hidden_at";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let key = |column: IdeaTally| ColumnDef::new(column).string_len(80).not_null().to_owned();
        manager
            .create_table(
                Table::create()
                    .table(IdeaTally::Table)
                    .col(key(IdeaTally::Status))
                    .col(key(IdeaTally::FocusArea))
                    .col(key(IdeaTally::District))
                    .col(key(IdeaTally::ActorType))
                    .col(ColumnDef::new(IdeaTally::Year).integer().not_null())
                    .col(ColumnDef::new(IdeaTally::Ideas).big_integer().not_null())
                    .primary_key(
                        Index::create()
                            .col(IdeaTally::Status)
                            .col(IdeaTally::FocusArea)
                            .col(IdeaTally::District)
                            .col(IdeaTally::ActorType)
                            .col(IdeaTally::Year),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let (year, triggers) = match manager.get_database_backend() {
            DbBackend::Postgres => (
                "COALESCE(EXTRACT(YEAR FROM published_at AT TIME ZONE 'UTC')::integer, 0)",
                format!(
                    "CREATE FUNCTION idea_tally_add(status text, focus_area text, district text,
                         actor_type text, published_at timestamptz, change bigint) RETURNS void AS $$
                         INSERT INTO idea_tally AS tally (status, focus_area, district, actor_type, year, ideas)
                         VALUES (status, focus_area, COALESCE(district, ''), actor_type,
                             COALESCE(EXTRACT(YEAR FROM published_at AT TIME ZONE 'UTC')::integer, 0), change)
                         ON CONFLICT (status, focus_area, district, actor_type, year)
                         DO UPDATE SET ideas = tally.ideas + EXCLUDED.ideas;
                     $$ LANGUAGE sql;
                     CREATE FUNCTION idea_tally_follow() RETURNS trigger AS $$
                     BEGIN
                         IF TG_OP <> 'INSERT' AND OLD.hidden_at IS NULL THEN {old} END IF;
                         IF TG_OP <> 'DELETE' AND NEW.hidden_at IS NULL THEN {new} END IF;
                         RETURN NULL;
                     END
                     $$ LANGUAGE plpgsql;
                     CREATE TRIGGER idea_tally_insert_delete AFTER INSERT OR DELETE ON idea
                         FOR EACH ROW EXECUTE FUNCTION idea_tally_follow();
                     CREATE TRIGGER idea_tally_update AFTER UPDATE OF {COUNTED} ON idea
                         FOR EACH ROW WHEN (
                             OLD.status IS DISTINCT FROM NEW.status
                             OR OLD.focus_area IS DISTINCT FROM NEW.focus_area
                             OR OLD.district IS DISTINCT FROM NEW.district
                             OR OLD.author_actor_type IS DISTINCT FROM NEW.author_actor_type
                             OR OLD.published_at IS DISTINCT FROM NEW.published_at
                             OR (OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL))
                         EXECUTE FUNCTION idea_tally_follow();",
                    old = postgres_count("OLD", -1),
                    new = postgres_count("NEW", 1),
                ),
            ),
            _ => (
                "COALESCE(CAST(substr(published_at, 1, 4) AS INTEGER), 0)",
                format!(
                    "CREATE TRIGGER idea_tally_insert AFTER INSERT ON idea
                         WHEN NEW.hidden_at IS NULL BEGIN {insert} END;
                     CREATE TRIGGER idea_tally_delete AFTER DELETE ON idea
                         WHEN OLD.hidden_at IS NULL BEGIN {delete} END;
                     CREATE TRIGGER idea_tally_update_old AFTER UPDATE OF {COUNTED} ON idea
                         WHEN OLD.hidden_at IS NULL BEGIN {delete} END;
                     CREATE TRIGGER idea_tally_update_new AFTER UPDATE OF {COUNTED} ON idea
                         WHEN NEW.hidden_at IS NULL BEGIN {insert} END;",
                    insert = sqlite_count("NEW", 1),
                    delete = sqlite_count("OLD", -1),
                ),
            ),
        };
        // The ideas already there, then the triggers for what comes.
        db.execute_unprepared(&format!(
            "INSERT INTO idea_tally (status, focus_area, district, actor_type, year, ideas)
             SELECT status, focus_area, COALESCE(district, ''), author_actor_type, {year}, COUNT(*)
             FROM idea WHERE hidden_at IS NULL
             GROUP BY status, focus_area, COALESCE(district, ''), author_actor_type, {year}"
        ))
        .await?;
        db.execute_unprepared(&triggers).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DbBackend::Postgres => {
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS idea_tally_insert_delete ON idea;
                     DROP TRIGGER IF EXISTS idea_tally_update ON idea;
                     DROP FUNCTION IF EXISTS idea_tally_follow();
                     DROP FUNCTION IF EXISTS idea_tally_add(text, text, text, text, timestamptz, bigint);",
                )
                .await?;
            }
            _ => {
                db.execute_unprepared(
                    "DROP TRIGGER IF EXISTS idea_tally_insert;
                     DROP TRIGGER IF EXISTS idea_tally_delete;
                     DROP TRIGGER IF EXISTS idea_tally_update_old;
                     DROP TRIGGER IF EXISTS idea_tally_update_new;",
                )
                .await?;
            }
        }
        manager
            .drop_table(Table::drop().table(IdeaTally::Table).to_owned())
            .await
    }
}
