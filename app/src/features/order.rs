//! Keeps the feature order of README.md ("Features, lowest first") true:
//! a feature's rules may use only the features below it, so no two
//! features depend on each other, and a new dependency that would make a
//! circle fails this test instead of growing unseen.
//!
//! Each file of a feature is one of three kinds:
//! - *surface*: `api.rs` (server functions), `components`, and `page.rs`
//!   (a page's read model, which gathers several features). A surface may
//!   use any feature; only surfaces and `crate::pages` may use a surface.
//! - *words*: `types.rs`, `status.rs`, `transitions.rs`: the types that
//!   cross the wire and their pure rules. Any file may use them; they use
//!   only other features' words and the lowest level.
//! - *rules*: every other file (commands, queries, jobs). They use the rules
//!   of lower features only.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

type Problem = Box<dyn std::error::Error>;

const SURFACES: [&str; 3] = ["api", "components", "page"];
const WORDS: [&str; 3] = ["types", "status", "transitions"];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FileKind {
    Surface,
    Words,
    Rules,
}

fn kind_of(module: Option<&str>) -> FileKind {
    match module {
        Some(name) if SURFACES.contains(&name) => FileKind::Surface,
        Some(name) if WORDS.contains(&name) => FileKind::Words,
        // A one-file feature (`focus_area.rs`) is words or rules by what it
        // holds; the order below places it, so it counts as rules.
        _ => FileKind::Rules,
    }
}

/// The README's order: each line a level, lowest first; features on one
/// line are peers that may not use each other.
fn readme_levels(readme: &str) -> Result<HashMap<String, usize>, Problem> {
    let block = readme
        .split("<!-- feature order -->")
        .nth(1)
        .and_then(|rest| rest.split("```").nth(1))
        .ok_or("README.md has no fenced block after <!-- feature order -->")?;
    let mut levels = HashMap::new();
    for (level, line) in block.lines().skip(1).enumerate() {
        let names = line.split("  ").next().unwrap_or_default();
        for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
            levels.insert(name.to_owned(), level);
        }
    }
    Ok(levels)
}

/// Every `crate::features::x::y` a file names, as (x, y).
fn references(source: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    for (at, _) in source.match_indices("crate::features::") {
        let rest = &source[at + "crate::features::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let inner = group.split('}').next().unwrap_or_default();
            for path in inner.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                found.push(split(path));
            }
        } else {
            let path: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            found.push(split(&path));
        }
    }
    found
}

fn split(path: &str) -> (String, Option<String>) {
    let mut parts = path.split("::").filter(|part| !part.is_empty());
    let feature = parts.next().unwrap_or_default().to_owned();
    let module = parts
        .next()
        .filter(|part| part.chars().next().is_some_and(char::is_lowercase))
        .map(str::to_owned);
    (feature, module)
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) -> Result<(), Problem> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            rust_files(&path, into)?;
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            into.push(path);
        }
    }
    Ok(())
}

/// A file's feature, and its module within it (`ideas/service.rs` is
/// ("ideas", Some("service")); `ideas/components/card.rs` is components).
fn place(features: &Path, file: &Path) -> Option<(String, Option<String>)> {
    let relative = file.strip_prefix(features).ok()?;
    let mut parts = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned());
    let first = parts.next()?;
    match parts.next() {
        None if first == "mod.rs" || first == "order.rs" => None,
        None => Some((first.trim_end_matches(".rs").to_owned(), None)),
        Some(second) => Some((first, Some(second.trim_end_matches(".rs").to_owned()))),
    }
}

#[test]
fn every_feature_uses_only_the_features_below_it() -> Result<(), Problem> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let levels = readme_levels(&std::fs::read_to_string(root.join("../README.md"))?)?;
    let features = root.join("src/features");
    let mut files = Vec::new();
    rust_files(&features, &mut files)?;
    let mut wrong = Vec::new();
    for file in files {
        let Some((feature, module)) = place(&features, &file) else {
            continue;
        };
        let Some(&level) = levels.get(&feature) else {
            wrong.push(format!("{feature}: not in README.md's feature order"));
            continue;
        };
        let kind = kind_of(module.as_deref());
        let source = std::fs::read_to_string(&file)?;
        for (used, used_module) in references(&source) {
            if used == feature {
                continue;
            }
            let used_kind = kind_of(used_module.as_deref());
            let allowed = match (kind, used_kind) {
                (FileKind::Surface, _) => true,
                (_, FileKind::Surface) => false,
                (_, FileKind::Words) => true,
                // Words may use the lowest level: the words every feature shares.
                (FileKind::Words, FileKind::Rules) => levels.get(&used) == Some(&0),
                (FileKind::Rules, FileKind::Rules) => levels
                    .get(&used)
                    .is_some_and(|used_level| *used_level < level),
            };
            if !allowed {
                let module = used_module.unwrap_or_default();
                wrong.push(format!(
                    "{} ({kind:?}) uses {used}::{module} ({used_kind:?})",
                    file.strip_prefix(&features).unwrap_or(&file).display()
                ));
            }
        }
    }
    wrong.sort();
    wrong.dedup();
    assert!(
        wrong.is_empty(),
        "dependencies against README.md's feature order:\n{}",
        wrong.join("\n")
    );
    Ok(())
}

#[test]
fn references_are_read_from_paths_and_groups() {
    let source = "use crate::features::ideas::status::IdeaStatus;\n\
                  use crate::features::{challenges, supports::service};\n\
                  crate::features::focus_area::FocusArea::ALL";
    assert_eq!(
        references(source),
        [
            ("ideas".to_owned(), Some("status".to_owned())),
            ("challenges".to_owned(), None),
            ("supports".to_owned(), Some("service".to_owned())),
            ("focus_area".to_owned(), None),
        ]
    );
}
