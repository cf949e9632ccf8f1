//! Sharing between municipalities ("stjæl og del" between instances):
//! admins list partner instances at `/admin/partners`; staff search their
//! solution catalogues from `/solutions` and the idea form (a fan-out
//! with a short time limit per partner, answers kept for minutes, a
//! partner that does not answer named as unavailable), import a partner's
//! card as a local draft that keeps where it came from, and, once it is
//! published, tell the origin, which checks that the adopting page links
//! to its card before it shows "adopted by". Only listed hosts are ever
//! contacted (`server::outgoing`).
#[cfg(feature = "ssr")]
pub mod adoption;
pub mod api;
#[cfg(feature = "ssr")]
pub mod catalogue;
pub mod components;
#[cfg(feature = "ssr")]
pub mod import;
#[cfg(feature = "ssr")]
pub mod input;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
