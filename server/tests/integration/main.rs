//! Samskap's integration tests, in one test binary: each file of this folder
//! is a module of it, so the server is linked once, not once per file.
//! nextest still runs every test in a process of its own, with a database of
//! its own (`common`), so a module may rely on nothing shared but the files.
//!
//! To add tests, put `your_feature.rs` in this folder, start it with
//! `use crate::common;` (the harness: `TestApp`, `on_both_backends!`,
//! people, ideas, outbox, SMTP) and add `mod your_feature;` below, in
//! alphabetical order. A test file directly in `server/tests/` would be a
//! binary of its own again; `every_test_file_is_a_module_of_this_binary`
//! fails while one is there or a file here is not listed.

#[macro_use]
mod common;

mod account_emails;
mod accounts;
mod admin;
mod api;
mod audit;
mod built_files;
mod challenge_editing;
mod challenges;
mod command_line;
mod comments;
mod departments;
mod feeds;
mod gains;
mod gains_rollups;
mod generate;
mod goals;
mod guides;
mod hardening;
mod hidden_notifications;
mod idea_export;
mod idea_lifecycle;
mod ideas;
mod idempotency;
mod languages;
mod listing;
mod long_forms;
mod mail;
mod moderation;
mod notifications;
mod observability;
mod official_responses;
mod own_data;
mod page_basics;
mod parallel_responses;
mod partners;
mod photo_store;
mod photos;
mod pipeline;
mod pipeline_work;
mod platform;
mod replica;
mod restrictions;
mod return_to;
mod search;
mod solutions;
mod sqlite_shared_file;
mod supports;
mod two_instances;

#[test]
fn every_test_file_is_a_module_of_this_binary() -> std::io::Result<()> {
    let tests = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests");
    let rust_files = |folder: &std::path::Path| -> std::io::Result<Vec<String>> {
        let mut names = Vec::new();
        for entry in std::fs::read_dir(folder)? {
            let path = entry?.path();
            if path.extension().is_some_and(|ext| ext == "rs") {
                names.extend(path.file_stem().map(|s| s.to_string_lossy().into_owned()));
            }
        }
        Ok(names)
    };
    let stray = rust_files(&tests)?;
    assert!(
        stray.is_empty(),
        "move {stray:?} into server/tests/integration/ and list them in its main.rs"
    );
    let main = std::fs::read_to_string(tests.join("integration/main.rs"))?;
    let unlisted: Vec<String> = rust_files(&tests.join("integration"))?
        .into_iter()
        .filter(|name| name != "main" && !main.contains(&format!("\nmod {name};\n")))
        .collect();
    assert!(
        unlisted.is_empty(),
        "list {unlisted:?} as modules in server/tests/integration/main.rs"
    );
    Ok(())
}
