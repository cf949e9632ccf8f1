//! The back office for admins: who reaches it, the municipality's settings
//! and the roles and departments of accounts. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use common::people::{Cast, get_as, post_as};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use app::entities::{account_role, department, department_member};

on_both_backends!(
    each_role_finds_its_own_sections_in_the_back_office,
    only_admins_reach_the_back_office,
    an_admin_sets_the_municipality_and_every_page_shows_it,
    bad_settings_get_their_message_and_change_nothing,
    an_admin_grants_roles_and_departments_but_keeps_their_own_admin,
);

const SETTINGS: [(&str, &str); 13] = [
    ("name", "Bærum kommune"),
    ("brand_color", "#005A8C"),
    ("logo_path", ""),
    ("districts", "Bekkestua\nSandvika\nFornebu"),
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

/// Every role holder enters the back office's front page and finds there
/// the sections their roles open, and only those.
async fn each_role_finds_its_own_sections_in_the_back_office(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let sections = ["/admin/pipeline", "/admin/moderation", "/admin/users"];
    for (name, who, expected) in [
        ("staff", &cast.staff, [true, false, false]),
        ("moderator", &cast.moderator, [false, true, false]),
        ("admin", &cast.admin, [true, true, true]),
    ] {
        let front = get_as(&app, Some(who), "/admin").await?;
        assert_eq!(front.status(), StatusCode::OK, "{name}");
        let page = front.text().await?;
        for (section, shown) in sections.iter().zip(expected) {
            assert_eq!(
                page.contains(&format!("href=\"{section}\"")),
                shown,
                "{name} and {section}"
            );
        }
    }
    for (name, who) in cast.actors() {
        let status = get_as(&app, who, "/admin").await?.status();
        let expected = match name {
            "anonymous" => StatusCode::SEE_OTHER,
            "owner" | "another participant" => StatusCode::FORBIDDEN,
            _ => StatusCode::OK,
        };
        assert_eq!(status, expected, "{name} GET /admin");
    }
    Ok(())
}

async fn only_admins_reach_the_back_office(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    for path in ["/admin/users", "/admin/settings"] {
        for (name, who) in cast.actors() {
            let response = get_as(&app, who, path).await?;
            let expected = match name {
                "anonymous" => StatusCode::SEE_OTHER,
                "admin" => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(response.status(), expected, "{name} GET {path}");
            if name != "admin" {
                ensure!(
                    !response.text().await?.contains("ola@example.no"),
                    "{name} sees no accounts on {path}"
                );
            }
        }
    }
    let other_id = cast.other.id.to_string();
    for (name, who) in cast.actors() {
        let settings = post_as(&app, who, "/api/admin/settings", &SETTINGS)
            .await?
            .status();
        let access = post_as(
            &app,
            who,
            "/api/admin/users/access",
            &[("account_id", &other_id), ("admin", "on")],
        )
        .await?
        .status();
        let find = get_as(&app, who, "/api/admin/users/find?query=")
            .await?
            .status();
        let expected = match name {
            "anonymous" => StatusCode::UNAUTHORIZED,
            "admin" => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!((settings, find), (expected, expected), "{name}");
        if name != "admin" {
            assert_eq!(access, expected, "{name} cannot grant roles");
        }
    }
    Ok(())
}

async fn an_admin_sets_the_municipality_and_every_page_shows_it(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let saved = post_as(&app, Some(&cast.admin), "/api/admin/settings", &SETTINGS).await?;
    assert_eq!(saved.status(), StatusCode::OK);

    let home = get_as(&app, None, "/").await?.text().await?;
    ensure!(
        home.contains("Idéer og samskaping i Bærum kommune"),
        "the header names the municipality"
    );
    let theme = get_as(&app, None, "/theme.css").await?;
    ensure!(
        theme.headers()["content-type"]
            .to_str()?
            .starts_with("text/css")
    );
    ensure!(
        theme.text().await?.contains("--samskap-brand:#005a8c"),
        "the brand colour"
    );

    let form = get_as(&app, Some(&cast.admin), "/admin/settings")
        .await?
        .text()
        .await?;
    ensure!(
        form.contains("Sandvika") && form.contains("Bærum kommune"),
        "the form shows what is stored"
    );
    // Departments have a page of their own; the settings only point there.
    ensure!(
        form.contains("href=\"/admin/departments\"") && !form.contains("name=\"departments\""),
        "departments are not a settings field"
    );
    Ok(())
}

async fn bad_settings_get_their_message_and_change_nothing(app: TestApp) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    let cases = [
        ("name", "   ", "Required"),
        ("brand_color", "#ffd15c", "LowContrast"),
        ("brand_color", "blå", "InvalidColor"),
        ("logo_path", "https://evil.example/logo.png", "InvalidPath"),
        ("support_threshold", "0", "OutOfRange"),
        ("support_window_days", "nitti", "NotANumber"),
        ("comments_per_hour", "0", "OutOfRange"),
        ("hold_comments_days", "mange", "NotANumber"),
    ];
    for (field, value, problem) in cases {
        let mut form = SETTINGS;
        for entry in form.iter_mut().filter(|(name, _)| *name == field) {
            entry.1 = value;
        }
        let refused = post_as(&app, Some(&cast.admin), "/api/admin/settings", &form).await?;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value}"
        );
        let body: serde_json::Value = refused.json().await?;
        assert_eq!(body["Validation"]["problem"], problem, "{field}={value}");
    }
    let home = get_as(&app, None, "/").await?.text().await?;
    ensure!(
        home.contains("Idéer og samskaping i Kommunen"),
        "still the defaults"
    );
    Ok(())
}

async fn an_admin_grants_roles_and_departments_but_keeps_their_own_admin(
    app: TestApp,
) -> anyhow::Result<()> {
    let cast = Cast::assemble(&app).await?;
    post_as(&app, Some(&cast.admin), "/api/admin/settings", &SETTINGS).await?;
    app::features::departments::service::ensure(&app.db, &["Barnehage", "Samferdsel"]).await?;
    let departments = department::Entity::find().all(&app.db).await?;
    let barnehage = departments
        .iter()
        .find(|d| d.name == "Barnehage")
        .context("Barnehage")?
        .id
        .to_string();

    let found = get_as(&app, Some(&cast.admin), "/admin/users?q=OLA@")
        .await?
        .text()
        .await?;
    ensure!(
        found.contains("ola@example.no") && !found.contains("kari@example.no"),
        "search by email, any case"
    );

    // As a browser without JavaScript posts the form: repeated `departments[]`.
    let other_id = cast.other.id.to_string();
    let granted = app
        .post_same_origin("/api/admin/users/access")
        .header("cookie", &cast.admin.cookie)
        .header("accept", "text/html")
        .header("referer", app.url("/admin/users?q=ola"))
        .form(&[
            ("account_id", other_id.as_str()),
            ("staff", "on"),
            ("departments[]", barnehage.as_str()),
            ("return_query", "ola"),
        ])
        .send()
        .await?;
    assert_eq!(granted.status(), StatusCode::FOUND);
    assert_eq!(
        granted.headers()["location"],
        format!("/admin/users?q=ola&saved={other_id}")
    );
    let roles: Vec<String> = account_role::Entity::find()
        .filter(account_role::Column::AccountId.eq(cast.other.id))
        .all(&app.db)
        .await?
        .into_iter()
        .map(|r| r.role.to_string())
        .collect();
    assert_eq!(roles, vec!["staff".to_owned()]);
    let memberships = department_member::Entity::find()
        .filter(department_member::Column::AccountId.eq(cast.other.id))
        .all(&app.db)
        .await?;
    assert_eq!(memberships.len(), 1);
    assert_eq!(
        get_as(&app, Some(&cast.other), "/me").await?.status(),
        StatusCode::OK
    );

    let unknown = post_as(
        &app,
        Some(&cast.admin),
        "/api/admin/users/access",
        &[("account_id", &other_id), ("departments[]", "999999")],
    )
    .await?;
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let missing = post_as(
        &app,
        Some(&cast.admin),
        "/api/admin/users/access",
        &[("account_id", "999999")],
    )
    .await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);

    let own_id = cast.admin.id.to_string();
    let self_demotion = post_as(
        &app,
        Some(&cast.admin),
        "/api/admin/users/access",
        &[("account_id", &own_id), ("staff", "on")],
    )
    .await?;
    assert_eq!(self_demotion.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        get_as(&app, Some(&cast.admin), "/admin").await?.status(),
        StatusCode::OK,
        "still an admin"
    );
    Ok(())
}
