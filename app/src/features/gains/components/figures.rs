use leptos::prelude::*;

use super::super::api::SavePlanFigures;
use super::super::types::PlanFigures;
use crate::charts::scale::format_number;
use crate::components::forms::{FormAlert, TextField};
use crate::i18n::{t, use_locale};

const FIELDS: &[&str] = &[
    "estimated_cost_nok",
    "effort_person_days",
    "expected_value_nok",
];

fn typed(value: Option<i64>) -> String {
    value.map(|value| value.to_string()).unwrap_or_default()
}

/// The plan's estimates: what the idea costs and brings, and what the board
/// ranks by (kroner back each year for each krone).
#[component]
pub fn FiguresForm(idea_id: i64, figures: PlanFigures, open: bool) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let action = ServerAction::<SavePlanFigures>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let ratio = figures
        .benefit_per_krone()
        .map(|ratio| format_number(ratio, locale));
    view! {
        <section class="gains__figures" id="figures" aria-labelledby="figures-heading">
            <h2 class="ds-heading" data-size="sm" id="figures-heading">{t.gains_figures_title}</h2>
            <p class="ds-paragraph" data-size="sm">{t.gains_figures_lead}</p>
            <p class="ds-paragraph" data-size="sm">
                <strong>{t.gains_benefit_per_krone}": "</strong>
                {ratio.unwrap_or_else(|| t.gains_not_estimated.to_owned())}
            </p>
            {if open {
                view! {
                    <ActionForm action attr:class="form" attr:novalidate=true>
                        <FormAlert error fields=FIELDS />
                        <input type="hidden" name="idea_id" value=idea_id />
                        <TextField id="figures-cost" name="estimated_cost_nok" label=t.gains_cost_label hint=t.gains_cost_hint error value=typed(figures.estimated_cost_nok) />
                        <TextField id="figures-effort" name="effort_person_days" label=t.gains_effort_label hint=t.gains_effort_hint error value=typed(figures.effort_person_days.map(i64::from)) />
                        <TextField id="figures-value" name="expected_value_nok" label=t.gains_value_label hint=t.gains_value_hint error value=typed(figures.expected_value_nok) />
                        <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.gains_figures_save}</button>
                    </ActionForm>
                }.into_any()
            } else {
                view! {
                    <dl class="gains__facts">
                        <dt>{t.gains_cost_label}</dt><dd>{figures.estimated_cost_nok.map(|v| format_number(v as f64, locale)).unwrap_or_else(|| t.gains_not_estimated.to_owned())}</dd>
                        <dt>{t.gains_effort_label}</dt><dd>{figures.effort_person_days.map(|v| format_number(f64::from(v), locale)).unwrap_or_else(|| t.gains_not_estimated.to_owned())}</dd>
                        <dt>{t.gains_value_label}</dt><dd>{figures.expected_value_nok.map(|v| format_number(v as f64, locale)).unwrap_or_else(|| t.gains_not_estimated.to_owned())}</dd>
                    </dl>
                }.into_any()
            }}
        </section>
    }
}
