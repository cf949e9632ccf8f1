use leptos::prelude::*;

use crate::components::forms::{
    FormAlert, HoneypotField, IdempotencyKeyField, ReturnToField, TextField,
};
use crate::features::accounts::api::Register;
use crate::features::accounts::types::{
    ActorType, DISPLAY_NAME_MAX, EMAIL_MAX, ORGANISATION_MAX, PASSWORD_MAX,
};
use crate::i18n::{Messages, t};

pub fn actor_type_label(t: &'static Messages, actor: ActorType) -> &'static str {
    match actor {
        ActorType::Resident => t.actor_resident,
        ActorType::Business => t.actor_business,
        ActorType::Research => t.actor_research,
        ActorType::Volunteer => t.actor_volunteer,
        ActorType::SocialEntrepreneur => t.actor_social_entrepreneur,
        ActorType::Employee => t.actor_employee,
        ActorType::PublicBody => t.actor_public_body,
    }
}

#[component]
pub fn RegisterForm(return_to: Option<String>) -> impl IntoView {
    let t = t();
    let action = ServerAction::<Register>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let chosen_actor = move || {
        error
            .get()
            .and_then(|e| e.echoed("actor_type").map(str::to_owned))
            .unwrap_or_else(|| "resident".to_owned())
    };
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["display_name", "email", "password", "organisation"] />
            <IdempotencyKeyField />
            <ReturnToField return_to />
            <HoneypotField />
            <TextField id="register-display-name" name="display_name" label=t.field_display_name error
                hint=t.field_display_name_hint autocomplete="name" max_length=DISPLAY_NAME_MAX required=true />
            <TextField id="register-email" name="email" label=t.field_email error kind="email"
                autocomplete="email" max_length=EMAIL_MAX required=true />
            <TextField id="register-password" name="password" label=t.field_password error kind="password"
                hint=t.field_new_password_hint autocomplete="new-password" max_length=PASSWORD_MAX required=true />
            <div class="ds-field">
                <label class="ds-label" for="register-actor-type" data-weight="medium">{t.field_actor_type}</label>
                <select class="ds-input" id="register-actor-type" name="actor_type">
                    {move || {
                        let chosen = chosen_actor();
                        ActorType::ALL
                            .into_iter()
                            .map(|actor| view! {
                                <option value=actor.as_str() selected=chosen == actor.as_str()>{actor_type_label(t, actor)}</option>
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <TextField id="register-organisation" name="organisation" label=t.field_organisation error
                hint=t.field_organisation_hint autocomplete="organization" max_length=ORGANISATION_MAX />
            <button type="submit" class="ds-button" data-variant="primary">{t.register_submit}</button>
        </ActionForm>
    }
}
