//! Samskap's Leptos application. Compiled twice: for the server (`ssr`), where
//! every page is rendered to HTML, and to WebAssembly (`hydrate`), where only
//! the interactive islands come alive. Pages are mostly content and every form
//! works as a plain HTML post, so the browser bundle stays small (see README,
//! "Front-end weight").
#![recursion_limit = "256"]

pub mod charts;
pub mod components;
#[cfg(feature = "ssr")]
pub mod entities;
pub mod error;
pub mod features;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
mod shell;
pub mod stored;
pub mod text;
pub mod time;

pub use shell::{App, shell};

/// Entry point of the browser bundle: wakes up the islands on the page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
    // Lets browser tests (and curious readers of the DOM) see that the bundle ran.
    if let Some(root) = leptos::prelude::document().document_element() {
        let _ = root.set_attribute("data-hydrated", "true");
    }
}
