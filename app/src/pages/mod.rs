//! Route-level views, composed from feature components.
mod accessibility;
mod home;
mod not_found;
mod privacy;
mod prose;

pub use accessibility::AccessibilityPage;
pub use home::HomePage;
pub use not_found::NotFoundPage;
pub use privacy::PrivacyPage;
