//! The dashboards' numbers as charts: each a bar chart with its title, a
//! one-sentence summary and a table of the same numbers (`crate::charts`).

use super::super::types::{Realised, StageCount, StageDays};
use crate::charts::scale::format_number;
use crate::charts::{BarChart, BarRow, ChartText};
use crate::features::goals::types::Goal;
use crate::i18n::{Locale, fill};

fn count_rows<T>(
    items: &[T],
    label: impl Fn(&T) -> String,
    count: impl Fn(&T) -> u64,
) -> Vec<BarRow> {
    items
        .iter()
        .map(|item| BarRow {
            label: label(item),
            values: vec![Some(count(item) as f64)],
        })
        .collect()
}

/// How far the ideas have come: ideas at each stage or beyond.
pub fn funnel_chart(funnel: &[StageCount], locale: Locale) -> BarChart {
    let t = locale.messages();
    let first = funnel.first().map_or(0, |stage| stage.count);
    let last = funnel.last().map_or(0, |stage| stage.count);
    BarChart {
        text: ChartText {
            title: t.gains_funnel_title.to_owned(),
            summary: fill(
                t.gains_funnel_summary,
                &[
                    ("received", &format_number(first as f64, locale)),
                    ("realised", &format_number(last as f64, locale)),
                ],
            ),
        },
        label_heading: t.gains_stage.to_owned(),
        series: vec![t.gains_ideas.to_owned()],
        unit: String::new(),
        rows: count_rows(
            funnel,
            |stage| stage.status.label(t).to_owned(),
            |stage| stage.count,
        ),
    }
}

/// The median days ideas stayed in each stage.
pub fn stage_days_chart(days: &[StageDays], locale: Locale) -> BarChart {
    let t = locale.messages();
    let slowest = days
        .iter()
        .filter_map(|stage| stage.median_days.map(|median| (stage.status, median)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let summary = match slowest {
        Some((status, median)) => fill(
            t.gains_days_summary,
            &[
                ("stage", status.label(t)),
                ("days", &format_number(median, locale)),
            ],
        ),
        None => t.gains_days_none.to_owned(),
    };
    BarChart {
        text: ChartText {
            title: t.gains_days_title.to_owned(),
            summary,
        },
        label_heading: t.gains_stage.to_owned(),
        series: vec![t.gains_median_days.to_owned()],
        unit: t.gains_days_unit.to_owned(),
        rows: days
            .iter()
            .map(|stage| BarRow {
                label: stage.status.label(t).to_owned(),
                values: vec![stage.median_days],
            })
            .collect(),
    }
}

/// Ideas counted by something (focus area, district, who sent them).
pub fn tally_chart(
    title: &str,
    heading: &str,
    rows: Vec<(String, u64)>,
    locale: Locale,
) -> BarChart {
    let t = locale.messages();
    let top = rows.iter().max_by_key(|(_, count)| *count).cloned();
    let summary = match top {
        Some((label, count)) if count > 0 => fill(
            t.gains_tally_summary,
            &[
                ("label", &label),
                ("count", &format_number(count as f64, locale)),
            ],
        ),
        _ => t.gains_tally_none.to_owned(),
    };
    BarChart {
        text: ChartText {
            title: title.to_owned(),
            summary,
        },
        label_heading: heading.to_owned(),
        series: vec![t.gains_ideas.to_owned()],
        unit: String::new(),
        rows: rows
            .into_iter()
            .map(|(label, count)| BarRow {
                label,
                values: vec![Some(count as f64)],
            })
            .collect(),
    }
}

/// KPI targets set against those reached, per goal.
pub fn goals_chart(rows: &[Realised], goals: &[Goal], locale: Locale) -> BarChart {
    let t = locale.messages();
    let set: u64 = rows.iter().map(|row| row.kpis).sum();
    let reached: u64 = rows.iter().map(|row| row.reached).sum();
    let name = |row: &Realised| {
        goals
            .iter()
            .find(|goal| goal.id == row.key)
            .map_or_else(|| row.label.clone(), |goal| goal.label(locale, t))
    };
    BarChart {
        text: ChartText {
            title: t.gains_goals_title.to_owned(),
            summary: fill(
                t.gains_goals_summary,
                &[
                    ("reached", &format_number(reached as f64, locale)),
                    ("set", &format_number(set as f64, locale)),
                ],
            ),
        },
        label_heading: t.gains_goal.to_owned(),
        series: vec![
            t.gains_targets_set.to_owned(),
            t.gains_targets_reached.to_owned(),
        ],
        unit: String::new(),
        rows: rows
            .iter()
            .map(|row| BarRow {
                label: name(row),
                values: vec![Some(row.kpis as f64), Some(row.reached as f64)],
            })
            .collect(),
    }
}
