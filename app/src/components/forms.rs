use leptos::prelude::*;

/// The hidden field that makes a form's submission act once, however many
/// times it is sent (see `server::idempotency`). The key is made when the
/// server renders the form, so every fresh form gets a fresh key.
/// The honeypot of a public form: a field people never see, hear or reach
/// with the keyboard, which form-filling scripts fill in (the server then
/// refuses the post, `server::anti_abuse::honeypot`).
#[component]
pub fn HoneypotField() -> impl IntoView {
    view! {
        <div class="honeypot" aria-hidden="true">
            <label>"Website" <input type="text" name="website" tabindex="-1" autocomplete="off" value="" /></label>
        </div>
    }
}

/// Where the visitor goes once the form has done its work (sign-in,
/// registration, the emailed confirmation): a path on this site, checked
/// again by the server function.
#[component]
pub fn ReturnToField(return_to: Option<String>) -> impl IntoView {
    return_to.map(|path| view! { <input type="hidden" name="return_to" value=path /> })
}

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

/// The error a plain form post to server function `S` came back with (the
/// browser was sent back to the page with it in the address). For forms
/// that cannot use `ServerAction`, such as multipart uploads.
pub fn returned_error<S>() -> FormError
where
    S: server_fn::ServerFn<Error = crate::error::AppError>,
{
    let error = use_context::<ServerActionError>()
        .filter(|error| error.path() == S::PATH)
        .map(|error| {
            server_fn::error::ServerFnUrlError::<crate::error::AppError>::decode_err(error.err())
        });
    Signal::stored(error)
}

/// A labelled text input in Designsystemet's markup. When the form comes
/// back rejected it shows its own message (if the error is about it) and
/// the value that was typed (unless it is a secret).
#[component]
pub fn TextField(
    /// Unique on the page: `<form>-<name>`.
    #[prop(into)]
    id: String,
    name: &'static str,
    /// Most labels are fixed sentences; one may carry a unit ("Value (days)").
    #[prop(into)]
    label: std::borrow::Cow<'static, str>,
    error: FormError,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] max_length: Option<usize>,
    #[prop(optional)] required: bool,
    /// What the field holds when the form is first shown (an edit form).
    #[prop(optional, into)]
    value: Option<String>,
) -> impl IntoView {
    let field = FieldIds::new(&id, hint, error, name);
    let value = field.value(&value.unwrap_or_default());
    let control = view! {
        <input
            class="ds-input"
            id=id.clone()
            name=name
            type=kind
            value=value
            autocomplete=autocomplete
            maxlength=max_length
            required=required
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        />
    };
    field.frame(id, label, control)
}

/// A labelled multi-line text (Markdown bodies and the like).
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    error: FormError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] max_length: Option<usize>,
    #[prop(optional)] required: bool,
    #[prop(default = 8)] rows: u32,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let field = FieldIds::new(&id, hint, error, name);
    let value = field.value(&value.unwrap_or_default());
    let control = view! {
        <textarea
            class="ds-input"
            id=id.clone()
            name=name
            rows=rows
            maxlength=max_length
            required=required
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        >{value}</textarea>
    };
    field.frame(id, label, control)
}

/// A labelled file chooser; on a phone it offers the camera too.
#[component]
pub fn FileField(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    error: FormError,
    /// Which files, as `<input accept>` takes them.
    accept: &'static str,
    #[prop(optional)] multiple: bool,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let field = FieldIds::new(&id, hint.as_deref(), error, name);
    let control = view! {
        <input
            class="ds-input"
            id=id.clone()
            name=name
            type="file"
            accept=accept
            multiple=multiple
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        />
    };
    field.frame(id, label, control)
}

/// A labelled drop-down. `options` are (value, label) pairs; `empty` adds a
/// first option with no value (for optional choices).
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    error: FormError,
    options: Vec<(String, String)>,
    #[prop(optional)] empty: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] value: Option<String>,
) -> impl IntoView {
    let field = FieldIds::new(&id, hint, error, name);
    let chosen = field.value(&value.unwrap_or_default());
    let control = view! {
        <select
            class="ds-input"
            id=id.clone()
            name=name
            required=required
            aria-invalid=field.invalid()
            aria-describedby=field.described_by()
        >
            {empty.map(|label| view! { <option value="">{label}</option> })}
            {options.into_iter().map(|(value, label)| {
                let selected = value == chosen;
                view! { <option value=value selected=selected>{label}</option> }
            }).collect_view()}
        </select>
    };
    field.frame(id, label, control)
}

/// The ids and error wiring every labelled field shares: its hint and
/// message ids, whether the form's error is about it, and the value to show.
#[derive(Clone)]
struct FieldIds {
    name: &'static str,
    hint: Option<String>,
    hint_id: String,
    message_id: String,
    error: FormError,
}

impl FieldIds {
    fn new(id: &str, hint: Option<&str>, error: FormError, name: &'static str) -> Self {
        Self {
            name,
            hint: hint.map(str::to_owned),
            hint_id: format!("{id}-hint"),
            message_id: format!("{id}-message"),
            error,
        }
    }

    /// Designsystemet's field: the label, the hint, the control, and the
    /// message when the form came back with an error about this field.
    fn frame(
        self,
        id: String,
        label: impl Into<std::borrow::Cow<'static, str>>,
        control: impl IntoView,
    ) -> impl IntoView {
        let label = label.into();
        let hint = self.hint.clone().map(|hint| {
            view! { <p class="ds-paragraph field-hint" data-size="sm" id=self.hint_id.clone()>{hint}</p> }
        });
        view! {
            <div class="ds-field">
                <label class="ds-label" for=id data-weight="medium">{label}</label>
                {hint}
                {control}
                {self.message()}
            </div>
        }
    }

    fn problem(&self) -> Option<crate::error::AppError> {
        let name = self.name;
        self.error.get().filter(|error| error.field() == Some(name))
    }

    fn invalid(&self) -> impl Fn() -> Option<&'static str> + Send + Sync + 'static + use<> {
        let field = self.clone();
        move || field.problem().map(|_| "true")
    }

    fn described_by(&self) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
        let field = self.clone();
        move || {
            let mut ids = Vec::new();
            if field.hint.is_some() {
                ids.push(field.hint_id.clone());
            }
            if field.problem().is_some() {
                ids.push(field.message_id.clone());
            }
            Some(ids.join(" ")).filter(|ids| !ids.is_empty())
        }
    }

    /// The echoed value of a rejected form, else `initial`.
    fn value(&self, initial: &str) -> String {
        self.error
            .get_untracked()
            .and_then(|error| error.echoed(self.name).map(str::to_owned))
            .unwrap_or_else(|| initial.to_owned())
    }

    fn message(&self) -> impl IntoView + use<> {
        let field = self.clone();
        move || {
            field.problem().map(|error| view! {
                <p class="ds-validation-message" data-field="validation" id=field.message_id.clone()>
                    <crate::components::error_message::ErrorText error />
                </p>
            })
        }
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
