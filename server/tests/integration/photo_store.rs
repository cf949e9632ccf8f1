//! Photos in S3-compatible object storage (`PHOTO_STORE=s3://…`), tested
//! against a real local S3 server: an upload lands in the bucket and
//! nowhere on disk, any instance serves it, removing it removes the
//! objects, and a bad `PHOTO_STORE` stops the server with one line.
use crate::common;

use anyhow::{Context, ensure};
use app::entities::idea_photo;
use common::s3::S3Server;
use common::{Backend, TestApp};
use reqwest::StatusCode;
use sea_orm::EntityTrait;

use crate::photos::{fixture, kari_with_a_draft, stored_files, upload};

on_both_backends_by_backend!(photos_live_in_the_bucket_and_every_instance_serves_them);

async fn photos_live_in_the_bucket_and_every_instance_serves_them(
    backend: Backend,
) -> anyhow::Result<()> {
    let mut s3 = S3Server::start().await?;
    let settings = s3.settings("photos");
    let env: Vec<(&str, &str)> = settings.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let app = TestApp::spawn_with(backend, &env).await?;
    let (kari, id) = kari_with_a_draft(&app).await?;
    let uploaded = upload(
        &app,
        &kari,
        id,
        vec![("IMG_0001.jpg", fixture("gps-portrait.jpg")?)],
    )
    .await?;
    ensure!(
        uploaded.status().is_success(),
        "upload: {}",
        uploaded.status()
    );

    let photo = idea_photo::Entity::find()
        .one(&app.db)
        .await?
        .context("the photo")?;
    let mut keys = s3.keys().await?;
    keys.sort();
    let mut expected = vec![
        format!("photos/{}", photo.large_key),
        format!("photos/{}", photo.thumbnail_key),
    ];
    expected.sort();
    ensure!(keys == expected, "the bucket holds {keys:?}");
    ensure!(stored_files(&app) == 0, "nothing on this machine's disk");

    // Another instance, as on another machine, serves the same bytes.
    let other = app.spawn_another_instance(&env).await?;
    for instance in [&app, &other] {
        let served = instance
            .get(&format!("/photos/{}", photo.large_key))
            .await?;
        ensure!(served.status() == StatusCode::OK);
        let bytes = served.bytes().await?.to_vec();
        let stored = s3.object(&format!("photos/{}", photo.large_key)).await?;
        ensure!(
            bytes == stored,
            "the bucket's bytes ({} served)",
            bytes.len()
        );
    }
    ensure!(
        app.get("/photos/0123456789abcdef0123456789abcdef-large.jpg")
            .await?
            .status()
            == StatusCode::NOT_FOUND,
        "an unknown key is not found"
    );

    let photo_id = photo.id.to_string();
    let removed = common::people::post_as(
        &other,
        Some(&kari),
        "/api/ideas/photos/remove",
        &[("photo_id", photo_id.as_str())],
    )
    .await?;
    ensure!(
        removed.status().is_success(),
        "remove: {}",
        removed.status()
    );
    ensure!(s3.keys().await?.is_empty(), "the objects are gone");
    ensure!(s3.running());
    Ok(())
}

#[test]
fn a_photo_store_that_is_no_bucket_stops_the_server_with_one_line() -> anyhow::Result<()> {
    for value in ["s3://", "s3://A_Bucket", "/var/photos", "gs://bilder"] {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_samskap"))
            .env_clear()
            .env("PHOTO_STORE", value)
            .output()?;
        let stderr = String::from_utf8_lossy(&output.stderr);
        ensure!(output.status.code() == Some(2), "{value}: {stderr}");
        ensure!(
            stderr.trim_end().lines().count() == 1 && stderr.contains("PHOTO_STORE"),
            "{stderr}"
        );
    }
    Ok(())
}
