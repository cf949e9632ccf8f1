//! Photos of an idea: up to four, added and removed by the author while the
//! idea may still be changed. The upload is read as it streams in: the
//! idea and the uploader are checked before a byte of a photo is read, and
//! each file is refused as soon as it passes its limit. Every upload is
//! checked by its content, re-encoded (which strips EXIF and GPS) and
//! resized before anything is stored; a rejected upload stores nothing.

use std::sync::{Arc, LazyLock};

use chrono::Utc;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter,
};
use tokio::sync::Semaphore;

use super::types::{PHOTO_DESCRIPTION_MAX, PHOTOS_MAX};
use crate::entities::idea_photo;
use crate::error::{AppError, Problem};
use crate::features::accounts::types::Viewer;
use crate::features::photos::process::MAX_PHOTO_BYTES;
use crate::features::photos::process::{PhotoRejection, ProcessedPhoto, process};
use crate::features::photos::store::{PhotoKey, PhotoKind, PhotoStore};
use crate::server::idempotency::IdempotencyKey;
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

/// The most bytes a photo form's short parts may carry: an idea's number
/// and an idempotency key (a UUID, 36 characters) with room to spare.
const IDEA_ID_BYTES_MAX: usize = 20;
const KEY_BYTES_MAX: usize = 64;

/// The bytes of one part of the multipart upload, refused as soon as they
/// pass their limit: nothing more of the part is read or kept.
pub struct BoundedPart {
    bytes: Vec<u8>,
    limit: usize,
    over_limit: AppError,
}

impl BoundedPart {
    fn new(limit: usize, over_limit: AppError) -> Self {
        Self {
            bytes: Vec::new(),
            limit,
            over_limit,
        }
    }

    pub fn push(&mut self, chunk: &[u8]) -> Result<(), AppError> {
        if self.bytes.len() + chunk.len() > self.limit {
            return Err(self.over_limit.clone());
        }
        self.bytes.extend_from_slice(chunk);
        Ok(())
    }

    fn into_text(self) -> Result<String, AppError> {
        String::from_utf8(self.bytes).map_err(|_| AppError::BadRequest)
    }
}

/// The text parts of the photo form: the idea and the idempotency key,
/// which must come before the files (so both are known, and the uploader
/// checked, before a byte of a photo is read), and the description, which
/// may come anywhere.
#[derive(Default)]
pub struct UploadForm {
    idea_id: Option<i64>,
    key: Option<IdempotencyKey>,
    description: String,
}

impl UploadForm {
    pub const FILES: &str = "photos";

    /// A bounded buffer for the text part `name`; `None` for a part the
    /// form does not have (it is skipped unread).
    pub fn text_part(name: &str) -> Option<BoundedPart> {
        let (limit, over_limit) = match name {
            "idea_id" => (IDEA_ID_BYTES_MAX, AppError::BadRequest),
            "idempotency_key" => (KEY_BYTES_MAX, AppError::BadRequest),
            // Checked in characters once read (`parse_description`).
            "description" => (
                PHOTO_DESCRIPTION_MAX * 4,
                AppError::invalid("description", Problem::TooLong),
            ),
            _ => return None,
        };
        Some(BoundedPart::new(limit, over_limit))
    }

    pub fn set(&mut self, name: &str, part: BoundedPart) -> Result<(), AppError> {
        let text = part.into_text()?;
        match name {
            "idea_id" => self.idea_id = text.trim().parse().ok(),
            "idempotency_key" => self.key = Some(IdempotencyKey::parse(&text)?),
            "description" => self.description = parse_description(&text)?,
            _ => {}
        }
        Ok(())
    }

    /// The idea and the key; a form whose files came before them is malformed.
    pub fn idea_and_key(&self) -> Result<(i64, IdempotencyKey), AppError> {
        match (self.idea_id, &self.key) {
            (Some(idea_id), Some(key)) => Ok((idea_id, key.clone())),
            _ => Err(AppError::BadRequest),
        }
    }

    pub fn description(&self) -> &str {
        &self.description
    }
}

/// Checks, before any file is read, that `author` may take part, wrote
/// idea `idea_id` and may still change it.
pub async fn check_uploader(
    db: &DatabaseConnection,
    author: &Viewer,
    idea_id: i64,
) -> Result<(), AppError> {
    super::service::editable_by(db, author, idea_id).await
}

/// The photos of one upload, decoded one by one as they arrive, so at most
/// one file's bytes are held at a time.
pub struct Batch {
    idea_id: i64,
    room: usize,
    photos: Vec<ProcessedPhoto>,
}

impl Batch {
    /// Refuses at once when the idea already has all its photos.
    pub async fn open(db: &DatabaseConnection, idea_id: i64) -> Result<Self, AppError> {
        let room = PHOTOS_MAX.saturating_sub(photo_count(db, idea_id).await?);
        if room == 0 {
            return Err(AppError::invalid("photos", Problem::TooManyPhotos));
        }
        Ok(Self {
            idea_id,
            room,
            photos: Vec::with_capacity(room),
        })
    }

    /// A buffer for the next file: up to 10 MB, or none at all when the
    /// idea has no room left (an empty part, a form sent with no file
    /// chosen, still fits).
    pub fn file_part(&self) -> BoundedPart {
        if self.photos.len() == self.room {
            BoundedPart::new(0, AppError::invalid("photos", Problem::TooManyPhotos))
        } else {
            BoundedPart::new(
                MAX_PHOTO_BYTES,
                AppError::invalid("photos", Problem::PhotoTooLarge),
            )
        }
    }

    /// Checks and re-encodes one file; an empty part is no file.
    pub async fn add(&mut self, part: BoundedPart) -> Result<(), AppError> {
        if !part.bytes.is_empty() {
            self.photos.push(decode(part.bytes).await?);
        }
        Ok(())
    }

    /// Stores the photos: all or nothing. The files are written first; the
    /// rows go in under the idea's row lock after a fresh count, so two
    /// uploads at once cannot take the idea past four photos.
    pub async fn store(
        self,
        db: &DatabaseConnection,
        store: &Arc<dyn PhotoStore>,
        author: &Viewer,
        description: &str,
    ) -> Result<(), AppError> {
        if self.photos.is_empty() {
            return Err(AppError::invalid("photos", Problem::Required));
        }
        let idea_id = self.idea_id;
        let mut stored: Vec<PhotoKey> = Vec::new();
        let outcome = match put_files(store, self.photos, &mut stored).await {
            Ok(files) => insert_rows(db, author, idea_id, files, description).await,
            Err(error) => Err(error),
        };
        if outcome.is_err() {
            for key in &stored {
                let _ = store.delete(key).await;
            }
        }
        outcome
    }
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

/// A photo's two files as stored, and its size, for its row.
struct StoredPhoto {
    large: PhotoKey,
    thumbnail: PhotoKey,
    width: u32,
    height: u32,
}

/// Writes every photo's two files; `stored` collects their keys, so the
/// caller can remove them if anything later fails.
async fn put_files(
    store: &Arc<dyn PhotoStore>,
    photos: Vec<ProcessedPhoto>,
    stored: &mut Vec<PhotoKey>,
) -> Result<Vec<StoredPhoto>, AppError> {
    let io = |error: std::io::Error| {
        tracing::error!(%error, "cannot store a photo");
        AppError::Internal
    };
    let mut files = Vec::with_capacity(photos.len());
    for photo in photos {
        let large = PhotoKey::new_random(PhotoKind::Large);
        let thumbnail = PhotoKey::new_random(PhotoKind::Thumb);
        store.put(&large, photo.large).await.map_err(io)?;
        stored.push(large.clone());
        store.put(&thumbnail, photo.thumbnail).await.map_err(io)?;
        stored.push(thumbnail.clone());
        files.push(StoredPhoto {
            large,
            thumbnail,
            width: photo.width,
            height: photo.height,
        });
    }
    Ok(files)
}

/// The rows of `files`, in one transaction that holds the idea's row lock:
/// the idea must still be the author's to change, and have room for all.
async fn insert_rows(
    db: &DatabaseConnection,
    author: &Viewer,
    idea_id: i64,
    files: Vec<StoredPhoto>,
    description: &str,
) -> Result<(), AppError> {
    let transaction = crate::server::transactions::begin(db).await?;
    super::service::lock_idea(&transaction, idea_id).await?;
    super::service::editable_by(&transaction, author, idea_id).await?;
    if photo_count(&transaction, idea_id).await? + files.len() > PHOTOS_MAX {
        return Err(AppError::invalid("photos", Problem::TooManyPhotos));
    }
    let now = Utc::now();
    idea_photo::Entity::insert_many(files.into_iter().map(|file| idea_photo::ActiveModel {
        idea_id: Set(idea_id),
        large_key: Set(file.large.as_str().to_owned()),
        thumbnail_key: Set(file.thumbnail.as_str().to_owned()),
        width: Set(i32::try_from(file.width).unwrap_or(i32::MAX)),
        height: Set(i32::try_from(file.height).unwrap_or(i32::MAX)),
        description: Set(description.to_owned()),
        created_at: Set(now),
        ..Default::default()
    }))
    .exec(&transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

async fn photo_count(db: &impl ConnectionTrait, idea_id: i64) -> Result<usize, AppError> {
    let count = idea_photo::Entity::find()
        .filter(idea_photo::Column::IdeaId.eq(idea_id))
        .count(db)
        .await?;
    Ok(usize::try_from(count).unwrap_or(usize::MAX))
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
