//! Photos of an idea: up to four, added and removed by the author while the
//! idea may still be changed. Every upload is checked by its content,
//! re-encoded (which strips EXIF and GPS) and resized before anything is
//! stored; a rejected upload stores nothing.

use std::sync::{Arc, LazyLock};

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use tokio::sync::Semaphore;

use super::types::{PHOTO_DESCRIPTION_MAX, PHOTOS_MAX};
use crate::entities::idea_photo;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::photos::process::{PhotoRejection, ProcessedPhoto, process};
use crate::features::photos::store::{PhotoKey, PhotoKind, PhotoStore};
use crate::text::collapse_whitespace;

/// Decoding a phone photo takes a lot of memory for a moment; at most two
/// are decoded at once, whatever the number of uploads.
static DECODING: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(2));

fn rejected(rejection: PhotoRejection) -> AppError {
    AppError::invalid(
        "photos",
        match rejection {
            PhotoRejection::NotAPhoto => Problem::NotAPhoto,
            PhotoRejection::TooLarge => Problem::PhotoTooLarge,
            PhotoRejection::TooManyPixels => Problem::PhotoTooManyPixels,
        },
    )
}

/// What a screen reader reads out for the photo; may be empty (the page
/// then says which idea the photo belongs to).
pub fn parse_description(value: &str) -> Result<String, AppError> {
    let description = collapse_whitespace(value);
    if description.chars().count() > PHOTO_DESCRIPTION_MAX {
        return Err(AppError::invalid("description", Problem::TooLong));
    }
    Ok(description)
}

/// Adds `uploads` to the author's idea. All or nothing: if one file is not
/// a usable photo, or the idea would have more than four, none is kept.
pub async fn add(
    db: &DatabaseConnection,
    store: &Arc<dyn PhotoStore>,
    author: &Viewer,
    idea_id: i64,
    uploads: Vec<Vec<u8>>,
    description: String,
) -> Result<(), AppError> {
    if uploads.is_empty() {
        return Err(AppError::invalid("photos", Problem::Required));
    }
    super::service::editable_by(db, author, idea_id).await?;
    let existing = idea_photo::Entity::find()
        .filter(idea_photo::Column::IdeaId.eq(idea_id))
        .count(db)
        .await?;
    if existing as usize + uploads.len() > PHOTOS_MAX {
        return Err(AppError::invalid("photos", Problem::TooManyPhotos));
    }
    let mut processed = Vec::with_capacity(uploads.len());
    for upload in uploads {
        processed.push(decode(upload).await?);
    }
    let mut stored: Vec<PhotoKey> = Vec::new();
    let outcome = store_all(db, store, idea_id, processed, &description, &mut stored).await;
    if outcome.is_err() {
        for key in &stored {
            let _ = store.delete(key).await;
        }
    }
    outcome
}

async fn decode(upload: Vec<u8>) -> Result<ProcessedPhoto, AppError> {
    let _permit = DECODING.acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || process(&upload))
        .await
        .map_err(|error| {
            tracing::error!(%error, "photo processing panicked");
            AppError::Internal
        })?
        .map_err(rejected)
}

async fn store_all(
    db: &DatabaseConnection,
    store: &Arc<dyn PhotoStore>,
    idea_id: i64,
    photos: Vec<ProcessedPhoto>,
    description: &str,
    stored: &mut Vec<PhotoKey>,
) -> Result<(), AppError> {
    let io = |error: std::io::Error| {
        tracing::error!(%error, "cannot store a photo");
        AppError::Internal
    };
    for photo in photos {
        let large = PhotoKey::new_random(PhotoKind::Large);
        let thumbnail = PhotoKey::new_random(PhotoKind::Thumb);
        store.put(&large, photo.large).await.map_err(io)?;
        stored.push(large.clone());
        store.put(&thumbnail, photo.thumbnail).await.map_err(io)?;
        stored.push(thumbnail.clone());
        idea_photo::ActiveModel {
            idea_id: Set(idea_id),
            large_key: Set(large.as_str().to_owned()),
            thumbnail_key: Set(thumbnail.as_str().to_owned()),
            width: Set(i32::try_from(photo.width).unwrap_or(i32::MAX)),
            height: Set(i32::try_from(photo.height).unwrap_or(i32::MAX)),
            description: Set(description.to_owned()),
            created_at: Set(Utc::now()),
            ..Default::default()
        }
        .insert(db)
        .await?;
    }
    Ok(())
}

/// Removes one photo of the author's idea, and its files.
pub async fn remove(
    db: &DatabaseConnection,
    store: &Arc<dyn PhotoStore>,
    author: &Viewer,
    photo_id: i64,
) -> Result<i64, AppError> {
    let photo = idea_photo::Entity::find_by_id(photo_id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    super::service::editable_by(db, author, photo.idea_id).await?;
    idea_photo::Entity::delete_by_id(photo_id).exec(db).await?;
    for key in [&photo.large_key, &photo.thumbnail_key] {
        if let Some(key) = PhotoKey::parse(key)
            && let Err(error) = store.delete(&key).await
        {
            tracing::warn!(%error, "a removed photo's file stays behind");
        }
    }
    Ok(photo.idea_id)
}
