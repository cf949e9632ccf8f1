use chrono::NaiveDate;
use leptos::prelude::*;

use super::super::api::{CorrectMeasurement, RecordMeasurement};
use super::super::types::{COMMENT_MAX, Kpi, Measurement, SOURCE_MAX};
use super::kpi_card::error_for_kpi;
use crate::charts::scale::with_unit;
use crate::components::forms::{FormAlert, FormError, IdempotencyKeyField, TextArea, TextField};
use crate::error::AppError;
use crate::i18n::{t, use_locale};
use crate::time::{format_date, format_oslo};

const FIELDS: &[&str] = &["value", "measured_on", "source", "comment"];

/// The measurement's four fields; `prefix` keeps ids unique.
#[component]
fn MeasurementFields(
    prefix: String,
    error: FormError,
    unit: String,
    #[prop(optional)] values: Option<Measurement>,
    today: NaiveDate,
) -> impl IntoView {
    let t = t();
    let id = |name: &str| format!("{prefix}-{name}");
    let value_label = format!("{} ({unit})", t.gains_measurement_value);
    let (value, on, source, comment) = match values {
        Some(m) => (
            m.value.to_string(),
            m.measured_on.to_string(),
            m.source,
            m.comment,
        ),
        None => (
            String::new(),
            today.to_string(),
            String::new(),
            String::new(),
        ),
    };
    view! {
        <TextField id=id("value") name="value" label=value_label error required=true value=value />
        <TextField id=id("on") name="measured_on" label=t.gains_measurement_date error kind="date" required=true value=on />
        <TextField id=id("source") name="source" label=t.gains_measurement_source error hint=t.gains_measurement_source_hint max_length=SOURCE_MAX required=true value=source />
        <TextArea id=id("comment") name="comment" label=t.gains_measurement_comment error max_length=COMMENT_MAX rows=2 value=comment />
    }
}

/// Records a new value of KPI `kpi_id`.
#[component]
pub fn RecordForm(kpi_id: i64, unit: String, today: NaiveDate) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RecordMeasurement>::new();
    let error: Signal<_> =
        Signal::derive(move || error_for_kpi(action.value().get().and_then(Result::err), kpi_id));
    let open = error.get_untracked().is_some();
    view! {
        <details class="gains__record" open=open>
            <summary>{t.gains_measurement_record}</summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <input type="hidden" name="kpi_id" value=kpi_id />
                <IdempotencyKeyField />
                <MeasurementFields prefix=format!("kpi-{kpi_id}-record") error unit today />
                <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.gains_measurement_save}</button>
            </ActionForm>
        </details>
    }
}

/// The error of the correction of measurement `id` only.
fn error_for_measurement(error: Option<AppError>, id: i64) -> Option<AppError> {
    error.filter(|error| error.echoed("measurement_id") == Some(id.to_string().as_str()))
}

/// The KPI's measurements that count, newest first, each correctable; the
/// corrected ones are behind a disclosure, as history.
#[component]
pub fn MeasurementTable(kpi: Kpi, open: bool) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let (current, history): (Vec<_>, Vec<_>) = kpi
        .measurements
        .iter()
        .cloned()
        .partition(|m| !m.superseded);
    let unit = kpi.unit.clone();
    let row = move |m: Measurement| {
        let unit = unit.clone();
        view! {
            <tr>
                <td>{format_date(m.measured_on, locale)}</td>
                <td class="chart__number">{with_unit(m.value, &unit, locale)}</td>
                <td>{m.source.clone()}</td>
                <td>{m.comment.clone()}</td>
                <td>{m.recorded_by.clone().unwrap_or_else(|| t.deleted_user.to_owned())}", "{format_oslo(m.recorded_at, locale)}</td>
            </tr>
        }
    };
    let current_rows = current
        .iter()
        .cloned()
        .map(row.clone())
        .collect_view()
        .into_any();
    let history_rows = history.iter().cloned().map(row).collect_view().into_any();
    let corrections = open.then(|| {
        current
            .iter()
            .cloned()
            .map(|m| view! { <CorrectForm measurement=m unit=kpi.unit.clone() /> })
            .collect_view()
    });
    view! {
        <MeasurementsTable caption=t.gains_measurements_title rows=current_rows />
        {(!history.is_empty()).then(|| view! {
            <details class="gains__history">
                <summary>{t.gains_measurements_history}</summary>
                <MeasurementsTable caption=t.gains_measurements_history_caption rows=history_rows />
            </details>
        })}
        {corrections}
    }
}

/// A table of measurements under `caption`, scrolling sideways on a phone.
#[component]
fn MeasurementsTable(caption: &'static str, rows: AnyView) -> impl IntoView {
    let t = t();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=caption>
            <table class="audit-table">
                <caption>{caption}</caption>
                <thead><tr>
                    <th scope="col">{t.gains_measurement_date}</th>
                    <th scope="col">{t.gains_measurement_value}</th>
                    <th scope="col">{t.gains_measurement_source}</th>
                    <th scope="col">{t.gains_measurement_comment}</th>
                    <th scope="col">{t.gains_measurement_recorded}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Corrects one measurement: the form starts from what it says.
#[component]
fn CorrectForm(measurement: Measurement, unit: String) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let id = measurement.id;
    let action = ServerAction::<CorrectMeasurement>::new();
    let error: Signal<_> = Signal::derive(move || {
        error_for_measurement(action.value().get().and_then(Result::err), id)
    });
    let open = error.get_untracked().is_some();
    let summary = format!(
        "{} {}",
        t.gains_measurement_correct,
        format_date(measurement.measured_on, locale)
    );
    let today = measurement.measured_on;
    view! {
        <details class="gains__correct" open=open>
            <summary>{summary}</summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <input type="hidden" name="measurement_id" value=id />
                <MeasurementFields prefix=format!("measurement-{id}") error unit values=measurement today />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.gains_measurement_save_correction}</button>
            </ActionForm>
        </details>
    }
}
