//! The roll-ups of `/admin/gains` (staff) and `/impact` (everyone): how far
//! ideas have come, how long they wait in each stage, who sends them, and
//! what was expected and realised per goal, department and year.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::plan::{BenefitCategory, PublicKpi};
use crate::features::accounts::types::ActorType;
use crate::features::departments::types::Department;
use crate::features::focus_area::FocusArea;
use crate::features::goals::types::Goal;
use crate::features::ideas::status::IdeaStatus;

/// The funnel's stages, in order: an idea counts in each stage it has
/// reached, wherever it is now.
pub const FUNNEL: [IdeaStatus; 7] = [
    IdeaStatus::Published,
    IdeaStatus::ThresholdReached,
    IdeaStatus::UnderReview,
    IdeaStatus::Selected,
    IdeaStatus::Piloting,
    IdeaStatus::Implemented,
    IdeaStatus::BenefitsRealised,
];

/// The stages whose stays are timed ("where ideas wait longest").
pub const TIMED: [IdeaStatus; 5] = [
    IdeaStatus::ThresholdReached,
    IdeaStatus::UnderReview,
    IdeaStatus::Selected,
    IdeaStatus::Piloting,
    IdeaStatus::Implemented,
];

/// The earliest year the year filter offers.
pub const FIRST_YEAR: i32 = 2018;

/// What the dashboard is narrowed to; every field is from the address, and
/// what does not parse is left out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct GainsFilter {
    pub focus_area: Option<FocusArea>,
    pub goal: Option<i64>,
    pub department: Option<i64>,
    /// Ideas published in this year.
    pub year: Option<i32>,
}

impl GainsFilter {
    pub fn parse(
        focus_area: Option<&str>,
        goal: Option<&str>,
        department: Option<&str>,
        year: Option<&str>,
    ) -> Self {
        Self {
            focus_area: focus_area.and_then(|value| FocusArea::parse("focus_area", value).ok()),
            goal: goal.and_then(|value| value.parse().ok()),
            department: department.and_then(|value| value.parse().ok()),
            year: year
                .and_then(|value| value.parse().ok())
                .filter(|year| (FIRST_YEAR..=9999).contains(year)),
        }
    }

    /// The filter as an address's query (`focus_area=gain&year=2026`),
    /// empty when nothing is chosen.
    pub fn query(&self) -> String {
        let mut pairs = Vec::new();
        if let Some(area) = self.focus_area {
            pairs.push(format!("focus_area={}", area.as_str()));
        }
        if let Some(goal) = self.goal {
            pairs.push(format!("goal={goal}"));
        }
        if let Some(department) = self.department {
            pairs.push(format!("department={department}"));
        }
        if let Some(year) = self.year {
            pairs.push(format!("year={year}"));
        }
        pairs.join("&")
    }
}

/// How many ideas are at a stage (or have come at least that far).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCount {
    pub status: IdeaStatus,
    pub count: u64,
}

/// How long ideas stayed in a stage before they moved on.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageDays {
    pub status: IdeaStatus,
    /// None while no idea has left the stage.
    pub median_days: Option<f64>,
    /// How many stays the median is of.
    pub stays: u64,
}

/// What was expected and what was realised for one goal, department or
/// year: KPI targets set and reached, and the plans' estimates.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Realised {
    /// The goal's or department's id, or the year.
    pub key: i64,
    /// The bokmål name (a page shows a goal in the reader's language).
    pub label: String,
    /// Ideas with a benefit plan.
    pub ideas: u64,
    pub kpis: u64,
    /// KPIs whose target a measurement that counts has reached.
    pub reached: u64,
    pub expected_value_nok: i64,
    pub estimated_cost_nok: i64,
}

/// A KPI whose date passed with its target not reached and nothing measured since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OverdueKpi {
    pub idea_id: i64,
    pub idea_title: String,
    pub kpi: String,
    pub department: String,
    pub target_date: NaiveDate,
}

/// An idea in a pipeline stage, and since when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingIdea {
    pub idea_id: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub since: DateTime<Utc>,
}

/// Counts of ideas by who sent them and where they are about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdeaTallies {
    pub by_focus_area: Vec<(FocusArea, u64)>,
    pub by_district: Vec<(String, u64)>,
    pub by_actor_type: Vec<(ActorType, u64)>,
}

/// `/admin/gains`: the staff's dashboard.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GainsDashboard {
    pub filter: GainsFilter,
    pub funnel: Vec<StageCount>,
    pub closed: Vec<StageCount>,
    pub stage_days: Vec<StageDays>,
    pub tallies: IdeaTallies,
    pub per_goal: Vec<Realised>,
    pub per_department: Vec<Realised>,
    pub per_year: Vec<Realised>,
    pub per_category: Vec<(BenefitCategory, u64, u64)>,
    pub overdue: Vec<OverdueKpi>,
    pub overdue_count: u64,
    pub waiting_longest: Vec<WaitingIdea>,
    /// What the filters offer.
    pub goals: Vec<Goal>,
    pub departments: Vec<Department>,
    pub years: Vec<i32>,
    pub now: DateTime<Utc>,
}

/// An implemented idea with its public KPIs: a story of `/impact`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImpactStory {
    pub idea_id: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub focus_area: FocusArea,
    pub kpis: Vec<PublicKpi>,
}

/// A published lesson, on `/impact`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LessonCard {
    pub idea_id: i64,
    pub title: String,
    pub status: IdeaStatus,
    /// Rendered and sanitised.
    pub html: String,
}

/// `/impact`: what came of residents' ideas, as everyone may read it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    pub received: u64,
    pub in_pipeline: u64,
    pub implemented: u64,
    pub realised: u64,
    pub funnel: Vec<StageCount>,
    pub by_focus_area: Vec<(FocusArea, u64)>,
    /// Public KPIs only.
    pub per_goal: Vec<Realised>,
    pub public_kpis: u64,
    pub public_reached: u64,
    pub stories: Vec<ImpactStory>,
    pub lessons: Vec<LessonCard>,
    /// Every goal, to name `per_goal`'s rows in the reader's language.
    pub goals: Vec<Goal>,
}

/// The median of `values`; none of nothing.
pub fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let middle = values.len() / 2;
    Some(if values.len().is_multiple_of(2) {
        (values[middle - 1] + values[middle]) / 2.0
    } else {
        values[middle]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_the_middle_value_or_the_mean_of_the_two_middle_ones() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [5.0]), Some(5.0));
        assert_eq!(median(&mut [9.0, 1.0, 4.0]), Some(4.0));
        assert_eq!(median(&mut [1.0, 10.0, 2.0, 4.0]), Some(3.0));
    }

    #[test]
    fn a_filter_reads_what_parses_and_writes_it_back() {
        let filter = GainsFilter::parse(Some("gain"), Some("3"), Some("x"), Some("2026"));
        assert_eq!(filter.query(), "focus_area=gain&goal=3&year=2026");
        assert_eq!(
            GainsFilter::parse(None, None, None, Some("1066")).year,
            None
        );
    }
}
