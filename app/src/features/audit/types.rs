use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

crate::stored_enum! {
    /// What was done. The string forms are the `audit_log.action` column.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum AuditAction {
        /// An admin changed an account's roles or departments.
        AccessChanged = "access_changed",
        /// An admin changed the municipality's settings.
        SettingsChanged = "settings_changed",
        /// Staff approved a proposed challenge.
        ChallengeApproved = "challenge_approved",
        /// Staff declined a proposed challenge (with the reason).
        ChallengeDeclined = "challenge_declined",
        /// Staff moved a challenge to another state.
        ChallengeStateChanged = "challenge_state_changed",
        /// Staff changed a challenge's text, owner or dates (with what changed).
        ChallengeEdited = "challenge_edited",
        /// A moderator hid content (with the public reason).
        ContentHidden = "content_hidden",
        /// A moderator showed hidden content again.
        ContentRestored = "content_restored",
        /// A moderator approved content held for approval.
        ContentApproved = "content_approved",
        /// A moderator closed an item's reports as unfounded.
        ReportsDismissed = "reports_dismissed",
        AccountWarned = "account_warned",
        AccountSuspended = "account_suspended",
        AccountBanned = "account_banned",
        /// A moderator lifted a suspension or ban.
        AccountRestored = "account_restored",
        /// A moderator merged a duplicate idea into another.
        IdeasMerged = "ideas_merged",
        /// A moderator undid a merge.
        MergeUndone = "merge_undone",
        /// An admin added a department.
        DepartmentAdded = "department_added",
        /// An admin renamed a department (old → new name).
        DepartmentRenamed = "department_renamed",
        /// An admin retired a department: no longer offered.
        DepartmentRetired = "department_retired",
        /// An admin offered a retired department again.
        DepartmentRestored = "department_restored",
        /// An admin added a shared goal.
        GoalAdded = "goal_added",
        /// An admin changed a goal's names or descriptions (old → new name).
        GoalEdited = "goal_edited",
        /// An admin retired a goal: no longer offered.
        GoalRetired = "goal_retired",
        /// An admin offered a retired goal again.
        GoalRestored = "goal_restored",
        /// Staff changed the goals an idea works towards (with the goals after).
        IdeaGoalsChanged = "idea_goals_changed",
    }
}

impl AuditAction {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::AccessChanged => t.audit_access_changed,
            Self::SettingsChanged => t.audit_settings_changed,
            Self::ChallengeApproved => t.audit_challenge_approved,
            Self::ChallengeDeclined => t.audit_challenge_declined,
            Self::ChallengeStateChanged => t.audit_challenge_state_changed,
            Self::ChallengeEdited => t.audit_challenge_edited,
            Self::ContentHidden => t.audit_content_hidden,
            Self::ContentRestored => t.audit_content_restored,
            Self::ContentApproved => t.audit_content_approved,
            Self::ReportsDismissed => t.audit_reports_dismissed,
            Self::AccountWarned => t.audit_account_warned,
            Self::AccountSuspended => t.audit_account_suspended,
            Self::AccountBanned => t.audit_account_banned,
            Self::AccountRestored => t.audit_account_restored,
            Self::IdeasMerged => t.audit_ideas_merged,
            Self::MergeUndone => t.audit_merge_undone,
            Self::DepartmentAdded => t.audit_department_added,
            Self::DepartmentRenamed => t.audit_department_renamed,
            Self::DepartmentRetired => t.audit_department_retired,
            Self::DepartmentRestored => t.audit_department_restored,
            Self::GoalAdded => t.audit_goal_added,
            Self::GoalEdited => t.audit_goal_edited,
            Self::GoalRetired => t.audit_goal_retired,
            Self::GoalRestored => t.audit_goal_restored,
            Self::IdeaGoalsChanged => t.audit_idea_goals_changed,
        }
    }
}

/// What an action was done to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditSubject {
    Account(i64),
    Challenge(i64),
    Idea(i64),
    Comment(i64),
    Department(i64),
    Goal(i64),
    Settings,
}

impl AuditSubject {
    pub fn kind(self) -> &'static str {
        match self {
            Self::Account(_) => "account",
            Self::Challenge(_) => "challenge",
            Self::Idea(_) => "idea",
            Self::Comment(_) => "comment",
            Self::Department(_) => "department",
            Self::Goal(_) => "goal",
            Self::Settings => "settings",
        }
    }

    pub fn id(self) -> Option<i64> {
        match self {
            Self::Account(id)
            | Self::Challenge(id)
            | Self::Idea(id)
            | Self::Comment(id)
            | Self::Department(id)
            | Self::Goal(id) => Some(id),
            Self::Settings => None,
        }
    }

    /// The page of the item, where there is one.
    pub fn path(self) -> Option<String> {
        match self {
            Self::Challenge(id) => Some(format!("/challenges/{id}")),
            Self::Idea(id) => Some(format!("/ideas/{id}")),
            Self::Department(id) => Some(format!("/admin/departments#department-{id}")),
            Self::Goal(id) => Some(format!("/admin/goals#goal-{id}")),
            // A comment's page needs its idea; the detail names the idea.
            Self::Comment(_) | Self::Account(_) | Self::Settings => None,
        }
    }

    pub fn parse(kind: Option<&str>, id: Option<i64>) -> Option<Self> {
        match (kind?, id) {
            ("account", Some(id)) => Some(Self::Account(id)),
            ("challenge", Some(id)) => Some(Self::Challenge(id)),
            ("idea", Some(id)) => Some(Self::Idea(id)),
            ("comment", Some(id)) => Some(Self::Comment(id)),
            ("department", Some(id)) => Some(Self::Department(id)),
            ("goal", Some(id)) => Some(Self::Goal(id)),
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
