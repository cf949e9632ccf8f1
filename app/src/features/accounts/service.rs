//! The rules of accounts: registration, email verification, sign-in and
//! sign-out. Every function takes a database connection and plain values;
//! the server functions in `api.rs` supply them.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection,
    EntityTrait, QueryFilter,
};
use url::Url;

use super::types::{ActorType, EmailAddress, NewPassword, Role};
use super::{known_addresses, password};
use crate::entities::{account, email_token};
use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use crate::server::mail::{self, EmailTemplate};
use crate::server::rate_limit::{self, Limit};
use crate::server::session::{self, NewSession};
use crate::server::tokens;

/// How long an emailed verification link works.
pub const VERIFY_LINK_HOURS: u32 = 24;

const PER_QUARTER_HOUR: Duration = Duration::minutes(15);
/// Sign-in attempts per (email, address): the 11th within 15 minutes waits.
/// Keyed on both, so a guesser elsewhere never locks the owner out.
const SIGN_IN_PER_ACCOUNT_AND_IP: Limit = Limit {
    hits: 10,
    per: PER_QUARTER_HOUR,
};
/// Sign-in attempts per address, whatever the email: slows spraying.
const SIGN_IN_PER_IP: Limit = Limit {
    hits: 100,
    per: PER_QUARTER_HOUR,
};
/// Failed sign-ins to one account from all the addresses it has never
/// signed in from, together: the 31st within the hour waits. Slows a guesser
/// with many addresses (the limits above count per address); the owner's
/// known addresses are not counted, so the owner is never locked out.
/// Keyed on the email as typed (normalised), account or not, so it tells
/// nobody which addresses have one.
const FAILED_SIGN_INS_PER_ACCOUNT: Limit = Limit {
    hits: 30,
    per: Duration::hours(1),
};
const REGISTER_PER_IP: Limit = Limit {
    hits: 10,
    per: Duration::hours(1),
};
const REGISTER_PER_EMAIL: Limit = Limit {
    hits: 3,
    per: Duration::hours(1),
};
const RESET_PER_IP: Limit = Limit {
    hits: 10,
    per: Duration::hours(1),
};
const RESET_PER_EMAIL: Limit = Limit {
    hits: 3,
    per: Duration::hours(1),
};

/// How long an emailed password-reset link works.
pub const RESET_LINK_MINUTES: u32 = 60;

pub struct Registration {
    pub email: EmailAddress,
    pub password: NewPassword,
    pub display_name: String,
    pub actor_type: ActorType,
    pub organisation: Option<String>,
    pub locale: Locale,
    /// A path on this site to come back to after confirming the address.
    pub return_to: Option<String>,
}

/// Creates an unverified account and, in the same transaction, queues the
/// email with its verification link. When the address already has an
/// account nothing happens, and the visitor gets the same answer either way,
/// so nobody learns which addresses are registered.
pub async fn register(
    db: &DatabaseConnection,
    registration: Registration,
    client_address: &str,
    public_url: &Url,
) -> Result<(), AppError> {
    rate_limit::hit(
        db,
        &format!("register:ip:{client_address}"),
        REGISTER_PER_IP,
    )
    .await?;
    rate_limit::hit(
        db,
        &format!("register:email:{}", registration.email.as_str()),
        REGISTER_PER_EMAIL,
    )
    .await?;

    // Hash first, whether or not the address is taken, so both answers take as long.
    let password_hash = password::hash(registration.password.expose().to_owned()).await?;
    let taken = account::Entity::find()
        .filter(account::Column::Email.eq(registration.email.as_str()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Ok(());
    }

    let transaction = crate::server::transactions::begin(db).await?;
    let now = Utc::now();
    let created = account::ActiveModel {
        email: Set(registration.email.as_str().to_owned()),
        email_verified_at: Set(None),
        password_hash: Set(password_hash),
        display_name: Set(registration.display_name.clone()),
        actor_type: Set(registration.actor_type),
        organisation: Set(registration.organisation),
        locale: Set(registration.locale),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&transaction)
    .await;
    let created = match created {
        Ok(created) => created,
        // Two registrations for one address at once: the other one won.
        Err(error) if matches!(AppError::from(error.clone()), AppError::Conflict) => return Ok(()),
        Err(error) => return Err(error.into()),
    };
    email_a_link(
        &transaction,
        public_url,
        LinkEmail {
            account_id: created.id,
            name: &created.display_name,
            to: &created.email,
            locale: registration.locale,
            purpose: TokenPurpose::Verify,
            return_to: registration.return_to.as_deref(),
        },
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenPurpose {
    Verify,
    Reset,
    /// Confirms a new address; the token carries it.
    ChangeEmail,
}

impl TokenPurpose {
    fn as_str(self) -> &'static str {
        match self {
            Self::Verify => "verify",
            Self::Reset => "reset",
            Self::ChangeEmail => "change_email",
        }
    }
}

/// Who an emailed link is for, and what it does.
struct LinkEmail<'a> {
    account_id: i64,
    name: &'a str,
    to: &'a str,
    locale: Locale,
    purpose: TokenPurpose,
    /// Where the person was going when they registered (a path on this
    /// site): the confirmation link carries it on.
    return_to: Option<&'a str>,
}

/// Issues a single-use token for the link's purpose and queues the email
/// that carries it, on `db` (the caller's transaction). The purpose decides
/// the page the link opens, how long it works and which email says so; a
/// change of address is confirmed at the new address, which the token keeps.
async fn email_a_link(
    db: &impl ConnectionTrait,
    public_url: &Url,
    email: LinkEmail<'_>,
) -> Result<(), AppError> {
    let (path, valid_for) = match email.purpose {
        TokenPurpose::Verify | TokenPurpose::ChangeEmail => (
            "/verify-email",
            Duration::hours(i64::from(VERIFY_LINK_HOURS)),
        ),
        TokenPurpose::Reset => (
            "/reset-password",
            Duration::minutes(i64::from(RESET_LINK_MINUTES)),
        ),
    };
    let token = tokens::random_token();
    let now = Utc::now();
    email_token::ActiveModel {
        token_hash: Set(tokens::hash(&token)),
        account_id: Set(email.account_id),
        purpose: Set(email.purpose.as_str().to_owned()),
        new_email: Set((email.purpose == TokenPurpose::ChangeEmail).then(|| email.to.to_owned())),
        created_at: Set(now),
        expires_at: Set(now + valid_for),
        used_at: Set(None),
    }
    .insert(db)
    .await?;

    let mut link = public_url.clone();
    link.set_path(path);
    link.query_pairs_mut().clear().append_pair("token", &token);
    if let Some(return_to) = email.return_to {
        link.query_pairs_mut().append_pair("return_to", return_to);
    }
    let template = match email.purpose {
        TokenPurpose::Verify | TokenPurpose::ChangeEmail => EmailTemplate::VerifyEmail {
            name: email.name,
            link: link.as_str(),
            hours: VERIFY_LINK_HOURS,
        },
        TokenPurpose::Reset => EmailTemplate::ResetPassword {
            name: email.name,
            link: link.as_str(),
            minutes: RESET_LINK_MINUTES,
        },
    };
    mail::enqueue(db, mail::render(template, email.locale, email.to)).await
}

/// Uses up every link of the account still waiting to be used for one of
/// `purposes`. A reset link proves access to the address it went to; once
/// the password or the address has changed, an older link must not undo
/// that (someone who once read the old mailbox could take the account back).
pub(super) async fn revoke_links(
    db: &impl ConnectionTrait,
    account_id: i64,
    purposes: &[TokenPurpose],
) -> Result<(), AppError> {
    email_token::Entity::update_many()
        .col_expr(
            email_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(email_token::Column::AccountId.eq(account_id))
        .filter(email_token::Column::Purpose.is_in(purposes.iter().map(|purpose| purpose.as_str())))
        .filter(email_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

/// The account a token would open, without using the token up.
async fn peek_email_token(
    db: &impl ConnectionTrait,
    token: &str,
    purpose: TokenPurpose,
) -> Result<account::Model, AppError> {
    let invalid = || AppError::invalid("token", Problem::LinkInvalid);
    let found = email_token::Entity::find_by_id(tokens::hash(token.trim()))
        .filter(email_token::Column::Purpose.eq(purpose.as_str()))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(Utc::now()))
        .one(db)
        .await?
        .ok_or_else(invalid)?;
    account::Entity::find_by_id(found.account_id)
        .one(db)
        .await?
        .ok_or_else(invalid)
}

/// Uses up a token: it must exist, serve one of `purposes`, be unused and
/// unexpired. The claim is one conditional UPDATE, so two clicks cannot both
/// succeed.
async fn redeem_email_token(
    db: &impl ConnectionTrait,
    token: &str,
    purposes: &[TokenPurpose],
) -> Result<email_token::Model, AppError> {
    let invalid = || AppError::invalid("token", Problem::LinkInvalid);
    let hash = tokens::hash(token.trim());
    let now = Utc::now();
    let claimed = email_token::Entity::update_many()
        .col_expr(
            email_token::Column::UsedAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(email_token::Column::TokenHash.eq(hash.as_str()))
        .filter(email_token::Column::Purpose.is_in(purposes.iter().map(|purpose| purpose.as_str())))
        .filter(email_token::Column::UsedAt.is_null())
        .filter(email_token::Column::ExpiresAt.gt(now))
        .exec(db)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid());
    }
    email_token::Entity::find_by_id(hash)
        .one(db)
        .await?
        .ok_or_else(invalid)
}

/// Confirms an email address from the emailed link: a new account's
/// address, or the new address of an account that asked to change it (the
/// old address is then told).
pub async fn verify_email(db: &DatabaseConnection, token: &str) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let redeemed = redeem_email_token(
        &transaction,
        token,
        &[TokenPurpose::Verify, TokenPurpose::ChangeEmail],
    )
    .await?;
    if let Some(new_email) = redeemed.new_email.as_deref() {
        switch_email(&transaction, redeemed.account_id, new_email).await?;
        return Ok(transaction.commit().await?);
    }
    account::Entity::update_many()
        .col_expr(
            account::Column::EmailVerifiedAt,
            sea_orm::sea_query::Expr::value(Utc::now()),
        )
        .filter(account::Column::Id.eq(redeemed.account_id))
        .filter(account::Column::EmailVerifiedAt.is_null())
        .exec(&transaction)
        .await?;
    transaction.commit().await?;
    Ok(())
}

/// Signs in with email and password. A wrong password and an unknown email
/// get the same answer after the same work. `client_address` is the
/// rate-limit key of the client's address (`auth::client_address_key`).
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    client_address: &str,
) -> Result<NewSession, AppError> {
    let wrong = || AppError::invalid("credentials", Problem::WrongCredentials);
    // A malformed address cannot belong to an account; it is still counted and still costs a hash.
    let email = EmailAddress::parse("email", email)
        .map(|email| email.as_str().to_owned())
        .unwrap_or_else(|_| email.trim().to_lowercase());
    rate_limit::hit(db, &format!("sign-in:ip:{client_address}"), SIGN_IN_PER_IP).await?;
    rate_limit::hit(
        db,
        &format!("sign-in:{email}:{client_address}"),
        SIGN_IN_PER_ACCOUNT_AND_IP,
    )
    .await?;
    // From an address the owner has used, only the limits above apply.
    let failures = (!known_addresses::is_known(db, &email, client_address).await?)
        .then(|| format!("sign-in-failures:{email}"));
    if let Some(failures) = &failures {
        // Refused before the hash, which is what a guesser costs us.
        rate_limit::peek(db, failures, FAILED_SIGN_INS_PER_ACCOUNT).await?;
    }

    let found = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?;
    let stored = found.as_ref().map(|account| account.password_hash.clone());
    if !password::verify(password.to_owned(), stored).await? {
        if let Some(failures) = &failures {
            rate_limit::hit(db, failures, FAILED_SIGN_INS_PER_ACCOUNT).await?;
        }
        return Err(wrong());
    }
    let account = found.ok_or_else(wrong)?;
    known_addresses::remember(db, &email, client_address).await?;
    session::start(db, account.id).await
}

pub async fn sign_out(db: &DatabaseConnection, session_token: &str) -> Result<(), AppError> {
    session::end(db, session_token).await
}

/// Emails a password-reset link if the address has an account. The visitor
/// gets the same answer either way.
pub async fn request_password_reset(
    db: &DatabaseConnection,
    email: &EmailAddress,
    client_address: &str,
    public_url: &Url,
) -> Result<(), AppError> {
    rate_limit::hit(db, &format!("reset:ip:{client_address}"), RESET_PER_IP).await?;
    rate_limit::hit(
        db,
        &format!("reset:email:{}", email.as_str()),
        RESET_PER_EMAIL,
    )
    .await?;
    let Some(owner) = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let transaction = crate::server::transactions::begin(db).await?;
    email_a_link(
        &transaction,
        public_url,
        LinkEmail {
            account_id: owner.id,
            name: &owner.display_name,
            to: &owner.email,
            locale: owner.locale,
            purpose: TokenPurpose::Reset,
            return_to: None,
        },
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Sets a new password from an emailed reset link. The password is checked
/// before the link is used up, so a refused password does not cost the link.
/// Every session of the account ends; the link also proves the address.
pub async fn reset_password(
    db: &DatabaseConnection,
    token: &str,
    password: &str,
) -> Result<(), AppError> {
    let owner = peek_email_token(db, token, TokenPurpose::Reset).await?;
    let owner_email = EmailAddress::parse("email", &owner.email)?;
    let password = NewPassword::parse("password", password, &owner_email)?;
    let password_hash = password::hash(password.expose().to_owned()).await?;

    let transaction = crate::server::transactions::begin(db).await?;
    let redeemed = redeem_email_token(&transaction, token, &[TokenPurpose::Reset]).await?;
    let now = Utc::now();
    let mut changed: account::ActiveModel = owner.into();
    changed.password_hash = Set(password_hash);
    changed.updated_at = Set(now);
    if matches!(
        changed.email_verified_at,
        sea_orm::ActiveValue::Unchanged(None)
    ) {
        changed.email_verified_at = Set(Some(now));
    }
    changed.update(&transaction).await?;
    session::end_all(&transaction, redeemed.account_id).await?;
    revoke_links(&transaction, redeemed.account_id, &[TokenPurpose::Reset]).await?;
    transaction.commit().await?;
    Ok(())
}

/// The operator's way in (`samskap create-admin`): a verified account with
/// the admin role, or the admin role granted to the existing account of that
/// address. Returns whether a new account was created.
pub async fn create_admin(
    db: &DatabaseConnection,
    email: &EmailAddress,
    display_name: String,
    password: &str,
) -> Result<bool, AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    let existing = account::Entity::find()
        .filter(account::Column::Email.eq(email.as_str()))
        .one(&transaction)
        .await?;
    let now = Utc::now();
    let (account_id, created) = match existing {
        Some(found) => (found.id, false),
        None => {
            let password = NewPassword::parse("password", password, email)?;
            let password_hash = password::hash(password.expose().to_owned()).await?;
            let created = account::ActiveModel {
                email: Set(email.as_str().to_owned()),
                email_verified_at: Set(Some(now)),
                password_hash: Set(password_hash),
                display_name: Set(display_name),
                actor_type: Set(ActorType::Employee),
                organisation: Set(None),
                locale: Set(Locale::default()),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&transaction)
            .await?;
            (created.id, true)
        }
    };
    let already = crate::entities::account_role::Entity::find_by_id((account_id, Role::Admin))
        .one(&transaction)
        .await?
        .is_some();
    if !already {
        crate::entities::account_role::ActiveModel {
            account_id: Set(account_id),
            role: Set(Role::Admin),
            granted_at: Set(now),
        }
        .insert(&transaction)
        .await?;
    }
    transaction.commit().await?;
    Ok(created)
}

const EMAIL_CHANGE_PER_ACCOUNT: Limit = Limit {
    hits: 5,
    per: Duration::hours(1),
};

/// Sends a confirmation link to a new address after checking the password.
/// The address changes only when the link is used. If another account
/// already has the address, nothing is sent and the answer is the same.
pub async fn request_email_change(
    db: &DatabaseConnection,
    account_id: i64,
    new_email: &EmailAddress,
    current_password: &str,
    public_url: &Url,
) -> Result<(), AppError> {
    rate_limit::hit(
        db,
        &format!("email-change:{account_id}"),
        EMAIL_CHANGE_PER_ACCOUNT,
    )
    .await?;
    let owner =
        super::profile::owner_confirmed_by_password(db, account_id, current_password).await?;
    let taken = account::Entity::find()
        .filter(account::Column::Email.eq(new_email.as_str()))
        .one(db)
        .await?
        .is_some();
    if taken {
        return Ok(());
    }
    let transaction = crate::server::transactions::begin(db).await?;
    email_a_link(
        &transaction,
        public_url,
        LinkEmail {
            account_id,
            name: &owner.display_name,
            to: new_email.as_str(),
            locale: owner.locale,
            purpose: TokenPurpose::ChangeEmail,
            return_to: None,
        },
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Moves an account to its confirmed new address and tells the old one.
async fn switch_email(
    db: &impl ConnectionTrait,
    account_id: i64,
    new_email: &str,
) -> Result<(), AppError> {
    let owner = account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::invalid("token", Problem::LinkInvalid))?;
    let old_email = owner.email.clone();
    let (name, locale) = (owner.display_name.clone(), owner.locale);
    let now = Utc::now();
    let mut changed: account::ActiveModel = owner.into();
    changed.email = Set(new_email.to_owned());
    changed.email_verified_at = Set(Some(now));
    changed.updated_at = Set(now);
    // Someone took the address after the link was sent: the unique key says no.
    changed
        .update(db)
        .await
        .map_err(|error| AppError::from(error).conflict_as("token", Problem::LinkInvalid))?;
    // Links sent to the old address (a reset, say) no longer speak for the account.
    revoke_links(
        db,
        account_id,
        &[
            TokenPurpose::Verify,
            TokenPurpose::Reset,
            TokenPurpose::ChangeEmail,
        ],
    )
    .await?;
    let notice = mail::render(
        EmailTemplate::EmailChanged {
            name: &name,
            new_email,
        },
        locale,
        &old_email,
    );
    mail::enqueue(db, notice).await
}
