use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::forms::{FormAlert, SelectField, TextField};
use crate::features::accounts::types::Role;
use crate::features::admin::types::IdeaExport;
use crate::features::challenges::api::load_department_choices;
use crate::features::focus_area::FocusArea;
use crate::features::goals::api::load_goal_choices;
use crate::features::ideas::status::PublicStatus;
use crate::features::settings;
use crate::i18n::{t, use_locale};
use crate::pages::failed::failed_page;

/// The fields that show their own message.
const FIELDS: &[&str] = &[
    "status",
    "focus_area",
    "district",
    "department",
    "goal",
    "from",
    "to",
];

/// `/admin/export`, staff's: choose which ideas to download as CSV (status,
/// focus area, district, owner department, goal and publication days).
/// The form asks `/admin/ideas.csv` for the file; what it refuses comes
/// back here with its message at the field and the choices kept (422).
#[component]
pub fn AdminExportPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let refused = query
        .get("refused")
        .and_then(|_| IdeaExport::parse(|name| query.get(name)).err());
    let given = move |name: &str| query.get(name).unwrap_or_default();
    #[cfg(feature = "ssr")]
    if let Some(error) = &refused {
        crate::server::responses::set_page_status(error.status());
    }
    super::behind_gate(Role::Staff, move |_viewer| {
        let departments = Resource::new_blocking(|| (), |()| load_department_choices());
        let goals = Resource::new_blocking(|| (), |()| load_goal_choices());
        let error: Signal<_> = Signal::stored(refused);
        let locale = use_locale();
        let given = given.clone();
        view! {
            <Title text=t.export_title />
            <div class="page page--form">
                <h1 class="ds-heading" data-size="lg">{t.export_title}</h1>
                <p class="ds-paragraph">{t.export_lead}</p>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || {
                        let given = given.clone();
                        Suspend::new(async move {
                            let (departments, goals) = match (departments.await, goals.await) {
                                (Ok(departments), Ok(goals)) => (departments, goals),
                                (Err(error), _) | (_, Err(error)) => return failed_page(error),
                            };
                            let statuses = PublicStatus::all()
                                .map(|status| (status.get().as_str().to_owned(), status.get().label(t).to_owned()))
                                .collect();
                            let areas = FocusArea::ALL
                                .into_iter()
                                .map(|area| (area.as_str().to_owned(), area.label(t).to_owned()))
                                .collect();
                            let districts = settings::current()
                                .districts
                                .into_iter()
                                .map(|name| (name.clone(), name))
                                .collect();
                            let departments = departments
                                .iter()
                                .map(|found| (found.id.to_string(), found.label(t)))
                                .collect();
                            let goals = goals
                                .iter()
                                .map(|found| (found.id.to_string(), found.label(locale, t)))
                                .collect();
                            view! {
                                <form method="get" action="/admin/ideas.csv" class="form" novalidate>
                                    <FormAlert error fields=FIELDS />
                                    <SelectField id="export-status" name="status" label=t.idea_status error options=statuses empty=t.moderation_all value=given("status") />
                                    <SelectField id="export-focus-area" name="focus_area" label=t.gains_focus_area error options=areas empty=t.moderation_all value=given("focus_area") />
                                    <SelectField id="export-district" name="district" label=t.idea_district error options=districts empty=t.moderation_all value=given("district") />
                                    <SelectField id="export-department" name="department" label=t.gains_department error options=departments empty=t.moderation_all value=given("department") />
                                    <SelectField id="export-goal" name="goal" label=t.gains_goal error options=goals empty=t.moderation_all value=given("goal") />
                                    <TextField id="export-from" name="from" kind="date" label=t.export_from error value=given("from") />
                                    <TextField id="export-to" name="to" kind="date" label=t.export_to error value=given("to") />
                                    <button type="submit" class="ds-button" data-variant="primary">{t.export_download}</button>
                                </form>
                            }
                            .into_any()
                        })
                    }}
                </Suspense>
            </div>
        }
    })
}
