//! Departments under `/admin/departments`: admins add, rename, retire and
//! restore them, names stay unique whatever their case, every change is in
//! the audit log, a retired department is offered nowhere and refused when
//! sent by hand, and it still shows where it is attached. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{department, department_member};
use common::answers::{audit_rows, page, refusal, refused};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Cast, Person, get_as, post_as};
use common::pipeline::{board, column, department_id, move_with_owner, staff_in, work};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

on_both_backends!(
    an_admin_adds_renames_retires_and_restores_and_each_change_is_logged,
    a_name_is_unique_whatever_its_case_and_refusals_come_back_next_to_the_field,
    a_retired_department_is_offered_nowhere_and_refused_when_sent_by_hand,
    a_retired_department_still_shows_where_it_is_attached,
    a_restored_department_is_offered_again,
    only_admins_manage_departments,
);

async fn add(app: &TestApp, who: Option<&Person>, name: &str) -> anyhow::Result<reqwest::Response> {
    post_as(app, who, "/api/admin/departments/add", &[("name", name)]).await
}

async fn rename(
    app: &TestApp,
    who: Option<&Person>,
    id: i64,
    name: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        who,
        "/api/admin/departments/rename",
        &[("department_id", &id.to_string()), ("name", name)],
    )
    .await
}

/// Retires department `id` (`retire`) or restores it, as `who`.
async fn set_retired(
    app: &TestApp,
    who: Option<&Person>,
    id: i64,
    retire: bool,
) -> anyhow::Result<reqwest::Response> {
    let path = if retire {
        "/api/admin/departments/retire"
    } else {
        "/api/admin/departments/restore"
    };
    post_as(app, who, path, &[("department_id", &id.to_string())]).await
}

/// Retires department `id` as `admin`, and checks that it worked.
async fn retire(app: &TestApp, admin: &Person, id: i64) -> anyhow::Result<()> {
    let retired = set_retired(app, Some(admin), id, true).await?;
    ensure!(retired.status() == StatusCode::OK, "{}", retired.status());
    Ok(())
}

async fn stored(app: &TestApp, id: i64) -> anyhow::Result<department::Model> {
    department::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the department")
}

async fn an_admin_adds_renames_retires_and_restores_and_each_change_is_logged(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let admin = Some(&cast.admin);

    let added = add(&app, admin, "  Kultur   og idrett ").await?;
    ensure!(added.status() == StatusCode::OK, "{}", added.status());
    let id: i64 = added.text().await?.trim().parse()?;
    assert_eq!(stored(&app, id).await?.name, "Kultur og idrett", "tidied");

    let renamed = rename(&app, admin, id, "Kultur, idrett og frivillighet").await?;
    ensure!(renamed.status() == StatusCode::OK, "{}", renamed.status());
    // The same name again changes nothing and logs nothing; a change of case is a rename.
    ensure!(
        rename(&app, admin, id, "Kultur, idrett og frivillighet")
            .await?
            .status()
            == StatusCode::OK
    );
    ensure!(
        rename(&app, admin, id, "Kultur, Idrett og frivillighet")
            .await?
            .status()
            == StatusCode::OK
    );
    assert_eq!(
        stored(&app, id).await?.name,
        "Kultur, Idrett og frivillighet"
    );

    retire(&app, &cast.admin, id).await?;
    retire(&app, &cast.admin, id).await?;
    ensure!(stored(&app, id).await?.retired_at.is_some());
    let listed = page(&app, Some(&cast.admin), "/admin/departments").await?;
    let retired_section = listed
        .split("id=\"departments-retired\"")
        .nth(1)
        .context("the retired section")?;
    ensure!(
        retired_section.contains("Kultur, Idrett og frivillighet"),
        "listed as retired"
    );

    let restored = set_retired(&app, admin, id, false).await?;
    ensure!(restored.status() == StatusCode::OK, "{}", restored.status());
    ensure!(stored(&app, id).await?.retired_at.is_none());
    let listed = page(&app, Some(&cast.admin), "/admin/departments").await?;
    let (active, retired) = listed
        .split_once("id=\"departments-retired\"")
        .context("both sections")?;
    ensure!(
        active.contains("Kultur, Idrett og frivillighet")
            && !retired.contains("Kultur, Idrett og frivillighet"),
        "in use again"
    );

    let expected = [
        ("department_added", "Kultur og idrett"),
        (
            "department_renamed",
            "Kultur og idrett → Kultur, idrett og frivillighet",
        ),
        (
            "department_renamed",
            "Kultur, idrett og frivillighet → Kultur, Idrett og frivillighet",
        ),
        ("department_retired", "Kultur, Idrett og frivillighet"),
        ("department_restored", "Kultur, Idrett og frivillighet"),
    ];
    let rows = audit_rows(&app, "department").await?;
    assert_eq!(
        rows,
        expected
            .iter()
            .map(|(action, detail)| ((*action).to_owned(), Some(id), (*detail).to_owned()))
            .collect::<Vec<_>>()
    );
    let log = page(
        &app,
        Some(&cast.admin),
        "/admin/audit?action=department_renamed",
    )
    .await?;
    ensure!(
        log.contains("Kultur og idrett → Kultur, idrett og frivillighet"),
        "the audit page shows before and after"
    );

    // A repeated add form (a double tap) adds once.
    let key = uuid::Uuid::new_v4().to_string();
    for _ in 0..2 {
        let again = app
            .post_same_origin("/api/admin/departments/add")
            .header("accept", "application/json")
            .header("cookie", &cast.admin.cookie)
            .form(&[("name", "Eiendom"), ("idempotency_key", key.as_str())])
            .send()
            .await?;
        ensure!(again.status() == StatusCode::OK, "{}", again.status());
    }
    let eiendom = department::Entity::find()
        .filter(department::Column::Name.eq("Eiendom"))
        .all(&app.db)
        .await?;
    assert_eq!(eiendom.len(), 1);
    Ok(())
}

async fn a_name_is_unique_whatever_its_case_and_refusals_come_back_next_to_the_field(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let admin = Some(&cast.admin);
    let schools = department_id(&app, "Skoler").await?;
    let roads = department_id(&app, "Vei og trafikk").await?;

    let too_long = "å".repeat(81);
    for (name, problem) in [
        (" vei OG   trafikk ", "DepartmentNameTaken"),
        ("   ", "Required"),
        (too_long.as_str(), "TooLong"),
    ] {
        assert_eq!(
            refusal(rename(&app, admin, schools, name).await?).await?,
            refused("name", problem),
            "rename to {name:?}"
        );
        assert_eq!(
            refusal(add(&app, admin, name).await?).await?,
            refused("name", problem),
            "add {name:?}"
        );
    }
    // A retired department keeps its name.
    retire(&app, &cast.admin, roads).await?;
    assert_eq!(
        refusal(add(&app, admin, "VEI OG TRAFIKK").await?).await?,
        refused("name", "DepartmentNameTaken")
    );
    assert_eq!(
        stored(&app, schools).await?.name,
        "Skoler",
        "nothing changed"
    );
    let unknown = rename(&app, admin, 999_999, "Noe nytt").await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let unknown = set_retired(&app, admin, 999_999, true).await?;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    let malformed = post_as(
        &app,
        admin,
        "/api/admin/departments/rename",
        &[("department_id", "skoler"), ("name", "Skole")],
    )
    .await?;
    assert_eq!(malformed.status(), StatusCode::BAD_REQUEST);

    // Without JavaScript: back to the page, the message beside the field
    // of this department, what was typed kept.
    let back = app
        .post_same_origin("/api/admin/departments/rename")
        .header("accept", "text/html")
        .header("referer", app.url("/admin/departments"))
        .header("cookie", &cast.admin.cookie)
        .form(&[
            ("department_id", schools.to_string().as_str()),
            ("name", "vei og trafikk"),
        ])
        .send()
        .await?;
    assert_eq!(back.status(), StatusCode::SEE_OTHER);
    let location = app.redirect_target(&back)?;
    let path = location
        .strip_prefix(&app.address)
        .unwrap_or(&location)
        .to_owned();
    let form = page(&app, Some(&cast.admin), &path).await?;
    ensure!(
        form.contains(&format!("id=\"department-{schools}-name-message\"")),
        "the message sits next to the name of Skoler"
    );
    ensure!(
        form.contains("En annen virksomhet har allerede dette navnet"),
        "in the reader's language"
    );
    ensure!(
        form.contains("value=\"vei og trafikk\""),
        "what was typed is kept"
    );
    ensure!(
        !form.contains(&format!("id=\"department-{roads}-name-message\"")),
        "only on the form it is about"
    );
    ensure!(
        audit_rows(&app, "department").await?.len() == 1,
        "only the retirement"
    );
    Ok(())
}

/// A municipality with its two departments, a verified staff member in
/// Vei og trafikk, and an author's published idea.
struct Town {
    cast: Cast,
    staff: Person,
    idea: i64,
    roads: i64,
    schools: i64,
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
        idea,
        roads: department_id(app, "Vei og trafikk").await?,
        schools: department_id(app, "Skoler").await?,
    })
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
) -> anyhow::Result<reqwest::Response> {
    let form = challenge_form(department);
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, Some(who), "/api/challenges/create", &fields).await
}

/// Staff correct challenge `id` as its edit form sends it, with a new
/// `title` and owner `department`.
async fn edit_challenge(
    app: &TestApp,
    who: &Person,
    id: i64,
    title: &str,
    department: i64,
) -> anyhow::Result<reqwest::Response> {
    let found = app::entities::challenge::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the challenge")?;
    let form = [
        ("challenge_id", id.to_string()),
        ("version", found.updated_at.timestamp_micros().to_string()),
        ("title", title.to_owned()),
        ("problem", found.problem),
        ("focus_area", found.focus_area.to_string()),
        ("department_id", department.to_string()),
        ("opens_on", found.opens_on.to_string()),
        ("closes_on", found.closes_on.to_string()),
    ];
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, Some(who), "/api/challenges/update", &fields).await
}

async fn a_retired_department_is_offered_nowhere_and_refused_when_sent_by_hand(
    app: TestApp,
) -> anyhow::Result<()> {
    let town = town(&app).await?;
    // A participant proposes a challenge for Skoler before it is retired.
    let proposer = participant(&app, "forslag@example.no", "Forslag").await?;
    let proposed = create_challenge(&app, &proposer, town.schools).await?;
    ensure!(proposed.status() == StatusCode::OK, "{}", proposed.status());
    let proposal: i64 = proposed.text().await?.trim().parse()?;
    retire(&app, &town.cast.admin, town.schools).await?;

    // The challenge form.
    let form = page(&app, Some(&town.staff), "/challenges/new").await?;
    ensure!(
        form.contains(">Vei og trafikk<") && !form.contains("Skoler"),
        "the challenge form offers only departments in use"
    );
    assert_eq!(
        refusal(create_challenge(&app, &town.staff, town.schools).await?).await?,
        refused("department_id", "DepartmentRetired")
    );
    let created = create_challenge(&app, &town.staff, town.roads).await?;
    ensure!(created.status() == StatusCode::OK, "{}", created.status());
    let challenge: i64 = created.text().await?.trim().parse()?;
    let edit_form = page(
        &app,
        Some(&town.staff),
        &format!("/challenges/{challenge}/edit"),
    )
    .await?;
    ensure!(
        !edit_form.contains("Skoler"),
        "an edit offers no retired department but its own"
    );
    assert_eq!(
        refusal(edit_challenge(&app, &town.staff, challenge, "Nytt navn", town.schools).await?)
            .await?,
        refused("department_id", "DepartmentRetired")
    );
    // Approving the proposal makes its owner: one in use, named now.
    let approve = |department: Option<i64>| {
        let mut form = vec![
            ("challenge_id", proposal.to_string()),
            ("state", "open".to_owned()),
        ];
        if let Some(department) = department {
            form.push(("department_id", department.to_string()));
        }
        form
    };
    for department in [None, Some(town.schools)] {
        let form = approve(department);
        let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let refused_approval =
            post_as(&app, Some(&town.staff), "/api/challenges/state", &fields).await?;
        assert_eq!(
            refusal(refused_approval).await?,
            refused("department_id", "DepartmentRetired"),
            "approving with {department:?}"
        );
    }

    // Moving an idea into review, and adding an owner.
    let choices = work(&app, &town.staff, town.idea).await?.departments;
    ensure!(
        choices.iter().all(|choice| choice.id != town.schools) && choices.len() == 1,
        "the move and owner forms offer only departments in use: {choices:?}"
    );
    let idea_page = page(&app, Some(&town.staff), &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        idea_page.contains(">Vei og trafikk<") && !idea_page.contains("Skoler"),
        "the idea page offers only departments in use"
    );
    let refused_move = move_with_owner(
        &app,
        &town.staff,
        town.idea,
        "under_review",
        Some(town.schools),
    )
    .await?;
    assert_eq!(
        refusal(refused_move).await?,
        refused("department_id", "DepartmentRetired")
    );
    let moved = move_with_owner(
        &app,
        &town.staff,
        town.idea,
        "under_review",
        Some(town.roads),
    )
    .await?;
    ensure!(moved.status() == StatusCode::OK, "{}", moved.status());
    let added = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/owners/add",
        &[
            ("idea_id", &town.idea.to_string()),
            ("department_id", &town.schools.to_string()),
        ],
    )
    .await?;
    assert_eq!(
        refusal(added).await?,
        refused("department_id", "DepartmentRetired")
    );
    let board = board(&app, &town.staff, "").await?;
    ensure!(column(&board, "under_review").contains(&town.idea));
    ensure!(
        board
            .columns
            .iter()
            .flat_map(|column| &column.cards)
            .all(|card| !card.owners.contains(&"Skoler".to_owned())),
        "nobody took Skoler on"
    );

    // An account's departments: nobody joins a retired one.
    let joined = post_as(
        &app,
        Some(&town.cast.admin),
        "/api/admin/users/access",
        &[
            ("account_id", &town.cast.other.id.to_string()),
            ("staff", "on"),
            ("departments[]", &town.schools.to_string()),
        ],
    )
    .await?;
    assert_eq!(
        refusal(joined).await?,
        refused("departments", "DepartmentRetired")
    );
    let users = page(&app, Some(&town.cast.admin), "/admin/users?q=ola@").await?;
    ensure!(
        users.contains("Vei og trafikk") && !users.contains("Skoler"),
        "no checkbox for a retired department"
    );
    Ok(())
}

async fn a_retired_department_still_shows_where_it_is_attached(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    let teacher = staff_in(&app, "skole@example.no", "Skoler").await?;
    let moved = move_with_owner(
        &app,
        &town.staff,
        town.idea,
        "under_review",
        Some(town.schools),
    )
    .await?;
    ensure!(moved.status() == StatusCode::OK, "{}", moved.status());
    let created = create_challenge(&app, &town.staff, town.schools).await?;
    ensure!(created.status() == StatusCode::OK, "{}", created.status());
    let challenge: i64 = created.text().await?.trim().parse()?;
    retire(&app, &town.cast.admin, town.schools).await?;

    // The idea it owns: on the staff's side of the idea, marked retired, and on the board.
    let owners = work(&app, &town.staff, town.idea).await?.owners;
    ensure!(
        owners.len() == 1 && owners[0].id == town.schools && owners[0].retired,
        "{owners:?}"
    );
    let idea_page = page(&app, Some(&town.staff), &format!("/ideas/{}", town.idea)).await?;
    ensure!(
        idea_page.contains("Skoler (avviklet)"),
        "the owner is named, marked retired"
    );
    let board = board(&app, &town.staff, "").await?;
    let card = board
        .columns
        .iter()
        .flat_map(|column| &column.cards)
        .find(|card| card.id == town.idea)
        .context("the idea on the board")?;
    assert_eq!(card.owners, vec!["Skoler".to_owned()]);
    let filtered = board_page_filter(&app, &town.staff).await?;
    ensure!(
        filtered.contains("Skoler (avviklet)"),
        "the board's filter keeps it, for the ideas it owned"
    );
    // Staff hand the idea on to a department in use.
    let added = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/owners/add",
        &[
            ("idea_id", &town.idea.to_string()),
            ("department_id", &town.roads.to_string()),
        ],
    )
    .await?;
    ensure!(added.status() == StatusCode::OK, "{}", added.status());
    let removed = post_as(
        &app,
        Some(&town.staff),
        "/api/pipeline/owners/remove",
        &[
            ("idea_id", &town.idea.to_string()),
            ("department_id", &town.schools.to_string()),
        ],
    )
    .await?;
    ensure!(removed.status() == StatusCode::OK, "{}", removed.status());

    // The challenge it owns.
    let challenge_page = get_as(&app, None, &format!("/challenges/{challenge}"))
        .await?
        .text()
        .await?;
    ensure!(challenge_page.contains("Skoler"), "the challenge's owner");
    // Correcting the challenge keeps its owner on offer, marked, and may keep it.
    let edit_form = page(
        &app,
        Some(&town.staff),
        &format!("/challenges/{challenge}/edit"),
    )
    .await?;
    ensure!(
        edit_form.contains("Skoler (avviklet)"),
        "the edit form keeps its owner"
    );
    let kept = edit_challenge(
        &app,
        &town.staff,
        challenge,
        "Tryggere skoleveier i hele Bærum",
        town.schools,
    )
    .await?;
    ensure!(kept.status() == StatusCode::OK, "{}", kept.status());

    // Its staff: still members, shown so, and kept when their access is saved.
    let users = page(&app, Some(&town.cast.admin), "/admin/users?q=skole@").await?;
    ensure!(users.contains("Skoler (avviklet)"), "the membership shows");
    let kept = post_as(
        &app,
        Some(&town.cast.admin),
        "/api/admin/users/access",
        &[
            ("account_id", &teacher.id.to_string()),
            ("staff", "on"),
            ("departments[]", &town.schools.to_string()),
            ("departments[]", &town.roads.to_string()),
        ],
    )
    .await?;
    ensure!(kept.status() == StatusCode::OK, "{}", kept.status());
    let memberships: Vec<i64> = department_member::Entity::find()
        .filter(department_member::Column::AccountId.eq(teacher.id))
        .order_by_asc(department_member::Column::DepartmentId)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|membership| membership.department_id)
        .collect();
    let mut expected = vec![town.roads, town.schools];
    expected.sort_unstable();
    assert_eq!(memberships, expected);
    Ok(())
}

/// The board's page, where its filters are.
async fn board_page_filter(app: &TestApp, staff: &Person) -> anyhow::Result<String> {
    let board = page(app, Some(staff), "/admin/pipeline").await?;
    Ok(board
        .split("id=\"board-department\"")
        .nth(1)
        .and_then(|rest| rest.split("</select>").next())
        .unwrap_or_default()
        .to_owned())
}

async fn a_restored_department_is_offered_again(app: TestApp) -> anyhow::Result<()> {
    let town = town(&app).await?;
    retire(&app, &town.cast.admin, town.schools).await?;
    let restored = set_retired(&app, Some(&town.cast.admin), town.schools, false).await?;
    ensure!(restored.status() == StatusCode::OK, "{}", restored.status());
    let choices = work(&app, &town.staff, town.idea).await?.departments;
    ensure!(
        choices.iter().any(|choice| choice.id == town.schools),
        "{choices:?}"
    );
    let moved = move_with_owner(
        &app,
        &town.staff,
        town.idea,
        "under_review",
        Some(town.schools),
    )
    .await?;
    ensure!(moved.status() == StatusCode::OK, "{}", moved.status());
    let created = create_challenge(&app, &town.staff, town.schools).await?;
    ensure!(created.status() == StatusCode::OK, "{}", created.status());
    let form = page(&app, Some(&town.staff), "/challenges/new").await?;
    ensure!(form.contains(">Skoler<"), "offered in the challenge form");
    Ok(())
}

async fn only_admins_manage_departments(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let cast = Cast::assemble(&app).await?;
    let schools = department_id(&app, "Skoler").await?;
    for (name, who) in cast.actors() {
        let expected_page = match name {
            "anonymous" => StatusCode::SEE_OTHER,
            "admin" => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        let shown = get_as(&app, who, "/admin/departments").await?;
        assert_eq!(
            shown.status(),
            expected_page,
            "{name} GET /admin/departments"
        );
        if name != "admin" {
            ensure!(
                !shown.text().await?.contains("Skoler"),
                "{name} sees no departments"
            );
        }
        let expected = match name {
            "anonymous" => StatusCode::UNAUTHORIZED,
            "admin" => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        let listed = get_as(&app, who, "/api/admin/departments").await?.status();
        assert_eq!(listed, expected, "{name} lists");
        if name == "admin" {
            continue;
        }
        let changes = [
            add(&app, who, "Kultur").await?.status(),
            rename(&app, who, schools, "Skole").await?.status(),
            set_retired(&app, who, schools, true).await?.status(),
            set_retired(&app, who, schools, false).await?.status(),
        ];
        assert_eq!(changes, [expected; 4], "{name} changes nothing");
    }
    let found = stored(&app, schools).await?;
    ensure!(found.name == "Skoler" && found.retired_at.is_none());
    ensure!(
        department::Entity::find()
            .filter(department::Column::Name.eq("Kultur"))
            .one(&app.db)
            .await?
            .is_none()
    );
    ensure!(audit_rows(&app, "department").await?.is_empty());

    // The back office's front page leads admins there, and only admins.
    for (name, who) in [
        ("staff", &cast.staff),
        ("moderator", &cast.moderator),
        ("admin", &cast.admin),
    ] {
        let front = page(&app, Some(who), "/admin").await?;
        assert_eq!(
            front.contains("href=\"/admin/departments\""),
            name == "admin",
            "{name}"
        );
    }
    Ok(())
}
