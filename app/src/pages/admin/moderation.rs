use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, TextArea, TextField};
use crate::features::accounts::types::Role;
use crate::features::moderation::api::{SanctionAccount, load_moderation_queue, queue_anchor};
use crate::features::moderation::components::{DecisionButton, HiddenNotice, HideOrRestore};
use crate::features::moderation::types::{
    Item, QueueFilter, QueueItem, REASON_MAX, ReportReason, Restriction, Sanction, Waiting,
};
use crate::i18n::{fill, t, use_locale};
use crate::time::format_oslo;

/// `/admin/moderation`: reported items and items held for approval, oldest
/// first, with the decisions a moderator can take on each.
#[component]
pub fn AdminModerationPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let filter = QueueFilter::parse(
        query.get("kind").as_deref(),
        query.get("waiting").as_deref(),
        query.get("reason").as_deref(),
    );
    super::behind_gate(Role::Moderator, move |_viewer| {
        let page = Resource::new_blocking(
            {
                let filter = filter.clone();
                move || filter.clone()
            },
            |filter| {
                load_moderation_queue(
                    filter.kind,
                    filter.waiting.map(|waiting| match waiting {
                        Waiting::Approval => "approval".to_owned(),
                        Waiting::Reports => "reports".to_owned(),
                    }),
                    filter.reason.map(|reason| reason.as_str().to_owned()),
                )
            },
        );
        view! {
            <Title text=t.moderation_title />
            <div class="page page--wide">
                <h1 class="ds-heading" data-size="lg">{t.moderation_title}</h1>
                <p class="ds-paragraph">{t.moderation_lead}</p>
                <QueueFilters filter=filter.clone() />
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(page) if page.items.is_empty() => {
                                view! { <p class="ds-paragraph">{t.moderation_empty}</p> }.into_any()
                            }
                            Ok(page) => view! {
                                <ol class="queue-list">
                                    {page.items.into_iter().map(|item| view! { <QueueEntry item /> }).collect_view()}
                                </ol>
                                {page.more.then(|| view! { <p class="ds-paragraph">{t.moderation_more}</p> })}
                            }
                            .into_any(),
                            Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        }
    })
}

/// The queue's filters: a plain GET form, so the address holds them.
#[component]
fn QueueFilters(filter: QueueFilter) -> impl IntoView {
    let t = t();
    let kinds = Item::KINDS.map(|kind| {
        let label = Item::parse(kind, 0)
            .map(|item| item.label(t))
            .unwrap_or_default();
        (kind, label, filter.kind.as_deref() == Some(kind))
    });
    let waiting = [
        (
            "reports",
            t.moderation_waiting_reports,
            filter.waiting == Some(Waiting::Reports),
        ),
        (
            "approval",
            t.moderation_waiting_approval,
            filter.waiting == Some(Waiting::Approval),
        ),
    ];
    view! {
        <form method="get" action="/admin/moderation" class="search-form">
            <div class="ds-field">
                <label class="ds-label" for="queue-kind" data-weight="medium">{t.moderation_filter_kind}</label>
                <select class="ds-input" id="queue-kind" name="kind">
                    <option value="">{t.moderation_all}</option>
                    {kinds.into_iter().map(|(value, label, selected)| view! { <option value=value selected=selected>{label}</option> }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-waiting" data-weight="medium">{t.moderation_filter_waiting}</label>
                <select class="ds-input" id="queue-waiting" name="waiting">
                    <option value="">{t.moderation_all}</option>
                    {waiting.into_iter().map(|(value, label, selected)| view! { <option value=value selected=selected>{label}</option> }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="queue-reason" data-weight="medium">{t.moderation_filter_reason}</label>
                <select class="ds-input" id="queue-reason" name="reason">
                    <option value="">{t.moderation_all}</option>
                    {ReportReason::ALL.into_iter().map(|reason| view! {
                        <option value=reason.as_str() selected=filter.reason == Some(reason)>{reason.label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <button type="submit" class="ds-button" data-variant="secondary">{t.moderation_filter}</button>
        </form>
    }
}

/// One item: what it is, who wrote it, the reports, and the decisions.
#[component]
fn QueueEntry(item: QueueItem) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let subject = item.item;
    let anchor = queue_anchor(subject);
    let heading = format!("{anchor}-heading");
    let return_to = "/admin/moderation".to_owned();
    view! {
        <li class="queue-item ds-card" id=anchor.clone()>
            <h2 class="ds-heading" data-size="xs" id=heading.clone()>
                {subject.label(t)}": "
                {if item.path.is_empty() { view! { {item.title.clone()} }.into_any() } else { view! { <a class="ds-link" href=item.path.clone()>{item.title.clone()}</a> }.into_any() }}
            </h2>
            <p class="ds-paragraph" data-size="sm">
                {match item.waiting {
                    Waiting::Approval => t.moderation_waiting_approval,
                    Waiting::Reports => t.moderation_waiting_reports,
                }}
                " · "{t.moderation_since}" "<time datetime=item.since.to_rfc3339()>{format_oslo(item.since, locale)}</time>
                {item.author.clone().map(|(_, name)| view! { " · "{t.moderation_author}" "{name} })}
                {item.author_restriction.map(|restriction| view! { " · "<strong>{restriction_label(restriction, locale)}</strong> })}
            </p>
            {item.hidden.clone().map(|hidden| view! { <HiddenNotice hidden /> })}
            {(!item.body_html.is_empty()).then(|| view! { <blockquote class="prose queue-item__text" inner_html=item.body_html.clone()></blockquote> })}
            {(!item.reports.is_empty()).then(|| view! {
                <ul class="queue-item__reports">
                    {item.reports.iter().map(|report| view! {
                        <li>
                            <strong>{report.reason.label(t)}</strong>
                            {report.detail.clone().map(|detail| view! { ": "{detail} })}
                            " ("{format_oslo(report.at, locale)}")"
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <div class="queue-item__decisions">
                {(item.waiting == Waiting::Approval).then(|| view! { <DecisionButton item=subject decision="approve" label=t.moderation_approve primary=true return_to=return_to.clone() /> })}
                {subject.is_content().then(|| view! { <HideOrRestore item=subject hidden=item.hidden.clone() return_to=return_to.clone() /> })}
                {(!item.reports.is_empty()).then(|| view! { <DecisionButton item=subject decision="dismiss" label=t.moderation_dismiss primary=false return_to=return_to.clone() /> })}
                {item.author.clone().map(|(account_id, name)| view! {
                    <Sanctions account_id name restricted=item.author_restriction.is_some() />
                })}
            </div>
        </li>
    }
}

fn restriction_label(restriction: Restriction, locale: crate::i18n::Locale) -> String {
    let t = locale.messages();
    match restriction {
        Restriction::Banned => t.moderation_banned.to_owned(),
        Restriction::SuspendedUntil(until) => fill(
            t.moderation_suspended_until,
            &[("time", &format_oslo(until, locale))],
        ),
    }
}

/// Warn, suspend, ban, or lift: what a moderator does to the author.
#[component]
fn Sanctions(account_id: i64, name: String, restricted: bool) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SanctionAccount>::new();
    let error: Signal<_> = Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|error| error.echoed("account_id") == Some(account_id.to_string().as_str()))
    });
    let prefix = format!("sanction-{account_id}");
    let open = error.get_untracked().is_some();
    view! {
        <details class="comment-action" open=open>
            <summary class="ds-link">{fill(t.moderation_sanction_open, &[("name", &name)])}</summary>
            <ActionForm action attr:class="form" attr:novalidate=true>
                <FormAlert error fields=&["reason", "days"] />
                <input type="hidden" name="account_id" value=account_id />
                <input type="hidden" name="return_to" value="/admin/moderation" />
                <fieldset class="ds-fieldset">
                    <legend class="ds-label">{t.moderation_sanction}</legend>
                    {[
                        (Sanction::Warn(String::new()), t.moderation_warn),
                        (Sanction::Suspend { days: 0, reason: String::new() }, t.moderation_suspend),
                        (Sanction::Ban(String::new()), t.moderation_ban),
                    ].into_iter().enumerate().map(|(n, (sanction, label))| view! {
                        <label class="checkbox"><input type="radio" name="sanction" value=sanction.as_str() checked=n == 0 />" "{label}</label>
                    }).collect_view()}
                    {restricted.then(|| view! {
                        <label class="checkbox"><input type="radio" name="sanction" value="lift" />" "{t.moderation_lift}</label>
                    })}
                </fieldset>
                <TextField id=format!("{prefix}-days") name="days" label=t.moderation_days error hint=t.moderation_days_hint kind="number" value="7" />
                <TextArea id=format!("{prefix}-reason") name="reason" label=t.moderation_sanction_reason error hint=t.moderation_sanction_reason_hint max_length=REASON_MAX rows=2 />
                <button type="submit" class="ds-button" data-size="sm" data-variant="secondary">{t.moderation_sanction_send}</button>
            </ActionForm>
        </details>
    }
}
