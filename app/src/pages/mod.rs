//! Route-level views, composed from feature components.
mod accessibility;
mod admin;
mod challenges;
mod delete_account;
mod developers;
mod failed;
mod guides;
mod home;
mod ideas;
mod impact;
mod login;
mod me;
mod not_found;
mod notifications;
mod privacy;
mod prose;
mod register;
mod reset_password;
mod solutions;
mod unsubscribe;
mod verify_email;

pub use accessibility::AccessibilityPage;
pub use admin::{
    AdminAuditPage, AdminDepartmentsPage, AdminExportPage, AdminGainsPage, AdminGoalsPage,
    AdminModerationPage, AdminPage, AdminPartnersPage, AdminPipelinePage, AdminSettingsPage,
    AdminUsersPage,
};
pub use challenges::{ChallengePage, ChallengesPage, EditChallengePage, NewChallengePage};
pub use delete_account::DeleteAccountPage;
pub use developers::DevelopersPage;
pub use guides::{EditGuidePage, GuidePage, GuidesPage, NewGuidePage};
pub use home::HomePage;
pub use ideas::{
    CommentThreadPage, EditIdeaPage, IdeaBenefitsPage, IdeaPage, IdeasPage, NewIdeaPage,
};
pub use impact::ImpactPage;
pub use login::LoginPage;
pub use me::MePage;
pub use not_found::NotFoundPage;
pub use notifications::NotificationsPage;
pub use privacy::PrivacyPage;
pub use register::RegisterPage;
pub use reset_password::ResetPasswordPage;
pub use solutions::{EditSolutionPage, NewSolutionPage, SolutionPage, SolutionsPage};
pub use unsubscribe::UnsubscribePage;
pub use verify_email::VerifyEmailPage;
