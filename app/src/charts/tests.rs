//! The charts as a reader's browser gets them: the SVG is well-formed with
//! its role, title and description, and its table holds the same numbers
//! it draws.

use chrono::NaiveDate;
use leptos::prelude::*;

use super::*;

/// What a failed step of a test says.
type Failure = Box<dyn std::error::Error>;

fn text(title: &str) -> ChartText {
    ChartText {
        title: title.to_owned(),
        summary: format!("{title}, in one sentence."),
    }
}

fn funnel() -> BarChart {
    BarChart {
        text: text("Idéer i hvert steg"),
        label_heading: "Steg".to_owned(),
        series: vec!["Idéer".to_owned()],
        unit: String::new(),
        rows: [
            ("Publisert", 120.0),
            ("Til vurdering", 30.0),
            ("Gjennomført", 6.0),
        ]
        .into_iter()
        .map(|(label, value)| BarRow {
            label: label.to_owned(),
            values: vec![Some(value)],
        })
        .collect(),
    }
}

fn kpi() -> TimeChart {
    let day = |month, day| NaiveDate::from_ymd_opt(2026, month, day).unwrap_or_default();
    TimeChart {
        text: text("Ventetid på byggesak"),
        date_heading: "Dato".to_owned(),
        value_heading: "Ventetid".to_owned(),
        unit: "dager".to_owned(),
        readings: vec![
            Reading {
                date: day(1, 15),
                value: 42.0,
            },
            Reading {
                date: day(4, 15),
                value: 35.5,
            },
            Reading {
                date: day(9, 15),
                value: 21.0,
            },
        ],
        references: vec![
            Reference {
                label: "Utgangspunkt".to_owned(),
                value: 45.0,
                kind: ReferenceKind::Baseline,
            },
            Reference {
                label: "Mål".to_owned(),
                value: 20.0,
                kind: ReferenceKind::Target,
            },
        ],
    }
}

/// The view's HTML without the `<!>` marks Leptos leaves where text nodes
/// meet: an HTML parser reads them as empty comments, XML has no such
/// comment, and they are no part of the text a reader gets.
fn render(view: impl IntoView + 'static) -> String {
    Owner::new()
        .with(|| view.into_view().to_html())
        .replace("<!>", "")
}

/// The SVG of `html`, to parse as XML on its own.
fn svg_of(html: &str) -> Result<String, Failure> {
    let start = html
        .find("<svg")
        .ok_or_else(|| format!("no svg in {html}"))?;
    let end = html
        .find("</svg>")
        .ok_or_else(|| String::from("no end of svg"))?
        + "</svg>".len();
    Ok(html[start..end].to_owned())
}

/// The values written beside the bars and lines, in drawing order.
fn written_values<'a>(document: &'a roxmltree::Document) -> Vec<&'a str> {
    document
        .descendants()
        .filter(|node| node.attribute("class") == Some("chart__value"))
        .filter_map(|node| node.text())
        .collect()
}

/// The texts of the cells of the table in `html`, row by row.
fn table_cells(html: &str) -> Result<Vec<Vec<String>>, Failure> {
    let start = html
        .find("<table")
        .ok_or_else(|| String::from("no table"))?;
    let end = html
        .find("</table>")
        .ok_or_else(|| String::from("no end of table"))?
        + "</table>".len();
    let document = roxmltree::Document::parse(&html[start..end])?;
    Ok(document
        .descendants()
        .filter(|node| node.has_tag_name("tr"))
        .map(|row| {
            row.children()
                .filter(|cell| cell.is_element())
                .map(|cell| cell.text().unwrap_or_default().to_owned())
                .collect()
        })
        .collect())
}

#[test]
fn a_bar_chart_is_an_image_with_its_title_summary_and_the_same_numbers_in_a_table()
-> Result<(), Failure> {
    let html = render(view! { <BarChartFigure id="funnel".to_owned() chart=funnel() /> });
    let svg = svg_of(&html)?;
    let document = roxmltree::Document::parse(&svg)?;
    let root = document.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(root.attribute("aria-labelledby"), Some("funnel-title"));
    assert_eq!(root.attribute("aria-describedby"), Some("funnel-summary"));
    let title = root
        .first_element_child()
        .ok_or_else(|| String::from("no title"))?;
    assert_eq!(
        (title.tag_name().name(), title.text()),
        ("title", Some("Idéer i hvert steg"))
    );
    assert!(html.contains(
        "<figcaption id=\"funnel-summary\">Idéer i hvert steg, in one sentence.</figcaption>"
    ));
    assert!(
        !html.contains("style="),
        "no inline style: the policy refuses it"
    );

    // Bars as long as their values, each with its value written after it.
    let widths: Vec<f64> = document
        .descendants()
        .filter(|node| node.has_tag_name("rect"))
        .map(|bar| {
            bar.attribute("width")
                .unwrap_or_default()
                .parse()
                .unwrap_or(-1.0)
        })
        .collect();
    assert_eq!(widths.len(), 3);
    assert!((widths[0] / widths[1] - 4.0).abs() < 0.01, "{widths:?}");
    assert!((widths[0] / widths[2] - 20.0).abs() < 0.1, "{widths:?}");
    let values = written_values(&document);
    assert_eq!(values, ["120", "30", "6"]);

    assert_eq!(
        table_cells(&html)?,
        [
            vec!["Steg", "Idéer"],
            vec!["Publisert", "120"],
            vec!["Til vurdering", "30"],
            vec!["Gjennomført", "6"],
        ]
    );
    Ok(())
}

#[test]
fn two_series_are_told_apart_by_name_not_by_colour_alone() -> Result<(), Failure> {
    let chart = BarChart {
        text: text("Forventet og realisert per mål"),
        label_heading: "Mål".to_owned(),
        series: vec!["Forventet".to_owned(), "Realisert".to_owned()],
        unit: "kr".to_owned(),
        rows: vec![BarRow {
            label: "Grønn kommune".to_owned(),
            values: vec![Some(250000.0), None],
        }],
    };
    let html = render(view! { <BarChartFigure id="goals".to_owned() chart=chart /> });
    let svg = svg_of(&html)?;
    let document = roxmltree::Document::parse(&svg)?;
    let classes: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("rect"))
        .filter_map(|bar| bar.attribute("class"))
        .collect();
    assert_eq!(
        classes,
        [
            "chart__bar chart__bar--series-0",
            "chart__bar chart__bar--series-1"
        ]
    );
    let values = written_values(&document);
    assert_eq!(
        values,
        ["Forventet: 250\u{a0}000\u{a0}kr", "Realisert: ikke målt"]
    );
    assert_eq!(
        table_cells(&html)?[1],
        ["Grønn kommune", "250\u{a0}000\u{a0}kr", "ikke målt"]
    );
    Ok(())
}

#[test]
fn a_kpi_over_time_is_drawn_against_its_baseline_and_target() -> Result<(), Failure> {
    let html = render(view! { <TimeChartFigure id="kpi-7".to_owned() chart=kpi() /> });
    let svg = svg_of(&html)?;
    let document = roxmltree::Document::parse(&svg)?;
    let root = document.root_element();
    assert_eq!(root.attribute("role"), Some("img"));
    assert_eq!(
        root.first_element_child().and_then(|title| title.text()),
        Some("Ventetid på byggesak")
    );

    // One mark per reading, later readings further right, lower values lower down.
    let marks: Vec<(f64, f64)> = document
        .descendants()
        .filter(|node| node.has_tag_name("circle"))
        .map(|mark| {
            let at = |name| {
                mark.attribute(name)
                    .unwrap_or_default()
                    .parse()
                    .unwrap_or(f64::NAN)
            };
            (at("cx"), at("cy"))
        })
        .collect();
    assert_eq!(marks.len(), 3);
    assert!(
        marks[0].0 < marks[1].0 && marks[1].0 < marks[2].0,
        "{marks:?}"
    );
    assert!(
        marks[0].1 < marks[1].1 && marks[1].1 < marks[2].1,
        "{marks:?}"
    );

    // The baseline and the target: told apart by their dashes' class and their names.
    let references: Vec<&str> = document
        .descendants()
        .filter(|node| node.has_tag_name("line"))
        .filter_map(|line| line.attribute("class"))
        .filter(|class| class.contains("chart__reference"))
        .collect();
    assert_eq!(
        references,
        [
            "chart__reference chart__reference--baseline",
            "chart__reference chart__reference--target"
        ]
    );
    let values = written_values(&document);
    assert_eq!(
        values,
        ["Utgangspunkt: 45\u{a0}dager", "Mål: 20\u{a0}dager"]
    );

    assert_eq!(
        table_cells(&html)?,
        [
            vec!["Dato", "Ventetid"],
            vec!["15. januar 2026", "42\u{a0}dager"],
            vec!["15. april 2026", "35,5\u{a0}dager"],
            vec!["15. september 2026", "21\u{a0}dager"],
            vec!["Utgangspunkt", "45\u{a0}dager"],
            vec!["Mål", "20\u{a0}dager"],
        ]
    );
    Ok(())
}

#[test]
fn a_kpi_with_one_reading_or_none_still_draws() -> Result<(), Failure> {
    let mut one = kpi();
    one.readings.truncate(1);
    let html = render(view! { <TimeChartFigure id="one".to_owned() chart=one /> });
    let document_text = svg_of(&html)?;
    let document = roxmltree::Document::parse(&document_text)?;
    assert_eq!(
        document
            .descendants()
            .filter(|node| node.has_tag_name("circle"))
            .count(),
        1
    );

    let mut none = kpi();
    none.readings.clear();
    let html = render(view! { <TimeChartFigure id="none".to_owned() chart=none /> });
    roxmltree::Document::parse(&svg_of(&html)?)?;
    assert_eq!(
        table_cells(&html)?.len(),
        3,
        "the headings and the two references"
    );
    Ok(())
}
