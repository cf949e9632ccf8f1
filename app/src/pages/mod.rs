//! Route-level views, composed from feature components.
mod accessibility;
mod admin;
mod delete_account;
mod home;
mod login;
mod me;
mod not_found;
mod privacy;
mod prose;
mod register;
mod reset_password;
mod verify_email;

pub use accessibility::AccessibilityPage;
pub use admin::{AdminPage, AdminSettingsPage, AdminUsersPage};
pub use delete_account::DeleteAccountPage;
pub use home::HomePage;
pub use login::LoginPage;
pub use me::MePage;
pub use not_found::NotFoundPage;
pub use privacy::PrivacyPage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use verify_email::VerifyEmailPage;
