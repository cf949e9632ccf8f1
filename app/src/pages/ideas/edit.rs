use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::forms::FormAlert;
use crate::features::ideas::api::{
    DiscardDraft, PublishIdea, load_idea_editor, load_idea_form_choices,
};
use crate::features::ideas::components::{IdeaFormView, IdeaMeta, PhotoManager, SimilarIdeasList};
use crate::features::ideas::status::IdeaStatus;
use crate::features::partners::components::PartnerResultsSection;
use crate::features::solutions::components::SimilarSolutionsList;
use crate::i18n::{fill, t, use_locale};
use crate::pages::failed::{failed_page, resource_for_id};
use crate::time::format_oslo;

/// `/ideas/{id}/edit`, the author's own: the preview step after saving. It
/// shows similar existing ideas ("steal first") before publishing, how the
/// idea will look, its photos, and the text to change.
#[component]
pub fn EditIdeaPage() -> impl IntoView {
    let t = t();
    let editor = resource_for_id(load_idea_editor);
    let choices = Resource::new_blocking(|| (), |()| load_idea_form_choices());
    view! {
        <Title text=t.idea_edit_title />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (editor, choices) = match (editor.await, choices.await) {
                    (Ok(editor), Ok(choices)) => (editor, choices),
                    (Err(error), _) | (_, Err(error)) => return failed_page(error),
                };
                let idea = editor.idea.clone();
                let card = idea.card.clone();
                let id = card.id;
                let draft = card.status == IdeaStatus::Draft;
                let publish = ServerAction::<PublishIdea>::new();
                let publish_error: Signal<_> = Signal::derive(move || publish.value().get().and_then(Result::err));
                let discard = ServerAction::<DiscardDraft>::new();
                let locale = use_locale();
                view! {
                    <div class="page page--form">
                        <h1 class="ds-heading" data-size="lg">{t.idea_edit_title}</h1>
                        {if draft {
                            view! { <p class="ds-paragraph">{t.idea_preview_lead}</p> }.into_any()
                        } else {
                            view! {
                                <p class="ds-paragraph">
                                    {idea.viewer.edit_until.map(|until| fill(t.idea_edit_until, &[("time", &format_oslo(until, locale))]))}
                                    " "<a class="ds-link" href=format!("/ideas/{id}")>{t.idea_back_to_idea}</a>
                                </p>
                            }.into_any()
                        }}
                        <SimilarIdeasList similar=editor.similar.clone() />
                        <SimilarSolutionsList solutions=editor.similar_solutions.clone() />
                        <PartnerResultsSection results=editor.partner_solutions.clone() />
                        <section class="ds-card idea-preview" aria-labelledby="preview-heading">
                            <h2 class="ds-heading" data-size="sm" id="preview-heading">{t.idea_preview_title}</h2>
                            <p class="ds-heading" data-size="xs">{card.title.clone()}</p>
                            <IdeaMeta idea=card.clone() />
                            <p class="ds-paragraph"><strong>{card.summary.clone()}</strong></p>
                            <div class="prose" inner_html=idea.body_html.clone()></div>
                        </section>
                        <PhotoManager idea_id=id photos=idea.photos.clone() />
                        {draft.then(|| view! {
                            <section aria-labelledby="publish-heading" class="publish-step">
                                <h2 class="ds-heading" data-size="sm" id="publish-heading">{t.idea_publish_title}</h2>
                                <p class="ds-paragraph">{t.idea_publish_lead}</p>
                                <ActionForm action=publish attr:class="form">
                                    <FormAlert error=publish_error />
                                    <input type="hidden" name="idea_id" value=id />
                                    <button type="submit" class="ds-button">{t.idea_publish}</button>
                                </ActionForm>
                            </section>
                        })}
                        <section aria-labelledby="text-heading">
                            <h2 class="ds-heading" data-size="sm" id="text-heading">{t.idea_change_text}</h2>
                            <IdeaFormView form=editor.form.clone() idea_id=Some(id) choices />
                        </section>
                        {draft.then(|| view! {
                            <ActionForm action=discard attr:class="form">
                                <input type="hidden" name="idea_id" value=id />
                                <button type="submit" class="ds-button" data-variant="tertiary">{t.idea_discard}</button>
                            </ActionForm>
                        })}
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
