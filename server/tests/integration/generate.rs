//! The benchmark data generator (`samskap generate`) at the 1 000 size: a
//! decade that holds together (every count equal to its rows, threads as
//! deep as replies may go, every status and state there), found by the
//! pages and search as the application's own writes are, and the same
//! data from the same seed.
use crate::common;

use anyhow::{Context, ensure};
use chrono::{DateTime, Utc};
use common::{Backend, TestApp};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use server::generate::{self, LONG_THREAD, LONGEST_THREAD, Plan};

on_both_backends!(
    a_generated_decade_holds_together,
    the_same_seed_gives_the_same_data,
);

const IDEAS: u64 = 1_000;

fn plan(seed: u64) -> anyhow::Result<Plan> {
    Ok(Plan {
        ideas: IDEAS,
        seed,
        until: "2026-12-01T00:00:00Z".parse::<DateTime<Utc>>()?,
    })
}

async fn number(db: &DatabaseConnection, sql: &str) -> anyhow::Result<i64> {
    let row = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), sql))
        .await?
        .context("a row")?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

async fn a_generated_decade_holds_together(app: TestApp) -> anyhow::Result<()> {
    let db = &app.db;
    common::ideas::municipality(&app).await?;
    let made = generate::run(db, &plan(7)?).await?;
    ensure!(number(db, "SELECT COUNT(*) FROM idea").await? == IDEAS as i64);

    // Every count equals its rows.
    for (what, sql) in [
        (
            "supports",
            "SELECT COUNT(*) FROM idea WHERE support_count <> \
             (SELECT COUNT(*) FROM idea_support s WHERE s.idea_id = idea.id)",
        ),
        (
            "comments",
            "SELECT COUNT(*) FROM idea WHERE comment_count <> \
             (SELECT COUNT(*) FROM comment c WHERE c.idea_id = idea.id)",
        ),
        (
            "replies",
            "SELECT COUNT(*) FROM comment WHERE reply_count <> \
             (SELECT COUNT(*) FROM comment r WHERE r.parent_id = comment.id)",
        ),
        (
            "reply depth",
            "SELECT COUNT(*) FROM comment r JOIN comment p ON p.id = r.parent_id \
             WHERE r.depth <> p.depth + 1 OR r.idea_id <> p.idea_id OR r.depth > 2",
        ),
        (
            "tally",
            "SELECT (SELECT COUNT(*) FROM idea) - (SELECT CAST(SUM(ideas) AS BIGINT) FROM idea_tally)",
        ),
        (
            "people with ideas",
            "SELECT (SELECT people FROM people_tally) - (SELECT COUNT(DISTINCT author_id) FROM idea \
             WHERE hidden_at IS NULL AND status IN ('published', 'threshold_reached', \
             'under_review', 'selected', 'piloting', 'implemented', 'benefits_realised'))",
        ),
        (
            "nominations on ideas that moved on (every move clears one)",
            "SELECT COUNT(*) FROM idea WHERE nominated_at IS NOT NULL AND status <> 'published'",
        ),
        (
            "drafts with supports",
            "SELECT COUNT(*) FROM idea WHERE published_at IS NULL \
             AND (support_count > 0 OR comment_count > 0)",
        ),
        (
            "selected without a plan",
            "SELECT COUNT(*) FROM idea WHERE status IN \
             ('selected', 'piloting', 'implemented', 'benefits_realised') \
             AND id NOT IN (SELECT idea_id FROM benefit_plan)",
        ),
        (
            "piloted without a KPI",
            "SELECT COUNT(*) FROM idea WHERE status IN \
             ('piloting', 'implemented', 'benefits_realised') \
             AND id NOT IN (SELECT idea_id FROM kpi)",
        ),
        (
            "reviewed without an owner",
            "SELECT COUNT(*) FROM idea WHERE status IN \
             ('under_review', 'selected', 'piloting', 'implemented', 'benefits_realised') \
             AND id NOT IN (SELECT idea_id FROM idea_department)",
        ),
        (
            "timeline out of step",
            "SELECT COUNT(*) FROM idea WHERE status NOT IN ('draft', 'awaiting_approval', 'published') \
             AND status <> (SELECT to_status FROM idea_status_change c \
                            WHERE c.idea_id = idea.id ORDER BY c.created_at DESC, c.id DESC LIMIT 1)",
        ),
        (
            "times after the end",
            "SELECT COUNT(*) FROM idea WHERE published_at > '2026-12-01' OR created_at > '2026-12-01'",
        ),
    ] {
        let wrong = number(db, sql).await?;
        ensure!(wrong == 0, "{what}: {wrong} rows disagree");
    }

    // The shape of a decade: supports skewed, the heaviest threads there.
    let public = number(
        db,
        "SELECT COUNT(*) FROM idea WHERE published_at IS NOT NULL",
    )
    .await?;
    let supports = number(db, "SELECT COUNT(*) FROM idea_support").await?;
    let most = number(db, "SELECT CAST(MAX(support_count) AS BIGINT) FROM idea").await?;
    let average = supports as f64 / public as f64;
    ensure!(
        (7.0..=13.0).contains(&average) && most as f64 >= 10.0 * average,
        "supports average {average:.1}, the most {most}"
    );
    let comments = number(db, "SELECT COUNT(*) FROM comment").await?;
    let threads = [
        (made.first_idea, LONGEST_THREAD),
        (made.first_idea + 1, LONG_THREAD),
    ];
    for (idea, count) in threads {
        let have = number(
            db,
            &format!("SELECT CAST(comment_count AS BIGINT) FROM idea WHERE id = {idea}"),
        )
        .await?;
        ensure!(have == count as i64, "idea {idea} has {have} comments");
    }
    let others = (comments - (LONGEST_THREAD + LONG_THREAD) as i64) as f64 / (public - 2) as f64;
    ensure!(
        (2.0..=4.0).contains(&others),
        "comments average {others:.1}"
    );
    let replies = number(db, "SELECT COUNT(*) FROM comment WHERE depth = 2").await?;
    ensure!(replies > 0, "threads reach the deepest level");
    let nominated = number(
        db,
        "SELECT COUNT(*) FROM idea WHERE nominated_at IS NOT NULL",
    )
    .await?;
    ensure!(
        nominated > 0,
        "staff nominated a few published ideas into triage"
    );

    // Every status, challenge state and actor type is there.
    for (column, table, kinds) in [
        ("status", "idea", 13),
        ("state", "challenge", 6),
        ("actor_type", "account", 7),
    ] {
        let found = number(db, &format!("SELECT COUNT(DISTINCT {column}) FROM {table}")).await?;
        ensure!(
            found == kinds,
            "{found} kinds of {table} {column}, not {kinds}"
        );
    }
    for table in [
        "idea_evaluation",
        "kpi_measurement",
        "challenge_member",
        "account_role",
    ] {
        ensure!(
            number(db, &format!("SELECT COUNT(*) FROM {table}")).await? > 0,
            "{table}"
        );
    }

    // The pages read it as the application's own writes: search finds the
    // rare word (generated idea 7 has it), the longest thread shows, and
    // new rows get free ids.
    let rare = made.first_idea + 7;
    let found = app.get("/ideas?q=takterrasse").await?.text().await?;
    ensure!(
        found.contains(&format!("href=\"/ideas/{rare}\"")),
        "search finds idea {rare}"
    );
    let longest = app.get(&format!("/ideas/{}", made.first_idea)).await?;
    ensure!(
        longest.status() == 200,
        "the longest thread's page: {}",
        longest.status()
    );
    let kari = common::ideas::participant(&app, "kari@example.no", "Kari").await?;
    let new =
        common::ideas::published_idea(&app, &kari, "Ny idé etter generering", "Tekst.").await?;
    ensure!(
        new >= made.first_idea + IDEAS as i64,
        "a new idea gets a free id ({new})"
    );
    Ok(())
}

async fn the_same_seed_gives_the_same_data(app: TestApp) -> anyhow::Result<()> {
    let again = TestApp::spawn(app.backend).await?;
    let other = TestApp::spawn(app.backend).await?;
    generate::run(&app.db, &plan(11)?).await?;
    generate::run(&again.db, &plan(11)?).await?;
    generate::run(&other.db, &plan(12)?).await?;
    let first = fingerprint(&app.db).await?;
    ensure!(
        first == fingerprint(&again.db).await?,
        "seed 11 twice differs"
    );
    ensure!(
        first != fingerprint(&other.db).await?,
        "seeds 11 and 12 agree"
    );
    Ok(())
}

/// Every idea's id, title, status, counts and times, and each table's size.
async fn fingerprint(db: &DatabaseConnection) -> anyhow::Result<String> {
    let rows = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id, title, status, support_count, comment_count, published_at, author_id \
             FROM idea ORDER BY id",
        ))
        .await?;
    let mut print = String::new();
    for row in rows {
        let published: Option<chrono::DateTime<Utc>> = row.try_get("", "published_at")?;
        print.push_str(&format!(
            "{}|{}|{}|{}|{}|{:?}|{:?}\n",
            row.try_get::<i64>("", "id")?,
            row.try_get::<String>("", "title")?,
            row.try_get::<String>("", "status")?,
            row.try_get::<i32>("", "support_count")?,
            row.try_get::<i32>("", "comment_count")?,
            published,
            row.try_get::<Option<i64>>("", "author_id")?,
        ));
    }
    for table in [
        "idea_support",
        "comment",
        "kpi_measurement",
        "challenge_member",
    ] {
        let count = number(db, &format!("SELECT COUNT(*) FROM {table}")).await?;
        print.push_str(&format!("{table} {count}\n"));
    }
    Ok(print)
}
