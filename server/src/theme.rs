//! `/theme.css`: the municipality's brand colour as a CSS custom property.
//! A stylesheet rather than an inline style, so the Content-Security-Policy
//! can keep forbidding inline styles.

use app::features::settings::types::Settings;
use axum::Extension;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};

/// Uses the settings the request middleware already loaded (the defaults if
/// it could not).
pub async fn theme_css(settings: Option<Extension<Settings>>) -> Response {
    let settings = settings
        .map(|Extension(settings)| settings)
        .unwrap_or_default();
    // The colour was checked to be `#rrggbb` when it was saved.
    let css = format!(
        ":root{{--samskap-brand:{};}}\n",
        settings.municipality.brand_color
    );
    let mut response = css.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/css; charset=utf-8"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=60"),
    );
    response
}
