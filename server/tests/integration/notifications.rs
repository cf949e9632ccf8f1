//! Follows and notifications: who follows what, the in-app list and the
//! header's count, email at once or in the daily digest, one-click
//! unsubscribe, and delivery through a mail server outage. Both databases,
//! a real SMTP server.
use crate::common;

use std::collections::BTreeSet;

use anyhow::{Context, ensure};
use app::entities::{account, notification, outbox};
use app::features::follows::{service as follows, types::Subject};
use app::features::notifications::digest;
use common::engagement::{comment_on, notifications_of, support};
use common::ideas::{challenge_in, municipality, participant, published_idea};
use common::people::{Person, get_as, person_with_role, post_as};
use common::smtp::{ReceivedEmail, SmtpServer};
use common::{Backend, TestApp, eventually};
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

on_both_backends_by_backend!(
    a_reply_reaches_the_list_the_header_and_the_inbox,
    one_click_unsubscribe_stops_the_emails_but_not_the_list,
    notifications_wait_out_a_mail_server_outage_and_arrive_once_each,
    the_daily_digest_gathers_the_day_into_one_email,
);

on_both_backends!(
    taking_part_follows_and_an_unfollow_sticks,
    following_needs_a_visible_subject,
    challenge_followers_hear_of_decisions_and_deadlines_once,
    the_notification_list_is_ones_own,
);

async fn app_sending_to(backend: Backend, smtp: &SmtpServer) -> anyhow::Result<TestApp> {
    let url = smtp.url();
    TestApp::spawn_with(backend, &[("SMTP_URL", &url), ("MAIL_RETRY_SECONDS", "0")]).await
}

struct Scene {
    author: Person,
    kari: Person,
    idea: i64,
    kari_comment: i64,
}

impl Scene {
    /// The idea's author answers Kari's comment, which notifies her.
    async fn author_replies(&self, app: &TestApp, body: &str) -> anyhow::Result<i64> {
        comment_on(app, &self.author, self.idea, Some(self.kari_comment), body).await
    }
}

/// The author's idea with a comment by Kari.
async fn scene(app: &TestApp) -> anyhow::Result<Scene> {
    municipality(app).await?;
    let author = participant(app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let idea = published_idea(app, &author, "Benker langs Lysakerelva", "Flere benker.").await?;
    let kari_comment = comment_on(app, &kari, idea, None, "Ja takk, ved Granfoss.").await?;
    Ok(Scene {
        author,
        kari,
        idea,
        kari_comment,
    })
}

/// Notification emails (those with an unsubscribe header) to `address`,
/// as the SMTP server got them; the sign-up emails are left out.
fn to(received: &[ReceivedEmail], address: &str) -> Vec<ReceivedEmail> {
    received
        .iter()
        .filter(|email| email.rcpt_to.iter().any(|rcpt| rcpt.contains(address)))
        .filter(|email| email.header("List-Unsubscribe").is_some())
        .cloned()
        .collect()
}

/// Waits until `count` notification emails to `address` have arrived.
async fn wait_for_notifications(
    smtp: &SmtpServer,
    address: &str,
    count: usize,
) -> anyhow::Result<Vec<ReceivedEmail>> {
    eventually("the notification emails", || async {
        let emails = to(&smtp.received(), address);
        Ok((emails.len() >= count).then_some(emails))
    })
    .await
}

async fn a_reply_reaches_the_list_the_header_and_the_inbox(backend: Backend) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let app = app_sending_to(backend, &smtp).await?;
    let scene = scene(&app).await?;
    scene.author_replies(&app, "Godt forslag!").await?;

    let page = get_as(&app, Some(&scene.kari), "/ideas")
        .await?
        .text()
        .await?;
    ensure!(
        page.contains("class=\"unread-count\">1<"),
        "the header counts one unread"
    );

    let emails = wait_for_notifications(&smtp, "kari@example.no", 1).await?;
    ensure!(emails.len() == 1, "{} emails to Kari", emails.len());
    let email = &emails[0];
    let text = email.part("text/plain").context("a text part")?;
    ensure!(
        text.contains("Forfatter svarte på kommentaren din til «Benker langs Lysakerelva»"),
        "{text}"
    );
    ensure!(
        text.contains(&format!("/ideas/{}#comment-", scene.idea)),
        "{text}"
    );
    let unsubscribe = email
        .header("List-Unsubscribe")
        .context("List-Unsubscribe")?;
    ensure!(unsubscribe.starts_with('<') && unsubscribe.contains("/unsubscribe?token="));
    ensure!(email.header("List-Unsubscribe-Post").as_deref() == Some("List-Unsubscribe=One-Click"));
    ensure!(
        text.contains("/unsubscribe?token="),
        "the link is in the text too"
    );

    let list = get_as(&app, Some(&scene.kari), "/notifications").await?;
    ensure!(list.status() == StatusCode::OK);
    let list = list.text().await?;
    ensure!(
        list.contains("Forfatter svarte på kommentaren din"),
        "in the list"
    );
    ensure!(
        list.contains("data-unread=\"true\""),
        "marked new this once"
    );
    // Seeing the list read it: the count is gone, the item stays.
    let again = get_as(&app, Some(&scene.kari), "/notifications")
        .await?
        .text()
        .await?;
    ensure!(!again.contains("unread-count") && !again.contains("data-unread=\"true\""));
    ensure!(again.contains("Forfatter svarte på kommentaren din"));
    // The author wrote the reply: no notification for them.
    ensure!(notifications_of(&app, &scene.author).await?.is_empty());
    Ok(())
}

async fn one_click_unsubscribe_stops_the_emails_but_not_the_list(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    let scene = scene(&app).await?;
    scene.author_replies(&app, "Svar 1").await?;
    let header = wait_for_notifications(&smtp, "kari@example.no", 1).await?[0]
        .header("List-Unsubscribe")
        .context("the header")?;
    let link = header.trim_matches(['<', '>']).to_owned();
    let path = link.trim_start_matches(&app.address).to_owned();
    ensure!(path.starts_with("/unsubscribe?token="), "{link}");

    // Opening the link changes nothing: mail scanners open links.
    let page = app.get(&path).await?;
    ensure!(page.status() == StatusCode::OK);
    ensure!(page.text().await?.contains("k•••@example.no"));
    let kari = account::Entity::find_by_id(scene.kari.id)
        .one(&app.db)
        .await?
        .context("Kari")?;
    ensure!(kari.email_notifications.as_str() == "immediately");

    // The mail program's one-click post: no session, no origin.
    let posted = app
        .client
        .post(&link)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await?;
    ensure!(posted.status() == StatusCode::OK, "{}", posted.status());
    let kari = account::Entity::find_by_id(scene.kari.id)
        .one(&app.db)
        .await?
        .context("Kari")?;
    ensure!(kari.email_notifications.as_str() == "off");

    scene.author_replies(&app, "Svar 2").await?;
    eventually("the second notification to be handled", || async {
        let waiting = notification::Entity::find()
            .filter(notification::Column::EmailDue.is_not_null())
            .count(&app.db)
            .await?;
        Ok((waiting == 0).then_some(()))
    })
    .await?;
    app.settle_mail().await?;
    ensure!(
        to(&smtp.received(), "kari@example.no").len() == 1,
        "no email after unsubscribing"
    );
    ensure!(
        notifications_of(&app, &scene.kari).await?.len() == 2,
        "the list still has both"
    );

    // An unknown token is refused; the page says so in words.
    let unknown = app
        .client
        .post(app.url("/unsubscribe?token=gjettet"))
        .body("List-Unsubscribe=One-Click")
        .send()
        .await?;
    ensure!(unknown.status() == StatusCode::NOT_FOUND);
    let page = app.get("/unsubscribe?token=gjettet").await?.text().await?;
    ensure!(page.contains("role=\"alert\""));
    Ok(())
}

async fn notifications_wait_out_a_mail_server_outage_and_arrive_once_each(
    backend: Backend,
) -> anyhow::Result<()> {
    let mut smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    let scene = scene(&app).await?;
    // The sign-up emails go first, so only notifications are left to wait.
    eventually("the sign-up emails sent", || async {
        let waiting = outbox::Entity::find()
            .filter(outbox::Column::SentAt.is_null())
            .count(&app.db)
            .await?;
        Ok((waiting == 0).then_some(()))
    })
    .await?;
    smtp.stop().await;
    for number in 0..3 {
        let body = format!("Svar nummer {number}");
        scene.author_replies(&app, &body).await?;
    }
    // They wait in the outbox, tried and not given up.
    eventually("three notification emails tried", || async {
        let tried = outbox::Entity::find()
            .filter(outbox::Column::Template.eq("notification"))
            .filter(outbox::Column::Attempts.gte(1))
            .count(&app.db)
            .await?;
        Ok((tried == 3).then_some(()))
    })
    .await?;
    ensure!(to(&smtp.received(), "kari@example.no").is_empty());

    smtp.restart().await?;
    let received = wait_for_notifications(&smtp, "kari@example.no", 3).await?;
    app.settle_mail().await?;
    let received_after = to(&smtp.received(), "kari@example.no");
    ensure!(
        received_after.len() == 3,
        "{} arrived",
        received_after.len()
    );
    let ids: BTreeSet<String> = received
        .iter()
        .filter_map(|email| email.header("Message-ID"))
        .collect();
    ensure!(ids.len() == 3, "each once, with its own Message-ID");
    Ok(())
}

async fn the_daily_digest_gathers_the_day_into_one_email(backend: Backend) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    let scene = scene(&app).await?;
    let chose = post_as(
        &app,
        Some(&scene.kari),
        "/api/notifications/email-choice",
        &[("choice", "daily")],
    )
    .await?;
    ensure!(chose.status().is_success(), "{}", chose.status());
    for number in 0..3 {
        let body = format!("Dagens svar {number}");
        scene.author_replies(&app, &body).await?;
    }
    eventually("the notifications set aside for the digest", || async {
        let waiting = notification::Entity::find()
            .filter(notification::Column::EmailDue.eq("digest"))
            .count(&app.db)
            .await?;
        Ok((waiting == 3).then_some(()))
    })
    .await?;
    ensure!(
        to(&smtp.received(), "kari@example.no").is_empty(),
        "nothing is sent at once"
    );

    let public_url = app.config.public_url.clone();
    ensure!(digest::send_once_for(&app.db, &public_url, "2026-12-01").await? == Some(1));
    ensure!(
        digest::send_once_for(&app.db, &public_url, "2026-12-01")
            .await?
            .is_none()
    );
    wait_for_notifications(&smtp, "kari@example.no", 1).await?;
    app.settle_mail().await?;
    let emails = to(&smtp.received(), "kari@example.no");
    ensure!(emails.len() == 1, "one digest");
    let text = emails[0].part("text/plain").context("text")?;
    ensure!(
        text.matches("Forfatter svarte på kommentaren din").count() == 3,
        "{text}"
    );
    ensure!(emails[0].header("List-Unsubscribe").is_some());
    // The next day's digest has nothing new to say.
    ensure!(digest::send_once_for(&app.db, &public_url, "2026-12-02").await? == Some(0));
    Ok(())
}

async fn taking_part_follows_and_an_unfollow_sticks(app: TestApp) -> anyhow::Result<()> {
    let scene = scene(&app).await?;
    let idea = Subject::Idea(scene.idea);
    ensure!(
        follows::is_following(&app.db, scene.author.id, idea).await?,
        "the author"
    );
    ensure!(
        follows::is_following(&app.db, scene.kari.id, idea).await?,
        "a commenter"
    );
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    support(&app, Some(&ola), scene.idea, true).await?;
    ensure!(
        follows::is_following(&app.db, ola.id, idea).await?,
        "a supporter"
    );

    let unfollow = |follow: bool| {
        let app = &app;
        let cookie = scene.kari.cookie.clone();
        async move {
            app.post_same_origin("/api/follows/set")
                .header("accept", "text/html")
                .header("cookie", cookie)
                .form(&[
                    ("subject", "idea".to_owned()),
                    ("subject_id", scene.idea.to_string()),
                    ("follow", follow.to_string()),
                    ("return_to", "/notifications#following".to_owned()),
                ])
                .send()
                .await
        }
    };
    let answer = unfollow(false).await?;
    ensure!(answer.status() == StatusCode::SEE_OTHER || answer.status() == StatusCode::FOUND);
    ensure!(
        answer
            .headers()
            .get("location")
            .and_then(|v| v.to_str().ok())
            == Some("/notifications#following")
    );
    ensure!(!follows::is_following(&app.db, scene.kari.id, idea).await?);
    comment_on(&app, &scene.kari, scene.idea, None, "Én til").await?;
    ensure!(
        !follows::is_following(&app.db, scene.kari.id, idea).await?,
        "taking part again does not follow again"
    );
    // A followed idea's status change reaches followers but not the unfollower.
    let withdrawn = post_as(
        &app,
        Some(&scene.author),
        "/api/ideas/withdraw",
        &[("idea_id", &scene.idea.to_string())],
    )
    .await?;
    ensure!(withdrawn.status().is_success());
    ensure!(
        notifications_of(&app, &ola).await?.len() == 1,
        "the supporter is told"
    );
    ensure!(
        notifications_of(&app, &scene.kari).await?.is_empty(),
        "the unfollower is not"
    );
    // Following again from the button works, and a foreign return address is ignored.
    unfollow(true).await?;
    ensure!(follows::is_following(&app.db, scene.kari.id, idea).await?);
    Ok(())
}

async fn following_needs_a_visible_subject(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let author = participant(&app, "forfatter@example.no", "Forfatter").await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let draft = common::ideas::draft(
        &app,
        &author,
        &common::ideas::idea_form("Et utkast", "Tekst"),
    )
    .await?;
    let proposal = challenge_in(&app, "proposed", 0, 30).await?;
    for (subject, id) in [("idea", draft), ("challenge", proposal), ("idea", 9999)] {
        let answer = post_as(
            &app,
            Some(&kari),
            "/api/follows/set",
            &[
                ("subject", subject),
                ("subject_id", &id.to_string()),
                ("follow", "true"),
            ],
        )
        .await?;
        ensure!(
            answer.status() == StatusCode::NOT_FOUND,
            "{subject} {id}: {}",
            answer.status()
        );
    }
    let odd = post_as(
        &app,
        Some(&kari),
        "/api/follows/set",
        &[
            ("subject", "account"),
            ("subject_id", "1"),
            ("follow", "true"),
        ],
    )
    .await?;
    ensure!(odd.status() == StatusCode::BAD_REQUEST);
    let signed_out = post_as(
        &app,
        None,
        "/api/follows/set",
        &[("subject", "idea"), ("subject_id", "1"), ("follow", "true")],
    )
    .await?;
    ensure!(signed_out.status() == StatusCode::UNAUTHORIZED);
    Ok(())
}

async fn challenge_followers_hear_of_decisions_and_deadlines_once(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let staff = person_with_role(&app, "saksbehandler@example.no", "staff").await?;
    common::ideas::verify(&app, &staff).await?;
    let proposer = participant(&app, "forslag@example.no", "Forslagsstiller").await?;
    let today = chrono::Utc::now().date_naive();
    let proposed = post_as(
        &app,
        Some(&proposer),
        "/api/challenges/create",
        &[
            ("title", "Mindre matsvinn i kantinene"),
            ("problem", "Mye mat kastes."),
            ("focus_area", "co_creation"),
            ("opens_on", &today.to_string()),
            (
                "closes_on",
                &(today + chrono::Duration::days(2)).to_string(),
            ),
        ],
    )
    .await?;
    let status = proposed.status();
    let body = proposed.text().await?;
    ensure!(status.is_success(), "{status} {body}");
    let challenge: i64 = body.trim().parse()?;
    let department = app::entities::department::Entity::find()
        .one(&app.db)
        .await?
        .context("a department")?;
    let approved = post_as(
        &app,
        Some(&staff),
        "/api/challenges/state",
        &[
            ("challenge_id", &challenge.to_string()),
            ("state", "open"),
            ("reason", ""),
            ("department_id", &department.id.to_string()),
        ],
    )
    .await?;
    let status = approved.status();
    ensure!(status.is_success(), "{status} {}", approved.text().await?);
    let told = notifications_of(&app, &proposer).await?;
    ensure!(
        told.len() == 1 && told[0].kind.as_str() == "proposal_approved",
        "{told:?}"
    );
    let member = participant(&app, "medlem@example.no", "Medlem").await?;
    let joined = post_as(
        &app,
        Some(&member),
        "/api/challenges/join",
        &[
            ("challenge_id", &challenge.to_string()),
            ("note", "Jeg vil hjelpe"),
        ],
    )
    .await?;
    ensure!(joined.status().is_success());

    // The app's job worker runs the same announcement on its own schedule
    // and may take the challenge first: either way, once.
    let now = chrono::Utc::now();
    ensure!(app::features::challenges::service::announce_closing(&app.db, now).await? <= 1);
    ensure!(app::features::challenges::service::announce_closing(&app.db, now).await? == 0);
    for who in [&proposer, &member] {
        // If the worker took it, its transaction may still be committing.
        let closing = common::eventually("the closing notice", || async {
            let closing: Vec<_> = notifications_of(&app, who)
                .await?
                .into_iter()
                .filter(|row| row.kind.as_str() == "challenge_closing")
                .collect();
            Ok((!closing.is_empty()).then_some(closing))
        })
        .await?;
        ensure!(closing.len() == 1, "{closing:?}");
    }
    Ok(())
}

async fn the_notification_list_is_ones_own(app: TestApp) -> anyhow::Result<()> {
    let scene = scene(&app).await?;
    scene.author_replies(&app, "Hemmelig svar 4412").await?;
    let author_list = get_as(&app, Some(&scene.author), "/notifications")
        .await?
        .text()
        .await?;
    ensure!(
        !author_list.contains("svarte på kommentaren din"),
        "not someone else's"
    );
    let signed_out = app.get("/notifications").await?;
    ensure!(
        signed_out.status() == StatusCode::SEE_OTHER
            && signed_out
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                == Some("/login?return_to=%2Fnotifications")
    );
    let api = get_as(&app, None, "/api/notifications/page").await?;
    ensure!(api.status() == StatusCode::UNAUTHORIZED);
    let odd_choice = post_as(
        &app,
        Some(&scene.kari),
        "/api/notifications/email-choice",
        &[("choice", "weekly")],
    )
    .await?;
    ensure!(odd_choice.status() == StatusCode::UNPROCESSABLE_ENTITY);
    // The export carries what the person took part in.
    let export = get_as(&app, Some(&scene.kari), "/me/export").await?;
    ensure!(
        export.status() == StatusCode::OK,
        "export: {}",
        export.status()
    );
    let export: serde_json::Value = export.json().await?;
    ensure!(
        export["comment"][0]["body"] == "Ja takk, ved Granfoss.",
        "{export}"
    );
    ensure!(export["notification"].as_array().map(Vec::len) == Some(1));
    ensure!(export["follow"][0]["subject_type"] == "idea");
    Ok(())
}
