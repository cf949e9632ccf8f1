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
    gate_where(|viewer| viewer.has_role(role))
}

/// Whether this request may see a page for any role holder: the back
/// office's front page, which lists what each role opens.
pub fn gate_any_role() -> Gate {
    gate_where(|viewer| !viewer.roles.is_empty())
}

fn gate_where(may_enter: impl FnOnce(&Viewer) -> bool) -> Gate {
    match crate::features::accounts::viewer() {
        None => Gate::SignIn,
        // An admin may do what every other role may.
        Some(viewer) if viewer.has_role(Role::Admin) || may_enter(&viewer) => Gate::Enter(viewer),
        Some(_) => Gate::Refuse,
    }
}

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod idea_export;
#[cfg(feature = "ssr")]
pub mod service;
pub mod types;
