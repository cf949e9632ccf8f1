//! What crosses the wire for challenges, and the rules a proposal must meet.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::accounts::types::Author;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::types::IdeaCard;
use crate::i18n::Messages;
use crate::text::required_line;

pub const TITLE_MAX: usize = 120;
pub const PROBLEM_MAX: usize = 10_000;
pub const NOTE_MAX: usize = 280;
pub const REASON_MAX: usize = 1_000;
/// A challenge runs at most two years; a longer one is a typing mistake.
pub const LONGEST_RUN_DAYS: i64 = 730;

crate::stored_enum! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum ChallengeState {
        /// Proposed by a participant, waiting for staff.
        Proposed = "proposed",
        Declined = "declined",
        Open = "open",
        /// Closed for new ideas.
        Closed = "closed",
        Evaluating = "evaluating",
        Done = "done",
    }
}

impl ChallengeState {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    /// Anyone may read it; proposals and declined ones only their proposer and staff.
    pub fn is_public(self) -> bool {
        !matches!(self, Self::Proposed | Self::Declined)
    }

    /// Co-creators may join while the work goes on.
    pub fn accepts_members(self) -> bool {
        matches!(self, Self::Open | Self::Closed | Self::Evaluating)
    }

    /// The states staff may move a challenge to from this one.
    pub fn next_states(self) -> &'static [ChallengeState] {
        match self {
            Self::Proposed => &[Self::Open, Self::Declined],
            Self::Open => &[Self::Closed],
            Self::Closed => &[Self::Open, Self::Evaluating],
            Self::Evaluating => &[Self::Done],
            Self::Declined | Self::Done => &[],
        }
    }

    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Proposed => t.challenge_state_proposed,
            Self::Declined => t.challenge_state_declined,
            Self::Open => t.challenge_state_open,
            Self::Closed => t.challenge_state_closed,
            Self::Evaluating => t.challenge_state_evaluating,
            Self::Done => t.challenge_state_done,
        }
    }
}

/// Ideas may be submitted to an open challenge between its dates (Oslo's days).
pub fn accepts_ideas(
    state: ChallengeState,
    opens_on: NaiveDate,
    closes_on: NaiveDate,
    today: NaiveDate,
) -> bool {
    state == ChallengeState::Open && opens_on <= today && today <= closes_on
}

/// One challenge in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeCard {
    pub id: i64,
    pub title: String,
    pub focus_area: FocusArea,
    pub department_id: Option<i64>,
    pub department: Option<String>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub state: ChallengeState,
    pub accepts_ideas: bool,
    pub idea_count: i64,
    pub member_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamMember {
    pub person: Author,
    pub note: String,
    pub joined_at: DateTime<Utc>,
}

/// A challenge on its own page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChallengeDetail {
    pub card: ChallengeCard,
    pub problem_html: String,
    pub decline_reason: Option<String>,
    pub proposed_by: Option<Author>,
    pub team: Vec<TeamMember>,
    pub ideas: Vec<IdeaCard>,
    pub viewer: ViewerOnChallenge,
    /// Hidden by reports or a moderator.
    pub hidden: Option<crate::features::moderation::types::Hidden>,
    /// Hidden from this reader: only the notice is sent, nothing of the challenge.
    pub redacted: bool,
    /// The shared goals it works towards that are still in use.
    #[serde(default)]
    pub goals: Vec<crate::features::goals::types::Goal>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewerOnChallenge {
    pub signed_in: bool,
    pub is_member: bool,
    pub can_join: bool,
    /// Staff: approve, decline, close and so on.
    pub can_manage: bool,
    pub following: bool,
    pub reported: bool,
    /// A moderator (or admin): may hide and restore.
    pub moderates: bool,
}

/// The lists of `/challenges`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeLists {
    pub open: Vec<ChallengeCard>,
    pub earlier: Vec<ChallengeCard>,
    /// Staff see every proposal; a participant sees their own.
    pub proposals: Vec<ChallengeCard>,
}

/// A valid challenge text, from the proposal form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChallengeText {
    pub title: String,
    pub problem: String,
    pub focus_area: FocusArea,
    pub department_id: Option<i64>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
}

impl ChallengeText {
    pub fn parse(
        title: &str,
        problem: &str,
        focus_area: &str,
        department_id: &str,
        opens_on: &str,
        closes_on: &str,
    ) -> Result<Self, AppError> {
        let title = required_line("title", title, TITLE_MAX)?;
        // Windows line endings count twice until they are made plain.
        crate::text::within_limit("problem", problem, PROBLEM_MAX * 2)?;
        let problem = problem.replace("\r\n", "\n").trim().to_owned();
        match problem.chars().count() {
            0 => return Err(AppError::invalid("problem", Problem::Required)),
            n if n > PROBLEM_MAX => return Err(AppError::invalid("problem", Problem::TooLong)),
            _ => {}
        }
        let focus_area = FocusArea::parse("focus_area", focus_area)?;
        let department_id = match department_id.trim() {
            "" => None,
            id => Some(
                id.parse()
                    .map_err(|_| AppError::invalid("department_id", Problem::UnknownChoice))?,
            ),
        };
        let opens_on = crate::time::parse_form_date("opens_on", opens_on)?;
        let closes_on = crate::time::parse_form_date("closes_on", closes_on)?;
        if closes_on < opens_on {
            return Err(AppError::invalid("closes_on", Problem::DateBeforeStart));
        }
        if (closes_on - opens_on).num_days() > LONGEST_RUN_DAYS {
            return Err(AppError::invalid("closes_on", Problem::OutOfRange));
        }
        Ok(Self {
            title,
            problem,
            focus_area,
            department_id,
            opens_on,
            closes_on,
        })
    }
}

/// Which of a challenge's dates staff may still change. A proposal's and a
/// not yet opened challenge's both; once it has opened, ideas have come in
/// under its first day, so only the last day may move; once it is closed
/// for ideas (or declined, evaluated, done) its dates are its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EditableDates {
    Both,
    ClosingOnly,
    Neither,
}

impl EditableDates {
    /// For a challenge in `state` that opens (or opened) on `opens_on`.
    pub fn of(state: ChallengeState, opens_on: NaiveDate, today: NaiveDate) -> Self {
        match state {
            ChallengeState::Proposed => Self::Both,
            ChallengeState::Open if opens_on > today => Self::Both,
            ChallengeState::Open => Self::ClosingOnly,
            _ => Self::Neither,
        }
    }

    /// Whether moving the dates from `before` to `after` is allowed, on top
    /// of what [`ChallengeText::parse`] checks. An open challenge's new last
    /// day is today at the earliest: staff stop the ideas by closing it, a
    /// state change of its own that its followers hear of as such.
    pub fn check(
        self,
        state: ChallengeState,
        before: (NaiveDate, NaiveDate),
        after: (NaiveDate, NaiveDate),
        today: NaiveDate,
    ) -> Result<(), AppError> {
        if after.0 != before.0 && self != Self::Both {
            return Err(AppError::invalid("opens_on", Problem::NotAllowedNow));
        }
        if after.1 != before.1 {
            if self == Self::Neither {
                return Err(AppError::invalid("closes_on", Problem::NotAllowedNow));
            }
            if state == ChallengeState::Open && after.1 < today {
                return Err(AppError::invalid("closes_on", Problem::ClosingDayPassed));
            }
        }
        Ok(())
    }
}

/// A challenge as staff's edit form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeEditor {
    pub id: i64,
    pub state: ChallengeState,
    pub title: String,
    /// Markdown, as written.
    pub problem: String,
    pub focus_area: FocusArea,
    pub department_id: Option<i64>,
    pub opens_on: NaiveDate,
    pub closes_on: NaiveDate,
    pub dates: EditableDates,
    /// The shared goals it is linked to.
    pub goal_ids: Vec<i64>,
    /// The version of the challenge the form is filled in from: a save
    /// made from an older one is refused rather than overwriting someone
    /// else's change.
    pub version: i64,
}

/// A short note on what a co-creator brings.
pub fn parse_note(value: &str) -> Result<String, AppError> {
    required_line("note", value, NOTE_MAX)
}

/// Why staff declined a proposal: shown to the proposer.
pub fn parse_reason(value: &str) -> Result<String, AppError> {
    crate::text::required_text("reason", value, REASON_MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(opens: &str, closes: &str) -> Result<ChallengeText, AppError> {
        ChallengeText::parse(
            "Tryggere skolevei",
            "Mange barn går langs veien.",
            "co_creation",
            "",
            opens,
            closes,
        )
    }

    #[test]
    fn dates_must_be_real_and_in_order() {
        assert!(parse("2026-12-01", "2027-01-31").is_ok());
        assert_eq!(
            parse("", "2027-01-31")
                .err()
                .and_then(|e| e.field().map(str::to_owned))
                .as_deref(),
            Some("opens_on")
        );
        assert_eq!(
            parse("2026-02-30", "2027-01-31").err(),
            Some(AppError::invalid("opens_on", Problem::InvalidDate))
        );
        assert_eq!(
            parse("2026-12-01", "2026-11-30").err(),
            Some(AppError::invalid("closes_on", Problem::DateBeforeStart))
        );
        assert_eq!(
            parse("2026-12-01", "2030-01-01").err(),
            Some(AppError::invalid("closes_on", Problem::OutOfRange))
        );
    }

    #[test]
    fn dates_stay_put_once_they_are_history() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        let today = day(10);
        assert_eq!(
            EditableDates::of(ChallengeState::Proposed, day(1), today),
            EditableDates::Both
        );
        assert_eq!(
            EditableDates::of(ChallengeState::Open, day(11), today),
            EditableDates::Both
        );
        assert_eq!(
            EditableDates::of(ChallengeState::Open, day(10), today),
            EditableDates::ClosingOnly
        );
        for state in [
            ChallengeState::Closed,
            ChallengeState::Evaluating,
            ChallengeState::Done,
            ChallengeState::Declined,
        ] {
            assert_eq!(
                EditableDates::of(state, day(11), today),
                EditableDates::Neither
            );
        }
        let open = ChallengeState::Open;
        let running = EditableDates::ClosingOnly;
        assert!(
            running
                .check(open, (day(1), day(20)), (day(1), day(25)), today)
                .is_ok()
        );
        assert_eq!(
            running
                .check(open, (day(1), day(20)), (day(2), day(20)), today)
                .err(),
            Some(AppError::invalid("opens_on", Problem::NotAllowedNow))
        );
        // The last day may become today, not yesterday.
        assert!(
            running
                .check(open, (day(1), day(20)), (day(1), day(10)), today)
                .is_ok()
        );
        assert_eq!(
            running
                .check(open, (day(1), day(20)), (day(1), day(9)), today)
                .err(),
            Some(AppError::invalid("closes_on", Problem::ClosingDayPassed))
        );
        assert_eq!(
            EditableDates::Neither
                .check(
                    ChallengeState::Closed,
                    (day(1), day(5)),
                    (day(1), day(25)),
                    today
                )
                .err(),
            Some(AppError::invalid("closes_on", Problem::NotAllowedNow))
        );
        // A last day already passed may stay as it is while the text changes.
        assert!(
            running
                .check(open, (day(1), day(5)), (day(1), day(5)), today)
                .is_ok()
        );
    }

    #[test]
    fn ideas_are_accepted_only_while_open_and_between_the_dates() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        assert!(accepts_ideas(ChallengeState::Open, day(1), day(10), day(1)));
        assert!(accepts_ideas(
            ChallengeState::Open,
            day(1),
            day(10),
            day(10)
        ));
        assert!(!accepts_ideas(
            ChallengeState::Open,
            day(1),
            day(10),
            day(11)
        ));
        assert!(!accepts_ideas(
            ChallengeState::Open,
            day(2),
            day(10),
            day(1)
        ));
        assert!(!accepts_ideas(
            ChallengeState::Closed,
            day(1),
            day(10),
            day(5)
        ));
        assert!(!accepts_ideas(
            ChallengeState::Proposed,
            day(1),
            day(10),
            day(5)
        ));
    }
}
