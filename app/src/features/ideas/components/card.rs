use leptos::prelude::*;

use crate::features::accounts::types::Author;
use crate::features::ideas::status::IdeaStatus;
use crate::features::ideas::types::IdeaCard;
use crate::i18n::{Messages, t, use_locale};
use crate::time::format_oslo;

/// A list of idea cards; the heading level fits where the list is.
#[component]
pub fn IdeaCardList(ideas: Vec<IdeaCard>, #[prop(default = 2)] heading_level: u8) -> impl IntoView {
    view! {
        <ul class="idea-list">
            {ideas.into_iter().map(|idea| view! { <li><IdeaCardView idea heading_level /></li> }).collect_view()}
        </ul>
    }
}

#[component]
fn IdeaCardView(idea: IdeaCard, heading_level: u8) -> impl IntoView {
    let t = t();
    let href = format!("/ideas/{}", idea.id);
    let link = view! { <a class="ds-link idea-card__link" href=href>{idea.title.clone()}</a> };
    let heading = if heading_level >= 3 {
        view! { <h3 class="ds-heading idea-card__title" data-size="xs">{link}</h3> }.into_any()
    } else {
        view! { <h2 class="ds-heading idea-card__title" data-size="xs">{link}</h2> }.into_any()
    };
    view! {
        <article class="ds-card idea-card">
            {idea.thumbnail.clone().map(|photo| view! {
                <img class="idea-card__photo" src=photo.thumbnail_url alt="" loading="lazy" width="480" height="360" />
            })}
            <div class="idea-card__body">
                {heading}
                <p class="ds-paragraph" data-size="sm">{idea.summary.clone()}</p>
                <IdeaMeta idea=idea.clone() />
                <p class="idea-card__counts ds-paragraph" data-size="xs">
                    {crate::i18n::fill(t.idea_supports_count, &[("count", &idea.support_count.to_string())])}
                    " · "
                    {crate::i18n::fill(t.idea_comments_count, &[("count", &idea.comment_count.to_string())])}
                </p>
            </div>
        </article>
    }
}

/// Status, focus area, district, author and date of an idea, as a line of tags.
#[component]
pub fn IdeaMeta(idea: IdeaCard) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <ul class="idea-meta">
            <li><StatusBadge status=idea.status /></li>
            <li>{idea.focus_area.label(t)}</li>
            {idea.district.map(|district| view! { <li>{district}</li> })}
            <li>{author_line(t, &idea.author)}</li>
            {idea.published_at.map(|at| view! { <li><time datetime=at.to_rfc3339()>{format_oslo(at, locale)}</time></li> })}
        </ul>
    }
}

/// "Kari Nordmann (business, Sykkelbua AS)", or "deleted user".
pub fn author_line(t: &'static Messages, author: &Author) -> String {
    let Some(name) = &author.display_name else {
        return t.deleted_user.to_owned();
    };
    let actor = crate::features::accounts::components::actor_type_label(t, author.actor_type);
    match &author.organisation {
        Some(organisation) => format!("{name} ({actor}, {organisation})"),
        None => format!("{name} ({actor})"),
    }
}

#[component]
pub fn StatusBadge(status: IdeaStatus) -> impl IntoView {
    view! { <span class="status-badge" data-status=status.as_str()>{status.label(t())}</span> }
}
