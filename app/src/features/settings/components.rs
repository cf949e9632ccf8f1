use leptos::prelude::*;

use super::api::SaveSettings;
use super::types::{LIST_ENTRY_MAX, NAME_MAX, Settings};
use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, FormError};
use crate::i18n::t;

/// One labelled input or textarea of the settings form, showing the stored
/// value, or what was typed when the form came back rejected.
#[component]
fn SettingField(
    name: &'static str,
    label: &'static str,
    stored: String,
    error: FormError,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] max_length: Option<usize>,
    #[prop(default = "text")] kind: &'static str,
) -> impl IntoView {
    let id = format!("settings-{name}");
    let hint_id = format!("{id}-hint");
    let value = move || {
        error
            .get()
            .and_then(|e| e.echoed(name).map(str::to_owned))
            .unwrap_or_else(|| stored.clone())
    };
    let problem = move || error.get().filter(|e| e.field() == Some(name));
    let described_by = hint.map(|_| hint_id.clone());
    view! {
        <div class="ds-field">
            <label class="ds-label" for=id.clone() data-weight="medium">{label}</label>
            {hint.map(|hint| view! { <p class="ds-paragraph field-hint" data-size="sm" id=hint_id.clone()>{hint}</p> })}
            {if multiline {
                view! {
                    <textarea class="ds-input" id=id.clone() name=name rows="6" aria-describedby=described_by.clone()
                        aria-invalid=move || problem().map(|_| "true")>{value}</textarea>
                }.into_any()
            } else {
                view! {
                    <input class="ds-input" id=id.clone() name=name type=kind value=value maxlength=max_length
                        aria-describedby=described_by.clone() aria-invalid=move || problem().map(|_| "true") />
                }.into_any()
            }}
            {move || problem().map(|error| view! {
                <p class="ds-validation-message" data-field="validation"><ErrorText error /></p>
            })}
        </div>
    }
}

#[component]
pub fn SettingsForm(settings: Settings) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SaveSettings>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let Settings {
        municipality,
        districts,
        thresholds,
        limits,
    } = settings;
    view! {
        <ActionForm action attr:class="form" attr:novalidate=true>
            <FormAlert error fields=&["name", "brand_color", "logo_path", "districts", "support_threshold", "support_window_days", "auto_hide_reports", "hold_comments_days", "ideas_per_hour", "comments_per_hour", "supports_per_hour", "reports_per_day", "people_per_address"] />
            <fieldset class="settings-group">
                <legend class="ds-heading" data-size="xs">{t.settings_municipality}</legend>
                <SettingField name="name" label=t.settings_name stored=municipality.name error max_length=NAME_MAX />
                <SettingField name="brand_color" label=t.settings_brand_color stored=municipality.brand_color error hint=t.settings_brand_color_hint kind="color" />
                <SettingField name="logo_path" label=t.settings_logo_path stored=municipality.logo_path.unwrap_or_default() error hint=t.settings_logo_path_hint />
            </fieldset>
            <fieldset class="settings-group">
                <legend class="ds-heading" data-size="xs">{t.settings_places_and_units}</legend>
                <SettingField name="districts" label=t.settings_districts stored=districts.join("\n") error hint=t.settings_one_per_line multiline=true max_length=LIST_ENTRY_MAX />
                <p class="ds-paragraph" data-size="sm">
                    {t.settings_departments_elsewhere}" "<a class="ds-link" href="/admin/departments">{t.departments_title}</a>
                </p>
            </fieldset>
            <fieldset class="settings-group">
                <legend class="ds-heading" data-size="xs">{t.settings_thresholds}</legend>
                <SettingField name="support_threshold" label=t.settings_support_threshold stored=thresholds.support_threshold.to_string() error kind="number" />
                <SettingField name="support_window_days" label=t.settings_support_window_days stored=thresholds.support_window_days.to_string() error kind="number" />
                <SettingField name="auto_hide_reports" label=t.settings_auto_hide_reports stored=thresholds.auto_hide_reports.to_string() error kind="number" />
                <div class="ds-field">
                    <label class="checkbox">
                        <input type="checkbox" name="pre_moderation" value="on" checked=thresholds.pre_moderation />
                        " "{t.settings_pre_moderation}
                    </label>
                </div>
                <SettingField name="hold_comments_days" label=t.settings_hold_comments_days stored=thresholds.hold_comments_days.to_string() error hint=t.settings_hold_comments_days_hint kind="number" />
            </fieldset>
            <fieldset class="settings-group">
                <legend class="ds-heading" data-size="xs">{t.settings_limits}</legend>
                <p class="ds-paragraph" data-size="sm">{t.settings_limits_hint}</p>
                <SettingField name="ideas_per_hour" label=t.settings_ideas_per_hour stored=limits.ideas_per_hour.to_string() error kind="number" />
                <SettingField name="comments_per_hour" label=t.settings_comments_per_hour stored=limits.comments_per_hour.to_string() error kind="number" />
                <SettingField name="supports_per_hour" label=t.settings_supports_per_hour stored=limits.supports_per_hour.to_string() error kind="number" />
                <SettingField name="reports_per_day" label=t.settings_reports_per_day stored=limits.reports_per_day.to_string() error kind="number" />
                <SettingField name="people_per_address" label=t.settings_people_per_address stored=limits.people_per_address.to_string() error hint=t.settings_people_per_address_hint kind="number" />
            </fieldset>
            <button type="submit" class="ds-button" data-variant="primary">{t.settings_save}</button>
        </ActionForm>
    }
}
