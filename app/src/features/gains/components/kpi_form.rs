use leptos::prelude::*;

use super::super::api::AddKpi;
use super::super::types::{
    BenefitCategory, KPI_NAME_MAX, Kpi, KpiOwnerChoice, METHOD_MAX, UNIT_MAX,
};
use crate::components::forms::{
    FormAlert, FormError, IdempotencyKeyField, SelectField, TextArea, TextField,
};
use crate::features::departments::types::{Department, select_options_keeping};
use crate::i18n::t;

/// The fields of the KPI form, each with its own message.
pub const FIELDS: &[&str] = &[
    "name",
    "unit",
    "category",
    "baseline",
    "target",
    "target_date",
    "method",
    "owner_department_id",
    "owner_account_id",
];

/// What the KPI form holds when it is first shown.
#[derive(Clone, Debug, Default)]
pub struct KpiValues {
    pub name: String,
    pub unit: String,
    pub category: String,
    pub baseline: String,
    pub target: String,
    pub target_date: String,
    pub method: String,
    pub owner_department_id: Option<i64>,
    pub owner_account_id: Option<i64>,
    pub public: bool,
}

impl KpiValues {
    pub fn of(kpi: &Kpi) -> Self {
        Self {
            name: kpi.name.clone(),
            unit: kpi.unit.clone(),
            category: kpi.category.as_str().to_owned(),
            baseline: kpi.baseline.to_string(),
            target: kpi.target.to_string(),
            target_date: kpi.target_date.to_string(),
            method: kpi.method.clone(),
            owner_department_id: Some(kpi.owner_department_id),
            owner_account_id: kpi.owner_account_id,
            public: kpi.public,
        }
    }
}

/// The KPI's fields, filled in from `values`; `prefix` keeps ids unique.
#[component]
pub fn KpiFields(
    prefix: String,
    error: FormError,
    values: KpiValues,
    departments: Vec<Department>,
    people: Vec<KpiOwnerChoice>,
) -> impl IntoView {
    let t = t();
    let id = |name: &str| format!("{prefix}-{name}");
    let categories: Vec<(String, String)> = BenefitCategory::ALL
        .into_iter()
        .map(|category| (category.as_str().to_owned(), category.label(t).to_owned()))
        .collect();
    let department_options = select_options_keeping(departments, values.owner_department_id, t);
    let people_options: Vec<(String, String)> = people
        .into_iter()
        .map(|person| (person.account_id.to_string(), person.name))
        .collect();
    // A refused form comes back ticked as it was sent.
    let public = error
        .get_untracked()
        .and_then(|error| error.echoed("public").map(|ticked| ticked == "true"))
        .unwrap_or(values.public);
    let public_id = id("public");
    let public_for = public_id.clone();
    view! {
        <TextField id=id("name") name="name" label=t.gains_kpi_name error hint=t.gains_kpi_name_hint max_length=KPI_NAME_MAX required=true value=values.name />
        <SelectField id=id("category") name="category" label=t.gains_kpi_category error options=categories required=true value=values.category />
        <TextField id=id("unit") name="unit" label=t.gains_kpi_unit error hint=t.gains_kpi_unit_hint max_length=UNIT_MAX required=true value=values.unit />
        <TextField id=id("baseline") name="baseline" label=t.gains_kpi_baseline error hint=t.gains_kpi_baseline_hint required=true value=values.baseline />
        <TextField id=id("target") name="target" label=t.gains_kpi_target error hint=t.gains_kpi_target_hint required=true value=values.target />
        <TextField id=id("target-date") name="target_date" label=t.gains_kpi_target_date error kind="date" required=true value=values.target_date />
        <TextArea id=id("method") name="method" label=t.gains_kpi_method error hint=t.gains_kpi_method_hint max_length=METHOD_MAX rows=3 required=true value=values.method />
        <SelectField id=id("department") name="owner_department_id" label=t.gains_kpi_department error options=department_options required=true value=values.owner_department_id.map(|id| id.to_string()).unwrap_or_default() />
        <SelectField id=id("owner") name="owner_account_id" label=t.gains_kpi_owner error options=people_options empty=t.gains_kpi_owner_none hint=t.gains_kpi_owner_hint value=values.owner_account_id.map(|id| id.to_string()).unwrap_or_default() />
        <div class="ds-field">
            <label class="checkbox" for=public_for>
                <input type="checkbox" id=public_id name="public" value="on" checked=public />
                " "{t.gains_kpi_public}
            </label>
            <p class="ds-paragraph" data-size="sm">{t.gains_kpi_public_hint}</p>
        </div>
    }
}

/// Adds a KPI; its key makes a double tap add it once.
#[component]
pub fn AddKpiForm(
    idea_id: i64,
    departments: Vec<Department>,
    owner_departments: Vec<i64>,
    people: Vec<KpiOwnerChoice>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<AddKpi>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = KpiValues {
        owner_department_id: owner_departments.first().copied(),
        ..KpiValues::default()
    };
    view! {
        <section class="gains__add" id="kpi-add" aria-labelledby="kpi-add-heading">
            <h2 class="ds-heading" data-size="sm" id="kpi-add-heading">{t.gains_kpi_add_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=FIELDS />
                <input type="hidden" name="idea_id" value=idea_id />
                <IdempotencyKeyField />
                <KpiFields prefix="kpi-add".to_owned() error values departments people />
                <button type="submit" class="ds-button" data-variant="primary">{t.gains_kpi_add}</button>
            </ActionForm>
        </section>
    }
}
