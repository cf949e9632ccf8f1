//! Solution cards at `/solutions`: staff make one from an implemented idea
//! (prefilled from it) or from scratch; a draft is staff's until published;
//! every save of a published card is a new version, the old ones readable;
//! a stale save is refused, a double tap saves once; the list searches
//! with the Norwegian dictionary (or trigrams) and pages by key; the idea
//! form's preview suggests matching cards; only staff write. Both
//! databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{department, idea, kpi, solution, solution_version};
use app::features::gains::types::BenefitCategory;
use app::features::ideas::status::IdeaStatus;
use chrono::Utc;
use common::answers::{page, refusal, refused, refused_plain_form};
use common::ideas::{
    draft, hide_idea, idea_form, municipality, participant, published_idea, set_idea,
};
use common::people::{Cast, Person, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_backends!(
    staff_make_a_card_from_an_implemented_idea_and_publish_it,
    each_save_of_a_published_card_is_a_version_and_a_stale_one_is_refused,
    the_list_searches_filters_and_pages_and_the_idea_form_suggests_cards,
    only_staff_write_cards_or_read_drafts,
    bad_input_is_refused_next_to_its_field,
    an_idea_solved_elsewhere_points_at_a_card,
);

/// A card's form, with `title` and `done` (what was done).
fn card_form<'a>(title: &'a str, done: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("title", title),
        ("problem", "Lange køer ved servicetorget."),
        ("context", ""),
        ("what_was_done", done),
        ("cost_nok", "120000"),
        ("cost_note", "Første år"),
        ("contact", "Servicetorget"),
        ("licence", "nlod_2"),
        ("maturity", "in_use"),
        ("focus_area", "steal_and_share"),
    ]
}

async fn add(
    app: &TestApp,
    who: Option<&Person>,
    form: &[(&'static str, &str)],
) -> anyhow::Result<reqwest::Response> {
    post_as(app, who, "/api/solutions/add", form).await
}

/// Adds a draft card as `staff` and returns its id.
async fn added(app: &TestApp, staff: &Person, title: &str, done: &str) -> anyhow::Result<i64> {
    let answer = add(app, Some(staff), &card_form(title, done)).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(serde_json::from_str(&answer.text().await?)?)
}

async fn publish(
    app: &TestApp,
    who: Option<&Person>,
    id: i64,
    base: i32,
) -> anyhow::Result<reqwest::Response> {
    let (id, base) = (id.to_string(), base.to_string());
    post_as(
        app,
        who,
        "/api/solutions/publish",
        &[("id", id.as_str()), ("base_revision", base.as_str())],
    )
    .await
}

/// A published card as `staff`; returns its id.
async fn published(app: &TestApp, staff: &Person, title: &str, done: &str) -> anyhow::Result<i64> {
    let id = added(app, staff, title, done).await?;
    let answer = publish(app, Some(staff), id, 1).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(id)
}

async fn save(
    app: &TestApp,
    who: Option<&Person>,
    id: i64,
    base: i32,
    done: &str,
    note: &str,
) -> anyhow::Result<reqwest::Response> {
    let (id, base) = (id.to_string(), base.to_string());
    let mut form = card_form("Digitalt servicetorg", done);
    form.extend([
        ("id", id.as_str()),
        ("base_revision", base.as_str()),
        ("note", note),
    ]);
    post_as(app, who, "/api/solutions/save", &form).await
}

/// The published versions of card `id`, oldest first: (number, what was
/// done, note).
async fn versions(app: &TestApp, id: i64) -> anyhow::Result<Vec<(i32, String, String)>> {
    Ok(solution_version::Entity::find()
        .filter(solution_version::Column::SolutionId.eq(id))
        .order_by_asc(solution_version::Column::Number)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| (row.number, row.what_was_done, row.note))
        .collect())
}

/// A public KPI on idea `idea_id`, owned by the first department.
async fn public_kpi(app: &TestApp, idea_id: i64, name: &str) -> anyhow::Result<()> {
    let department = department::Entity::find()
        .one(&app.db)
        .await?
        .context("a department")?;
    kpi::Entity::insert(kpi::ActiveModel {
        idea_id: Set(idea_id),
        name: Set(name.to_owned()),
        unit: Set("minutter".to_owned()),
        category: Set(BenefitCategory::TimeOrCostSaved),
        baseline: Set(40.0),
        target: Set(10.0),
        target_date: Set(Utc::now().date_naive()),
        method: Set("Logg".to_owned()),
        owner_account_id: Set(None),
        owner_department_id: Set(department.id),
        public: Set(true),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await?;
    Ok(())
}

async fn staff_make_a_card_from_an_implemented_idea_and_publish_it(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let resident = participant(&app, "innbygger@example.no", "Ingrid Innbygger").await?;
    let idea_id = published_idea(
        &app,
        &resident,
        "Chat med servicetorget",
        "Svar på chat i stedet for kø.",
    )
    .await?;
    // Not yet tried: staff are not offered a card, and one is refused.
    ensure!(
        !page(&app, Some(&cast.staff), &format!("/ideas/{idea_id}"))
            .await?
            .contains(&format!("/solutions/new?idea={idea_id}"))
    );
    let mut form = card_form("Chat", "Vi åpnet en chat.");
    let idea_field = idea_id.to_string();
    form.push(("idea_id", idea_field.as_str()));
    assert_eq!(
        refusal(add(&app, Some(&cast.staff), &form).await?).await?,
        refused("idea_id", "SolutionIdeaNotTried")
    );

    set_idea(
        &app,
        idea_id,
        idea::Column::Status,
        IdeaStatus::Implemented.as_str().into(),
    )
    .await?;
    public_kpi(&app, idea_id, "Ventetid på telefon").await?;
    let idea_page = page(&app, Some(&cast.staff), &format!("/ideas/{idea_id}")).await?;
    ensure!(
        idea_page.contains(&format!("/solutions/new?idea={idea_id}")),
        "staff are offered a card"
    );
    // The form starts from the idea.
    let start = page(
        &app,
        Some(&cast.staff),
        &format!("/solutions/new?idea={idea_id}"),
    )
    .await?;
    ensure!(
        start.contains("value=\"Chat med servicetorget\""),
        "the title"
    );
    ensure!(start.contains("Svar på chat i stedet for kø."), "the text");
    ensure!(start.contains(&format!("name=\"idea_id\" value=\"{idea_id}\"")));

    let answer = add(&app, Some(&cast.staff), &form).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    let id: i64 = serde_json::from_str(&answer.text().await?)?;
    // A draft: staff read it, nobody else finds it.
    let draft_page = page(&app, Some(&cast.staff), &format!("/solutions/{id}")).await?;
    ensure!(draft_page.contains("Dette er et utkast"));
    assert_eq!(
        get_as(&app, None, &format!("/solutions/{id}"))
            .await?
            .status(),
        StatusCode::NOT_FOUND
    );
    ensure!(!page(&app, None, "/solutions").await?.contains("Chat</a>"));
    ensure!(
        page(&app, Some(&cast.staff), "/solutions")
            .await?
            .contains("solution-drafts-heading")
    );

    let answer = publish(&app, Some(&cast.staff), id, 1).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    // A double tap publishes once.
    let again = publish(&app, Some(&cast.staff), id, 1).await?;
    ensure!(again.status() == StatusCode::OK, "{}", again.status());
    assert_eq!(versions(&app, id).await?.len(), 1);

    let card = page(&app, None, &format!("/solutions/{id}")).await?;
    ensure!(card.contains("<h1") && card.contains("Chat"));
    ensure!(card.contains("NLOD 2.0") && card.contains("rel=\"license\""));
    ensure!(card.contains("120"), "the cost");
    ensure!(
        card.contains("Ventetid på telefon"),
        "the idea's public KPI, live"
    );
    ensure!(
        card.contains(&format!("href=\"/ideas/{idea_id}\"")),
        "the idea"
    );
    ensure!(!card.contains("/edit"), "a visitor is not offered the form");
    // The idea now links its card, and staff are no longer offered another.
    let idea_page = page(&app, None, &format!("/ideas/{idea_id}")).await?;
    ensure!(idea_page.contains(&format!("href=\"/solutions/{id}\"")));
    ensure!(
        page(&app, None, "/solutions")
            .await?
            .contains(&format!("href=\"/solutions/{id}\""))
    );
    // A moderator hides the idea: its KPIs and link leave the card too.
    hide_idea(&app, idea_id).await?;
    let card = page(&app, None, &format!("/solutions/{id}")).await?;
    ensure!(
        !card.contains("Ventetid på telefon") && !card.contains(&format!("/ideas/{idea_id}\""))
    );
    Ok(())
}

async fn each_save_of_a_published_card_is_a_version_and_a_stale_one_is_refused(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let id = added(
        &app,
        &cast.staff,
        "Digitalt servicetorg",
        "Vi åpnet en chat.",
    )
    .await?;
    // A draft is saved in place: no version yet.
    let saved = save(
        &app,
        Some(&cast.staff),
        id,
        1,
        "Vi åpnet en chat på nett.",
        "",
    )
    .await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());
    assert_eq!(versions(&app, id).await?.len(), 0);
    let answer = publish(&app, Some(&cast.staff), id, 2).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());

    let saved = save(
        &app,
        Some(&cast.staff),
        id,
        3,
        "Vi åpnet en chat og en telefonlinje.",
        "  Telefon   lagt til ",
    )
    .await?;
    ensure!(saved.status() == StatusCode::OK, "{}", saved.status());
    // A double tap saves once.
    let again = save(
        &app,
        Some(&cast.staff),
        id,
        3,
        "Vi åpnet en chat og en telefonlinje.",
        "Telefon lagt til",
    )
    .await?;
    ensure!(again.status() == StatusCode::OK, "{}", again.status());
    // The admin's form was filled in before that save.
    let stale = save(&app, Some(&cast.admin), id, 3, "Noe helt annet.", "").await?;
    assert_eq!(
        refusal(stale).await?,
        refused("base_revision", "ChangedMeanwhile")
    );
    assert_eq!(
        versions(&app, id).await?,
        [
            (1, "Vi åpnet en chat på nett.".to_owned(), String::new()),
            (
                2,
                "Vi åpnet en chat og en telefonlinje.".to_owned(),
                "Telefon lagt til".to_owned()
            ),
        ]
    );
    let card = solution::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the card")?;
    assert_eq!((card.version, card.revision), (2, 4));

    // Everyone reads the newest and, marked, the older version.
    let newest = page(&app, None, &format!("/solutions/{id}")).await?;
    ensure!(newest.contains("telefonlinje") && newest.contains("Telefon lagt til"));
    ensure!(
        newest.contains(&format!("/solutions/{id}?version=1")),
        "the history"
    );
    let old = page(&app, None, &format!("/solutions/{id}?version=1")).await?;
    ensure!(
        old.contains("på nett.") && old.contains("Dette er versjon 1. Den nyeste er versjon 2.")
    );
    assert_eq!(
        get_as(&app, None, &format!("/solutions/{id}?version=9"))
            .await?
            .status(),
        StatusCode::NOT_FOUND
    );
    // The editor starts from the newest.
    let editor = page(&app, Some(&cast.admin), &format!("/solutions/{id}/edit")).await?;
    ensure!(editor.contains("name=\"base_revision\" value=\"4\""));
    ensure!(editor.contains("telefonlinje"));
    Ok(())
}

async fn the_list_searches_filters_and_pages_and_the_idea_form_suggests_cards(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let bikes = published(
        &app,
        &cast.staff,
        "Bysykler for ansatte",
        "Vi kjøpte sykler.",
    )
    .await?;
    for n in 0..21 {
        published(&app, &cast.staff, &format!("Servicetorg {n}"), "Chat.").await?;
    }
    // Searching: "ansatte" finds the card, by the dictionary's lexeme on
    // PostgreSQL and by trigrams on SQLite.
    let found = page(&app, None, "/solutions?q=ansatte").await?;
    ensure!(found.contains(&format!("href=\"/solutions/{bikes}\"")));
    ensure!(!found.contains("Servicetorg 3<"), "only what matches");
    // Filtering by maturity: none is a pilot.
    let pilots = page(&app, None, "/solutions?maturity=pilot").await?;
    ensure!(!pilots.contains("href=\"/solutions/") || !pilots.contains("solution-card"));
    // Paging: twenty, then the rest, newest first.
    let first = page(&app, None, "/solutions").await?;
    ensure!(first.matches("class=\"ds-card solution-card\"").count() == 20);
    let next = first
        .split("rel=\"next\"")
        .next()
        .and_then(|before| before.rsplit("href=\"").next())
        .and_then(|rest| rest.split('"').next())
        .context("a next link")?
        .replace("&amp;", "&");
    let second = page(&app, None, &next).await?;
    ensure!(second.matches("class=\"ds-card solution-card\"").count() == 2);
    ensure!(
        second.contains(&format!("href=\"/solutions/{bikes}\"")),
        "the oldest last"
    );

    // The idea form's preview step suggests the card.
    let resident = participant(&app, "innbygger@example.no", "Ingrid Innbygger").await?;
    let idea_id = draft(
        &app,
        &resident,
        &idea_form("Sykler til ansatte", "Som i Oslo."),
    )
    .await?;
    let preview = page(&app, Some(&resident), &format!("/ideas/{idea_id}/edit")).await?;
    ensure!(
        preview.contains("similar-solutions-heading")
            && preview.contains(&format!("href=\"/solutions/{bikes}\"")),
        "the preview suggests the card"
    );
    let typed = app.get("/api/solutions/similar?title=ansatte").await?;
    ensure!(typed.status() == StatusCode::OK);
    ensure!(typed.text().await?.contains("Bysykler for ansatte"));
    Ok(())
}

async fn only_staff_write_cards_or_read_drafts(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let draft_id = added(&app, &cast.staff, "Utkast", "Hemmelig plan.").await?;
    let card = published(&app, &cast.staff, "Publisert", "Slik gjorde vi det.").await?;
    for (name, who) in cast.actors() {
        if matches!(name, "staff" | "admin") {
            continue;
        }
        assert_eq!(
            get_as(&app, who, &format!("/solutions/{draft_id}"))
                .await?
                .status(),
            StatusCode::NOT_FOUND,
            "{name} reads no draft"
        );
        ensure!(
            !page(&app, who, "/solutions").await?.contains("Utkast</a>"),
            "{name} finds no draft in the list"
        );
        let (expected_page, expected) = match name {
            "anonymous" => (StatusCode::SEE_OTHER, StatusCode::UNAUTHORIZED),
            _ => (StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
        };
        for path in [
            "/solutions/new".to_owned(),
            format!("/solutions/{card}/edit"),
        ] {
            let shown = get_as(&app, who, &path).await?;
            assert_eq!(shown.status(), expected_page, "{name} GET {path}");
        }
        let changes = [
            get_as(&app, who, &format!("/api/solutions/editor?id={card}"))
                .await?
                .status(),
            add(&app, who, &card_form("Min", "Tekst")).await?.status(),
            save(&app, who, card, 2, "Overskrevet", "").await?.status(),
            publish(&app, who, draft_id, 1).await?.status(),
        ];
        assert_eq!(changes, [expected; 4], "{name} reads and changes nothing");
    }
    assert_eq!(solution::Entity::find().all(&app.db).await?.len(), 2);
    assert_eq!(versions(&app, card).await?.len(), 1);
    assert_eq!(versions(&app, draft_id).await?.len(), 0);
    Ok(())
}

async fn bad_input_is_refused_next_to_its_field(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let staff = Some(&cast.staff);
    let long = "ø".repeat(10_001);
    for (field, value, problem) in [
        ("title", " ", "Required"),
        ("what_was_done", "\n", "Required"),
        ("what_was_done", long.as_str(), "TooLong"),
        ("licence", "gpl-3", "UnknownChoice"),
        ("maturity", "", "Required"),
        ("cost_nok", "mye", "NotANumber"),
    ] {
        let mut form = card_form("Servicetorg", "Chat.");
        form.retain(|(name, _)| *name != field);
        form.push((field, value));
        assert_eq!(
            refusal(add(&app, staff, &form).await?).await?,
            refused(field, problem),
            "{field}"
        );
    }
    let unknown = save(&app, staff, 999, 1, "Tekst", "").await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    ensure!(solution::Entity::find().all(&app.db).await?.is_empty());

    // Without JavaScript the form comes back with the message at the field
    // and what was typed.
    let form: Vec<(&str, String)> = card_form("Servicetorg", "Vi åpnet en chat.")
        .into_iter()
        .map(|(name, value)| (name, value.to_owned()))
        .filter(|(name, _)| *name != "cost_nok")
        .chain([("cost_nok", "mange tusen".to_owned())])
        .collect();
    let back = refused_plain_form(
        &app,
        &cast.staff,
        "/api/solutions/add",
        "/solutions/new",
        &form,
    )
    .await?;
    ensure!(back.contains("value=\"mange tusen\""), "the cost kept");
    ensure!(back.contains("Vi åpnet en chat."), "the text kept");
    ensure!(back.contains("solution-cost"), "the field");
    Ok(())
}

async fn an_idea_solved_elsewhere_points_at_a_card(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let resident = participant(&app, "innbygger@example.no", "Ingrid Innbygger").await?;
    let idea_id = published_idea(&app, &resident, "Chat med kommunen", "Svar på chat.").await?;
    let card = published(
        &app,
        &cast.staff,
        "Digitalt servicetorg",
        "Vi åpnet en chat.",
    )
    .await?;
    let draft_card = added(&app, &cast.staff, "Utkast", "Ikke ferdig.").await?;
    let idea_field = idea_id.to_string();
    let move_to = |link: String| {
        let idea_field = idea_field.clone();
        let staff = &cast.staff;
        let app = &app;
        async move {
            post_as(
                app,
                Some(staff),
                "/api/pipeline/move",
                &[
                    ("idea_id", idea_field.as_str()),
                    ("to", "solved_elsewhere"),
                    ("link", link.as_str()),
                ],
            )
            .await
        }
    };
    // A draft card, or one that does not exist, is no answer.
    for link in [
        format!("/solutions/{draft_card}"),
        "/solutions/999999".to_owned(),
    ] {
        assert_eq!(
            refusal(move_to(link.clone()).await?).await?,
            refused("link", "InvalidLink"),
            "{link}"
        );
    }
    let moved = move_to(format!(" /solutions/{card} ")).await?;
    ensure!(moved.status() == StatusCode::OK, "{}", moved.status());
    let idea_page = page(&app, None, &format!("/ideas/{idea_id}")).await?;
    ensure!(
        idea_page.contains(&format!("href=\"/solutions/{card}\""))
            && idea_page.contains("løsningen «Digitalt servicetorg»"),
        "the timeline names the card"
    );
    Ok(())
}
