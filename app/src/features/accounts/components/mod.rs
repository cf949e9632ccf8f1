mod account_menu;
mod own_data_forms;
mod register_form;
mod reset_password_forms;
mod sign_in_form;
mod verify_email_form;

pub use account_menu::AccountMenu;
pub use own_data_forms::{ChangeEmailForm, ChangePasswordForm, DeleteAccountForm, ProfileForm};
pub use register_form::{RegisterForm, actor_type_label};
pub use reset_password_forms::{NewPasswordForm, RequestResetForm};
pub use sign_in_form::SignInForm;
pub use verify_email_form::VerifyEmailForm;
