use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::components::error_message::ErrorText;
use crate::features::guides::api::load_guides;
use crate::features::guides::components::changed_on;
use crate::features::guides::types::GuideLibrary;
use crate::i18n::{t, use_locale};

/// `/guides`: the method guides, each with its summary, in the reader's
/// language; staff find the button to add one here.
#[component]
pub fn GuidesPage() -> impl IntoView {
    let t = t();
    let library = Resource::new_blocking(|| (), |()| load_guides());
    view! {
        <Title text=t.guides_title />
        <Meta name="description" content=t.guides_lead />
        <div class="page guides">
            <h1 class="ds-heading" data-size="lg">{t.guides_title}</h1>
            <p class="ds-paragraph">{t.guides_lead}</p>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    match library.await {
                        Ok(library) => view! { <GuideList library /> }.into_any(),
                        Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

#[component]
fn GuideList(library: GuideLibrary) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let add = library.can_edit.then(|| {
        view! { <p><a class="ds-button" data-variant="secondary" href="/guides/new">{t.guides_new}</a></p> }
    });
    let mut guides = library.guides;
    guides.sort_by_key(|guide| guide.title.get(locale).to_lowercase());
    let list = if guides.is_empty() {
        view! { <p class="ds-paragraph">{t.guides_none}</p> }.into_any()
    } else {
        view! {
            <ul class="guide-list">
                {guides.into_iter().map(|guide| view! {
                    <li class="ds-card guide-card">
                        <h2 class="ds-heading" data-size="xs">
                            <a class="ds-link" href=format!("/guides/{}", guide.slug)>{guide.title.get(locale).to_owned()}</a>
                        </h2>
                        <p class="ds-paragraph">{guide.summary.get(locale).to_owned()}</p>
                        <p class="ds-paragraph" data-size="sm">{changed_on(guide.changed_at, locale)}</p>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! { {add} {list} }
}
