//! Reading the server's answers the way several test files need: a page
//! that must answer 200, a refused form's field and problem (as JSON, or as
//! the page a plain form is sent back to), and the audit log's rows about
//! one kind of thing.

use anyhow::ensure;
use app::entities::audit_log;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use super::TestApp;
use super::people::{Person, get_as};

/// The page at `path` as `who` (or a visitor) gets it; anything but 200 fails.
pub async fn page(app: &TestApp, who: Option<&Person>, path: &str) -> anyhow::Result<String> {
    let answer = get_as(app, who, path).await?;
    let status = answer.status();
    let body = answer.text().await?;
    ensure!(status == StatusCode::OK, "{path}: {status}");
    Ok(body)
}

/// The page at `path` as a visitor reads it in `language` (the language
/// switch's cookie); anything but 200 fails.
pub async fn page_in(app: &TestApp, path: &str, language: &str) -> anyhow::Result<String> {
    let answer = app
        .client
        .get(app.url(path))
        .header("cookie", format!("samskap_lang={language}"))
        .send()
        .await?;
    let status = answer.status();
    ensure!(status == StatusCode::OK, "{path} in {language}: {status}");
    Ok(answer.text().await?)
}

/// The status, field and problem of a refused post.
pub async fn refusal(response: reqwest::Response) -> anyhow::Result<(StatusCode, String, String)> {
    let status = response.status();
    let body: serde_json::Value = response.json().await?;
    let field = body["Validation"]["field"].as_str().unwrap_or_default();
    let problem = body["Validation"]["problem"].as_str().unwrap_or_default();
    Ok((status, field.to_owned(), problem.to_owned()))
}

/// What [`refusal`] reads of a form refused as `problem` of `field`.
pub fn refused(field: &str, problem: &str) -> (StatusCode, String, String) {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        field.to_owned(),
        problem.to_owned(),
    )
}

/// The audit rows about `kind` ("department", "goal", "idea"), oldest
/// first: (action, subject id, detail).
pub async fn audit_rows(
    app: &TestApp,
    kind: &str,
) -> anyhow::Result<Vec<(String, Option<i64>, String)>> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::SubjectType.eq(kind))
        .order_by_asc(audit_log::Column::Id)
        .all(&app.db)
        .await?
        .into_iter()
        .map(|row| (row.action.to_string(), row.subject_id, row.detail))
        .collect())
}

/// Posts `form` as a browser without JavaScript does from the page at
/// `form_page` (a path), expects to be sent back there with the refusal,
/// and returns that page as `who` reads it.
pub async fn refused_plain_form(
    app: &TestApp,
    who: &Person,
    path: &str,
    form_page: &str,
    form: &[(&str, String)],
) -> anyhow::Result<String> {
    let form_page = app.url(form_page);
    let mut form = form.to_vec();
    form.push(("idempotency_key", uuid::Uuid::new_v4().to_string()));
    let refused = app
        .post_same_origin(path)
        .header("accept", "text/html")
        .header("referer", &form_page)
        .header("cookie", &who.cookie)
        .form(&form)
        .send()
        .await?;
    ensure!(refused.status().is_redirection(), "{}", refused.status());
    let url = app.redirect_target(&refused)?;
    ensure!(url.starts_with(&form_page), "back to the form: {url}");
    Ok(app
        .client
        .get(&url)
        .header("cookie", &who.cookie)
        .send()
        .await?
        .text()
        .await?)
}
