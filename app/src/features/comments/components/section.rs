use leptos::prelude::*;

use super::forms::CommentForm;
use super::item::CommentItem;
use crate::features::comments::types::{CommentSort, CommentsPage};
use crate::i18n::{fill, t};

/// The comments under an idea: the stance tally, the form, the order, a
/// page of comments and the link to the next page.
#[component]
pub fn CommentsSection(page: CommentsPage, path: String) -> impl IntoView {
    let t = t();
    let idea_id = page.idea_id;
    let stances = page.stances;
    let sort = page.sort;
    let tally = [
        (t.stance_for, stances.for_),
        (t.stance_against, stances.against),
        (t.stance_neutral, stances.neutral),
    ];
    let form = if !page.can_comment {
        view! { <p class="ds-paragraph">{t.comments_closed}</p> }.into_any()
    } else if page.signed_in {
        view! { <CommentForm idea_id parent_id=None /> }.into_any()
    } else {
        view! {
            <p class="ds-paragraph">
                <a class="ds-link" href=crate::features::accounts::sign_in_href(&format!("/ideas/{idea_id}#comments"))>{t.comment_sign_in}</a>
            </p>
        }
        .into_any()
    };
    let next = page.next.clone().map(|cursor| {
        format!(
            "/ideas/{idea_id}?comments={}&after={}#comments",
            sort.as_str(),
            crate::text::percent_encode(&cursor)
        )
    });
    view! {
        <section class="comments" id="comments" aria-labelledby="comments-heading">
            <h2 class="ds-heading" data-size="sm" id="comments-heading">
                {fill(t.comments_heading, &[("count", &page.total.to_string())])}
            </h2>
            <p class="ds-paragraph stance-tally" data-size="sm">
                <span>{t.comments_stances}" "</span>
                {tally.into_iter().enumerate().map(|(index, (label, count))| view! {
                    {(index > 0).then_some(" · ")}
                    <span>{label}": "{count}</span>
                }).collect_view()}
            </p>
            {form}
            {(page.total > 0).then(|| view! {
                <nav class="comment-sort" aria-label=t.comments_sort_label>
                    <ul class="link-list link-list--inline">
                        {CommentSort::ALL.into_iter().map(|option| view! {
                            <li>
                                <a class="ds-link" href=format!("/ideas/{idea_id}?comments={}#comments", option.as_str())
                                    aria-current=(option == sort).then_some("true")>{option.label(t)}</a>
                            </li>
                        }).collect_view()}
                    </ul>
                </nav>
            })}
            <ol class="comment-list">
                {page.comments.into_iter().map(|comment| view! { <CommentItem comment page=path.clone() /> }).collect_view()}
            </ol>
            {next.map(|href| view! { <p class="ds-paragraph"><a class="ds-link" href=href>{t.comments_more}</a></p> })}
        </section>
    }
}
