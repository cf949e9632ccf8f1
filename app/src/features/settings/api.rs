// A server function's arguments are its form's fields, one each.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;

use crate::error::AppError;

/// Saves the municipality's settings. Admins only.
#[server(endpoint = "admin/settings")]
pub async fn save_settings(
    name: String,
    brand_color: String,
    logo_path: String,
    districts: String,
    support_threshold: String,
    support_window_days: String,
    auto_hide_reports: String,
    pre_moderation: Option<String>,
    hold_comments_days: String,
    ideas_per_hour: String,
    comments_per_hour: String,
    supports_per_hour: String,
    reports_per_day: String,
    people_per_address: String,
) -> Result<(), AppError> {
    use super::service::{self, SettingsChange};
    use super::types::{
        Municipality, RateLimits, Thresholds, parse_brand_color, parse_count, parse_list,
        parse_logo_path, parse_name,
    };
    use crate::features::accounts::types::Role;
    use crate::server::{app_state, auth};

    let admin = auth::require_role(Role::Admin)?;
    let typed = serde_json::json!({
        "name": name, "brand_color": brand_color, "logo_path": logo_path, "districts": districts,
        "support_threshold": support_threshold,
        "support_window_days": support_window_days, "auto_hide_reports": auto_hide_reports,
        "hold_comments_days": hold_comments_days, "ideas_per_hour": ideas_per_hour,
        "comments_per_hour": comments_per_hour, "supports_per_hour": supports_per_hour,
        "reports_per_day": reports_per_day, "people_per_address": people_per_address,
    });
    let keep = |error: AppError| error.keeping(&typed);
    let count = |field: &str, value: &str, range| parse_count(field, value, range).map_err(keep);
    let change = SettingsChange {
        municipality: Municipality {
            name: parse_name(&name).map_err(keep)?,
            brand_color: parse_brand_color(&brand_color).map_err(keep)?,
            logo_path: parse_logo_path(&logo_path).map_err(keep)?,
        },
        districts: parse_list("districts", &districts).map_err(keep)?,
        thresholds: Thresholds {
            support_threshold: parse_count("support_threshold", &support_threshold, 1..=100_000)
                .map_err(keep)?,
            support_window_days: parse_count("support_window_days", &support_window_days, 1..=3650)
                .map_err(keep)?,
            auto_hide_reports: parse_count("auto_hide_reports", &auto_hide_reports, 1..=100)
                .map_err(keep)?,
            pre_moderation: pre_moderation.is_some(),
            hold_comments_days: count("hold_comments_days", &hold_comments_days, 0..=365)?,
        },
        limits: RateLimits {
            ideas_per_hour: count("ideas_per_hour", &ideas_per_hour, 1..=10_000)?,
            comments_per_hour: count("comments_per_hour", &comments_per_hour, 1..=10_000)?,
            supports_per_hour: count("supports_per_hour", &supports_per_hour, 1..=100_000)?,
            reports_per_day: count("reports_per_day", &reports_per_day, 1..=10_000)?,
            people_per_address: count("people_per_address", &people_per_address, 1..=100_000)?,
        },
    };
    let state = app_state()?;
    service::save_by(&state.db, &admin, change).await?;
    state.settings.forget();
    crate::server::responses::redirect("/admin/settings?saved=1");
    Ok(())
}
