use leptos::prelude::*;
use leptos_meta::Title;

use super::{revision_in_query, slug_in_path};
use crate::features::accounts::types::Role;
use crate::features::guides::api::load_guide_editor;
use crate::features::guides::components::{EditGuideForm, GuideHistory};
use crate::i18n::{t, use_locale};
use crate::pages::admin::behind_gate;
use crate::pages::failed::failed_page;

/// `/guides/{slug}/edit`, staff's: save a new revision of a guide, from
/// the newest or from an older one (`?from=2`), with the history below.
#[component]
pub fn EditGuidePage() -> impl IntoView {
    let t = t();
    let slug = slug_in_path();
    let from = revision_in_query("from");
    behind_gate(Role::Staff, move |_viewer| {
        let editor = Resource::new_blocking(
            move || (slug.clone(), from),
            |(slug, from)| load_guide_editor(slug, from),
        );
        view! {
            <Title text=t.guides_edit />
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let editor = match editor.await {
                        Ok(editor) => editor,
                        Err(error) => return failed_page(error),
                    };
                    let locale = use_locale();
                    let slug = editor.slug.clone();
                    let title = editor.text.title.get(locale).to_owned();
                    let history = editor.history.clone();
                    view! {
                        <div class="page page--form">
                            <p class="ds-paragraph" data-size="sm">
                                <a class="ds-link" href=format!("/guides/{slug}")>{title}</a>
                            </p>
                            <h1 class="ds-heading" data-size="lg">{t.guides_edit}</h1>
                            <p class="ds-paragraph">{t.guides_edit_lead}</p>
                            <EditGuideForm editor />
                            <GuideHistory slug history />
                        </div>
                    }
                    .into_any()
                })}
            </Suspense>
        }
    })
}
