use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::charts::BarChartFigure;
use crate::charts::scale::format_number;
use crate::components::error_message::ErrorText;
use crate::features::accounts::components::actor_type_label;
use crate::features::accounts::types::Role;
use crate::features::focus_area::FocusArea;
use crate::features::gains::api::load_gains_dashboard;
use crate::features::gains::components::charts::{
    funnel_chart, goals_chart, stage_days_chart, tally_chart,
};
use crate::features::gains::types::{GainsDashboard, GainsFilter, Realised};
use crate::i18n::{fill, t, use_locale};
use crate::time::{format_date, today_in_oslo};

/// `/admin/gains`: the staff's dashboard of "hva er gevinsten?". How far
/// ideas have come and where they wait longest; who sends them; KPI
/// targets set and reached, and the plans' estimates, per goal,
/// department, year and kind of benefit; the KPIs whose date passed
/// unmeasured; and the numbers as CSV. Filters are in the address.
#[component]
pub fn AdminGainsPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    super::behind_gate(Role::Staff, move |_viewer| {
        let dashboard = Resource::new_blocking(
            move || {
                (
                    query.get("focus_area"),
                    query.get("goal"),
                    query.get("department"),
                    query.get("year"),
                )
            },
            |(focus_area, goal, department, year)| {
                load_gains_dashboard(focus_area, goal, department, year)
            },
        );
        view! {
            <Title text=t.gains_admin_title />
            <div class="page page--wide gains">
                <h1 class="ds-heading" data-size="lg">{t.gains_admin_title}</h1>
                <p class="ds-paragraph">{t.gains_admin_lead}</p>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match dashboard.await {
                            Ok(dashboard) => view! { <DashboardView dashboard /> }.into_any(),
                            Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
    })
}

#[component]
fn DashboardView(dashboard: GainsDashboard) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let filter = dashboard.filter;
    let query = filter.query();
    let download = move |file: &str| {
        if query.is_empty() {
            format!("/admin/gains/{file}")
        } else {
            format!("/admin/gains/{file}?{query}")
        }
    };
    let tallies = dashboard.tallies.clone();
    let areas = tallies
        .by_focus_area
        .iter()
        .map(|(area, n)| (area.label(t).to_owned(), *n))
        .collect();
    let districts = tallies.by_district.clone();
    let actors = tallies
        .by_actor_type
        .iter()
        .map(|(actor, n)| (actor_type_label(t, *actor).to_owned(), *n))
        .collect();
    let goal_names: Vec<Realised> = dashboard
        .per_goal
        .iter()
        .map(|row| Realised {
            label: dashboard
                .goals
                .iter()
                .find(|goal| goal.id == row.key)
                .map_or_else(|| row.label.clone(), |goal| goal.label(locale, t)),
            ..row.clone()
        })
        .collect();
    let categories: Vec<Realised> = dashboard
        .per_category
        .iter()
        .map(|(category, kpis, reached)| Realised {
            label: category.label(t).to_owned(),
            kpis: *kpis,
            reached: *reached,
            ..Realised::default()
        })
        .collect();
    let today = today_in_oslo(dashboard.now);
    view! {
        <GainsFilterForm dashboard=dashboard.clone() />
        <p class="ds-paragraph" data-size="sm">
            {t.gains_downloads}": "
            <a class="ds-link" href=download("kpis.csv")>{t.gains_download_kpis}</a>", "
            <a class="ds-link" href=download("measurements.csv")>{t.gains_download_measurements}</a>", "
            <a class="ds-link" href=download("funnel.csv")>{t.gains_download_funnel}</a>
        </p>
        <section aria-labelledby="gains-flow">
            <h2 class="ds-heading" data-size="md" id="gains-flow">{t.gains_flow_title}</h2>
            <BarChartFigure id="gains-funnel".to_owned() chart=funnel_chart(&dashboard.funnel, locale) />
            <p class="ds-paragraph" data-size="sm">
                {t.gains_closed}": "
                {dashboard.closed.iter().map(|stage| format!("{} {}", stage.status.label(t), format_number(stage.count as f64, locale))).collect::<Vec<_>>().join(" · ")}
            </p>
            <BarChartFigure id="gains-days".to_owned() chart=stage_days_chart(&dashboard.stage_days, locale) />
            <h3 class="ds-heading" data-size="xs">{t.gains_waiting_title}</h3>
            {if dashboard.waiting_longest.is_empty() {
                view! { <p class="ds-paragraph">{t.gains_waiting_none}</p> }.into_any()
            } else {
                view! {
                    <ol class="gains__list">
                        {dashboard.waiting_longest.iter().map(|idea| view! {
                            <li>
                                <a class="ds-link" href=format!("/ideas/{}", idea.idea_id)>{idea.title.clone()}</a>
                                " · "{idea.status.label(t)}" · "
                                {fill(t.pipeline_days_in_stage, &[("days", &(dashboard.now - idea.since).num_days().max(0).to_string())])}
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="gains-realised">
            <h2 class="ds-heading" data-size="md" id="gains-realised">{t.gains_realised_title}</h2>
            <p class="ds-paragraph">{t.gains_realised_lead}</p>
            {(!goal_names.is_empty()).then(|| view! { <BarChartFigure id="gains-goals".to_owned() chart=goals_chart(&dashboard.per_goal, &dashboard.goals, locale) /> })}
            <RealisedTable id="gains-per-goal" caption=t.gains_per_goal heading=t.gains_goal rows=goal_names />
            <RealisedTable id="gains-per-department" caption=t.gains_per_department heading=t.gains_department rows=dashboard.per_department.clone() />
            <RealisedTable id="gains-per-year" caption=t.gains_per_year heading=t.gains_year rows=dashboard.per_year.clone() />
            <RealisedTable id="gains-per-category" caption=t.gains_per_category heading=t.gains_kpi_category rows=categories />
        </section>
        <section aria-labelledby="gains-overdue">
            <h2 class="ds-heading" data-size="md" id="gains-overdue">{t.gains_overdue_title}</h2>
            <p class="ds-paragraph">{fill(t.gains_overdue_count, &[("count", &format_number(dashboard.overdue_count as f64, locale))])}</p>
            {(!dashboard.overdue.is_empty()).then(|| view! {
                <ul class="gains__list">
                    {dashboard.overdue.iter().map(|due| view! {
                        <li>
                            <a class="ds-link" href=format!("/ideas/{}/benefits", due.idea_id)>{due.kpi.clone()}</a>
                            " · "{due.idea_title.clone()}" · "{due.department.clone()}" · "
                            {fill(t.gains_overdue_since, &[("date", &format_date(due.target_date, locale)), ("days", &(today - due.target_date).num_days().to_string())])}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
        <section aria-labelledby="gains-who">
            <h2 class="ds-heading" data-size="md" id="gains-who">{t.gains_who_title}</h2>
            <BarChartFigure id="gains-areas".to_owned() chart=tally_chart(t.gains_areas_title, t.gains_focus_area, areas, locale) />
            <BarChartFigure id="gains-districts".to_owned() chart=tally_chart(t.gains_districts_title, t.gains_district, districts, locale) />
            <BarChartFigure id="gains-actors".to_owned() chart=tally_chart(t.gains_actors_title, t.gains_actor, actors, locale) />
        </section>
    }
}

/// KPI targets set and reached, and the plans' estimates, one row each.
#[component]
fn RealisedTable(
    id: &'static str,
    caption: &'static str,
    heading: &'static str,
    rows: Vec<Realised>,
) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let number = move |value: f64| format_number(value, locale);
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-labelledby=format!("{id}-caption")>
            <table class="audit-table" id=id>
                <caption id=format!("{id}-caption")>{caption}</caption>
                <thead><tr>
                    <th scope="col">{heading}</th>
                    <th scope="col">{t.gains_col_ideas}</th>
                    <th scope="col">{t.gains_targets_set}</th>
                    <th scope="col">{t.gains_targets_reached}</th>
                    <th scope="col">{t.gains_value_label}</th>
                    <th scope="col">{t.gains_cost_label}</th>
                </tr></thead>
                <tbody>
                    {if rows.is_empty() {
                        view! { <tr><td colspan="6">{t.gains_no_rows}</td></tr> }.into_any()
                    } else {
                        rows.into_iter().map(|row| view! {
                            <tr>
                                <th scope="row">{row.label.clone()}</th>
                                <td class="chart__number">{number(row.ideas as f64)}</td>
                                <td class="chart__number">{number(row.kpis as f64)}</td>
                                <td class="chart__number">{number(row.reached as f64)}</td>
                                <td class="chart__number">{number(row.expected_value_nok as f64)}</td>
                                <td class="chart__number">{number(row.estimated_cost_nok as f64)}</td>
                            </tr>
                        }).collect_view().into_any()
                    }}
                </tbody>
            </table>
        </div>
    }
}

/// The dashboard's filters: a plain GET form, so the address holds them.
#[component]
fn GainsFilterForm(dashboard: GainsDashboard) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let GainsFilter {
        focus_area,
        goal,
        department,
        year,
    } = dashboard.filter;
    view! {
        <form method="get" action="/admin/gains" class="search-form">
            <div class="ds-field">
                <label class="ds-label" for="gains-area" data-weight="medium">{t.gains_focus_area}</label>
                <select class="ds-input" id="gains-area" name="focus_area">
                    <option value="">{t.moderation_all}</option>
                    {FocusArea::ALL.into_iter().map(|area| view! {
                        <option value=area.as_str() selected=focus_area == Some(area)>{area.label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="gains-goal" data-weight="medium">{t.gains_goal}</label>
                <select class="ds-input" id="gains-goal" name="goal">
                    <option value="">{t.moderation_all}</option>
                    {dashboard.goals.iter().map(|found| view! {
                        <option value=found.id selected=goal == Some(found.id)>{found.label(locale, t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="gains-department" data-weight="medium">{t.gains_department}</label>
                <select class="ds-input" id="gains-department" name="department">
                    <option value="">{t.moderation_all}</option>
                    {dashboard.departments.iter().map(|found| view! {
                        <option value=found.id selected=department == Some(found.id)>{found.label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="gains-year" data-weight="medium">{t.gains_year}</label>
                <select class="ds-input" id="gains-year" name="year">
                    <option value="">{t.moderation_all}</option>
                    {dashboard.years.iter().map(|found| view! {
                        <option value=*found selected=year == Some(*found)>{found.to_string()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">{t.moderation_filter}</button>
        </form>
    }
}
