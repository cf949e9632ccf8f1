//! Which language a request is answered in.

use http::HeaderMap;
use http::header::ACCEPT_LANGUAGE;

use crate::i18n::Locale;

/// The cookie the language switch sets.
pub const LANGUAGE_COOKIE: &str = "samskap_lang";

/// The visitor's own choice (the cookie) first, then the browser's
/// `Accept-Language` in its order of preference, then bokmål.
pub fn negotiate(headers: &HeaderMap) -> Locale {
    chosen(headers)
        .or_else(|| preferred(headers))
        .unwrap_or_default()
}

fn chosen(headers: &HeaderMap) -> Option<Locale> {
    super::responses::cookie_value(headers, LANGUAGE_COOKIE)?
        .parse()
        .ok()
}

fn preferred(headers: &HeaderMap) -> Option<Locale> {
    let header = headers.get(ACCEPT_LANGUAGE)?.to_str().ok()?;
    accept_language::parse(header)
        .iter()
        .find_map(|tag| Locale::from_tag(tag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use http::header::COOKIE;

    fn headers(pairs: &[(http::HeaderName, &'static str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(name, value)| (name.clone(), HeaderValue::from_static(value)))
            .collect()
    }

    #[test]
    fn the_cookie_beats_the_browser() {
        let h = headers(&[(COOKIE, "a=1; samskap_lang=nn"), (ACCEPT_LANGUAGE, "en")]);
        assert_eq!(negotiate(&h), Locale::Nn);
    }

    #[test]
    fn the_browser_order_is_respected_and_unknown_languages_skipped() {
        let h = headers(&[(ACCEPT_LANGUAGE, "sv-SE, en;q=0.9, nb;q=0.8")]);
        assert_eq!(negotiate(&h), Locale::En);
        let h = headers(&[(ACCEPT_LANGUAGE, "de, nn-NO;q=0.5")]);
        assert_eq!(negotiate(&h), Locale::Nn);
    }

    #[test]
    fn a_bad_cookie_or_nothing_at_all_means_bokmaal() {
        assert_eq!(
            negotiate(&headers(&[(COOKIE, "samskap_lang=xx")])),
            Locale::Nb
        );
        assert_eq!(negotiate(&HeaderMap::new()), Locale::Nb);
    }
}
