use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::api::{EditKpi, RemoveKpi};
use super::super::types::{Kpi, KpiOwnerChoice};
use super::kpi_form::{FIELDS, KpiFields, KpiValues};
use super::measurements::{MeasurementTable, RecordForm};
use super::public::kpi_chart;
use crate::charts::TimeChartFigure;
use crate::charts::scale::with_unit;
use crate::components::forms::FormAlert;
use crate::error::AppError;
use crate::features::departments::types::Department;
use crate::i18n::{Messages, t, use_locale};
use crate::time::format_date;

/// The error of the form about KPI `id` only: every card's forms post to
/// the same functions, and the KPI's id rides in the echo.
pub fn error_for_kpi(error: Option<AppError>, id: i64) -> Option<AppError> {
    error.filter(|error| error.echoed("kpi_id") == Some(id.to_string().as_str()))
}

/// Where the KPI stands, in words: reached, overdue, or on its way.
fn standing(kpi: &Kpi, today: NaiveDate, t: &'static Messages) -> (&'static str, &'static str) {
    if kpi.reached() {
        (t.gains_kpi_reached, "work-tag work-tag--reached")
    } else if kpi.overdue(today) {
        (t.gains_kpi_overdue, "work-tag work-tag--waiting")
    } else {
        (t.gains_kpi_on_its_way, "work-tag")
    }
}

/// What the choices a card's forms offer.
#[derive(Clone, Debug)]
pub struct CardChoices {
    pub departments: Vec<Department>,
    pub people: Vec<KpiOwnerChoice>,
    pub plan_open: bool,
    pub measurements_open: bool,
    pub today: NaiveDate,
}

/// One KPI: what it measures and how, where it stands, its values over
/// time, and the forms that measure, correct, change or remove it.
#[component]
pub fn KpiCard(kpi: Kpi, choices: CardChoices) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let id = kpi.id;
    let anchor = format!("kpi-{id}");
    let heading_id = format!("{anchor}-heading");
    let labelled_by = heading_id.clone();
    let (standing_text, standing_class) = standing(&kpi, choices.today, t);
    let latest = kpi.latest().map(|m| {
        format!(
            "{} ({})",
            with_unit(m.value, &kpi.unit, locale),
            format_date(m.measured_on, locale)
        )
    });
    let chart = kpi_chart(
        &kpi.name,
        &kpi.unit,
        kpi.baseline,
        kpi.target,
        kpi.current().map(|m| (m.measured_on, m.value)).collect(),
        locale,
    );
    let measured = !kpi.measurements.is_empty();
    view! {
        <li class="gains__kpi" id=anchor.clone()>
            <article aria-labelledby=labelled_by>
                <h3 class="ds-heading" data-size="xs" id=heading_id>{kpi.name.clone()}</h3>
                <p class="board-card__tags">
                    <span class=standing_class>{standing_text}</span>
                    <span class="work-tag work-tag--plain">{if kpi.public { t.gains_kpi_is_public } else { t.gains_kpi_is_internal }}</span>
                </p>
                <dl class="gains__facts">
                    <dt>{t.gains_kpi_category}</dt><dd>{kpi.category.label(t)}</dd>
                    <dt>{t.gains_kpi_baseline}</dt><dd>{with_unit(kpi.baseline, &kpi.unit, locale)}</dd>
                    <dt>{t.gains_kpi_target}</dt><dd>{with_unit(kpi.target, &kpi.unit, locale)}</dd>
                    <dt>{t.gains_kpi_target_date}</dt><dd>{format_date(kpi.target_date, locale)}</dd>
                    <dt>{t.gains_kpi_latest}</dt><dd>{latest.unwrap_or_else(|| t.gains_kpi_not_measured.to_owned())}</dd>
                    <dt>{t.gains_kpi_department}</dt><dd>{kpi.owner_department.clone()}</dd>
                    <dt>{t.gains_kpi_owner}</dt><dd>{kpi.owner.clone().unwrap_or_else(|| t.gains_kpi_owner_none.to_owned())}</dd>
                    <dt>{t.gains_kpi_method}</dt><dd>{kpi.method.clone()}</dd>
                </dl>
                {chart.map(|chart| view! { <TimeChartFigure id=format!("{anchor}-chart") chart /> })}
                {measured.then(|| view! { <MeasurementTable kpi=kpi.clone() open=choices.measurements_open /> })}
                {choices.measurements_open.then(|| view! { <RecordForm kpi_id=id unit=kpi.unit.clone() today=choices.today /> })}
                {choices.plan_open.then(|| view! {
                    <EditKpiForm kpi=kpi.clone() departments=choices.departments.clone() people=choices.people.clone() />
                    {(!measured).then(|| view! { <RemoveKpiForm kpi_id=id /> })}
                })}
            </article>
        </li>
    }
}

#[component]
fn EditKpiForm(
    kpi: Kpi,
    departments: Vec<Department>,
    people: Vec<KpiOwnerChoice>,
) -> impl IntoView {
    let t = t();
    let id = kpi.id;
    let action = ServerAction::<EditKpi>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_kpi(action.value().get().and_then(Result::err), id));
    let open = error.get_untracked().is_some();
    view! {
        <details class="gains__edit" open=open>
            <summary>{t.gains_kpi_edit}</summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <input type="hidden" name="kpi_id" value=id />
                <KpiFields prefix=format!("kpi-{id}-edit") error values=KpiValues::of(&kpi) departments people />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.gains_kpi_save}</button>
            </ActionForm>
        </details>
    }
}

#[component]
fn RemoveKpiForm(kpi_id: i64) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RemoveKpi>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_kpi(action.value().get().and_then(Result::err), kpi_id));
    view! {
        <ActionForm action attr:class="form form--inline">
            <FormAlert error />
            <input type="hidden" name="kpi_id" value=kpi_id />
            <button type="submit" class="ds-button" data-size="sm" data-variant="tertiary">{t.gains_kpi_remove}</button>
        </ActionForm>
    }
}
