//! Counts the database keeps by triggers on `idea` (migrations 21 and 23):
//! a table of one count per key, and the triggers that follow every
//! insert, delete and change of the watched columns. Each migration says
//! when an idea counts and what counting it writes.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

/// A table of one count per key: `key` (a bigint, the primary key) and
/// `ideas`.
pub(crate) async fn create_count_table(
    manager: &SchemaManager<'_>,
    table: impl IntoIden,
    key: impl IntoIden,
    count: impl IntoIden,
) -> Result<(), DbErr> {
    manager
        .create_table(
            Table::create()
                .table(table)
                .col(ColumnDef::new(key).big_integer().not_null().primary_key())
                .col(ColumnDef::new(count).big_integer().not_null())
                .to_owned(),
        )
        .await
}

/// What a count's triggers are made of. `name` prefixes every trigger and
/// function; `watched` are the columns whose change can move a count
/// (`hidden_at` among them counts only when the idea is hidden or shown).
pub(crate) struct Follow {
    pub name: &'static str,
    pub watched: &'static [&'static str],
    /// Whether the idea in the row (`NEW` or `OLD`) counts.
    pub counts: fn(&str) -> String,
    /// The statements that count the row's idea in (SQLite's trigger body).
    pub add: fn(&str) -> String,
    /// The statements that count the row's idea out (SQLite's trigger body).
    pub take: fn(&str) -> String,
}

impl Follow {
    /// SQLite: four triggers, as its triggers have no `TG_OP`.
    pub fn sqlite(&self) -> String {
        let Follow { name, .. } = self;
        let watched = self.watched.join(", ");
        let (new, old) = ((self.counts)("NEW"), (self.counts)("OLD"));
        let (add, take) = ((self.add)("NEW"), (self.take)("OLD"));
        format!(
            "CREATE TRIGGER {name}_insert AFTER INSERT ON idea WHEN {new} BEGIN {add} END;
             CREATE TRIGGER {name}_delete AFTER DELETE ON idea WHEN {old} BEGIN {take} END;
             CREATE TRIGGER {name}_update_old AFTER UPDATE OF {watched} ON idea
                 WHEN {old} BEGIN {take} END;
             CREATE TRIGGER {name}_update_new AFTER UPDATE OF {watched} ON idea
                 WHEN {new} BEGIN {add} END;"
        )
    }

    /// PostgreSQL: the two triggers that run `{name}_follow()`, which the
    /// migration writes itself.
    pub fn postgres(&self) -> String {
        let name = self.name;
        let changed = self
            .watched
            .iter()
            .map(|column| match *column {
                "hidden_at" => "(OLD.hidden_at IS NULL) <> (NEW.hidden_at IS NULL)".to_owned(),
                column => format!("OLD.{column} IS DISTINCT FROM NEW.{column}"),
            })
            .collect::<Vec<_>>()
            .join(" OR ");
        format!(
            "CREATE TRIGGER {name}_insert_delete AFTER INSERT OR DELETE ON idea
                 FOR EACH ROW EXECUTE FUNCTION {name}_follow();
             CREATE TRIGGER {name}_update AFTER UPDATE OF {watched} ON idea
                 FOR EACH ROW WHEN ({changed}) EXECUTE FUNCTION {name}_follow();",
            watched = self.watched.join(", "),
        )
    }

    /// Drops the triggers (and on PostgreSQL `{name}_follow()`; the
    /// migration drops any other function of its own).
    pub fn drop(&self, backend: DbBackend) -> String {
        let name = self.name;
        match backend {
            DbBackend::Postgres => format!(
                "DROP TRIGGER IF EXISTS {name}_insert_delete ON idea;
                 DROP TRIGGER IF EXISTS {name}_update ON idea;
                 DROP FUNCTION IF EXISTS {name}_follow();"
            ),
            _ => ["insert", "delete", "update_old", "update_new"]
                .map(|event| format!("DROP TRIGGER IF EXISTS {name}_{event};"))
                .join("\n"),
        }
    }
}
