//! What a chart shows, as the page's read model hands it over: words
//! already in the reader's language, numbers as measured. The components
//! (`super::components`) draw it; nothing here knows about SVG.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A chart's words: its name (the SVG's `<title>`, read first by a screen
/// reader) and one sentence that says what it shows (the caption).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChartText {
    pub title: String,
    pub summary: String,
}

/// Horizontal bars, one row per thing counted (a stage, a focus area, a
/// goal), with one bar per series in each row: one series for a count,
/// two to set what was expected beside what was realised.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarChart {
    pub text: ChartText,
    /// What the rows are, as the table's first heading ("Stage").
    pub label_heading: String,
    /// The series' names, in the order of each row's values.
    pub series: Vec<String>,
    /// After each value ("days", "NOK"); empty for a plain count.
    pub unit: String,
    pub rows: Vec<BarRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BarRow {
    pub label: String,
    /// One per series; a row missing a value draws none and says so.
    pub values: Vec<Option<f64>>,
}

/// A measured value over time against the lines it is judged by (the
/// baseline, the target).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimeChart {
    pub text: ChartText,
    /// The table's headings: the date and the measured value.
    pub date_heading: String,
    pub value_heading: String,
    /// After each value ("minutes", "%"); may be empty.
    pub unit: String,
    /// Oldest first.
    pub readings: Vec<Reading>,
    pub references: Vec<Reference>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reading {
    pub date: NaiveDate,
    pub value: f64,
}

/// A level the readings are held against, drawn across the whole chart
/// with its name written beside it ("Target 120").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reference {
    pub label: String,
    pub value: f64,
    pub kind: ReferenceKind,
}

/// Baseline and target are drawn with different dashes as well as
/// colours, and named in words, so no meaning rests on colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ReferenceKind {
    Baseline,
    Target,
}

impl ReferenceKind {
    pub fn class(self) -> &'static str {
        match self {
            Self::Baseline => "chart__reference chart__reference--baseline",
            Self::Target => "chart__reference chart__reference--target",
        }
    }
}
