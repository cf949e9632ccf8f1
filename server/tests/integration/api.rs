//! The open data API under `/api/v1`, on the demo data set: its OpenAPI
//! document is OpenAPI 3.1 whose schemas compile, and every path it lists
//! answers with JSON its schema accepts; lists page by key to the end;
//! tags earn 304s; CORS is open for reads; an address that asks too often
//! gets 429; and what must stay inside (hidden and held ideas, drafts of
//! ideas and cards, internal KPIs and notes, scores, costs) reaches no
//! path the document lists and no feed. Both databases.
use crate::common;

use std::collections::BTreeSet;

use anyhow::{Context, ensure};
use app::entities::{benefit_plan, idea, idea_evaluation, idea_note, kpi};
use app::features::gains::types::BenefitCategory;
use chrono::Utc;
use common::ideas::{draft, hide_idea, idea_form, participant, published_idea};
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

on_both_backends!(
    every_listed_path_answers_as_its_schema_says,
    lists_page_to_the_end_and_tags_earn_304s,
    nothing_kept_inside_reaches_the_api_or_a_feed,
    the_open_data_download_holds_every_public_item_once,
);

/// Something no answer would say by chance: what must stay inside says it.
const MARKER: &str = "Innsidemarkør7710";
/// An estimated cost, and a score comment, that must stay inside.
const COST: i64 = 7_654_321;

async fn with_demo(app: &TestApp) -> anyhow::Result<()> {
    ensure!(
        server::demo::load(&app.db).await?,
        "the demo data set loads"
    );
    Ok(())
}

async fn json(app: &TestApp, path: &str) -> anyhow::Result<Value> {
    let answer = app.get(path).await?;
    ensure!(
        answer.status() == StatusCode::OK,
        "{path}: {}",
        answer.status()
    );
    ensure!(
        answer.headers()["content-type"] == "application/json",
        "{path}: JSON"
    );
    Ok(answer.json().await?)
}

/// The concrete paths to try for each path the document lists: `{id}` as
/// the demo data set's tenth idea (with public KPIs), first challenge and
/// first solution card.
fn concrete(template: &str) -> Vec<String> {
    let id = if template.starts_with("/api/v1/ideas") {
        "10"
    } else {
        "1"
    };
    let path = template.replace("{id}", id);
    let mut paths = vec![path.clone()];
    match template {
        "/api/v1/ideas" => paths.extend([
            "/api/v1/ideas?sort=new&status=implemented".to_owned(),
            "/api/v1/ideas?q=sykkel".to_owned(),
            "/api/v1/ideas?area=steal_and_share&sort=top".to_owned(),
        ]),
        "/api/v1/solutions" => paths.push("/api/v1/solutions?q=nattilsyn".to_owned()),
        "/api/v1/solutions/{id}" => paths.push(format!("{path}?version=1")),
        _ => {}
    }
    paths
}

async fn every_listed_path_answers_as_its_schema_says(app: TestApp) -> anyhow::Result<()> {
    with_demo(&app).await?;
    let document = json(&app, "/api/v1/openapi.json").await?;
    ensure!(
        document["openapi"]
            .as_str()
            .is_some_and(|version| version.starts_with("3.1")),
        "OpenAPI 3.1: {}",
        document["openapi"]
    );
    let components = document["components"].clone();
    let schemas = components["schemas"]
        .as_object()
        .context("component schemas")?;
    ensure!(schemas.len() >= 10, "{:?}", schemas.keys());
    // Each component is a valid JSON Schema (2020-12, as OpenAPI 3.1 has it).
    for (name, schema) in schemas {
        let mut alone = schema.clone();
        if let Some(object) = alone.as_object_mut() {
            object.insert("components".to_owned(), components.clone());
        }
        jsonschema::draft202012::new(&alone).map_err(|error| anyhow::anyhow!("{name}: {error}"))?;
    }

    let paths = document["paths"].as_object().context("paths")?;
    let listed: BTreeSet<&str> = paths.keys().map(String::as_str).collect();
    for expected in [
        "/api/v1/ideas",
        "/api/v1/ideas/{id}",
        "/api/v1/challenges",
        "/api/v1/challenges/{id}",
        "/api/v1/solutions",
        "/api/v1/solutions/{id}",
        "/api/v1/statistics",
    ] {
        ensure!(listed.contains(expected), "{expected} in {listed:?}");
    }
    ensure!(
        paths["/api/v1/adoptions"]["post"].is_object(),
        "the adoption report is described"
    );
    for (template, operations) in paths {
        if operations.get("get").is_none() {
            continue;
        }
        let schema =
            &operations["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        ensure!(schema.is_object(), "{template}: a schema for 200");
        let mut rooted = schema.clone();
        rooted
            .as_object_mut()
            .context("a schema object")?
            .insert("components".to_owned(), components.clone());
        let validator = jsonschema::draft202012::new(&rooted)
            .map_err(|error| anyhow::anyhow!("{template}: {error}"))?;
        // The schema says something: an answer of the wrong shape fails it.
        ensure!(
            !validator.is_valid(&serde_json::json!({ "data": 1, "id": "x", "ideas": [] })),
            "{template}: the schema accepts anything"
        );
        for path in concrete(template) {
            let answer = json(&app, &path).await?;
            let problems: Vec<String> = validator
                .iter_errors(&answer)
                .map(|error| format!("{} at {}", error, error.instance_path))
                .collect();
            ensure!(problems.is_empty(), "{path}: {problems:?}\n{answer}");
        }
    }

    // What the answers hold, beyond their shape.
    let idea = json(&app, "/api/v1/ideas/10").await?;
    ensure!(
        idea["kpis"].as_array().is_some_and(|kpis| !kpis.is_empty()),
        "{idea}"
    );
    ensure!(
        idea["url"]
            .as_str()
            .is_some_and(|url| url.ends_with("/ideas/10"))
    );
    let card = json(&app, "/api/v1/solutions/1").await?;
    ensure!(
        card["idea_id"] == 10 && card["licence"]["name"] == "CC BY 4.0",
        "{card}"
    );
    ensure!(
        card["kpis"] == idea["kpis"],
        "the card's effects are the idea's"
    );
    let statistics = json(&app, "/api/v1/statistics").await?;
    ensure!(statistics["solutions"] == 2 && statistics["ideas"]["total"].as_i64() > Some(30));

    for unknown in [
        "/api/v1/ideas/999999",
        "/api/v1/ideas/abc",
        "/api/v1/challenges/999999",
        "/api/v1/solutions/999999",
        "/api/v1/solutions/1?version=9",
    ] {
        let answer = app.get(unknown).await?;
        ensure!(
            answer.status() == StatusCode::NOT_FOUND,
            "{unknown}: {}",
            answer.status()
        );
        let body: Value = answer.json().await?;
        ensure!(body["error"] == "not_found", "{unknown}: {body}");
    }
    Ok(())
}

async fn lists_page_to_the_end_and_tags_earn_304s(app: TestApp) -> anyhow::Result<()> {
    with_demo(&app).await?;
    // Following `next` from the first page reaches every active idea once.
    let mut seen = BTreeSet::new();
    let mut next = Some(app.url("/api/v1/ideas?sort=new"));
    while let Some(address) = next {
        let page: Value = app.client.get(&address).send().await?.json().await?;
        for idea in page["data"].as_array().context("data")? {
            ensure!(
                seen.insert(idea["id"].as_i64().context("an id")?),
                "{idea} twice"
            );
        }
        next = page["next"].as_str().map(str::to_owned);
        ensure!(seen.len() < 1_000, "paging ends");
    }
    let active = idea::Entity::find()
        .filter(
            idea::Column::Status.is_in(
                app::features::ideas::status::IdeaStatus::ACTIVE
                    .map(app::features::ideas::status::IdeaStatus::as_str),
            ),
        )
        .filter(idea::Column::HiddenAt.is_null())
        .all(&app.db)
        .await?
        .len();
    ensure!(
        seen.len() == active && active > 20,
        "{} of {active}",
        seen.len()
    );

    // A reader with the newest copy gets 304; CORS is open for reads.
    let first = app
        .client
        .get(app.url("/api/v1/solutions"))
        .header("origin", "https://data.example.org")
        .send()
        .await?;
    ensure!(first.status() == StatusCode::OK);
    ensure!(first.headers()["access-control-allow-origin"] == "*");
    ensure!(first.headers().contains_key("last-modified"));
    let tag = first.headers()["etag"].clone();
    let again = app
        .client
        .get(app.url("/api/v1/solutions"))
        .header("if-none-match", tag.clone())
        .send()
        .await?;
    ensure!(
        again.status() == StatusCode::NOT_MODIFIED,
        "{}",
        again.status()
    );
    ensure!(again.headers()["etag"] == tag);
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, app.url("/api/v1/ideas"))
        .header("origin", "https://data.example.org")
        .header("access-control-request-method", "GET")
        .send()
        .await?;
    ensure!(preflight.status().is_success(), "{}", preflight.status());
    ensure!(preflight.headers()["access-control-allow-origin"] == "*");

    // An address that asks too often is told to wait; pages are not.
    let limited = TestApp::spawn_with(app.backend, &[("API_REQUESTS_PER_MINUTE", "3")]).await?;
    for _ in 0..3 {
        ensure!(limited.get("/api/v1/statistics").await?.status() == StatusCode::OK);
    }
    let refused = limited.get("/api/v1/statistics").await?;
    ensure!(
        refused.status() == StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.status()
    );
    ensure!(refused.headers().contains_key("retry-after"));
    ensure!(limited.get("/ideas").await?.status() == StatusCode::OK);
    Ok(())
}

async fn nothing_kept_inside_reaches_the_api_or_a_feed(app: TestApp) -> anyhow::Result<()> {
    use app::features::solutions::{service, types::SolutionText};

    with_demo(&app).await?;
    let author = participant(&app, "innsider@example.no", "Inge Innsider").await?;
    let hidden = published_idea(&app, &author, &format!("Skjult {MARKER}"), "Skjult.").await?;
    hide_idea(&app, hidden).await?;
    let held = draft(
        &app,
        &author,
        &idea_form(&format!("Utkast {MARKER}"), "Ikke ute."),
    )
    .await?;
    // On the tenth idea, implemented with public KPIs: an internal KPI, an
    // internal note, a scorecard and the plan's cost.
    let department = app::entities::department::Entity::find()
        .one(&app.db)
        .await?
        .context("a department")?;
    kpi::Entity::insert(kpi::ActiveModel {
        idea_id: Set(10),
        name: Set(format!("Intern KPI {MARKER}")),
        unit: Set("kr".to_owned()),
        category: Set(BenefitCategory::Other),
        baseline: Set(1.0),
        target: Set(2.0),
        target_date: Set(Utc::now().date_naive()),
        method: Set(format!("Metode {MARKER}")),
        owner_account_id: Set(None),
        owner_department_id: Set(department.id),
        public: Set(false),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await?;
    idea_note::Entity::insert(idea_note::ActiveModel {
        idea_id: Set(10),
        author_id: Set(None),
        body: Set(format!("Internt notat {MARKER}")),
        created_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await?;
    idea_evaluation::Entity::insert(idea_evaluation::ActiveModel {
        idea_id: Set(10),
        evaluator_id: Set(None),
        value_for_residents: Set(5),
        feasibility: Set(4),
        cost: Set(3),
        strategic_fit: Set(2),
        comment: Set(Some(format!("Vurdering {MARKER}"))),
        created_at: Set(Utc::now()),
        updated_at: Set(Utc::now()),
        ..Default::default()
    })
    .exec(&app.db)
    .await?;
    benefit_plan::Entity::update_many()
        .col_expr(
            benefit_plan::Column::EstimatedCostNok,
            Expr::value(Some(COST)),
        )
        .filter(benefit_plan::Column::IdeaId.eq(10))
        .exec(&app.db)
        .await?;
    let draft_card = service::create(
        &app.db,
        None,
        None,
        SolutionText {
            title: format!("Kortutkast {MARKER}"),
            problem: "Hemmelig.".to_owned(),
            what_was_done: "Ingenting ennå.".to_owned(),
            ..SolutionText::default()
        },
        &[],
    )
    .await?;

    let document = json(&app, "/api/v1/openapi.json").await?;
    let mut paths: Vec<String> = Vec::new();
    for template in document["paths"].as_object().context("paths")?.keys() {
        paths.extend(concrete(template));
        for id in [hidden, held, draft_card] {
            paths.push(template.replace("{id}", &id.to_string()));
        }
    }
    paths.extend([
        "/api/v1/ideas?q=skjult".to_owned(),
        "/api/v1/ideas?q=utkast".to_owned(),
        "/api/v1/ideas?status=published&sort=new".to_owned(),
        "/api/v1/solutions?q=kortutkast".to_owned(),
        "/feeds/ideas.atom".to_owned(),
        "/feeds/solutions.atom".to_owned(),
        "/feeds/challenges/1.atom".to_owned(),
        "/api/v1/open-data.json".to_owned(),
    ]);
    for path in &paths {
        let body = app.get(path).await?.text().await?;
        for secret in [MARKER.to_owned(), COST.to_string()] {
            ensure!(!body.contains(&secret), "{path} shows {secret}");
        }
    }
    Ok(())
}

async fn the_open_data_download_holds_every_public_item_once(app: TestApp) -> anyhow::Result<()> {
    with_demo(&app).await?;
    let author = participant(&app, "innsider@example.no", "Inge Innsider").await?;
    let hidden = published_idea(&app, &author, "Skjult idé", "Skjult.").await?;
    hide_idea(&app, hidden).await?;

    let answer = app.get("/api/v1/open-data.json").await?;
    ensure!(answer.status() == StatusCode::OK, "{}", answer.status());
    ensure!(answer.headers()["content-type"] == "application/json");
    ensure!(answer.headers()["access-control-allow-origin"] == "*");
    ensure!(
        answer.headers()["content-disposition"]
            .to_str()?
            .contains("samskap-open-data.json")
    );
    let data: Value = answer.json().await?;
    let ideas = data["ideas"].as_array().context("ideas")?;
    let public = idea::Entity::find()
        .filter(
            idea::Column::Status.is_in(app::features::ideas::status::IdeaStatus::public_names()),
        )
        .filter(idea::Column::HiddenAt.is_null())
        .all(&app.db)
        .await?
        .len();
    let ids: BTreeSet<i64> = ideas
        .iter()
        .filter_map(|idea| idea["id"].as_i64())
        .collect();
    ensure!(
        ids.len() == ideas.len() && ids.len() == public,
        "{} of {public}",
        ids.len()
    );
    ensure!(!ids.contains(&hidden), "no hidden idea");
    let tenth = ideas
        .iter()
        .find(|idea| idea["id"] == 10)
        .context("the tenth idea")?;
    ensure!(
        tenth["kpis"]
            .as_array()
            .is_some_and(|kpis| !kpis.is_empty()),
        "{tenth}"
    );
    ensure!(
        tenth["body_html"]
            .as_str()
            .is_some_and(|html| html.contains("<p>"))
    );
    ensure!(
        data["challenges"]
            .as_array()
            .is_some_and(|all| !all.is_empty())
    );
    ensure!(data["solutions"].as_array().map(Vec::len) == Some(2));
    ensure!(data["licence"] == "NLOD 2.0");

    // The command writes the same data set.
    let mut written = Vec::new();
    server::open_data::write(&app.db, "https://samskap.example.no", &mut written).await?;
    let from_command: Value = serde_json::from_slice(&written)?;
    ensure!(from_command["ideas"].as_array().map(Vec::len) == Some(public));
    ensure!(
        from_command["ideas"][0]["url"]
            .as_str()
            .is_some_and(|url| url.starts_with("https://samskap.example.no/ideas/"))
    );

    // The API page tells a developer where to start.
    let page = app.get("/developers").await?.text().await?;
    ensure!(page.contains("/api/v1/ideas?sort=new") && page.contains("/api/v1/openapi.json"));
    ensure!(page.contains("href=\"/api/v1/open-data.json\""));
    ensure!(page.contains("600"), "the limit");
    Ok(())
}
