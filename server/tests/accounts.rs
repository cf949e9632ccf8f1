//! Accounts over HTTP, as a browser without JavaScript and a script use them:
//! registration, sign-in, sign-out, bad input and rate limits, on both databases.
mod common;

use anyhow::ensure;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use app::entities::account;

on_both_backends!(
    registering_creates_one_unverified_account_and_says_check_your_email,
    registering_an_address_again_answers_the_same_and_changes_nothing,
    each_bad_registration_field_gets_its_own_message_and_a_4xx,
    a_form_without_javascript_comes_back_with_the_message_and_the_values,
    signing_in_and_out_starts_and_ends_a_server_side_session,
    a_wrong_password_and_an_unknown_email_answer_alike,
    the_eleventh_rapid_sign_in_is_refused_but_the_owner_elsewhere_gets_in,
);

const PASSWORD: &str = "sykkelsti langs fjorden";

fn registration(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("display_name", "Kari Nordmann".to_owned()),
        ("email", email.to_owned()),
        ("password", PASSWORD.to_owned()),
        ("actor_type", "volunteer".to_owned()),
        ("organisation", "Bærum Frivilligsentral".to_owned()),
        ("idempotency_key", uuid::Uuid::new_v4().to_string()),
    ]
}

async fn register(app: &TestApp, form: &[(&str, String)]) -> anyhow::Result<reqwest::Response> {
    Ok(app
        .post_same_origin("/api/accounts/register")
        .header("accept", "text/html")
        .header("referer", app.url("/register"))
        .form(form)
        .send()
        .await?)
}

async fn sign_in_from(
    app: &TestApp,
    client: &reqwest::Client,
    email: &str,
    password: &str,
) -> anyhow::Result<reqwest::Response> {
    Ok(client
        .post(app.url("/api/accounts/sign-in"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("referer", app.url("/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await?)
}

fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| {
            cookie.starts_with("samskap_session=") && !cookie.starts_with("samskap_session=;")
        })
        .and_then(|cookie| cookie.split(';').next())
        .map(str::to_owned)
}

async fn registering_creates_one_unverified_account_and_says_check_your_email(
    app: TestApp,
) -> anyhow::Result<()> {
    let response = register(&app, &registration("Kari@Example.no")).await?;
    assert_eq!(response.status(), StatusCode::FOUND);
    assert_eq!(response.headers()["location"], "/verify-email");
    let stored = account::Entity::find().one(&app.db).await?;
    let stored = stored.ok_or_else(|| anyhow::anyhow!("no account stored"))?;
    assert_eq!(stored.email, "kari@example.no");
    assert!(stored.email_verified_at.is_none());
    assert!(
        stored.password_hash.starts_with("$argon2id$"),
        "never the password itself"
    );
    assert_eq!(
        stored.organisation.as_deref(),
        Some("Bærum Frivilligsentral")
    );
    Ok(())
}

async fn registering_an_address_again_answers_the_same_and_changes_nothing(
    app: TestApp,
) -> anyhow::Result<()> {
    let first = register(&app, &registration("kari@example.no")).await?;
    let mut again = registration(" KARI@example.no ");
    again[0].1 = "Someone Else".to_owned();
    let second = register(&app, &again).await?;
    assert_eq!(first.status(), second.status());
    assert_eq!(first.headers()["location"], second.headers()["location"]);
    let count = account::Entity::find()
        .filter(account::Column::Email.eq("kari@example.no"))
        .count(&app.db)
        .await?;
    assert_eq!(count, 1);
    let stored = account::Entity::find()
        .one(&app.db)
        .await?
        .map(|a| a.display_name);
    assert_eq!(stored.as_deref(), Some("Kari Nordmann"));
    Ok(())
}

async fn each_bad_registration_field_gets_its_own_message_and_a_4xx(
    app: TestApp,
) -> anyhow::Result<()> {
    let cases: [(&str, String, &str, &str); 8] = [
        ("display_name", "   ".into(), "display_name", "Required"),
        ("display_name", "n".repeat(81), "display_name", "TooLong"),
        ("email", "kari.example.no".into(), "email", "InvalidEmail"),
        ("email", String::new(), "email", "Required"),
        ("password", "kort".into(), "password", "PasswordTooShort"),
        (
            "password",
            "passord123".into(),
            "password",
            "PasswordTooCommon",
        ),
        ("actor_type", "alien".into(), "actor_type", "UnknownChoice"),
        ("organisation", "o".repeat(121), "organisation", "TooLong"),
    ];
    for (field, value, expected_field, expected_problem) in cases {
        let mut form = registration("kari@example.no");
        for entry in form.iter_mut().filter(|(name, _)| *name == field) {
            entry.1 = value.clone();
        }
        let response = app
            .post_same_origin("/api/accounts/register")
            .header("accept", "application/json")
            .form(&form)
            .send()
            .await?;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{field}={value:?}"
        );
        let body: serde_json::Value = response.json().await?;
        assert_eq!(body["Validation"]["field"], expected_field, "{field}");
        assert_eq!(body["Validation"]["problem"], expected_problem, "{field}");
    }
    let missing_key = app
        .post_same_origin("/api/accounts/register")
        .header("accept", "application/json")
        .form(&registration("kari@example.no")[..5])
        .send()
        .await?;
    assert_eq!(missing_key.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        account::Entity::find().count(&app.db).await?,
        0,
        "nothing stored"
    );
    Ok(())
}

async fn a_form_without_javascript_comes_back_with_the_message_and_the_values(
    app: TestApp,
) -> anyhow::Result<()> {
    let mut form = registration("kari.example.no");
    form[2].1 = "a secret password".to_owned();
    let response = register(&app, &form).await?;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let back = response.headers()["location"].to_str()?.to_owned();
    let page = app
        .client
        .get(&back)
        .header("accept-language", "nb")
        .send()
        .await?
        .text()
        .await?;
    ensure!(
        page.contains("Skriv en gyldig e-postadresse"),
        "the message is next to the field"
    );
    ensure!(
        page.contains("value=\"kari.example.no\""),
        "the email is kept"
    );
    ensure!(page.contains("value=\"Kari Nordmann\""), "the name is kept");
    ensure!(
        page.contains("Bærum Frivilligsentral"),
        "the organisation is kept"
    );
    ensure!(
        !page.contains("a secret password") && !back.contains("secret"),
        "the password is not"
    );
    ensure!(
        page.contains("aria-invalid=\"true\""),
        "the field is marked invalid"
    );
    Ok(())
}

async fn signing_in_and_out_starts_and_ends_a_server_side_session(
    app: TestApp,
) -> anyhow::Result<()> {
    register(&app, &registration("kari@example.no")).await?;
    let signed_in = sign_in_from(&app, &app.client, "KARI@example.no", PASSWORD).await?;
    assert_eq!(signed_in.status(), StatusCode::FOUND);
    assert_eq!(signed_in.headers()["location"], "/me");
    let set_cookie = signed_in.headers()["set-cookie"].to_str()?.to_owned();
    ensure!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = session_cookie(&signed_in).ok_or_else(|| anyhow::anyhow!("no session cookie"))?;

    let me = app
        .client
        .get(app.url("/me"))
        .header("cookie", &cookie)
        .send()
        .await?;
    assert_eq!(me.status(), StatusCode::OK);
    ensure!(
        me.text().await?.contains("Kari Nordmann"),
        "/me knows who is signed in"
    );

    // A second sign-in gets a new session id.
    let again = sign_in_from(&app, &app.client, "kari@example.no", PASSWORD).await?;
    assert_ne!(session_cookie(&again), Some(cookie.clone()));

    let signed_out = app
        .client
        .post(app.url("/logout"))
        .header("origin", &app.address)
        .header("accept", "text/html")
        .header("cookie", &cookie)
        .send()
        .await?;
    assert_eq!(signed_out.status(), StatusCode::FOUND);
    ensure!(
        signed_out.headers()["set-cookie"]
            .to_str()?
            .starts_with("samskap_session=;"),
        "cookie cleared"
    );
    let after = app
        .client
        .get(app.url("/me"))
        .header("cookie", &cookie)
        .send()
        .await?;
    ensure!(
        after.status().is_redirection(),
        "the old cookie opens nothing: {}",
        after.status()
    );
    assert_eq!(after.headers()["location"], "/login");
    Ok(())
}

async fn a_wrong_password_and_an_unknown_email_answer_alike(app: TestApp) -> anyhow::Result<()> {
    register(&app, &registration("kari@example.no")).await?;
    let mut answers = Vec::new();
    for (email, password) in [
        ("kari@example.no", "not the password"),
        ("nobody@example.no", PASSWORD),
    ] {
        let response = app
            .post_same_origin("/api/accounts/sign-in")
            .header("accept", "application/json")
            .form(&[("email", email), ("password", password)])
            .send()
            .await?;
        answers.push((
            response.status(),
            response.text().await?.replace(email, "EMAIL"),
        ));
    }
    assert_eq!(answers[0], answers[1]);
    assert_eq!(answers[0].0, StatusCode::UNPROCESSABLE_ENTITY);
    Ok(())
}

async fn the_eleventh_rapid_sign_in_is_refused_but_the_owner_elsewhere_gets_in(
    app: TestApp,
) -> anyhow::Result<()> {
    register(&app, &registration("kari@example.no")).await?;
    for attempt in 1..=10 {
        let response =
            sign_in_from(&app, &app.client, "kari@example.no", "guess guess guess").await?;
        assert_eq!(
            response.status(),
            StatusCode::SEE_OTHER,
            "attempt {attempt} is judged on its merits"
        );
    }
    let eleventh = app
        .client
        .post(app.url("/api/accounts/sign-in"))
        .header("origin", &app.address)
        .header("accept", "application/json")
        .form(&[("email", "kari@example.no"), ("password", PASSWORD)])
        .send()
        .await?;
    assert_eq!(
        eleventh.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "even the right password waits"
    );

    // The owner, from another address, is not locked out.
    let elsewhere = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .local_address(std::net::IpAddr::from([127, 0, 0, 2]))
        .build()?;
    let owner = sign_in_from(&app, &elsewhere, "kari@example.no", PASSWORD).await?;
    assert_eq!(owner.status(), StatusCode::FOUND);
    ensure!(session_cookie(&owner).is_some());
    Ok(())
}
