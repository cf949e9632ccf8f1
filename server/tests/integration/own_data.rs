//! A signed-in person's own data: profile, password, export and deletion,
//! and the access-control table that later features extend. Both databases.
//! Its people register and sign in through the forms, so what registering
//! leaves (the confirmation email and link) is in their data too.
use crate::common;

use anyhow::{Context, ensure};
use common::people::{Cast, PASSWORD, get_as, post_as, registered_person};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, PaginatorTrait, Statement};

use app::entities::{account, session};

on_both_backends!(
    the_profile_changes_for_its_owner_and_bad_values_get_4xx,
    a_password_change_needs_the_current_one_and_ends_other_sessions,
    a_double_pressed_password_change_acts_once,
    the_export_holds_every_table_that_refers_to_the_account_and_no_secret,
    the_export_of_a_new_account_holds_no_live_link,
    deleting_the_account_leaves_no_personal_data,
    who_may_reach_what,
);

const PROFILE: [(&str, &str); 4] = [
    ("display_name", "Kari N."),
    ("actor_type", "business"),
    ("organisation", "Fjordsykkel AS"),
    ("locale", "nn"),
];

async fn the_profile_changes_for_its_owner_and_bad_values_get_4xx(
    app: TestApp,
) -> anyhow::Result<()> {
    let kari = registered_person(&app, "kari@example.no", "Kari").await?;
    let ola = registered_person(&app, "ola@example.no", "Ola").await?;

    let saved = post_as(&app, Some(&kari), "/api/accounts/profile", &PROFILE).await?;
    assert_eq!(saved.status(), StatusCode::OK);
    let stored = account::Entity::find_by_id(kari.id)
        .one(&app.db)
        .await?
        .context("kari")?;
    assert_eq!(
        (stored.display_name.as_str(), stored.actor_type.as_str()),
        ("Kari N.", "business")
    );
    assert_eq!(
        (stored.organisation.as_deref(), stored.locale.as_str()),
        (Some("Fjordsykkel AS"), "nn")
    );
    let untouched = account::Entity::find_by_id(ola.id)
        .one(&app.db)
        .await?
        .context("ola")?;
    assert_eq!(
        untouched.display_name, "Ola",
        "only the signed-in person's profile changes"
    );

    for (field, value) in [
        ("display_name", ""),
        ("actor_type", "alien"),
        ("locale", "sv"),
        ("organisation", &"o".repeat(121)),
    ] {
        let mut form = PROFILE;
        for entry in form.iter_mut().filter(|(name, _)| *name == field) {
            entry.1 = value;
        }
        let refused = post_as(&app, Some(&kari), "/api/accounts/profile", &form).await?;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}"
        );
    }
    Ok(())
}

async fn a_password_change_needs_the_current_one_and_ends_other_sessions(
    app: TestApp,
) -> anyhow::Result<()> {
    let kari = registered_person(&app, "kari@example.no", "Kari").await?;
    let other_device = common::people::sign_in(&app, "kari@example.no").await?;
    assert_eq!(session::Entity::find().count(&app.db).await?, 2);

    let wrong = post_as(
        &app,
        Some(&kari),
        "/api/accounts/password",
        &[
            ("current_password", "gjetting gjetting"),
            ("new_password", "en helt ny setning"),
        ],
    )
    .await?;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let weak = post_as(
        &app,
        Some(&kari),
        "/api/accounts/password",
        &[("current_password", PASSWORD), ("new_password", "kort")],
    )
    .await?;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let changed = post_as(
        &app,
        Some(&kari),
        "/api/accounts/password",
        &[
            ("current_password", PASSWORD),
            ("new_password", "en helt ny setning"),
        ],
    )
    .await?;
    assert_eq!(changed.status(), StatusCode::OK);
    assert_eq!(
        get_as(&app, Some(&kari), "/me").await?.status(),
        StatusCode::OK,
        "this session stays"
    );
    assert_eq!(
        get_as(&app, Some(&other_device), "/me").await?.status(),
        StatusCode::SEE_OTHER,
        "the other one ended"
    );
    Ok(())
}

/// Every (table, column) that refers to an account, read from the database
/// itself: the foreign keys to `account`, and the audit log's actor, which
/// has none on purpose (the log outlives the account; see the privacy page).
async fn columns_referring_to_accounts(app: &TestApp) -> anyhow::Result<Vec<(String, String)>> {
    let backend = app.db.get_database_backend();
    let sql = match backend {
        DbBackend::Postgres => {
            "SELECT kcu.table_name AS table_name, kcu.column_name AS column_name \
             FROM information_schema.table_constraints tc \
             JOIN information_schema.key_column_usage kcu \
               ON kcu.constraint_name = tc.constraint_name AND kcu.table_schema = tc.table_schema \
             JOIN information_schema.constraint_column_usage ccu \
               ON ccu.constraint_name = tc.constraint_name AND ccu.table_schema = tc.table_schema \
             WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = 'public' \
               AND ccu.table_name = 'account' ORDER BY 1, 2"
        }
        _ => {
            "SELECT m.name AS table_name, f.\"from\" AS column_name \
             FROM sqlite_master m JOIN pragma_foreign_key_list(m.name) f \
             WHERE m.type = 'table' AND f.\"table\" = 'account' ORDER BY 1, 2"
        }
    };
    let rows = app
        .db
        .query_all_raw(Statement::from_string(backend, sql))
        .await?;
    let mut columns: Vec<(String, String)> = rows
        .iter()
        .map(|row| {
            Ok((
                row.try_get::<String>("", "table_name")?,
                row.try_get::<String>("", "column_name")?,
            ))
        })
        .collect::<Result<_, sea_orm::DbErr>>()?;
    columns.push(("audit_log".to_owned(), "actor_id".to_owned()));
    Ok(columns)
}

async fn the_export_holds_every_table_that_refers_to_the_account_and_no_secret(
    app: TestApp,
) -> anyhow::Result<()> {
    let kari = registered_person(&app, "kari@example.no", "Kari").await?;
    registered_person(&app, "ola@example.no", "Ola").await?;
    let response = get_as(&app, Some(&kari), "/me/export").await?;
    assert_eq!(response.status(), StatusCode::OK);
    ensure!(
        response.headers()["content-disposition"]
            .to_str()?
            .starts_with("attachment")
    );
    let text = response.text().await?;
    ensure!(
        !text.contains("argon2") && !text.contains("token_hash"),
        "no secrets in the export"
    );
    ensure!(
        !text.contains("ola@example.no") && !text.contains("\"Ola\""),
        "nobody else's data"
    );
    let export: serde_json::Value = serde_json::from_str(&text)?;
    assert_eq!(export["account"]["email"], "kari@example.no");
    assert_eq!(export["sessions"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        export["email_links"].as_array().map(Vec::len),
        Some(1),
        "the verification link"
    );

    // The schema decides what the export must cover: a section for every
    // column that refers to accounts, so a new table cannot escape it.
    let columns = columns_referring_to_accounts(&app).await?;
    ensure!(columns.len() > 10, "the schema was read: {columns:?}");
    for (table, column) in &columns {
        let placed = section_for(table, column).with_context(|| {
            format!("{table}.{column} refers to accounts: add it to the export and to section_for")
        })?;
        match placed {
            Placed::In(section) => ensure!(
                export.get(section).is_some(),
                "the export has no section {section} for {table}.{column}"
            ),
            Placed::NotExported(why) => println!("{table}.{column} is not exported: {why}"),
        }
    }
    assert_eq!(
        get_as(&app, None, "/me/export").await?.status(),
        StatusCode::SEE_OTHER,
        "signed out: sign in first"
    );
    Ok(())
}

/// Where the export holds the rows of `table` whose `column` is the person.
enum Placed {
    /// In this section of the export.
    In(&'static str),
    /// Not exported, for the reason given.
    NotExported(&'static str),
}

/// `None` for a column nobody has placed yet: the test then fails and says so.
fn section_for(table: &str, column: &str) -> Option<Placed> {
    use Placed::{In, NotExported};
    Some(match (table, column) {
        ("account_role", "account_id") => In("roles"),
        ("department_member", "account_id") => In("departments"),
        ("session", "account_id") => In("sessions"),
        ("email_token", "account_id") => In("email_links"),
        ("idea", "author_id") => In("idea"),
        ("challenge", "proposed_by") => In("challenge"),
        ("challenge_member", "account_id") => In("challenge_member"),
        ("idea_support", "account_id") => In("idea_support"),
        ("comment_support", "account_id") => In("comment_support"),
        ("comment", "author_id") => In("comment"),
        ("follow", "account_id") => In("follow"),
        ("notification", "account_id") => In("notification"),
        ("notification", "actor_id") => NotExported(
            "another person's notification of what this person did; the deed is in its own section",
        ),
        ("report", "reporter_id") => In("report"),
        ("idea_merge_support", "account_id") => In("idea_merge_support"),
        ("idea_status_change", "actor_id") => In("idea_status_change"),
        ("idea_official_response", "author_id") => In("idea_official_response"),
        ("idea_pipeline_event", "actor_id") => In("idea_pipeline_event"),
        ("idea_evaluation", "evaluator_id") => In("idea_evaluation"),
        ("idea_note", "author_id") => In("idea_note"),
        ("audit_log", "actor_id") => In("audit_log"),
        ("benefit_plan", "updated_by") => In("benefit_plan"),
        ("kpi", "owner_account_id") => In("kpi"),
        ("kpi_measurement", "recorded_by") => In("kpi_measurement"),
        ("idea_lesson", "updated_by") => In("idea_lesson"),
        ("guide_revision", "edited_by") => In("guide_revision"),
        ("solution", "created_by") => In("solution"),
        ("solution_version", "published_by") => In("solution_version"),
        _ => return None,
    })
}

/// The token of the link in the newest email of the outbox folder.
async fn token_in_newest_email(app: &TestApp) -> anyhow::Result<String> {
    let unfolded = common::outbox::newest_email(app).await?;
    let token = unfolded
        .split("token=")
        .nth(1)
        .context("a link with a token")?
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '%'))
        .collect::<String>();
    ensure!(token.len() >= 20, "a whole token: {token}");
    Ok(token)
}

/// Someone registers with another person's address and signs in (signing
/// in needs no confirmed address): their export must not hand them the
/// link that confirms it, in any form.
async fn the_export_of_a_new_account_holds_no_live_link(app: TestApp) -> anyhow::Result<()> {
    let impostor = registered_person(&app, "kari@example.no", "Ikke Kari").await?;
    let token = token_in_newest_email(&app).await?;
    let hashed = app::server::tokens::hash(&token);
    let export = get_as(&app, Some(&impostor), "/me/export")
        .await?
        .text()
        .await?;
    for form in [
        token.clone(),
        url::form_urlencoded::byte_serialize(token.as_bytes()).collect(),
        hashed,
        "verify-email?".to_owned(),
    ] {
        ensure!(!export.contains(&form), "the export holds {form}");
    }
    let export: serde_json::Value = serde_json::from_str(&export)?;
    let emails = export["emails"].as_array().context("the emails sent")?;
    assert_eq!(emails.len(), 1, "the email is listed");
    ensure!(emails[0]["subject"].is_string() && emails[0]["state"].is_string());
    // The link still works for the mailbox's owner.
    let confirmed = post_as(
        &app,
        None,
        "/api/accounts/verify-email",
        &[("token", token.as_str())],
    )
    .await?;
    assert_eq!(confirmed.status(), StatusCode::OK);
    Ok(())
}

async fn deleting_the_account_leaves_no_personal_data(app: TestApp) -> anyhow::Result<()> {
    let kari = registered_person(&app, "kari.nordmann@example.no", "Kari Nordmann").await?;
    let before = tables_mentioning(&app, "Kari Nordmann").await?;
    ensure!(
        before.contains(&"account".to_owned()),
        "the dump sees the data: {before:?}"
    );
    let wrong = post_as(
        &app,
        Some(&kari),
        "/api/accounts/delete",
        &[("current_password", "ikke passordet mitt")],
    )
    .await?;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let deleted = post_as(
        &app,
        Some(&kari),
        "/api/accounts/delete",
        &[("current_password", PASSWORD)],
    )
    .await?;
    assert_eq!(deleted.status(), StatusCode::OK);
    assert_eq!(account::Entity::find().count(&app.db).await?, 0);
    assert_eq!(session::Entity::find().count(&app.db).await?, 0);
    assert_eq!(
        get_as(&app, Some(&kari), "/me").await?.status(),
        StatusCode::SEE_OTHER
    );

    assert_eq!(
        tables_mentioning(&app, "Kari Nordmann").await?,
        Vec::<String>::new()
    );
    assert_eq!(
        tables_mentioning(&app, "kari.nordmann").await?,
        Vec::<String>::new()
    );
    Ok(())
}

/// The tables with a row whose text contains `needle`, read with a full dump.
async fn tables_mentioning(app: &TestApp, needle: &str) -> anyhow::Result<Vec<String>> {
    let backend = app.db.get_database_backend();
    let tables_sql = match backend {
        DbBackend::Postgres => {
            "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        }
        _ => "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    };
    let tables = app
        .db
        .query_all_raw(Statement::from_string(backend, tables_sql))
        .await?;
    let mut mentioning = Vec::new();
    for table in tables
        .iter()
        .filter_map(|row| row.try_get::<String>("", "name").ok())
    {
        let dump_sql = match backend {
            DbBackend::Postgres => format!("SELECT CAST(t AS TEXT) AS row_text FROM \"{table}\" t"),
            // Every column of the row, glued into one text.
            _ => {
                let columns = app
                    .db
                    .query_all_raw(Statement::from_string(
                        backend,
                        format!("SELECT name FROM pragma_table_info('{table}')"),
                    ))
                    .await?
                    .iter()
                    .filter_map(|row| row.try_get::<String>("", "name").ok())
                    .map(|column| format!("COALESCE(CAST(\"{column}\" AS TEXT), '')"))
                    .collect::<Vec<_>>()
                    .join(" || '|' || ");
                format!("SELECT {columns} AS row_text FROM \"{table}\"")
            }
        };
        let rows = app
            .db
            .query_all_raw(Statement::from_string(backend, dump_sql))
            .await?;
        if rows
            .iter()
            .filter_map(|row| row.try_get::<String>("", "row_text").ok())
            .any(|text| text.contains(needle))
        {
            mentioning.push(table);
        }
    }
    Ok(mentioning)
}

/// The access-control table: who may reach which page and server function.
/// Later features add their rows; every actor is tried on every row.
async fn who_may_reach_what(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let (owner, other) = (&cast.owner, &cast.other);
    let actors = cast.actors();
    // Pages for signed-in people: everyone signed in sees their own; the anonymous are sent to sign in.
    for path in ["/me", "/me/delete", "/me/export"] {
        for (name, who) in actors {
            let status = get_as(&app, who, path).await?.status();
            let expected = if who.is_some() {
                StatusCode::OK
            } else {
                StatusCode::SEE_OTHER
            };
            assert_eq!(status, expected, "{name} GET {path}");
        }
    }
    // What /me shows is the viewer's own account, never another's.
    let seen_by_other = get_as(&app, Some(other), "/me").await?.text().await?;
    ensure!(
        !seen_by_other.contains("kari@example.no"),
        "another participant never sees my profile"
    );
    let exported_by_other = get_as(&app, Some(other), "/me/export")
        .await?
        .text()
        .await?;
    ensure!(
        !exported_by_other.contains("kari@example.no"),
        "nor exports it"
    );

    // Server functions that change an account need a session and act only on its own account.
    for (name, who) in actors {
        let profile = post_as(&app, who, "/api/accounts/profile", &PROFILE)
            .await?
            .status();
        let password = post_as(
            &app,
            who,
            "/api/accounts/password",
            &[
                ("current_password", "feil passord her"),
                ("new_password", "en helt ny setning"),
            ],
        )
        .await?
        .status();
        let delete = post_as(
            &app,
            who,
            "/api/accounts/delete",
            &[("current_password", "feil passord her")],
        )
        .await?
        .status();
        if who.is_some() {
            assert_eq!(profile, StatusCode::OK, "{name} edits their own profile");
            assert_eq!(
                (password, delete),
                (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    StatusCode::UNPROCESSABLE_ENTITY
                ),
                "{name}: wrong password"
            );
        } else {
            assert_eq!(
                (profile, password, delete),
                (
                    StatusCode::UNAUTHORIZED,
                    StatusCode::UNAUTHORIZED,
                    StatusCode::UNAUTHORIZED
                ),
                "{name}"
            );
        }
    }
    let kari = account::Entity::find_by_id(owner.id)
        .one(&app.db)
        .await?
        .context("owner")?;
    assert_eq!(
        kari.email, "kari@example.no",
        "nobody else changed or deleted the owner"
    );
    Ok(())
}

async fn a_double_pressed_password_change_acts_once(app: TestApp) -> anyhow::Result<()> {
    let kari = registered_person(&app, "kari@example.no", "Kari").await?;
    let key = uuid::Uuid::new_v4().to_string();
    let press = || {
        app.post_same_origin("/api/accounts/password")
            .header("cookie", &kari.cookie)
            .header("accept", "application/json")
            .form(&[
                ("current_password", PASSWORD),
                ("new_password", "en helt ny setning"),
                ("idempotency_key", key.as_str()),
            ])
            .send()
    };
    let (first, second) = (press().await?, press().await?);
    // Without the key the second press would be judged against the new password and refused.
    assert_eq!(
        (first.status(), second.status()),
        (StatusCode::OK, StatusCode::OK)
    );
    let signed_in = post_as(
        &app,
        None,
        "/api/accounts/sign-in",
        &[
            ("email", "kari@example.no"),
            ("password", "en helt ny setning"),
        ],
    )
    .await?;
    assert_eq!(signed_in.status(), StatusCode::OK);
    Ok(())
}
