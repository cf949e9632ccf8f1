//! The method guides' server functions. Everyone reads the newest revision
//! of each guide; staff (and admins) read older ones, add guides and save
//! new revisions. Each save answers a plain form with a redirect to the
//! guide.
// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::GetUrl;

use super::types::{GuideEditor, GuideLibrary, GuideView};
use crate::error::AppError;

/// Whether the reader acts for the municipality and so edits guides.
#[cfg(feature = "ssr")]
fn reader_edits() -> bool {
    crate::server::auth::viewer().is_some_and(|viewer| viewer.acts_as_staff())
}

/// Every guide, newest titles and summaries, for `/guides`.
#[server(endpoint = "guides", input = GetUrl)]
pub async fn load_guides() -> Result<GuideLibrary, AppError> {
    super::service::library(&crate::server::app_state()?.db, reader_edits()).await
}

/// Guide `slug` for its page: the newest revision, or for staff an older
/// one (`revision`).
#[server(endpoint = "guides/one", input = GetUrl)]
pub async fn load_guide(slug: String, revision: Option<i32>) -> Result<GuideView, AppError> {
    super::service::view(
        &crate::server::app_state()?.db,
        &slug,
        revision,
        reader_edits(),
        crate::i18n::use_locale(),
    )
    .await
}

/// What staff's edit form of guide `slug` starts from: revision `from`, or
/// the newest; and the history.
#[server(endpoint = "guides/editor", input = GetUrl)]
pub async fn load_guide_editor(slug: String, from: Option<i32>) -> Result<GuideEditor, AppError> {
    let viewer = crate::server::auth::require_viewer_even_if_restricted()?;
    viewer.require_staff()?;
    super::service::editor(&crate::server::app_state()?.db, &slug, from).await
}

/// Adds a guide; `slug` may be left empty and is then made from the
/// title. A repeat of the same form adds it once.
#[server(endpoint = "guides/add")]
pub async fn add_guide(
    slug: String,
    title_nb: String,
    title_nn: String,
    title_en: String,
    summary_nb: String,
    summary_nn: String,
    summary_en: String,
    body_nb: String,
    body_nn: String,
    body_en: String,
    idempotency_key: String,
) -> Result<String, AppError> {
    use super::types::{GuideForm, GuideText};
    use crate::server::{app_state, auth, idempotency};

    let editor = auth::require_viewer()?;
    editor.require_staff()?;
    let form = GuideForm {
        title_nb: &title_nb,
        title_nn: &title_nn,
        title_en: &title_en,
        summary_nb: &summary_nb,
        summary_nn: &summary_nn,
        summary_en: &summary_en,
        body_nb: &body_nb,
        body_nn: &body_nn,
        body_en: &body_en,
    };
    let mut typed = form.typed();
    typed["slug"] = slug.clone().into();
    let keep = |error: AppError| error.keeping(&typed);
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let text = GuideText::parse(&form).map_err(keep)?;
    let state = app_state()?;
    let added = idempotency::run_once(&state.db, &key, "guides/add", || {
        super::service::create(&state.db, Some(&editor), &slug, text)
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/guides/{added}?saved=1"));
    Ok(added)
}

/// Saves guide `slug`'s next revision, made from revision `base_revision`.
/// Refused, with the text kept in the form, when someone saved since.
#[server(endpoint = "guides/save")]
pub async fn save_guide(
    slug: String,
    base_revision: i32,
    title_nb: String,
    title_nn: String,
    title_en: String,
    summary_nb: String,
    summary_nn: String,
    summary_en: String,
    body_nb: String,
    body_nn: String,
    body_en: String,
    note: String,
) -> Result<(), AppError> {
    use super::types::{GuideForm, GuideText, NOTE_MAX};
    use crate::server::{app_state, auth};

    let editor = auth::require_viewer()?;
    editor.require_staff()?;
    let form = GuideForm {
        title_nb: &title_nb,
        title_nn: &title_nn,
        title_en: &title_en,
        summary_nb: &summary_nb,
        summary_nn: &summary_nn,
        summary_en: &summary_en,
        body_nb: &body_nb,
        body_nn: &body_nn,
        body_en: &body_en,
    };
    let mut typed = form.typed();
    typed["note"] = note.clone().into();
    let keep = |error: AppError| error.keeping(&typed);
    let text = GuideText::parse(&form).map_err(keep)?;
    crate::text::within_limit("note", &note, NOTE_MAX).map_err(keep)?;
    let note = crate::text::collapse_whitespace(&note);
    super::service::save(&app_state()?.db, &editor, &slug, base_revision, text, note)
        .await
        .map_err(keep)?;
    crate::server::responses::redirect(&format!("/guides/{slug}?saved=1"));
    Ok(())
}
