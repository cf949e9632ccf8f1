use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::features::departments::types::Department;
use crate::features::goals::types::Goal;
use crate::features::ideas::status::IdeaStatus;

/// The longest reason or link a move may carry.
pub const NOTE_MAX: usize = 1_000;
/// The longest official response.
pub const RESPONSE_MAX: usize = 5_000;

/// Whether staff may publish an official response on an idea with this
/// status: every public stage, from published to closed, except a
/// withdrawn idea (its author took it back) and a duplicate (its
/// discussion goes on where it was merged).
pub fn takes_responses(status: IdeaStatus) -> bool {
    status.is_public() && !matches!(status, IdeaStatus::Withdrawn | IdeaStatus::Duplicate)
}

/// One step of an idea's public timeline: a status change, an official
/// response on its own, or a change with the response published with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: DateTime<Utc>,
    pub from: Option<IdeaStatus>,
    /// Where the idea moved; none for a response on its own.
    pub to: Option<IdeaStatus>,
    /// The reason (declined) or the link (solved elsewhere).
    pub note: Option<String>,
    /// The title of the solution card here that the link names.
    #[serde(default)]
    pub card_title: Option<String>,
    /// The municipality's official response.
    pub response: Option<OfficialResponse>,
}

/// The municipality's official response to an idea, as everyone reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficialResponse {
    pub at: DateTime<Utc>,
    /// The department that signed it; none when its writer belongs to none
    /// (it is then the municipality's).
    pub department: Option<String>,
    /// The idea's status when it was published.
    pub status: IdeaStatus,
    /// Rendered and sanitised Markdown.
    pub html: String,
}

impl TimelineEntry {
    /// A note that is a web address, shown as a link: another site's, or
    /// a solution card's here (`/solutions/12`).
    pub fn link(&self) -> Option<&str> {
        self.note.as_deref().filter(|note| {
            note.starts_with("https://")
                || note.starts_with("http://")
                || note.starts_with("/solutions/")
        })
    }
}

/// The longest internal note.
pub const INTERNAL_NOTE_MAX: usize = 5_000;
/// The longest comment on a scorecard.
pub const SCORE_COMMENT_MAX: usize = 2_000;
/// The most cards a board column shows; its count says how many there are.
pub const COLUMN_CARDS_MAX: u64 = 50;

/// What an evaluator scores, each 1–5 where higher is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Criterion {
    ValueForResidents,
    Feasibility,
    /// Scored as affordability: 5 is cheap.
    Cost,
    StrategicFit,
}

impl Criterion {
    pub const ALL: [Criterion; 4] = [
        Self::ValueForResidents,
        Self::Feasibility,
        Self::Cost,
        Self::StrategicFit,
    ];

    /// The form field's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::ValueForResidents => "value_for_residents",
            Self::Feasibility => "feasibility",
            Self::Cost => "cost",
            Self::StrategicFit => "strategic_fit",
        }
    }

    pub fn label(self, t: &crate::i18n::Messages) -> &'static str {
        match self {
            Self::ValueForResidents => t.criterion_value_for_residents,
            Self::Feasibility => t.criterion_feasibility,
            Self::Cost => t.criterion_cost,
            Self::StrategicFit => t.criterion_strategic_fit,
        }
    }

    pub fn hint(self, t: &crate::i18n::Messages) -> &'static str {
        match self {
            Self::ValueForResidents => t.criterion_value_for_residents_hint,
            Self::Feasibility => t.criterion_feasibility_hint,
            Self::Cost => t.criterion_cost_hint,
            Self::StrategicFit => t.criterion_strategic_fit_hint,
        }
    }
}

/// One evaluator's four scores, in `Criterion::ALL`'s order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scores(pub [u8; 4]);

impl Scores {
    pub fn of(self, criterion: Criterion) -> u8 {
        let index = Criterion::ALL
            .iter()
            .position(|known| *known == criterion)
            .unwrap_or_default();
        self.0[index]
    }

    /// The four scores' mean.
    pub fn mean(self) -> f64 {
        f64::from(self.0.iter().map(|score| u32::from(*score)).sum::<u32>()) / 4.0
    }
}

/// One criterion across every scorecard of an idea.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionSummary {
    pub criterion: Criterion,
    pub mean: f64,
    pub lowest: u8,
    pub highest: u8,
}

/// What the scorecards of an idea say together: each criterion's mean and
/// spread (lowest to highest), and the mean of them all.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ScoreSummary {
    pub scorecards: usize,
    pub criteria: Vec<CriterionSummary>,
    pub mean: Option<f64>,
}

impl ScoreSummary {
    pub fn of(cards: &[Scores]) -> Self {
        if cards.is_empty() {
            return Self::default();
        }
        let criteria = Criterion::ALL
            .into_iter()
            .map(|criterion| {
                let scores: Vec<u8> = cards.iter().map(|card| card.of(criterion)).collect();
                CriterionSummary {
                    criterion,
                    mean: mean(&scores),
                    lowest: scores.iter().copied().min().unwrap_or_default(),
                    highest: scores.iter().copied().max().unwrap_or_default(),
                }
            })
            .collect();
        let means: Vec<f64> = cards.iter().map(|card| card.mean()).collect();
        Self {
            scorecards: cards.len(),
            criteria,
            mean: Some(means.iter().sum::<f64>() / means.len() as f64),
        }
    }
}

fn mean(scores: &[u8]) -> f64 {
    f64::from(scores.iter().map(|score| u32::from(*score)).sum::<u32>()) / scores.len() as f64
}

/// A mean as staff read it: one decimal.
pub fn one_decimal(value: f64, locale: crate::i18n::Locale) -> String {
    let shown = format!("{value:.1}");
    match locale {
        crate::i18n::Locale::En => shown,
        _ => shown.replace('.', ","),
    }
}

/// A scorecard as staff read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scorecard {
    pub evaluator: Option<String>,
    pub scores: Scores,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
}

/// An internal note as staff read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InternalNote {
    pub author: Option<String>,
    pub at: DateTime<Utc>,
    /// Rendered and sanitised Markdown.
    pub body_html: String,
}

crate::stored_enum! {
    /// What happened in the staff's work on an idea, besides status changes.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
    pub enum WorkEvent {
        Nominated = "nominated",
        Unnominated = "unnominated",
        OwnerAdded = "owner_added",
        OwnerRemoved = "owner_removed",
        /// The benefit plan's estimates changed.
        PlanChanged = "plan_changed",
        KpiAdded = "kpi_added",
        KpiChanged = "kpi_changed",
        KpiRemoved = "kpi_removed",
        MeasurementRecorded = "measurement_recorded",
        MeasurementCorrected = "measurement_corrected",
        LessonWritten = "lesson_written",
        /// The shared goals it works towards changed.
        GoalsChanged = "goals_changed",
    }
}

impl WorkEvent {
    pub fn parse(value: &str) -> Option<Self> {
        value.parse().ok()
    }

    pub fn label(self, t: &crate::i18n::Messages) -> &'static str {
        match self {
            Self::Nominated => t.work_event_nominated,
            Self::Unnominated => t.work_event_unnominated,
            Self::OwnerAdded => t.work_event_owner_added,
            Self::OwnerRemoved => t.work_event_owner_removed,
            Self::PlanChanged => t.work_event_plan_changed,
            Self::KpiAdded => t.work_event_kpi_added,
            Self::KpiChanged => t.work_event_kpi_changed,
            Self::KpiRemoved => t.work_event_kpi_removed,
            Self::MeasurementRecorded => t.work_event_measurement_recorded,
            Self::MeasurementCorrected => t.work_event_measurement_corrected,
            Self::LessonWritten => t.work_event_lesson_written,
            Self::GoalsChanged => t.work_event_goals_changed,
        }
    }
}

/// One line of the internal log: a nomination or a hand-off.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkLogEntry {
    pub at: DateTime<Utc>,
    pub event: WorkEvent,
    pub department: Option<String>,
    pub actor: Option<String>,
}

/// The staff's side of an idea: never sent to anyone else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct IdeaWork {
    pub idea_id: i64,
    pub status: IdeaStatus,
    /// Published and nominated into triage by staff.
    pub nominated: bool,
    pub owners: Vec<Department>,
    /// The departments still offered (not retired), for the owner and move forms.
    pub departments: Vec<Department>,
    pub log: Vec<WorkLogEntry>,
    pub summary: ScoreSummary,
    pub scorecards: Vec<Scorecard>,
    /// The viewer's own scorecard, to revise.
    pub mine: Option<Scorecard>,
    /// Scorecards are taken while the idea is under review.
    pub can_score: bool,
    pub notes: Vec<InternalNote>,
    /// Every shared goal, retired ones marked, for the goals form.
    pub goals: Vec<Goal>,
    /// The goals the idea is linked to.
    pub linked_goals: Vec<i64>,
    /// Staff may link goals now: in review or later (see `goals::types::takes_goals`).
    pub takes_goals: bool,
}

impl IdeaWork {
    /// Owners may be changed once an idea is in review, and while it is
    /// still being worked on or measured.
    pub fn owners_open(&self) -> bool {
        self.status.is_in_pipeline()
    }
}

/// One card of the staff board.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub focus_area: crate::features::focus_area::FocusArea,
    pub owners: Vec<String>,
    pub support_count: i32,
    /// When it entered its column (for a nominated idea: the nomination).
    pub since: DateTime<Utc>,
    pub nominated: bool,
    pub score: Option<f64>,
    pub scorecards: usize,
    /// Under review, owned by one of the viewer's departments, not yet
    /// scored by the viewer.
    pub waits_for_me: bool,
    /// The shared goals it works towards, retired ones marked.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// The benefit plan's estimates: staff only, as the whole board is.
    #[serde(default)]
    pub figures: crate::features::gains::types::PlanFigures,
}

impl BoardCard {
    /// Whole days in the column.
    pub fn days_in_stage(&self, now: DateTime<Utc>) -> i64 {
        (now - self.since).num_days().max(0)
    }
}

/// A column of the board: triage (`stage` none) or a pipeline status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage: Option<IdeaStatus>,
    pub count: u64,
    pub cards: Vec<BoardCard>,
}

/// What the board is narrowed to; every field is from the address.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardFilter {
    pub department: Option<i64>,
    pub focus_area: Option<crate::features::focus_area::FocusArea>,
    pub challenge: Option<i64>,
    /// Linked to this shared goal.
    pub goal: Option<i64>,
    /// Only what waits for the viewer's score.
    pub waiting_for_me: bool,
    /// The order of each column's cards.
    #[serde(default)]
    pub rank: BoardRank,
}

/// How the board orders each column's cards.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoardRank {
    /// The longest waiting first.
    #[default]
    Waiting,
    /// The most expected yearly benefit per krone of cost first (the
    /// benefit plan's estimates); ideas without both estimates last.
    Benefit,
}

impl BoardFilter {
    pub fn parse(
        department: Option<&str>,
        focus_area: Option<&str>,
        challenge: Option<&str>,
        goal: Option<&str>,
        waiting: Option<&str>,
        rank: Option<&str>,
    ) -> Self {
        Self {
            department: department.and_then(|value| value.parse().ok()),
            focus_area: focus_area.and_then(|value| {
                crate::features::focus_area::FocusArea::parse("focus_area", value).ok()
            }),
            challenge: challenge.and_then(|value| value.parse().ok()),
            goal: goal.and_then(|value| value.parse().ok()),
            waiting_for_me: waiting == Some("me"),
            rank: if rank == Some("benefit") {
                BoardRank::Benefit
            } else {
                BoardRank::Waiting
            },
        }
    }

    /// The board's address with this filter, for forms to come back to.
    pub fn href(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(department) = self.department {
            pairs.push(format!("department={department}"));
        }
        if let Some(area) = self.focus_area {
            pairs.push(format!("focus_area={}", area.as_str()));
        }
        if let Some(challenge) = self.challenge {
            pairs.push(format!("challenge={challenge}"));
        }
        if let Some(goal) = self.goal {
            pairs.push(format!("goal={goal}"));
        }
        if self.waiting_for_me {
            pairs.push("waiting=me".to_owned());
        }
        if self.rank == BoardRank::Benefit {
            pairs.push("rank=benefit".to_owned());
        }
        if pairs.is_empty() {
            "/admin/pipeline".to_owned()
        } else {
            format!("/admin/pipeline?{}", pairs.join("&"))
        }
    }
}

/// The staff board: the columns, the closed ideas' counts and what the
/// filters offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Board {
    pub columns: Vec<BoardColumn>,
    pub closed: Vec<(IdeaStatus, u64)>,
    pub departments: Vec<Department>,
    pub challenges: Vec<(i64, String)>,
    /// Every shared goal, retired ones marked (ideas may still be linked).
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// How many ideas wait for the viewer's score, whatever the filter.
    pub waiting_for_me: u64,
    pub now: DateTime<Utc>,
}
