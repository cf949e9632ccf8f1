use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

/// What was done. The string forms are the `audit_log.action` column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditAction {
    /// An admin changed an account's roles or departments.
    AccessChanged,
    /// An admin changed the municipality's settings.
    SettingsChanged,
    /// Staff approved a proposed challenge.
    ChallengeApproved,
    /// Staff declined a proposed challenge (with the reason).
    ChallengeDeclined,
    /// Staff moved a challenge to another state.
    ChallengeStateChanged,
}

impl AuditAction {
    pub const ALL: [AuditAction; 5] = [
        Self::AccessChanged,
        Self::SettingsChanged,
        Self::ChallengeApproved,
        Self::ChallengeDeclined,
        Self::ChallengeStateChanged,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::AccessChanged => "access_changed",
            Self::SettingsChanged => "settings_changed",
            Self::ChallengeApproved => "challenge_approved",
            Self::ChallengeDeclined => "challenge_declined",
            Self::ChallengeStateChanged => "challenge_state_changed",
        }
    }

    pub fn parse(value: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|action| action.as_str() == value)
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::AccessChanged => t.audit_access_changed,
            Self::SettingsChanged => t.audit_settings_changed,
            Self::ChallengeApproved => t.audit_challenge_approved,
            Self::ChallengeDeclined => t.audit_challenge_declined,
            Self::ChallengeStateChanged => t.audit_challenge_state_changed,
        }
    }
}

/// What an action was done to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditSubject {
    Account(i64),
    Challenge(i64),
    Settings,
}

impl AuditSubject {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Account(_) => "account",
            Self::Challenge(_) => "challenge",
            Self::Settings => "settings",
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Self::Account(id) | Self::Challenge(id) => Some(id),
            Self::Settings => None,
        }
    }

    /// The page of the item, where there is one.
    pub fn path(self) -> Option<String> {
        match self {
            Self::Challenge(id) => Some(format!("/challenges/{id}")),
            Self::Account(_) | Self::Settings => None,
        }
    }

    pub fn parse(kind: Option<&str>, id: Option<i64>) -> Option<Self> {
        match (kind?, id) {
            ("account", Some(id)) => Some(Self::Account(id)),
            ("challenge", Some(id)) => Some(Self::Challenge(id)),
            ("settings", _) => Some(Self::Settings),
            _ => None,
        }
    }
}

/// One row of the log as the page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_name: String,
    pub action: AuditAction,
    pub subject: Option<AuditSubject>,
    pub detail: String,
}

/// Which rows to show: one action, one person (by name, any part), or all.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<AuditAction>,
    pub actor: Option<String>,
}

impl AuditFilter {
    /// From the page's address: unknown actions and empty names mean "all".
    pub fn parse(action: Option<&str>, actor: Option<&str>) -> Self {
        Self {
            action: action.and_then(AuditAction::parse),
            actor: actor
                .map(str::trim)
                .filter(|name| !name.is_empty())
                .map(|name| name.chars().take(120).collect()),
        }
    }

    /// The filter as a query string (without `?`), for links and the CSV.
    pub fn query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(action) = self.action {
            pairs.push(format!("action={}", action.as_str()));
        }
        if let Some(actor) = &self.actor {
            pairs.push(format!("actor={}", crate::text::percent_encode(actor)));
        }
        pairs.join("&")
    }
}

/// A page of the log, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditPage {
    pub entries: Vec<AuditEntry>,
    /// The id to continue before, when older rows remain.
    pub older: Option<i64>,
}
