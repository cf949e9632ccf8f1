use leptos::prelude::*;
use leptos_meta::Title;

use super::id_in_path;
use crate::features::accounts::types::Role;
use crate::features::solutions::api::load_solution_editor;
use crate::features::solutions::components::SolutionEditForm;
use crate::i18n::t;
use crate::pages::admin::behind_gate;
use crate::pages::failed::failed_page;

/// `/solutions/{id}/edit`, staff's: change a draft, or publish the next
/// version of a published card.
#[component]
pub fn EditSolutionPage() -> impl IntoView {
    let t = t();
    let id = id_in_path();
    behind_gate(Role::Staff, move |_viewer| {
        let editor = Resource::new_blocking(move || id, |id| load_solution_editor(Some(id), None));
        view! {
            <Title text=t.solutions_edit />
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let editor = match editor.await {
                        Ok(editor) => editor,
                        Err(error) => return failed_page(error),
                    };
                    let title = editor.text.title.clone();
                    let lead = if editor.version > 0 { t.solutions_edit_lead_published } else { t.solutions_edit_lead_draft };
                    view! {
                        <div class="page page--form">
                            <p class="ds-paragraph" data-size="sm"><a class="ds-link" href=format!("/solutions/{id}")>{title}</a></p>
                            <h1 class="ds-heading" data-size="lg">{t.solutions_edit}</h1>
                            <p class="ds-paragraph">{lead}</p>
                            <SolutionEditForm editor />
                        </div>
                    }
                    .into_any()
                })}
            </Suspense>
        }
    })
}
