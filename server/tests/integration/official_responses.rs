//! The municipality's official responses: staff answer an idea at any
//! public stage, with a move or without one; the newest stands at the top
//! of the idea's page and every one in its timeline; the idea's followers
//! and its author read the text in their notifications and, whole, in
//! their email, in their own language and as they chose to get email; a
//! response on an idea hidden later stays on the server. Both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, idea_official_response, notification, outbox};
use app::features::notifications::{digest, mailer};
use app::features::pipeline::types::RESPONSE_MAX;
use common::answers::page;
use common::engagement::{idea_row, notifications_of, support};
use common::ideas::{municipality, participant, published_idea};
use common::people::{Person, person_with_role, post_as};
use common::pipeline::{department_id, move_with_owner, staff_in};
use common::{Backend, TestApp, eventually};
use reqwest::StatusCode;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

on_both_backends!(
    a_response_without_a_move_reaches_the_page_and_every_follower_in_their_language,
    a_move_with_a_response_is_one_notification_and_the_newest_response_leads,
    only_staff_respond_and_a_bad_text_is_refused_next_to_its_field,
    a_double_submit_publishes_one_response,
    the_daily_digest_carries_the_whole_response,
    a_response_on_an_idea_hidden_later_stays_on_the_server,
);

const TITLE: &str = "Benker langs elva";

/// The idea, its author (bokmål), Kari who supports it and reads in
/// English, and a member of staff in Vei og trafikk who follows it too.
struct Office {
    author: Person,
    kari: Person,
    staff: Person,
    idea: i64,
}

async fn office(app: &TestApp) -> anyhow::Result<Office> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let staff = staff_in(app, "ansatt@example.no", "Vei og trafikk").await?;
    let idea = published_idea(app, &author, TITLE, "Flere benker.").await?;
    // Supporters follow the idea.
    let supported = support(app, Some(&kari), idea, true).await?;
    ensure!(supported.status().is_success(), "{}", supported.status());
    set_locale(app, &kari, "en").await?;
    let followed = post_as(
        app,
        Some(&staff),
        "/api/follows/set",
        &[
            ("subject", "idea"),
            ("subject_id", &idea.to_string()),
            ("follow", "true"),
        ],
    )
    .await?;
    ensure!(followed.status().is_success(), "{}", followed.status());
    Ok(Office {
        author,
        kari,
        staff,
        idea,
    })
}

async fn set_locale(app: &TestApp, who: &Person, locale: &str) -> anyhow::Result<()> {
    account::Entity::update_many()
        .col_expr(account::Column::Locale, Expr::value(locale))
        .filter(account::Column::Id.eq(who.id))
        .exec(&app.db)
        .await?;
    Ok(())
}

/// The response form as the idea page sends it, with a fresh key.
async fn respond(
    app: &TestApp,
    who: &Person,
    idea: i64,
    text: &str,
) -> anyhow::Result<reqwest::Response> {
    post_as(
        app,
        Some(who),
        "/api/pipeline/respond",
        &[("idea_id", &idea.to_string()), ("response", text)],
    )
    .await
}

async fn responded(app: &TestApp, who: &Person, idea: i64, text: &str) -> anyhow::Result<()> {
    let answer = respond(app, who, idea, text).await?;
    let status = answer.status();
    ensure!(status.is_success(), "{status} {}", answer.text().await?);
    Ok(())
}

/// The part of the idea's page from `id="<section>"` on.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    page.split_once(&format!("id=\"{id}\""))
        .map_or("", |(_, rest)| rest)
}

/// The email in the outbox to `address` from `template` whose text holds
/// `needle`, once it is there.
async fn email_to(
    app: &TestApp,
    address: &str,
    template: &str,
    needle: &str,
) -> anyhow::Result<outbox::Model> {
    eventually("the email in the outbox", || async {
        Ok(outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq(address))
            .filter(outbox::Column::Template.eq(template))
            .order_by_asc(outbox::Column::Id)
            .all(&app.db)
            .await?
            .into_iter()
            .find(|email| email.body_text.contains(needle)))
    })
    .await
}

/// Whether an email holding `needle` reached the outbox folder, as a mail
/// program reads it (quoted-printable line breaks undone).
async fn delivered(app: &TestApp, needle: &str) -> anyhow::Result<()> {
    let folder = app.config.data_dir.join("outbox");
    eventually("the email delivered to the outbox folder", || {
        let folder = folder.clone();
        async move {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                return Ok(None);
            };
            for entry in entries {
                let text = std::fs::read_to_string(entry?.path())?;
                if text
                    .replace("=\r\n", "")
                    .replace("=\n", "")
                    .contains(needle)
                {
                    return Ok(Some(()));
                }
            }
            Ok(None)
        }
    })
    .await
}

/// A response longer than the list's excerpt, with formatting, a typed
/// script and a last sentence the excerpt leaves out.
fn long_response() -> String {
    format!(
        "Takk for idéen! **Vei og trafikk** ser på benkene langs elva i vår.\n\n{}\n\n<script>alert(1)</script>\n\nVi svarer igjen innen 1. mars. Sluttord7731.",
        "Vi går turveien fra Bærums Verk til Lysaker og merker av hvor det trengs benker. "
            .repeat(4)
    )
}

async fn a_response_without_a_move_reaches_the_page_and_every_follower_in_their_language(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let text = long_response();
    responded(&app, &office.staff, idea, &text).await?;
    ensure!(
        idea_row(&app, idea).await?.status.as_str() == "published",
        "a response moves nothing"
    );

    // Everyone reads it at the top of the page and in the timeline,
    // sanitised, signed by the staff member's department.
    let public = page(&app, None, &format!("/ideas/{idea}")).await?;
    let top = section(&public, "official-response");
    ensure!(
        top.contains("Svar fra kommunen") && top.contains("<strong>Vei og trafikk</strong> ser på"),
        "the response box: {top}"
    );
    ensure!(
        top.contains(" · Vei og trafikk"),
        "signed by the department"
    );
    ensure!(!public.contains("<script>alert"), "the script is gone");
    let timeline = section(&public, "timeline");
    ensure!(
        timeline.contains("Svar fra kommunen") && timeline.contains("Sluttord7731"),
        "the timeline has it: {timeline}"
    );

    // The author and Kari are told, the responder is not.
    for who in [&office.author, &office.kari] {
        let told = notifications_of(&app, who).await?;
        let last = told.last().context("a notification")?;
        ensure!(last.kind.as_str() == "idea_response" && last.response_id.is_some());
    }
    ensure!(
        notifications_of(&app, &office.staff).await?.is_empty(),
        "the responder is not told of their own response"
    );

    // The list shows the sentence and an excerpt; its answer carries no more.
    let list = page(&app, Some(&office.kari), "/api/notifications/page").await?;
    ensure!(
        list.contains("IdeaResponse")
            && list.contains("Vei og trafikk ser på benkene")
            && !list.contains("Sluttord7731")
            && !list.contains("**"),
        "the list's answer: {list}"
    );
    let listed = page(&app, Some(&office.author), "/notifications").await?;
    ensure!(
        listed.contains("Kommunen har svart på idéen «Benker langs elva».")
            && listed.contains("Vei og trafikk ser på benkene"),
        "the list page"
    );

    // Each email carries the whole text, in its reader's language.
    let kari = email_to(&app, "kari@example.no", "notification", "Sluttord7731").await?;
    ensure!(
        kari.body_text
            .contains("The municipality has responded to the idea “Benker langs elva”.")
            && kari.body_text.contains("The municipality's response:")
            && kari.body_text.contains("Vei og trafikk ser på benkene")
            && kari.body_text.contains("Sluttord7731"),
        "Kari's email: {}",
        kari.body_text
    );
    ensure!(
        kari.body_html.contains("<strong>Vei og trafikk</strong>"),
        "the HTML part is formatted"
    );
    for part in [&kari.body_text, &kari.body_html] {
        ensure!(!part.contains("script"), "no script in the email: {part}");
    }
    let author = email_to(&app, "forfatter@example.no", "notification", "Sluttord7731").await?;
    ensure!(
        author
            .body_text
            .contains("Kommunen har svart på idéen «Benker langs elva».")
            && author.body_text.contains("Svar fra kommunen:")
            && author.body_text.contains("Sluttord7731"),
        "the author's email: {}",
        author.body_text
    );
    // And it leaves the outbox as a mail program reads it.
    delivered(&app, "Sluttord7731").await?;
    ensure!(
        outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("ansatt@example.no"))
            .filter(outbox::Column::Template.eq("notification"))
            .count(&app.db)
            .await?
            == 0,
        "no email to the responder"
    );
    Ok(())
}

async fn a_move_with_a_response_is_one_notification_and_the_newest_response_leads(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let before = notifications_of(&app, &office.kari).await?.len();
    let moved = post_as(
        &app,
        Some(&office.staff),
        "/api/pipeline/move",
        &[
            ("idea_id", &idea.to_string()),
            ("to", "under_review"),
            ("reason", ""),
            ("link", ""),
            ("response", "Vi vurderer dette nå. Førstesvar5512."),
            ("department_id", &roads.to_string()),
        ],
    )
    .await?;
    let status = moved.status();
    ensure!(status.is_success(), "{status} {}", moved.text().await?);
    let told = notifications_of(&app, &office.kari).await?;
    ensure!(told.len() == before + 1, "one notification: {told:?}");
    let last = told.last().context("the notification")?;
    ensure!(
        last.kind.as_str() == "idea_status"
            && last.detail.as_deref() == Some("under_review")
            && last.response_id.is_some(),
        "status and response together: {last:?}"
    );
    let email = email_to(&app, "kari@example.no", "notification", "Førstesvar5512").await?;
    ensure!(
        email
            .body_text
            .contains("The idea “Benker langs elva” has a new status: Under review.")
            && email.body_text.contains("Førstesvar5512"),
        "{}",
        email.body_text
    );

    // A later response on its own: it leads, the first stays in the timeline.
    responded(
        &app,
        &office.staff,
        idea,
        "Vi har bestilt benker. Andresvar6623.",
    )
    .await?;
    let public = page(&app, None, &format!("/ideas/{idea}")).await?;
    let top = section(&public, "official-response");
    let top = top.split("id=\"timeline\"").next().unwrap_or_default();
    ensure!(
        top.contains("Andresvar6623") && !top.contains("Førstesvar5512"),
        "the newest leads: {top}"
    );
    ensure!(
        top.contains("Tidligere svar (1)"),
        "and points to the others"
    );
    let timeline = section(&public, "timeline");
    ensure!(
        timeline.contains("Under vurdering")
            && timeline.contains("Førstesvar5512")
            && timeline.contains("Andresvar6623"),
        "both in the timeline: {timeline}"
    );
    ensure!(
        timeline.find("Førstesvar5512") < timeline.find("Andresvar6623"),
        "oldest first"
    );
    // One notion of a response: both are rows of one table, the first
    // tied to its move.
    let rows = idea_official_response::Entity::find()
        .filter(idea_official_response::Column::IdeaId.eq(idea))
        .order_by_asc(idea_official_response::Column::Id)
        .all(&app.db)
        .await?;
    ensure!(rows.len() == 2, "{rows:?}");
    ensure!(rows[0].status_change_id.is_some() && rows[0].status.as_str() == "under_review");
    ensure!(rows[1].status_change_id.is_none() && rows[1].department_id == Some(roads));
    Ok(())
}

async fn only_staff_respond_and_a_bad_text_is_refused_next_to_its_field(
    app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    for who in [&office.author, &office.kari, &moderator] {
        let refused = respond(&app, who, idea, "Jeg svarer for kommunen.").await?;
        ensure!(
            refused.status() == StatusCode::FORBIDDEN,
            "{}",
            refused.status()
        );
    }
    let anonymous = post_as(
        &app,
        None,
        "/api/pipeline/respond",
        &[("idea_id", &idea.to_string()), ("response", "Hei")],
    )
    .await?;
    ensure!(anonymous.status() == StatusCode::UNAUTHORIZED);

    let over = "æ".repeat(RESPONSE_MAX + 1);
    let huge = "a".repeat(200_000);
    for (text, problem) in [
        ("   \n ", "Required"),
        (over.as_str(), "TooLong"),
        (huge.as_str(), "TooLong"),
    ] {
        let refused = respond(&app, &office.staff, idea, text).await?;
        ensure!(refused.status() == StatusCode::UNPROCESSABLE_ENTITY);
        let body = refused.text().await?;
        ensure!(
            body.contains(&format!(r#""field":"response","problem":"{problem}""#)),
            "{body}"
        );
    }
    ensure!(
        respond(&app, &office.staff, idea + 1000, "Hei")
            .await?
            .status()
            == StatusCode::NOT_FOUND,
        "an unknown idea"
    );
    let unparsable = post_as(
        &app,
        Some(&office.staff),
        "/api/pipeline/respond",
        &[("idea_id", "ti"), ("response", "Hei")],
    )
    .await?;
    ensure!(unparsable.status() == StatusCode::BAD_REQUEST);
    ensure!(
        idea_official_response::Entity::find()
            .count(&app.db)
            .await?
            == 0,
        "nothing was published"
    );

    // Without JavaScript the form comes back with the message next to the
    // field and the text kept.
    let too_long = format!("Behold denne teksten. {}", "x".repeat(RESPONSE_MAX));
    let refused = app
        .post_same_origin("/api/pipeline/respond")
        .header("accept", "text/html")
        .header("referer", app.url(&format!("/ideas/{idea}")))
        .header("cookie", &office.staff.cookie)
        .form(&[
            ("idea_id", idea.to_string()),
            ("response", too_long),
            ("idempotency_key", uuid::Uuid::new_v4().to_string()),
        ])
        .send()
        .await?;
    ensure!(
        refused.status() == StatusCode::SEE_OTHER,
        "{}",
        refused.status()
    );
    let back = app.redirect_target(&refused)?;
    let form = app
        .client
        .get(&back)
        .header("cookie", &office.staff.cookie)
        .send()
        .await?
        .text()
        .await?;
    let form = section(&form, "respond");
    ensure!(
        form.contains("respond-response-message") && form.contains("Behold denne teksten."),
        "the message and the text: {form}"
    );

    // A withdrawn idea takes no response.
    let withdrawn = published_idea(&app, &office.author, "Trukket idé", "Tekst.").await?;
    let taken_back = post_as(
        &app,
        Some(&office.author),
        "/api/ideas/withdraw",
        &[("idea_id", &withdrawn.to_string())],
    )
    .await?;
    ensure!(taken_back.status().is_success());
    let refused = respond(&app, &office.staff, withdrawn, "For sent.").await?;
    ensure!(refused.status() == StatusCode::UNPROCESSABLE_ENTITY);
    ensure!(refused.text().await?.contains("NotAllowedNow"));

    // An admin acts as staff, at any stage a response is taken.
    let admin = person_with_role(&app, "admin@example.no", "admin").await?;
    let roads = department_id(&app, "Vei og trafikk").await?;
    let moved = move_with_owner(&app, &office.staff, idea, "under_review", Some(roads)).await?;
    ensure!(moved.status().is_success());
    responded(&app, &admin, idea, "Svar fra en administrator.").await?;
    Ok(())
}

async fn a_double_submit_publishes_one_response(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let key = uuid::Uuid::new_v4().to_string();
    let idea = office.idea.to_string();
    for _ in 0..2 {
        let answer = app
            .post_same_origin("/api/pipeline/respond")
            .header("accept", "application/json")
            .header("cookie", &office.staff.cookie)
            .form(&[
                ("idea_id", idea.as_str()),
                ("response", "Takk, vi ser på det."),
                ("idempotency_key", key.as_str()),
            ])
            .send()
            .await?;
        ensure!(answer.status().is_success(), "{}", answer.status());
    }
    let published = idea_official_response::Entity::find()
        .filter(idea_official_response::Column::IdeaId.eq(office.idea))
        .count(&app.db)
        .await?;
    ensure!(published == 1, "{published} responses");
    let told = notifications_of(&app, &office.kari).await?;
    ensure!(
        told.iter()
            .filter(|row| row.kind.as_str() == "idea_response")
            .count()
            == 1,
        "told once"
    );
    Ok(())
}

async fn the_daily_digest_carries_the_whole_response(app: TestApp) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let daily = post_as(
        &app,
        Some(&office.kari),
        "/api/notifications/email-choice",
        &[("choice", "daily")],
    )
    .await?;
    ensure!(daily.status().is_success());
    responded(&app, &office.staff, office.idea, &long_response()).await?;
    eventually("Kari's notification set aside for the digest", || async {
        let waiting = notification::Entity::find()
            .filter(notification::Column::AccountId.eq(office.kari.id))
            .filter(notification::Column::EmailDue.eq("digest"))
            .count(&app.db)
            .await?;
        Ok((waiting == 1).then_some(()))
    })
    .await?;
    ensure!(
        outbox::Entity::find()
            .filter(outbox::Column::Recipient.eq("kari@example.no"))
            .filter(outbox::Column::Template.eq("notification"))
            .count(&app.db)
            .await?
            == 0,
        "nothing at once"
    );
    digest::send(&app.db, &app.config.public_url).await?;
    let email = email_to(&app, "kari@example.no", "digest", "Sluttord7731").await?;
    ensure!(
        email
            .body_text
            .contains("The municipality has responded to the idea “Benker langs elva”.")
            && email.body_text.contains("The municipality's response:")
            && email.body_text.contains("Sluttord7731")
            && email.body_html.contains("<strong>Vei og trafikk</strong>")
            && !email.body_html.contains("script"),
        "the digest: {}",
        email.body_text
    );
    Ok(())
}

/// Something no page would say by chance.
const MARKER: &str = "Svarmarkør9035";

async fn a_response_on_an_idea_hidden_later_stays_on_the_server(
    mut app: TestApp,
) -> anyhow::Result<()> {
    let office = office(&app).await?;
    let idea = office.idea;
    let moderator = person_with_role(&app, "moderator@example.no", "moderator").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    ensure!(
        support(&app, Some(&ola), idea, true)
            .await?
            .status()
            .is_success()
    );
    let daily = post_as(
        &app,
        Some(&ola),
        "/api/notifications/email-choice",
        &[("choice", "daily")],
    )
    .await?;
    ensure!(daily.status().is_success());
    // Nothing is emailed until the idea is hidden.
    if let Some(worker) = app.job_worker.take() {
        worker.stop().await;
    }
    responded(
        &app,
        &office.staff,
        idea,
        &format!("Vi ser på dette. {MARKER}"),
    )
    .await?;
    let hidden = post_as(
        &app,
        Some(&moderator),
        "/api/moderation/decide",
        &[
            ("kind", "idea"),
            ("id", &idea.to_string()),
            ("decision", "hide"),
            ("reason", "Personopplysninger"),
        ],
    )
    .await?;
    ensure!(hidden.status().is_success(), "{}", hidden.status());

    for who in [None, Some(&office.kari), Some(&ola), Some(&office.staff)] {
        for path in [
            format!("/ideas/{idea}"),
            format!("/api/ideas/detail?idea_id={idea}"),
            "/notifications".to_owned(),
            "/api/notifications/page".to_owned(),
        ] {
            if who.is_none() && path.contains("notifications") {
                continue;
            }
            let body = page(&app, who, &path).await?;
            ensure!(
                !body.contains(MARKER),
                "{path} shows the hidden idea's response to {:?}",
                who.map(|person| person.id)
            );
        }
    }
    // Its author still reads it.
    let own = page(&app, Some(&office.author), &format!("/ideas/{idea}")).await?;
    ensure!(own.contains(MARKER), "the author reads her idea's response");
    // No more responses while it is hidden.
    let refused = respond(&app, &office.staff, idea, "Et svar til.").await?;
    ensure!(
        refused.status() == StatusCode::NOT_FOUND,
        "{}",
        refused.status()
    );

    // Kari's email at once, Ola's in the digest: neither carries it.
    let public_url = app.config.public_url.clone();
    while mailer::email_waiting(&app.db, &public_url).await? > 0 {}
    digest::send(&app.db, &public_url).await?;
    let emails = outbox::Entity::find().all(&app.db).await?;
    for (address, template) in [
        ("kari@example.no", "notification"),
        ("ola@example.no", "digest"),
    ] {
        ensure!(
            emails
                .iter()
                .any(|email| email.recipient == address && email.template == template),
            "a {template} email to {address}"
        );
    }
    for email in emails
        .iter()
        .filter(|email| email.recipient != "forfatter@example.no")
    {
        for part in [&email.subject, &email.body_text, &email.body_html] {
            ensure!(
                !part.contains(MARKER),
                "the {} email to {}: {part}",
                email.template,
                email.recipient
            );
        }
    }
    Ok(())
}
