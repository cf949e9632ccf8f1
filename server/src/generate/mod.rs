//! `samskap generate --ideas N`: a municipality's decade of made-up data
//! for benchmarks. N ideas with their supports (ten on average, a few with
//! thousands), threaded comments (three on average, one idea with 2 000),
//! people of every actor type, challenges in every state, and ideas in
//! every pipeline stage with owners, scorecards, plans and measured KPIs.
//!
//! Bulk loaded (`COPY` on PostgreSQL, batched inserts on SQLite) a chunk at
//! a time, with a progress bar; the same seed gives the same data. Clearly
//! made-up text, never for a database people use.

mod bulk;
mod ideas;
mod ids;
mod people;
mod text;

use anyhow::Context;
use chrono::{DateTime, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use rand::SeedableRng;
use rand::rngs::StdRng;
use sea_orm::{ConnectionTrait, DatabaseConnection};

pub use ideas::{LONG_THREAD, LONGEST_THREAD};

/// Ideas generated and written at a time: memory stays flat however many.
const CHUNK: usize = 10_000;

/// What to generate.
pub struct Plan {
    pub ideas: u64,
    pub seed: u64,
    /// The end of the decade: every time generated lies before it.
    pub until: DateTime<Utc>,
}

/// What was generated, for the one who asked.
#[derive(Debug)]
pub struct Generated {
    /// The first generated idea (it has [`LONGEST_THREAD`] comments; the
    /// next has [`LONG_THREAD`]).
    pub first_idea: i64,
    pub people: usize,
    pub challenges: usize,
}

/// Waits for the next chunk being written, and counts its ideas done.
async fn finished(
    writing: &mut tokio::task::JoinSet<anyhow::Result<u64>>,
    progress: &ProgressBar,
) -> anyhow::Result<()> {
    if let Some(done) = writing.join_next().await {
        progress.inc(done??);
    }
    Ok(())
}

pub async fn run(db: &DatabaseConnection, plan: &Plan) -> anyhow::Result<Generated> {
    let mut ids = ids::Ids::read(db).await?;
    let mut rng = StdRng::seed_from_u64(plan.seed);
    let people_count = usize::try_from(plan.ideas / 4)?.max(300);
    let people = people::people(db, &mut ids, people_count, plan.until).await?;
    let challenge_count = usize::try_from(plan.ideas / 2_000)?.max(12);
    let challenges =
        people::challenges(db, &mut ids, &mut rng, &people, challenge_count, plan.until).await?;
    let world = ideas::World {
        seed: plan.seed,
        until: plan.until,
        people: &people,
        challenges: &challenges,
        first_idea: ids.take(ids::Numbered::Idea, i64::try_from(plan.ideas)?),
    };

    let progress = ProgressBar::new(plan.ideas).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} ideas ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    // Chunks are written while the next is made, on PostgreSQL two at a
    // time (each on a connection of its own, so each has a core): a chunk's
    // rows refer only to its own ideas and to what was made before.
    let in_flight = match db.get_database_backend() {
        sea_orm::DbBackend::Postgres => 2,
        _ => 1,
    };
    let mut writing = tokio::task::JoinSet::new();
    let ideas_in_turn = std::sync::Arc::new(tokio::sync::Mutex::new(()));
    let mut tables = ideas::Tables::new();
    for number in 0..plan.ideas {
        ideas::idea(&world, &mut ids, &mut tables, number);
        if tables.ideas.len() >= CHUNK || number + 1 == plan.ideas {
            while writing.len() >= in_flight {
                finished(&mut writing, &progress).await?;
            }
            let mut chunk = std::mem::replace(&mut tables, ideas::Tables::new());
            let (db, turn) = (db.clone(), ideas_in_turn.clone());
            writing.spawn(async move {
                chunk
                    .write(&db, &turn)
                    .await
                    .map(|()| chunk.ideas_written())
            });
        }
    }
    while !writing.is_empty() {
        finished(&mut writing, &progress).await?;
    }
    progress.finish();
    ids::Ids::move_sequences(db).await?;
    // Statistics, as a database in use has them: without them the planner
    // guesses, and may read every idea where the index would do.
    db.execute_unprepared("ANALYZE").await?;
    Ok(Generated {
        first_idea: world.first_idea,
        people: people.accounts.len(),
        challenges: challenge_count,
    })
}
