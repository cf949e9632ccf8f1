use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::features::ideas::status::IdeaStatus;
use crate::i18n::{Locale, Messages};

/// The longest goal name, in characters.
pub const NAME_MAX: usize = 100;
/// The longest description, in characters: a few sentences.
pub const DESCRIPTION_MAX: usize = 1_000;
/// The most goals one municipality keeps, retired ones included: shared
/// goals are few, or they stop being shared.
pub const GOALS_MAX: usize = 30;

/// A text in Samskap's three languages. Nynorsk and English may be empty;
/// bokmål then stands in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub nb: String,
    pub nn: String,
    pub en: String,
}

impl Localized {
    /// The text in `locale`, or in bokmål where it has none.
    pub fn get(&self, locale: Locale) -> &str {
        if self.has(locale) {
            self.own(locale)
        } else {
            &self.nb
        }
    }

    /// Whether there is a text in `locale` itself, not bokmål standing in.
    pub fn has(&self, locale: Locale) -> bool {
        !self.own(locale).is_empty()
    }

    fn own(&self, locale: Locale) -> &str {
        match locale {
            Locale::Nb => &self.nb,
            Locale::Nn => &self.nn,
            Locale::En => &self.en,
        }
    }
}

/// A goal's names and descriptions as an admin typed them, tidied.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalText {
    pub name: Localized,
    pub description: Localized,
}

/// The six fields of a goal's form, as typed.
pub struct GoalForm<'a> {
    pub name_nb: &'a str,
    pub name_nn: &'a str,
    pub name_en: &'a str,
    pub description_nb: &'a str,
    pub description_nn: &'a str,
    pub description_en: &'a str,
}

impl GoalText {
    /// The bokmål name is required; every other field may be left empty.
    /// Names are one tidied line, descriptions keep their lines.
    pub fn parse(form: &GoalForm<'_>) -> Result<Self, AppError> {
        let line = |field: &str, value: &str| -> Result<String, AppError> {
            if value.trim().is_empty() {
                return Ok(String::new());
            }
            crate::text::required_line(field, value, NAME_MAX)
        };
        let text = |field: &str, value: &str| {
            crate::text::optional_text(field, value, DESCRIPTION_MAX).map(Option::unwrap_or_default)
        };
        Ok(Self {
            name: Localized {
                nb: crate::text::required_line("name_nb", form.name_nb, NAME_MAX)?,
                nn: line("name_nn", form.name_nn)?,
                en: line("name_en", form.name_en)?,
            },
            description: Localized {
                nb: text("description_nb", form.description_nb)?,
                nn: text("description_nn", form.description_nn)?,
                en: text("description_en", form.description_en)?,
            },
        })
    }
}

/// One goal as an admin manages it under `/admin/goals`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalRow {
    pub id: i64,
    pub text: GoalText,
    pub retired_at: Option<DateTime<Utc>>,
}

/// A goal as pages, forms and the board show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    pub id: i64,
    pub name: Localized,
    pub description: Localized,
    /// Retired by an admin: shown to staff where attached, never offered.
    pub retired: bool,
}

impl Goal {
    /// The name in `locale`, marked when the goal is retired.
    pub fn label(&self, locale: Locale, t: &'static Messages) -> String {
        let name = self.name.get(locale);
        if self.retired {
            format!("{name} ({})", t.goals_retired_mark)
        } else {
            name.to_owned()
        }
    }
}

/// The goals to offer as checkboxes: those still offered, and those
/// already `linked` (retired ones then marked), so what is attached may
/// stay, but a retired goal is never chosen anew.
pub fn choices(goals: &[Goal], linked: &[i64]) -> Vec<Goal> {
    goals
        .iter()
        .filter(|goal| !goal.retired || linked.contains(&goal.id))
        .cloned()
        .collect()
}

/// The goals a form checked, as a refused form echoes them back ("3,7"),
/// so the boxes stay as the person left them.
pub fn echo_of(checked: &[i64]) -> String {
    checked
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(",")
}

/// The goals a refused form had checked, from [`echo_of`].
pub fn echoed(text: &str) -> Vec<i64> {
    text.split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect()
}

/// Whether staff may link goals to an idea with `status`: from review
/// onwards, and on an idea declined or solved elsewhere after it had been
/// under review (`reviewed`), so the goals it was weighed against stay on
/// record. Before review the municipality has not taken the idea on.
pub fn takes_goals(status: IdeaStatus, reviewed: bool) -> bool {
    status.is_in_pipeline()
        || (reviewed && matches!(status, IdeaStatus::Declined | IdeaStatus::SolvedElsewhere))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_goals_go_out_and_come_back_alike() {
        assert_eq!(echo_of(&[3, 7]), "3,7");
        assert_eq!(echoed(&echo_of(&[3, 7])), vec![3, 7]);
        assert_eq!(echoed(&echo_of(&[])), Vec::<i64>::new(), "none checked");
        assert_eq!(echoed("4,x,"), vec![4]);
    }
    use crate::error::Problem;

    fn form<'a>(name_nb: &'a str, name_nn: &'a str) -> GoalForm<'a> {
        GoalForm {
            name_nb,
            name_nn,
            name_en: "",
            description_nb: "  Alle barn skal ha det trygt.\n\nOgså på skoleveien.  ",
            description_nn: "",
            description_en: "",
        }
    }

    #[test]
    fn bokmal_is_required_and_the_rest_may_be_left_empty() -> Result<(), AppError> {
        let text = GoalText::parse(&form("  Trygg   oppvekst ", " "))?;
        assert_eq!(text.name.nb, "Trygg oppvekst");
        assert_eq!(text.name.nn, "");
        assert_eq!(
            text.description.nb,
            "Alle barn skal ha det trygt.\n\nOgså på skoleveien."
        );
        assert_eq!(
            GoalText::parse(&form(" \n", "Trygg oppvekst")),
            Err(AppError::invalid("name_nb", Problem::Required))
        );
        let long = "ø".repeat(NAME_MAX + 1);
        assert_eq!(
            GoalText::parse(&form("Trygg oppvekst", &long)),
            Err(AppError::invalid("name_nn", Problem::TooLong))
        );
        Ok(())
    }

    #[test]
    fn a_missing_translation_falls_back_to_bokmal() {
        let name = Localized {
            nb: "Trygg oppvekst".into(),
            nn: "Trygg oppvekst for alle".into(),
            en: String::new(),
        };
        assert_eq!(name.get(Locale::Nn), "Trygg oppvekst for alle");
        assert_eq!(name.get(Locale::En), "Trygg oppvekst");
    }

    #[test]
    fn goals_come_with_review_and_stay_after_a_reviewed_close() {
        assert!(!takes_goals(IdeaStatus::Published, false));
        assert!(!takes_goals(IdeaStatus::ThresholdReached, false));
        assert!(takes_goals(IdeaStatus::UnderReview, false));
        assert!(takes_goals(IdeaStatus::BenefitsRealised, true));
        assert!(!takes_goals(IdeaStatus::Declined, false));
        assert!(takes_goals(IdeaStatus::Declined, true));
        assert!(!takes_goals(IdeaStatus::Withdrawn, true));
    }

    #[test]
    fn a_retired_goal_is_offered_only_where_it_is_linked() {
        let goal = |id, retired| Goal {
            id,
            name: Localized::default(),
            description: Localized::default(),
            retired,
        };
        let all = [goal(1, false), goal(2, true), goal(3, true)];
        let ids: Vec<i64> = choices(&all, &[3]).iter().map(|goal| goal.id).collect();
        assert_eq!(ids, [1, 3]);
    }
}
