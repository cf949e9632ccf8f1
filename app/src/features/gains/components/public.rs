use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::types::PublicKpi;
use crate::charts::scale::with_unit;
use crate::charts::{ChartText, Reading, Reference, ReferenceKind, TimeChart, TimeChartFigure};
use crate::i18n::{Locale, fill, t, use_locale};
use crate::time::format_date;

/// A KPI's values over time against its baseline and target, once it has
/// been measured.
pub fn kpi_chart(
    name: &str,
    unit: &str,
    baseline: f64,
    target: f64,
    mut readings: Vec<(NaiveDate, f64)>,
    locale: Locale,
) -> Option<TimeChart> {
    let t = locale.messages();
    readings.sort_by_key(|(on, _)| *on);
    let (last_on, last) = *readings.last()?;
    let summary = fill(
        t.gains_chart_summary,
        &[
            ("baseline", &with_unit(baseline, unit, locale)),
            ("target", &with_unit(target, unit, locale)),
            ("count", &readings.len().to_string()),
            ("latest", &with_unit(last, unit, locale)),
            ("date", &format_date(last_on, locale)),
        ],
    );
    Some(TimeChart {
        text: ChartText {
            title: name.to_owned(),
            summary,
        },
        date_heading: t.gains_measurement_date.to_owned(),
        value_heading: t.gains_measurement_value.to_owned(),
        unit: unit.to_owned(),
        readings: readings
            .into_iter()
            .map(|(date, value)| Reading { date, value })
            .collect(),
        references: vec![
            Reference {
                label: t.gains_kpi_baseline.to_owned(),
                value: baseline,
                kind: ReferenceKind::Baseline,
            },
            Reference {
                label: t.gains_kpi_target.to_owned(),
                value: target,
                kind: ReferenceKind::Target,
            },
        ],
    })
}

/// What the idea has brought, as far as staff made it public: each public
/// KPI with its target and its values over time.
#[component]
pub fn PublicBenefits(kpis: Vec<PublicKpi>) -> impl IntoView {
    let t = t();
    (!kpis.is_empty()).then(|| {
        view! {
            <section class="gains-public" aria-labelledby="benefits-heading">
                <h2 class="ds-heading" data-size="sm" id="benefits-heading">{t.gains_public_title}</h2>
                <p class="ds-paragraph" data-size="sm">{t.gains_public_lead}</p>
                <ul class="gains__kpis">
                    {kpis.into_iter().map(|kpi| {
                        let anchor = format!("benefit-{}", kpi.id);
                        view! { <PublicKpiItem kpi anchor heading=true /> }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}

/// One public KPI: its name (a heading of its own on the idea's page, a
/// line in a story of `/impact`), kind, target and chart.
#[component]
pub fn PublicKpiItem(kpi: PublicKpi, anchor: String, heading: bool) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let reached = kpi.reached();
    let goal = fill(
        t.gains_public_goal,
        &[
            ("baseline", &with_unit(kpi.baseline, &kpi.unit, locale)),
            ("target", &with_unit(kpi.target, &kpi.unit, locale)),
            ("date", &format_date(kpi.target_date, locale)),
        ],
    );
    let chart = kpi_chart(
        &kpi.name,
        &kpi.unit,
        kpi.baseline,
        kpi.target,
        kpi.readings.clone(),
        locale,
    );
    let name = if heading {
        view! { <h3 class="ds-heading" data-size="xs">{kpi.name.clone()}</h3> }.into_any()
    } else {
        view! { <p class="ds-paragraph"><strong>{kpi.name.clone()}</strong></p> }.into_any()
    };
    view! {
        <li class="gains__kpi" id=anchor.clone()>
            {name}
            <p class="board-card__tags">
                <span class="work-tag work-tag--plain">{kpi.category.label(t)}</span>
                {if reached {
                    view! { <span class="work-tag work-tag--reached">{t.gains_kpi_reached}</span> }.into_any()
                } else {
                    view! { <span class="work-tag">{t.gains_kpi_on_its_way}</span> }.into_any()
                }}
            </p>
            <p class="ds-paragraph" data-size="sm">{goal}</p>
            {match chart {
                Some(chart) => view! { <TimeChartFigure id=format!("{anchor}-chart") chart /> }.into_any(),
                None => view! { <p class="ds-paragraph" data-size="sm">{t.gains_public_not_measured}</p> }.into_any(),
            }}
        </li>
    }
}
