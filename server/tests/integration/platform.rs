//! The platform end to end over HTTP: probes, pages, security headers,
//! cross-site request refusal, languages and error statuses.
use crate::common;

use anyhow::ensure;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::ConnectionTrait;

on_both_backends!(
    probes_answer_when_all_is_well,
    readyz_says_503_when_the_database_is_gone,
    every_page_renders_with_its_security_headers,
    files_probes_and_unknown_pages_carry_security_headers_too,
    a_post_from_a_foreign_origin_is_refused,
    the_language_comes_from_the_cookie_then_accept_language,
    a_bad_value_gets_a_4xx_for_scripts_and_the_form_back_without_javascript,
    a_malformed_server_function_call_is_a_400_not_a_500,
);

async fn probes_answer_when_all_is_well(app: TestApp) -> anyhow::Result<()> {
    assert_eq!(app.get("/healthz").await?.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await?.status(), StatusCode::OK);
    Ok(())
}

async fn readyz_says_503_when_the_database_is_gone(app: TestApp) -> anyhow::Result<()> {
    match app.backend {
        Backend::Postgres => {
            // Take the database away under the running server.
            let name = app
                .db
                .query_one_raw(sea_orm::Statement::from_string(
                    sea_orm::DbBackend::Postgres,
                    "SELECT current_database() AS name",
                ))
                .await?
                .map(|row| row.try_get::<String>("", "name"))
                .transpose()?
                .unwrap_or_default();
            let admin = sea_orm::Database::connect(
                std::env::var("TEST_POSTGRES_URL")
                    .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned()),
            )
            .await?;
            admin
                .execute_unprepared(&format!("DROP DATABASE \"{name}\" WITH (FORCE)"))
                .await?;
        }
        // An embedded database cannot be unplugged; closing the pool is the nearest thing.
        Backend::Sqlite => app.db.clone().close().await?,
    }
    assert_eq!(app.get("/healthz").await?.status(), StatusCode::OK);
    assert_eq!(
        app.get("/readyz").await?.status(),
        StatusCode::SERVICE_UNAVAILABLE
    );
    Ok(())
}

fn assert_common_security_headers(response: &reqwest::Response, what: &str) {
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    assert_eq!(header("x-content-type-options"), "nosniff", "{what}");
    assert_eq!(header("referrer-policy"), "same-origin", "{what}");
    assert!(
        header("content-security-policy").contains("frame-ancestors 'none'"),
        "{what}"
    );
}

async fn every_page_renders_with_its_security_headers(app: TestApp) -> anyhow::Result<()> {
    let paths = TestApp::page_paths();
    ensure!(
        paths.len() >= 3,
        "the route table lists the pages: {paths:?}"
    );
    for path in paths {
        let mut response = app.get(&path).await?;
        assert_common_security_headers(&response, &path);
        if response.status() == StatusCode::SEE_OTHER {
            // A page for signed-in people sends everyone else to sign in, and back.
            assert_eq!(
                response.headers()["location"],
                format!("/login?return_to={}", app::text::percent_encode(&path)).as_str(),
                "{path}"
            );
            response = app.get("/login").await?;
        }
        assert_eq!(response.status(), StatusCode::OK, "{path}");
        let policy = response.headers()["content-security-policy"]
            .to_str()?
            .to_owned();
        let body = response.text().await?;
        // The scripts on the page carry the nonce the policy allows, and only it.
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_default();
        ensure!(nonce.len() >= 16, "{path}: a fresh nonce in {policy}");
        ensure!(
            body.contains(&format!("nonce=\"{nonce}\"")),
            "{path}: scripts carry the nonce"
        );
        ensure!(
            policy.contains("'wasm-unsafe-eval'"),
            "{path}: islands can start"
        );
        ensure!(body.contains("lang=\"nb\""), "{path}: bokmål by default");
    }
    // A new response, a new nonce.
    let first = app.get("/").await?.headers()["content-security-policy"].clone();
    let second = app.get("/").await?.headers()["content-security-policy"].clone();
    assert_ne!(first, second);
    Ok(())
}

async fn files_probes_and_unknown_pages_carry_security_headers_too(
    app: TestApp,
) -> anyhow::Result<()> {
    let favicon = app.get("/favicon.svg").await?;
    assert_eq!(favicon.status(), StatusCode::OK);
    assert_common_security_headers(&favicon, "favicon");

    assert_common_security_headers(&app.get("/healthz").await?, "healthz");

    let missing = app.get("/no-such-page").await?;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert_common_security_headers(&missing, "404");
    ensure!(
        missing.text().await?.contains("Fant ikke siden"),
        "a translated 404 page"
    );
    Ok(())
}

async fn a_post_from_a_foreign_origin_is_refused(app: TestApp) -> anyhow::Result<()> {
    let foreign = app
        .client
        .post(app.url("/api/language"))
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .form(&[("locale", "en")])
        .send()
        .await?;
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert!(
        foreign.headers().get("set-cookie").is_none(),
        "nothing was done"
    );

    let forged_origin_only = app
        .client
        .post(app.url("/api/language"))
        .header("origin", "https://evil.example")
        .header("cookie", "samskap_lang=nb")
        .form(&[("locale", "en")])
        .send()
        .await?;
    assert_eq!(forged_origin_only.status(), StatusCode::FORBIDDEN);

    let own = app
        .post_same_origin("/api/language")
        .form(&[("locale", "en")])
        .send()
        .await?;
    assert!(
        own.status().is_success() || own.status().is_redirection(),
        "{}",
        own.status()
    );
    Ok(())
}

async fn the_language_comes_from_the_cookie_then_accept_language(
    app: TestApp,
) -> anyhow::Result<()> {
    let switched = app
        .post_same_origin("/api/language")
        .header("accept", "text/html")
        .header("referer", app.url("/privacy"))
        .form(&[("locale", "nn")])
        .send()
        .await?;
    ensure!(
        switched.status().is_redirection(),
        "back to the page: {}",
        switched.status()
    );
    // Leptos strips any earlier error from the address and may leave a bare "?".
    assert_eq!(
        switched.headers()["location"]
            .to_str()?
            .trim_end_matches('?'),
        app.url("/privacy")
    );
    let cookie = switched.headers()["set-cookie"].to_str()?.to_owned();
    ensure!(cookie.starts_with("samskap_lang=nn;"), "{cookie}");
    ensure!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let with_cookie = app
        .client
        .get(app.url("/privacy"))
        .header("cookie", "samskap_lang=nn")
        .header("accept-language", "en")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        with_cookie.contains("lang=\"nn\"") && with_cookie.contains("Personvernerklæring"),
        "the cookie wins"
    );

    let english = app
        .client
        .get(app.url("/"))
        .header("accept-language", "en-GB,en;q=0.8")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        english.contains("lang=\"en\"") && english.contains("Five focus areas"),
        "Accept-Language"
    );

    let nynorsk = app
        .client
        .get(app.url("/"))
        .header("accept-language", "nn-NO")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        nynorsk.contains("lang=\"nn\"") && nynorsk.contains("Fem innsatsområde"),
        "nn from Accept-Language"
    );
    Ok(())
}

async fn a_bad_value_gets_a_4xx_for_scripts_and_the_form_back_without_javascript(
    app: TestApp,
) -> anyhow::Result<()> {
    let from_script = app
        .post_same_origin("/api/language")
        .header("accept", "application/json")
        .form(&[("locale", "klingon")])
        .send()
        .await?;
    assert_eq!(from_script.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = from_script.json().await?;
    assert_eq!(body["Validation"]["field"], "locale");

    let from_form = app
        .post_same_origin("/api/language")
        .header("accept", "text/html")
        .header("referer", app.url("/accessibility"))
        .form(&[("locale", "klingon")])
        .send()
        .await?;
    assert_eq!(from_form.status(), StatusCode::SEE_OTHER);
    let back_to_form = from_form.headers()["location"].to_str()?.to_owned();
    ensure!(
        back_to_form.starts_with(&app.url("/accessibility?")),
        "{back_to_form}"
    );
    let page = app
        .client
        .get(&back_to_form)
        .header("accept-language", "en")
        .send()
        .await?;
    assert_eq!(page.status(), StatusCode::OK);
    ensure!(
        page.text().await?.contains("Choose one of the options."),
        "the message is shown on the form"
    );
    Ok(())
}

async fn a_malformed_server_function_call_is_a_400_not_a_500(app: TestApp) -> anyhow::Result<()> {
    let missing_argument = app
        .post_same_origin("/api/language")
        .header("accept", "application/json")
        .form(&[("wrong", "x")])
        .send()
        .await?;
    assert_eq!(missing_argument.status(), StatusCode::BAD_REQUEST);
    Ok(())
}
