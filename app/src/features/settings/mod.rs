//! The municipality's settings, kept as data so one Samskap serves any
//! municipality: its name, brand colour and logo, its districts and every
//! threshold. Admins edit them under `/admin/settings`; its departments
//! have a page of their own (`features::departments`).
pub mod api;
#[cfg(feature = "ssr")]
pub mod changes;
pub mod components;
#[cfg(feature = "ssr")]
pub mod kept;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;

/// The settings of this request, as the server's middleware loaded them.
/// Pages render on the server only, so in the browser these are the defaults.
pub fn current() -> types::Settings {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|parts| parts.extensions.get::<types::Settings>().cloned())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        types::Settings::default()
    }
}
