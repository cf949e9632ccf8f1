//! Method guides at `/guides`: staff add and edit them in three languages,
//! every save a numbered revision; a save made from an older revision is
//! refused with the text kept, a double tap saves once; everyone reads
//! the newest revision in their language, Markdown sanitised; only staff
//! read older ones, the history and the forms. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{guide, guide_revision};
use common::answers::{page, page_in, refusal, refused, refused_plain_form};
use common::people::{Cast, Person, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_backends!(
    staff_add_a_guide_that_everyone_reads_in_their_language,
    each_save_is_a_revision_and_a_stale_one_is_refused,
    only_staff_write_guides_or_read_older_revisions,
    bad_input_is_refused_next_to_its_field,
);

/// A guide's form in bokmål, with English titles and summaries only.
fn guide_form<'a>(title: &'a str, body: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("title_nb", title),
        ("title_nn", ""),
        ("title_en", "Interview guide"),
        ("summary_nb", "Slik snakker du med dem tjenesten er for."),
        ("summary_nn", ""),
        (
            "summary_en",
            "How to talk with the people the service is for.",
        ),
        ("body_nb", body),
        ("body_nn", ""),
        ("body_en", ""),
    ]
}

async fn add(
    app: &TestApp,
    who: Option<&Person>,
    slug: &str,
    title: &str,
    body: &str,
) -> anyhow::Result<reqwest::Response> {
    let mut form = guide_form(title, body);
    form.push(("slug", slug));
    post_as(app, who, "/api/guides/add", &form).await
}

/// Adds a guide as `staff` and returns its address.
async fn added(app: &TestApp, staff: &Person, slug: &str, title: &str) -> anyhow::Result<String> {
    let answer = add(
        app,
        Some(staff),
        slug,
        title,
        "## Før intervjuet\n\nAvtal tid.",
    )
    .await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(serde_json::from_str(&answer.text().await?)?)
}

async fn save(
    app: &TestApp,
    who: Option<&Person>,
    slug: &str,
    base: i32,
    body: &str,
    note: &str,
) -> anyhow::Result<reqwest::Response> {
    let base = base.to_string();
    let mut form = guide_form("Intervjuguide", body);
    form.extend([
        ("slug", slug),
        ("base_revision", base.as_str()),
        ("note", note),
    ]);
    post_as(app, who, "/api/guides/save", &form).await
}

/// The revisions of guide `slug`, oldest first: (number, bokmål text, note).
async fn revisions(app: &TestApp, slug: &str) -> anyhow::Result<Vec<(i32, String, String)>> {
    let found = guide::Entity::find()
        .filter(guide::Column::Slug.eq(slug))
        .one(&app.db)
        .await?
        .context("the guide")?;
    let rows = guide_revision::Entity::find()
        .filter(guide_revision::Column::GuideId.eq(found.id))
        .order_by_asc(guide_revision::Column::Number)
        .all(&app.db)
        .await?;
    ensure!(
        rows.last().map(|row| row.number) == Some(found.revision),
        "the guide counts its newest revision"
    );
    Ok(rows
        .into_iter()
        .map(|row| (row.number, row.body_nb, row.note))
        .collect())
}

async fn staff_add_a_guide_that_everyone_reads_in_their_language(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let body = "## Før intervjuet\n\nAvtal tid. <script>alert(1)</script>\n\n\
                [Les mer](javascript:alert(2)) og [Difi](https://www.difi.no).";
    let answer = add(
        &app,
        Some(&cast.staff),
        "",
        "  Intervju:  slik gjør du ",
        body,
    )
    .await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    let slug: String = serde_json::from_str(&answer.text().await?)?;
    assert_eq!(slug, "intervju-slik-gjor-du", "made from the title");
    // The same title again gets an address of its own.
    assert_eq!(
        added(&app, &cast.staff, "", "Intervju: slik gjør du").await?,
        "intervju-slik-gjor-du-2"
    );

    let list = page_in(&app, "/guides", "nb").await?;
    ensure!(
        list.contains("Intervju: slik gjør du")
            && list.contains(&format!("href=\"/guides/{slug}\""))
    );
    ensure!(
        page_in(&app, "/guides", "en")
            .await?
            .contains("Interview guide")
    );
    // Nynorsk has no title of its own: bokmål stands in.
    ensure!(
        page_in(&app, "/guides", "nn")
            .await?
            .contains("Intervju: slik gjør du")
    );

    let guide = page(&app, None, &format!("/guides/{slug}")).await?;
    ensure!(guide.contains("<h1") && guide.contains("Intervju: slik gjør du"));
    ensure!(guide.contains("Før intervjuet"), "the text, rendered");
    ensure!(!guide.contains("<script>alert(1)"), "no script");
    ensure!(!guide.contains("javascript:"), "no script link");
    ensure!(
        guide.contains("href=\"https://www.difi.no\""),
        "a plain link stays"
    );
    ensure!(
        !guide.contains(&format!("/guides/{slug}/edit")),
        "a visitor is not offered the edit form"
    );
    let english = page_in(&app, &format!("/guides/{slug}"), "en").await?;
    ensure!(
        english.contains("Interview guide") && english.contains("only in Norwegian Bokmål"),
        "an English reader gets the English title and the bokmål text, marked"
    );
    ensure!(
        page(&app, Some(&cast.staff), &format!("/guides/{slug}"))
            .await?
            .contains(&format!("/guides/{slug}/edit"))
    );
    ensure!(
        page(&app, Some(&cast.staff), "/guides")
            .await?
            .contains("href=\"/guides/new\"")
    );
    ensure!(
        !list.contains("href=\"/guides/new\""),
        "a visitor is not offered a new guide"
    );

    let unknown = get_as(&app, None, "/guides/finnes-ikke").await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    Ok(())
}

async fn each_save_is_a_revision_and_a_stale_one_is_refused(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let slug = added(&app, &cast.staff, "intervjuguide", "Intervjuguide").await?;

    let saved = save(
        &app,
        Some(&cast.staff),
        &slug,
        1,
        "## Før\n\nAvtal tid og sted.",
        "  Sted   lagt til ",
    )
    .await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());
    // A double tap: the same text from the same base saves once.
    let again = save(
        &app,
        Some(&cast.staff),
        &slug,
        1,
        "## Før\n\nAvtal tid og sted.",
        "Sted lagt til",
    )
    .await?;
    ensure!(again.status() == StatusCode::OK, "{}", again.status());
    // The admin, whose form was filled in from revision 1, is refused.
    let stale = save(
        &app,
        Some(&cast.admin),
        &slug,
        1,
        "## Før\n\nRing først.",
        "",
    )
    .await?;
    assert_eq!(
        refusal(stale).await?,
        refused("base_revision", "ChangedMeanwhile")
    );
    let rows = revisions(&app, &slug).await?;
    assert_eq!(
        rows.iter()
            .map(|(number, _, note)| (*number, note.as_str()))
            .collect::<Vec<_>>(),
        [(1, ""), (2, "Sted lagt til")]
    );

    // The editor has the newest as its base, with the history, newest first.
    let editor = page(&app, Some(&cast.admin), &format!("/guides/{slug}/edit")).await?;
    ensure!(
        editor.contains("name=\"base_revision\" value=\"2\""),
        "made from revision 2"
    );
    ensure!(
        editor.contains("Avtal tid og sted."),
        "the newest text in the form"
    );
    let history = editor
        .split_once("guide-history-heading")
        .context("the history")?
        .1;
    let (second, first) = (
        history.find("Sted lagt til").context("revision 2's note")?,
        history
            .find(&format!("/guides/{slug}?revision=1"))
            .context("revision 1")?,
    );
    ensure!(second < first, "newest first");
    ensure!(history.contains("staff"), "who saved it");
    // Starting again from revision 1: its text, and still made from 2.
    let from_first = page(
        &app,
        Some(&cast.admin),
        &format!("/guides/{slug}/edit?from=1"),
    )
    .await?;
    ensure!(
        from_first.contains("Avtal tid.")
            && from_first.contains("name=\"base_revision\" value=\"2\"")
    );
    let restored = save(
        &app,
        Some(&cast.admin),
        &slug,
        2,
        "## Før intervjuet\n\nAvtal tid.",
        "Tilbake til første",
    )
    .await?;
    ensure!(restored.status() == StatusCode::OK, "{}", restored.status());
    assert_eq!(revisions(&app, &slug).await?.len(), 3);

    // Staff read an old revision, marked as such; everyone reads the newest.
    let old = page(
        &app,
        Some(&cast.staff),
        &format!("/guides/{slug}?revision=2"),
    )
    .await?;
    ensure!(
        old.contains("Avtal tid og sted.")
            && old.contains("Dette er versjon 2. Den nyeste er versjon 3.")
    );
    ensure!(
        page(&app, None, &format!("/guides/{slug}"))
            .await?
            .contains("Avtal tid.")
    );
    Ok(())
}

async fn only_staff_write_guides_or_read_older_revisions(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let slug = added(&app, &cast.staff, "pilot", "Pilotsjekkliste").await?;
    let saved = save(&app, Some(&cast.staff), &slug, 1, "## Ny tekst\n\nMer.", "").await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());
    for (name, who) in cast.actors() {
        let staff = matches!(name, "staff" | "admin");
        let old = get_as(&app, who, &format!("/guides/{slug}?revision=1"))
            .await?
            .status();
        let expected_old = if staff {
            StatusCode::OK
        } else {
            StatusCode::NOT_FOUND
        };
        assert_eq!(old, expected_old, "{name} reads revision 1");
        if staff {
            continue;
        }
        let (expected_page, expected) = match name {
            "anonymous" => (StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED),
            _ => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        };
        for path in ["/guides/new".to_owned(), format!("/guides/{slug}/edit")] {
            let shown = get_as(&app, who, &path).await?;
            assert_eq!(shown.status(), expected_page, "{name} GET {path}");
            ensure!(!shown.text().await?.contains("Mer."), "{name} sees no form");
        }
        let changes = [
            get_as(&app, who, &format!("/api/guides/editor?slug={slug}"))
                .await?
                .status(),
            add(&app, who, "", "Min guide", "## Tekst").await?.status(),
            save(&app, who, &slug, 2, "## Overskrevet", "")
                .await?
                .status(),
        ];
        assert_eq!(changes, [expected; 3], "{name} reads and changes nothing");
    }
    ensure!(guide::Entity::find().all(&app.db).await?.len() == 1);
    assert_eq!(revisions(&app, &slug).await?.len(), 2);
    Ok(())
}

async fn bad_input_is_refused_next_to_its_field(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let staff = Some(&cast.staff);
    added(&app, &cast.staff, "intervjuguide", "Intervjuguide").await?;
    let long = "ø".repeat(20_001);
    for ((slug, title, body), field, problem) in [
        (("", " ", "## Tekst"), "title_nb", "Required"),
        (("", "Guide", "\n"), "body_nb", "Required"),
        (("", "Guide", long.as_str()), "body_nb", "TooLong"),
        (("Pilot Guide", "Guide", "## Tekst"), "slug", "GuideAddress"),
        (
            ("pilot--guide", "Guide", "## Tekst"),
            "slug",
            "GuideAddress",
        ),
        (
            ("intervjuguide", "Guide", "## Tekst"),
            "slug",
            "GuideAddressTaken",
        ),
    ] {
        let answer = add(&app, staff, slug, title, body).await?;
        assert_eq!(
            refusal(answer).await?,
            refused(field, problem),
            "{slug:?} {title:?}"
        );
    }
    let unknown = save(&app, staff, "finnes-ikke", 1, "## Tekst", "").await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    ensure!(guide::Entity::find().all(&app.db).await?.len() == 1);

    // Without JavaScript the form comes back with the message at the field
    // and what was typed.
    let form: Vec<(&str, String)> = guide_form("Pilotsjekkliste", "## Før piloten\n\nSett mål.")
        .into_iter()
        .map(|(name, value)| (name, value.to_owned()))
        .chain([("slug", "Pilot Sjekkliste".to_owned())])
        .collect();
    let back =
        refused_plain_form(&app, &cast.staff, "/api/guides/add", "/guides/new", &form).await?;
    ensure!(back.contains("Bruk små bokstaver a–z"), "the message");
    ensure!(
        back.contains("value=\"Pilot Sjekkliste\""),
        "the address kept"
    );
    ensure!(back.contains("Sett mål."), "the text kept");
    Ok(())
}
