use leptos::prelude::*;

use crate::features::challenges::types::ChallengeCard;
use crate::i18n::{fill, t, use_locale};
use crate::time::format_date;

#[component]
pub fn ChallengeCardList(
    challenges: Vec<ChallengeCard>,
    #[prop(default = 2)] heading_level: u8,
) -> impl IntoView {
    let t = t();
    view! {
        <ul class="challenge-list">
            {challenges.into_iter().map(|card| {
                let link = view! { <a class="ds-link" href=format!("/challenges/{}", card.id)>{card.title.clone()}</a> };
                let heading = if heading_level >= 3 {
                    view! { <h3 class="ds-heading" data-size="xs">{link}</h3> }.into_any()
                } else {
                    view! { <h2 class="ds-heading" data-size="xs">{link}</h2> }.into_any()
                };
                view! {
                    <li>
                        <article class="ds-card challenge-card">
                            {heading}
                            <ul class="idea-meta">
                                <li><span class="status-badge" data-status=card.state.as_str()>{card.state.label(t)}</span></li>
                                <li>{card.focus_area.label(t)}</li>
                                {card.department.clone().map(|department| view! { <li>{department}</li> })}
                            </ul>
                            <ChallengeDates card=card.clone() />
                            <p class="ds-paragraph" data-size="xs">
                                {fill(t.challenge_idea_count, &[("count", &card.idea_count.to_string())])}
                                " · "
                                {fill(t.challenge_member_count, &[("count", &card.member_count.to_string())])}
                            </p>
                        </article>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
}

/// "Open for ideas 1 December 2026 – 31 January 2027".
#[component]
pub fn ChallengeDates(card: ChallengeCard) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let dates = fill(
        t.challenge_dates,
        &[
            ("opens", &format_date(card.opens_on, locale)),
            ("closes", &format_date(card.closes_on, locale)),
        ],
    );
    view! {
        <p class="ds-paragraph" data-size="sm">
            {dates}
            {card.accepts_ideas.then(|| view! { " · "<strong>{t.challenge_takes_ideas}</strong> })}
        </p>
    }
}
