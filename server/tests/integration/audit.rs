//! The audit log: each admin and staff action appears once, the database
//! refuses to change or remove a row, only admins read it, and the CSV
//! export keeps formulas out of spreadsheets. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, audit_log};
use common::ideas::{challenge_in, verify};
use common::people::{Cast, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait, EntityTrait, QueryOrder};

on_both_backends!(
    every_action_is_logged_once_with_what_changed,
    the_database_refuses_to_change_or_remove_a_row,
    only_admins_read_the_log_and_its_csv,
    the_csv_keeps_formulas_out_of_spreadsheets,
);

const SETTINGS: [(&str, &str); 13] = [
    ("name", "Bærum kommune"),
    ("brand_color", "#005A8C"),
    ("logo_path", ""),
    ("districts", "Bekkestua\nSandvika"),
    ("support_threshold", "50"),
    ("support_window_days", "90"),
    ("auto_hide_reports", "3"),
    ("hold_comments_days", "0"),
    ("ideas_per_hour", "10"),
    ("comments_per_hour", "60"),
    ("supports_per_hour", "600"),
    ("reports_per_day", "30"),
    ("people_per_address", "50"),
];

/// How the log words the first save of `SETTINGS` (the name was the default).
const SETTINGS_LOGGED: &str = "name: Kommunen → Bærum kommune";

async fn rows(app: &TestApp) -> anyhow::Result<Vec<audit_log::Model>> {
    Ok(audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await?)
}

async fn every_action_is_logged_once_with_what_changed(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let admin = Some(&cast.admin);
    ensure!(
        post_as(&app, admin, "/api/admin/settings", &SETTINGS)
            .await?
            .status()
            == StatusCode::OK
    );
    // Saving the same again changes nothing, and logs nothing.
    ensure!(
        post_as(&app, admin, "/api/admin/settings", &SETTINGS)
            .await?
            .status()
            == StatusCode::OK
    );
    let mut changed = SETTINGS;
    changed[4] = ("support_threshold", "30");
    ensure!(
        post_as(&app, admin, "/api/admin/settings", &changed)
            .await?
            .status()
            == StatusCode::OK
    );
    let access = post_as(
        &app,
        admin,
        "/api/admin/users/access",
        &[
            ("account_id", &cast.other.id.to_string()),
            ("moderator", "on"),
        ],
    )
    .await?;
    ensure!(access.status().is_success(), "{}", access.status());

    verify(&app, &cast.staff).await?;
    let proposed = challenge_in(&app, "proposed", 0, 30).await?;
    let declined = post_as(
        &app,
        Some(&cast.staff),
        "/api/challenges/state",
        &[
            ("challenge_id", &proposed.to_string()),
            ("state", "declined"),
            ("reason", "Utenfor kommunens ansvar"),
        ],
    )
    .await?;
    ensure!(declined.status().is_success(), "{}", declined.status());
    let open = challenge_in(&app, "open", 0, 30).await?;
    let closed = post_as(
        &app,
        Some(&cast.staff),
        "/api/challenges/state",
        &[("challenge_id", &open.to_string()), ("state", "closed")],
    )
    .await?;
    ensure!(closed.status().is_success(), "{}", closed.status());

    let logged = rows(&app).await?;
    let actions: Vec<&str> = logged.iter().map(|row| row.action.as_str()).collect();
    ensure!(
        actions
            == [
                "settings_changed",
                "settings_changed",
                "access_changed",
                "challenge_declined",
                "challenge_state_changed"
            ],
        "{actions:?}"
    );
    ensure!(
        logged[1].detail == "support_threshold: 50 → 30",
        "{}",
        logged[1].detail
    );
    ensure!(
        logged[2].detail == "Ola: roles [moderator], departments []",
        "{}",
        logged[2].detail
    );
    ensure!(
        logged[2].subject_id == Some(cast.other.id) && logged[2].actor_id == Some(cast.admin.id)
    );
    ensure!(logged[3].detail.ends_with("Utenfor kommunens ansvar"));
    ensure!(logged[4].detail.ends_with("open → closed"));
    ensure!(logged[4].actor_name == "staff");
    Ok(())
}

async fn the_database_refuses_to_change_or_remove_a_row(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    post_as(&app, Some(&cast.admin), "/api/admin/settings", &SETTINGS).await?;
    let row = rows(&app).await?.pop().context("a row")?;
    let mut change: audit_log::ActiveModel = row.clone().into();
    change.detail = Set("rewritten".to_owned());
    ensure!(change.update(&app.db).await.is_err(), "an UPDATE must fail");
    ensure!(
        audit_log::Entity::delete_by_id(row.id)
            .exec(&app.db)
            .await
            .is_err(),
        "a DELETE must fail"
    );
    let raw = app
        .db
        .execute_unprepared("UPDATE audit_log SET actor_name = 'someone else'")
        .await;
    ensure!(raw.is_err(), "raw SQL is refused too");
    ensure!(rows(&app).await? == vec![row], "the row is as it was");
    // Deleting the acting account leaves the row (no foreign key to cascade).
    let deleted = post_as(
        &app,
        Some(&cast.admin),
        "/api/accounts/delete",
        &[("current_password", common::people::PASSWORD)],
    )
    .await?;
    ensure!(deleted.status().is_success(), "{}", deleted.status());
    ensure!(rows(&app).await?.len() == 1);
    Ok(())
}

async fn only_admins_read_the_log_and_its_csv(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    post_as(&app, Some(&cast.admin), "/api/admin/settings", &SETTINGS).await?;
    for path in ["/admin/audit", "/admin/audit.csv", "/api/admin/audit"] {
        for (name, who) in cast.actors() {
            let response = get_as(&app, who, path).await?;
            let expected = match (name, path) {
                ("admin", _) => StatusCode::OK,
                ("anonymous", "/api/admin/audit") => StatusCode::UNAUTHORIZED,
                ("anonymous", _) => StatusCode::SEE_OTHER,
                _ => StatusCode::FORBIDDEN,
            };
            ensure!(
                response.status() == expected,
                "{name} GET {path}: {}",
                response.status()
            );
            let text = response.text().await?;
            ensure!(
                (name == "admin") == text.contains(SETTINGS_LOGGED),
                "{name} on {path}"
            );
        }
    }
    let filtered = get_as(
        &app,
        Some(&cast.admin),
        "/admin/audit?action=access_changed",
    )
    .await?
    .text()
    .await?;
    ensure!(
        !filtered.contains(SETTINGS_LOGGED),
        "the filter leaves other actions out"
    );
    let by_actor = get_as(&app, Some(&cast.admin), "/admin/audit?actor=ADM")
        .await?
        .text()
        .await?;
    ensure!(
        by_actor.contains(SETTINGS_LOGGED),
        "a part of the name, any case"
    );
    Ok(())
}

async fn the_csv_keeps_formulas_out_of_spreadsheets(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let found = account::Entity::find_by_id(cast.admin.id)
        .one(&app.db)
        .await?
        .context("the admin")?;
    let mut rename: account::ActiveModel = found.into();
    rename.display_name = Set("=HYPERLINK(\"http://evil.example\",\"klikk\")".to_owned());
    rename.update(&app.db).await?;
    let mut settings = SETTINGS;
    settings[0] = ("name", "@SUM(1+1)");
    post_as(&app, Some(&cast.admin), "/api/admin/settings", &settings).await?;
    let response = get_as(&app, Some(&cast.admin), "/admin/audit.csv").await?;
    ensure!(response.status() == StatusCode::OK);
    ensure!(
        response.headers()["content-type"]
            .to_str()?
            .starts_with("text/csv")
            && response.headers()["content-disposition"]
                .to_str()?
                .starts_with("attachment")
    );
    let csv = response.text().await?;
    ensure!(
        csv.contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klikk\"\")\""),
        "{csv}"
    );
    for line in csv.lines().skip(1) {
        for cell in line.split("\",\"") {
            let cell = cell.trim_start_matches('"');
            ensure!(!cell.starts_with(['=', '+', '-', '@']), "{cell} in {line}");
        }
    }
    Ok(())
}
