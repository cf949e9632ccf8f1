//! Ideas: what residents, businesses, researchers, volunteers and staff
//! post. Drafts, publishing, the author's edit window, photos, the lists
//! with their filters and search, and "steal first" suggestions. Every rule
//! lives in `service.rs`.
pub mod api;
pub mod components;
pub mod input;
pub mod listing;
#[cfg(feature = "ssr")]
pub mod photos;
#[cfg(feature = "ssr")]
pub mod ranking;
#[cfg(feature = "ssr")]
pub mod search;
#[cfg(feature = "ssr")]
pub mod service;
pub mod status;
pub mod types;
