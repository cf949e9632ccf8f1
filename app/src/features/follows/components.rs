use leptos::prelude::*;

use super::api::SetFollow;
use super::types::Subject;
use crate::components::forms::FormAlert;
use crate::i18n::t;

/// "Follow" or "Unfollow" for an idea or a challenge, as a plain form that
/// comes back to the same place. `return_to` names another page to come
/// back to (the list on `/notifications`).
#[component]
pub fn FollowButton(
    subject: Subject,
    following: bool,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional)] return_to: Option<&'static str>,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SetFollow>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let text = if following { t.unfollow } else { t.follow };
    view! {
        <ActionForm action attr:class="follow-form">
            <FormAlert error />
            <input type="hidden" name="subject" value=subject.kind() />
            <input type="hidden" name="subject_id" value=subject.id() />
            <input type="hidden" name="follow" value=(!following).to_string() />
            {return_to.map(|path| view! { <input type="hidden" name="return_to" value=path /> })}
            <button type="submit" class="ds-button" data-variant="secondary" data-size="sm">
                {text}
                {label.map(|label| view! { <span class="ds-sr-only">": "{label}</span> })}
            </button>
        </ActionForm>
    }
}
