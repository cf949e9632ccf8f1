use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::features::gains::api::load_benefit_plan;
use crate::features::gains::components::{AddKpiForm, FiguresForm, KpiCard};
use crate::features::gains::types::{BenefitPlan, KPIS_MAX};
use crate::i18n::{fill, t};
use crate::pages::failed::{failed_page, resource_for_id, saved_note};

/// `/ideas/{id}/benefits`: the staff's benefit plan of an idea: what it
/// should achieve (KPIs with baseline, target, date, method and owner),
/// what it costs, and what was measured. Staff only; everyone else gets
/// the page their role gets for a staff page.
#[component]
pub fn IdeaBenefitsPage() -> impl IntoView {
    let t = t();
    let plan = resource_for_id(load_benefit_plan);
    let saved = use_query_map().get_untracked().get("saved").is_some();
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match plan.await {
                    Ok(plan) => view! { <PlanView plan saved /> }.into_any(),
                    Err(error) => failed_page(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn PlanView(plan: BenefitPlan, saved: bool) -> impl IntoView {
    use crate::features::gains::components::kpi_card::CardChoices;
    let t = t();
    let heading = fill(t.gains_page_title, &[("title", &plan.title)]);
    let choices = CardChoices {
        departments: plan.departments.clone(),
        people: plan.people.clone(),
        plan_open: plan.plan_open(),
        measurements_open: plan.measurements_open(),
        today: plan.today,
    };
    let room = plan.plan_open() && plan.kpis.len() < KPIS_MAX;
    view! {
        <Title text=heading.clone() />
        <div class="page page--form gains">
            <p class="ds-paragraph" data-size="sm">
                <a class="ds-link" href=format!("/ideas/{}#staff-work", plan.idea_id)>{t.gains_back_to_idea}</a>
            </p>
            <h1 class="ds-heading" data-size="lg">{heading}</h1>
            <p class="ds-paragraph">{plan.status.label(t)}". "{t.gains_page_lead}</p>
            {saved.then(|| saved_note(t.me_saved))}
            {(!plan.plan_open()).then(|| view! { <p class="ds-paragraph" data-size="sm">{t.validation_plan_closed}</p> })}
            <FiguresForm idea_id=plan.idea_id figures=plan.figures open=plan.plan_open() />
            <section id="kpis" aria-labelledby="kpis-heading">
                <h2 class="ds-heading" data-size="sm" id="kpis-heading">{t.gains_kpis_title}</h2>
                {if plan.kpis.is_empty() {
                    view! { <p class="ds-paragraph">{t.gains_kpis_none}</p> }.into_any()
                } else {
                    view! {
                        <ul class="gains__kpis">
                            {plan.kpis.into_iter().map(|kpi| view! { <KpiCard kpi choices=choices.clone() /> }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
            {room.then(|| view! {
                <AddKpiForm idea_id=plan.idea_id departments=plan.departments people=plan.people owner_departments=plan.owner_departments />
            })}
        </div>
    }
}
