//! People for tests: signed in, with the roles a test needs.
//!
//! Most tests need someone signed in, not the act of registering: [`person`]
//! writes the account row registration writes and starts the session a
//! sign-in starts, straight in the database, so no Argon2 hash is computed.
//! The account tests (and the few others about what registering does)
//! register and sign in through the forms: [`registered_person`], [`sign_in`].

use anyhow::{Context, ensure};
use app::entities::{account, account_role};
use app::features::accounts::types::EmailAddress;
use sea_orm::sea_query::Query;
use sea_orm::{ConnectionTrait, EntityTrait};

use super::TestApp;

pub const PASSWORD: &str = "sykkelsti langs fjorden";

/// Argon2id of [`PASSWORD`] at the production cost, as registration stores
/// it (`app::features::accounts::password::hash`), so a person made here
/// also signs in through the form (`accounts::a_person_made_for_tests_is_what_registering_and_signing_in_make`
/// checks it).
pub const PASSWORD_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$13RrZ37/4wgZYaW5sHL1dg$FlTrnw0jmQxnIk5ikoELl3/zx69JhybuYrCh1yiLsy8";

/// A signed-in person: their account id and session cookie.
pub struct Person {
    pub id: i64,
    pub cookie: String,
}

/// The registration form filled in for a resident, with a fresh key.
pub fn registration_form(email: &str, name: &str) -> Vec<(&'static str, String)> {
    vec![
        ("display_name", name.to_owned()),
        ("email", email.to_owned()),
        ("password", PASSWORD.to_owned()),
        ("actor_type", "resident".to_owned()),
        ("organisation", String::new()),
        ("idempotency_key", uuid::Uuid::new_v4().to_string()),
    ]
}

/// A resident with the account `email` and a session, its address not yet
/// confirmed: what registering in bokmål and signing in from the tests'
/// client leave in the database, less the confirmation email.
pub async fn person(app: &TestApp, email: &str, name: &str) -> anyhow::Result<Person> {
    signed_in_account(app, email, name, false).await
}

/// The account row registration writes (`accounts::service::register`),
/// confirmed or not, and a session started the way signing in starts one
/// (`app::server::session::start`, and the client's address remembered as
/// known): the server reads both through its own code, as after a real
/// sign-in.
pub async fn signed_in_account(
    app: &TestApp,
    email: &str,
    name: &str,
    confirmed: bool,
) -> anyhow::Result<Person> {
    let email = EmailAddress::parse("email", email)
        .map_err(|error| anyhow::anyhow!("{email}: {error:?}"))?
        .as_str()
        .to_owned();
    let now = chrono::Utc::now();
    let insert = Query::insert()
        .into_table(account::Entity)
        .columns([
            account::Column::Email,
            account::Column::EmailVerifiedAt,
            account::Column::PasswordHash,
            account::Column::DisplayName,
            account::Column::ActorType,
            account::Column::Locale,
            account::Column::CreatedAt,
            account::Column::UpdatedAt,
        ])
        .values([
            email.clone().into(),
            confirmed.then_some(now).into(),
            PASSWORD_HASH.into(),
            name.into(),
            "resident".into(),
            "nb".into(),
            now.into(),
            now.into(),
        ])?
        .returning_col(account::Column::Id)
        .to_owned();
    let id: i64 = app
        .db
        .query_one(&insert)
        .await?
        .context("the new account's id")?
        .try_get("", "id")?;
    let session = app::server::session::start(&app.db, id)
        .await
        .map_err(|error| anyhow::anyhow!("a session for {email}: {error}"))?;
    app::features::accounts::known_addresses::remember(&app.db, &email, "127.0.0.1").await?;
    Ok(Person {
        id,
        cookie: format!("{}={}", app::server::session::SESSION_COOKIE, session.token),
    })
}

/// Registers `email` through the registration form and signs in through
/// the sign-in form, as a resident does; the confirmation email is queued.
pub async fn registered_person(app: &TestApp, email: &str, name: &str) -> anyhow::Result<Person> {
    let registered = app
        .post_same_origin("/api/accounts/register")
        .header("accept", "application/json")
        .form(&registration_form(email, name))
        .send()
        .await?;
    ensure!(
        registered.status().is_success(),
        "registered {email}: {}",
        registered.status()
    );
    let mut signed_in = sign_in(app, email).await?;
    signed_in.id = account::Entity::find()
        .all(&app.db)
        .await?
        .into_iter()
        .find(|found| found.email == email)
        .context("the account")?
        .id;
    Ok(signed_in)
}

/// A new session for an existing account (its id left 0).
pub async fn sign_in(app: &TestApp, email: &str) -> anyhow::Result<Person> {
    let signed_in = post_as(
        app,
        None,
        "/api/accounts/sign-in",
        &[("email", email), ("password", PASSWORD)],
    )
    .await?;
    let cookie = signed_in
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|cookie| cookie.starts_with("samskap_session="))
        .and_then(|cookie| cookie.split(';').next())
        .context("a session cookie")?
        .to_owned();
    Ok(Person { id: 0, cookie })
}

/// A person with `role` granted directly in the database.
pub async fn person_with_role(app: &TestApp, email: &str, role: &str) -> anyhow::Result<Person> {
    let someone = person(app, email, role).await?;
    account_role::Entity::insert(account_role::ActiveModel {
        account_id: sea_orm::ActiveValue::Set(someone.id),
        role: sea_orm::ActiveValue::Set(role.parse()?),
        granted_at: sea_orm::ActiveValue::Set(chrono::Utc::now()),
    })
    .exec(&app.db)
    .await?;
    Ok(someone)
}

/// Posts `form` as `who` would from a page of the site, with a fresh
/// idempotency key as every form carries one (ignored where not needed).
pub async fn post_as(
    app: &TestApp,
    who: Option<&Person>,
    path: &str,
    form: &[(&str, &str)],
) -> anyhow::Result<reqwest::Response> {
    let key = uuid::Uuid::new_v4().to_string();
    let mut fields = form.to_vec();
    fields.push(("idempotency_key", &key));
    let mut request = app
        .post_same_origin(path)
        .header("accept", "application/json")
        .form(&fields);
    if let Some(who) = who {
        request = request.header("cookie", &who.cookie);
    }
    Ok(request.send().await?)
}

pub async fn get_as(
    app: &TestApp,
    who: Option<&Person>,
    path: &str,
) -> anyhow::Result<reqwest::Response> {
    let mut request = app.client.get(app.url(path));
    if let Some(who) = who {
        request = request.header("cookie", &who.cookie);
    }
    Ok(request.send().await?)
}

/// One person in each position the access-control tables try.
pub struct Cast {
    pub owner: Person,
    pub other: Person,
    pub staff: Person,
    pub moderator: Person,
    pub admin: Person,
}

impl Cast {
    pub async fn assemble(app: &TestApp) -> anyhow::Result<Self> {
        Ok(Self {
            owner: person(app, "kari@example.no", "Kari").await?,
            other: person(app, "ola@example.no", "Ola").await?,
            staff: person_with_role(app, "staff@example.no", "staff").await?,
            moderator: person_with_role(app, "moderator@example.no", "moderator").await?,
            admin: person_with_role(app, "admin@example.no", "admin").await?,
        })
    }

    /// Every actor by name, the anonymous visitor first.
    pub fn actors(&self) -> [(&'static str, Option<&Person>); 6] {
        [
            ("anonymous", None),
            ("owner", Some(&self.owner)),
            ("another participant", Some(&self.other)),
            ("staff", Some(&self.staff)),
            ("moderator", Some(&self.moderator)),
            ("admin", Some(&self.admin)),
        ]
    }
}
