//! What every page of the route table says before a browser runs anything,
//! in each language, over the demo data set: its status, `<html lang>`,
//! exactly one `h1` and a title of its own; to a visitor, to a participant
//! and to an admin. The browser journeys keep what needs a browser (axe,
//! reflow at 320 px and on a desktop, islands; end2end/tests/every-page.spec.ts
//! and admin.spec.ts). On both databases.
use crate::common;

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{Context, ensure};
use common::people::{PASSWORD, Person, person, sign_in};
use common::{Backend, TestApp};
use reqwest::StatusCode;

on_both_backends!(
    every_page_answers_a_visitor_in_each_language,
    pages_for_signed_in_people_answer_a_participant_in_each_language,
    the_back_office_answers_the_admin_in_each_language,
    an_unknown_address_answers_404_in_each_language,
);

const LANGUAGES: [&str; 3] = ["nb", "nn", "en"];

/// The first idea of the demo data set (its first comment is on it) and
/// its first challenge.
const FIRST: &str = "1";
/// A method guide of the demo data set.
const GUIDE: &str = "intervjuguide";

/// Every page of the route table, with the first idea, comment and
/// challenge of the demo data set, and one of its guides.
fn every_page() -> Vec<String> {
    server::router::page_routes()
        .iter()
        .map(|route| {
            route
                .path()
                .replace("{comment_id}", FIRST)
                .replace("{id}", FIRST)
                .replace("{slug}", GUIDE)
        })
        .collect()
}

/// Staff's pages outside the back office: the forms that add and edit
/// challenges, ideas' benefit plans, guides and solution cards.
fn for_staff(path: &str) -> bool {
    path.ends_with("/edit")
        || path.ends_with("/benefits")
        || path == "/guides/new"
        || path == "/solutions/new"
}

/// The demo data set, as `samskap demo` loads it for the browser journeys.
async fn with_demo(app: &TestApp) -> anyhow::Result<()> {
    ensure!(
        server::demo::load(&app.db).await?,
        "the demo data set loads"
    );
    Ok(())
}

/// A page as `who` gets it in `language`: the `samskap_lang` cookie set, as
/// the language switch sets it.
async fn page_in(
    app: &TestApp,
    who: Option<&Person>,
    path: &str,
    language: &str,
) -> anyhow::Result<reqwest::Response> {
    let mut cookie = format!("samskap_lang={language}");
    if let Some(who) = who {
        cookie = format!("{cookie}; {}", who.cookie);
    }
    Ok(app
        .client
        .get(app.url(path))
        .header("cookie", cookie)
        .send()
        .await?)
}

/// What every page carries in `language`: `<html lang>`, one `h1`, and a
/// title; on every page but the front page one of its own before the site's name.
fn check_basics(path: &str, language: &str, body: &str) -> anyhow::Result<()> {
    let what = format!("{path} in {language}");
    let html = body
        .split_once("<html")
        .and_then(|(_, rest)| rest.split_once('>'))
        .map(|(attributes, _)| attributes)
        .with_context(|| format!("{what}: an <html> element"))?;
    ensure!(
        html.contains(&format!("lang=\"{language}\"")),
        "{what}: <html{html}>"
    );
    let headings = body.matches("<h1").count();
    ensure!(headings == 1, "{what}: {headings} h1 elements");
    let titles: Vec<&str> = body
        .split("<title>")
        .skip(1)
        .filter_map(|rest| rest.split_once("</title>").map(|(title, _)| title.trim()))
        .collect();
    ensure!(titles.len() == 1, "{what}: titles {titles:?}");
    ensure!(!titles[0].is_empty(), "{what}: an empty title");
    if path != "/" {
        ensure!(
            titles[0].contains(" – "),
            "{what}: the page's own title before the site's name, not {:?}",
            titles[0]
        );
    }
    Ok(())
}

/// `path` answers `who` with 200 and the basics in every language.
async fn answers_in_each_language(
    app: &TestApp,
    who: Option<&Person>,
    path: &str,
) -> anyhow::Result<String> {
    let mut bodies = Vec::new();
    for language in LANGUAGES {
        let answer = page_in(app, who, path, language).await?;
        ensure!(
            answer.status() == StatusCode::OK,
            "{path} in {language}: {}",
            answer.status()
        );
        let body = answer.text().await?;
        check_basics(path, language, &body)?;
        bodies.push(body);
    }
    Ok(bodies.swap_remove(0))
}

/// Every page answers a visitor in every language; one for signed-in people
/// sends them to sign in, in their language, and back afterwards.
async fn every_page_answers_a_visitor_in_each_language(app: TestApp) -> anyhow::Result<()> {
    with_demo(&app).await?;
    let pages = every_page();
    for expected in [
        "/",
        "/privacy",
        "/accessibility",
        "/ideas/1",
        "/ideas/1/comments/1",
        "/guides/intervjuguide",
        "/solutions",
        "/solutions/1",
    ] {
        ensure!(
            pages.iter().any(|page| page == expected),
            "{expected} in {pages:?}"
        );
    }
    for path in pages {
        let answer = page_in(&app, None, &path, "nb").await?;
        if answer.status() == StatusCode::SEE_OTHER {
            let sign_in = format!("/login?return_to={}", app::text::percent_encode(&path));
            ensure!(
                answer.headers()["location"] == sign_in.as_str(),
                "{path}: sent to {:?}",
                answer.headers()["location"]
            );
            answers_in_each_language(&app, None, &sign_in).await?;
        } else {
            answers_in_each_language(&app, None, &path).await?;
        }
    }
    Ok(())
}

/// The pages a visitor is sent to sign in for, but the back office, the
/// staff's edit pages and an idea's benefit plan, answer a participant in every language; so do the
/// idea's page and comment thread with the participant's support buttons.
async fn pages_for_signed_in_people_answer_a_participant_in_each_language(
    app: TestApp,
) -> anyhow::Result<()> {
    with_demo(&app).await?;
    let participant = person(&app, "sofie@example.no", "Sofie Testesen").await?;
    let mut pages = vec!["/ideas/1".to_owned(), "/ideas/1/comments/1".to_owned()];
    for path in every_page() {
        let for_visitor = page_in(&app, None, &path, "nb").await?.status();
        if for_visitor == StatusCode::SEE_OTHER && !path.starts_with("/admin") && !for_staff(&path)
        {
            pages.push(path);
        }
    }
    ensure!(pages.len() > 2, "pages for signed-in people: {pages:?}");
    for path in pages {
        answers_in_each_language(&app, Some(&participant), &path).await?;
    }
    Ok(())
}

/// The back office and the admin's own pages, as the browser journeys'
/// admin (made by `samskap create-admin`) has them in every language; the
/// idea under review (the fifth of the demo data set) carries the staff's
/// panel with the admin's scorecard form.
async fn the_back_office_answers_the_admin_in_each_language(app: TestApp) -> anyhow::Result<()> {
    with_demo(&app).await?;
    let admin = create_admin(&app, "admin@example.no").await?;
    let mut pages: Vec<String> = every_page()
        .into_iter()
        .filter(|path| path.starts_with("/admin"))
        .collect();
    ensure!(pages.len() >= 6, "the back office: {pages:?}");
    pages.extend(
        [
            "/ideas/5",
            "/ideas/5/benefits",
            "/challenges/1/edit",
            "/guides/new",
            "/guides/intervjuguide/edit",
            "/solutions/new",
            "/solutions/new?idea=10",
            "/solutions/1/edit",
            "/me",
            "/me/delete",
        ]
        .map(str::to_owned),
    );
    for path in &pages {
        let body = answers_in_each_language(&app, Some(&admin), path).await?;
        if path == "/ideas/5" {
            let evaluation = body
                .split_once("id=\"staff-work\"")
                .and_then(|(_, panel)| panel.split_once("id=\"evaluation\""))
                // The notes follow the evaluation in the panel.
                .and_then(|(_, rest)| rest.split_once("id=\"notes\""))
                .map(|(evaluation, _)| evaluation)
                .context("the staff's panel with its evaluation")?;
            ensure!(
                evaluation.matches("<form").count() == 1
                    && evaluation.contains("action=\"/api/pipeline/score\""),
                "one scorecard form for the admin: {evaluation}"
            );
        }
    }
    Ok(())
}

/// An unknown address is a 404 in the reader's language, a page like the others.
async fn an_unknown_address_answers_404_in_each_language(app: TestApp) -> anyhow::Result<()> {
    let headings = [
        ("nb", "Fant ikke siden"),
        ("nn", "Fann ikkje sida"),
        ("en", "Page not found"),
    ];
    for (language, heading) in headings {
        let answer = page_in(&app, None, "/finnes-ikke", language).await?;
        ensure!(
            answer.status() == StatusCode::NOT_FOUND,
            "{language}: {}",
            answer.status()
        );
        let body = answer.text().await?;
        check_basics("/finnes-ikke", language, &body)?;
        // Leptos may mark where text nodes meet with `<!>`, an empty comment.
        ensure!(
            body.replace("<!>", "")
                .contains(&format!(">{heading}</h1>")),
            "{language}: the heading {heading}"
        );
    }
    Ok(())
}

/// The admin as an operator makes one: `samskap create-admin` on the test's
/// database, the password on standard input; then signed in.
async fn create_admin(app: &TestApp, email: &str) -> anyhow::Result<Person> {
    let database_url = app.config.database_url.clone();
    let data_dir = app.config.data_dir.clone();
    let email = email.to_owned();
    let created = tokio::task::spawn_blocking(move || -> anyhow::Result<_> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_samskap"))
            .args(["create-admin", "--email", &email, "--name", "Kari Admin"])
            .env("DATABASE_URL", database_url)
            .env("DATA_DIR", data_dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        writeln!(child.stdin.take().context("stdin")?, "{PASSWORD}")?;
        Ok((child.wait_with_output()?, email))
    })
    .await??;
    let (output, email) = created;
    ensure!(
        output.status.success(),
        "create-admin: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    sign_in(app, &email).await
}
