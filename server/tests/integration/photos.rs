//! Photos of ideas: checked by content, re-encoded without EXIF or GPS,
//! resized, served with long cache headers; bad uploads store nothing.
//! Both databases.
use crate::common;

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
    the_same_upload_sent_twice_with_one_key_stores_its_photos_once,
    two_uploads_at_once_leave_at_most_four_photos,
    someone_else_is_refused_before_the_file_is_read,
    a_file_before_the_idea_id_is_refused,
);

pub(crate) fn fixture(name: &str) -> anyhow::Result<Vec<u8>> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/photos")
        .join(name);
    std::fs::read(&path).with_context(|| format!("fixture {}", path.display()))
}

pub(crate) async fn upload(
    app: &TestApp,
    who: &Person,
    idea_id: i64,
    files: Vec<(&str, Vec<u8>)>,
) -> anyhow::Result<reqwest::Response> {
    let key = uuid::Uuid::new_v4().to_string();
    upload_with_key(app, who, idea_id, &key, files).await
}

/// The upload form as the edit page sends it: the idea and the
/// idempotency key first, then the files, then the description.
async fn upload_with_key(
    app: &TestApp,
    who: &Person,
    idea_id: i64,
    key: &str,
    files: Vec<(&str, Vec<u8>)>,
) -> anyhow::Result<reqwest::Response> {
    let form = Form::new()
        .text("idea_id", idea_id.to_string())
        .text("idempotency_key", key.to_owned());
    let form = with_files(form, files)?.text("description", "Sykkelstativet ved stasjonen");
    send(app, who, form).await
}

fn with_files(mut form: Form, files: Vec<(&str, Vec<u8>)>) -> anyhow::Result<Form> {
    for (name, bytes) in files {
        form = form.part(
            "photos",
            Part::bytes(bytes)
                .file_name(name.to_owned())
                .mime_str("image/jpeg")?,
        );
    }
    Ok(form)
}

async fn send(app: &TestApp, who: &Person, form: Form) -> anyhow::Result<reqwest::Response> {
    Ok(app
        .post_same_origin("/api/ideas/photos")
        .header("accept", "application/json")
        .header("cookie", &who.cookie)
        .multipart(form)
        .send()
        .await?)
}

async fn photo_count(app: &TestApp) -> anyhow::Result<u64> {
    Ok(idea_photo::Entity::find().count(&app.db).await?)
}

pub(crate) async fn kari_with_a_draft(app: &TestApp) -> anyhow::Result<(Person, i64)> {
    municipality(app).await?;
    let kari = participant(app, "kari@example.no", "Kari").await?;
    let id = draft(
        app,
        &kari,
        &idea_form("Sykkelparkering ved Sandvika stasjon", "Tekst"),
    )
    .await?;
    Ok((kari, id))
}

pub(crate) fn stored_files(app: &TestApp) -> usize {
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

async fn the_same_upload_sent_twice_with_one_key_stores_its_photos_once(
    app: TestApp,
) -> anyhow::Result<()> {
    let (kari, id) = kari_with_a_draft(&app).await?;
    let key = uuid::Uuid::new_v4().to_string();
    for attempt in ["first", "repeat"] {
        let files = vec![("a.png", fixture("transparent.png")?)];
        let response = upload_with_key(&app, &kari, id, &key, files).await?;
        ensure!(
            response.status().is_success(),
            "{attempt}: {} {}",
            response.status(),
            response.text().await?
        );
    }
    assert_eq!(photo_count(&app).await?, 1);
    assert_eq!(stored_files(&app), 2);
    Ok(())
}

async fn two_uploads_at_once_leave_at_most_four_photos(app: TestApp) -> anyhow::Result<()> {
    let (kari, id) = kari_with_a_draft(&app).await?;
    let three = || -> anyhow::Result<Vec<(&str, Vec<u8>)>> {
        Ok(vec![
            ("1.png", fixture("transparent.png")?),
            ("2.webp", fixture("photo.webp")?),
            ("3.jpg", fixture("gps-portrait.jpg")?),
        ])
    };
    let (first, second) = tokio::join!(
        upload(&app, &kari, id, three()?),
        upload(&app, &kari, id, three()?)
    );
    let statuses = [first?.status(), second?.status()];
    let stored = photo_count(&app).await?;
    ensure!(stored <= 4, "{stored} photos after {statuses:?}");
    assert_eq!(
        statuses.iter().filter(|status| status.is_success()).count(),
        1,
        "{statuses:?}"
    );
    ensure!(
        statuses.contains(&StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    assert_eq!(stored, 3);
    assert_eq!(stored_files(&app), 6, "the refused upload's files are gone");
    Ok(())
}

async fn someone_else_is_refused_before_the_file_is_read(app: TestApp) -> anyhow::Result<()> {
    let (_, id) = kari_with_a_draft(&app).await?;
    let ola = participant(&app, "ola@example.no", "Ola").await?;
    // Over the 10 MB cap: read, it would be refused as too large; the
    // refusal must come from who sends it, before any of it is read.
    let mut huge = fixture("gps-portrait.jpg")?;
    huge.resize(30 * 1024 * 1024, 0);
    let started = std::time::Instant::now();
    let answer = upload(&app, &ola, id, vec![("stor.jpg", huge)]).await;
    let took = started.elapsed();
    match answer {
        Ok(response) => assert_eq!(
            response.status(),
            StatusCode::NOT_FOUND,
            "{}",
            response.text().await?
        ),
        // The server may answer and close while the client still sends.
        Err(error) => eprintln!("the upload was cut off: {error:#}"),
    }
    eprintln!("refused in {took:?}");
    ensure!(
        took < std::time::Duration::from_secs(5),
        "refused after {took:?}"
    );
    assert_eq!(photo_count(&app).await?, 0);
    assert_eq!(stored_files(&app), 0);
    Ok(())
}

async fn a_file_before_the_idea_id_is_refused(app: TestApp) -> anyhow::Result<()> {
    let (kari, id) = kari_with_a_draft(&app).await?;
    let form = with_files(Form::new(), vec![("a.png", fixture("transparent.png")?)])?
        .text("idea_id", id.to_string())
        .text("idempotency_key", uuid::Uuid::new_v4().to_string());
    assert_eq!(
        send(&app, &kari, form).await?.status(),
        StatusCode::BAD_REQUEST
    );
    let without_key = with_files(
        Form::new().text("idea_id", id.to_string()),
        vec![("a.png", fixture("transparent.png")?)],
    )?;
    assert_eq!(
        send(&app, &kari, without_key).await?.status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(photo_count(&app).await?, 0);
    Ok(())
}
