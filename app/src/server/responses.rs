use http::{HeaderValue, StatusCode, header};
use leptos::prelude::*;
use leptos_axum::ResponseOptions;

use super::locale::LANGUAGE_COOKIE;
use crate::error::AppError;
use crate::i18n::Locale;
const ONE_YEAR_SECONDS: u32 = 365 * 24 * 60 * 60;

/// Sets the HTTP status for a server function's error. A JavaScript caller
/// gets the error's own 4xx/5xx; a plain HTML form post is sent back to the
/// form (303) with the error in the URL, where the form shows it.
pub fn set_error_status(error: &AppError) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    let plain_form_post =
        use_context::<http::request::Parts>().is_some_and(|request| accepts_html(&request.headers));
    response.set_status(if plain_form_post {
        StatusCode::SEE_OTHER
    } else {
        error.status()
    });
}

fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.contains("text/html"))
}

/// Sends the browser to `path` instead of the page being rendered (for
/// instance to sign-in). Unlike `leptos_axum::redirect`, which is meant for
/// server functions, this holds whatever the request's `Accept` header says.
pub fn redirect_page(path: &str) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Ok(location) = HeaderValue::from_str(path) {
        response.insert_header(header::LOCATION, location);
        response.set_status(StatusCode::SEE_OTHER);
    }
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(cookie: &str) {
    let Some(response) = use_context::<ResponseOptions>() else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.append_header(header::SET_COOKIE, value);
    }
}

/// Remembers the reader's language for a year.
pub fn remember_language(locale: Locale) {
    let secure = use_context::<super::AppState>().is_some_and(|state| state.secure_cookies);
    set_cookie(&format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={ONE_YEAR_SECONDS}; SameSite=Lax; HttpOnly{}",
        locale.as_str(),
        if secure { "; Secure" } else { "" },
    ));
}

/// The value of the request cookie `name`, if the browser sent it.
pub fn cookie_value<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, _)| *cookie == name)
        .map(|(_, value)| value)
}

/// A path on this site (`/ideas/7#comments`), never another site's address
/// (`//evil.example`, `https://…`): safe to send the browser back to.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

/// After a form posted without JavaScript, sends the browser to `path`
/// (303). A JavaScript caller gets the function's value instead and stays
/// where it is: an island updates itself without a page load.
pub fn redirect_form_post(path: &str) {
    let plain_form_post =
        use_context::<http::request::Parts>().is_some_and(|request| accepts_html(&request.headers));
    if plain_form_post {
        leptos_axum::redirect(path);
    }
}

/// After a plain form post: back to the page the form was on (`return_to`,
/// a path on this site, else `fallback`), at `#anchor` when one is given.
pub fn back_to(return_to: Option<String>, fallback: &str, anchor: &str) {
    let page = return_to
        .filter(|path| is_local_path(path))
        .unwrap_or_else(|| fallback.to_owned());
    let page = page.split('#').next().unwrap_or_default();
    if anchor.is_empty() {
        redirect_form_post(page);
    } else {
        redirect_form_post(&format!("{page}#{anchor}"));
    }
}
