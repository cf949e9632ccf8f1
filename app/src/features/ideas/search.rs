//! Full-text search over ideas, one way per database.
//!
//! PostgreSQL: the `samskap_nb` configuration (see the migration) runs words
//! through the Norwegian hunspell dictionary, so "sykler" finds "sykkel";
//! every word becomes a prefix query, so "sykkel" also finds the compound
//! "sykkelstier". When no text has the words, trigram word similarity on
//! the title forgives a typo ([`Matching::Near`]), as a second query. The
//! two are never one `OR`: the planner cannot tell how many rows such a
//! condition keeps, walked the list's sort index and tried the trigram on
//! every idea (0.45 s at 100 000 ideas for a word few ideas have), while
//! each half alone is answered from its own index in a millisecond or two.
//!
//! SQLite: an FTS5 index with the trigram tokenizer, where any three
//! letters in a row match, which covers compounds and most inflection.

use sea_orm::sea_query::{Expr, SimpleExpr};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement,
};

/// At most this many words of a search are used.
const WORDS_MAX: usize = 8;

/// The words of a search: letters and digits only, so nothing typed can
/// reach the query syntax of either database.
fn words(search: &str) -> Vec<String> {
    search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .take(WORDS_MAX)
        .collect()
}

/// How the words of a search combine: all must match (the list's search
/// box) or any may (suggestions of similar ideas).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Combine {
    All,
    Any,
}

/// What is searched: the ideas, or the solution cards. Each has its
/// `search_vector` and title trigram index on PostgreSQL and its FTS5
/// table on SQLite, made the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Searched {
    Ideas,
    Solutions,
}

impl Searched {
    fn table(self) -> &'static str {
        match self {
            Self::Ideas => "idea",
            Self::Solutions => "solution",
        }
    }
}

/// How the words of a search meet the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    /// As words: the dictionary's stems and prefixes (PostgreSQL), or
    /// trigrams (SQLite).
    Words,
    /// As a near spelling of the title (a typo): PostgreSQL only, asked
    /// when no text has the words. SQLite's trigrams forgive enough.
    Near,
}

/// A condition on `idea` rows that match `search`; `None` when the search
/// has no words, or the database has no near matching.
pub fn condition(
    backend: DbBackend,
    search: &str,
    combine: Combine,
    matching: Matching,
) -> Option<SimpleExpr> {
    condition_in(Searched::Ideas, backend, search, combine, matching)
}

/// A condition on the rows of `searched` that match `search`; `None` when
/// the search has no words. Only letters and digits of the search reach
/// the query, always as a bound value; the table names are this file's.
pub fn condition_in(
    searched: Searched,
    backend: DbBackend,
    search: &str,
    combine: Combine,
    matching: Matching,
) -> Option<SimpleExpr> {
    let words = words(search);
    if words.is_empty() {
        return None;
    }
    let table = searched.table();
    Some(match (backend, matching) {
        (DbBackend::Postgres, Matching::Words) => Expr::cust_with_values(
            format!(r#""{table}"."search_vector" @@ to_tsquery('samskap_nb', $1)"#),
            [postgres_query(&words, combine)],
        ),
        (DbBackend::Postgres, Matching::Near) => Expr::cust_with_values(
            format!(r#"$1 <% lower("{table}"."title")"#),
            [words.join(" ")],
        ),
        (_, Matching::Near) => return None,
        _ => match sqlite_query(&words, combine) {
            Some(query) => Expr::cust_with_values(
                format!(
                    r#""{table}"."id" IN (SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH ?)"#
                ),
                [query],
            ),
            // Words under three letters are too short for the trigram index.
            None => Expr::cust_with_values(
                format!(r#"lower("{table}"."title") LIKE ?"#),
                [format!("%{}%", words.join(" "))],
            ),
        },
    })
}

/// At most this many rows are taken as "few" by [`few_matches`].
pub const FEW: usize = 1_000;

/// What the full-text probe ([`few_matches`]) found out.
pub enum Matches {
    /// At most [`FEW`] rows have the words: their ids.
    Few(Vec<i64>),
    /// More than [`FEW`] rows have them.
    Many,
    /// Not asked: SQLite, or a search without words.
    NotProbed,
}

/// On PostgreSQL, the ids of the rows of `searched` that have the words
/// of `search` when there are at most [`FEW`], else [`Matches::Many`].
///
/// Why: the planner cannot tell how many rows a prefix query keeps. It
/// walks the list's sort index and tests every row, which is instant for a
/// word many ideas have and takes 0.8 s at 100 000 ideas for a word a few
/// have; or it reads every match and sorts them, which is instant for a
/// rare word and grows with the ideas for a common one. This probe reads
/// the full-text index alone (plain and index scans off, in its own
/// transaction, so only the bitmap path is left): a millisecond or two for
/// a rare word, more for a word many ideas have, which is why the list
/// asks it only when the head of the list did not already hold a page
/// (`lists::page_from_the_head`). Few matches then go to the list as ids;
/// many are found by walking the list's order (`lists::page_of_a_search`).
pub async fn few_matches(
    db: &DatabaseConnection,
    searched: Searched,
    search: &str,
    combine: Combine,
) -> Result<Matches, DbErr> {
    let words = words(search);
    if words.is_empty() || db.get_database_backend() != DbBackend::Postgres {
        return Ok(Matches::NotProbed);
    }
    let table = searched.table();
    let transaction = planner_without(db, &["seqscan", "indexscan"]).await?;
    let rows = transaction
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                r#"SELECT "id" FROM "{table}" WHERE "search_vector" @@ to_tsquery('samskap_nb', $1) LIMIT $2"#
            ),
            [postgres_query(&words, combine).into(), (FEW as i64 + 1).into()],
        ))
        .await?;
    transaction.commit().await?;
    if rows.len() > FEW {
        return Ok(Matches::Many);
    }
    rows.iter()
        .map(|row| row.try_get::<i64>("", "id"))
        .collect::<Result<Vec<i64>, DbErr>>()
        .map(Matches::Few)
}

/// A PostgreSQL transaction in which the planner may not use the scans
/// named in `scans` (`SET LOCAL`: they are back at its end), where its
/// estimate for a prefix query would choose the wrong one; each caller
/// says why it turns off which.
pub(super) async fn planner_without(
    db: &DatabaseConnection,
    scans: &[&str],
) -> Result<DatabaseTransaction, DbErr> {
    let transaction = crate::server::transactions::begin(db).await?;
    // The scan names are the callers' constants, never user input.
    let settings: String = scans
        .iter()
        .map(|scan| format!("SET LOCAL enable_{scan} = off;"))
        .collect();
    transaction.execute_unprepared(&settings).await?;
    Ok(transaction)
}

/// `sykler parkering` → `sykler:* & parkering:*`.
fn postgres_query(words: &[String], combine: Combine) -> String {
    let joiner = match combine {
        Combine::All => " & ",
        Combine::Any => " | ",
    };
    words
        .iter()
        .map(|word| format!("{word}:*"))
        .collect::<Vec<_>>()
        .join(joiner)
}

/// `sykler parkering` → `"sykler" AND "parkering"` (words of three
/// letters or more; for suggestions four, as short words match too much).
fn sqlite_query(words: &[String], combine: Combine) -> Option<String> {
    let (joiner, shortest) = match combine {
        Combine::All => (" AND ", 3),
        Combine::Any => (" OR ", 4),
    };
    let quoted: Vec<String> = words
        .iter()
        .filter(|word| word.chars().count() >= shortest)
        .map(|word| format!("\"{word}\""))
        .collect();
    (!quoted.is_empty()).then(|| quoted.join(joiner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_letters_and_digits_reach_the_query() {
        let words = words("Sykkel'); DROP TABLE idea; -- & | ! :* \"x\"");
        assert_eq!(words, vec!["sykkel", "drop", "table", "idea", "x"]);
        assert_eq!(
            postgres_query(&words[..2], Combine::All),
            "sykkel:* & drop:*"
        );
        assert_eq!(
            sqlite_query(&words, Combine::All).as_deref(),
            Some(r#""sykkel" AND "drop" AND "table" AND "idea""#)
        );
    }

    #[test]
    fn norwegian_letters_are_words() {
        assert_eq!(
            words("Bærums verk, Østerås"),
            vec!["bærums", "verk", "østerås"]
        );
    }

    #[test]
    fn an_empty_search_narrows_nothing() {
        assert!(condition(DbBackend::Postgres, " ,.- ", Combine::All, Matching::Words).is_none());
        assert!(condition(DbBackend::Sqlite, "", Combine::Any, Matching::Words).is_none());
        assert!(condition(DbBackend::Sqlite, "sykkel", Combine::All, Matching::Near).is_none());
        assert!(condition(DbBackend::Postgres, "sykkel", Combine::All, Matching::Near).is_some());
    }
}
