use leptos::prelude::*;

use super::api::SetAccess;
use super::types::AccountRow;
use crate::components::forms::FormAlert;
use crate::features::accounts::types::Role;
use crate::features::departments::types::Department;
use crate::i18n::{Messages, t};

fn role_label(t: &'static Messages, role: Role) -> &'static str {
    match role {
        Role::Staff => t.role_staff,
        Role::Moderator => t.role_moderator,
        Role::Admin => t.role_admin,
    }
}

/// One account with its roles and departments as checkboxes, saved together.
#[component]
pub fn AccountAccessForm(
    account: AccountRow,
    departments: Vec<Department>,
    query: String,
) -> impl IntoView {
    let t = t();
    let action = ServerAction::<SetAccess>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let id = account.id;
    let heading_id = format!("account-{id}");
    // A retired department is offered only to the people still in it, so
    // saving keeps them there or takes them out, never puts anyone in.
    let choices: Vec<Department> = departments
        .into_iter()
        .filter(|department| !department.retired || account.department_ids.contains(&department.id))
        .collect();
    view! {
        <li class="ds-card account-row">
            <h2 class="ds-heading" data-size="xs" id=heading_id.clone()>{account.display_name.clone()}</h2>
            <p class="ds-paragraph" data-size="sm">{account.email.clone()}</p>
            <ActionForm action attr:class="form" attr:aria-labelledby=heading_id.clone()>
                <FormAlert error />
                <input type="hidden" name="account_id" value=id />
                <input type="hidden" name="return_query" value=query />
                <fieldset class="settings-group">
                    <legend class="ds-label">{t.admin_roles}</legend>
                    {Role::ALL.into_iter().map(|role| view! {
                        <label class="checkbox">
                            <input type="checkbox" name=role.as_str() value="on" checked=account.roles.contains(&role) />
                            " "{role_label(t, role)}
                        </label>
                    }).collect_view()}
                </fieldset>
                {(!choices.is_empty()).then(|| view! {
                    <fieldset class="settings-group">
                        <legend class="ds-label">{t.admin_departments}</legend>
                        {choices.iter().map(|department| view! {
                            <label class="checkbox">
                                <input type="checkbox" name="departments[]" value=department.id
                                    checked=account.department_ids.contains(&department.id) />
                                " "{department.label(t)}
                            </label>
                        }).collect_view()}
                    </fieldset>
                })}
                <button type="submit" class="ds-button" data-variant="secondary">{t.admin_save_access}</button>
            </ActionForm>
        </li>
    }
}
