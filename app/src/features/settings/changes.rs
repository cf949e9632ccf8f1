//! What a settings change changed, in words for the audit log.

use super::service::SettingsChange;
use super::types::Settings;

/// `field: old → new` for each changed value, and `+added −removed` for the
/// lists, separated by "; ". Empty when nothing changed.
pub fn describe(before: &Settings, after: &SettingsChange) -> String {
    let mut changes = Vec::new();
    let mut value = |name: &str, old: String, new: String| {
        if old != new {
            changes.push(format!("{name}: {old} → {new}"));
        }
    };
    value(
        "name",
        before.municipality.name.clone(),
        after.municipality.name.clone(),
    );
    value(
        "brand_color",
        before.municipality.brand_color.clone(),
        after.municipality.brand_color.clone(),
    );
    value(
        "logo_path",
        before.municipality.logo_path.clone().unwrap_or_default(),
        after.municipality.logo_path.clone().unwrap_or_default(),
    );
    let (old, new) = (before.thresholds, after.thresholds);
    value(
        "support_threshold",
        old.support_threshold.to_string(),
        new.support_threshold.to_string(),
    );
    value(
        "support_window_days",
        old.support_window_days.to_string(),
        new.support_window_days.to_string(),
    );
    value(
        "auto_hide_reports",
        old.auto_hide_reports.to_string(),
        new.auto_hide_reports.to_string(),
    );
    value(
        "pre_moderation",
        old.pre_moderation.to_string(),
        new.pre_moderation.to_string(),
    );
    value(
        "hold_comments_days",
        old.hold_comments_days.to_string(),
        new.hold_comments_days.to_string(),
    );
    let (old, new) = (before.limits, after.limits);
    for (name, old, new) in [
        ("ideas_per_hour", old.ideas_per_hour, new.ideas_per_hour),
        (
            "comments_per_hour",
            old.comments_per_hour,
            new.comments_per_hour,
        ),
        (
            "supports_per_hour",
            old.supports_per_hour,
            new.supports_per_hour,
        ),
        ("reports_per_day", old.reports_per_day, new.reports_per_day),
        (
            "people_per_address",
            old.people_per_address,
            new.people_per_address,
        ),
    ] {
        value(name, old.to_string(), new.to_string());
    }
    list(
        &mut changes,
        "districts",
        &before.districts,
        &after.districts,
    );
    changes.join("; ")
}

fn list(changes: &mut Vec<String>, name: &str, before: &[String], after: &[String]) {
    let added: Vec<String> = after
        .iter()
        .filter(|item| !before.contains(item))
        .map(|item| format!("+{item}"))
        .collect();
    let removed: Vec<String> = before
        .iter()
        .filter(|item| !after.contains(item))
        .map(|item| format!("−{item}"))
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        changes.push(format!("{name}: {}", [added, removed].concat().join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::settings::types::{RateLimits, Thresholds};

    #[test]
    fn only_what_changed_is_named() {
        let before = Settings {
            districts: vec!["Sandvika".into(), "Jar".into()],
            ..Settings::default()
        };
        let after = SettingsChange {
            municipality: before.municipality.clone(),
            districts: vec!["Sandvika".into(), "Fornebu".into()],
            thresholds: Thresholds {
                support_threshold: 30,
                pre_moderation: true,
                ..Thresholds::default()
            },
            limits: RateLimits {
                people_per_address: 200,
                ..before.limits
            },
        };
        assert_eq!(
            describe(&before, &after),
            "support_threshold: 50 → 30; pre_moderation: false → true; \
             people_per_address: 50 → 200; districts: +Fornebu −Jar"
        );
        let same = SettingsChange {
            municipality: before.municipality.clone(),
            districts: before.districts.clone(),
            thresholds: before.thresholds,
            limits: before.limits,
        };
        assert_eq!(describe(&before, &same), "");
    }
}
