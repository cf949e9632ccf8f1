use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::features::notifications::api::load_notifications;
use crate::features::notifications::components::{
    EmailChoiceForm, FollowingList, NotificationList,
};
use crate::i18n::t;
use crate::pages::failed::{failed_page, saved_note};

/// `/notifications`: what happened to what I follow, how I get it by
/// email, and what I follow.
#[component]
pub fn NotificationsPage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let before = query.get("before").and_then(|id| id.parse::<i64>().ok());
    let saved = query.get("saved").is_some();
    let page = Resource::new_blocking(move || before, load_notifications);
    view! {
        <Title text=t.notifications_title />
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! {
                        <div class="page notifications-page">
                            <h1 class="ds-heading" data-size="lg">{t.notifications_title}</h1>
                            {saved.then(|| saved_note(t.email_choice_saved))}
                            <NotificationList items=page.items />
                            {page.older.map(|older| view! {
                                <p class="ds-paragraph"><a class="ds-link" href=format!("/notifications?before={older}")>{t.notifications_older}</a></p>
                            })}
                            <section aria-labelledby="email-heading">
                                <h2 class="ds-heading" data-size="sm" id="email-heading">{t.email_choice_title}</h2>
                                <EmailChoiceForm current=page.email_choice />
                            </section>
                            <section id="following" aria-labelledby="following-heading">
                                <h2 class="ds-heading" data-size="sm" id="following-heading">{t.following_title}</h2>
                                <FollowingList following=page.following />
                            </section>
                        </div>
                    }
                    .into_any(),
                    Err(error) => failed_page(error),
                }
            })}
        </Suspense>
    }
}
