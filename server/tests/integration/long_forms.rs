//! A long form refused without JavaScript comes back filled in through an
//! address short enough for any proxy, and the typed text never rides in
//! it. On both databases.
use crate::common;

use anyhow::{Context, ensure};
use common::ideas::{idea_form, municipality, participant};
use common::{Backend, TestApp};
use reqwest::StatusCode;

on_both_backends!(a_refused_long_idea_comes_back_whole_through_a_short_address);

/// nginx's and Apache's default limit on a request line is about 8 KB; a
/// redirect's address must stay far below it.
const ADDRESS_MAX: usize = 2_048;

/// The error a redirect carries back to its form, decoded.
fn error_in(location: &str) -> anyhow::Result<String> {
    use base64::Engine as _;
    let query = location.split_once('?').context("a query")?.1;
    let encoded = url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "__err")
        .context("the error")?
        .1;
    Ok(String::from_utf8(
        base64::engine::general_purpose::URL_SAFE.decode(encoded.as_bytes())?,
    )?)
}

async fn a_refused_long_idea_comes_back_whole_through_a_short_address(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    // 10 000 characters with letters beyond ASCII, which percent-encoding triples.
    let body = format!(
        "Sykkelparkering på Sandvika stasjon. {}Slutt på teksten.",
        "Det trengs flere plasser før sju om morgenen. ".repeat(215)
    );
    let mut fields = idea_form("Kort", &body);
    fields.push(("idempotency_key", uuid::Uuid::new_v4().to_string()));
    let refused = app
        .post_same_origin("/api/ideas/save")
        .header("accept", "text/html")
        .header("referer", app.url("/ideas/new"))
        .header("cookie", &kari.cookie)
        .form(&fields)
        .send()
        .await?;
    assert_eq!(refused.status(), StatusCode::SEE_OTHER);
    let location = refused
        .headers()
        .get("location")
        .and_then(|value| value.to_str().ok())
        .context("a Location")?
        .to_owned();
    ensure!(
        location.len() < ADDRESS_MAX,
        "the address back is {} bytes",
        location.len()
    );
    let error = error_in(&location)?;
    ensure!(
        error.contains("\"field\":\"title\"") && !error.contains("Sykkelparkering"),
        "the error travels without the typed text: {error}"
    );
    let url = app.redirect_target(&refused)?;
    let page = app
        .client
        .get(&url)
        .header("cookie", &kari.cookie)
        .send()
        .await?;
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await?;
    ensure!(
        page.contains("idea-title-message"),
        "the message sits next to the title"
    );
    ensure!(
        page.contains("Sykkelparkering på Sandvika stasjon.") && page.contains("Slutt på teksten."),
        "the whole body is kept"
    );
    ensure!(page.contains("value=\"Kort\""), "the title is kept");
    // Reloading the page shows it again.
    let again = app
        .client
        .get(&url)
        .header("cookie", &kari.cookie)
        .send()
        .await?
        .text()
        .await?;
    ensure!(again.contains("Slutt på teksten."));
    Ok(())
}
