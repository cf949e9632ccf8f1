//! Server functions for accounts: each loads the request's context, checks
//! it, and hands plain values to `service.rs`.

// A server function's arguments are its form's fields; the registration
// form has eight. (The lint also fires on the browser's generated client
// code, where an attribute on the function does not reach.)
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

#[server(endpoint = "accounts/register")]
pub async fn register(
    display_name: String,
    email: String,
    password: String,
    actor_type: String,
    organisation: String,
    idempotency_key: String,
    website: Option<String>,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use super::service::{self, Registration};
    use super::types::{
        ActorType, EmailAddress, NewPassword, parse_display_name, parse_organisation,
    };
    use crate::server::{app_state, auth, idempotency};

    let typed = serde_json::json!({
        "display_name": display_name, "email": email, "actor_type": actor_type, "organisation": organisation,
    });
    let keep = |error: AppError| error.keeping(&typed);
    crate::server::anti_abuse::honeypot(website.as_deref())?;
    let display_name = parse_display_name(&display_name).map_err(keep)?;
    let email = EmailAddress::parse("email", &email).map_err(keep)?;
    let password = NewPassword::parse("password", &password, &email).map_err(keep)?;
    let actor_type = ActorType::parse(&actor_type).map_err(keep)?;
    let organisation = parse_organisation(&organisation).map_err(keep)?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;

    let state = app_state()?;
    let registration = Registration {
        email,
        password,
        display_name,
        actor_type,
        organisation,
        locale: crate::i18n::use_locale(),
        return_to: crate::server::responses::safe_return_to(return_to),
    };
    let client_address = auth::client_address_key();
    idempotency::run_once(&state.db, &key, "accounts/register", || async {
        service::register(&state.db, registration, &client_address, &state.public_url).await
    })
    .await?;
    crate::server::responses::redirect("/verify-email");
    Ok(())
}

#[server(endpoint = "accounts/verify-email")]
pub async fn confirm_email(
    token: String,
    idempotency_key: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::server::idempotency::{IdempotencyKey, run_once};

    let key = IdempotencyKey::parse(&idempotency_key)?;
    let state = crate::server::app_state()?;
    run_once(&state.db, &key, "accounts/verify-email", || {
        super::service::verify_email(&state.db, &token)
    })
    .await?;
    match crate::server::responses::safe_return_to(return_to) {
        Some(path) => crate::server::responses::redirect(&format!(
            "/verify-email?confirmed=1&return_to={}",
            crate::text::percent_encode(&path)
        )),
        None => crate::server::responses::redirect("/verify-email?confirmed=1"),
    }
    Ok(())
}

#[server(endpoint = "accounts/sign-in")]
pub async fn sign_in(
    email: String,
    password: String,
    return_to: Option<String>,
) -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses, session};

    let state = app_state()?;
    let client_address = auth::client_address_key();
    let started = super::service::sign_in(&state.db, &email, &password, &client_address)
        .await
        .map_err(|error| error.keeping(&serde_json::json!({ "email": email })))?;
    // A session from before signing in is ended: every sign-in gets a fresh id.
    if let Some(previous) = auth::session_token() {
        session::end(&state.db, &previous).await?;
    }
    responses::set_cookie(&session::cookie(
        &started.token,
        started.expires_at,
        state.secure_cookies,
    ));
    // Back to where the visitor was going when asked to sign in.
    let onward = responses::safe_return_to(return_to).unwrap_or_else(|| "/me".to_owned());
    responses::redirect(&onward);
    Ok(())
}

/// Signing out is a POST to `/logout`, so no link or prefetch can do it.
#[server(prefix = "", endpoint = "logout")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::{app_state, auth, responses, session};

    let state = app_state()?;
    if let Some(token) = auth::session_token() {
        super::service::sign_out(&state.db, &token).await?;
    }
    responses::set_cookie(&session::clearing_cookie(state.secure_cookies));
    crate::server::responses::redirect("/");
    Ok(())
}

/// The signed-in account, for the header and `/me`.
#[server(endpoint = "accounts/viewer")]
pub async fn current_viewer() -> Result<Option<super::types::Viewer>, AppError> {
    Ok(crate::server::auth::viewer())
}

#[server(endpoint = "accounts/request-reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use super::types::EmailAddress;
    use crate::server::{app_state, auth};

    let typed = serde_json::json!({ "email": email });
    let address = EmailAddress::parse("email", &email).map_err(|error| error.keeping(&typed))?;
    let state = app_state()?;
    let client_address = auth::client_address_key();
    super::service::request_password_reset(&state.db, &address, &client_address, &state.public_url)
        .await?;
    crate::server::responses::redirect("/reset-password?sent=1");
    Ok(())
}

#[server(endpoint = "accounts/reset-password")]
pub async fn reset_password(
    token: String,
    password: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::server::idempotency::{IdempotencyKey, run_once};

    let key = IdempotencyKey::parse(&idempotency_key)?;
    let state = crate::server::app_state()?;
    run_once(&state.db, &key, "accounts/reset-password", || {
        super::service::reset_password(&state.db, &token, &password)
    })
    .await?;
    crate::server::responses::redirect("/reset-password?done=1");
    Ok(())
}

#[server(endpoint = "accounts/profile")]
pub async fn update_profile(
    display_name: String,
    actor_type: String,
    organisation: String,
    locale: String,
) -> Result<(), AppError> {
    use super::profile::{self, ProfileChange};
    use super::types::{ActorType, parse_display_name, parse_organisation};
    use crate::error::Problem;
    use crate::server::{app_state, auth, responses};

    let viewer = auth::require_viewer()?;
    let typed = serde_json::json!({
        "display_name": display_name, "actor_type": actor_type, "organisation": organisation, "locale": locale,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let change = ProfileChange {
        display_name: parse_display_name(&display_name).map_err(keep)?,
        actor_type: ActorType::parse(&actor_type).map_err(keep)?,
        organisation: parse_organisation(&organisation).map_err(keep)?,
        locale: locale
            .parse()
            .map_err(|_| keep(AppError::invalid("locale", Problem::UnknownChoice)))?,
    };
    let locale = change.locale;
    let state = app_state()?;
    profile::update_profile(&state.db, viewer.account_id, change).await?;
    // The profile's language becomes the interface's language too.
    responses::remember_language(locale);
    crate::server::responses::redirect("/me?saved=profile");
    Ok(())
}

#[server(endpoint = "accounts/password")]
pub async fn change_password(
    current_password: String,
    new_password: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::server::idempotency::{IdempotencyKey, run_once};
    use crate::server::{app_state, auth};

    // A suspended or banned person may still protect their account.
    let viewer = auth::require_viewer_even_if_restricted()?;
    let key = IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    let session = auth::session_token();
    // A second press must not be judged against the password the first one set.
    run_once(&state.db, &key, "accounts/password", || {
        super::profile::change_password(
            &state.db,
            viewer.account_id,
            session.as_deref(),
            &current_password,
            &new_password,
        )
    })
    .await?;
    crate::server::responses::redirect("/me?saved=password");
    Ok(())
}

#[server(endpoint = "accounts/delete")]
pub async fn delete_account(
    current_password: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use crate::server::idempotency::{IdempotencyKey, run_once};
    use crate::server::{app_state, auth, responses, session};

    let key = IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    // Deleting one's own data stays open to a suspended or banned person.
    let deleted = match auth::require_viewer_even_if_restricted() {
        Ok(viewer) => {
            run_once(&state.db, &key, "accounts/delete", || {
                crate::features::account_deletion::delete_account(
                    &state.db,
                    viewer.account_id,
                    &current_password,
                )
            })
            .await
        }
        // A repeat arrives after its session was deleted with the account: it gets the first answer.
        Err(signed_out) => {
            run_once(&state.db, &key, "accounts/delete", || async {
                Err(signed_out)
            })
            .await
        }
    };
    deleted?;
    responses::set_cookie(&session::clearing_cookie(state.secure_cookies));
    crate::server::responses::redirect("/?deleted=1");
    Ok(())
}

#[server(endpoint = "accounts/email")]
pub async fn change_email(
    new_email: String,
    current_password: String,
    idempotency_key: String,
) -> Result<(), AppError> {
    use super::types::EmailAddress;
    use crate::server::idempotency::{IdempotencyKey, run_once};
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let typed = serde_json::json!({ "new_email": new_email });
    let address =
        EmailAddress::parse("new_email", &new_email).map_err(|error| error.keeping(&typed))?;
    let key = IdempotencyKey::parse(&idempotency_key)?;
    let state = app_state()?;
    run_once(&state.db, &key, "accounts/email", || {
        super::service::request_email_change(
            &state.db,
            viewer.account_id,
            &address,
            &current_password,
            &state.public_url,
        )
    })
    .await
    .map_err(|error| error.keeping(&typed))?;
    crate::server::responses::redirect("/me?saved=email");
    Ok(())
}
