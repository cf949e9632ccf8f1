//! Accounts: registration, email verification, sign-in and sign-out.
//! Every rule lives in `service.rs`; `api.rs` only loads the request's
//! context, checks it and calls the service.
pub mod api;
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
