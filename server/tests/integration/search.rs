//! Full-text search and "steal first" suggestions. Norwegian inflection
//! and compounds on PostgreSQL (hunspell dictionary ahead of the stemmer);
//! FTS5 trigrams on SQLite.
use crate::common;

use anyhow::ensure;
use common::ideas::{municipality, participant, published_idea};
use common::{Backend, TestApp};
use sea_orm::{ConnectionTrait, Statement};

on_both_backends!(
    a_word_finds_the_compounds_it_starts,
    similar_ideas_are_suggested_while_a_title_is_typed,
);

fn shows(html: &str, id: i64) -> bool {
    html.contains(&format!("href=\"/ideas/{id}\""))
}

async fn a_word_finds_the_compounds_it_starts(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let paths = published_idea(
        &app,
        &kari,
        "Nye sykkelstier til Fornebu",
        "Langs Snarøyveien.",
    )
    .await?;
    let benches = published_idea(
        &app,
        &kari,
        "Benker langs Lysakerelva",
        "For eldre turgåere.",
    )
    .await?;
    let html = app.get("/ideas?q=sykkel").await?.text().await?;
    ensure!(
        shows(&html, paths) && !shows(&html, benches),
        "sykkel finds sykkelstier only"
    );
    Ok(())
}

async fn similar_ideas_are_suggested_while_a_title_is_typed(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let parking = published_idea(
        &app,
        &kari,
        "Overbygd sykkelparkering på Bekkestua",
        "Ved T-banen.",
    )
    .await?;
    published_idea(
        &app,
        &kari,
        "Benker langs Lysakerelva",
        "For eldre turgåere.",
    )
    .await?;
    let response = app
        .get("/api/ideas/similar?title=Sykkelparkering%20ved%20Bekkestua%20stasjon")
        .await?;
    ensure!(
        response.status().is_success(),
        "suggestions: {}",
        response.status()
    );
    let similar: serde_json::Value = response.json().await?;
    let ids: Vec<i64> = similar
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|s| s["id"].as_i64())
        .collect();
    assert_eq!(ids, vec![parking]);
    Ok(())
}

/// The dictionary is what this test is about: it must be installed
/// (Debian's hunspell-no; server/scripts/services.sh installs it).
#[tokio::test]
async fn on_postgresql_sykler_finds_sykkel_through_the_norwegian_dictionary() -> anyhow::Result<()>
{
    let app = TestApp::spawn(Backend::Postgres).await?;
    let loaded = app
        .db
        .query_one_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT 1 AS found FROM pg_ts_dict WHERE dictname = 'samskap_nb_ispell'",
        ))
        .await?;
    ensure!(
        loaded.is_some(),
        "the Norwegian hunspell dictionary is not installed in PostgreSQL"
    );
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let bike = published_idea(
        &app,
        &kari,
        "Lånesykkel for alle elever",
        "Hver skole får en sykkel til utlån.",
    )
    .await?;
    let paths = published_idea(
        &app,
        &kari,
        "Vinterbrøyting av sykkelstiene",
        "Brøyt før klokken sju.",
    )
    .await?;
    let other = published_idea(
        &app,
        &kari,
        "Benker langs Lysakerelva",
        "For eldre turgåere.",
    )
    .await?;
    for (search, expected) in [
        ("sykler", vec![bike, paths]),
        ("sykkel", vec![bike, paths]),
        ("sykkelsti", vec![paths]),
        ("benk", vec![other]),
    ] {
        let html = app.get(&format!("/ideas?q={search}")).await?.text().await?;
        for id in [bike, paths, other] {
            assert_eq!(
                shows(&html, id),
                expected.contains(&id),
                "{search} and idea {id}"
            );
        }
    }
    Ok(())
}

/// A typo still finds the idea on PostgreSQL: when no idea has the words,
/// near spellings of the titles are shown; when one has them, only the
/// ideas with the words are.
#[tokio::test]
async fn on_postgresql_a_typo_finds_near_titles_only_when_nothing_has_the_words()
-> anyhow::Result<()> {
    let app = TestApp::spawn(Backend::Postgres).await?;
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let parking = published_idea(
        &app,
        &kari,
        "Overbygd sykkelparkering på Bekkestua",
        "Ved T-banen.",
    )
    .await?;
    let benches = published_idea(
        &app,
        &kari,
        "Benker langs Lysakerelva",
        "For eldre turgåere.",
    )
    .await?;
    let typo = app.get("/ideas?q=sykelparkering").await?.text().await?;
    ensure!(
        shows(&typo, parking) && !shows(&typo, benches),
        "a near title"
    );
    let typed = app
        .get("/api/ideas/similar?title=Overbyd%20sykelparkering")
        .await?
        .text()
        .await?;
    ensure!(typed.contains(&format!("\"id\":{parking}")), "{typed}");
    // "benker" is in an idea, so the near spellings of other titles
    // ("bekkestua") stay out.
    let exact = app.get("/ideas?q=benker").await?.text().await?;
    ensure!(shows(&exact, benches) && !shows(&exact, parking));
    Ok(())
}
