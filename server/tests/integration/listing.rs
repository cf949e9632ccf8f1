//! Keyset paging of `/ideas`: whatever the keys and however many ideas
//! share one, paging from the first page to the last lists every idea
//! exactly once, in every sort order. On both databases.
use crate::common;

use std::collections::HashMap;

use anyhow::{Context, ensure};
use app::entities::idea;
use app::features::ideas::listing::PAGE_SIZE;
use chrono::{DateTime, Duration, Utc};
use common::ideas::{municipality, participant};
use common::{Backend, TestApp};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sea_orm::{ActiveValue::Set, EntityTrait};

on_both_backends!(
    every_sort_lists_every_idea_exactly_once_however_keys_tie,
    the_home_page_counts_the_active_public_ideas_and_their_people,
);

/// The home page's numbers: active public ideas from the tally, and the
/// people who posted them; a draft and a hidden idea count for neither.
async fn the_home_page_counts_the_active_public_ideas_and_their_people(
    app: TestApp,
) -> anyhow::Result<()> {
    use common::ideas::{draft, hide_idea, idea_form, published_idea};

    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let per = participant(&app, "per@example.no", "Per").await?;
    published_idea(&app, &kari, "Benker ved stasjonen", "Flere benker.").await?;
    published_idea(&app, &kari, "Lys i parken", "Mer lys.").await?;
    published_idea(&app, &ola, "Sykkelparkering", "Med tak.").await?;
    let hidden = published_idea(&app, &per, "Skjult idé", "Skjult.").await?;
    hide_idea(&app, hidden).await?;
    draft(&app, &per, &idea_form("Et utkast", "Ikke ute.")).await?;
    let home = app.get("/").await?.text().await?;
    let number = |label: &str| {
        home.split(&format!("<span>{label}"))
            .next()
            .and_then(|before| before.rsplit("live-numbers__value\">").next())
            .map(|rest| {
                rest.chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            })
    };
    assert_eq!(number("idéer").as_deref(), Some("3"), "ideas");
    assert_eq!(number("idéskapere").as_deref(), Some("2"), "people");
    Ok(())
}

/// Ideas whose keys tie a lot: a few publication instants, some of them
/// apart by single nanoseconds within one microsecond, few distinct
/// counts and hot scores.
async fn insert_tying_ideas(
    app: &TestApp,
    rng: &mut StdRng,
    author: i64,
    count: usize,
) -> anyhow::Result<Vec<i64>> {
    let base = DateTime::<Utc>::from_timestamp(1_767_225_600, 123_456_000).context("a time")?;
    let instants = [
        base,
        base + Duration::nanoseconds(1),
        base + Duration::nanoseconds(999),
        base + Duration::microseconds(1),
        base - Duration::seconds(3),
    ];
    let scores = [0.0, 1.5, 1.5000000000000002, 80.25];
    let rows: Vec<idea::ActiveModel> = (0..count)
        .map(|n| {
            let published_at = instants[rng.random_range(0..instants.len())];
            idea::ActiveModel {
                author_id: Set(Some(author)),
                author_actor_type: Set(app::features::accounts::types::ActorType::Resident),
                title: Set(format!("Idé nummer {n} med like nøkler")),
                summary: Set("Til sidevisning.".to_owned()),
                body: Set("Til sidevisning.".to_owned()),
                focus_area: Set(app::features::focus_area::FocusArea::CoCreation),
                status: Set(app::features::ideas::status::IdeaStatus::Published),
                support_count: Set(rng.random_range(0..3)),
                comment_count: Set(rng.random_range(0..3)),
                hot_score: Set(scores[rng.random_range(0..scores.len())]),
                created_at: Set(published_at),
                updated_at: Set(published_at),
                published_at: Set(Some(published_at)),
                stage_entered_at: Set(Some(published_at)),
                ..Default::default()
            }
        })
        .collect();
    idea::Entity::insert_many(rows).exec(&app.db).await?;
    Ok(idea::Entity::find()
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| row.id)
        .collect())
}

/// Every page of one sort, through the list's JSON endpoint.
async fn page_through(app: &TestApp, sort: &str) -> anyhow::Result<Vec<i64>> {
    let mut listed = Vec::new();
    let mut after: Option<String> = None;
    for _ in 0..1_000 {
        let mut query = serde_json::json!({ "sort": sort });
        if let Some(after) = &after {
            query["after"] = serde_json::Value::String(after.clone());
        }
        let answer = app
            .post_same_origin("/api/ideas/list")
            .header("accept", "application/json")
            .json(&serde_json::json!({ "query": query }))
            .send()
            .await?;
        ensure!(answer.status().is_success(), "{sort}: {}", answer.status());
        let page: serde_json::Value = answer.json().await?;
        let ideas = page["ideas"].as_array().context("ideas")?;
        ensure!(ideas.len() as u64 <= PAGE_SIZE);
        listed.extend(ideas.iter().filter_map(|card| card["id"].as_i64()));
        match page["next"].as_str() {
            Some(next) => after = Some(next.to_owned()),
            None => return Ok(listed),
        }
    }
    anyhow::bail!("{sort}: the pages never ended")
}

async fn every_sort_lists_every_idea_exactly_once_however_keys_tie(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let seed: u64 = rand::rng().random();
    println!("seed {seed}");
    let mut rng = StdRng::seed_from_u64(seed);
    // A count that ends on a page boundary, and one that does not.
    let count = PAGE_SIZE as usize * rng.random_range(2..5) + rng.random_range(0..2) * 7;
    let mut ids = insert_tying_ideas(&app, &mut rng, author.id, count).await?;
    ids.sort_unstable();
    for sort in ["hot", "top", "new", "discussed"] {
        let listed = page_through(&app, sort).await?;
        let mut times: HashMap<i64, usize> = HashMap::new();
        for id in &listed {
            *times.entry(*id).or_default() += 1;
        }
        let twice: Vec<_> = times.iter().filter(|(_, n)| **n > 1).collect();
        ensure!(
            twice.is_empty(),
            "seed {seed}, {sort}: listed twice {twice:?}"
        );
        let mut sorted = listed.clone();
        sorted.sort_unstable();
        ensure!(
            sorted == ids,
            "seed {seed}, {sort}: {} of {} ideas listed",
            sorted.len(),
            ids.len()
        );
    }
    Ok(())
}
