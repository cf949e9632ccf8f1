use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::features::notifications::api::load_unsubscribe;
use crate::features::notifications::types::EmailChoice;
use crate::i18n::{fill, t};

/// `/unsubscribe?token=…`: the page every notification email links to. It
/// works signed out. Opening it changes nothing (mail scanners open links);
/// the button posts, as the mail program's own unsubscribe button does.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let token = query.get("token").unwrap_or_default();
    let done = query.get("done").is_some();
    let link = Resource::new_blocking(move || token.clone(), load_unsubscribe);
    view! {
        <Title text=t.unsubscribe_title />
        <Meta name="robots" content="noindex" />
        <div class="page narrow-page">
            <h1 class="ds-heading" data-size="lg">{t.unsubscribe_title}</h1>
            <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    let token = query_token();
                    match link.await {
                        Ok(view) if done || view.email_choice == EmailChoice::Off => view! {
                            <div class="ds-alert" data-color="success" role="status">
                                <p>{fill(t.unsubscribe_done, &[("email", &view.masked_email)])}</p>
                            </div>
                            <p class="ds-paragraph">{t.unsubscribe_again}" "<a class="ds-link" href="/notifications">{t.notifications_title}</a></p>
                        }
                        .into_any(),
                        Ok(view) => view! {
                            <p class="ds-paragraph">{fill(t.unsubscribe_lead, &[("email", &view.masked_email)])}</p>
                            <form method="post" action="/unsubscribe" class="form">
                                <input type="hidden" name="token" value=token />
                                <button type="submit" class="ds-button">{t.unsubscribe_button}</button>
                            </form>
                        }
                        .into_any(),
                        Err(error) => view! {
                            <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div>
                            <p class="ds-paragraph">{t.unsubscribe_signed_in}" "<a class="ds-link" href="/notifications">{t.notifications_title}</a></p>
                        }
                        .into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn query_token() -> String {
    use_query_map()
        .get_untracked()
        .get("token")
        .unwrap_or_default()
}
