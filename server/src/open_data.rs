//! The whole public data set as one JSON file: every public idea (hidden
//! ones left out) with its text, tags and public KPIs, every public
//! challenge and every published solution card, in the open data API's
//! shapes. `samskap export-open-data` writes it; `/api/v1/open-data.json`
//! serves a copy at most ten minutes old, made once however many ask.
//! Ideas are read a thousand at a time down the primary key, so memory
//! stays flat whatever the size.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use app::entities::{idea, idea_tag, solution};
use app::features::ideas::status::IdeaStatus;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::Serialize;
use tokio::io::AsyncWriteExt;

use crate::api::challenges::public_challenges;
use crate::api::ideas::IdeaDetail;
use crate::api::links::Site;
use crate::api::solutions::SolutionDetail;

/// Ideas read and written at a time.
const BATCH: u64 = 1_000;
/// How old a served copy may be.
const FRESH_FOR: Duration = Duration::from_secs(60);

#[derive(Serialize)]
struct Header<'a> {
    generated_at: chrono::DateTime<chrono::Utc>,
    site: &'a str,
    licence: &'static str,
    licence_url: &'static str,
}

/// Writes the data set to `out`: `{"generated_at":…, "ideas":[…],
/// "challenges":[…], "solutions":[…]}`.
pub async fn write(
    db: &DatabaseConnection,
    site: &str,
    out: &mut (impl tokio::io::AsyncWrite + Unpin),
) -> anyhow::Result<()> {
    let header = serde_json::to_string(&Header {
        generated_at: chrono::Utc::now(),
        site,
        licence: "NLOD 2.0",
        licence_url: "https://data.norge.no/nlod/no/2.0",
    })?;
    // The header object, left open for the three lists.
    out.write_all(header.trim_end_matches('}').as_bytes())
        .await?;
    let site = Site::new(site);
    out.write_all(b",\"ideas\":[").await?;
    write_ideas(db, &site, out).await?;
    out.write_all(b"],\"challenges\":").await?;
    let challenges = public_challenges(db, &site).await?;
    out.write_all(&serde_json::to_vec(&challenges)?).await?;
    out.write_all(b",\"solutions\":").await?;
    let solutions = published_solutions(db, &site).await?;
    out.write_all(&serde_json::to_vec(&solutions)?).await?;
    out.write_all(b"}\n").await?;
    out.flush().await?;
    Ok(())
}

async fn write_ideas(
    db: &DatabaseConnection,
    site: &Site,
    out: &mut (impl tokio::io::AsyncWrite + Unpin),
) -> anyhow::Result<()> {
    let mut after = 0_i64;
    let mut first = true;
    loop {
        let rows = idea::Entity::find()
            .filter(idea::Column::Status.is_in(IdeaStatus::public_names()))
            .filter(idea::Column::HiddenAt.is_null())
            .filter(idea::Column::Id.gt(after))
            .order_by_asc(idea::Column::Id)
            .limit(BATCH)
            .all(db)
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.id;
        let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
        let bodies: Vec<(i64, Option<i64>, String)> = rows
            .iter()
            .map(|row| (row.id, row.challenge_id, app::markdown::render(&row.body)))
            .collect();
        let mut tags = tags_of(db, &ids).await?;
        let mut kpis = app::features::gains::service::public_kpis_of(db, &ids).await?;
        let cards = app::features::ideas::lists::cards(db, rows).await?;
        let mut batch = Vec::new();
        for (card, (id, challenge_id, body_html)) in cards.into_iter().zip(bodies) {
            if !first {
                batch.push(b',');
            }
            first = false;
            let record = IdeaDetail::of(
                site,
                card,
                body_html,
                tags.remove(&id).unwrap_or_default(),
                challenge_id,
                kpis.remove(&id).unwrap_or_default(),
            );
            serde_json::to_writer(&mut batch, &record)?;
        }
        out.write_all(&batch).await?;
    }
}

async fn tags_of(
    db: &DatabaseConnection,
    ids: &[i64],
) -> anyhow::Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut tags: std::collections::HashMap<i64, Vec<String>> = std::collections::HashMap::new();
    for row in idea_tag::Entity::find()
        .filter(idea_tag::Column::IdeaId.is_in(ids.to_vec()))
        .order_by_asc(idea_tag::Column::Tag)
        .all(db)
        .await?
    {
        tags.entry(row.idea_id).or_default().push(row.tag);
    }
    Ok(tags)
}

async fn published_solutions(
    db: &DatabaseConnection,
    site: &Site,
) -> anyhow::Result<Vec<SolutionDetail>> {
    let ids: Vec<i64> = solution::Entity::find()
        .select_only()
        .column(solution::Column::Id)
        .filter(solution::Column::Version.gt(0))
        .order_by_asc(solution::Column::Id)
        .into_tuple()
        .all(db)
        .await?;
    let mut cards = Vec::with_capacity(ids.len());
    for id in ids {
        let card = app::features::solutions::service::view(db, id, None, false).await?;
        cards.push(SolutionDetail::of(site, card));
    }
    Ok(cards)
}

/// The served copy: made again when it is older than a minute, by one
/// request while the others wait for it.
pub struct OpenDataFile {
    path: PathBuf,
    making: tokio::sync::Mutex<()>,
}

impl OpenDataFile {
    pub fn in_folder(data_dir: &Path) -> Self {
        Self {
            path: data_dir.join("open-data.json"),
            making: tokio::sync::Mutex::new(()),
        }
    }

    /// The path of a copy at most a minute old.
    pub async fn fresh(&self, db: &DatabaseConnection, site: &str) -> anyhow::Result<&Path> {
        let _making = self.making.lock().await;
        let age = tokio::fs::metadata(&self.path)
            .await
            .and_then(|meta| meta.modified())
            .ok()
            .and_then(|modified| SystemTime::now().duration_since(modified).ok());
        if age.is_some_and(|age| age < FRESH_FOR) {
            return Ok(&self.path);
        }
        let partial = self.path.with_extension("json.partial");
        let mut file = tokio::io::BufWriter::new(tokio::fs::File::create(&partial).await?);
        write(db, site, &mut file).await?;
        drop(file);
        tokio::fs::rename(&partial, &self.path).await?;
        Ok(&self.path)
    }
}
