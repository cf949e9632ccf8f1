use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::accounts::types::Role;
use crate::features::admin::{api::find_accounts, components::AccountAccessForm};
use crate::i18n::t;

/// Find accounts by name or email and set their roles and departments.
/// Rendered only when its data is ready (the route is `SsrMode::Async`), so
/// it works without JavaScript.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let search = query.get("q").unwrap_or_default();
    let saved = query.get("saved").is_some();
    super::behind_gate(Role::Admin, move |_viewer| {
        let results = Resource::new_blocking(
            {
                let search = search.clone();
                move || search.clone()
            },
            find_accounts,
        );
        view! {
            <Title text=t.admin_users_title />
            <div class="page">
                <h1 class="ds-heading" data-size="lg">{t.admin_users_title}</h1>
                {saved.then(|| view! { <div class="ds-alert" data-color="success" role="status"><p>{t.me_saved}</p></div> })}
                <form method="get" action="/admin/users" role="search" class="search-form">
                    <div class="ds-field">
                        <label class="ds-label" for="user-search" data-weight="medium">{t.admin_users_search}</label>
                        <input class="ds-input" id="user-search" name="q" type="search" value=search.clone() />
                    </div>
                    <button type="submit" class="ds-button" data-variant="secondary">{t.search}</button>
                </form>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {move || {
                        let search = search.clone();
                        Suspend::new(async move {
                            match results.await {
                                Ok((accounts, departments)) if accounts.is_empty() => {
                                    let _ = departments;
                                    view! { <p class="ds-paragraph">{t.admin_users_none}</p> }.into_any()
                                }
                                Ok((accounts, departments)) => view! {
                                    <ul class="account-list">
                                        {accounts.into_iter().map(|account| view! {
                                            <AccountAccessForm account departments=departments.clone() query=search.clone() />
                                        }).collect_view()}
                                    </ul>
                                }.into_any(),
                                Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                            }
                        })
                    }}
                </Suspense>
            </div>
        }
    })
}
