use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::accounts::types::Role;
use crate::features::departments::api::load_departments;
use crate::features::departments::components::{AddDepartmentForm, ChangeAlert, DepartmentCard};
use crate::features::departments::types::DepartmentRow;
use crate::i18n::t;

/// `/admin/departments`: admins add, rename, retire and restore the
/// municipality's departments. Rendered only when its data is ready (the
/// route is `SsrMode::Async`), so it works without JavaScript.
#[component]
pub fn AdminDepartmentsPage() -> impl IntoView {
    let t = t();
    let saved = use_query_map().get_untracked().get("saved").is_some();
    super::behind_gate(Role::Admin, move |_viewer| {
        let departments = Resource::new_blocking(|| (), |()| load_departments());
        view! {
            <Title text=t.departments_title />
            <div class="page page--form">
                <h1 class="ds-heading" data-size="lg">{t.departments_title}</h1>
                <p class="ds-paragraph">{t.departments_lead}</p>
                {saved.then(|| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
                <ChangeAlert />
                <AddDepartmentForm />
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match departments.await {
                            Ok(departments) => {
                                let (retired, active): (Vec<_>, Vec<_>) =
                                    departments.into_iter().partition(|found| found.retired_at.is_some());
                                view! {
                                    <DepartmentList heading_id="departments-active" heading=t.departments_active_title empty=t.departments_none departments=active />
                                    <DepartmentList heading_id="departments-retired" heading=t.departments_retired_title empty=t.departments_none_retired departments=retired />
                                }.into_any()
                            }
                            Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
    })
}

#[component]
fn DepartmentList(
    heading_id: &'static str,
    heading: &'static str,
    empty: &'static str,
    departments: Vec<DepartmentRow>,
) -> impl IntoView {
    view! {
        <section class="departments" aria-labelledby=heading_id>
            <h2 class="ds-heading" data-size="sm" id=heading_id>{heading}</h2>
            {if departments.is_empty() {
                view! { <p class="ds-paragraph">{empty}</p> }.into_any()
            } else {
                view! {
                    <ul class="department-list">
                        {departments.into_iter().map(|department| view! { <DepartmentCard department /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
