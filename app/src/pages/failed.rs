use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::error_message::ErrorText;
use crate::error::AppError;
use crate::i18n::t;

/// The page shown when a page's data cannot be had: not found (404), sign
/// in first (to `/login`), no access (403), or what else went wrong, with
/// the error's own status.
pub fn failed_page(error: AppError) -> AnyView {
    match error {
        AppError::NotFound => view! { <super::NotFoundPage /> }.into_any(),
        AppError::Unauthorized => {
            #[cfg(feature = "ssr")]
            crate::server::responses::redirect_to_sign_in();
            ().into_any()
        }
        other => {
            #[cfg(feature = "ssr")]
            crate::server::responses::set_page_status(other.status());
            let t = t();
            view! {
                <Title text=t.error_page_title />
                <div class="page">
                    <h1 class="ds-heading" data-size="lg">{t.error_page_title}</h1>
                    <div class="ds-alert" data-color="danger" role="alert"><ErrorText error=other /></div>
                </div>
            }
            .into_any()
        }
    }
}

/// The data of a page about one item (`/ideas/{id}`): loaded by `load`
/// for the id in the address; `NotFound` when the id is not a number.
pub fn resource_for_id<T, Fut>(
    load: impl Fn(i64) -> Fut + Send + Sync + 'static,
) -> Resource<Result<T, AppError>>
where
    T: serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
    Fut: std::future::Future<Output = Result<T, AppError>> + Send + 'static,
{
    let id = leptos_router::hooks::use_params_map()
        .get_untracked()
        .get("id")
        .and_then(|id| id.parse::<i64>().ok());
    Resource::new_blocking(
        move || id,
        move |id| {
            let loading = id.map(&load);
            async move {
                match loading {
                    Some(loading) => loading.await,
                    None => Err(AppError::NotFound),
                }
            }
        },
    )
}

/// A success note at the top of a page.
pub fn saved_note(text: &'static str) -> impl IntoView {
    view! { <div class="ds-alert" data-color="success" role="status"><p>{text}</p></div> }
}
