//! Ideas and challenges for tests: a municipality with districts and
//! departments, verified people, drafts, published ideas and challenges.

use anyhow::{Context, ensure};
use app::entities::{account, challenge, idea};
use app::features::challenges::types::ChallengeState;
use app::features::focus_area::FocusArea;
use app::features::settings::service::{SettingsChange, save};
use app::features::settings::types::{Municipality, RateLimits, Thresholds};
use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};

use super::TestApp;
use super::people::{Person, post_as, signed_in_account};

/// Districts and departments, as an admin would have set them.
pub async fn municipality(app: &TestApp) -> anyhow::Result<()> {
    municipality_with(app, Thresholds::default(), RateLimits::default()).await
}

/// The municipality of the tests, with these thresholds and limits.
pub async fn municipality_with(
    app: &TestApp,
    thresholds: Thresholds,
    limits: RateLimits,
) -> anyhow::Result<()> {
    save(
        &app.db,
        SettingsChange {
            municipality: Municipality {
                name: "Bærum kommune".to_owned(),
                brand_color: "#00577b".to_owned(),
                logo_path: None,
            },
            districts: vec!["Sandvika".into(), "Fornebu".into(), "Bekkestua".into()],
            thresholds,
            limits,
        },
    )
    .await?;
    app.settings.forget();
    app::features::departments::service::ensure(&app.db, &["Vei og trafikk", "Skoler"]).await?;
    Ok(())
}

/// A registered, signed-in person whose email address is confirmed.
pub async fn participant(app: &TestApp, email: &str, name: &str) -> anyhow::Result<Person> {
    signed_in_account(app, email, name, true).await
}

pub async fn verify(app: &TestApp, someone: &Person) -> anyhow::Result<()> {
    let found = account::Entity::find_by_id(someone.id)
        .one(&app.db)
        .await?
        .context("the account")?;
    let mut change: account::ActiveModel = found.into();
    change.email_verified_at = Set(Some(Utc::now()));
    change.update(&app.db).await?;
    Ok(())
}

/// The idea form, filled in well.
pub fn idea_form(title: &str, body: &str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_owned()),
        ("summary", "En kort oppsummering av idéen.".to_owned()),
        ("body", body.to_owned()),
        ("focus_area", "co_creation".to_owned()),
        ("district", "Sandvika".to_owned()),
        ("challenge_id", String::new()),
        ("tags", "sykkel, trafikk".to_owned()),
    ]
}

/// Posts the idea form with `changes` applied.
pub async fn save_idea(
    app: &TestApp,
    who: Option<&Person>,
    form: &[(&'static str, String)],
) -> anyhow::Result<reqwest::Response> {
    let fields: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
    post_as(app, who, "/api/ideas/save", &fields).await
}

/// Saves a draft and returns its id.
pub async fn draft(
    app: &TestApp,
    who: &Person,
    form: &[(&'static str, String)],
) -> anyhow::Result<i64> {
    let response = save_idea(app, Some(who), form).await?;
    let status = response.status();
    let body = response.text().await?;
    ensure!(status.is_success(), "saving the draft: {status} {body}");
    Ok(body.trim().parse()?)
}

pub async fn publish(app: &TestApp, who: &Person, id: i64) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/ideas/publish",
        &[("idea_id", &id.to_string())],
    )
    .await
}

/// A published idea with this title and body; returns its id.
pub async fn published_idea(
    app: &TestApp,
    who: &Person,
    title: &str,
    body: &str,
) -> anyhow::Result<i64> {
    let id = draft(app, who, &idea_form(title, body)).await?;
    let published = publish(app, who, id).await?;
    ensure!(
        published.status().is_success(),
        "publishing: {}",
        published.status()
    );
    Ok(id)
}

/// A challenge straight in the database, in `state`, open from `opens`
/// to `closes` days from today.
pub async fn challenge_in(
    app: &TestApp,
    state: &str,
    opens: i64,
    closes: i64,
) -> anyhow::Result<i64> {
    let today = Utc::now().date_naive();
    let created = challenge::ActiveModel {
        title: Set("Tryggere skoleveier".to_owned()),
        problem: Set("Mange barn går langs **trafikkerte** veier.".to_owned()),
        focus_area: Set(FocusArea::CoCreation),
        department_id: Set(None),
        opens_on: Set(today + Duration::days(opens)),
        closes_on: Set(today + Duration::days(closes)),
        state: Set(state.parse()?),
        decline_reason: Set(None),
        proposed_by: Set(None),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await?;
    Ok(created.id)
}

/// Staff closed the challenge for new ideas.
pub async fn close_challenge(app: &TestApp, id: i64) -> anyhow::Result<()> {
    let found = challenge::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the challenge")?;
    let mut change: challenge::ActiveModel = found.into();
    change.state = Set(ChallengeState::Closed);
    change.update(&app.db).await?;
    Ok(())
}

/// Challenge `id`'s edit form, its fields as the page fills them in from
/// the stored challenge (its version included).
pub async fn challenge_edit_form(
    app: &TestApp,
    id: i64,
) -> anyhow::Result<Vec<(&'static str, String)>> {
    use anyhow::Context;
    use sea_orm::EntityTrait;

    let found = challenge::Entity::find_by_id(id)
        .one(&app.db)
        .await?
        .context("the challenge")?;
    Ok(vec![
        ("challenge_id", id.to_string()),
        ("version", found.updated_at.timestamp_micros().to_string()),
        ("title", found.title),
        ("problem", found.problem),
        ("focus_area", found.focus_area.to_string()),
        (
            "department_id",
            found
                .department_id
                .map(|id| id.to_string())
                .unwrap_or_default(),
        ),
        ("opens_on", found.opens_on.to_string()),
        ("closes_on", found.closes_on.to_string()),
    ])
}

/// Sets `column` of idea `id` to `value` in the database, as the pipeline,
/// moderation or an edit would: for tests that need an idea in a state.
/// Idea `id` hidden by a moderator just now, set straight in the database.
pub async fn hide_idea(app: &TestApp, id: i64) -> anyhow::Result<()> {
    set_idea(app, id, idea::Column::HiddenAt, Some(Utc::now()).into()).await
}

pub async fn set_idea(
    app: &TestApp,
    id: i64,
    column: idea::Column,
    value: sea_orm::Value,
) -> anyhow::Result<()> {
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    idea::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .filter(idea::Column::Id.eq(id))
        .exec(&app.db)
        .await?;
    Ok(())
}
