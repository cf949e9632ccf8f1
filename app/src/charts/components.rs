//! Charts drawn on the server as inline SVG: no script, no `style`
//! attribute (the Content-Security-Policy allows neither), colours from the
//! theme through classes (`style/samskap.css`, `.chart`). Each figure has
//! the SVG's `role="img"` and `<title>`, a caption of one sentence, and the
//! same numbers as a table under a disclosure. Values are written beside
//! the bars and lines, and a target is drawn with other dashes than a
//! baseline, so nothing is told by colour alone.

use leptos::prelude::*;

use super::scale::{Axis, coordinate, with_unit};
use super::types::{BarChart, TimeChart};
use crate::i18n::{t, use_locale};
use crate::time::format_date;

/// The drawing's width in SVG units; it scales to the column it stands in.
const WIDTH: f64 = 640.0;

/// The figure every chart stands in: caption, drawing, numbers.
#[component]
fn Figure(
    /// Unique on the page: it names the title and caption for the SVG.
    id: String,
    summary: String,
    drawing: AnyView,
    numbers: AnyView,
) -> impl IntoView {
    let caption_id = format!("{id}-summary");
    view! {
        <figure class="chart" id=id>
            <figcaption id=caption_id>{summary}</figcaption>
            {drawing}
            <details class="chart__numbers">
                <summary>{t().chart_numbers}</summary>
                {numbers}
            </details>
        </figure>
    }
}

/// The SVG element with its accessible name and description.
fn drawing(id: &str, title: String, height: f64, parts: Vec<AnyView>) -> AnyView {
    let title_id = format!("{id}-title");
    let labelled_by = title_id.clone();
    let described_by = format!("{id}-summary");
    view! {
        <svg
            class="chart__drawing"
            role="img"
            viewBox=format!("0 0 {WIDTH} {}", coordinate(height))
            aria-labelledby=labelled_by
            aria-describedby=described_by
            xmlns="http://www.w3.org/2000/svg"
        >
            <title id=title_id>{title}</title>
            {parts}
        </svg>
    }
    .into_any()
}

const BAR_LABEL: f64 = 20.0;
const BAR_HEIGHT: f64 = 16.0;
const BAR_GAP: f64 = 4.0;
const ROW_GAP: f64 = 12.0;
/// Room at the right for the value written after the longest bar.
const VALUE_ROOM: f64 = 220.0;

/// Horizontal bars under their labels, each with its value (and, with two
/// or more series, its series' name) written after it.
#[component]
pub fn BarChartFigure(id: String, chart: BarChart) -> impl IntoView {
    let locale = use_locale();
    let axis = Axis::covering(
        chart
            .rows
            .iter()
            .flat_map(|row| row.values.iter().flatten().copied()),
        4,
    );
    let zero = axis.place(0.0, 0.0, WIDTH - VALUE_ROOM);
    let named_series = chart.series.len() > 1;
    let row_height = BAR_LABEL + chart.series.len() as f64 * (BAR_HEIGHT + BAR_GAP) + ROW_GAP;
    let mut parts = Vec::new();
    for (index, row) in chart.rows.iter().enumerate() {
        let top = index as f64 * row_height;
        parts.push(
            view! {
                <text class="chart__label" x="0" y=coordinate(top + BAR_LABEL - 6.0)>
                    {row.label.clone()}
                </text>
            }
            .into_any(),
        );
        for (series, value) in row.values.iter().enumerate() {
            let y = top + BAR_LABEL + series as f64 * (BAR_HEIGHT + BAR_GAP);
            let name = chart.series.get(series).cloned().unwrap_or_default();
            let written = match value {
                Some(value) => with_unit(*value, &chart.unit, locale),
                None => t().chart_no_value.to_owned(),
            };
            let written = if named_series {
                format!("{name}: {written}")
            } else {
                written
            };
            let end = value.map_or(zero, |value| axis.place(value, 0.0, WIDTH - VALUE_ROOM));
            let (left, right) = (zero.min(end), zero.max(end));
            parts.push(
                view! {
                    <rect
                        class=format!("chart__bar chart__bar--series-{series}")
                        x=coordinate(left)
                        y=coordinate(y)
                        width=coordinate(right - left)
                        height=coordinate(BAR_HEIGHT)
                    ></rect>
                    <text class="chart__value" x=coordinate(right + 6.0) y=coordinate(y + BAR_HEIGHT - 3.0)>
                        {written}
                    </text>
                }
                .into_any(),
            );
        }
    }
    let height = (chart.rows.len() as f64 * row_height).max(row_height);
    let numbers = bar_table(&chart, locale);
    view! {
        <Figure
            id=id.clone()
            summary=chart.text.summary.clone()
            drawing=drawing(&id, chart.text.title.clone(), height, parts)
            numbers=numbers
        />
    }
}

fn bar_table(chart: &BarChart, locale: crate::i18n::Locale) -> AnyView {
    let rows = chart
        .rows
        .iter()
        .map(|row| {
            let cells = row
                .values
                .iter()
                .map(|value| {
                    let written = value.map_or_else(
                        || t().chart_no_value.to_owned(),
                        |value| with_unit(value, &chart.unit, locale),
                    );
                    view! { <td class="chart__number">{written}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{row.label.clone()}</th>{cells}</tr> }
        })
        .collect_view();
    let headings = chart
        .series
        .iter()
        .map(|name| view! { <th scope="col">{name.clone()}</th> })
        .collect_view();
    view! {
        <table>
            <caption>{chart.text.title.clone()}</caption>
            <thead><tr><th scope="col">{chart.label_heading.clone()}</th>{headings}</tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

const TIME_HEIGHT: f64 = 260.0;
/// The plot's edges: tick labels at the left, reference names at the
/// right, dates under it.
const PLOT_LEFT: f64 = 64.0;
const PLOT_RIGHT: f64 = WIDTH - 150.0;
const PLOT_TOP: f64 = 12.0;
const PLOT_BOTTOM: f64 = TIME_HEIGHT - 36.0;

/// Measured values over time as a line with a mark at each reading,
/// against the baseline and target drawn across it with their names.
#[component]
pub fn TimeChartFigure(id: String, chart: TimeChart) -> impl IntoView {
    let locale = use_locale();
    let axis = Axis::covering(
        chart
            .readings
            .iter()
            .map(|reading| reading.value)
            .chain(chart.references.iter().map(|reference| reference.value)),
        4,
    );
    let y = |value: f64| axis.place(value, PLOT_BOTTOM, PLOT_TOP);
    let first = chart.readings.first().map(|reading| reading.date);
    let last = chart.readings.last().map(|reading| reading.date);
    let span = match (first, last) {
        (Some(first), Some(last)) => (last - first).num_days().max(0) as f64,
        _ => 0.0,
    };
    let x = |date: chrono::NaiveDate| match first {
        Some(first) if span > 0.0 => {
            PLOT_LEFT + (date - first).num_days() as f64 / span * (PLOT_RIGHT - PLOT_LEFT)
        }
        _ => (PLOT_LEFT + PLOT_RIGHT) / 2.0,
    };

    let mut parts: Vec<AnyView> = axis
        .ticks()
        .into_iter()
        .map(|tick| {
            view! {
                <line class="chart__grid" x1=coordinate(PLOT_LEFT) x2=coordinate(PLOT_RIGHT) y1=coordinate(y(tick)) y2=coordinate(y(tick))></line>
                <text class="chart__tick" x=coordinate(PLOT_LEFT - 8.0) y=coordinate(y(tick) + 4.0) text-anchor="end">
                    {with_unit(tick, "", locale)}
                </text>
            }
            .into_any()
        })
        .collect();
    for reference in &chart.references {
        let at = coordinate(y(reference.value));
        parts.push(
            view! {
                <line class=reference.kind.class() x1=coordinate(PLOT_LEFT) x2=coordinate(PLOT_RIGHT) y1=at.clone() y2=at></line>
                <text class="chart__value" x=coordinate(PLOT_RIGHT + 6.0) y=coordinate(y(reference.value) + 4.0)>
                    {format!("{}: {}", reference.label, with_unit(reference.value, &chart.unit, locale))}
                </text>
            }
            .into_any(),
        );
    }
    let points = chart
        .readings
        .iter()
        .map(|reading| {
            format!(
                "{},{}",
                coordinate(x(reading.date)),
                coordinate(y(reading.value))
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    parts.push(view! { <polyline class="chart__line" points=points></polyline> }.into_any());
    for reading in &chart.readings {
        parts.push(
            view! {
                <circle class="chart__point" cx=coordinate(x(reading.date)) cy=coordinate(y(reading.value)) r="4"></circle>
            }
            .into_any(),
        );
    }
    for (date, anchor) in [(first, "start"), (last, "end")] {
        if let Some(date) = date.filter(|_| anchor == "start" || span > 0.0) {
            let at = if anchor == "start" {
                PLOT_LEFT
            } else {
                PLOT_RIGHT
            };
            parts.push(
                view! {
                    <text class="chart__tick" x=coordinate(at) y=coordinate(TIME_HEIGHT - 12.0) text-anchor=anchor>
                        {format_date(date, locale)}
                    </text>
                }
                .into_any(),
            );
        }
    }

    let numbers = time_table(&chart, locale);
    view! {
        <Figure
            id=id.clone()
            summary=chart.text.summary.clone()
            drawing=drawing(&id, chart.text.title.clone(), TIME_HEIGHT, parts)
            numbers=numbers
        />
    }
}

fn time_table(chart: &TimeChart, locale: crate::i18n::Locale) -> AnyView {
    let readings = chart
        .readings
        .iter()
        .map(|reading| {
            view! {
                <tr>
                    <th scope="row">{format_date(reading.date, locale)}</th>
                    <td class="chart__number">{with_unit(reading.value, &chart.unit, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    let references = chart
        .references
        .iter()
        .map(|reference| {
            view! {
                <tr>
                    <th scope="row">{reference.label.clone()}</th>
                    <td class="chart__number">{with_unit(reference.value, &chart.unit, locale)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table>
            <caption>{chart.text.title.clone()}</caption>
            <thead>
                <tr><th scope="col">{chart.date_heading.clone()}</th><th scope="col">{chart.value_heading.clone()}</th></tr>
            </thead>
            <tbody>{readings}</tbody>
            <tfoot>{references}</tfoot>
        </table>
    }
    .into_any()
}
