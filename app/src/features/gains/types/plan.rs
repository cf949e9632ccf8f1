//! The words of "hva er gevinsten?": an idea's benefit plan (what its owner
//! departments expect it to cost and bring), its KPIs, and the
//! measurements that show what it brought. Forms are parsed here, so a
//! server function's input cannot hold what its page refuses.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, Problem};
use crate::features::departments::types::Department;
use crate::features::ideas::status::IdeaStatus;
use crate::i18n::Messages;

crate::stored_enum! {
    /// What kind of gain a KPI measures (the categories of the
    /// municipality's benefit plans).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    pub enum BenefitCategory {
        QualityForResidents = "quality_for_residents",
        TimeOrCostSaved = "time_or_cost_saved",
        EmployeeSatisfaction = "employee_satisfaction",
        Environment = "environment",
        ValueForBusiness = "value_for_business",
        Other = "other",
    }
}

impl BenefitCategory {
    pub fn label(self, t: &'static Messages) -> &'static str {
        match self {
            Self::QualityForResidents => t.gains_category_quality,
            Self::TimeOrCostSaved => t.gains_category_time_or_cost,
            Self::EmployeeSatisfaction => t.gains_category_employees,
            Self::Environment => t.gains_category_environment,
            Self::ValueForBusiness => t.gains_category_business,
            Self::Other => t.gains_category_other,
        }
    }
}

/// A ticked checkbox, as a plain form sends it (`value="on"`); an
/// unticked one sends nothing, so a form field of type `Option<Ticked>`
/// cannot hold anything else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ticked {
    #[serde(rename = "on")]
    On,
}

pub const KPI_NAME_MAX: usize = 120;
pub const UNIT_MAX: usize = 40;
pub const METHOD_MAX: usize = 2_000;
pub const SOURCE_MAX: usize = 200;
pub const COMMENT_MAX: usize = 1_000;
/// The most KPIs one idea keeps: a plan is a few measures, not a report.
pub const KPIS_MAX: usize = 12;
/// Larger sums than a hundred billion kroner are typing errors.
pub const KRONER_MAX: i64 = 100_000_000_000;
pub const PERSON_DAYS_MAX: i32 = 100_000;
/// Measured values and levels stay within ± a trillion.
pub const VALUE_MAX: f64 = 1e12;

/// The owner departments write the plan while the idea is in review, and
/// may sharpen it until it is implemented.
pub fn plan_open(status: IdeaStatus) -> bool {
    matches!(
        status,
        IdeaStatus::UnderReview
            | IdeaStatus::Selected
            | IdeaStatus::Piloting
            | IdeaStatus::Implemented
    )
}

/// What a selected idea brings is measured from then on, also after it is
/// closed as benefits realised (a year of measurements tells more than one).
pub fn measurements_open(status: IdeaStatus) -> bool {
    matches!(
        status,
        IdeaStatus::Selected
            | IdeaStatus::Piloting
            | IdeaStatus::Implemented
            | IdeaStatus::BenefitsRealised
    )
}

/// The longest lesson, in characters: a page, not a report.
pub const LESSON_MAX: usize = 10_000;

/// Staff write what they learned once an idea was tried, put to use or
/// declined: a best failure is a result too.
pub fn takes_lesson(status: IdeaStatus) -> bool {
    matches!(
        status,
        IdeaStatus::Piloting
            | IdeaStatus::Implemented
            | IdeaStatus::BenefitsRealised
            | IdeaStatus::Declined
    )
}

/// An idea's lesson as staff edit it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lesson {
    /// The Markdown as written; empty before anyone wrote it.
    pub body: String,
    pub public: bool,
    pub updated_at: Option<DateTime<Utc>>,
    pub updated_by: Option<String>,
}

/// Whether `value` has reached `target`, going from `baseline`: up when
/// the target is above the baseline (more satisfied residents), down when
/// it is below (fewer days waiting).
pub fn reached(baseline: f64, target: f64, value: f64) -> bool {
    if target >= baseline {
        value >= target
    } else {
        value <= target
    }
}

/// A number as people type it in Norway: `1 250,5` or `1250.5`.
pub fn parse_number(field: &str, value: &str) -> Result<f64, AppError> {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    if cleaned.is_empty() {
        return Err(AppError::invalid(field, Problem::Required));
    }
    if cleaned.len() > 40 {
        return Err(AppError::invalid(field, Problem::NotANumber));
    }
    let number: f64 = cleaned
        .parse()
        .map_err(|_| AppError::invalid(field, Problem::NotANumber))?;
    if !number.is_finite() || number.abs() > VALUE_MAX {
        return Err(AppError::invalid(field, Problem::OutOfRange));
    }
    Ok(number)
}

/// A whole, non-negative amount up to `max`, or none when left empty.
pub fn optional_whole(field: &str, value: &str, max: i64) -> Result<Option<i64>, AppError> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    let number = parse_number(field, value)?;
    if number.fract() != 0.0 {
        return Err(AppError::invalid(field, Problem::NotANumber));
    }
    if number < 0.0 || number > max as f64 {
        return Err(AppError::invalid(field, Problem::OutOfRange));
    }
    Ok(Some(number as i64))
}

/// What the plan's first form holds: the estimates staff rank ideas by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFigures {
    /// One-off and first-year cost, in kroner.
    pub estimated_cost_nok: Option<i64>,
    pub effort_person_days: Option<i32>,
    /// The priced benefit expected each year once in use, in kroner.
    pub expected_value_nok: Option<i64>,
}

impl PlanFigures {
    /// Every field may be left empty: an estimate not yet made.
    pub fn parse(cost: &str, effort: &str, value: &str) -> Result<Self, AppError> {
        let effort = optional_whole("effort_person_days", effort, i64::from(PERSON_DAYS_MAX))?;
        Ok(Self {
            estimated_cost_nok: optional_whole("estimated_cost_nok", cost, KRONER_MAX)?,
            effort_person_days: effort.and_then(|days| i32::try_from(days).ok()),
            expected_value_nok: optional_whole("expected_value_nok", value, KRONER_MAX)?,
        })
    }

    /// Kroner expected back each year for each krone it costs: what the
    /// board ranks by. None until both are estimated; a free idea with a
    /// value is worth its value.
    pub fn benefit_per_krone(&self) -> Option<f64> {
        let value = self.expected_value_nok? as f64;
        match self.estimated_cost_nok? {
            0 => Some(value),
            cost => Some(value / cost as f64),
        }
    }
}

/// The fields of the KPI form, as typed.
#[derive(Clone, Copy, Debug, Default)]
pub struct KpiForm<'a> {
    pub name: &'a str,
    pub unit: &'a str,
    pub category: &'a str,
    pub baseline: &'a str,
    pub target: &'a str,
    pub target_date: &'a str,
    pub method: &'a str,
    pub owner_department_id: &'a str,
    pub owner_account_id: &'a str,
    pub public: bool,
}

/// A KPI as the form asked for it, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KpiInput {
    pub name: String,
    pub unit: String,
    pub category: BenefitCategory,
    pub baseline: f64,
    pub target: f64,
    pub target_date: NaiveDate,
    pub method: String,
    pub owner_department_id: i64,
    pub owner_account_id: Option<i64>,
    pub public: bool,
}

fn chosen_id(field: &str, value: &str) -> Result<Option<i64>, AppError> {
    match value.trim() {
        "" => Ok(None),
        id => id
            .parse()
            .map(Some)
            .map_err(|_| AppError::invalid(field, Problem::UnknownChoice)),
    }
}

impl KpiInput {
    pub fn parse(form: &KpiForm<'_>) -> Result<Self, AppError> {
        use crate::text::{required_line, required_text};
        let category = BenefitCategory::ALL
            .into_iter()
            .find(|category| category.as_str() == form.category)
            .ok_or_else(|| AppError::invalid("category", Problem::UnknownChoice))?;
        let baseline = parse_number("baseline", form.baseline)?;
        let target = parse_number("target", form.target)?;
        if target == baseline {
            return Err(AppError::invalid("target", Problem::TargetIsBaseline));
        }
        Ok(Self {
            name: required_line("name", form.name, KPI_NAME_MAX)?,
            unit: required_line("unit", form.unit, UNIT_MAX)?,
            category,
            baseline,
            target,
            target_date: crate::time::parse_form_date("target_date", form.target_date)?,
            method: required_text("method", form.method, METHOD_MAX)?,
            owner_department_id: chosen_id("owner_department_id", form.owner_department_id)?
                .ok_or_else(|| AppError::invalid("owner_department_id", Problem::Required))?,
            owner_account_id: chosen_id("owner_account_id", form.owner_account_id)?,
            public: form.public,
        })
    }
}

/// A measurement as the form asked for it, checked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasurementInput {
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: String,
    pub comment: String,
}

impl MeasurementInput {
    /// A value measured on a day that has come (`today`, in Oslo), from a
    /// named source; the comment may be left empty.
    pub fn parse(
        value: &str,
        measured_on: &str,
        source: &str,
        comment: &str,
        today: NaiveDate,
    ) -> Result<Self, AppError> {
        let measured_on = crate::time::parse_form_date("measured_on", measured_on)?;
        if measured_on > today {
            return Err(AppError::invalid("measured_on", Problem::DateInFuture));
        }
        Ok(Self {
            value: parse_number("value", value)?,
            measured_on,
            source: crate::text::required_line("source", source, SOURCE_MAX)?,
            comment: crate::text::optional_text("comment", comment, COMMENT_MAX)?
                .unwrap_or_default(),
        })
    }
}

/// One recorded value of a KPI.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub id: i64,
    pub value: f64,
    pub measured_on: NaiveDate,
    pub source: String,
    pub comment: String,
    pub recorded_by: Option<String>,
    pub recorded_at: DateTime<Utc>,
    /// A later row corrects this one: it is history, not the value.
    pub superseded: bool,
}

/// A KPI as staff read it, with every measurement, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kpi {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub category: BenefitCategory,
    pub baseline: f64,
    pub target: f64,
    pub target_date: NaiveDate,
    pub method: String,
    pub owner_account_id: Option<i64>,
    pub owner: Option<String>,
    pub owner_department_id: i64,
    pub owner_department: String,
    pub public: bool,
    pub measurements: Vec<Measurement>,
}

impl Kpi {
    /// The values that count, newest first: those no correction replaced.
    pub fn current(&self) -> impl Iterator<Item = &Measurement> {
        self.measurements.iter().filter(|m| !m.superseded)
    }

    /// The newest value that counts.
    pub fn latest(&self) -> Option<&Measurement> {
        self.current().next()
    }

    /// Some value that counts has reached the target.
    pub fn reached(&self) -> bool {
        self.current()
            .any(|m| reached(self.baseline, self.target, m.value))
    }

    /// The target date has passed with the target not reached and nothing
    /// measured since: the owner is reminded.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        self.target_date < today
            && !self.reached()
            && !self.current().any(|m| m.measured_on >= self.target_date)
    }
}

/// A staff member who may own a KPI, with their department.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KpiOwnerChoice {
    pub account_id: i64,
    pub name: String,
}

/// The staff's benefit plan page of one idea.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BenefitPlan {
    pub idea_id: i64,
    pub title: String,
    pub status: IdeaStatus,
    pub figures: PlanFigures,
    pub kpis: Vec<Kpi>,
    /// Every department, the idea's owners first, retired ones marked
    /// (a KPI may keep the one it has).
    pub departments: Vec<Department>,
    pub owner_departments: Vec<i64>,
    pub people: Vec<KpiOwnerChoice>,
    pub today: NaiveDate,
}

impl BenefitPlan {
    pub fn plan_open(&self) -> bool {
        plan_open(self.status)
    }

    pub fn measurements_open(&self) -> bool {
        measurements_open(self.status)
    }
}

/// A public KPI as everyone reads it on the idea's page: no owner, no
/// method, no history, only the values that count, oldest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublicKpi {
    pub id: i64,
    pub name: String,
    pub unit: String,
    pub category: BenefitCategory,
    pub baseline: f64,
    pub target: f64,
    pub target_date: NaiveDate,
    pub readings: Vec<(NaiveDate, f64)>,
}

impl PublicKpi {
    pub fn reached(&self) -> bool {
        self.readings
            .iter()
            .any(|(_, value)| reached(self.baseline, self.target, *value))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    type Outcome = Result<(), Box<dyn std::error::Error>>;

    #[test]
    fn numbers_are_read_as_typed_in_norway() -> Outcome {
        assert_eq!(parse_number("v", "1 250,5")?, 1250.5);
        assert_eq!(parse_number("v", "-3.25")?, -3.25);
        assert_eq!(parse_number("v", "\u{a0}42\u{a0}")?, 42.0);
        for (typed, problem) in [
            ("", Problem::Required),
            ("tolv", Problem::NotANumber),
            ("1,2,3", Problem::NotANumber),
            ("inf", Problem::OutOfRange),
            ("NaN", Problem::OutOfRange),
            ("1e13", Problem::OutOfRange),
        ] {
            assert_eq!(
                parse_number("v", typed).err(),
                Some(AppError::invalid("v", problem)),
                "{typed:?}"
            );
        }
        Ok(())
    }

    #[test]
    fn plan_figures_are_whole_non_negative_kroner_or_left_empty() -> Outcome {
        let figures = PlanFigures::parse("200 000", "", "50 000")?;
        assert_eq!(figures.estimated_cost_nok, Some(200_000));
        assert_eq!(figures.effort_person_days, None);
        assert_eq!(figures.benefit_per_krone(), Some(0.25));
        assert_eq!(
            PlanFigures::parse("0", "", "900")?.benefit_per_krone(),
            Some(900.0)
        );
        assert_eq!(PlanFigures::parse("", "", "900")?.benefit_per_krone(), None);
        for (cost, effort, problem, field) in [
            ("-1", "", Problem::OutOfRange, "estimated_cost_nok"),
            ("10,5", "", Problem::NotANumber, "estimated_cost_nok"),
            ("", "200000", Problem::OutOfRange, "effort_person_days"),
        ] {
            assert_eq!(
                PlanFigures::parse(cost, effort, "").err(),
                Some(AppError::invalid(field, problem))
            );
        }
        Ok(())
    }

    #[test]
    fn a_target_is_reached_in_the_direction_it_lies_from_the_baseline() {
        assert!(reached(60.0, 80.0, 80.0));
        assert!(!reached(60.0, 80.0, 79.9));
        assert!(reached(30.0, 10.0, 9.0));
        assert!(!reached(30.0, 10.0, 12.0));
    }

    fn kpi_form() -> KpiForm<'static> {
        KpiForm {
            name: "Ventetid på svar",
            unit: "dager",
            category: "time_or_cost_saved",
            baseline: "30",
            target: "10",
            target_date: "2027-06-30",
            method: "Uttrekk fra saksbehandlingssystemet hver måned.",
            owner_department_id: "3",
            owner_account_id: "",
            public: false,
        }
    }

    #[test]
    fn a_kpi_needs_every_field_but_its_owner_and_a_target_that_moves() -> Outcome {
        let kpi = KpiInput::parse(&kpi_form())?;
        assert_eq!(
            (kpi.baseline, kpi.target, kpi.owner_account_id),
            (30.0, 10.0, None)
        );
        for (form, field, problem) in [
            (
                KpiForm {
                    target: "30",
                    ..kpi_form()
                },
                "target",
                Problem::TargetIsBaseline,
            ),
            (
                KpiForm {
                    category: "magic",
                    ..kpi_form()
                },
                "category",
                Problem::UnknownChoice,
            ),
            (
                KpiForm {
                    target_date: "30.06.2027",
                    ..kpi_form()
                },
                "target_date",
                Problem::InvalidDate,
            ),
            (
                KpiForm {
                    method: " ",
                    ..kpi_form()
                },
                "method",
                Problem::Required,
            ),
            (
                KpiForm {
                    owner_department_id: "",
                    ..kpi_form()
                },
                "owner_department_id",
                Problem::Required,
            ),
            (
                KpiForm {
                    owner_account_id: "x",
                    ..kpi_form()
                },
                "owner_account_id",
                Problem::UnknownChoice,
            ),
        ] {
            assert_eq!(
                KpiInput::parse(&form).err(),
                Some(AppError::invalid(field, problem))
            );
        }
        Ok(())
    }

    #[test]
    fn a_measurement_is_of_a_day_that_has_come() -> Outcome {
        let today = NaiveDate::from_ymd_opt(2027, 1, 10).ok_or("date")?;
        let measured = MeasurementInput::parse("12", "2027-01-10", "Fagsystemet", "", today)?;
        assert_eq!(measured.value, 12.0);
        assert_eq!(
            MeasurementInput::parse("12", "2027-01-11", "Fagsystemet", "", today).err(),
            Some(AppError::invalid("measured_on", Problem::DateInFuture))
        );
        assert_eq!(
            MeasurementInput::parse("12", "2027-01-01", " ", "", today).err(),
            Some(AppError::invalid("source", Problem::Required))
        );
        Ok(())
    }

    fn measurement(id: i64, value: f64, on: NaiveDate, superseded: bool) -> Measurement {
        Measurement {
            id,
            value,
            measured_on: on,
            source: String::new(),
            comment: String::new(),
            recorded_by: None,
            recorded_at: DateTime::<Utc>::MIN_UTC,
            superseded,
        }
    }

    #[test]
    fn a_superseded_value_neither_reaches_the_target_nor_keeps_it_from_being_overdue() -> Outcome {
        let day = |d| NaiveDate::from_ymd_opt(2027, 3, d).ok_or("date");
        let mut kpi = Kpi {
            id: 1,
            name: String::new(),
            unit: String::new(),
            category: BenefitCategory::Other,
            baseline: 30.0,
            target: 10.0,
            target_date: day(1)?,
            method: String::new(),
            owner_account_id: None,
            owner: None,
            owner_department_id: 1,
            owner_department: String::new(),
            public: false,
            measurements: vec![
                measurement(2, 9.0, day(2)?, true),
                measurement(1, 20.0, day(1)?, false),
            ],
        };
        assert!(!kpi.reached());
        assert_eq!(kpi.latest().map(|m| m.id), Some(1));
        assert!(!kpi.overdue(day(20)?), "measured on the target date");
        kpi.measurements.retain(|m| m.id == 2);
        assert!(kpi.overdue(day(20)?) && !kpi.overdue(day(1)?));
        Ok(())
    }
}
