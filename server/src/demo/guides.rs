//! The demo data set's method guides, from `guides/<slug>.<language>.md`:
//! the first line is the title, the first paragraph the summary, the rest
//! the guide's text.

use anyhow::Context;
use app::features::goals::types::Localized;
use app::features::guides::types::GuideText;
use sea_orm::DatabaseConnection;

/// Each guide's address and its bokmål, nynorsk and English files.
const GUIDES: [(&str, [&str; 3]); 3] = [
    (
        "intervjuguide",
        [
            include_str!("guides/intervjuguide.nb.md"),
            include_str!("guides/intervjuguide.nn.md"),
            include_str!("guides/intervjuguide.en.md"),
        ],
    ),
    (
        "gevinstplan",
        [
            include_str!("guides/gevinstplan.nb.md"),
            include_str!("guides/gevinstplan.nn.md"),
            include_str!("guides/gevinstplan.en.md"),
        ],
    ),
    (
        "pilotsjekkliste",
        [
            include_str!("guides/pilotsjekkliste.nb.md"),
            include_str!("guides/pilotsjekkliste.nn.md"),
            include_str!("guides/pilotsjekkliste.en.md"),
        ],
    ),
];

/// A guide file's title, summary and text.
fn parts(file: &str) -> anyhow::Result<(String, String, String)> {
    let (title, rest) = file.split_once('\n').context("a title line")?;
    let title = title.trim_start_matches('#').trim();
    let rest = rest.trim_start();
    let (summary, body) = rest.split_once("\n\n").context("a summary paragraph")?;
    Ok((
        title.to_owned(),
        summary.trim().to_owned(),
        body.trim().to_owned(),
    ))
}

/// Adds the three guides that are not there yet.
pub async fn load(db: &DatabaseConnection) -> anyhow::Result<()> {
    let mut guides = Vec::new();
    for (slug, [nb, nn, en]) in GUIDES {
        let [nb, nn, en] = [nb, nn, en].map(parts);
        let (
            (title_nb, summary_nb, body_nb),
            (title_nn, summary_nn, body_nn),
            (title_en, summary_en, body_en),
        ) = (
            nb.with_context(|| format!("{slug}.nb"))?,
            nn.with_context(|| format!("{slug}.nn"))?,
            en.with_context(|| format!("{slug}.en"))?,
        );
        let localized = |nb, nn, en| Localized { nb, nn, en };
        guides.push((
            slug,
            GuideText {
                title: localized(title_nb, title_nn, title_en),
                summary: localized(summary_nb, summary_nn, summary_en),
                body: localized(body_nb, body_nn, body_en),
            },
        ));
    }
    app::features::guides::service::ensure(db, guides).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_guide_file_has_a_title_a_summary_and_a_text() -> anyhow::Result<()> {
        use app::features::guides::types::{BODY_MAX, SUMMARY_MAX, TITLE_MAX};
        for (slug, files) in GUIDES {
            for file in files {
                let (title, summary, body) = parts(file)?;
                assert!(
                    !title.is_empty() && title.chars().count() <= TITLE_MAX,
                    "{slug}: {title}"
                );
                assert!(
                    !summary.is_empty() && summary.chars().count() <= SUMMARY_MAX,
                    "{slug}: {summary}"
                );
                assert!(
                    body.starts_with("## ") && body.chars().count() <= BODY_MAX,
                    "{slug}"
                );
            }
        }
        Ok(())
    }
}
