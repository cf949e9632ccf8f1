//! Turns the translation files `locales/{nb,nn,en}.json` into Rust: one
//! `Messages` struct with a field per key, and one static table per language.
//! A key missing from any language, an extra key, or a `{placeholder}` that
//! differs between languages fails the build, so no page ever shows a hole.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

const LOCALES: [&str; 3] = ["nb", "nn", "en"];

fn main() {
    println!("cargo:rerun-if-changed=locales");
    let tables: Vec<(&str, BTreeMap<String, String>)> = LOCALES
        .iter()
        .map(|locale| {
            let path = format!("locales/{locale}.json");
            println!("cargo:rerun-if-changed={path}");
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
            let table = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"));
            (*locale, table)
        })
        .collect();

    let keys: BTreeSet<&String> = tables.iter().flat_map(|(_, table)| table.keys()).collect();
    let mut problems = Vec::new();
    for key in &keys {
        if !is_identifier(key) {
            problems.push(format!("key {key:?} is not a snake_case Rust identifier"));
        }
        let mut placeholders_by_locale = Vec::new();
        for (locale, table) in &tables {
            match table.get(*key) {
                None => problems.push(format!("{locale}.json lacks {key:?}")),
                Some(text) if text.trim().is_empty() => {
                    problems.push(format!("{locale}.json has an empty {key:?}"))
                }
                Some(text) => placeholders_by_locale.push((locale, placeholders(text))),
            }
        }
        if let Some((first_locale, first)) = placeholders_by_locale.first() {
            for (locale, other) in &placeholders_by_locale[1..] {
                if other != first {
                    problems.push(format!("{key:?}: placeholders {other:?} in {locale} differ from {first:?} in {first_locale}"));
                }
            }
        }
    }
    if !problems.is_empty() {
        panic!(
            "the translations are incomplete:\n  {}",
            problems.join("\n  ")
        );
    }

    let mut out = String::from(
        "/// Every sentence of the interface, in one language.\npub struct Messages {\n",
    );
    for key in &keys {
        let _ = writeln!(out, "    pub {key}: &'static str,");
    }
    out.push_str("}\n");
    for (locale, table) in &tables {
        let _ = writeln!(
            out,
            "pub static {}: Messages = Messages {{",
            locale.to_uppercase()
        );
        for (key, text) in table {
            let _ = writeln!(out, "    {key}: {text:?},");
        }
        out.push_str("};\n");
    }
    let out_dir = std::env::var("OUT_DIR").unwrap_or_else(|e| panic!("OUT_DIR: {e}"));
    std::fs::write(Path::new(&out_dir).join("messages.rs"), out)
        .unwrap_or_else(|e| panic!("cannot write messages.rs: {e}"));
}

fn is_identifier(key: &str) -> bool {
    key.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && key
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn placeholders(text: &str) -> BTreeSet<&str> {
    text.split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .collect()
}
