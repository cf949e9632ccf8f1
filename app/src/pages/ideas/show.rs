use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_query_map};

use crate::components::forms::FormAlert;
use crate::features::comments::api::load_comments;
use crate::features::comments::components::CommentsSection;
use crate::features::follows::components::FollowButton;
use crate::features::follows::types::Subject;
use crate::features::gains::components::{LessonEditor, PublicBenefits, PublicLesson};
use crate::features::gains::types::takes_lesson;
use crate::features::goals::components::GoalNames;
use crate::features::ideas::api::{WithdrawIdea, load_idea};
use crate::features::ideas::components::{IdeaMeta, author_line};
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::types::IdeaDetail;
use crate::features::moderation::components::{HiddenNotice, IdeaModeration, ReportForm};
use crate::features::moderation::types::Item;
use crate::features::pipeline::components::{OfficialResponseBox, Timeline, newest_response};
use crate::features::pipeline::staff_panel::StaffWork;
use crate::features::supports::components::{
    SupportCount, SupportTarget, SupportTexts, SupportToggle,
};
use crate::features::supports::types::SupportState;
use crate::i18n::{fill, t, use_locale};
use crate::pages::failed::{failed_page, resource_for_id, saved_note};
use crate::text::percent_encode;
use crate::time::format_oslo;

/// `/ideas/{id}`: the idea with its photos, who posted it and where it stands.
#[component]
pub fn IdeaPage() -> impl IntoView {
    let t = t();
    let detail = resource_for_id(load_idea);
    let query = use_query_map().get_untracked();
    let published = query.get("published").is_some();
    let comments_sort = query.get("comments");
    let comments_after = query.get("after");
    let path = use_location().pathname.get_untracked();
    let search = use_location().search.get_untracked();
    let page = if search.is_empty() {
        path
    } else {
        format!("{path}?{search}")
    };
    let comments =
        resource_for_id(move |id| load_comments(id, comments_sort.clone(), comments_after.clone()));
    view! {
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
            {move || {
                let page = page.clone();
                Suspend::new(async move {
                    match (detail.await, comments.await) {
                        (Ok(idea), _) if idea.redacted() => view! { <HiddenIdea idea /> }.into_any(),
                        (Ok(idea), Ok(comments)) => view! {
                            <IdeaView idea published path=page.clone() />
                            <CommentsSection page=comments path=page />
                        }
                        .into_any(),
                        (Err(error), _) | (_, Err(error)) => failed_page(error),
                    }
                })
            }}
        </Suspense>
    }
}

/// A hidden idea as everyone but its author and moderators sees it: the
/// reason, and nothing of the idea.
#[component]
fn HiddenIdea(idea: IdeaDetail) -> impl IntoView {
    let t = t();
    view! {
        <Title text=t.idea_hidden_title />
        <article class="page idea-page">
            <h1 class="ds-heading" data-size="lg">{t.idea_hidden_title}</h1>
            {idea.hidden.map(|hidden| view! { <HiddenNotice hidden /> })}
            <p class="ds-paragraph"><a class="ds-link" href="/ideas">{t.idea_back_to_list}</a></p>
        </article>
    }
}

#[component]
fn IdeaView(idea: IdeaDetail, published: bool, path: String) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let card = idea.card.clone();
    let id = card.id;
    let public_url = public_url();
    let share_url = format!("{public_url}ideas/{id}");
    view! {
        <Title text=card.title.clone() />
        <Meta name="description" content=card.summary.clone() />
        <article class="page idea-page">
            {published.then(|| saved_note(t.idea_published_note))}
            {(card.status == IdeaStatus::Draft).then(|| view! {
                <div class="ds-alert" data-color="warning"><p>{t.idea_draft_note}" "<a class="ds-link" href=format!("/ideas/{id}/edit")>{t.idea_continue}</a></p></div>
            })}
            {(card.status == IdeaStatus::AwaitingApproval).then(|| view! {
                <div class="ds-alert" data-color="info"><p>{t.idea_awaiting_note}</p></div>
            })}
            {idea.hidden.clone().map(|hidden| view! { <HiddenNotice hidden sees_it=true /> })}
            {idea.duplicate_of.clone().map(|target| view! {
                <div class="ds-alert" data-color="info">
                    <p>{t.idea_merged_into}" "<a class="ds-link" href=format!("/ideas/{}", target.id)>{target.title}</a></p>
                </div>
            })}
            <h1 class="ds-heading" data-size="lg">{card.title.clone()}</h1>
            <IdeaMeta idea=card.clone() />
            <p class="ds-paragraph idea-page__summary" data-size="lg">{card.summary.clone()}</p>
            {newest_response(&idea.timeline).map(|(response, earlier)| view! { <OfficialResponseBox response earlier /> })}
            {(!idea.photos.is_empty()).then(|| view! {
                <div class="idea-photos">
                    {idea.photos.iter().map(|photo| view! {
                        <figure class="idea-photo">
                            <a href=photo.large_url.clone()>
                                <img src=photo.large_url.clone() alt=photo.description.clone() width=photo.width height=photo.height loading="lazy" />
                            </a>
                            <figcaption class="ds-paragraph" data-size="sm">{photo.description.clone()}</figcaption>
                        </figure>
                    }).collect_view()}
                </div>
            })}
            <div class="prose" inner_html=idea.body_html.clone()></div>
            <dl class="idea-facts">
                <dt>{t.idea_posted_by}</dt>
                <dd>{author_line(t, &card.author)}</dd>
                {idea.challenge.clone().map(|challenge| view! {
                    <dt>{t.idea_challenge}</dt>
                    <dd><a class="ds-link" href=format!("/challenges/{}", challenge.id)>{challenge.title}</a></dd>
                })}
                {(!idea.goals.is_empty()).then(|| view! {
                    <dt>{t.goals_title}</dt>
                    <dd><GoalNames goals=idea.goals.clone() /></dd>
                })}
                {(!idea.tags.is_empty()).then(|| view! {
                    <dt>{t.idea_tags}</dt>
                    <dd>
                        <ul class="tag-list">
                            {idea.tags.iter().map(|tag| view! {
                                <li><a class="ds-link" href=crate::features::ideas::listing::ListQuery::default().href_with(&[("tag", Some(tag.clone()))])>{tag.clone()}</a></li>
                            }).collect_view()}
                        </ul>
                    </dd>
                })}
            </dl>
            <section class="idea-engagement" id="support" aria-labelledby="engagement-heading">
                <h2 class="ds-heading" data-size="sm" id="engagement-heading">{t.idea_engagement_title}</h2>
                <SupportArea idea=idea.clone() />
                {(idea.viewer.signed_in && card.status.is_public()).then(|| view! {
                    <div id="follow">
                        <FollowButton subject=Subject::Idea(id) following=idea.viewer.following label=card.title.clone() />
                    </div>
                })}
                <p class="ds-paragraph" data-size="sm">
                    <a class="ds-link" href="#comments">{fill(t.idea_comments_count, &[("count", &card.comment_count.to_string())])}</a>
                </p>
            </section>
            {(!idea.timeline.is_empty()).then(|| view! { <Timeline entries=idea.timeline.clone() /> })}
            <PublicBenefits kpis=idea.public_kpis.clone() />
            <PublicLesson html=idea.lesson_html.clone() />
            {idea.solution.clone().map(|solution| view! {
                <p class="ds-paragraph solution-pointer">
                    {t.solutions_idea_has_card}" "<a class="ds-link" href=format!("/solutions/{}", solution.id)>{solution.title}</a>
                </p>
            })}
            {(idea.viewer.acts_as_staff && idea.solution.is_none() && crate::features::solutions::types::idea_was_tried(card.status)).then(|| view! {
                <p><a class="ds-button" data-variant="secondary" href=format!("/solutions/new?idea={id}")>{t.solutions_make_card}</a></p>
            })}
            {idea.viewer.acts_as_staff.then(|| view! { <StaffWork idea_id=id /> })}
            {(idea.viewer.acts_as_staff && takes_lesson(card.status)).then(|| view! { <LessonEditor idea_id=id /> })}
            {card.status.is_public().then(|| view! { <ShareLinks url=share_url.clone() title=card.title.clone() /> })}
            {idea.viewer.is_author.then(|| view! { <AuthorTools idea=idea.clone() locale /> })}
            {(idea.viewer.signed_in && !idea.viewer.is_author && card.status.is_public() && idea.hidden.is_none()).then(|| view! {
                <div id="report">
                    <ReportForm item=Item::Idea(id) return_to=path.clone() reported=idea.viewer.reported about_author=true />
                </div>
            })}
            {idea.viewer.moderates.then(|| view! {
                <IdeaModeration idea_id=id hidden=idea.hidden.clone() merged=card.status == IdeaStatus::Duplicate awaiting=card.status == IdeaStatus::AwaitingApproval />
            })}
        </article>
    }
}

/// The support button, or the count with why there is no button.
#[component]
fn SupportArea(idea: IdeaDetail) -> impl IntoView {
    let t = t();
    let card = idea.card;
    let count = card.support_count;
    if !card.status.accepts_supports() || idea.hidden.is_some() {
        return view! { <SupportCount count note=t.supports_closed /> }.into_any();
    }
    if idea.viewer.is_author {
        return view! { <SupportCount count note=t.supports_own_idea /> }.into_any();
    }
    if !idea.viewer.signed_in {
        return view! {
            <SupportCount count />
            <p class="ds-paragraph" data-size="sm"><a class="ds-link" href=crate::features::accounts::sign_in_href(&format!("/ideas/{}#support", card.id))>{t.comment_sign_in}</a></p>
        }
        .into_any();
    }
    if !idea.viewer.email_verified {
        return view! { <SupportCount count note=t.supports_confirm_email /> }.into_any();
    }
    let target = SupportTarget::Idea(card.id);
    view! {
        <SupportToggle
            texts=SupportTexts::for_target(&target)
            target
            state=SupportState { supported: idea.viewer.supported, count }
        />
    }
    .into_any()
}

#[component]
fn ShareLinks(url: String, title: String) -> impl IntoView {
    let t = t();
    let encoded_url = percent_encode(&url);
    let mail = format!(
        "mailto:?subject={}&body={}",
        percent_encode(&title),
        encoded_url
    );
    let facebook = format!("https://www.facebook.com/sharer/sharer.php?u={encoded_url}");
    let linkedin = format!("https://www.linkedin.com/sharing/share-offsite/?url={encoded_url}");
    view! {
        <section class="share" aria-labelledby="share-heading">
            <h2 class="ds-heading" data-size="xs" id="share-heading">{t.share_title}</h2>
            <p class="ds-paragraph share__url" data-size="sm">{url.clone()}</p>
            <ul class="link-list link-list--inline">
                <li><a class="ds-link" href=mail>{t.share_email}</a></li>
                <li><a class="ds-link" href=facebook rel="noopener noreferrer">"Facebook"</a></li>
                <li><a class="ds-link" href=linkedin rel="noopener noreferrer">"LinkedIn"</a></li>
            </ul>
        </section>
    }
}

/// The address residents use, ending in `/`.
fn public_url() -> String {
    #[cfg(feature = "ssr")]
    {
        crate::server::app_state()
            .map(|state| state.public_url.to_string())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        String::new()
    }
}

/// What the author may still do: change it within the edit window, or
/// withdraw it.
#[component]
fn AuthorTools(idea: IdeaDetail, locale: crate::i18n::Locale) -> impl IntoView {
    let t = t();
    let id = idea.card.id;
    let withdraw = ServerAction::<WithdrawIdea>::new();
    let error: Signal<_> = Signal::derive(move || withdraw.value().get().and_then(Result::err));
    view! {
        <section class="author-tools" aria-labelledby="author-tools-heading">
            <h2 class="ds-heading" data-size="xs" id="author-tools-heading">{t.idea_your_idea}</h2>
            {idea.viewer.can_edit.then(|| view! {
                <p class="ds-paragraph">
                    <a class="ds-link" href=format!("/ideas/{id}/edit")>{t.idea_edit}</a>
                    {idea.viewer.edit_until.map(|until| view! { " "{fill(t.idea_edit_until, &[("time", &format_oslo(until, locale))])} })}
                </p>
            })}
            {idea.viewer.can_withdraw.then(|| view! {
                <ActionForm action=withdraw attr:class="form">
                    <FormAlert error />
                    <input type="hidden" name="idea_id" value=id />
                    <p class="ds-paragraph" data-size="sm">{t.idea_withdraw_hint}</p>
                    <button type="submit" class="ds-button" data-variant="secondary">{t.idea_withdraw}</button>
                </ActionForm>
            })}
        </section>
    }
}
