//! Rows written in bulk, the fastest way each database takes them: `COPY`
//! on PostgreSQL, multi-row `INSERT`s in one transaction on SQLite. The
//! generator fills a table's rows in memory a chunk at a time, then writes
//! them here in the order the foreign keys ask for.

use anyhow::Context;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, Value};
use sqlx::postgres::PgPoolCopyExt;

/// One value of a row.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(String),
    Time(DateTime<Utc>),
    Day(NaiveDate),
}

macro_rules! field_from {
    ($($type:ty => $variant:ident($convert:expr)),+ $(,)?) => {
        $(impl From<$type> for Field {
            fn from(value: $type) -> Self {
                Field::$variant($convert(value))
            }
        })+
    };
}

field_from! {
    i64 => Int(|v| v),
    i32 => Int(i64::from),
    i16 => Int(i64::from),
    f64 => Float(|v| v),
    bool => Bool(|v| v),
    String => Text(|v| v),
    &str => Text(str::to_owned),
    DateTime<Utc> => Time(|v| v),
    NaiveDate => Day(|v| v),
}

impl<T: Into<Field>> From<Option<T>> for Field {
    fn from(value: Option<T>) -> Self {
        value.map_or(Field::Null, Into::into)
    }
}

/// The rows of one table waiting to be written.
pub struct Rows {
    table: &'static str,
    columns: &'static [&'static str],
    fields: Vec<Field>,
}

/// Rows per `INSERT` on SQLite: well under its limit of 32 766 bound values.
const SQLITE_ROWS_PER_INSERT: usize = 500;

/// Bytes per `CopyData` message on PostgreSQL.
const COPY_CHUNK: usize = 1 << 20;

impl Rows {
    pub fn new(table: &'static str, columns: &'static [&'static str]) -> Self {
        Self {
            table,
            columns,
            fields: Vec::new(),
        }
    }

    /// Adds a row: one field for each column, in the columns' order.
    pub fn push<const N: usize>(&mut self, row: [Field; N]) {
        assert_eq!(
            N,
            self.columns.len(),
            "a row of {} has the wrong width",
            self.table
        );
        self.fields.extend(row);
    }

    pub fn len(&self) -> usize {
        self.fields.len() / self.columns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Writes the waiting rows, then forgets them.
    pub async fn write(&mut self, db: &DatabaseConnection) -> anyhow::Result<()> {
        if self.is_empty() {
            return Ok(());
        }
        match db.get_database_backend() {
            DbBackend::Postgres => self.copy(db).await,
            _ => self.insert(db).await,
        }
        .with_context(|| format!("writing {} rows of {}", self.len(), self.table))?;
        self.fields.clear();
        Ok(())
    }

    async fn copy(&self, db: &DatabaseConnection) -> anyhow::Result<()> {
        let mut text = Vec::with_capacity(self.fields.len() * 16);
        for row in self.fields.chunks(self.columns.len()) {
            for (index, field) in row.iter().enumerate() {
                if index > 0 {
                    text.push(b'\t');
                }
                copy_text(field, &mut text);
            }
            text.push(b'\n');
        }
        let statement = format!(
            "COPY {} ({}) FROM STDIN",
            self.table,
            self.columns.join(", ")
        );
        let mut copy = db
            .get_postgres_connection_pool()
            .copy_in_raw(&statement)
            .await?;
        for chunk in text.chunks(COPY_CHUNK) {
            if let Err(error) = copy.send(chunk).await {
                copy.abort("the generator stopped").await.ok();
                return Err(error.into());
            }
        }
        copy.finish().await?;
        Ok(())
    }

    async fn insert(&self, db: &DatabaseConnection) -> anyhow::Result<()> {
        let width = self.columns.len();
        let one_row = format!("({})", vec!["?"; width].join(", "));
        let transaction = app::server::transactions::begin(db).await?;
        for rows in self.fields.chunks(width * SQLITE_ROWS_PER_INSERT) {
            let sql = format!(
                "INSERT INTO {} ({}) VALUES {}",
                self.table,
                self.columns.join(", "),
                vec![one_row.as_str(); rows.len() / width].join(", ")
            );
            let values = rows.iter().map(bound_value);
            transaction
                .execute_raw(Statement::from_sql_and_values(
                    DbBackend::Sqlite,
                    sql,
                    values,
                ))
                .await?;
        }
        transaction.commit().await?;
        Ok(())
    }
}

/// A field in `COPY`'s text format: `\N` for none, backslash escapes in
/// text (a tab or a line break would end the field or the row).
fn copy_text(field: &Field, out: &mut Vec<u8>) {
    use std::io::Write as _;
    // Writing to a Vec cannot fail.
    let _ = match field {
        Field::Null => write!(out, "\\N"),
        Field::Int(value) => write!(out, "{value}"),
        Field::Float(value) => write!(out, "{value}"),
        Field::Bool(value) => write!(out, "{}", if *value { "t" } else { "f" }),
        Field::Time(value) => write!(
            out,
            "{}",
            value.to_rfc3339_opts(SecondsFormat::Micros, true)
        ),
        Field::Day(value) => write!(out, "{value}"),
        Field::Text(text) => {
            for byte in text.bytes() {
                match byte {
                    b'\\' => out.extend_from_slice(b"\\\\"),
                    b'\t' => out.extend_from_slice(b"\\t"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    other => out.push(other),
                }
            }
            Ok(())
        }
    };
}

/// A field as the value sea-orm binds, so SQLite stores it exactly as the
/// application's own writes do (times in particular).
fn bound_value(field: &Field) -> Value {
    match field {
        Field::Null => Value::BigInt(None),
        Field::Int(value) => (*value).into(),
        Field::Float(value) => (*value).into(),
        Field::Bool(value) => (*value).into(),
        Field::Text(text) => text.clone().into(),
        Field::Time(value) => (*value).into(),
        Field::Day(value) => (*value).into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_text_escapes_what_would_end_a_field_or_a_row() {
        let mut out = Vec::new();
        copy_text(&Field::from("a\tb\nc\\d"), &mut out);
        assert_eq!(out, b"a\\tb\\nc\\\\d");
        out.clear();
        copy_text(&Field::from(None::<i64>), &mut out);
        assert_eq!(out, b"\\N");
    }
}
