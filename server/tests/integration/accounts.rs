//! Accounts over HTTP, as a browser without JavaScript and a script use them:
//! registration, sign-in, sign-out, bad input and rate limits, on both databases.
use crate::common;

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
    a_person_made_for_tests_is_what_registering_and_signing_in_make,
);

on_both_backends_by_backend!(
    failed_sign_ins_from_many_addresses_close_the_account_to_new_addresses_not_to_the_owners,
    an_ipv6_network_counts_as_one_address,
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
    assert_eq!(after.headers()["location"], "/login?return_to=%2Fme");
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

/// The server behind a load balancer on 127.0.0.1, so each request can say,
/// in `X-Forwarded-For`, which client address it comes from.
async fn behind_a_balancer(backend: Backend) -> anyhow::Result<TestApp> {
    TestApp::spawn_with(backend, &[("TRUSTED_PROXIES", "127.0.0.1")]).await
}

/// A sign-in from `client` (through the balancer), as a script sends it:
/// its status, and whether it started a session.
async fn sign_in_as_client(
    app: &TestApp,
    client: &str,
    email: &str,
    password: &str,
) -> anyhow::Result<(StatusCode, bool)> {
    let response = app
        .post_same_origin("/api/accounts/sign-in")
        .header("accept", "application/json")
        .header("x-forwarded-for", client)
        .form(&[("email", email), ("password", password)])
        .send()
        .await?;
    Ok((response.status(), session_cookie(&response).is_some()))
}

/// The storm runs on a runtime with worker threads, as the server does in
/// production; on the tests' usual single thread, /healthz would wait behind
/// the test's own 200 clients.
mod a_storm_of_sign_ins_from_many_addresses_stays_within_memory_and_health_answers {
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() -> anyhow::Result<()> {
        super::a_storm_of_sign_ins_from_many_addresses_stays_within_memory_and_health_answers(
            super::Backend::Sqlite,
        )
        .await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() -> anyhow::Result<()> {
        super::a_storm_of_sign_ins_from_many_addresses_stays_within_memory_and_health_answers(
            super::Backend::Postgres,
        )
        .await
    }
}

/// This process's resident memory in bytes; the server runs inside it.
fn resident_bytes() -> anyhow::Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let kilobytes = status
        .lines()
        .find_map(|line| line.strip_prefix("VmRSS:"))
        .and_then(|value| {
            value
                .trim()
                .trim_end_matches("kB")
                .trim()
                .parse::<u64>()
                .ok()
        })
        .ok_or_else(|| anyhow::anyhow!("no VmRSS in /proc/self/status"))?;
    Ok(kilobytes * 1024)
}

const MEGABYTE: u64 = 1024 * 1024;

/// The client address of storm request `index`: half IPv4, half IPv6 (each
/// in a /64 of its own), all different.
fn storm_address(index: usize) -> String {
    if index.is_multiple_of(2) {
        format!("198.18.{}.{}", index / 200, index % 200 + 1)
    } else {
        format!("2001:db8:{index:x}::1")
    }
}

/// 200 sign-ins at once, wrong passwords and unknown emails, each from an
/// address of its own so no per-address limit stops them: every one would
/// cost a 19 MiB Argon2 hash. The server runs in this process, so its
/// resident memory is the process's (nextest gives each test a process).
async fn a_storm_of_sign_ins_from_many_addresses_stays_within_memory_and_health_answers(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = std::sync::Arc::new(behind_a_balancer(backend).await?);
    register(&app, &registration("kari@example.no")).await?;
    // One sign-in first, so what every sign-in shares (the dummy hash) is made.
    sign_in_as_client(&app, "192.0.2.1", "nobody@example.no", PASSWORD).await?;
    let before = resident_bytes()?;

    let storming = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let memory = tokio::spawn({
        let storming = storming.clone();
        async move {
            let mut peak = 0;
            while storming.load(std::sync::atomic::Ordering::Relaxed) {
                peak = peak.max(resident_bytes()?);
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            anyhow::Ok(peak)
        }
    });
    let health = tokio::spawn({
        let (storming, app) = (storming.clone(), app.clone());
        async move {
            let mut slowest = std::time::Duration::ZERO;
            let mut probes = 0;
            while storming.load(std::sync::atomic::Ordering::Relaxed) {
                let asked = std::time::Instant::now();
                let answer = app
                    .client
                    .get(app.url("/healthz"))
                    .timeout(std::time::Duration::from_secs(5))
                    .send()
                    .await?;
                ensure!(
                    answer.status() == StatusCode::OK,
                    "/healthz: {}",
                    answer.status()
                );
                slowest = slowest.max(asked.elapsed());
                probes += 1;
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
            anyhow::Ok((slowest, probes))
        }
    });

    let started = std::time::Instant::now();
    let storm = (0..200).map(|index| {
        let app = app.clone();
        async move {
            let address = storm_address(index);
            if index.is_multiple_of(2) {
                sign_in_as_client(&app, &address, "kari@example.no", "gjetter i vei her").await
            } else {
                let unknown = format!("nobody{index}@example.no");
                sign_in_as_client(&app, &address, &unknown, PASSWORD).await
            }
        }
    });
    let answers = futures::future::join_all(storm).await;
    let took = started.elapsed();
    storming.store(false, std::sync::atomic::Ordering::Relaxed);
    let peak = memory.await??;
    let (slowest_health, probes) = health.await??;

    let mut judged = 0;
    let mut turned_away = 0;
    let mut unexpected = Vec::new();
    for answer in answers {
        match answer? {
            (StatusCode::UNPROCESSABLE_ENTITY, false) => judged += 1,
            (StatusCode::TOO_MANY_REQUESTS, false) => turned_away += 1,
            other => unexpected.push(other),
        }
    }
    eprintln!(
        "storm of 200 sign-ins took {took:?}: {judged} judged, {turned_away} turned away, \
         {} else; RSS {} MB before, peak {} MB; slowest of {probes} /healthz probes: \
         {slowest_health:?}",
        unexpected.len(),
        before / MEGABYTE,
        peak / MEGABYTE,
    );
    ensure!(unexpected.is_empty(), "storm sign-ins got {unexpected:?}");
    ensure!(judged > 0, "some sign-ins are judged, not all turned away");
    ensure!(
        peak < 300 * MEGABYTE,
        "resident memory peaked at {} MB during the storm",
        peak / MEGABYTE
    );
    ensure!(probes > 0, "/healthz was asked during the storm");
    ensure!(
        slowest_health < std::time::Duration::from_secs(1),
        "/healthz took {slowest_health:?} during the storm"
    );
    Ok(())
}

async fn failed_sign_ins_from_many_addresses_close_the_account_to_new_addresses_not_to_the_owners(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = behind_a_balancer(backend).await?;
    register(&app, &registration("kari@example.no")).await?;
    let home = "198.51.100.10";
    assert_eq!(
        sign_in_as_client(&app, home, "kari@example.no", PASSWORD).await?,
        (StatusCode::OK, true),
        "Kari signs in from home once"
    );

    for (email, password) in [
        ("kari@example.no", "gjetter i vei her"),
        // Nobody's account behaves the same: the limit does not tell which addresses exist.
        ("nobody@example.no", PASSWORD),
    ] {
        // A guesser with many addresses, one try from each: each try is judged on its merits.
        for attempt in 1..=30 {
            let guesser = format!("203.0.113.{attempt}");
            assert_eq!(
                sign_in_as_client(&app, &guesser, email, password).await?,
                (StatusCode::UNPROCESSABLE_ENTITY, false),
                "{email}: failure {attempt} from its own address"
            );
        }
        // Then even the right password from yet another address waits.
        assert_eq!(
            sign_in_as_client(&app, "192.0.2.77", email, PASSWORD).await?,
            (StatusCode::TOO_MANY_REQUESTS, false),
            "{email}: a new address after 30 failures"
        );
    }

    // The owner's known address keeps its own allowance: a typo is judged, the password gets in.
    assert_eq!(
        sign_in_as_client(&app, home, "kari@example.no", "skrivefeil skjer").await?,
        (StatusCode::UNPROCESSABLE_ENTITY, false),
    );
    assert_eq!(
        sign_in_as_client(&app, home, "kari@example.no", PASSWORD).await?,
        (StatusCode::OK, true),
        "Kari still signs in from home"
    );
    Ok(())
}

async fn an_ipv6_network_counts_as_one_address(backend: Backend) -> anyhow::Result<()> {
    let app = behind_a_balancer(backend).await?;
    register(&app, &registration("kari@example.no")).await?;
    // One household's /64, a fresh address for every try.
    for attempt in 1..=10 {
        assert_eq!(
            sign_in_as_client(
                &app,
                &format!("2001:db8:1:2::{attempt:x}"),
                "kari@example.no",
                "gjetter i vei her"
            )
            .await?,
            (StatusCode::UNPROCESSABLE_ENTITY, false),
            "attempt {attempt} is judged on its merits"
        );
    }
    assert_eq!(
        sign_in_as_client(&app, "2001:db8:1:2:ffff::1", "kari@example.no", PASSWORD).await?,
        (StatusCode::TOO_MANY_REQUESTS, false),
        "the eleventh try from the same /64 waits"
    );
    assert_eq!(
        sign_in_as_client(&app, "2001:db8:1:3::1", "kari@example.no", PASSWORD).await?,
        (StatusCode::OK, true),
        "another network is another address"
    );
    Ok(())
}

/// Most tests make their people straight in the database
/// (`common::people::person`) instead of registering and signing in; those
/// people must be what the forms make, or the tests would try another
/// server than residents meet: the same account row, a session the server
/// takes through its own session check, and a stored hash of the password.
async fn a_person_made_for_tests_is_what_registering_and_signing_in_make(
    app: TestApp,
) -> anyhow::Result<()> {
    use app::entities::session;
    use common::people::{person, registered_person, sign_in};

    let registered = registered_person(&app, "registrert@example.no", "Kari").await?;
    let made = person(&app, "laget@example.no", "Kari").await?;

    let account_of = |id: i64| {
        let db = app.db.clone();
        async move {
            account::Entity::find_by_id(id)
                .one(&db)
                .await?
                .ok_or_else(|| anyhow::anyhow!("no account {id}"))
        }
    };
    let (registered_row, made_row) = (account_of(registered.id).await?, account_of(made.id).await?);
    // The hashes differ by their salts only: same algorithm, version and cost.
    let cost = |hash: &str| hash.rsplitn(3, '$').last().map(str::to_owned);
    assert_eq!(
        cost(&made_row.password_hash),
        cost(&registered_row.password_hash)
    );
    ensure!(
        made_row.password_hash.starts_with("$argon2id$v=19$"),
        "{}",
        made_row.password_hash
    );
    let apart_from_identity = |row: &account::Model| account::Model {
        id: 0,
        email: String::new(),
        password_hash: String::new(),
        created_at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        updated_at: chrono::DateTime::<chrono::Utc>::UNIX_EPOCH,
        ..row.clone()
    };
    assert_eq!(
        apart_from_identity(&made_row),
        apart_from_identity(&registered_row)
    );

    let sessions = session::Entity::find().all(&app.db).await?;
    let lifetime_of = |account_id: i64| {
        sessions
            .iter()
            .find(|found| found.account_id == account_id)
            .map(|found| {
                (
                    (found.expires_at - found.created_at).num_minutes(),
                    found.last_seen_at == found.created_at,
                )
            })
    };
    ensure!(
        lifetime_of(made.id).is_some(),
        "a session for the made person"
    );
    assert_eq!(lifetime_of(made.id), lifetime_of(registered.id));

    for (who, cookie) in [("registered", &registered.cookie), ("made", &made.cookie)] {
        ensure!(cookie.starts_with("samskap_session="), "{who}: {cookie}");
        let me = app
            .client
            .get(app.url("/me"))
            .header("cookie", cookie)
            .send()
            .await?;
        assert_eq!(me.status(), StatusCode::OK, "{who}");
        ensure!(me.text().await?.contains("Kari"), "{who}: /me knows who");
    }
    // The stored hash is of the tests' password: the form signs the made person in.
    sign_in(&app, "laget@example.no").await?;
    Ok(())
}
