//! The back office's front door: who may enter, and what they find.
use crate::features::accounts::types::{Role, Viewer};

/// The outcome of asking for a back-office page.
pub enum Gate {
    Enter(Viewer),
    /// Not signed in: the page sends the visitor to sign in.
    SignIn,
    /// Signed in without the role: the page says so (HTTP 403).
    Refuse,
}

/// Whether this request may see a page that needs `role`.
pub fn gate(role: Role) -> Gate {
    match crate::features::accounts::viewer() {
        None => Gate::SignIn,
        // An admin may do what every other role may.
        Some(viewer) if viewer.has_role(role) || viewer.has_role(Role::Admin) => {
            Gate::Enter(viewer)
        }
        Some(_) => Gate::Refuse,
    }
}

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
