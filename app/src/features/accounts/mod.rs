//! Accounts: registration, email verification, sign-in and sign-out.
//! Every rule lives in `service.rs`; `api.rs` only loads the request's
//! context, checks it and calls the service.
pub mod api;
#[cfg(feature = "ssr")]
pub mod authors;
pub mod components;
#[cfg(feature = "ssr")]
pub mod engagement_export;
#[cfg(feature = "ssr")]
pub mod known_addresses;
#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod profile;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
#[cfg(feature = "ssr")]
pub mod work_export;

/// The signed-in account of this request, as the session middleware found
/// it. Pages render on the server only, so in the browser this is `None`.
pub fn viewer() -> Option<types::Viewer> {
    #[cfg(feature = "ssr")]
    {
        crate::server::auth::viewer()
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// The longest `return_to` carried through sign-in; a longer one is dropped.
pub const RETURN_TO_MAX: usize = 1_000;

/// The sign-in page that brings the visitor back to `return_to` (a path on
/// this site) once signed in, so "Share an idea" or "Support" leads on to
/// where they were going instead of to `/me`.
pub fn sign_in_href(return_to: &str) -> String {
    format!(
        "/login?return_to={}",
        crate::text::percent_encode(return_to)
    )
}

/// The same for registering: the path travels on through the emailed
/// confirmation link.
pub fn register_href(return_to: &str) -> String {
    format!(
        "/register?return_to={}",
        crate::text::percent_encode(return_to)
    )
}

/// The `return_to` of this page's address, if it may be followed (a path
/// on this site), for the hidden field that carries it through a form.
pub fn requested_return_to() -> Option<String> {
    #[cfg(feature = "ssr")]
    {
        use leptos::prelude::GetUntracked as _;
        let query = leptos_router::hooks::use_query_map().get_untracked();
        crate::server::responses::safe_return_to(query.get("return_to"))
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
