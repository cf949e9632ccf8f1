//! Small doors a careful attacker tries: where a form sends the browser
//! back to, and the session cookie behind https. On both databases.
use crate::common;

use anyhow::{Context, ensure};
use common::ideas::{municipality, participant, published_idea};
use common::people::{PASSWORD, Person, registration_form};
use common::{Backend, TestApp};
use reqwest::StatusCode;

on_both_backends!(a_form_never_sends_the_browser_off_the_site,);

on_both_backends_by_backend!(behind_https_the_session_cookie_is_host_only,);

/// Follows (or unfollows) an idea without JavaScript, asking to come back
/// to `return_to`; the answer's `Location`.
async fn follow_and_return_to(
    app: &TestApp,
    who: &Person,
    idea: i64,
    follow: bool,
    return_to: &str,
) -> anyhow::Result<String> {
    let answer = app
        .post_same_origin("/api/follows/set")
        .header("accept", "text/html")
        .header("cookie", &who.cookie)
        .form(&[
            ("subject", "idea".to_owned()),
            ("subject_id", idea.to_string()),
            ("follow", follow.to_string()),
            ("return_to", return_to.to_owned()),
        ])
        .send()
        .await?;
    ensure!(
        answer.status().is_redirection(),
        "{return_to:?}: {}",
        answer.status()
    );
    Ok(answer
        .headers()
        .get("location")
        .context("a Location")?
        .to_str()?
        .to_owned())
}

/// `return_to` is what the form says to come back to; a crafted one must
/// neither lead to another site nor break the answer.
async fn a_form_never_sends_the_browser_off_the_site(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let idea = published_idea(&app, &ola, "Benker langs elva i Sandvika", "Flere benker.").await?;
    for return_to in [
        "/\t/evil.example",
        "/\n/evil.example",
        "/\\evil.example",
        "//evil.example",
        "https://evil.example",
        "/ideas\u{1}",
        "/ideas\r\nSet-Cookie: x=y",
    ] {
        let location = follow_and_return_to(&app, &kari, idea, true, return_to).await?;
        assert_eq!(location, format!("/ideas/{idea}#follow"), "{return_to:?}");
    }
    // A path of ours, with letters beyond ASCII, still comes back.
    let location = follow_and_return_to(&app, &kari, idea, false, "/ideas?district=Bærum").await?;
    assert_eq!(location, "/ideas?district=B%C3%A6rum");
    Ok(())
}

async fn behind_https_the_session_cookie_is_host_only(backend: Backend) -> anyhow::Result<()> {
    const PUBLIC: &str = "https://samskap.example";
    let app = TestApp::spawn_with(backend, &[("PUBLIC_URL", PUBLIC)]).await?;
    // Registration and sign-in as the browser sends them behind the balancer.
    let registered = app
        .client
        .post(app.url("/api/accounts/register"))
        .header("origin", PUBLIC)
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .form(&registration_form("kari@example.no", "Kari"))
        .send()
        .await?;
    ensure!(registered.status().is_success(), "{}", registered.status());
    let signed_in = app
        .client
        .post(app.url("/api/accounts/sign-in"))
        .header("origin", PUBLIC)
        .header("sec-fetch-site", "same-origin")
        .header("accept", "application/json")
        .form(&[("email", "kari@example.no"), ("password", PASSWORD)])
        .send()
        .await?;
    ensure!(signed_in.status().is_success(), "{}", signed_in.status());
    let set_cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.contains("samskap_session="))
        .context("a session cookie")?
        .to_owned();
    ensure!(
        set_cookie.starts_with("__Host-samskap_session=")
            && set_cookie.contains("; Secure")
            && set_cookie.contains("Path=/;")
            && !set_cookie.contains("Domain"),
        "{set_cookie}"
    );
    let token = set_cookie
        .split(';')
        .next()
        .and_then(|pair| pair.split_once('='))
        .map(|(_, token)| token.to_owned())
        .context("the token")?;
    let me = |cookie: String| {
        let app = &app;
        async move {
            Ok::<_, anyhow::Error>(
                app.client
                    .get(app.url("/me"))
                    .header("cookie", cookie)
                    .send()
                    .await?
                    .status(),
            )
        }
    };
    assert_eq!(
        me(format!("__Host-samskap_session={token}")).await?,
        StatusCode::OK
    );
    // The same token under the plain name, as a planted cookie would be, is no session.
    assert_eq!(
        me(format!("samskap_session={token}")).await?,
        StatusCode::SEE_OTHER
    );
    Ok(())
}
