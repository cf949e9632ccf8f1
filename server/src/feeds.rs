//! Atom feeds (RFC 4287) of the newest public ideas: `/feeds/ideas.atom`,
//! and `/feeds/challenges/{id}.atom` for one challenge's; and of the newest
//! solution cards, `/feeds/solutions.atom`. Written with the
//! `atom_syndication` crate, in the reader's language, cached briefly by
//! anything between, and answered 304 to a reader whose copy (by its tag) is the same.

use app::features::ideas::feed::{self, FeedAuthor, FeedEntry};
use app::features::settings::types::Settings;
use app::i18n::{Locale, fill};
use app::server::AppState;
use atom_syndication::{Category, Content, Entry, Feed, Generator, Link, Person, Text};
use axum::Extension;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// What every feed is written for: the reader's language and the
/// municipality's name.
struct Reader {
    locale: Locale,
    municipality: String,
}

impl Reader {
    fn of(locale: Option<Extension<Locale>>, settings: Option<Extension<Settings>>) -> Self {
        Self {
            locale: locale.map(|Extension(locale)| locale).unwrap_or_default(),
            municipality: settings
                .map(|Extension(settings)| settings.municipality.name)
                .unwrap_or_default(),
        }
    }
}

/// `/feeds/ideas.atom`.
pub async fn ideas(
    State(state): State<AppState>,
    locale: Option<Extension<Locale>>,
    settings: Option<Extension<Settings>>,
    headers: HeaderMap,
) -> Response {
    let reader = Reader::of(locale, settings);
    let title = fill(
        reader.locale.messages().feed_ideas_title,
        &[("municipality", &reader.municipality)],
    );
    match feed::newest(state.public_reads(), None).await {
        Ok(entries) => answer(
            &state,
            &reader,
            title,
            ("/feeds/ideas.atom", "/ideas"),
            entries,
            &headers,
        ),
        Err(error) => failed(&error),
    }
}

/// `/feeds/solutions.atom`: the newest published solution cards.
pub async fn solutions(
    State(state): State<AppState>,
    locale: Option<Extension<Locale>>,
    settings: Option<Extension<Settings>>,
    headers: HeaderMap,
) -> Response {
    let reader = Reader::of(locale, settings);
    let title = fill(
        reader.locale.messages().feed_solutions_title,
        &[("municipality", &reader.municipality)],
    );
    match app::features::solutions::feed::newest(state.public_reads()).await {
        Ok(entries) => answer(
            &state,
            &reader,
            title,
            ("/feeds/solutions.atom", "/solutions"),
            entries,
            &headers,
        ),
        Err(error) => failed(&error),
    }
}

/// `/feeds/challenges/{id}.atom`: a public challenge's newest ideas.
pub async fn challenge(
    State(state): State<AppState>,
    locale: Option<Extension<Locale>>,
    settings: Option<Extension<Settings>>,
    Path(file): Path<String>,
    headers: HeaderMap,
) -> Response {
    let reader = Reader::of(locale, settings);
    let Some(id) = file
        .strip_suffix(".atom")
        .and_then(|id| id.parse::<i64>().ok())
    else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let found = async {
        let name = feed::public_challenge(state.public_reads(), id).await?;
        Ok::<_, app::error::AppError>((name, feed::newest(state.public_reads(), Some(id)).await?))
    };
    match found.await {
        Ok((name, entries)) => {
            let title = fill(
                reader.locale.messages().feed_challenge_title,
                &[("title", &name)],
            );
            let own = format!("/feeds/challenges/{id}.atom");
            let page = format!("/challenges/{id}");
            answer(&state, &reader, title, (&own, &page), entries, &headers)
        }
        Err(app::error::AppError::NotFound) => StatusCode::NOT_FOUND.into_response(),
        Err(error) => failed(&error),
    }
}

fn failed(error: &app::error::AppError) -> Response {
    tracing::error!(%error, "cannot write a feed");
    (StatusCode::INTERNAL_SERVER_ERROR, "Please try again.\n").into_response()
}

/// The feed of `entries` at `own` (a path), about the page at `page`; 304
/// when the reader's copy has the same tag.
fn answer(
    state: &AppState,
    reader: &Reader,
    title: String,
    (own, page): (&str, &str),
    entries: Vec<FeedEntry>,
    headers: &HeaderMap,
) -> Response {
    let locale = reader.locale;
    let site = state.public_url.as_str().trim_end_matches('/');
    // An empty feed is as new as the epoch: readers keep asking, and the
    // first idea changes it.
    let updated = entries
        .iter()
        .map(|entry| entry.updated_at.max(entry.published_at))
        .max()
        .unwrap_or_default();
    // The tag names exactly what is in the feed: hiding an idea takes it
    // out without making anything newer, so a time alone cannot say that a
    // reader's copy is current; `If-Modified-Since` is answered in full.
    let tag = tag_of(locale, &entries);
    let last_modified = updated.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
    let fresh = headers
        .get(header::IF_NONE_MATCH)
        .is_some_and(|asked| asked.as_bytes() == tag.as_bytes());
    let mut response = if fresh {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let feed = Feed {
            title: Text::plain(title),
            id: format!("{site}{own}"),
            updated: updated.fixed_offset(),
            links: vec![
                link(format!("{site}{own}"), "self", Some("application/atom+xml")),
                link(format!("{site}{page}"), "alternate", Some("text/html")),
            ],
            generator: Some(Generator {
                value: "Samskap".to_owned(),
                ..Generator::default()
            }),
            lang: Some(locale.as_str().to_owned()),
            entries: entries
                .into_iter()
                .map(|entry| entry_of(site, reader, entry))
                .collect(),
            ..Feed::default()
        };
        ([(header::CONTENT_TYPE, ATOM)], feed.to_string()).into_response()
    };
    let headers = response.headers_mut();
    if let Ok(tag) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, tag);
    }
    if let Ok(modified) = HeaderValue::from_str(&last_modified) {
        headers.insert(header::LAST_MODIFIED, modified);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    headers.insert(
        header::VARY,
        HeaderValue::from_static("Cookie, Accept-Language"),
    );
    response
}

/// A strong tag of the feed's entries (which ideas, as of when) and
/// language.
fn tag_of(locale: Locale, entries: &[FeedEntry]) -> String {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    locale.as_str().hash(&mut hasher);
    for entry in entries {
        (&entry.path, entry.updated_at.timestamp_micros()).hash(&mut hasher);
    }
    format!("\"{:016x}\"", hasher.finish())
}

fn link(href: String, rel: &str, mime_type: Option<&str>) -> Link {
    Link {
        href,
        rel: rel.to_owned(),
        mime_type: mime_type.map(str::to_owned),
        ..Link::default()
    }
}

fn entry_of(site: &str, reader: &Reader, entry: FeedEntry) -> Entry {
    let t = reader.locale.messages();
    let address = format!("{site}{}", entry.path);
    Entry {
        title: Text::plain(entry.title),
        id: address.clone(),
        updated: entry.updated_at.max(entry.published_at).fixed_offset(),
        published: Some(entry.published_at.fixed_offset()),
        authors: vec![Person {
            name: author_name(entry.author, reader),
            ..Person::default()
        }],
        categories: vec![Category {
            term: entry.focus_area.as_str().to_owned(),
            label: Some(entry.focus_area.label(t).to_owned()),
            ..Category::default()
        }],
        links: vec![link(address, "alternate", Some("text/html"))],
        summary: Some(Text::plain(entry.summary)),
        content: Some(Content {
            value: Some(app::markdown::render(&entry.body)),
            content_type: Some("html".to_owned()),
            ..Content::default()
        }),
        ..Entry::default()
    }
}

/// The author as the entry's page names them.
fn author_name(author: FeedAuthor, reader: &Reader) -> String {
    match author {
        FeedAuthor::Person(name) => {
            name.unwrap_or_else(|| reader.locale.messages().deleted_user.to_owned())
        }
        FeedAuthor::Municipality => reader.municipality.clone(),
    }
}
