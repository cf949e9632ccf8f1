//! The back office pages under `/admin`.
mod audit;
mod departments;
mod export;
mod gains;
mod goals;
mod index;
mod moderation;
mod partners;
mod pipeline;
mod refused;
mod settings;
mod users;

pub use audit::AdminAuditPage;
pub use departments::AdminDepartmentsPage;
pub use export::AdminExportPage;
pub use gains::AdminGainsPage;
pub use goals::AdminGoalsPage;
pub use index::AdminPage;
pub use moderation::AdminModerationPage;
pub use partners::AdminPartnersPage;
pub use pipeline::AdminPipelinePage;
pub use settings::AdminSettingsPage;
pub use users::AdminUsersPage;

use leptos::prelude::*;

use crate::features::accounts::types::{Role, Viewer};
use crate::features::admin::{Gate, gate};

/// Renders `page` for a viewer with `role`; sends the signed-out to sign in
/// and tells everyone else they have no access (403).
pub(crate) fn behind_gate<V: IntoView + 'static>(
    role: Role,
    page: impl FnOnce(Viewer) -> V,
) -> AnyView {
    behind(gate(role), page)
}

fn behind<V: IntoView + 'static>(gate: Gate, page: impl FnOnce(Viewer) -> V) -> AnyView {
    match gate {
        Gate::Enter(viewer) => page(viewer).into_any(),
        Gate::SignIn => {
            #[cfg(feature = "ssr")]
            crate::server::responses::redirect_to_sign_in();
            ().into_any()
        }
        Gate::Refuse => view! { <refused::Refused /> }.into_any(),
    }
}
