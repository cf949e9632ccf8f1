use leptos::prelude::*;

use super::api::SetEmailChoice;
use super::types::{EmailChoice, NotificationView};
use crate::components::forms::FormAlert;
use crate::features::follows::components::FollowButton;
use crate::features::follows::types::Followed;
use crate::i18n::{t, use_locale};
use crate::time::format_oslo;

/// The notifications, newest first; those unread until now are marked new.
#[component]
pub fn NotificationList(items: Vec<NotificationView>) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    if items.is_empty() {
        return view! { <p class="ds-paragraph">{t.notifications_empty}</p> }.into_any();
    }
    view! {
        <ol class="notification-list">
            {items.into_iter().map(|item| view! {
                <li class="notification" data-unread=(!item.read).to_string()>
                    {(!item.read).then(|| view! { <span class="notification__new">{t.notification_new}</span>" " })}
                    <a class="ds-link" href=item.path()>{item.sentence(locale)}</a>
                    {item.response_excerpt.clone().map(|excerpt| view! {
                        <p class="ds-paragraph notification__response" data-size="sm">
                            <strong>{t.timeline_response}": "</strong>{excerpt}
                        </p>
                    })}
                    <p class="ds-paragraph" data-size="sm">
                        <time datetime=item.created_at.to_rfc3339()>{format_oslo(item.created_at, locale)}</time>
                    </p>
                </li>
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Immediately, a daily digest, or no email.
#[component]
pub fn EmailChoiceForm(current: EmailChoice) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SetEmailChoice>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <ActionForm action attr:class="form" attr:id="email-choice">
            <FormAlert error />
            <fieldset class="settings-group">
                <legend class="ds-heading" data-size="xs">{t.email_choice_legend}</legend>
                <p class="ds-paragraph" data-size="sm">{t.email_choice_hint}</p>
                {EmailChoice::ALL.into_iter().map(|choice| view! {
                    <label class="checkbox">
                        <input type="radio" name="choice" value=choice.as_str() checked=choice == current />
                        " "{choice.label(t)}
                    </label>
                }).collect_view()}
            </fieldset>
            <button type="submit" class="ds-button" data-variant="secondary">{t.email_choice_save}</button>
        </ActionForm>
    }
}

/// What the person follows, each with its unfollow button.
#[component]
pub fn FollowingList(following: Vec<Followed>) -> impl IntoView {
    let t = t();
    if following.is_empty() {
        return view! { <p class="ds-paragraph">{t.following_empty}</p> }.into_any();
    }
    view! {
        <ul class="following-list">
            {following.into_iter().map(|followed| view! {
                <li class="following-list__item">
                    <a class="ds-link" href=followed.subject.path()>{followed.title.clone()}</a>
                    <FollowButton subject=followed.subject following=true label=followed.title return_to="/notifications#following" />
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
