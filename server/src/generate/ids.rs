//! Ids the generator gives its rows itself, after those already there, so
//! rows can refer to each other (a support to its idea, a reply to its
//! comment) without reading anything back; the sequences are moved past
//! them at the end.

use std::collections::HashMap;

use anyhow::Context;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// The tables whose ids the generator gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Numbered {
    Account,
    Department,
    Challenge,
    Idea,
    Comment,
    Kpi,
}

impl Numbered {
    const ALL: [Self; 6] = [
        Self::Account,
        Self::Department,
        Self::Challenge,
        Self::Idea,
        Self::Comment,
        Self::Kpi,
    ];

    fn table(self) -> &'static str {
        match self {
            Self::Account => "account",
            Self::Department => "department",
            Self::Challenge => "challenge",
            Self::Idea => "idea",
            Self::Comment => "comment",
            Self::Kpi => "kpi",
        }
    }
}

pub struct Ids {
    next: HashMap<Numbered, i64>,
}

impl Ids {
    /// The next free id of each of [`Numbered`].
    pub async fn read(db: &DatabaseConnection) -> anyhow::Result<Self> {
        let mut next = HashMap::new();
        for numbered in Numbered::ALL {
            let table = numbered.table();
            let row = db
                .query_one_raw(Statement::from_string(
                    db.get_database_backend(),
                    format!("SELECT COALESCE(MAX(id), 0) AS last FROM {table}"),
                ))
                .await?
                .context("MAX gives a row")?;
            next.insert(numbered, row.try_get::<i64>("", "last")? + 1);
        }
        Ok(Self { next })
    }

    /// The first of `count` new ids of `table`.
    pub fn take(&mut self, table: Numbered, count: i64) -> i64 {
        let next = self.next.entry(table).or_insert(1);
        let first = *next;
        *next += count;
        first
    }

    /// Moves PostgreSQL's sequences past the ids given, so the next row the
    /// application inserts gets a free one (SQLite's keys follow by
    /// themselves).
    pub async fn move_sequences(db: &DatabaseConnection) -> anyhow::Result<()> {
        if db.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        for table in Numbered::ALL.map(Numbered::table) {
            db.execute_unprepared(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), \
                 GREATEST((SELECT MAX(id) FROM {table}), 1))"
            ))
            .await?;
        }
        Ok(())
    }
}
