use leptos::prelude::*;
use server_fn::ServerFn as _;

use crate::components::forms::{
    FileField, FormAlert, IdempotencyKeyField, TextField, returned_error,
};
use crate::features::ideas::api::{RemovePhoto, UploadPhotos};
use crate::features::ideas::types::{PHOTO_DESCRIPTION_MAX, PHOTOS_MAX, Photo};
use crate::i18n::{fill, t};

/// The photos of the author's idea: each with a button to remove it, and a
/// form to add more from the phone's camera or photo library. The form is
/// a plain multipart post, so it works without JavaScript.
#[component]
pub fn PhotoManager(idea_id: i64, photos: Vec<Photo>) -> impl IntoView {
    let t = t();
    let error = returned_error::<UploadPhotos>();
    let remove = ServerAction::<RemovePhoto>::new();
    let remove_error: Signal<_> =
        Signal::derive(move || remove.value().get().and_then(Result::err));
    let room = PHOTOS_MAX.saturating_sub(photos.len());
    view! {
        <section class="photo-manager" aria-labelledby="photos-heading">
            <h2 class="ds-heading" data-size="sm" id="photos-heading">{t.photos_title}</h2>
            <FormAlert error=remove_error />
            {(!photos.is_empty()).then(|| view! {
                <ul class="photo-grid">
                    {photos.into_iter().enumerate().map(|(index, photo)| {
                        let label = fill(t.photo_remove, &[("number", &(index + 1).to_string())]);
                        view! {
                            <li>
                                <img src=photo.thumbnail_url alt=photo.description.clone() loading="lazy" />
                                <form method="post" action=RemovePhoto::url() class="form">
                                    <input type="hidden" name="photo_id" value=photo.id />
                                    <button type="submit" class="ds-button" data-variant="tertiary" data-size="sm">{label}</button>
                                </form>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            })}
            {if room == 0 {
                view! { <p class="ds-paragraph">{t.photos_full}</p> }.into_any()
            } else {
                let hint = fill(t.photos_hint, &[("count", &room.to_string())]);
                view! {
                    <form method="post" action=UploadPhotos::url() enctype="multipart/form-data" class="form">
                        <FormAlert error fields=&["photos", "description"] />
                        // The idea and the key come before the files: the
                        // server checks them before it reads a photo.
                        <input type="hidden" name="idea_id" value=idea_id />
                        <IdempotencyKeyField />
                        <FileField id="idea-photos" name="photos" label=t.photos_choose error
                            accept="image/jpeg,image/png,image/webp" multiple=true hint />
                        <TextField id="idea-photo-description" name="description" label=t.photos_description error
                            hint=t.photos_description_hint max_length=PHOTO_DESCRIPTION_MAX />
                        <button type="submit" class="ds-button" data-variant="secondary">{t.photos_upload}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}
