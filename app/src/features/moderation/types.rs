use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::i18n::Messages;

/// The longest explanation a report may carry.
pub const REPORT_DETAIL_MAX: usize = 1_000;

/// The longest reason a moderator may give (shown publicly for hidden content).
pub const REASON_MAX: usize = 1_000;

/// The idea a moderator names for a merge: `12`, `#12`, or its address
/// (`https://…/ideas/12`, `/ideas/12?comments=newest`).
pub fn idea_number(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = match text.rfind("/ideas/") {
        Some(at) => text[at + "/ideas/".len()..]
            .split(['/', '?', '#'])
            .next()
            .unwrap_or_default(),
        None => text.trim_start_matches('#'),
    };
    number.parse().ok().filter(|id| *id > 0)
}

/// What can be reported and decided on. The string forms are the
/// `report.subject_type` column and the forms' `kind` field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Item {
    Idea(i64),
    Comment(i64),
    Challenge(i64),
    Account(i64),
}

impl Item {
    pub const KINDS: [&'static str; 4] = ["idea", "comment", "challenge", "account"];

    pub fn kind(self) -> &'static str {
        match self {
            Self::Idea(_) => "idea",
            Self::Comment(_) => "comment",
            Self::Challenge(_) => "challenge",
            Self::Account(_) => "account",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Self::Idea(id) | Self::Comment(id) | Self::Challenge(id) | Self::Account(id) => id,
        }
    }

    pub fn parse(kind: &str, id: i64) -> Option<Self> {
        match kind {
            "idea" => Some(Self::Idea(id)),
            "comment" => Some(Self::Comment(id)),
            "challenge" => Some(Self::Challenge(id)),
            "account" => Some(Self::Account(id)),
            _ => None,
        }
    }

    /// Content can be hidden; an account can only be sanctioned.
    pub fn is_content(self) -> bool {
        !matches!(self, Self::Account(_))
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Idea(_) => t.moderation_kind_idea,
            Self::Comment(_) => t.moderation_kind_comment,
            Self::Challenge(_) => t.moderation_kind_challenge,
            Self::Account(_) => t.moderation_kind_account,
        }
    }
}

crate::stored_enum! {
    /// Why someone reports an item. The string forms are `report.reason`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ReportReason {
        Spam = "spam",
        Offensive = "offensive",
        OffTopic = "off_topic",
        PersonalData = "personal_data",
        /// Needs a few words of explanation.
        Other = "other",
    }
}

impl ReportReason {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Spam => t.report_reason_spam,
            Self::Offensive => t.report_reason_offensive,
            Self::OffTopic => t.report_reason_off_topic,
            Self::PersonalData => t.report_reason_personal_data,
            Self::Other => t.report_reason_other,
        }
    }
}

/// Why the public no longer sees an item, shown in its place.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hidden {
    /// Enough open reports hid it until a moderator decides.
    ByReports,
    /// A moderator hid it, with the reason everyone reads.
    ByModerator(String),
}

impl Hidden {
    /// From the item's `hidden_at` and `hidden_reason` columns.
    pub fn from_columns(hidden_at: Option<DateTime<Utc>>, reason: Option<String>) -> Option<Self> {
        hidden_at.map(|_| match reason {
            Some(reason) => Self::ByModerator(reason),
            None => Self::ByReports,
        })
    }

    /// The sentence shown in place of the content.
    pub fn sentence(&self, t: &'static Messages) -> String {
        match self {
            Self::ByReports => t.hidden_by_reports.to_owned(),
            Self::ByModerator(reason) => {
                crate::i18n::fill(t.hidden_by_moderator, &[("reason", reason)])
            }
        }
    }
}

/// A moderator's decision on an item in the queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    /// Publish an idea or comment held for approval.
    Approve,
    /// Hide the content, with a reason shown publicly in its place.
    Hide(String),
    /// Show hidden content again; its open reports are dismissed.
    Restore,
    /// The reports were unfounded: close them (and show the content again
    /// if the reports had hidden it).
    Dismiss,
}

impl Decision {
    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Approve => "approve",
            Self::Hide(_) => "hide",
            Self::Restore => "restore",
            Self::Dismiss => "dismiss",
        }
    }
}

/// What a moderator does to an account: its author's, or a reported one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sanction {
    /// A warning with the reason; the account may go on taking part.
    Warn(String),
    /// Read, but not act, for this many days.
    Suspend { days: u32, reason: String },
    /// Read, but never act, until lifted.
    Ban(String),
    /// End a suspension or ban early.
    Lift,
}

impl Sanction {
    pub const SUSPEND_DAYS_MAX: u32 = 365;

    pub fn as_str(&self) -> &'static str {
        match self {
            Self::Warn(_) => "warn",
            Self::Suspend { .. } => "suspend",
            Self::Ban(_) => "ban",
            Self::Lift => "lift",
        }
    }
}

/// Where an account stands: free to act, or restricted to reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Restriction {
    SuspendedUntil(DateTime<Utc>),
    Banned,
}

impl Restriction {
    /// From the account's columns, as of `now` (a suspension that has run
    /// out is no restriction).
    pub fn of(
        suspended_until: Option<DateTime<Utc>>,
        banned_at: Option<DateTime<Utc>>,
        now: DateTime<Utc>,
    ) -> Option<Self> {
        if banned_at.is_some() {
            return Some(Self::Banned);
        }
        suspended_until
            .filter(|until| *until > now)
            .map(Self::SuspendedUntil)
    }
}

/// One report as a moderator reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportView {
    pub reason: ReportReason,
    pub detail: Option<String>,
    pub at: DateTime<Utc>,
}

/// Why an item is in the queue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Waiting {
    /// Held for approval (pre-moderation).
    Approval,
    /// Has open reports.
    Reports,
}

/// An item in `/admin/moderation`, with what a moderator needs to decide.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub item: Item,
    pub waiting: Waiting,
    /// The idea's or challenge's title, the comment's idea, or the account's name.
    pub title: String,
    /// The text in question (rendered Markdown for content), for context.
    pub body_html: String,
    /// Where the item lives.
    pub path: String,
    /// The author (or the reported account): id and name.
    pub author: Option<(i64, String)>,
    pub author_restriction: Option<Restriction>,
    pub hidden: Option<Hidden>,
    pub reports: Vec<ReportView>,
    /// When it started waiting: the first open report, or when it was held.
    pub since: DateTime<Utc>,
}

/// Which items the queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    /// idea / comment / challenge / account, or all.
    pub kind: Option<String>,
    pub waiting: Option<Waiting>,
    pub reason: Option<ReportReason>,
}

impl QueueFilter {
    /// From the page's address; unknown values mean "all".
    pub fn parse(kind: Option<&str>, waiting: Option<&str>, reason: Option<&str>) -> Self {
        Self {
            kind: kind
                .filter(|kind| Item::KINDS.contains(kind))
                .map(str::to_owned),
            waiting: match waiting {
                Some("approval") => Some(Waiting::Approval),
                Some("reports") => Some(Waiting::Reports),
                _ => None,
            },
            reason: reason.and_then(ReportReason::parse),
        }
    }
}

/// The queue, oldest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub items: Vec<QueueItem>,
    /// Items beyond this page (the queue shows the oldest first).
    pub more: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn items_and_reasons_read_back_what_they_write() {
        for kind in Item::KINDS {
            assert_eq!(Item::parse(kind, 7).map(Item::kind), Some(kind));
        }
        assert_eq!(Item::parse("photo", 7), None);
        for reason in ReportReason::ALL {
            assert_eq!(ReportReason::parse(reason.as_str()), Some(reason));
        }
    }

    #[test]
    fn a_merge_target_is_named_as_people_copy_it() {
        for named in [
            "12",
            "#12",
            " 12 ",
            "https://samskap.example/ideas/12",
            "/ideas/12?comments=newest",
            "/ideas/12#comments",
        ] {
            assert_eq!(idea_number(named), Some(12), "{named}");
        }
        for nonsense in ["", "tolv", "-3", "0", "/challenges/12x", "/ideas/"] {
            assert_eq!(idea_number(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn a_suspension_that_ran_out_restricts_nothing() {
        let now = Utc::now();
        assert_eq!(
            Restriction::of(Some(now - Duration::hours(1)), None, now),
            None
        );
        assert_eq!(
            Restriction::of(Some(now + Duration::hours(1)), None, now),
            Some(Restriction::SuspendedUntil(now + Duration::hours(1)))
        );
        assert_eq!(
            Restriction::of(Some(now + Duration::hours(1)), Some(now), now),
            Some(Restriction::Banned)
        );
    }

    #[test]
    fn hidden_reads_its_columns() {
        let now = Utc::now();
        assert_eq!(Hidden::from_columns(None, Some("x".into())), None);
        assert_eq!(
            Hidden::from_columns(Some(now), None),
            Some(Hidden::ByReports)
        );
        assert_eq!(
            Hidden::from_columns(Some(now), Some("spam".into())),
            Some(Hidden::ByModerator("spam".into()))
        );
    }
}
