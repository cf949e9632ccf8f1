use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use super::{revision_in_query, slug_in_path};
use crate::features::guides::api::load_guide;
use crate::features::guides::components::changed_on;
use crate::features::guides::types::GuideView;
use crate::i18n::{fill, t, use_locale};
use crate::pages::failed::{failed_page, saved_note};

/// `/guides/{slug}`: one method guide in the reader's language. Staff may
/// read an older revision (`?revision=3`), marked as such, and find the
/// edit form from here.
#[component]
pub fn GuidePage() -> impl IntoView {
    let t = t();
    let slug = slug_in_path();
    let revision = revision_in_query("revision");
    let saved = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("saved")
        .is_some();
    let guide = Resource::new_blocking(
        move || (slug.clone(), revision),
        |(slug, revision)| load_guide(slug, revision),
    );
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match guide.await {
                    Ok(guide) => view! {
                        {saved.then(|| saved_note(t.guides_saved))}
                        <GuideArticle guide />
                    }.into_any(),
                    Err(error) => failed_page(error),
                }
            })}
        </Suspense>
    }
}

#[component]
fn GuideArticle(guide: GuideView) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let title = guide.title.get(locale).to_owned();
    let summary = guide.summary.get(locale).to_owned();
    // A guide not yet translated is read in bokmål, and marked so.
    let untranslated = guide.in_bokmal;
    let older = (guide.number != guide.newest).then(|| {
        let number = guide.number.to_string();
        let newest = guide.newest.to_string();
        view! {
            <div class="ds-alert" data-color="warning">
                <p>
                    {fill(t.guides_old_version, &[("number", &number), ("newest", &newest)])}" "
                    <a class="ds-link" href=format!("/guides/{}", guide.slug)>{t.guides_read_newest}</a>
                </p>
            </div>
        }
    });
    let edit = guide.can_edit.then(|| {
        view! { <p><a class="ds-button" data-variant="secondary" href=format!("/guides/{}/edit", guide.slug)>{t.guides_edit}</a></p> }
    });
    view! {
        <Title text=title.clone() />
        <Meta name="description" content=summary.clone() />
        <article class="page guide">
            <p class="ds-paragraph" data-size="sm"><a class="ds-link" href="/guides">{t.guides_title}</a></p>
            <h1 class="ds-heading" data-size="lg">{title}</h1>
            {older}
            <p class="ds-paragraph guide__summary" data-size="lg">{summary}</p>
            <p class="ds-paragraph" data-size="sm">{changed_on(guide.changed_at, locale)}</p>
            {untranslated.then(|| view! { <p class="ds-paragraph" data-size="sm">{t.guides_in_bokmal}</p> })}
            {edit}
            <div class="prose" lang=untranslated.then_some("nb") inner_html=guide.html></div>
        </article>
    }
}
