//! Email through the outbox, on both databases: delivered to a real SMTP
//! server (a small one in the test support code), kept through an outage,
//! sent once per email even by two instances, or written as `.eml` files.
use crate::common;

use std::collections::BTreeMap;
use std::time::{Duration, SystemTime};

use anyhow::{Context, bail, ensure};
use app::entities::outbox;
use app::i18n::Locale;
use app::server::mail::{self, EmailTemplate, Mailer, OutgoingEmail, Transport};
use common::smtp::{ReceivedEmail, SmtpServer};
use common::{Backend, TestApp, eventually};
use sea_orm::prelude::DateTimeUtc;
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use server::config::MailDelivery;

on_both_backends_by_backend!(
    an_email_reaches_the_smtp_server_once_with_both_parts,
    an_email_queued_in_a_rolled_back_transaction_never_leaves,
    emails_wait_while_the_smtp_server_is_down_then_each_arrives_once,
    a_resend_after_a_crash_carries_the_same_message_id,
    a_refused_email_is_set_aside_after_a_day_while_the_others_arrive,
    without_smtp_each_email_becomes_a_readable_eml_file,
);

const LINK: &str = "https://samskap.example.no/verify-email?token=7f3a9c";

/// The app, sending through `smtp` and retrying at once.
async fn app_sending_to(backend: Backend, smtp: &SmtpServer) -> anyhow::Result<TestApp> {
    let url = smtp.url();
    TestApp::spawn_with(backend, &[("SMTP_URL", &url), ("MAIL_RETRY_SECONDS", "0")]).await
}

fn verification(to: &str) -> OutgoingEmail {
    mail::render(
        EmailTemplate::VerifyEmail {
            name: "Kari",
            link: LINK,
            hours: 24,
        },
        Locale::Nb,
        to,
    )
}

async fn outbox_rows(app: &TestApp) -> anyhow::Result<Vec<outbox::Model>> {
    Ok(outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await?)
}

async fn wait_until_all_sent(app: &TestApp, count: usize) -> anyhow::Result<Vec<outbox::Model>> {
    eventually("the emails to be marked sent", || async {
        let rows = outbox_rows(app).await?;
        let done = rows.len() == count && rows.iter().all(|row| row.sent_at.is_some());
        Ok(done.then_some(rows))
    })
    .await
}

fn header_id(row: &outbox::Model) -> String {
    format!("<{}@localhost>", row.message_id)
}

fn count_by_message_id(received: &[ReceivedEmail]) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for email in received {
        *counts
            .entry(email.header("Message-ID").unwrap_or_default())
            .or_insert(0) += 1;
    }
    counts
}

async fn an_email_reaches_the_smtp_server_once_with_both_parts(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;

    // Queued in the caller's transaction, as registration does.
    let transaction = app::server::transactions::begin(&app.db).await?;
    mail::enqueue(&transaction, verification("kari@example.no")).await?;
    transaction.commit().await?;

    let rows = wait_until_all_sent(&app, 1).await?;
    let row = rows.first().context("no outbox row")?;
    app.settle_mail().await?;
    let received = smtp.received();
    ensure!(received.len() == 1, "{} copies arrived", received.len());
    let email = received.first().context("nothing arrived")?;

    assert_eq!(email.mail_from, "samskap@localhost");
    assert_eq!(email.rcpt_to, ["kari@example.no"]);
    assert_eq!(
        email.header("From").as_deref(),
        Some("Samskap <samskap@localhost>")
    );
    assert_eq!(email.header("To").as_deref(), Some("kari@example.no"));
    assert_eq!(
        email.header("Subject").as_deref(),
        Some("Bekreft e-postadressen din i Samskap")
    );
    assert_eq!(email.header("Message-ID"), Some(header_id(row)));
    assert_eq!(email.header_count("Message-ID"), 1);
    assert_eq!(email.header("Content-Language").as_deref(), Some("nb"));
    assert_eq!(
        email.header("Auto-Submitted").as_deref(),
        Some("auto-generated")
    );

    let text = email.part("text/plain").context("no plain-text part")?;
    assert!(text.starts_with("Hei Kari,"), "{text}");
    assert!(text.contains(&format!("\n{LINK}\n")), "{text}");
    assert!(text.contains("gjelder i 24 timer"), "{text}");
    assert!(text.trim_end().ends_with("Samskap"), "{text}");
    let html = email.part("text/html").context("no HTML part")?;
    assert!(html.contains("<html lang=\"nb\">"), "{html}");
    assert!(html.contains(&format!("<a href=\"{LINK}\">")), "{html}");

    assert_eq!(row.attempts, 1);
    assert_eq!(row.last_error, None);
    Ok(())
}

async fn an_email_queued_in_a_rolled_back_transaction_never_leaves(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    let transaction = app::server::transactions::begin(&app.db).await?;
    mail::enqueue(&transaction, verification("abandoned@example.no")).await?;
    transaction.rollback().await?;
    mail::enqueue(&app.db, verification("kari@example.no")).await?;

    wait_until_all_sent(&app, 1).await?;
    app.settle_mail().await?;
    let received = smtp.received();
    assert_eq!(
        received
            .iter()
            .map(|email| email.rcpt_to.clone())
            .collect::<Vec<_>>(),
        [["kari@example.no"]]
    );
    Ok(())
}

async fn emails_wait_while_the_smtp_server_is_down_then_each_arrives_once(
    backend: Backend,
) -> anyhow::Result<()> {
    let mut smtp = SmtpServer::start().await?;
    smtp.stop().await;
    let mut app = app_sending_to(backend, &smtp).await?;
    for n in 0..5 {
        mail::enqueue(&app.db, verification(&format!("resident{n}@example.no"))).await?;
    }

    let waiting = eventually("every email to be tried twice", || async {
        let rows = outbox_rows(&app).await?;
        let tried = rows.len() == 5 && rows.iter().all(|row| row.attempts >= 2);
        Ok(tried.then_some(rows))
    })
    .await?;
    for row in &waiting {
        ensure!(row.sent_at.is_none() && row.failed_at.is_none(), "{row:?}");
        let error = row.last_error.as_deref().unwrap_or_default();
        ensure!(error.contains("mail server unavailable"), "{error}");
    }
    let oldest = mail::outbox::oldest_waiting_since(&app.db).await?;
    assert_eq!(oldest, waiting.iter().map(|row| row.created_at).min());
    assert!(smtp.received().is_empty());

    smtp.restart().await?;
    let sent = wait_until_all_sent(&app, 5).await?;
    app.settle_mail().await?;
    let expected: BTreeMap<String, usize> = sent.iter().map(|row| (header_id(row), 1)).collect();
    assert_eq!(count_by_message_id(&smtp.received()), expected);
    assert_eq!(mail::outbox::oldest_waiting_since(&app.db).await?, None);
    Ok(())
}

async fn a_resend_after_a_crash_carries_the_same_message_id(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    app.stop_mail_worker().await;
    mail::enqueue(&app.db, verification("kari@example.no")).await?;

    // A worker takes the email and sends it...
    let claimed = mail::outbox::claim(&app.db, 10, Duration::from_secs(60)).await?;
    let taken = claimed.first().context("nothing to claim")?;
    ensure!(claimed.len() == 1);
    ensure!(
        mail::outbox::claim(&app.db, 10, Duration::from_secs(60))
            .await?
            .is_empty(),
        "a leased email was claimed twice"
    );
    let mailer = Mailer::new(
        Transport::smtp(&smtp.url())?,
        app.config.mail_from.clone(),
        Duration::ZERO,
    );
    mailer.deliver(taken).await?;
    smtp.wait_for(1).await?;
    // ...and dies before recording it. Time passes until its lease is over.
    outbox::Entity::update_many()
        .col_expr(
            outbox::Column::NextAttemptAt,
            Expr::col(outbox::Column::CreatedAt),
        )
        .exec(&app.db)
        .await?;

    app.start_mail_worker()?;
    let rows = wait_until_all_sent(&app, 1).await?;
    let row = rows.first().context("no outbox row")?;
    app.settle_mail().await?;
    let received = smtp.received();
    assert_eq!(received.len(), 2, "the resend arrived");
    assert_eq!(
        count_by_message_id(&received),
        BTreeMap::from([(header_id(row), 2)])
    );
    assert_eq!(row.attempts, 2);
    Ok(())
}

async fn a_refused_email_is_set_aside_after_a_day_while_the_others_arrive(
    backend: Backend,
) -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut app = app_sending_to(backend, &smtp).await?;
    app.stop_mail_worker().await;
    for to in [
        "refused-long-ago@example.no",
        "refused-today@example.no",
        "kari@example.no",
    ] {
        mail::enqueue(&app.db, verification(to)).await?;
    }
    let two_days_ago = DateTimeUtc::from(SystemTime::now() - Duration::from_secs(2 * 24 * 3600));
    outbox::Entity::update_many()
        .col_expr(outbox::Column::CreatedAt, Expr::value(two_days_ago))
        .filter(outbox::Column::Recipient.eq("refused-long-ago@example.no"))
        .exec(&app.db)
        .await?;
    app.start_mail_worker()?;

    let rows = eventually("the refusals to be recorded", || async {
        let rows = outbox_rows(&app).await?;
        let settled = matches!(
            rows.as_slice(),
            [old, today, kari]
                if old.failed_at.is_some() && today.attempts >= 2 && kari.sent_at.is_some()
        );
        Ok(settled.then_some(rows))
    })
    .await?;
    let [old, today, _kari] = rows.as_slice() else {
        bail!("expected three emails, found {}", rows.len());
    };
    let reason = old.last_error.as_deref().unwrap_or_default();
    ensure!(
        reason.contains("refused") && reason.contains("550"),
        "{reason}"
    );
    ensure!(
        today.failed_at.is_none() && today.sent_at.is_none(),
        "{today:?}"
    );
    // The email set aside no longer counts as waiting.
    assert_eq!(
        mail::outbox::oldest_waiting_since(&app.db).await?,
        Some(today.created_at)
    );
    let received = smtp.received();
    assert_eq!(received.len(), 1);
    assert_eq!(
        received.first().map(|email| email.rcpt_to.clone()),
        Some(vec!["kari@example.no".to_owned()])
    );
    Ok(())
}

async fn without_smtp_each_email_becomes_a_readable_eml_file(
    backend: Backend,
) -> anyhow::Result<()> {
    let app = TestApp::spawn(backend).await?;
    let MailDelivery::Files(folder) = app.config.mail.clone() else {
        bail!("the embedded default should write files");
    };
    let email = mail::render(
        EmailTemplate::EmailChanged {
            name: "Ola & Kari",
            new_email: "ola@example.no",
        },
        Locale::Nn,
        "kari@example.no",
    );
    mail::enqueue(&app.db, email).await?;
    let rows = wait_until_all_sent(&app, 1).await?;
    let row = rows.first().context("no outbox row")?;

    let files: Vec<_> = std::fs::read_dir(&folder)?
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "eml"))
        .collect();
    let [file] = files.as_slice() else {
        bail!("expected one .eml file in {}: {files:?}", folder.display());
    };
    let raw = std::fs::read_to_string(file)?;
    // Readable as it lies: quoted-printable keeps the words as they are.
    assert!(raw.contains("Venleg helsing"), "{raw}");
    let email = ReceivedEmail::from_raw(raw);
    assert_eq!(email.header("To").as_deref(), Some("kari@example.no"));
    assert_eq!(
        email.header("Subject").as_deref(),
        Some("E-postadressa di i Samskap er endra")
    );
    assert_eq!(email.header("Message-ID"), Some(header_id(row)));
    assert!(email.header("Date").is_some());
    let text = email.part("text/plain").context("no plain-text part")?;
    assert!(text.starts_with("Hei Ola & Kari,"), "{text}");
    assert!(text.contains("endra til ola@example.no"), "{text}");
    assert!(text.contains("Venleg helsing"), "{text}");
    let html = email.part("text/html").context("no HTML part")?;
    assert!(html.contains("<html lang=\"nn\">"), "{html}");
    assert!(html.contains("Hei Ola &amp; Kari,"), "{html}");
    Ok(())
}

/// Two instances behind a load balancer share one PostgreSQL; their workers
/// claim side by side and never take the same email.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_instances_on_one_postgresql_never_send_an_email_twice() -> anyhow::Result<()> {
    let smtp = SmtpServer::start().await?;
    let mut first = app_sending_to(Backend::Postgres, &smtp).await?;
    let url = smtp.url();
    let mut second = first
        .spawn_another_instance(&[("SMTP_URL", &url), ("MAIL_RETRY_SECONDS", "0")])
        .await?;

    let transaction = app::server::transactions::begin(&first.db).await?;
    for n in 0..40 {
        mail::enqueue(&transaction, verification(&format!("first{n}@example.no"))).await?;
    }
    transaction.commit().await?;
    for n in 0..20 {
        mail::enqueue(&second.db, verification(&format!("second{n}@example.no"))).await?;
    }

    let sent = wait_until_all_sent(&first, 60).await?;
    second.stop_mail_worker().await;
    first.settle_mail().await?;
    let expected: BTreeMap<String, usize> = sent.iter().map(|row| (header_id(row), 1)).collect();
    assert_eq!(count_by_message_id(&smtp.received()), expected);
    ensure!(
        sent.iter().all(|row| row.attempts == 1),
        "an email was claimed twice"
    );
    Ok(())
}
