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
