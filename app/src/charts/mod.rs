//! Charts for the gains pages ("hva er gevinsten?"): a measured value over
//! time against its baseline and target, and bars for counts and medians
//! (the pipeline's funnel, days in each stage, ideas by focus area,
//! expected against realised per goal).
//!
//! A small module of our own rather than a charting crate: the charts must
//! be drawn on the server into the page, carry their accessible names and a
//! table of the same numbers, and use classes instead of inline styles,
//! which the plotting crates we looked at (plotters, charming) do not do.

pub mod components;
pub mod scale;
pub mod types;

#[cfg(all(test, feature = "ssr"))]
mod tests;

pub use components::{BarChartFigure, TimeChartFigure};
pub use types::{BarChart, BarRow, ChartText, Reading, Reference, ReferenceKind, TimeChart};
