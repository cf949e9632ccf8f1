//! Keeps the address of a refused plain form short: as the redirect back to
//! the form leaves, the typed values in its error (`?__err=`) are set aside
//! on the server and only their key stays in the address; when the page is
//! asked for, the values are put back into the error before Leptos reads
//! it. Pages and forms never notice (see `app::server::form_echo`).

use app::error::AppError;
use app::server::AppState;
use app::server::form_echo;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, Uri, header};
use axum::middleware::Next;
use axum::response::Response;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE;

/// The query parameter in which server functions send a plain form's error back.
const ERROR_PARAMETER: &str = "__err";

pub async fn keep_typed_values_on_the_server(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() == Method::GET
        && let Some(uri) = with_values_put_back(&state, request.uri()).await
    {
        *request.uri_mut() = uri;
    }
    let mut response = next.run(request).await;
    if let Some(location) =
        with_values_set_aside(&state, response.headers().get(header::LOCATION)).await
    {
        response.headers_mut().insert(header::LOCATION, location);
    }
    response
}

/// The redirect's address with the echo's values replaced by their key, or
/// `None` when there is nothing to set aside.
async fn with_values_set_aside(
    state: &AppState,
    location: Option<&HeaderValue>,
) -> Option<HeaderValue> {
    let location = location?
        .to_str()
        .ok()
        .filter(|location| carries_error(location))?;
    let (mut error, rewrite) = error_in(location)?;
    let echo = error.echo_mut()?;
    let key = app::server::tokens::random_token();
    let values = echo.set_aside(key.clone());
    if values.is_empty() {
        return None;
    }
    if let Err(error) = form_echo::keep(&state.db, &key, &values).await {
        // The address stays long, but the values are not lost.
        tracing::warn!(%error, "cannot set a refused form's values aside");
        return None;
    }
    HeaderValue::from_str(&rewrite(&error)?).ok()
}

/// The page's address with the values of its error's echo put back, or
/// `None` when there are none to put back (or they are no longer kept).
async fn with_values_put_back(state: &AppState, uri: &Uri) -> Option<Uri> {
    // Every page request passes here; only one sent back with an error is
    // worth copying and parsing.
    if !uri.query().is_some_and(carries_error) {
        return None;
    }
    let address = uri.to_string();
    let (mut error, rewrite) = error_in(&address)?;
    let echo = error.echo_mut()?;
    let key = echo.kept()?.to_owned();
    let values = match form_echo::find(&state.db, &key).await {
        Ok(values) => values?,
        Err(error) => {
            tracing::warn!(%error, "cannot find a refused form's values");
            return None;
        }
    };
    echo.restore(values);
    rewrite(&error)?.parse().ok()
}

/// A cheap first look before any parsing: whether `text` may carry an error.
fn carries_error(text: &str) -> bool {
    text.contains(ERROR_PARAMETER)
}

/// The error carried in `address`, and a way to write the same address
/// with another error in its place.
fn error_in(address: &str) -> Option<(AppError, impl Fn(&AppError) -> Option<String>)> {
    let (path, query) = address.split_once('?')?;
    let (query, fragment) = match query.split_once('#') {
        Some((query, fragment)) => (query, Some(fragment)),
        None => (query, None),
    };
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect();
    let encoded = &pairs.iter().find(|(name, _)| name == ERROR_PARAMETER)?.1;
    let error: AppError = serde_json::from_slice(&URL_SAFE.decode(encoded).ok()?).ok()?;
    let (path, fragment) = (path.to_owned(), fragment.map(str::to_owned));
    let rewrite = move |error: &AppError| {
        let encoded = URL_SAFE.encode(serde_json::to_vec(error).ok()?);
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in &pairs {
            let value = if name == ERROR_PARAMETER {
                &encoded
            } else {
                value
            };
            query.append_pair(name, value);
        }
        let mut address = format!("{path}?{}", query.finish());
        if let Some(fragment) = &fragment {
            address.push('#');
            address.push_str(fragment);
        }
        Some(address)
    };
    Some((error, rewrite))
}
