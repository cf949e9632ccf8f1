use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::focus_area::FocusArea;
use crate::features::gains::types::PublicKpi;
use crate::features::goals::types::Goal;
use crate::i18n::Messages;

pub const TITLE_MAX: usize = 120;
/// The problem and its context: a few paragraphs each.
pub const PROBLEM_MAX: usize = 4_000;
pub const CONTEXT_MAX: usize = 4_000;
/// What was done, step by step: the part another municipality follows.
pub const DONE_MAX: usize = 10_000;
pub const COST_NOTE_MAX: usize = 200;
pub const CONTACT_MAX: usize = 200;
/// The note on what a new version changed.
pub const NOTE_MAX: usize = 200;
/// The list's plain-text excerpt of the problem, in characters.
pub const EXCERPT_MAX: usize = 240;

crate::stored_enum! {
    /// The licence a card is shared under: open ones only, as sharing is
    /// the point.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Licence {
        #[default]
        CcBy4 = "cc_by_4",
        Nlod2 = "nlod_2",
        Cc0 = "cc0",
    }
}

impl Licence {
    /// The licence's own name, the same in every language.
    pub fn name(self) -> &'static str {
        match self {
            Self::CcBy4 => "CC BY 4.0",
            Self::Nlod2 => "NLOD 2.0",
            Self::Cc0 => "CC0 1.0",
        }
    }

    /// Where the licence's text is.
    pub fn url(self) -> &'static str {
        match self {
            Self::CcBy4 => "https://creativecommons.org/licenses/by/4.0/",
            Self::Nlod2 => "https://data.norge.no/nlod/no/2.0",
            Self::Cc0 => "https://creativecommons.org/publicdomain/zero/1.0/",
        }
    }
}

crate::stored_enum! {
    /// How far the solution has come.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum Maturity {
        Idea = "idea",
        #[default]
        Pilot = "pilot",
        InUse = "in_use",
        /// Taken up by other municipalities too.
        Spread = "spread",
    }
}

impl Maturity {
    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::Idea => t.solutions_maturity_idea,
            Self::Pilot => t.solutions_maturity_pilot,
            Self::InUse => t.solutions_maturity_in_use,
            Self::Spread => t.solutions_maturity_spread,
        }
    }
}

/// One of a stored enum's values, as a form's select sends it.
fn choice<T: Copy>(
    field: &str,
    all: &[T],
    name: impl Fn(T) -> &'static str,
    value: &str,
) -> Result<T, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    all.iter()
        .copied()
        .find(|candidate| name(*candidate) == value)
        .ok_or_else(|| AppError::invalid(field, Problem::UnknownChoice))
}

/// A card's text as staff wrote it, tidied: what every version keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionText {
    pub title: String,
    /// Markdown, as are `context` and `what_was_done`.
    pub problem: String,
    pub context: String,
    pub what_was_done: String,
    /// What it cost, in kroner, where known.
    pub cost_nok: Option<i64>,
    /// What the cost covers, or an estimate in words.
    pub cost_note: String,
    pub contact: String,
    pub licence: Licence,
    pub maturity: Maturity,
    pub focus_area: FocusArea,
}

impl Default for SolutionText {
    fn default() -> Self {
        Self {
            title: String::new(),
            problem: String::new(),
            context: String::new(),
            what_was_done: String::new(),
            cost_nok: None,
            cost_note: String::new(),
            contact: String::new(),
            licence: Licence::default(),
            maturity: Maturity::default(),
            focus_area: FocusArea::StealAndShare,
        }
    }
}

/// The card form's fields, as typed.
#[derive(Clone, Copy, Default)]
pub struct SolutionForm<'a> {
    pub title: &'a str,
    pub problem: &'a str,
    pub context: &'a str,
    pub what_was_done: &'a str,
    pub cost_nok: &'a str,
    pub cost_note: &'a str,
    pub contact: &'a str,
    pub licence: &'a str,
    pub maturity: &'a str,
    pub focus_area: &'a str,
}

#[cfg(feature = "ssr")]
impl SolutionForm<'_> {
    /// The fields as a refused form echoes them back.
    pub fn typed(&self) -> serde_json::Value {
        serde_json::json!({
            "title": self.title, "problem": self.problem, "context": self.context,
            "what_was_done": self.what_was_done, "cost_nok": self.cost_nok,
            "cost_note": self.cost_note, "contact": self.contact,
            "licence": self.licence, "maturity": self.maturity, "focus_area": self.focus_area,
        })
    }
}

impl SolutionText {
    /// Title, problem and what was done are required; the rest may wait.
    pub fn parse(form: &SolutionForm<'_>) -> Result<Self, AppError> {
        use crate::features::gains::types::{KRONER_MAX, optional_whole};
        use crate::text::{collapse_whitespace, optional_text, required_line, required_text};
        let line = |field: &str, value: &str, max: usize| -> Result<String, AppError> {
            crate::text::within_limit(field, value, max)?;
            Ok(collapse_whitespace(value))
        };
        Ok(Self {
            title: required_line("title", form.title, TITLE_MAX)?,
            problem: required_text("problem", form.problem, PROBLEM_MAX)?,
            context: optional_text("context", form.context, CONTEXT_MAX)?.unwrap_or_default(),
            what_was_done: required_text("what_was_done", form.what_was_done, DONE_MAX)?,
            cost_nok: optional_whole("cost_nok", form.cost_nok, KRONER_MAX)?,
            cost_note: line("cost_note", form.cost_note, COST_NOTE_MAX)?,
            contact: line("contact", form.contact, CONTACT_MAX)?,
            licence: choice("licence", &Licence::ALL, Licence::as_str, form.licence)?,
            maturity: choice("maturity", &Maturity::ALL, Maturity::as_str, form.maturity)?,
            focus_area: FocusArea::parse("focus_area", form.focus_area.trim())?,
        })
    }
}

/// Whether a card may be made from an idea with `status`: one that was
/// tried (piloting) or is in use.
pub fn idea_was_tried(status: crate::features::ideas::status::IdeaStatus) -> bool {
    use crate::features::ideas::status::IdeaStatus;
    matches!(
        status,
        IdeaStatus::Piloting | IdeaStatus::Implemented | IdeaStatus::BenefitsRealised
    )
}

/// A card as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionCard {
    pub id: i64,
    pub title: String,
    /// The problem, as plain text cut to [`EXCERPT_MAX`].
    pub excerpt: String,
    pub maturity: Maturity,
    pub focus_area: FocusArea,
    /// 0 for a draft, which only staff see.
    pub version: i32,
    pub updated_at: DateTime<Utc>,
}

/// One page of `/solutions`, the cursor of the next, and for staff the
/// drafts (on the first page only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionPage {
    pub cards: Vec<SolutionCard>,
    pub next: Option<String>,
    pub drafts: Vec<SolutionCard>,
    pub goals: Vec<Goal>,
    pub can_edit: bool,
}

/// The idea a card was made from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceIdea {
    pub id: i64,
    pub title: String,
}

/// One published version in a card's history.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRow {
    pub number: i32,
    pub published_at: DateTime<Utc>,
    pub note: String,
}

/// A card as its page shows it: the newest version, an older one, or for
/// staff the draft.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SolutionView {
    pub id: i64,
    pub text: SolutionText,
    /// The problem as plain text, cut short: the page's description.
    pub summary: String,
    /// The Markdown parts rendered and sanitised.
    pub problem_html: String,
    pub context_html: String,
    pub done_html: String,
    pub goals: Vec<Goal>,
    pub idea: Option<SourceIdea>,
    /// The idea's public KPIs and their measurements, as they are now.
    pub kpis: Vec<PublicKpi>,
    /// The version shown (0: the draft) and the newest.
    pub number: i32,
    pub newest: i32,
    pub published_at: Option<DateTime<Utc>>,
    pub changed_at: DateTime<Utc>,
    /// Newest first.
    pub history: Vec<VersionRow>,
    /// What staff's publish button is pressed from.
    pub base_revision: i32,
    /// Where it came from, if it was imported from a partner.
    pub origin: Option<Origin>,
    /// The partners that adopted it, as this instance checked.
    pub adopters: Vec<Adopter>,
    pub can_edit: bool,
}

/// What staff's edit form starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionEditor {
    /// None for a new card.
    pub id: Option<i64>,
    pub base_revision: i32,
    /// Published versions so far: a save of a published card publishes
    /// the next.
    pub version: i32,
    pub text: SolutionText,
    pub idea: Option<SourceIdea>,
    pub goals: Vec<Goal>,
    pub linked_goals: Vec<i64>,
}

/// A published card named by a link: one like an idea being written
/// ("steal first"), or the one made from an idea.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SolutionLink {
    pub id: i64,
    pub title: String,
    pub maturity: Maturity,
}

/// Where a card here came from, as its page says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Origin {
    /// The partner's name; none if the admin has since removed it.
    pub partner: Option<String>,
    pub url: String,
    pub title: String,
    pub version: Option<i32>,
    /// Whether the origin has been told, and accepted it.
    pub notified: bool,
}

/// A partner that adopted a card here, as this instance checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Adopter {
    pub partner: String,
    pub url: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SolutionForm<'static> {
        SolutionForm {
            title: "  Digital  innbyggertorg ",
            problem: "Lange køer.",
            what_was_done: "Vi åpnet en chat.",
            licence: "nlod_2",
            maturity: "in_use",
            focus_area: "steal_and_share",
            cost_nok: "200 000",
            ..SolutionForm::default()
        }
    }

    #[test]
    fn a_card_is_read_from_its_form() -> Result<(), AppError> {
        let text = SolutionText::parse(&form())?;
        assert_eq!(text.title, "Digital innbyggertorg");
        assert_eq!(text.licence, Licence::Nlod2);
        assert_eq!(text.maturity, Maturity::InUse);
        assert_eq!(text.cost_nok, Some(200_000));
        assert_eq!(text.context, "");
        Ok(())
    }

    #[test]
    fn each_field_says_what_is_wrong_with_it() {
        for (changed, field, problem) in [
            (
                SolutionForm {
                    title: " ",
                    ..form()
                },
                "title",
                Problem::Required,
            ),
            (
                SolutionForm {
                    problem: "",
                    ..form()
                },
                "problem",
                Problem::Required,
            ),
            (
                SolutionForm {
                    what_was_done: "\n",
                    ..form()
                },
                "what_was_done",
                Problem::Required,
            ),
            (
                SolutionForm {
                    licence: "gpl",
                    ..form()
                },
                "licence",
                Problem::UnknownChoice,
            ),
            (
                SolutionForm {
                    maturity: "",
                    ..form()
                },
                "maturity",
                Problem::Required,
            ),
            (
                SolutionForm {
                    focus_area: "x",
                    ..form()
                },
                "focus_area",
                Problem::UnknownChoice,
            ),
            (
                SolutionForm {
                    cost_nok: "-5",
                    ..form()
                },
                "cost_nok",
                Problem::OutOfRange,
            ),
        ] {
            assert_eq!(
                SolutionText::parse(&changed),
                Err(AppError::invalid(field, problem)),
                "{field}"
            );
        }
        let long = "x".repeat(DONE_MAX + 1);
        assert_eq!(
            SolutionText::parse(&SolutionForm {
                what_was_done: &long,
                ..form()
            }),
            Err(AppError::invalid("what_was_done", Problem::TooLong))
        );
    }

    #[test]
    fn every_licence_has_a_name_and_a_text() {
        for licence in Licence::ALL {
            assert!(!licence.name().is_empty());
            assert!(licence.url().starts_with("https://"));
        }
    }
}
