use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::accounts::types::Role;
use crate::features::audit::api::load_audit_log;
use crate::features::audit::types::{AuditAction, AuditEntry, AuditFilter};
use crate::i18n::{t, use_locale};
use crate::time::format_oslo;

/// `/admin/audit`: every moderator and admin action, newest first, by
/// action or by who acted, with the same rows as CSV.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let filter = AuditFilter::parse(
        query.get("action").as_deref(),
        query.get("actor").as_deref(),
    );
    let before = query.get("before").and_then(|id| id.parse::<i64>().ok());
    super::behind_gate(Role::Admin, move |_viewer| {
        let page = Resource::new_blocking(
            {
                let filter = filter.clone();
                move || (filter.clone(), before)
            },
            |(filter, before)| {
                load_audit_log(
                    filter.action.map(|action| action.as_str().to_owned()),
                    filter.actor,
                    before,
                )
            },
        );
        let actions: Vec<(String, String, bool)> = AuditAction::ALL
            .into_iter()
            .map(|action| {
                (
                    action.as_str().to_owned(),
                    action.label(t).to_owned(),
                    filter.action == Some(action),
                )
            })
            .collect();
        let query = filter.query();
        let csv = if query.is_empty() {
            "/admin/audit.csv".to_owned()
        } else {
            format!("/admin/audit.csv?{query}")
        };
        view! {
            <Title text=t.audit_title />
            <div class="page page--wide">
                <h1 class="ds-heading" data-size="lg">{t.audit_title}</h1>
                <p class="ds-paragraph">{t.audit_lead}</p>
                <form method="get" action="/admin/audit" class="search-form">
                    <div class="ds-field">
                        <label class="ds-label" for="audit-action" data-weight="medium">{t.audit_action}</label>
                        <select class="ds-input" id="audit-action" name="action">
                            <option value="">{t.audit_all_actions}</option>
                            {actions.into_iter().map(|(value, label, selected)| view! {
                                <option value=value selected=selected>{label}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="ds-field">
                        <label class="ds-label" for="audit-actor" data-weight="medium">{t.audit_actor}</label>
                        <input class="ds-input" id="audit-actor" name="actor" type="search" value=filter.actor.clone().unwrap_or_default() />
                    </div>
                    <button type="submit" class="ds-button" data-variant="secondary">{t.audit_filter}</button>
                </form>
                <p class="ds-paragraph"><a class="ds-link" href=csv download="samskap-audit.csv">{t.audit_download}</a></p>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || {
                        let query = query.clone();
                        Suspend::new(async move {
                            match page.await {
                                Ok(page) if page.entries.is_empty() => {
                                    view! { <p class="ds-paragraph">{t.audit_empty}</p> }.into_any()
                                }
                                Ok(page) => {
                                    let older = page.older.map(|older| {
                                        let separator = if query.is_empty() { "" } else { "&" };
                                        format!("/admin/audit?{query}{separator}before={older}")
                                    });
                                    view! {
                                        <AuditTable entries=page.entries />
                                        {older.map(|href| view! { <p class="ds-paragraph"><a class="ds-link" href=href>{t.audit_older}</a></p> })}
                                    }
                                    .into_any()
                                }
                                Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            </div>
        }
    })
}

#[component]
fn AuditTable(entries: Vec<AuditEntry>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.audit_title>
            <table class="audit-table">
                <thead>
                    <tr>
                        <th scope="col">{t.audit_when}</th>
                        <th scope="col">{t.audit_actor}</th>
                        <th scope="col">{t.audit_action}</th>
                        <th scope="col">{t.audit_subject}</th>
                        <th scope="col">{t.audit_detail}</th>
                    </tr>
                </thead>
                <tbody>
                    {entries.into_iter().map(|entry| {
                        let subject = entry.subject.map(|subject| {
                            let text = match subject.id() {
                                Some(id) => format!("{} {id}", subject.kind()),
                                None => subject.kind().to_owned(),
                            };
                            match subject.path() {
                                Some(path) => view! { <a class="ds-link" href=path>{text}</a> }.into_any(),
                                None => text.into_any(),
                            }
                        });
                        view! {
                            <tr>
                                <td><time datetime=entry.at.to_rfc3339()>{format_oslo(entry.at, locale)}</time></td>
                                <td>{entry.actor_name}</td>
                                <td>{entry.action.label(t)}</td>
                                <td>{subject}</td>
                                <td>{entry.detail}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
