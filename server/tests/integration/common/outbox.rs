//! The emails the embedded default writes as `.eml` files to
//! `DATA_DIR/outbox`, read as a person's mail program would show them.

use super::{TestApp, eventually};

/// The text of the newest email in the outbox folder, with the
/// quoted-printable soft line breaks undone, once one has been written.
pub async fn newest_email(app: &TestApp) -> anyhow::Result<String> {
    let folder = app.config.data_dir.join("outbox");
    let text = eventually("an email in the outbox folder", || {
        let folder = folder.clone();
        async move {
            let Ok(entries) = std::fs::read_dir(&folder) else {
                return Ok(None);
            };
            let mut emails = Vec::new();
            for entry in entries {
                let path = entry?.path();
                if path.extension().is_some_and(|ext| ext == "eml") {
                    emails.push(std::fs::read_to_string(path)?);
                }
            }
            Ok(emails.pop())
        }
    })
    .await?;
    Ok(text
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "="))
}
