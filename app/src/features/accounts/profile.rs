//! The signed-in person's own data: their profile, their password and a
//! copy of everything stored about them (deleting it all reaches into other
//! features: `features::account_deletion`). Server only.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder,
};
use serde::Serialize;

use super::password;
use super::types::{ActorType, EmailAddress, NewPassword};
use crate::entities::{
    account, account_role, challenge, challenge_member, department, department_member, email_token,
    idea, outbox, session,
};
use crate::error::{AppError, Problem};
use crate::i18n::Locale;

pub struct ProfileChange {
    pub display_name: String,
    pub actor_type: ActorType,
    pub organisation: Option<String>,
    pub locale: Locale,
}

async fn owner(
    db: &impl sea_orm::ConnectionTrait,
    account_id: i64,
) -> Result<account::Model, AppError> {
    account::Entity::find_by_id(account_id)
        .one(db)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// The signed-in person's account, once they have typed its password again
/// (before changing the password or address, or deleting the account).
pub(crate) async fn owner_confirmed_by_password(
    db: &impl sea_orm::ConnectionTrait,
    account_id: i64,
    current_password: &str,
) -> Result<account::Model, AppError> {
    let found = owner(db, account_id).await?;
    if password::verify(
        current_password.to_owned(),
        Some(found.password_hash.clone()),
    )
    .await?
    {
        Ok(found)
    } else {
        Err(AppError::invalid(
            "current_password",
            Problem::WrongCredentials,
        ))
    }
}

pub async fn update_profile(
    db: &DatabaseConnection,
    account_id: i64,
    change: ProfileChange,
) -> Result<(), AppError> {
    let mut changed: account::ActiveModel = owner(db, account_id).await?.into();
    changed.display_name = Set(change.display_name);
    changed.actor_type = Set(change.actor_type);
    changed.organisation = Set(change.organisation);
    changed.locale = Set(change.locale);
    changed.updated_at = Set(Utc::now());
    changed.update(db).await?;
    Ok(())
}

/// Changes the password after checking the current one; every other
/// session of the account ends, this one stays.
pub async fn change_password(
    db: &DatabaseConnection,
    account_id: i64,
    current_session_token: Option<&str>,
    current_password: &str,
    new_password: &str,
) -> Result<(), AppError> {
    let found = owner_confirmed_by_password(db, account_id, current_password).await?;
    let email = EmailAddress::parse("email", &found.email)?;
    let new_password = NewPassword::parse("new_password", new_password, &email)?;
    let hash = password::hash(new_password.expose().to_owned()).await?;

    let transaction = crate::server::transactions::begin(db).await?;
    let mut changed: account::ActiveModel = found.into();
    changed.password_hash = Set(hash);
    changed.updated_at = Set(Utc::now());
    changed.update(&transaction).await?;
    let mut others =
        session::Entity::delete_many().filter(session::Column::AccountId.eq(account_id));
    if let Some(token) = current_session_token {
        others = others.filter(session::Column::TokenHash.ne(crate::server::tokens::hash(token)));
    }
    others.exec(&transaction).await?;
    super::service::revoke_links(
        &transaction,
        account_id,
        &[super::service::TokenPurpose::Reset],
    )
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Everything Samskap stores about one account, as its owner downloads it.
#[derive(Serialize)]
pub struct AccountExport {
    pub exported_at: chrono::DateTime<Utc>,
    pub account: ExportedAccount,
    pub roles: Vec<ExportedRole>,
    pub departments: Vec<String>,
    pub sessions: Vec<ExportedSession>,
    pub email_links: Vec<ExportedEmailLink>,
    pub emails: Vec<ExportedEmail>,
    /// Ideas written, drafts and withdrawn ones included.
    pub idea: Vec<ExportedIdea>,
    /// Challenges proposed.
    pub challenge: Vec<ExportedChallenge>,
    /// Challenge teams joined, with the note left.
    pub challenge_member: Vec<ExportedMembership>,
    #[serde(flatten)]
    pub engagement: super::engagement_export::EngagementExport,
    #[serde(flatten)]
    pub work: super::work_export::WorkExport,
}

#[derive(Serialize)]
pub struct ExportedIdea {
    pub id: i64,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub status: String,
    pub district: Option<String>,
    pub created_at: chrono::DateTime<Utc>,
    pub published_at: Option<chrono::DateTime<Utc>>,
}

#[derive(Serialize)]
pub struct ExportedChallenge {
    pub id: i64,
    pub title: String,
    pub problem: String,
    pub state: String,
    pub created_at: chrono::DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedMembership {
    pub challenge_id: i64,
    pub note: String,
    pub joined_at: chrono::DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedAccount {
    pub id: i64,
    pub email: String,
    pub email_verified_at: Option<chrono::DateTime<Utc>>,
    pub display_name: String,
    pub actor_type: String,
    pub organisation: Option<String>,
    pub locale: String,
    pub created_at: chrono::DateTime<Utc>,
    pub updated_at: chrono::DateTime<Utc>,
    /// A moderator's suspension or ban (the reasons are in `notification`).
    pub suspended_until: Option<chrono::DateTime<Utc>>,
    pub banned_at: Option<chrono::DateTime<Utc>>,
}

#[derive(Serialize)]
pub struct ExportedRole {
    pub role: String,
    pub granted_at: chrono::DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedSession {
    pub created_at: chrono::DateTime<Utc>,
    pub last_seen_at: chrono::DateTime<Utc>,
    pub expires_at: chrono::DateTime<Utc>,
}

#[derive(Serialize)]
pub struct ExportedEmailLink {
    pub purpose: String,
    pub new_email: Option<String>,
    pub created_at: chrono::DateTime<Utc>,
    pub expires_at: chrono::DateTime<Utc>,
    pub used_at: Option<chrono::DateTime<Utc>>,
}

/// An email sent to the account, without its body: bodies carry live
/// links (confirming an address, resetting a password, unsubscribing), and
/// a link may reach no one but the mailbox it was sent to. Were the export
/// to hold them, anyone signed in to an account registered with someone
/// else's address could confirm that address from the download.
#[derive(Serialize)]
pub struct ExportedEmail {
    pub template: String,
    pub subject: String,
    pub created_at: chrono::DateTime<Utc>,
    pub state: EmailState,
    pub sent_at: Option<chrono::DateTime<Utc>>,
    pub failed_at: Option<chrono::DateTime<Utc>>,
}

/// Where an email is on its way out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EmailState {
    Waiting,
    Sent,
    Failed,
}

impl From<&outbox::Model> for EmailState {
    fn from(email: &outbox::Model) -> Self {
        match (email.sent_at, email.failed_at) {
            (Some(_), _) => Self::Sent,
            (None, Some(_)) => Self::Failed,
            (None, None) => Self::Waiting,
        }
    }
}

/// Secrets (the password hash, token hashes) are left out: they are not
/// information about the person, and a copy of them would only be a risk.
pub async fn export(db: &DatabaseConnection, account_id: i64) -> Result<AccountExport, AppError> {
    let found = owner(db, account_id).await?;
    let roles = account_role::Entity::find()
        .filter(account_role::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|granted| ExportedRole {
            role: granted.role.to_string(),
            granted_at: granted.granted_at,
        })
        .collect();
    let department_ids: Vec<i64> = department_member::Entity::find()
        .filter(department_member::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|membership| membership.department_id)
        .collect();
    let departments = department::Entity::find()
        .filter(department::Column::Id.is_in(department_ids))
        .order_by_asc(department::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|department| department.name)
        .collect();
    let sessions = session::Entity::find()
        .filter(session::Column::AccountId.eq(account_id))
        .order_by_asc(session::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|open| ExportedSession {
            created_at: open.created_at,
            last_seen_at: open.last_seen_at,
            expires_at: open.expires_at,
        })
        .collect();
    let email_links = email_token::Entity::find()
        .filter(email_token::Column::AccountId.eq(account_id))
        .order_by_asc(email_token::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|link| ExportedEmailLink {
            purpose: link.purpose,
            new_email: link.new_email,
            created_at: link.created_at,
            expires_at: link.expires_at,
            used_at: link.used_at,
        })
        .collect();
    let emails = outbox::Entity::find()
        .filter(outbox::Column::Recipient.eq(found.email.as_str()))
        .order_by_asc(outbox::Column::CreatedAt)
        .all(db)
        .await?
        .into_iter()
        .map(|email| ExportedEmail {
            state: EmailState::from(&email),
            template: email.template,
            subject: email.subject,
            created_at: email.created_at,
            sent_at: email.sent_at,
            failed_at: email.failed_at,
        })
        .collect();
    let (idea, challenge, challenge_member) = contributions(db, account_id).await?;
    let engagement = super::engagement_export::export(db, &found).await?;
    let work = super::work_export::export(db, account_id).await?;
    Ok(AccountExport {
        exported_at: Utc::now(),
        account: ExportedAccount {
            id: found.id,
            email: found.email,
            email_verified_at: found.email_verified_at,
            display_name: found.display_name,
            actor_type: found.actor_type.to_string(),
            organisation: found.organisation,
            locale: found.locale.to_string(),
            created_at: found.created_at,
            updated_at: found.updated_at,
            suspended_until: found.suspended_until,
            banned_at: found.banned_at,
        },
        roles,
        departments,
        sessions,
        email_links,
        emails,
        idea,
        challenge,
        challenge_member,
        engagement,
        work,
    })
}

/// What the account wrote or joined, for the export.
async fn contributions(
    db: &DatabaseConnection,
    account_id: i64,
) -> Result<
    (
        Vec<ExportedIdea>,
        Vec<ExportedChallenge>,
        Vec<ExportedMembership>,
    ),
    AppError,
> {
    let ideas = idea::Entity::find()
        .filter(idea::Column::AuthorId.eq(account_id))
        .order_by_asc(idea::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|found| ExportedIdea {
            id: found.id,
            title: found.title,
            summary: found.summary,
            body: found.body,
            status: found.status.to_string(),
            district: found.district,
            created_at: found.created_at,
            published_at: found.published_at,
        })
        .collect();
    let challenges = challenge::Entity::find()
        .filter(challenge::Column::ProposedBy.eq(account_id))
        .order_by_asc(challenge::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|found| ExportedChallenge {
            id: found.id,
            title: found.title,
            problem: found.problem,
            state: found.state.to_string(),
            created_at: found.created_at,
        })
        .collect();
    let memberships = challenge_member::Entity::find()
        .filter(challenge_member::Column::AccountId.eq(account_id))
        .all(db)
        .await?
        .into_iter()
        .map(|found| ExportedMembership {
            challenge_id: found.challenge_id,
            note: found.note,
            joined_at: found.joined_at,
        })
        .collect();
    Ok((ideas, challenges, memberships))
}
