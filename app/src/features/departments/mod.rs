//! The municipality's departments (virksomheter). Staff belong to them,
//! they own challenges, and they own ideas from review onwards.
//!
//! Admins add, rename, retire and restore them under `/admin/departments`.
//! A department is never deleted: a retired one stays by name on the ideas,
//! challenges and staff it is attached to, and is no longer offered where a
//! department is chosen (`select_options`); a server function refuses it
//! when it is sent by hand (`require_offered`).
pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
