//! Scorecards on an idea's page, for staff: the summary (each criterion's
//! mean and spread), every evaluator's card, and the viewer's own form
//! while the idea is under review.

use leptos::prelude::*;

use super::api::ScoreIdea;
use super::types::{Criterion, IdeaWork, SCORE_COMMENT_MAX, ScoreSummary, one_decimal};
use crate::components::forms::{FormAlert, TextArea};
use crate::i18n::{Locale, fill, t, use_locale};
use crate::time::format_oslo;

#[component]
pub fn Evaluation(work: IdeaWork) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <div class="staff-work__part" id="evaluation">
            <h3 class="ds-heading" data-size="2xs">{t.evaluation_title}</h3>
            {if work.scorecards.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{t.evaluation_none}</p> }.into_any()
            } else {
                view! {
                    <Summary summary=work.summary.clone() locale />
                    <ul class="scorecard-list">
                        {work.scorecards.iter().map(|card| {
                            let scores = Criterion::ALL
                                .map(|criterion| format!("{} {}", criterion.label(t), card.scores.of(criterion)))
                                .join(" · ");
                            view! {
                                <li class="scorecard">
                                    <p class="ds-paragraph" data-size="sm">
                                        <strong>{card.evaluator.clone().unwrap_or_else(|| t.deleted_user.to_owned())}</strong>
                                        " · "<time datetime=card.at.to_rfc3339()>{format_oslo(card.at, locale)}</time>
                                    </p>
                                    <p class="ds-paragraph" data-size="sm">{scores}</p>
                                    {card.comment.clone().map(|comment| view! { <p class="ds-paragraph scorecard__comment" data-size="sm">{comment}</p> })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {if work.can_score {
                view! { <ScoreForm work=work.clone() /> }.into_any()
            } else {
                view! { <p class="ds-paragraph" data-size="sm">{t.evaluation_closed}</p> }.into_any()
            }}
        </div>
    }
}

/// The mean and spread per criterion, as a table.
#[component]
fn Summary(summary: ScoreSummary, locale: Locale) -> impl IntoView {
    let t = t();
    let caption = fill(
        t.evaluation_summary,
        &[
            ("count", &summary.scorecards.to_string()),
            (
                "mean",
                &summary
                    .mean
                    .map(|mean| one_decimal(mean, locale))
                    .unwrap_or_default(),
            ),
        ],
    );
    view! {
        <div class="table-scroll">
            <table class="audit-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.evaluation_criterion}</th>
                        <th scope="col">{t.evaluation_mean}</th>
                        <th scope="col">{t.evaluation_spread}</th>
                    </tr>
                </thead>
                <tbody>
                    {summary.criteria.into_iter().map(|row| view! {
                        <tr>
                            <th scope="row">{row.criterion.label(t)}</th>
                            <td>{one_decimal(row.mean, locale)}</td>
                            <td>{format!("{}–{}", row.lowest, row.highest)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// The viewer's scorecard: each criterion a row of five choices.
#[component]
fn ScoreForm(work: IdeaWork) -> impl IntoView {
    let t = t();
    let action = ServerAction::<ScoreIdea>::new();
    let error: Signal<_> = Signal::derive(move || action.value().get().and_then(Result::err));
    let mine = work.mine.clone();
    let fields = &[
        "value_for_residents",
        "feasibility",
        "cost",
        "strategic_fit",
        "comment",
    ];
    view! {
        <ActionForm action attr:class="form scorecard-form" attr:novalidate=true>
            <h4 class="ds-heading" data-size="2xs">{if mine.is_some() { t.evaluation_revise } else { t.evaluation_yours }}</h4>
            <FormAlert error fields />
            <input type="hidden" name="idea_id" value=work.idea_id />
            {Criterion::ALL.into_iter().map(|criterion| {
                let name = criterion.as_str();
                let chosen = error
                    .get_untracked()
                    .and_then(|error| error.echoed(name).and_then(|value| value.parse::<u8>().ok()))
                    .or_else(|| mine.as_ref().map(|card| card.scores.of(criterion)));
                let message_id = format!("score-{name}-message");
                let hint_id = format!("score-{name}-hint");
                let described = {
                    let message_id = message_id.clone();
                    let hint_id = hint_id.clone();
                    move || {
                        if error.get().is_some_and(|error| error.field() == Some(name)) {
                            format!("{hint_id} {message_id}")
                        } else {
                            hint_id.clone()
                        }
                    }
                };
                view! {
                    <fieldset class="ds-fieldset score-scale" aria-describedby=described>
                        <legend class="ds-label">{criterion.label(t)}</legend>
                        <p class="ds-paragraph field-hint" data-size="sm" id=hint_id>{criterion.hint(t)}</p>
                        <div class="score-scale__choices">
                            {(1u8..=5).map(|score| view! {
                                <label class="checkbox">
                                    <input type="radio" name=name value=score checked=chosen == Some(score) />
                                    " "{score}
                                </label>
                            }).collect_view()}
                        </div>
                        <p class="ds-validation-message" id=message_id>
                            {move || error.get().filter(|error| error.field() == Some(name)).map(|error| view! { <crate::components::error_message::ErrorText error /> })}
                        </p>
                    </fieldset>
                }
            }).collect_view()}
            <TextArea id="score-comment" name="comment" label=t.evaluation_comment error hint=t.evaluation_comment_hint max_length=SCORE_COMMENT_MAX rows=3 value=mine.as_ref().and_then(|card| card.comment.clone()).unwrap_or_default() />
            <button type="submit" class="ds-button" data-size="sm" data-variant="primary">{t.evaluation_send}</button>
        </ActionForm>
    }
}
