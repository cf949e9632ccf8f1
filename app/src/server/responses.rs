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

/// Answers the page being rendered with `status`: a page that shows what
/// a request it was sent back from refused.
pub fn set_page_status(status: StatusCode) {
    if let Some(response) = use_context::<ResponseOptions>() {
        response.set_status(status);
    }
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

/// Sends a signed-out visitor to sign in, and back to this page afterwards.
pub fn redirect_to_sign_in() {
    let here = use_context::<http::request::Parts>()
        .and_then(|request| {
            request
                .uri
                .path_and_query()
                .map(|path| path.as_str().to_owned())
        })
        .filter(|path| {
            is_local_path(path) && path.len() <= crate::features::accounts::RETURN_TO_MAX
        });
    match here {
        Some(here) => redirect_page(&crate::features::accounts::sign_in_href(&here)),
        None => redirect_page("/login"),
    }
}

/// A `return_to` that may be followed: a path on this site, not too long.
pub fn safe_return_to(return_to: Option<String>) -> Option<String> {
    return_to.filter(|path| {
        is_local_path(path) && path.len() <= crate::features::accounts::RETURN_TO_MAX
    })
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
///
/// Browsers drop tabs and line breaks from an address and read `\` as `/`,
/// so `/\t/evil.example` and `/\\evil.example` lead off the site; and a
/// control character cannot stand in a `Location` header at all. A path
/// holding any of them, or a space, is not ours.
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/')
        && !path.starts_with("//")
        && !path
            .chars()
            .any(|c| c == '\\' || c.is_whitespace() || c.is_control())
}

/// After a form posted without JavaScript, sends the browser to `path`
/// (303). A JavaScript caller gets the function's value instead and stays
/// where it is: an island updates itself without a page load.
pub fn redirect_form_post(path: &str) {
    let plain_form_post =
        use_context::<http::request::Parts>().is_some_and(|request| accepts_html(&request.headers));
    if plain_form_post {
        redirect(path);
    }
}

/// `leptos_axum::redirect` without its panic on a path that cannot be a
/// header value: letters beyond ASCII (`Bærum`) are percent-encoded, and a
/// path that still is no header value (a control character, only ever in
/// what someone sent) goes home instead.
// The one place that calls it (clippy.toml refuses it elsewhere).
#[allow(clippy::disallowed_methods)]
pub fn redirect(path: &str) {
    let encoded = ascii_only(path);
    if HeaderValue::from_str(&encoded).is_ok() {
        leptos_axum::redirect(&encoded);
    } else {
        tracing::warn!("refusing to redirect to a path that is no header value");
        leptos_axum::redirect("/");
    }
}

fn ascii_only(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for c in path.chars() {
        if c.is_ascii() {
            encoded.push(c);
        } else {
            let mut bytes = [0; 4];
            for byte in c.encode_utf8(&mut bytes).bytes() {
                encoded.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    encoded
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

#[cfg(test)]
mod tests {
    use super::{ascii_only, is_local_path};

    #[test]
    fn a_redirect_address_is_ascii() {
        assert_eq!(
            ascii_only("/ideas?district=Bærum"),
            "/ideas?district=B%C3%A6rum"
        );
    }

    #[test]
    fn only_our_own_paths_are_local() {
        for ours in ["/", "/ideas/7#comments", "/ideas?q=sykkel+sti&sort=new"] {
            assert!(is_local_path(ours), "{ours}");
        }
        for theirs in [
            "",
            "ideas/7",
            "//evil.example",
            "https://evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/evil.example",
            "/ /evil.example",
            "/ideas\u{0}",
            "/ideas\u{7f}",
            "/ideas\u{85}x",
        ] {
            assert!(!is_local_path(theirs), "{theirs:?}");
        }
    }
}
