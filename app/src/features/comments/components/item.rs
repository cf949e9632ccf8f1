use leptos::prelude::*;

use super::forms::{DeleteDisclosure, EditDisclosure, ReplyDisclosure};
use crate::features::comments::types::CommentView;
use crate::features::ideas::components::author_line;
use crate::features::moderation::components::{HiddenNotice, HideOrRestore, ReportForm};
use crate::features::moderation::types::Item;
use crate::features::supports::components::{
    SupportCount, SupportTarget, SupportTexts, SupportToggle,
};
use crate::features::supports::types::SupportState;
use crate::i18n::{fill, t, use_locale};
use crate::time::format_oslo;

/// One comment (or its tombstone) with the replies shown under it and a
/// link to the rest. `page` is the address it is shown on, for the forms
/// to come back to.
#[component]
pub fn CommentItem(comment: CommentView, page: String) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let id = comment.id;
    let idea_id = comment.idea_id;
    let more = comment.more_replies();
    let heading_id = format!("comment-{id}-by");
    let withheld = comment.withheld();
    let header = if comment.deleted {
        view! { <p class="comment__by" id=heading_id.clone()>{t.comment_deleted}</p> }.into_any()
    } else if withheld {
        view! { <p class="comment__by" id=heading_id.clone()>{t.comment_hidden}</p> }.into_any()
    } else {
        let by = comment
            .author
            .as_ref()
            .map(|author| author_line(t, author))
            .unwrap_or_default();
        view! {
            <p class="comment__by" id=heading_id.clone()>
                <strong>{by}</strong>
                {comment.stance.map(|stance| view! { " "<span class="stance-badge" data-stance=stance.as_str()>{stance.label(t)}</span> })}
            </p>
        }
        .into_any()
    };
    let replies = comment.replies.clone();
    let viewer = comment.viewer.clone();
    let support = if comment.deleted || withheld {
        None
    } else if viewer.can_support {
        let target = SupportTarget::Comment {
            id,
            page: page.clone(),
        };
        Some(
            view! {
                <SupportToggle
                    texts=SupportTexts::for_target(&target)
                    target
                    state=SupportState { supported: viewer.supported, count: comment.support_count }
                />
            }
            .into_any(),
        )
    } else {
        Some(view! { <SupportCount count=comment.support_count comment=true /> }.into_any())
    };
    view! {
        <li class="comment" id=format!("comment-{id}") data-depth=comment.depth>
            <article class="comment__body" aria-labelledby=heading_id>
                {header}
                <p class="comment__meta ds-paragraph" data-size="sm">
                    <time datetime=comment.created_at.to_rfc3339()>{format_oslo(comment.created_at, locale)}</time>
                    {comment.edited.then(|| view! { " · "{t.comment_edited} })}
                </p>
                {comment.hidden.clone().filter(|_| !comment.deleted).map(|hidden| view! { <HiddenNotice hidden sees_it=!withheld /> })}
                {comment.held.then(|| view! { <p class="ds-paragraph comment__held" data-size="sm">{t.comment_held}</p> })}
                {(!comment.deleted && !withheld).then(|| view! { <div class="prose comment__text" inner_html=comment.body_html.clone()></div> })}
                <div class="comment__actions">
                    {support}
                    {viewer.can_reply.then(|| view! { <ReplyDisclosure idea_id parent_id=id /> })}
                    {viewer.can_edit.then(|| view! { <EditDisclosure comment=comment.clone() page=page.clone() /> })}
                    {viewer.can_delete.then(|| view! { <DeleteDisclosure comment_id=id page=page.clone() /> })}
                    {viewer.can_report.then(|| view! { <ReportForm item=Item::Comment(id) return_to=page.clone() reported=viewer.reported about_author=true /> })}
                    {(viewer.moderates && !comment.deleted).then(|| view! { <HideOrRestore item=Item::Comment(id) hidden=comment.hidden.clone() return_to=page.clone() /> })}
                </div>
            </article>
            {(!replies.is_empty()).then(|| view! {
                <ol class="comment-list comment-list--replies">
                    {replies.into_iter().map(|reply| view! { <CommentItem comment=reply page=page.clone() /> }.into_any()).collect_view()}
                </ol>
            })}
            {(more > 0).then(|| view! {
                <p class="ds-paragraph comment__more" data-size="sm">
                    <a class="ds-link" href=format!("/ideas/{idea_id}/comments/{id}")>{fill(t.comment_more_replies, &[("count", &more.to_string())])}</a>
                </p>
            })}
        </li>
    }
}
