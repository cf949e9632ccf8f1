//! Shared goals under `/admin/goals`: admins add, edit, retire and restore
//! them in three languages, each change in the audit log; nobody else may.
//! Staff link challenges and ideas in review or later to them; a retired
//! goal is not linked anew but stays where it is; the board filters by
//! goal; the idea and challenge pages name the goals still in use in the
//! reader's language. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{challenge_goal, goal, idea_goal};
use common::answers::{audit_rows, page, page_in, refusal, refused, refused_plain_form};
use common::ideas::{challenge_edit_form, municipality, participant, published_idea};
use common::people::{Cast, Person, get_as, post_as};
use common::pipeline::{board, column, department_id, move_with_owner, staff_in, work};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_backends!(
    an_admin_adds_edits_retires_and_restores_and_each_change_is_logged,
    only_admins_manage_goals,
    a_name_clash_or_an_empty_bokmal_name_is_refused_next_to_the_field,
    goals_are_linked_to_an_idea_from_review_onwards_and_only_by_staff,
    a_retired_goal_is_not_linked_anew_but_stays_where_it_is,
    the_board_filters_by_goal_through_its_links,
    the_idea_and_challenge_pages_name_goals_in_use_in_the_readers_language,
    staff_choose_a_challenges_goals_and_participants_do_not,
    a_refused_challenge_form_comes_back_with_its_goals_as_they_were_checked,
);

/// A goal's form: bokmål, nynorsk and English names, a bokmål description.
fn goal_form<'a>(nb: &'a str, nn: &'a str, en: &'a str) -> Vec<(&'static str, &'a str)> {
    vec![
        ("name_nb", nb),
        ("name_nn", nn),
        ("name_en", en),
        ("description_nb", "Felles innsats mot samme mål."),
        ("description_nn", ""),
        ("description_en", ""),
    ]
}

async fn add(
    app: &TestApp,
    who: Option<&Person>,
    nb: &str,
    nn: &str,
    en: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(app, who, "/api/admin/goals/add", &goal_form(nb, nn, en)).await
}

/// Adds a goal as `admin` and returns its id.
async fn added(app: &TestApp, admin: &Person, nb: &str, nn: &str, en: &str) -> anyhow::Result<i64> {
    let answer = add(app, Some(admin), nb, nn, en).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(answer.text().await?.trim().parse()?)
}

async fn edit(
    app: &TestApp,
    who: Option<&Person>,
    id: &str,
    nb: &str,
    nn: &str,
) -> anyhow::Result<reqwest::Response> {
    let mut form = goal_form(nb, nn, "");
    form.push(("goal_id", id));
    post_as(app, who, "/api/admin/goals/edit", &form).await
}

async fn set_retired(
    app: &TestApp,
    who: Option<&Person>,
    id: i64,
    retire: bool,
) -> anyhow::Result<reqwest::Response> {
    let path = if retire {
        "/api/admin/goals/retire"
    } else {
        "/api/admin/goals/restore"
    };
    post_as(app, who, path, &[("goal_id", &id.to_string())]).await
}

async fn retire(app: &TestApp, admin: &Person, id: i64) -> anyhow::Result<()> {
    let retired = set_retired(app, Some(admin), id, true).await?;
    ensure!(retired.status() == StatusCode::OK, "{}", retired.status());
    Ok(())
}

/// Links `idea` to exactly `goals`, as the staff panel's form sends it.
async fn link(
    app: &TestApp,
    who: &Person,
    idea: i64,
    goals: &[i64],
) -> anyhow::Result<reqwest::Response> {
    let idea = idea.to_string();
    let ids: Vec<String> = goals.iter().map(i64::to_string).collect();
    let mut form = vec![("idea_id", idea.as_str())];
    form.extend(ids.iter().map(|id| ("goals[]", id.as_str())));
    post_as(app, Some(who), "/api/pipeline/goals", &form).await
}

async fn linked_ok(app: &TestApp, who: &Person, idea: i64, goals: &[i64]) -> anyhow::Result<()> {
    let answer = link(app, who, idea, goals).await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    Ok(())
}

/// The goals idea `idea` is linked to, from the database.
async fn links_of(app: &TestApp, idea: i64) -> anyhow::Result<Vec<i64>> {
    Ok(idea_goal::Entity::find()
        .filter(idea_goal::Column::IdeaId.eq(idea))
        .order_by_asc(idea_goal::Column::GoalId)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|link| link.goal_id)
        .collect())
}

async fn stored(app: &TestApp, id: i64) -> anyhow::Result<goal::Model> {
    goal::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the goal")
}

async fn an_admin_adds_edits_retires_and_restores_and_each_change_is_logged(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let admin = Some(&cast.admin);

    let id = added(
        &app,
        &cast.admin,
        "  Trygg   oppvekst ",
        "",
        "Safe childhood",
    )
    .await?;
    let found = stored(&app, id).await?;
    assert_eq!(
        (
            found.name_nb.as_str(),
            found.name_nn.as_str(),
            found.name_en.as_str()
        ),
        ("Trygg oppvekst", "", "Safe childhood"),
        "tidied, nynorsk left to bokmål"
    );

    let changed = edit(
        &app,
        admin,
        &id.to_string(),
        "Trygg oppvekst for alle",
        "Trygg oppvekst for alle born",
    )
    .await?;
    ensure!(changed.status() == StatusCode::OK, "{}", changed.status());
    // The same text again changes nothing and logs nothing.
    let again = edit(
        &app,
        admin,
        &id.to_string(),
        "Trygg oppvekst for alle",
        "Trygg oppvekst for alle born",
    )
    .await?;
    ensure!(again.status() == StatusCode::OK, "{}", again.status());
    let found = stored(&app, id).await?;
    assert_eq!(found.name_nn, "Trygg oppvekst for alle born");
    assert_eq!(found.name_en, "", "the English name was cleared");

    retire(&app, &cast.admin, id).await?;
    retire(&app, &cast.admin, id).await?;
    ensure!(stored(&app, id).await?.retired_at.is_some());
    let listed = page(&app, admin, "/admin/goals").await?;
    let retired_section = listed
        .split("id=\"goals-retired\"")
        .nth(1)
        .context("the retired section")?;
    ensure!(
        retired_section.contains("Trygg oppvekst for alle"),
        "listed as retired"
    );

    let restored = set_retired(&app, admin, id, false).await?;
    ensure!(restored.status() == StatusCode::OK, "{}", restored.status());
    ensure!(stored(&app, id).await?.retired_at.is_none());
    let listed = page(&app, admin, "/admin/goals").await?;
    let (active, retired) = listed
        .split_once("id=\"goals-retired\"")
        .context("both sections")?;
    ensure!(
        active.contains("Trygg oppvekst for alle") && !retired.contains("Trygg oppvekst for alle"),
        "in use again"
    );

    let expected = [
        ("goal_added", "Trygg oppvekst"),
        ("goal_edited", "Trygg oppvekst → Trygg oppvekst for alle"),
        ("goal_retired", "Trygg oppvekst for alle"),
        ("goal_restored", "Trygg oppvekst for alle"),
    ];
    assert_eq!(
        audit_rows(&app, "goal").await?,
        expected
            .iter()
            .map(|(action, detail)| ((*action).to_owned(), Some(id), (*detail).to_owned()))
            .collect::<Vec<_>>()
    );
    let log = page(&app, admin, "/admin/audit?action=goal_edited").await?;
    ensure!(
        log.contains("Trygg oppvekst → Trygg oppvekst for alle"),
        "the audit page shows before and after"
    );

    // A repeated add form (a double tap) adds once.
    let key = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        let mut form = goal_form("Grønn mobilitet", "", "");
        form.push(("idempotency_key", key.as_str()));
        let again = app
            .post_same_origin("/api/admin/goals/add")
            .header("accept", "application/json")
            .header("cookie", &cast.admin.cookie)
            .form(&form)
            .send()
            .await?;
        ensure!(again.status() == StatusCode::OK, "{}", again.status());
    }
    let mobility = goal::Entity::find()
        .filter(goal::Column::NameNb.eq("Grønn mobilitet"))
        .all(&app.db)
        .await?;
    assert_eq!(mobility.len(), 1);
    Ok(())
}

async fn only_admins_manage_goals(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let id = added(&app, &cast.admin, "Trygg oppvekst", "", "").await?;
    for (name, who) in cast.actors() {
        if name == "admin" {
            continue;
        }
        let expected_page = match name {
            "anonymous" => StatusCode::SEE_OTHER,
            _ => StatusCode::FORBIDDEN,
        };
        let shown = get_as(&app, who, "/admin/goals").await?;
        assert_eq!(shown.status(), expected_page, "{name} GET /admin/goals");
        ensure!(
            !shown.text().await?.contains("Trygg oppvekst"),
            "{name} sees no goals"
        );
        let expected = match name {
            "anonymous" => StatusCode::UNAUTHORIZED,
            _ => StatusCode::FORBIDDEN,
        };
        let changes = [
            get_as(&app, who, "/api/admin/goals").await?.status(),
            add(&app, who, "Kultur for alle", "", "").await?.status(),
            edit(&app, who, &id.to_string(), "Utrygg oppvekst", "")
                .await?
                .status(),
            set_retired(&app, who, id, true).await?.status(),
            set_retired(&app, who, id, false).await?.status(),
        ];
        assert_eq!(changes, [expected; 5], "{name} reads and changes nothing");
    }
    let found = stored(&app, id).await?;
    ensure!(found.name_nb == "Trygg oppvekst" && found.retired_at.is_none());
    ensure!(goal::Entity::find().all(&app.db).await?.len() == 1);
    ensure!(
        audit_rows(&app, "goal").await?.len() == 1,
        "only the admin's add"
    );

    // The back office's front page leads admins there, and only admins.
    for (name, who) in [
        ("staff", &cast.staff),
        ("moderator", &cast.moderator),
        ("admin", &cast.admin),
    ] {
        let front = page(&app, Some(who), "/admin").await?;
        assert_eq!(
            front.contains("href=\"/admin/goals\""),
            name == "admin",
            "{name}"
        );
    }
    Ok(())
}

async fn a_name_clash_or_an_empty_bokmal_name_is_refused_next_to_the_field(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let admin = Some(&cast.admin);
    let safe = added(&app, &cast.admin, "Trygg oppvekst", "", "").await?;
    let green = added(&app, &cast.admin, "Grønn mobilitet", "", "").await?;

    let too_long = "å".repeat(101);
    for (name, problem) in [
        (" trygg   OPPVEKST ", "GoalNameTaken"),
        ("   ", "Required"),
        (too_long.as_str(), "TooLong"),
    ] {
        assert_eq!(
            refusal(add(&app, admin, name, "", "").await?).await?,
            refused("name_nb", problem),
            "add {name:?}"
        );
        assert_eq!(
            refusal(edit(&app, admin, &green.to_string(), name, "").await?).await?,
            refused("name_nb", problem),
            "edit to {name:?}"
        );
    }
    // A retired goal keeps its name.
    retire(&app, &cast.admin, safe).await?;
    assert_eq!(
        refusal(add(&app, admin, "TRYGG OPPVEKST", "", "").await?).await?,
        refused("name_nb", "GoalNameTaken")
    );
    assert_eq!(stored(&app, green).await?.name_nb, "Grønn mobilitet");
    let unknown = edit(&app, admin, "999999", "Noe nytt", "").await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let malformed = edit(&app, admin, "grønn", "Noe nytt", "").await?;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);

    // Without JavaScript: back to the page, the message beside the field
    // of this goal, what was typed kept.
    let mut form = goal_form("trygg oppvekst", "", "");
    let green_id = green.to_string();
    form.push(("goal_id", green_id.as_str()));
    let back = app
        .post_same_origin("/api/admin/goals/edit")
        .header("accept", "text/html")
        .header("referer", app.url("/admin/goals"))
        .header("cookie", &cast.admin.cookie)
        .form(&form)
        .send()
        .await?;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    let location = app.redirect_target(&back)?;
    let path = location
        .strip_prefix(&app.address)
        .unwrap_or(&location)
        .to_owned();
    let shown = page(&app, admin, &path).await?;
    ensure!(
        shown.contains(&format!("id=\"goal-{green}-name-nb-message\"")),
        "the message sits next to the bokmål name of this goal"
    );
    ensure!(
        shown.contains("Et annet mål har allerede dette navnet"),
        "in the reader's language"
    );
    ensure!(
        shown.contains("value=\"trygg oppvekst\""),
        "what was typed is kept"
    );
    ensure!(
        !shown.contains(&format!("id=\"goal-{safe}-name-nb-message\"")),
        "only on the form it is about"
    );
    ensure!(
        audit_rows(&app, "goal").await?.len() == 3,
        "two adds and a retirement"
    );
    Ok(())
}

/// A municipality with its departments, staff in Vei og trafikk, a
/// participant, an admin, and the author's published idea.
struct Town {
    cast: Cast,
    staff: Person,
    author: Person,
    idea: i64,
    roads: i64,
}

async fn town(app: &TestApp) -> anyhow::Result<Town> {
    municipality(app).await?;
    let cast = Cast::assemble(app).await?;
    let staff = staff_in(app, "vei@example.no", "Vei og trafikk").await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let idea = published_idea(app, &author, "Benker langs elva", "Flere benker.").await?;
    Ok(Town {
        cast,
        staff,
        author,
        idea,
        roads: department_id(app, "Vei og trafikk").await?,
    })
}

/// Moves `idea` into review, owned by Vei og trafikk.
async fn into_review(app: &TestApp, town: &Town, idea: i64) -> anyhow::Result<()> {
    let moved = move_with_owner(app, &town.staff, idea, "under_review", Some(town.roads)).await?;
    ensure!(moved.status() == StatusCode::OK, "{}", moved.status());
    Ok(())
}

async fn goals_are_linked_to_an_idea_from_review_onwards_and_only_by_staff(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let goal = added(&app, &town.cast.admin, "Trygg oppvekst", "", "").await?;

    // Published, not yet reviewed: refused, with why, and the panel says so.
    assert_eq!(
        refusal(link(&app, &town.staff, town.idea, &[goal]).await?).await?,
        refused("goals", "GoalsBeforeReview")
    );
    ensure!(!work(&app, &town.staff, town.idea).await?.takes_goals);
    let panel = page(&app, Some(&town.staff), &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        !panel.contains("action=\"/api/pipeline/goals\""),
        "no goals form before review"
    );

    into_review(&app, &town, town.idea).await?;
    // Nobody without staff rights links goals: the author, another
    // participant, a moderator.
    for who in [&town.author, &town.cast.other, &town.cast.moderator] {
        let answer = link(&app, who, town.idea, &[goal]).await?;
        assert_eq!(answer.status(), StatusCode::FORBIDDEN);
    }
    ensure!(links_of(&app, town.idea).await?.is_empty());

    let panel = page(&app, Some(&town.staff), &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        panel.contains("action=\"/api/pipeline/goals\"") && panel.contains("Trygg oppvekst"),
        "the staff panel offers the goal"
    );
    linked_ok(&app, &town.staff, town.idea, &[goal]).await?;
    linked_ok(&app, &town.staff, town.idea, &[goal, goal]).await?;
    assert_eq!(links_of(&app, town.idea).await?, vec![goal]);
    let seen = work(&app, &town.staff, town.idea).await?;
    ensure!(
        seen.takes_goals && seen.linked_goals == vec![goal],
        "{seen:?}"
    );
    // An unknown goal is not one of the choices; none checked clears them.
    assert_eq!(
        refusal(link(&app, &town.staff, town.idea, &[999_999]).await?).await?,
        refused("goals", "UnknownChoice")
    );
    linked_ok(&app, &town.staff, town.idea, &[]).await?;
    ensure!(links_of(&app, town.idea).await?.is_empty());
    let rows = audit_rows(&app, "idea").await?;
    let goal_rows: Vec<&(String, Option<i64>, String)> = rows
        .iter()
        .filter(|(action, _, _)| action == "idea_goals_changed")
        .collect();
    assert_eq!(goal_rows.len(), 2, "linked once, cleared once: {rows:?}");
    assert_eq!(goal_rows[0].2, "Benker langs elva: [Trygg oppvekst]");
    // The idea's internal log has the same two changes.
    let logged = work(&app, &town.staff, town.idea)
        .await?
        .log
        .iter()
        .filter(|entry| entry.event == app::features::pipeline::types::WorkEvent::GoalsChanged)
        .count();
    assert_eq!(logged, 2, "in the idea's work log too");

    // Declined after review, the goals it was weighed against may stay.
    let declined = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/move",
        &[
            ("idea_id", &town.idea.to_string()),
            ("to", "declined"),
            ("reason", "Ikke nå."),
        ],
    )
    .await?;
    ensure!(declined.status() == StatusCode::OK, "{}", declined.status());
    linked_ok(&app, &town.staff, town.idea, &[goal]).await?;
    // Declined straight from triage: never reviewed, so no goals.
    let other = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    let declined = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/move",
        &[
            ("idea_id", &other.to_string()),
            ("to", "declined"),
            ("reason", "Ikke nå."),
        ],
    )
    .await?;
    ensure!(declined.status() == StatusCode::OK, "{}", declined.status());
    assert_eq!(
        refusal(link(&app, &town.staff, other, &[goal]).await?).await?,
        refused("goals", "GoalsBeforeReview")
    );
    Ok(())
}

async fn a_retired_goal_is_not_linked_anew_but_stays_where_it_is(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let old = added(&app, &town.cast.admin, "Papirløs kommune", "", "").await?;
    let new = added(&app, &town.cast.admin, "Trygg oppvekst", "", "").await?;
    let second = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    into_review(&app, &town, town.idea).await?;
    into_review(&app, &town, second).await?;
    linked_ok(&app, &town.staff, town.idea, &[old]).await?;
    retire(&app, &town.cast.admin, old).await?;

    assert_eq!(
        refusal(link(&app, &town.staff, second, &[old]).await?).await?,
        refused("goals", "GoalRetired")
    );
    ensure!(links_of(&app, second).await?.is_empty());
    // The idea already linked keeps it when its goals are saved again.
    linked_ok(&app, &town.staff, town.idea, &[old, new]).await?;
    let mut expected = vec![old, new];
    expected.sort_unstable();
    assert_eq!(links_of(&app, town.idea).await?, expected);

    // Staff see it, marked retired; the other idea's form does not offer it.
    let first_panel = page(&app, Some(&town.staff), &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        first_panel.contains("Papirløs kommune (avviklet)"),
        "marked retired"
    );
    let second_panel = page(&app, Some(&town.staff), &format!("/ideas/{second}")).await?;
    ensure!(
        !second_panel.contains("Papirløs kommune"),
        "not offered anew"
    );
    let seen = board(&app, &town.staff, "").await?;
    let card = seen
        .columns
        .iter()
        .flat_map(|column| &column.cards)
        .find(|card| card.id == town.idea)
        .context("the idea on the board")?;
    ensure!(
        card.goals.iter().any(|goal| goal.id == old && goal.retired),
        "the card keeps it: {:?}",
        card.goals
    );
    // The public reads only the goals still in use.
    let public = page(&app, None, &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        public.contains("Trygg oppvekst") && !public.contains("Papirløs kommune"),
        "only goals in use on the public page"
    );
    // Once linked, a goal is retired, never deleted.
    ensure!(stored(&app, old).await?.retired_at.is_some());
    Ok(())
}

async fn the_board_filters_by_goal_through_its_links(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let green = added(&app, &town.cast.admin, "Grønn mobilitet", "", "").await?;
    let safe = added(&app, &town.cast.admin, "Trygg oppvekst", "", "").await?;
    let second = published_idea(&app, &town.author, "Lys i lysløypa", "Mer lys.").await?;
    let third = published_idea(&app, &town.author, "Sykkelstativ", "Flere stativ.").await?;
    for idea in [town.idea, second, third] {
        into_review(&app, &town, idea).await?;
    }
    linked_ok(&app, &town.staff, town.idea, &[green]).await?;
    linked_ok(&app, &town.staff, third, &[green, safe]).await?;
    common::gains::a_kpi(&app, third).await?;
    let selected = move_with_owner(&app, &town.staff, third, "selected", None).await?;
    ensure!(selected.status() == StatusCode::OK, "{}", selected.status());

    let filtered = board(&app, &town.staff, &format!("goal={green}")).await?;
    let mut shown: Vec<i64> = filtered
        .columns
        .iter()
        .flat_map(|column| column.cards.iter().map(|card| card.id))
        .collect();
    shown.sort_unstable();
    let mut expected = vec![town.idea, third];
    expected.sort_unstable();
    assert_eq!(shown, expected, "exactly the linked ideas");
    assert_eq!(column(&filtered, "under_review"), vec![town.idea]);
    assert_eq!(column(&filtered, "selected"), vec![third]);
    let counts: u64 = filtered.columns.iter().map(|column| column.count).sum();
    assert_eq!(counts, 2, "the counts follow the filter");
    let only_safe = board(&app, &town.staff, &format!("goal={safe}")).await?;
    assert_eq!(column(&only_safe, "selected"), vec![third]);
    ensure!(column(&only_safe, "under_review").is_empty());
    // A goal that is no number is no filter.
    let everything = board(&app, &town.staff, "goal=gr%C3%B8nn").await?;
    assert_eq!(column(&everything, "under_review").len(), 2);

    // The board's page: the filter in its form, the goals on the cards.
    let shown = page(
        &app,
        Some(&town.staff),
        &format!("/admin/pipeline?goal={green}"),
    )
    .await?;
    let select = shown
        .split("id=\"board-goal\"")
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .context("the goal filter")?;
    ensure!(
        select.contains(&format!("value=\"{green}\" selected")),
        "the chosen goal is selected: {select}"
    );
    let card = shown
        .split(&format!("id=\"card-{third}\""))
        .nth(1)
        .and_then(|rest| rest.split("</li>").next())
        .context("the card")?;
    ensure!(
        card.contains("Grønn mobilitet") && card.contains("Trygg oppvekst"),
        "the card names its goals"
    );
    Ok(())
}

async fn the_idea_and_challenge_pages_name_goals_in_use_in_the_readers_language(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let school = added(
        &app,
        &town.cast.admin,
        "Trygg skolevei",
        "Trygg skuleveg",
        "Safe way to school",
    )
    .await?;
    // No translations: bokmål stands in.
    let bench = added(&app, &town.cast.admin, "Flere sitteplasser", "", "").await?;
    let retired = added(&app, &town.cast.admin, "Papirløs kommune", "", "").await?;
    into_review(&app, &town, town.idea).await?;
    linked_ok(&app, &town.staff, town.idea, &[school, bench, retired]).await?;
    retire(&app, &town.cast.admin, retired).await?;

    let path = format!("/ideas/{}", town.idea);
    for (language, shown, not_shown) in [
        (
            "nb",
            "Trygg skolevei",
            ["Trygg skuleveg", "Safe way to school"],
        ),
        (
            "nn",
            "Trygg skuleveg",
            ["Trygg skolevei", "Safe way to school"],
        ),
        (
            "en",
            "Safe way to school",
            ["Trygg skolevei", "Trygg skuleveg"],
        ),
    ] {
        let body = page_in(&app, &path, language).await?;
        ensure!(
            body.contains(shown) && body.contains("Flere sitteplasser"),
            "{language}: {shown} and the untranslated goal in bokmål"
        );
        for other in not_shown {
            ensure!(!body.contains(other), "{language}: not {other}");
        }
        ensure!(
            !body.contains("Papirløs kommune"),
            "{language}: no retired goal"
        );
    }

    // The challenge page, likewise.
    let challenge = common::ideas::challenge_in(&app, "open", -1, 30).await?;
    for goal in [school, retired] {
        challenge_goal::Entity::insert(challenge_goal::ActiveModel {
            challenge_id: sea_orm::ActiveValue::Set(challenge),
            goal_id: sea_orm::ActiveValue::Set(goal),
            added_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
        })
        .exec(&app.db)
        .await?;
    }
    let body = page_in(&app, &format!("/challenges/{challenge}"), "nn").await?;
    ensure!(
        body.contains("Trygg skuleveg") && !body.contains("Papirløs kommune"),
        "the challenge names its goal in use, in nynorsk"
    );
    Ok(())
}

fn challenge_form(department: i64) -> Vec<(&'static str, String)> {
    let today = chrono::Utc::now().date_naive();
    vec![
        ("title", "Tryggere skoleveier i Bærum".into()),
        ("problem", "Mange barn går langs trafikkerte veier.".into()),
        ("focus_area", "co_creation".into()),
        ("department_id", department.to_string()),
        ("opens_on", today.to_string()),
        (
            "closes_on",
            (today + chrono::Duration::days(30)).to_string(),
        ),
    ]
}

async fn create_challenge(
    app: &TestApp,
    who: &Person,
    department: i64,
    goals: &[i64],
) -> anyhow::Result<reqwest::Response> {
    let mut form = challenge_form(department);
    form.extend(goals.iter().map(|id| ("goals[]", id.to_string())));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, Some(who), "/api/challenges/create", &fields).await
}

/// Staff save challenge `id`'s edit form unchanged but for its goals.
async fn edit_challenge_goals(
    app: &TestApp,
    who: &Person,
    id: i64,
    goals: &[i64],
) -> anyhow::Result<reqwest::Response> {
    let mut form = challenge_edit_form(app, id).await?;
    form.extend(goals.iter().map(|id| ("goals[]", id.to_string())));
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, Some(who), "/api/challenges/update", &fields).await
}

async fn challenge_links(app: &TestApp, id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(challenge_goal::Entity::find()
        .filter(challenge_goal::Column::ChallengeId.eq(id))
        .order_by_asc(challenge_goal::Column::GoalId)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|link| link.goal_id)
        .collect())
}

async fn staff_choose_a_challenges_goals_and_participants_do_not(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let green = added(&app, &town.cast.admin, "Grønn mobilitet", "", "").await?;
    let safe = added(&app, &town.cast.admin, "Trygg oppvekst", "", "").await?;
    let old = added(&app, &town.cast.admin, "Papirløs kommune", "", "").await?;
    retire(&app, &town.cast.admin, old).await?;

    // The forms: staff get the goals in use; a participant gets none.
    let staff_form = page(&app, Some(&town.staff), "/challenges/new").await?;
    ensure!(
        staff_form.contains("name=\"goals[]\"")
            && staff_form.contains("Grønn mobilitet")
            && !staff_form.contains("Papirløs kommune"),
        "staff choose among goals in use"
    );
    let proposal_form = page(&app, Some(&town.author), "/challenges/new").await?;
    ensure!(
        !proposal_form.contains("name=\"goals[]\""),
        "no goals for a proposal"
    );
    let proposed = create_challenge(&app, &town.author, town.roads, &[green]).await?;
    assert_eq!(
        proposed.status(),
        StatusCode::FORBIDDEN,
        "a participant links no goals"
    );

    assert_eq!(
        refusal(create_challenge(&app, &town.staff, town.roads, &[old]).await?).await?,
        refused("goals", "GoalRetired")
    );
    let created = create_challenge(&app, &town.staff, town.roads, &[green]).await?;
    ensure!(created.status() == StatusCode::OK, "{}", created.status());
    let challenge: i64 = created.text().await?.trim().parse()?;
    assert_eq!(challenge_links(&app, challenge).await?, vec![green]);

    let edit_form = page(
        &app,
        Some(&town.staff),
        &format!("/challenges/{challenge}/edit"),
    )
    .await?;
    ensure!(
        edit_form.contains(&format!("value=\"{green}\" checked")),
        "the edit form checks the challenge's goal"
    );
    let edited = edit_challenge_goals(&app, &town.staff, challenge, &[safe]).await?;
    ensure!(edited.status() == StatusCode::OK, "{}", edited.status());
    assert_eq!(challenge_links(&app, challenge).await?, vec![safe]);
    assert_eq!(
        refusal(edit_challenge_goals(&app, &town.staff, challenge, &[safe, old]).await?).await?,
        refused("goals", "GoalRetired")
    );
    let rows = audit_rows(&app, "challenge").await?;
    ensure!(
        rows.iter()
            .any(|(action, id, detail)| action == "challenge_edited"
                && *id == Some(challenge)
                && detail.contains("goals: [Trygg oppvekst]")),
        "the edit is logged with its goals: {rows:?}"
    );
    Ok(())
}

/// Without JavaScript a refused form is sent back to its page; the goals
/// checked on it come back checked, not as they were saved.
async fn a_refused_challenge_form_comes_back_with_its_goals_as_they_were_checked(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let green = added(&app, &town.cast.admin, "Grønn mobilitet", "", "").await?;
    let safe = added(&app, &town.cast.admin, "Trygg oppvekst", "", "").await?;
    let mut form = challenge_form(town.roads);
    form.retain(|(field, _)| *field != "title");
    form.push(("title", String::new()));
    form.push(("goals[]", safe.to_string()));
    let page = refused_plain_form(
        &app,
        &town.staff,
        "/api/challenges/create",
        "/challenges/new",
        &form,
    )
    .await?;
    ensure!(
        page.contains(&format!("value=\"{safe}\" checked")),
        "the goal checked is checked again"
    );
    ensure!(
        page.contains(&format!("value=\"{green}\""))
            && !page.contains(&format!("value=\"{green}\" checked")),
        "the goal left alone stays unchecked"
    );
    Ok(())
}
