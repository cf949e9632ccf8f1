//! What crosses the wire for accounts, and the rules a value must meet to
//! become one of the types below. Once a value has its type it is valid.

use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};

pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 256;
pub const DISPLAY_NAME_MAX: usize = 80;
pub const ORGANISATION_MAX: usize = 120;

crate::stored_enum! {
    /// Who someone is when they take part; shown on contributions and used in analytics.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ActorType {
        Resident = "resident",
        Business = "business",
        Research = "research",
        Volunteer = "volunteer",
        SocialEntrepreneur = "social_entrepreneur",
        Employee = "employee",
        PublicBody = "public_body",
    }
}

impl ActorType {
    pub fn parse(value: &str) -> Result<Self, AppError> {
        Self::ALL
            .into_iter()
            .find(|actor| actor.as_str() == value)
            .ok_or_else(|| AppError::invalid("actor_type", Problem::UnknownChoice))
    }
}

crate::stored_enum! {
    /// What an account may do beyond taking part. Granted by an admin.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
    pub enum Role {
        Staff = "staff",
        Moderator = "moderator",
        Admin = "admin",
    }
}

impl Role {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }
}

/// The signed-in account as the pages see it: looked up once per request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Viewer {
    pub account_id: i64,
    pub email: String,
    pub display_name: String,
    pub email_verified: bool,
    pub actor_type: ActorType,
    pub organisation: Option<String>,
    pub locale: crate::i18n::Locale,
    pub roles: Vec<Role>,
    /// Suspended or banned: may read, not act.
    pub restriction: Option<crate::features::moderation::types::Restriction>,
}

impl Viewer {
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }

    /// Decides on reports and held content: a moderator, or an admin.
    pub fn moderates(&self) -> bool {
        self.has_role(Role::Moderator) || self.has_role(Role::Admin)
    }

    /// Acts for the municipality: staff, or an admin (who may do what staff do).
    pub fn acts_as_staff(&self) -> bool {
        self.has_role(Role::Staff) || self.has_role(Role::Admin)
    }

    /// Taking part (posting, supporting, commenting, reporting, joining) needs
    /// a confirmed email address and an account that is not suspended or banned.
    pub fn require_participant(&self) -> Result<(), AppError> {
        if !self.email_verified {
            return Err(AppError::invalid("account", Problem::EmailNotVerified));
        }
        if self.restriction.is_some() {
            return Err(AppError::invalid("account", Problem::AccountRestricted));
        }
        Ok(())
    }

    /// The municipality's work (publishing and correcting challenges, moving
    /// and answering ideas) is staff's and admins', whichever department.
    pub fn require_staff(&self) -> Result<(), AppError> {
        if self.acts_as_staff() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// Decisions on reports, held content and sanctions.
    pub fn require_moderator(&self) -> Result<(), AppError> {
        if self.moderates() {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}

/// Who wrote something, as the public sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    /// `None` once the account is deleted: shown as "deleted user".
    pub display_name: Option<String>,
    pub actor_type: ActorType,
    pub organisation: Option<String>,
}

impl Author {
    /// What is shown for someone whose account is gone.
    pub fn deleted() -> Self {
        Self {
            display_name: None,
            actor_type: ActorType::Resident,
            organisation: None,
        }
    }
}

/// An email address, trimmed and lower-cased so one address is one account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmailAddress(String);

impl EmailAddress {
    pub fn parse(field: &str, value: &str) -> Result<Self, AppError> {
        let normalised = value.trim().to_lowercase();
        if normalised.is_empty() {
            return Err(AppError::invalid(field, Problem::Required));
        }
        if normalised.chars().count() > EMAIL_MAX {
            return Err(AppError::invalid(field, Problem::TooLong));
        }
        let (local, domain) = normalised.split_once('@').unwrap_or_default();
        let plausible = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !normalised
                .chars()
                .any(|c| c.is_whitespace() || c.is_control())
            && normalised.matches('@').count() == 1;
        if plausible {
            Ok(Self(normalised))
        } else {
            Err(AppError::invalid(field, Problem::InvalidEmail))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password: long enough to resist guessing, and not a well-known one.
#[derive(Clone)]
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(field: &str, value: &str, email: &EmailAddress) -> Result<Self, AppError> {
        let length = value.chars().count();
        if length == 0 {
            return Err(AppError::invalid(field, Problem::Required));
        }
        if length < PASSWORD_MIN {
            return Err(AppError::invalid(field, Problem::PasswordTooShort));
        }
        if length > PASSWORD_MAX {
            return Err(AppError::invalid(field, Problem::TooLong));
        }
        let lower = value.to_lowercase();
        let first = value.chars().next();
        let one_character_repeated = value.chars().all(|c| Some(c) == first);
        let local_part = email.as_str().split('@').next().unwrap_or_default();
        if one_character_repeated
            || COMMON_PASSWORDS.contains(&lower.as_str())
            || lower == email.as_str()
            || (local_part.len() >= 4 && lower.contains(local_part))
        {
            return Err(AppError::invalid(field, Problem::PasswordTooCommon));
        }
        Ok(Self(value.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(****)")
    }
}

/// Passwords of ten or more characters that lists of leaked passwords put near the top.
const COMMON_PASSWORDS: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "passord123",
    "password12",
    "password123",
    "qwertyuiop",
    "asdfghjkl1",
    "1q2w3e4r5t",
    "qwerty1234",
    "sommer2024",
    "sommer2025",
    "sommer2026",
    "vinter2026",
    "passord1234",
    "password1234",
    "iloveyou12",
    "abcdefghij",
];

/// A name shown beside what the person posts.
pub fn parse_display_name(value: &str) -> Result<String, AppError> {
    crate::text::required_line("display_name", value, DISPLAY_NAME_MAX)
}

/// An optional organisation; blank means none.
pub fn parse_organisation(value: &str) -> Result<Option<String>, AppError> {
    let name = crate::text::collapse_whitespace(value);
    if name.chars().count() > ORGANISATION_MAX {
        Err(AppError::invalid("organisation", Problem::TooLong))
    } else {
        Ok(Some(name).filter(|name| !name.is_empty()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email(value: &str) -> Result<EmailAddress, AppError> {
        EmailAddress::parse("email", value)
    }

    #[test]
    fn emails_are_normalised_and_checked() -> Result<(), AppError> {
        assert_eq!(
            email("  Kari.Nordmann@Baerum.KOMMUNE.no ")?.as_str(),
            "kari.nordmann@baerum.kommune.no"
        );
        for bad in [
            "kari",
            "kari@",
            "@baerum.no",
            "kari@baerum",
            "kari nordmann@baerum.no",
            "a@b@c.no",
            "kari@.no",
        ] {
            assert_eq!(
                email(bad),
                Err(AppError::invalid("email", Problem::InvalidEmail)),
                "{bad}"
            );
        }
        assert_eq!(
            email("   "),
            Err(AppError::invalid("email", Problem::Required))
        );
        let long = format!("{}@baerum.no", "k".repeat(250));
        assert_eq!(
            email(&long),
            Err(AppError::invalid("email", Problem::TooLong))
        );
        Ok(())
    }

    #[test]
    fn weak_passwords_are_refused_with_the_reason() -> Result<(), AppError> {
        let owner = email("kari.nordmann@baerum.no")?;
        let problem = |value: &str| NewPassword::parse("password", value, &owner).err();
        assert_eq!(
            problem(""),
            Some(AppError::invalid("password", Problem::Required))
        );
        assert_eq!(
            problem("kort"),
            Some(AppError::invalid("password", Problem::PasswordTooShort))
        );
        assert_eq!(
            problem("aaaaaaaaaaaa"),
            Some(AppError::invalid("password", Problem::PasswordTooCommon))
        );
        assert_eq!(
            problem("Passord123"),
            Some(AppError::invalid("password", Problem::PasswordTooCommon))
        );
        assert_eq!(
            problem("kari.nordmann2026"),
            Some(AppError::invalid("password", Problem::PasswordTooCommon))
        );
        assert_eq!(
            problem(&"x".repeat(257)),
            Some(AppError::invalid("password", Problem::TooLong))
        );
        assert!(NewPassword::parse("password", "sykkelsti langs fjorden", &owner).is_ok());
        Ok(())
    }

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            parse_display_name("  Kari   Nordmann "),
            Ok("Kari Nordmann".to_owned())
        );
        assert_eq!(
            parse_display_name(" "),
            Err(AppError::invalid("display_name", Problem::Required))
        );
        assert_eq!(
            parse_display_name(&"n".repeat(81)),
            Err(AppError::invalid("display_name", Problem::TooLong))
        );
        assert_eq!(parse_organisation("  "), Ok(None));
        assert_eq!(
            parse_organisation(&"o".repeat(121)),
            Err(AppError::invalid("organisation", Problem::TooLong))
        );
    }

    #[test]
    fn actor_types_round_trip() {
        for actor in ActorType::ALL {
            assert_eq!(ActorType::parse(actor.as_str()), Ok(actor));
        }
        assert!(ActorType::parse("alien").is_err());
    }
}
