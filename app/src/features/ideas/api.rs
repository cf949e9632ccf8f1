//! Server functions for ideas: each loads the request's context, checks it
//! and hands plain values to `service.rs`.

// A server function's arguments are its form's fields; the idea form has
// nine. (The lint also fires on the browser's generated client code, where
// an attribute on the function does not reach.)
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use server_fn::codec::{GetUrl, Json};

use super::input::IdeaForm;
use super::listing::ListQuery;
use super::types::{IdeaCard, IdeaDetail, IdeaPage, SimilarIdea};
use crate::error::AppError;

/// What the idea form offers to choose from.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IdeaFormChoices {
    pub districts: Vec<String>,
    pub challenges: Vec<(i64, String)>,
}

/// The author's draft or idea as the edit page needs it.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct IdeaEditor {
    pub form: IdeaForm,
    pub idea: IdeaDetail,
    pub similar: Vec<SimilarIdea>,
    /// Solution cards like it: one may already meet the need.
    pub similar_solutions: Vec<crate::features::solutions::types::SolutionLink>,
    /// For staff, the partners' cards like it.
    pub partner_solutions: Vec<crate::features::partners::types::PartnerResults>,
}

/// Saves a new draft (no `idea_id`) or changes the author's own idea, then
/// leads to the preview step. The arguments are the form's fields.
#[server(endpoint = "ideas/save")]
pub async fn save_idea(
    idea_id: Option<i64>,
    title: String,
    summary: String,
    body: String,
    focus_area: String,
    district: Option<String>,
    challenge_id: Option<String>,
    tags: Option<String>,
    idempotency_key: String,
    website: Option<String>,
) -> Result<i64, AppError> {
    use super::input::IdeaText;
    use crate::server::{anti_abuse, app_state, auth, idempotency};

    let form = IdeaForm {
        title,
        summary,
        body,
        focus_area,
        district: district.unwrap_or_default(),
        challenge_id: challenge_id.unwrap_or_default(),
        tags: tags.unwrap_or_default(),
    };
    let keep = |error: AppError| error.keeping(&form);
    // Who may post is settled before a field is parsed, so a form built to
    // be expensive to read costs nothing to someone who may not post.
    anti_abuse::honeypot(website.as_deref())?;
    let viewer = auth::require_viewer()?;
    viewer.require_participant().map_err(keep)?;
    let key = idempotency::IdempotencyKey::parse(&idempotency_key)?;
    let settings = crate::features::settings::current();
    let text = IdeaText::parse(&form, &settings.districts).map_err(keep)?;
    let state = app_state()?;
    let id = idempotency::run_once(&state.db, &key, "ideas/save", || async {
        match idea_id {
            Some(id) => super::service::update(&state.db, &viewer, id, text)
                .await
                .map(|()| id),
            None => super::service::save_draft(&state.db, &viewer, text).await,
        }
    })
    .await
    .map_err(keep)?;
    crate::server::responses::redirect(&format!("/ideas/{id}/edit"));
    Ok(id)
}

#[server(endpoint = "ideas/publish")]
pub async fn publish_idea(idea_id: i64) -> Result<(), AppError> {
    use crate::server::{anti_abuse, app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let settings = crate::features::settings::current();
    // Only publishing counts: drafts are private and may be saved often.
    if super::service::is_draft_of(&state.db, &viewer, idea_id).await? {
        anti_abuse::limit(
            &state.db,
            anti_abuse::Action::Idea,
            &viewer,
            &settings.limits,
        )
        .await?;
    }
    super::service::publish(
        &state.db,
        &viewer,
        idea_id,
        settings.thresholds.pre_moderation,
    )
    .await?;
    crate::server::responses::redirect(&format!("/ideas/{idea_id}?published=1"));
    Ok(())
}

#[server(endpoint = "ideas/withdraw")]
pub async fn withdraw_idea(idea_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    super::service::withdraw(&state.db, &viewer, idea_id).await?;
    crate::server::responses::redirect(&format!("/ideas/{idea_id}"));
    Ok(())
}

#[server(endpoint = "ideas/discard")]
pub async fn discard_draft(idea_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    // Deleting one's own draft is left open to a restricted account.
    let viewer = auth::require_viewer_even_if_restricted()?;
    let state = app_state()?;
    super::service::discard_draft(&state.db, &viewer, idea_id).await?;
    crate::server::responses::redirect("/ideas/new");
    Ok(())
}

/// One page of `/ideas`.
#[server(endpoint = "ideas/list", input = Json)]
pub async fn list_ideas(query: ListQuery) -> Result<IdeaPage, AppError> {
    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    super::lists::list(state.reads_for(viewer.as_ref()), &query).await
}

#[server(endpoint = "ideas/detail", input = GetUrl)]
pub async fn load_idea(idea_id: i64) -> Result<IdeaDetail, AppError> {
    let state = crate::server::app_state()?;
    let viewer = crate::server::auth::viewer();
    super::page::detail(state.reads_for(viewer.as_ref()), viewer.as_ref(), idea_id).await
}

/// Existing ideas like the title being typed ("steal first").
#[server(endpoint = "ideas/similar", input = GetUrl)]
pub async fn similar_ideas(
    title: String,
    except: Option<i64>,
) -> Result<Vec<SimilarIdea>, AppError> {
    let state = crate::server::app_state()?;
    let title: String = title.chars().take(super::input::TITLE_MAX).collect();
    super::lists::similar(&state.db, &title, except).await
}

/// The districts and open challenges the idea form offers.
#[server(endpoint = "ideas/choices", input = GetUrl)]
pub async fn load_idea_form_choices() -> Result<IdeaFormChoices, AppError> {
    let state = crate::server::app_state()?;
    let challenges = crate::features::challenges::service::titles_taking_ideas(&state.db).await?;
    Ok(IdeaFormChoices {
        districts: crate::features::settings::current().districts,
        challenges,
    })
}

/// The author's own idea for the edit page: its text, how it looks, and
/// similar ideas to consider before publishing.
#[server(endpoint = "ideas/editor", input = GetUrl)]
pub async fn load_idea_editor(idea_id: i64) -> Result<IdeaEditor, AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let idea = super::page::editable_detail(&state.db, &viewer, idea_id).await?;
    let similar = super::lists::similar(&state.db, &idea.card.title, Some(idea_id)).await?;
    let similar_solutions =
        crate::features::solutions::service::similar(&state.db, &idea.card.title).await?;
    let partner_solutions = if viewer.acts_as_staff() {
        crate::features::partners::catalogue::search(&state.db, &idea.card.title).await?
    } else {
        Vec::new()
    };
    Ok(IdeaEditor {
        form: IdeaForm {
            title: idea.card.title.clone(),
            summary: idea.card.summary.clone(),
            body: idea.body.clone(),
            focus_area: idea.card.focus_area.as_str().to_owned(),
            district: idea.card.district.clone().unwrap_or_default(),
            challenge_id: idea
                .challenge
                .as_ref()
                .map(|challenge| challenge.id.to_string())
                .unwrap_or_default(),
            tags: idea.tags.join(", "),
        },
        idea,
        similar,
        similar_solutions,
        partner_solutions,
    })
}

/// The viewer's own ideas, drafts included.
#[server(endpoint = "ideas/mine", input = GetUrl)]
pub async fn my_ideas() -> Result<Vec<IdeaCard>, AppError> {
    let viewer = crate::server::auth::require_viewer()?;
    let state = crate::server::app_state()?;
    super::lists::mine(&state.db, &viewer).await
}

/// Adds photos to the author's idea: a multipart form (a phone's camera or
/// photo library) with `idea_id` and `idempotency_key` first, then one or
/// more `photos` files and an optional `description`. The form is read as
/// it streams in: the uploader and the idea are checked before any file is
/// read, each file is read up to its size limit and no further, and a
/// repeat of the same upload stores nothing more.
#[server(endpoint = "ideas/photos", input = server_fn::codec::MultipartFormData)]
pub async fn upload_photos(data: server_fn::codec::MultipartData) -> Result<(), AppError> {
    use super::photos::{self, Batch, UploadForm};
    use crate::server::{app_state, auth, idempotency};

    let malformed = |_| AppError::BadRequest;
    let viewer = auth::require_viewer()?;
    viewer.require_participant()?;
    let state = app_state()?;
    let mut parts = data.into_inner().ok_or(AppError::BadRequest)?;
    let mut form = UploadForm::default();
    // The text parts before the first file: the idea and the key.
    let first_file = loop {
        let Some(mut part) = parts.next_field().await.map_err(malformed)? else {
            break None;
        };
        let name = part.name().unwrap_or_default().to_owned();
        if name == UploadForm::FILES {
            break Some(part);
        }
        if let Some(mut text) = UploadForm::text_part(&name) {
            while let Some(chunk) = part.chunk().await.map_err(malformed)? {
                text.push(&chunk)?;
            }
            form.set(&name, text)?;
        }
    };
    let (idea_id, key) = form.idea_and_key()?;
    photos::check_uploader(&state.db, &viewer, idea_id).await?;
    let db = &state.db;
    idempotency::run_once(db, &key, "ideas/photos", || async {
        let mut batch = Batch::open(db, idea_id).await?;
        let mut next = first_file;
        while let Some(mut part) = next.take() {
            let name = part.name().unwrap_or_default().to_owned();
            let buffer = match name.as_str() {
                UploadForm::FILES => Some(batch.file_part()),
                other => UploadForm::text_part(other),
            };
            if let Some(mut buffer) = buffer {
                while let Some(chunk) = part.chunk().await.map_err(malformed)? {
                    buffer.push(&chunk)?;
                }
                match name.as_str() {
                    UploadForm::FILES => batch.add(buffer).await?,
                    _ => form.set(&name, buffer)?,
                }
            }
            // The multipart reader hands out the next part once this one is gone.
            drop(part);
            next = parts.next_field().await.map_err(malformed)?;
        }
        batch
            .store(db, &state.photos, &viewer, form.description())
            .await
    })
    .await?;
    crate::server::responses::redirect(&format!("/ideas/{idea_id}/edit#photos-heading"));
    Ok(())
}

#[server(endpoint = "ideas/photos/remove")]
pub async fn remove_photo(photo_id: i64) -> Result<(), AppError> {
    use crate::server::{app_state, auth};

    let viewer = auth::require_viewer()?;
    let state = app_state()?;
    let idea_id = super::photos::remove(&state.db, &state.photos, &viewer, photo_id).await?;
    crate::server::responses::redirect(&format!("/ideas/{idea_id}/edit#photos-heading"));
    Ok(())
}
