//! The benefit plan's server functions: one read, for staff only, and the
//! plain forms of `/ideas/{id}/benefits`, each answering with a redirect
//! back to the part of the page it changed. Every function refuses
//! everyone but staff.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{BenefitPlan, Ticked};
use crate::error::AppError;

/// The benefit plan of idea `idea_id`, with every KPI, internal ones too,
/// and every measurement: staff only.
#[server(endpoint = "gains/plan", input = GetUrl)]
pub async fn load_benefit_plan(idea_id: i64) -> Result<BenefitPlan, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    super::service::load(&app_state()?.db, &viewer, idea_id).await
}

#[cfg(feature = "ssr")]
fn back_to(idea_id: i64, part: &str) {
    crate::server::responses::redirect(&format!("/ideas/{idea_id}/benefits?saved=1#{part}"));
}

/// Saves the plan's estimates: cost and yearly value in kroner, effort in
/// person-days; each may be left empty.
#[server(endpoint = "gains/figures")]
pub async fn save_plan_figures(
    idea_id: i64,
    estimated_cost_nok: String,
    effort_person_days: String,
    expected_value_nok: String,
) -> Result<(), AppError> {
    use super::types::PlanFigures;
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({
        "estimated_cost_nok": estimated_cost_nok, "effort_person_days": effort_person_days,
        "expected_value_nok": expected_value_nok,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let figures = PlanFigures::parse(
        &estimated_cost_nok,
        &effort_person_days,
        &expected_value_nok,
    )
    .map_err(keep)?;
    super::service::save_figures(&app_state()?.db, &viewer, idea_id, figures)
        .await
        .map_err(keep)?;
    back_to(idea_id, "figures");
    Ok(())
}

/// The KPI form's fields, echoed back with a refusal.
#[cfg(feature = "ssr")]
fn kpi_echo(form: &super::types::KpiForm<'_>, id: Option<i64>) -> serde_json::Value {
    serde_json::json!({
        "kpi_id": id.map(|id| id.to_string()).unwrap_or_default(),
        "name": form.name, "unit": form.unit, "category": form.category,
        "baseline": form.baseline, "target": form.target, "target_date": form.target_date,
        "method": form.method, "owner_department_id": form.owner_department_id,
        "owner_account_id": form.owner_account_id, "public": form.public.to_string(),
    })
}

/// Adds a KPI to the plan. The same form sent twice adds it once.
#[server(endpoint = "gains/kpi/add")]
pub async fn add_kpi(
    idea_id: i64,
    name: String,
    unit: String,
    category: String,
    baseline: String,
    target: String,
    target_date: String,
    method: String,
    owner_department_id: String,
    owner_account_id: String,
    public: Option<Ticked>,
    idempotency_key: String,
) -> Result<i64, AppError> {
    use super::types::{KpiForm, KpiInput};
    use crate::server::{app_state, auth, idempotency};

    let form = KpiForm {
        name: &name,
        unit: &unit,
        category: &category,
        baseline: &baseline,
        target: &target,
        target_date: &target_date,
        method: &method,
        owner_department_id: &owner_department_id,
        owner_account_id: &owner_account_id,
        public: public.is_some(),
    };
    let typed = kpi_echo(&form, None);
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let input = KpiInput::parse(&form).map_err(keep)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "gains/kpi/add", || {
        super::service::add_kpi(&state.db, &viewer, idea_id, input)
    })
    .await
    .map_err(keep)?;
    back_to(idea_id, &format!("kpi-{id}"));
    Ok(id)
}

/// Changes a KPI.
#[server(endpoint = "gains/kpi/edit")]
pub async fn edit_kpi(
    kpi_id: i64,
    name: String,
    unit: String,
    category: String,
    baseline: String,
    target: String,
    target_date: String,
    method: String,
    owner_department_id: String,
    owner_account_id: String,
    public: Option<Ticked>,
) -> Result<(), AppError> {
    use super::types::{KpiForm, KpiInput};
    use crate::server::{app_state, auth};

    let form = KpiForm {
        name: &name,
        unit: &unit,
        category: &category,
        baseline: &baseline,
        target: &target,
        target_date: &target_date,
        method: &method,
        owner_department_id: &owner_department_id,
        owner_account_id: &owner_account_id,
        public: public.is_some(),
    };
    let typed = kpi_echo(&form, Some(kpi_id));
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let input = KpiInput::parse(&form).map_err(keep)?;
    let idea_id = super::service::edit_kpi(&app_state()?.db, &viewer, kpi_id, input)
        .await
        .map_err(keep)?;
    back_to(idea_id, &format!("kpi-{kpi_id}"));
    Ok(())
}

/// Removes a KPI nobody has measured.
#[server(endpoint = "gains/kpi/remove")]
pub async fn remove_kpi(kpi_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({ "kpi_id": kpi_id.to_string() });
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let idea_id = super::service::remove_kpi(&app_state()?.db, &viewer, kpi_id)
        .await
        .map_err(|error| error.keeping(&typed))?;
    back_to(idea_id, "kpis");
    Ok(())
}

/// The measurement form's fields, echoed back with a refusal.
#[cfg(feature = "ssr")]
fn measurement_echo(
    about: (&str, i64),
    value: &str,
    measured_on: &str,
    source: &str,
    comment: &str,
) -> serde_json::Value {
    serde_json::json!({
        about.0: about.1.to_string(), "value": value, "measured_on": measured_on,
        "source": source, "comment": comment,
    })
}

/// The measurement as the form typed it, checked against Oslo's today.
#[cfg(feature = "ssr")]
fn measurement_input(
    value: &str,
    measured_on: &str,
    source: &str,
    comment: &str,
) -> Result<super::types::MeasurementInput, AppError> {
    let today = crate::time::today_in_oslo(chrono::Utc::now());
    super::types::MeasurementInput::parse(value, measured_on, source, comment, today)
}

/// Records a measurement of a KPI. The same form sent twice records it once.
#[server(endpoint = "gains/measurement/add")]
pub async fn record_measurement(
    kpi_id: i64,
    value: String,
    measured_on: String,
    source: String,
    comment: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::server::{app_state, auth, idempotency};

    let typed = measurement_echo(("kpi_id", kpi_id), &value, &measured_on, &source, &comment);
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let input = measurement_input(&value, &measured_on, &source, &comment).map_err(keep)?;
    let state = app_state()?;
    let idea_id = idempotency::run_once(&state.db, &key, "gains/measurement/add", || {
        super::measurements::record(&state.db, &viewer, kpi_id, input)
    })
    .await
    .map_err(keep)?;
    back_to(idea_id, &format!("kpi-{kpi_id}"));
    Ok(())
}

/// Corrects a measurement: the corrected value counts, the old one stays
/// in the history.
#[server(endpoint = "gains/measurement/correct")]
pub async fn correct_measurement(
    measurement_id: i64,
    value: String,
    measured_on: String,
    source: String,
    comment: String,
) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let typed = measurement_echo(
        ("measurement_id", measurement_id),
        &value,
        &measured_on,
        &source,
        &comment,
    );
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    let input = measurement_input(&value, &measured_on, &source, &comment).map_err(keep)?;
    let idea_id = super::measurements::correct(&app_state()?.db, &viewer, measurement_id, input)
        .await
        .map_err(keep)?;
    back_to(idea_id, "kpis");
    Ok(())
}

/// The lesson of idea `idea_id`, internal or not, as staff edit it.
#[server(endpoint = "gains/lesson", input = GetUrl)]
pub async fn load_lesson(idea_id: i64) -> Result<super::types::Lesson, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    super::lessons::load(&app_state()?.db, &viewer, idea_id).await
}

/// Writes what was learned from idea `idea_id`; "public" puts it on the
/// idea's page and `/impact`.
#[server(endpoint = "gains/lesson/save")]
pub async fn save_lesson(
    idea_id: i64,
    body: String,
    public: Option<Ticked>,
) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses};

    let typed = serde_json::json!({ "body": body, "public": public.is_some().to_string() });
    let keep = |error: AppError| error.keeping(&typed);
    let viewer = auth::require_viewer()?;
    viewer.require_staff()?;
    super::lessons::save(&app_state()?.db, &viewer, idea_id, &body, public.is_some())
        .await
        .map_err(keep)?;
    responses::redirect(&format!("/ideas/{idea_id}?saved=lesson#lesson"));
    Ok(())
}

/// The staff's gains dashboard through the filter in the address.
#[server(endpoint = "gains/dashboard", input = GetUrl)]
pub async fn load_gains_dashboard(
    focus_area: Option<String>,
    goal: Option<String>,
    department: Option<String>,
    year: Option<String>,
) -> Result<super::types::GainsDashboard, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let filter = super::types::GainsFilter::parse(
        focus_area.as_deref(),
        goal.as_deref(),
        department.as_deref(),
        year.as_deref(),
    );
    super::dashboards::staff_dashboard(&app_state()?.db, &viewer, filter).await
}

/// What came of residents' ideas: everyone may read it.
#[server(endpoint = "impact", input = GetUrl)]
pub async fn load_impact() -> Result<super::types::Impact, AppError> {
    super::dashboards::impact(&crate::server::app_state()?.db).await
}
