//! The admin's partner list and form, and the partners' answers to a
//! search on `/solutions`, each card with its import button.

use leptos::prelude::*;

use super::api::{AddPartner, ImportSolution, RemovePartner};
use super::types::{ADDRESS_MAX, NAME_MAX, Partner, PartnerAnswer, PartnerResults};
use crate::components::forms::{FormAlert, IdempotencyKeyField, TextField};
use crate::i18n::{fill, t};

/// Lists a partner instance by name and address.
#[component]
pub fn AddPartnerForm() -> impl IntoView {
    let t = t();
    let action = ServerAction::<AddPartner>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="partner-add-heading">
            <h2 class="ds-heading" data-size="sm" id="partner-add-heading">{t.partners_add_title}</h2>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["name", "base_url"] />
                <IdempotencyKeyField />
                <TextField id="partner-name" name="name" label=t.partners_name error max_length=NAME_MAX required=true />
                <TextField id="partner-address" name="base_url" label=t.partners_address error hint=t.partners_address_hint kind="url" max_length=ADDRESS_MAX required=true />
                <button type="submit" class="ds-button" data-variant="primary">{t.partners_add}</button>
            </ActionForm>
        </section>
    }
}

/// The partners, each with its remove button.
#[component]
pub fn PartnerList(partners: Vec<Partner>) -> impl IntoView {
    let t = t();
    let action = ServerAction::<RemovePartner>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section aria-labelledby="partner-list-heading">
            <h2 class="ds-heading" data-size="sm" id="partner-list-heading">{t.partners_list_title}</h2>
            <FormAlert error />
            {if partners.is_empty() {
                view! { <p class="ds-paragraph">{t.partners_none}</p> }.into_any()
            } else {
                view! {
                    <ul class="department-list">
                        {partners.into_iter().map(|partner| {
                            let label = fill(t.partners_remove_named, &[("name", &partner.name)]);
                            view! {
                                <li class="ds-card department-card">
                                    <p class="ds-paragraph"><strong>{partner.name}</strong><br /><code>{partner.base_url}</code></p>
                                    <ActionForm action attr:class="form form--inline">
                                        <input type="hidden" name="partner_id" value=partner.id />
                                        <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-label=label>{t.partners_remove}</button>
                                    </ActionForm>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// What the partners' catalogues hold for a search, for staff: each
/// partner's cards with an import button, or that it did not answer.
#[component]
pub fn PartnerResultsSection(results: Vec<PartnerResults>) -> impl IntoView {
    let t = t();
    let action = ServerAction::<ImportSolution>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    (!results.is_empty()).then(|| view! {
        <section class="partner-results" aria-labelledby="partner-results-heading">
            <h2 class="ds-heading" data-size="sm" id="partner-results-heading">{t.partners_results_title}</h2>
            <p class="ds-paragraph" data-size="sm">{t.partners_results_lead}</p>
            <FormAlert error fields=&["partner_id"] />
            {results.into_iter().map(|PartnerResults { partner, answer }| {
                let body = match answer {
                    PartnerAnswer::Unavailable => view! {
                        <p class="ds-paragraph">{t.partners_unavailable}</p>
                    }.into_any(),
                    PartnerAnswer::Found(cards) if cards.is_empty() => view! {
                        <p class="ds-paragraph">{t.partners_nothing_found}</p>
                    }.into_any(),
                    PartnerAnswer::Found(cards) => view! {
                        <ul class="partner-results__list">
                            {cards.into_iter().map(|card| {
                                let label = fill(t.partners_import_named, &[("title", &card.title)]);
                                view! {
                                    <li>
                                        <a class="ds-link" href=card.url.clone() rel="noopener noreferrer">{card.title.clone()}</a>
                                        <ActionForm action attr:class="form form--inline">
                                            <IdempotencyKeyField />
                                            <input type="hidden" name="partner_id" value=partner.id />
                                            <input type="hidden" name="remote_id" value=card.id />
                                            <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-label=label>{t.partners_import}</button>
                                        </ActionForm>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                };
                view! {
                    <div class="partner-results__partner">
                        <h3 class="ds-heading" data-size="xs">{partner.name.clone()}</h3>
                        {body}
                    </div>
                }
            }).collect_view()}
        </section>
    })
}
