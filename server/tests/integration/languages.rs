//! The language a person reads a page in is the language their form is
//! answered, stored and emailed in: the request's language is settled once,
//! before pages and server functions alike. On both databases.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::{account, outbox};
use common::people::registration_form;
use common::{Backend, TestApp};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

on_both_backends!(an_account_registered_in_a_language_keeps_it);

/// Registers `email` from a browser that sends `header` (a language cookie
/// or `Accept-Language`), as the registration form does.
async fn register_with(
    app: &TestApp,
    email: &str,
    header: (&str, &str),
) -> anyhow::Result<account::Model> {
    let answer = app
        .post_same_origin("/api/accounts/register")
        .header("accept", "application/json")
        .header(header.0, header.1)
        .form(&registration_form(email, "Kari"))
        .send()
        .await?;
    ensure!(answer.status().is_success(), "{}", answer.status());
    account::Entity::find()
        .filter(account::Column::Email.eq(email))
        .one(&app.db)
        .await?
        .context("the account")
}

async fn subject_sent_to(app: &TestApp, email: &str) -> anyhow::Result<String> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(email))
        .one(&app.db)
        .await?
        .context("the confirmation email")?
        .subject)
}

async fn an_account_registered_in_a_language_keeps_it(app: TestApp) -> anyhow::Result<()> {
    let cases = [
        (
            "en@example.no",
            ("accept-language", "en-GB,en;q=0.9"),
            "en",
            "Confirm your email address",
        ),
        (
            "nn@example.no",
            ("cookie", "samskap_lang=nn"),
            "nn",
            "Stadfest e-postadressa",
        ),
        (
            "nb@example.no",
            ("accept-language", "sv-SE"),
            "nb",
            "Bekreft e-postadressen",
        ),
    ];
    for (email, header, locale, subject) in cases {
        let stored = register_with(&app, email, header).await?;
        assert_eq!(stored.locale.as_str(), locale, "{email}");
        let sent = subject_sent_to(&app, email).await?;
        ensure!(sent.starts_with(subject), "{email}: {sent}");
    }
    Ok(())
}
