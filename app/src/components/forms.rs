use leptos::prelude::*;

/// The hidden field that makes a form's submission act once, however many
/// times it is sent (see `server::idempotency`). The key is made when the
/// server renders the form, so every fresh form gets a fresh key.
#[component]
pub fn IdempotencyKeyField() -> impl IntoView {
    view! { <input type="hidden" name="idempotency_key" value=new_key() /> }
}

fn new_key() -> String {
    #[cfg(feature = "ssr")]
    {
        uuid::Uuid::new_v4().to_string()
    }
    // Forms are rendered on the server; an island that re-renders one keeps
    // the server's value through hydration.
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// The error a form's last submission got, as a signal fields can read.
pub type FormError = Signal<Option<crate::error::AppError>>;

/// A labelled text input in Designsystemet's markup. When the form comes
/// back rejected it shows its own message (if the error is about it) and
/// the value that was typed (unless it is a secret).
#[component]
pub fn TextField(
    /// Unique on the page: `<form>-<name>`.
    id: &'static str,
    name: &'static str,
    label: &'static str,
    error: FormError,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] max_length: Option<usize>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let message_id = format!("{id}-message");
    let problem = move || error.get().filter(|error| error.field() == Some(name));
    let described_by = {
        let (hint_id, message_id) = (hint_id.clone(), message_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if problem().is_some() {
                ids.push(message_id.clone());
            }
            Some(ids.join(" ")).filter(|ids| !ids.is_empty())
        }
    };
    let value = move || {
        error
            .get()
            .and_then(|error| error.echoed(name).map(str::to_owned))
            .unwrap_or_default()
    };
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id data-weight="medium">{label}</label>
            {hint.map(|hint| view! { <p class="ds-paragraph field-hint" data-size="sm" id=hint_id.clone()>{hint}</p> })}
            <input
                class="ds-input"
                id=id
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                maxlength=max_length
                required=required
                aria-invalid=move || problem().map(|_| "true")
                aria-describedby=described_by
            />
            {move || problem().map(|error| view! {
                <p class="ds-validation-message" data-field="validation" id=message_id.clone()>
                    <crate::components::error_message::ErrorText error />
                </p>
            })}
        </div>
    }
}

/// The message at the top of a rejected form, announced to screen readers.
/// When the error belongs to one of `fields` (which show their own message)
/// it says that the form has errors; otherwise (too many attempts, a wrong
/// password, an expired link) it says what went wrong.
#[component]
pub fn FormAlert(
    error: FormError,
    #[prop(optional)] fields: &'static [&'static str],
) -> impl IntoView {
    move || {
        error.get().map(|error| {
            let about_a_field = error.field().is_some_and(|field| fields.contains(&field));
            view! {
                <div class="ds-alert" data-color="danger" role="alert">
                    {if about_a_field {
                        crate::i18n::t().form_has_errors.into_any()
                    } else {
                        view! { <crate::components::error_message::ErrorText error /> }.into_any()
                    }}
                </div>
            }
        })
    }
}
