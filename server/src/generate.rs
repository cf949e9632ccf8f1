//! `samskap generate --ideas N`: a large, made-up data set for benchmarks.
//! Ideas spread over the five focus areas, the districts, many authors and
//! two years of publication dates, inserted in batches with a progress bar.
//! Made-up text, clearly so; never for a database people use.

use anyhow::Context;
use app::entities::{account, idea};
use app::features::accounts::types::ActorType;
use app::features::focus_area::FocusArea;
use app::features::ideas::ranking::hot_score;
use app::features::ideas::status::IdeaStatus;
use chrono::{Duration, Utc};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseConnection, EntityTrait};

const BATCH: usize = 1_000;
const AUTHORS: usize = 500;
const DISTRICTS: [&str; 6] = [
    "Sandvika",
    "Fornebu",
    "Bekkestua",
    "Stabekk",
    "Høvik",
    "Kolsås",
];
const SUBJECTS: [&str; 10] = [
    "sykkelparkering",
    "lekeplass",
    "skolevei",
    "bibliotek",
    "gatelys",
    "snømåking",
    "gjenbruksstasjon",
    "benker",
    "bussholdeplass",
    "badeplass",
];
const PLACES: [&str; 6] = [
    "ved stasjonen",
    "i sentrum",
    "ved skolen",
    "langs elva",
    "på torget",
    "ved idrettsplassen",
];

/// Inserts `count` published ideas by `AUTHORS` made-up accounts.
pub async fn ideas(db: &DatabaseConnection, count: usize) -> anyhow::Result<()> {
    let now = Utc::now();
    let authors = made_up_authors(db).await?;
    let progress = ProgressBar::new(count as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} ideas ({per_sec}, {eta} left)")
            .context("progress bar template")?,
    );
    let mut made = 0;
    while made < count {
        let batch = (made..count.min(made + BATCH)).map(|n| {
            let published_at = now - Duration::minutes((n as i64 * 7919) % (2 * 365 * 24 * 60));
            let supports = ((n * 31) % 97) as i32;
            let comments = ((n * 17) % 23) as i32;
            let subject = SUBJECTS[n % SUBJECTS.len()];
            let place = PLACES[(n / SUBJECTS.len()) % PLACES.len()];
            let (author_id, actor) = &authors[n % authors.len()];
            idea::ActiveModel {
                author_id: Set(Some(*author_id)),
                author_actor_type: Set(*actor),
                title: Set(format!("Bedre {subject} {place} (nr. {n})")),
                summary: Set(format!(
                    "Et forslag om {subject} {place}, laget for målinger."
                )),
                body: Set(format!(
                    "Generert idé nummer {n} om {subject} {place}.\n\n- ett punkt\n- et annet"
                )),
                focus_area: Set(FocusArea::ALL[n % FocusArea::ALL.len()]),
                district: Set(Some(DISTRICTS[n % DISTRICTS.len()].to_owned())),
                challenge_id: Set(None),
                status: Set(IdeaStatus::Published),
                support_count: Set(supports),
                comment_count: Set(comments),
                hot_score: Set(hot_score(supports, comments, published_at)),
                first_vote_at: Set(None),
                created_at: Set(published_at),
                updated_at: Set(published_at),
                published_at: Set(Some(published_at)),
                stage_entered_at: Set(Some(published_at)),
                ..Default::default()
            }
        });
        let txn = app::server::transactions::begin(db).await?;
        idea::Entity::insert_many(batch.collect::<Vec<_>>())
            .exec(&txn)
            .await?;
        txn.commit().await?;
        let done = count.min(made + BATCH) - made;
        made += done;
        progress.inc(done as u64);
    }
    progress.finish();
    // Statistics, as a database in use has them: without them the planner
    // guesses, and may read every idea where the index would do.
    db.execute_unprepared("ANALYZE").await?;
    Ok(())
}

async fn made_up_authors(db: &DatabaseConnection) -> anyhow::Result<Vec<(i64, ActorType)>> {
    let now = Utc::now();
    let batch_id = uuid::Uuid::new_v4().simple().to_string();
    let accounts = (0..AUTHORS).map(|n| account::ActiveModel {
        email: Set(format!("generert-{n}-{batch_id}@example.invalid")),
        email_verified_at: Set(Some(now)),
        // Not a password hash: nobody can sign in as a made-up author.
        password_hash: Set("!generated".to_owned()),
        display_name: Set(format!("Testperson {n}")),
        actor_type: Set(ActorType::ALL[n % ActorType::ALL.len()]),
        organisation: Set(None),
        locale: Set(app::i18n::Locale::Nb),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    });
    account::Entity::insert_many(accounts.collect::<Vec<_>>())
        .exec(db)
        .await?;
    let suffix = format!("-{batch_id}@example.invalid");
    Ok(account::Entity::find()
        .all(db)
        .await?
        .into_iter()
        .filter(|found| found.email.ends_with(&suffix))
        .map(|found| (found.id, found.actor_type))
        .collect())
}
