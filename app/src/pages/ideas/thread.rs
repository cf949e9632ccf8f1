use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map, use_query_map};

use crate::error::AppError;
use crate::features::comments::api::load_comment_thread;
use crate::features::comments::components::CommentItem;
use crate::features::comments::types::CommentThread;
use crate::i18n::{fill, t};
use crate::pages::failed::failed_page;

/// `/ideas/{id}/comments/{comment_id}`: one comment with all its replies,
/// a page at a time (the idea page shows only the first few under each).
#[component]
pub fn CommentThreadPage() -> impl IntoView {
    let t = t();
    let params = use_params_map().get_untracked();
    let idea_id = params.get("id").and_then(|id| id.parse::<i64>().ok());
    let comment_id = params
        .get("comment_id")
        .and_then(|id| id.parse::<i64>().ok());
    let after = use_query_map().get_untracked().get("after");
    let path = use_location().pathname.get_untracked();
    let thread = Resource::new_blocking(
        move || (comment_id, after.clone()),
        |(comment_id, after)| async move {
            match comment_id {
                Some(id) => load_comment_thread(id, after).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || {
                let path = path.clone();
                Suspend::new(async move {
                    match thread.await {
                        // The address must name the idea the comment is on.
                        Ok(thread) if Some(thread.idea_id) == idea_id => {
                            view! { <ThreadView thread path /> }.into_any()
                        }
                        Ok(_) => failed_page(AppError::NotFound),
                        Err(error) => failed_page(error),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn ThreadView(thread: CommentThread, path: String) -> impl IntoView {
    let t = t();
    let idea_id = thread.idea_id;
    let title = fill(t.thread_title, &[("title", &thread.idea_title)]);
    let parent_link = match thread.comment.parent_id {
        Some(parent) => format!("/ideas/{idea_id}/comments/{parent}"),
        None => format!("/ideas/{idea_id}#comment-{}", thread.comment.id),
    };
    let next = thread
        .next
        .clone()
        .map(|cursor| format!("{path}?after={cursor}"));
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <div class="page comment-thread-page">
            <h1 class="ds-heading" data-size="md">{title}</h1>
            <p class="ds-paragraph">
                <a class="ds-link" href=format!("/ideas/{idea_id}")>{t.thread_back_to_idea}</a>
                " · "
                <a class="ds-link" href=parent_link>{t.thread_up}</a>
            </p>
            <ol class="comment-list">
                <CommentItem comment=thread.comment page=path.clone() />
            </ol>
            {next.map(|href| view! { <p class="ds-paragraph"><a class="ds-link" href=href>{t.thread_more}</a></p> })}
        </div>
    }
}
