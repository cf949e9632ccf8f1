use leptos::prelude::*;
use leptos_meta::Title;

use super::number_in_query;
use crate::features::accounts::types::Role;
use crate::features::solutions::api::load_solution_editor;
use crate::features::solutions::components::SolutionEditForm;
use crate::i18n::{fill, t};
use crate::pages::admin::behind_gate;
use crate::pages::failed::failed_page;

/// `/solutions/new`, staff's: a new draft card, written from scratch or
/// made from an idea that was tried (`?idea=12`, prefilled from it).
#[component]
pub fn NewSolutionPage() -> impl IntoView {
    let t = t();
    let idea = number_in_query::<i64>("idea");
    behind_gate(Role::Staff, move |_viewer| {
        let editor = Resource::new_blocking(move || idea, |idea| load_solution_editor(None, idea));
        view! {
            <Title text=t.solutions_new />
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let editor = match editor.await {
                        Ok(editor) => editor,
                        Err(error) => return failed_page(error),
                    };
                    let from = editor.idea.as_ref().map(|idea| {
                        fill(t.solutions_new_from_idea, &[("title", &idea.title)])
                    });
                    view! {
                        <div class="page page--form">
                            <p class="ds-paragraph" data-size="sm"><a class="ds-link" href="/solutions">{t.solutions_title}</a></p>
                            <h1 class="ds-heading" data-size="lg">{t.solutions_new}</h1>
                            <p class="ds-paragraph">{from.unwrap_or_else(|| t.solutions_new_lead.to_owned())}</p>
                            <SolutionEditForm editor />
                        </div>
                    }
                    .into_any()
                })}
            </Suspense>
        }
    })
}
