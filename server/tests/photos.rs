//! Photos of ideas: checked by content, re-encoded without EXIF or GPS,
//! resized, served with long cache headers; bad uploads store nothing.
//! Both databases.
mod common;

use std::path::Path;

use anyhow::{Context, ensure};
use app::entities::idea_photo;
use common::ideas::{draft, idea_form, municipality, participant};
use common::people::Person;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use sea_orm::{EntityTrait, PaginatorTrait};

on_both_backends!(
    a_phone_photo_is_stored_without_its_location_and_served_for_a_year,
    bad_uploads_get_a_clear_message_and_store_nothing,
    only_the_author_adds_or_removes_photos,
);

fn fixture(name: &str) -> anyhow::Result<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    std::fs::read(&path).with_context(|| format!("fixture {}", path.display()))
}

async fn upload(
    app: &TestApp,
    who: &Person,
    idea_id: i64,
    files: Vec<(&str, Vec<u8>)>,
) -> anyhow::Result<reqwest::Response> {
    let mut form = Form::new()
        .text("idea_id", idea_id.to_string())
        .text("description", "Sykkelstativet ved stasjonen");
    for (name, bytes) in files {
        form = form.part(
            "photos",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("image/jpeg")?,
        );
    }
    Ok(app
        .post_same_origin("/api/ideas/photos")
        .header("accept", "application/json")
        .header("cookie", &who.cookie)
        .multipart(form)
        .send()
        .await?)
}

fn stored_files(app: &TestApp) -> usize {
    std::fs::read_dir(app.config.data_dir.join("photos"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .count()
        })
        .unwrap_or(0)
}

async fn a_phone_photo_is_stored_without_its_location_and_served_for_a_year(
    app: TestApp,
) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = draft(
        &app,
        &kari,
        &idea_form("Sykkelparkering ved Sandvika stasjon", "Tekst"),
    )
    .await?;
    let original = fixture("gps-portrait.jpg")?;
    ensure!(
        original.windows(3).any(|w| w == b"GPS"),
        "the fixture carries GPS tags"
    );
    let response = upload(&app, &kari, id, vec![("IMG_0001.jpg", original)]).await?;
    ensure!(
        response.status().is_success(),
        "upload: {} {}",
        response.status(),
        response.text().await?
    );
    let photos = idea_photo::Entity::find().all(&app.db).await?;
    let photo = photos.first().context("a stored photo")?;
    // Stored pixels were 800×600 with "rotate 90°": the photo stands upright.
    assert_eq!((photo.width, photo.height), (600, 800));
    assert_eq!(photo.description, "Sykkelstativet ved stasjonen");
    assert_eq!(stored_files(&app), 2);
    for key in [&photo.large_key, &photo.thumbnail_key] {
        let served = app.get(&format!("/photos/{key}")).await?;
        assert_eq!(served.status(), StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/jpeg");
        assert_eq!(
            served.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        let bytes = served.bytes().await?;
        ensure!(bytes.starts_with(&[0xFF, 0xD8]), "a JPEG");
        ensure!(
            !bytes.windows(4).any(|w| w == b"Exif") && !bytes.windows(3).any(|w| w == b"GPS"),
            "no EXIF left"
        );
    }
    let page = common::people::get_as(&app, Some(&kari), &format!("/ideas/{id}"))
        .await?
        .text()
        .await?;
    ensure!(
        page.contains(&photo.large_key) && page.contains("alt=\"Sykkelstativet ved stasjonen\""),
        "the page shows it"
    );
    assert_eq!(
        app.get("/photos/..%2F..%2Fetc%2Fpasswd").await?.status(),
        StatusCode::NOT_FOUND
    );
    Ok(())
}

async fn bad_uploads_get_a_clear_message_and_store_nothing(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let id = draft(
        &app,
        &kari,
        &idea_form("Sykkelparkering ved Sandvika stasjon", "Tekst"),
    )
    .await?;
    let mut eleven_megabytes = fixture("gps-portrait.jpg")?;
    eleven_megabytes.resize(11 * 1024 * 1024, 0);
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("tekst.jpg", fixture("not-a-photo.jpg")?, "NotAPhoto"),
        ("animasjon.jpg", fixture("animation.gif")?, "NotAPhoto"),
        ("stor.jpg", eleven_megabytes, "PhotoTooLarge"),
        ("bombe.png", fixture("bomb.png")?, "PhotoTooManyPixels"),
    ];
    for (name, bytes, problem) in cases {
        let response = upload(&app, &kari, id, vec![(name, bytes)]).await?;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name}"
        );
        let body: serde_json::Value = response.json().await?;
        assert_eq!(body["Validation"]["field"], "photos", "{name}");
        assert_eq!(body["Validation"]["problem"], problem, "{name}");
    }
    assert_eq!(idea_photo::Entity::find().count(&app.db).await?, 0);
    assert_eq!(stored_files(&app), 0);

    // One bad file among good ones: none is kept.
    let mixed = vec![
        ("a.png", fixture("transparent.png")?),
        ("b.jpg", fixture("not-a-photo.jpg")?),
    ];
    assert_eq!(
        upload(&app, &kari, id, mixed).await?.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(idea_photo::Entity::find().count(&app.db).await?, 0);

    // Four fit; the fifth does not.
    let four = vec![
        ("1.png", fixture("transparent.png")?),
        ("2.webp", fixture("photo.webp")?),
        ("3.jpg", fixture("gps-portrait.jpg")?),
        ("4.png", fixture("transparent.png")?),
    ];
    ensure!(
        upload(&app, &kari, id, four).await?.status().is_success(),
        "four photos"
    );
    let fifth = upload(&app, &kari, id, vec![("5.webp", fixture("photo.webp")?)]).await?;
    assert_eq!(fifth.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: serde_json::Value = fifth.json().await?;
    assert_eq!(body["Validation"]["problem"], "TooManyPhotos");
    assert_eq!(idea_photo::Entity::find().count(&app.db).await?, 4);
    assert_eq!(stored_files(&app), 8);
    Ok(())
}

async fn only_the_author_adds_or_removes_photos(app: TestApp) -> anyhow::Result<()> {
    municipality(&app).await?;
    let kari = participant(&app, "kari@example.no", "Kari").await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    let id = draft(
        &app,
        &kari,
        &idea_form("Sykkelparkering ved Sandvika stasjon", "Tekst"),
    )
    .await?;
    let refused = upload(&app, &ola, id, vec![("a.png", fixture("transparent.png")?)]).await?;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    ensure!(
        upload(
            &app,
            &kari,
            id,
            vec![("a.png", fixture("transparent.png")?)]
        )
        .await?
        .status()
        .is_success(),
        "upload"
    );
    let photo = idea_photo::Entity::find()
        .one(&app.db)
        .await?
        .context("the photo")?;
    let photo_id = photo.id.to_string();
    let remove = [("photo_id", photo_id.as_str())];
    let path = "/api/ideas/photos/remove";
    assert_eq!(
        common::people::post_as(&app, Some(&ola), path, &remove)
            .await?
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(idea_photo::Entity::find().count(&app.db).await?, 1);
    ensure!(
        common::people::post_as(&app, Some(&kari), path, &remove)
            .await?
            .status()
            .is_success(),
        "the author removes it"
    );
    assert_eq!(idea_photo::Entity::find().count(&app.db).await?, 0);
    assert_eq!(stored_files(&app), 0);
    Ok(())
}
