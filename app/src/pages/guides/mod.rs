//! The method guides: the library at `/guides`, one guide at
//! `/guides/{slug}`, and staff's forms to add and edit them.
mod edit;
mod list;
mod new;
mod show;

pub use edit::EditGuidePage;
pub use list::GuidesPage;
pub use new::NewGuidePage;
pub use show::GuidePage;

use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The guide's address in the page's path.
fn slug_in_path() -> String {
    use_params_map()
        .get_untracked()
        .get("slug")
        .unwrap_or_default()
}

/// A revision number in the query's `name`, when it is one.
fn revision_in_query(name: &str) -> Option<i32> {
    use_query_map()
        .get_untracked()
        .get(name)
        .and_then(|value| value.parse().ok())
}
