//! The built CSS, JS and wasm under `/pkg`: sent as the build's
//! precompressed copy where the browser takes one, and told how long to
//! keep them (here, without `hash.txt` beside the test binary, names are
//! not hashed: browsers must ask each time).

use crate::common;

use anyhow::ensure;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use reqwest::header::{ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING};

#[tokio::test]
async fn built_files_go_out_precompressed_with_their_caching() -> anyhow::Result<()> {
    let site = tempfile::tempdir()?;
    let pkg = site.path().join("pkg");
    std::fs::create_dir(&pkg)?;
    std::fs::write(pkg.join("samskap.css"), "body{margin:0}")?;
    std::fs::write(pkg.join("samskap.css.br"), b"brotli copy")?;
    let root = site.path().to_string_lossy().into_owned();
    let app = TestApp::spawn_with(Backend::Sqlite, &[("LEPTOS_SITE_ROOT", &root)]).await?;
    let asked = |encoding: &'static str| {
        app.client
            .get(app.url("/pkg/samskap.css"))
            .header(ACCEPT_ENCODING, encoding)
            .send()
    };

    let compressed = asked("br, gzip").await?;
    ensure!(compressed.status() == StatusCode::OK);
    ensure!(
        compressed
            .headers()
            .get(CONTENT_ENCODING)
            .and_then(|v| v.to_str().ok())
            == Some("br"),
        "the brotli copy is sent as brotli: {:?}",
        compressed.headers()
    );
    ensure!(
        compressed
            .headers()
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            == Some("no-cache")
    );
    ensure!(compressed.bytes().await?.as_ref() == b"brotli copy");

    let plain = asked("identity").await?;
    ensure!(plain.headers().get(CONTENT_ENCODING).is_none());
    ensure!(plain.text().await? == "body{margin:0}");

    let missing = app.get("/pkg/samskap.js").await?;
    ensure!(missing.status() == StatusCode::NOT_FOUND);
    ensure!(
        missing.headers().get(CACHE_CONTROL).is_none(),
        "a missing file is not to be kept"
    );
    let page = app.get("/").await?;
    ensure!(
        page.headers()
            .get(CACHE_CONTROL)
            .and_then(|v| v.to_str().ok())
            != Some("no-cache"),
        "pages are not under the built files' rule"
    );
    Ok(())
}
