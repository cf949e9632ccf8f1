//! Atom feeds: `/feeds/ideas.atom` carries the newest public ideas and one
//! per challenge its ideas, each valid against RFC 4287's grammar (jing
//! with `tests/fixtures/atom.rnc`); hidden ideas, drafts, hidden or
//! unknown challenges and script never reach them; `/feeds/solutions.atom`
//! carries published solution cards, never drafts; the pages link their
//! feed; a reader whose copy has the same tag gets 304. Both databases.
use crate::common;

use std::process::Command;

use anyhow::{Context, ensure};
use app::entities::{challenge, idea};
use chrono::Utc;
use common::ideas::{
    challenge_in, draft, hide_idea, idea_form, municipality, participant, published_idea, set_idea,
};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(
    the_ideas_feed_is_atom_with_the_newest_public_ideas,
    a_challenge_feed_has_its_ideas_and_a_hidden_or_unknown_one_none,
    a_reader_with_the_newest_copy_gets_304,
    the_solutions_feed_has_the_published_cards,
);

/// Something no feed would say by chance: what must stay out carries it.
const MARKER: &str = "Skjultmarkør5521";

/// Checks `xml` against RFC 4287's grammar with jing.
fn valid_atom(xml: &str) -> anyhow::Result<()> {
    let file = tempfile::Builder::new().suffix(".atom").tempfile()?;
    std::fs::write(file.path(), xml)?;
    let schema = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/atom.rnc");
    let checked = Command::new("jing")
        .arg("-c")
        .arg(schema)
        .arg(file.path())
        .output()
        .context("jing (server/scripts/services.sh installs it)")?;
    ensure!(
        checked.status.success(),
        "not valid Atom: {}\n{xml}",
        String::from_utf8_lossy(&checked.stdout)
    );
    Ok(())
}

/// The feed at `path`, checked to be Atom.
async fn feed(app: &TestApp, path: &str) -> anyhow::Result<String> {
    let answer = app.get(path).await?;
    ensure!(
        answer.status() == StatusCode::OK,
        "{path}: {}",
        answer.status()
    );
    ensure!(
        answer.headers()["content-type"] == "application/atom+xml; charset=utf-8",
        "{path}: an Atom feed"
    );
    let xml = answer.text().await?;
    valid_atom(&xml)?;
    Ok(xml)
}

async fn the_ideas_feed_is_atom_with_the_newest_public_ideas(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Kari Forfatter").await?;
    let empty = feed(&app, "/feeds/ideas.atom").await?;
    ensure!(
        !empty.contains("<entry"),
        "no ideas yet, still a valid feed"
    );

    let benches = published_idea(
        &app,
        &author,
        "Benker ved stasjonen",
        "Flere benker.\n\n<script>alert(1)</script>",
    )
    .await?;
    let lights = published_idea(&app, &author, "Lys i parken", "Mer lys & trygghet.").await?;
    let hidden = published_idea(&app, &author, &format!("Gjemt idé {MARKER}"), "Skjult.").await?;
    hide_idea(&app, hidden).await?;
    draft(
        &app,
        &author,
        &idea_form(&format!("Et utkast {MARKER}"), "Ikke publisert."),
    )
    .await?;

    let xml = feed(&app, "/feeds/ideas.atom").await?;
    ensure!(
        xml.matches("<entry>").count() == 2,
        "two public ideas: {xml}"
    );
    let (first, second) = (
        xml.find(&format!("/ideas/{lights}</id>"))
            .context("the lights")?,
        xml.find(&format!("/ideas/{benches}</id>"))
            .context("the benches")?,
    );
    ensure!(first < second, "newest first");
    ensure!(!xml.contains(MARKER), "nothing hidden, no draft");
    ensure!(
        !xml.contains("<script") && !xml.contains("&lt;script"),
        "no script, not even escaped"
    );
    ensure!(
        xml.contains("<name>Kari Forfatter</name>"),
        "the author as the page names her"
    );
    // The text is HTML (type="html"), itself escaped in the XML.
    ensure!(xml.contains("Mer lys &amp;amp; trygghet"), "{xml}");
    ensure!(xml.contains("rel=\"self\""), "the feed names itself");
    let english = app
        .client
        .get(app.url("/feeds/ideas.atom"))
        .header("cookie", "samskap_lang=en")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        english.contains("New ideas in") && english.contains("xml:lang=\"en\""),
        "in the reader's language"
    );

    let list = app.get("/ideas").await?.text().await?;
    ensure!(
        list.contains("rel=\"alternate\"") && list.contains("href=\"/feeds/ideas.atom\""),
        "the list links its feed"
    );
    Ok(())
}

async fn a_challenge_feed_has_its_ideas_and_a_hidden_or_unknown_one_none(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Kari Forfatter").await?;
    let challenge_id = challenge_in(&app, "open", 0, 30).await?;
    let inside = published_idea(&app, &author, "Gangfelt ved skolen", "Tryggere vei.").await?;
    set_idea(
        &app,
        inside,
        idea::Column::ChallengeId,
        Some(challenge_id).into(),
    )
    .await?;
    published_idea(&app, &author, "Benker ved stasjonen", "Flere benker.").await?;

    let path = format!("/feeds/challenges/{challenge_id}.atom");
    let xml = feed(&app, &path).await?;
    ensure!(
        xml.matches("<entry>").count() == 1 && xml.contains(&format!("/ideas/{inside}</id>")),
        "{xml}"
    );
    ensure!(
        xml.contains("Tryggere skoleveier"),
        "named after the challenge"
    );
    let page = app
        .get(&format!("/challenges/{challenge_id}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains(&format!("href=\"{path}\"")),
        "the challenge links its feed"
    );

    for unknown in [
        "/feeds/challenges/999999.atom",
        "/feeds/challenges/abc.atom",
        "/feeds/challenges/1",
    ] {
        assert_eq!(
            app.get(unknown).await?.status(),
            StatusCode::NOT_FOUND,
            "{unknown}"
        );
    }
    challenge::Entity::update_many()
        .col_expr(challenge::Column::HiddenAt, Expr::value(Some(Utc::now())))
        .filter(challenge::Column::Id.eq(challenge_id))
        .exec(&app.db)
        .await?;
    assert_eq!(
        app.get(&path).await?.status(),
        StatusCode::NOT_FOUND,
        "hidden"
    );
    let proposed = challenge_in(&app, "proposed", 0, 30).await?;
    assert_eq!(
        app.get(&format!("/feeds/challenges/{proposed}.atom"))
            .await?
            .status(),
        StatusCode::NOT_FOUND,
        "not public yet"
    );
    Ok(())
}

async fn a_reader_with_the_newest_copy_gets_304(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Kari Forfatter").await?;
    published_idea(&app, &author, "Benker ved stasjonen", "Flere benker.").await?;
    let lights = published_idea(&app, &author, "Lys i parken", "Mer lys.").await?;
    let first = app.get("/feeds/ideas.atom").await?;
    let tag = first.headers()["etag"].to_str()?.to_owned();
    let modified = first.headers()["last-modified"].to_str()?.to_owned();
    let again = |name: &'static str, value: String| {
        app.client
            .get(app.url("/feeds/ideas.atom"))
            .header(name, value)
            .send()
    };
    assert_eq!(
        again("if-none-match", tag.clone()).await?.status(),
        StatusCode::NOT_MODIFIED
    );
    // Hidden, the idea leaves the feed though nothing in it is newer: the
    // tag changes, and a time alone is never taken as proof of a fresh copy.
    hide_idea(&app, lights).await?;
    assert_eq!(again("if-none-match", tag).await?.status(), StatusCode::OK);
    assert_eq!(
        again("if-modified-since", modified).await?.status(),
        StatusCode::OK
    );
    Ok(())
}

async fn the_solutions_feed_has_the_published_cards(app: TestApp) -> anyhow::Result<()> {
    use app::features::solutions::service;
    use app::features::solutions::types::SolutionText;

    municipality(&app).await?;
    let empty = feed(&app, "/feeds/solutions.atom").await?;
    ensure!(
        !empty.contains("<entry"),
        "no cards yet, still a valid feed"
    );
    let card = |title: &str, done: &str| SolutionText {
        title: title.to_owned(),
        problem: "Lange køer.".to_owned(),
        what_was_done: done.to_owned(),
        ..SolutionText::default()
    };
    let chat = service::create(
        &app.db,
        None,
        None,
        card(
            "Chat på nett",
            "Vi åpnet en **chat**.\n\n<script>alert(1)</script>",
        ),
        &[],
    )
    .await?;
    service::publish(&app.db, None, chat, 1).await?;
    service::create(
        &app.db,
        None,
        None,
        card(&format!("Utkast {MARKER}"), "Ikke publisert."),
        &[],
    )
    .await?;

    let xml = feed(&app, "/feeds/solutions.atom").await?;
    ensure!(
        xml.matches("<entry>").count() == 1,
        "one published card: {xml}"
    );
    ensure!(xml.contains(&format!("/solutions/{chat}</id>")));
    ensure!(!xml.contains(MARKER), "no draft");
    ensure!(
        !xml.contains("<script") && !xml.contains("&lt;script"),
        "no script"
    );
    ensure!(
        xml.contains("<name>Bærum kommune</name>"),
        "written by the municipality"
    );
    let list = app.get("/solutions").await?.text().await?;
    ensure!(
        list.contains("href=\"/feeds/solutions.atom\""),
        "the list links its feed"
    );
    Ok(())
}
