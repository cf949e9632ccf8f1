use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::components::error_message::ErrorText;
use crate::components::forms::{FormAlert, SelectField};
use crate::features::accounts::types::Role;
use crate::features::focus_area::FocusArea;
use crate::features::ideas::transitions::{By, Needs, targets};
use crate::features::pipeline::api::{MoveIdea, load_pipeline_board};
use crate::features::pipeline::types::{
    Board, BoardCard, BoardColumn, BoardFilter, BoardRank, one_decimal,
};
use crate::i18n::{fill, t, use_locale};

/// `/admin/pipeline`: the staff board. Triage and each stage of the
/// pipeline is a column of cards, longest waiting first or most expected
/// benefit per krone first; each card moves
/// on with a plain form, so the board works without JavaScript.
#[component]
pub fn AdminPipelinePage() -> impl IntoView {
    let t = t();
    let query = use_query_map().get_untracked();
    let filter = BoardFilter::parse(
        query.get("department").as_deref(),
        query.get("focus_area").as_deref(),
        query.get("challenge").as_deref(),
        query.get("goal").as_deref(),
        query.get("waiting").as_deref(),
        query.get("rank").as_deref(),
    );
    super::behind_gate(Role::Staff, move |_viewer| {
        let board = Resource::new_blocking(
            move || {
                (
                    query.get("department"),
                    query.get("focus_area"),
                    query.get("challenge"),
                    query.get("goal"),
                    query.get("waiting"),
                    query.get("rank"),
                )
            },
            |(department, focus_area, challenge, goal, waiting, rank)| {
                load_pipeline_board(department, focus_area, challenge, goal, waiting, rank)
            },
        );
        view! {
            <Title text=t.pipeline_board_title />
            <div class="page page--wide">
                <h1 class="ds-heading" data-size="lg">{t.pipeline_board_title}</h1>
                <p class="ds-paragraph">{t.pipeline_board_lead}</p>
                <Suspense fallback=move || view! { <p class="ds-paragraph">{t.loading}</p> }>
                    {
                        let filter = filter.clone();
                        move || {
                            let filter = filter.clone();
                            Suspend::new(async move {
                                match board.await {
                                    Ok(board) => view! { <BoardView board filter /> }.into_any(),
                                    Err(error) => view! { <div class="ds-alert" data-color="danger" role="alert"><ErrorText error /></div> }.into_any(),
                                }
                            })
                        }
                    }
                </Suspense>
            </div>
        }
    })
}

#[component]
fn BoardView(board: Board, filter: BoardFilter) -> impl IntoView {
    let t = t();
    let return_to = filter.href();
    let waiting_href = BoardFilter {
        waiting_for_me: true,
        ..BoardFilter::default()
    }
    .href();
    let now = board.now;
    let closed = board
        .closed
        .iter()
        .map(|(status, count)| format!("{} {count}", status.label(t)))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <BoardFilters board=board.clone() filter=filter.clone() />
        {(board.waiting_for_me > 0).then(|| view! {
            <div class="ds-alert" data-color="info">
                <p>
                    {fill(t.pipeline_waiting_for_you, &[("count", &board.waiting_for_me.to_string())])}" "
                    <a class="ds-link" href=waiting_href>{t.pipeline_waiting_show}</a>
                </p>
            </div>
        })}
        <div class="board">
            {board.columns.into_iter().map(|column| view! {
                <Column column departments=board.departments.clone() return_to=return_to.clone() now />
            }).collect_view()}
        </div>
        <p class="ds-paragraph" data-size="sm">{t.pipeline_closed}": "{closed}</p>
    }
}

/// The board's filters: a plain GET form, so the address holds them.
#[component]
fn BoardFilters(board: Board, filter: BoardFilter) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    view! {
        <form method="get" action="/admin/pipeline" class="search-form">
            <div class="ds-field">
                <label class="ds-label" for="board-department" data-weight="medium">{t.pipeline_filter_department}</label>
                <select class="ds-input" id="board-department" name="department">
                    <option value="">{t.moderation_all}</option>
                    {board.departments.into_iter().map(|department| view! {
                        <option value=department.id selected=filter.department == Some(department.id)>{department.label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="board-area" data-weight="medium">{t.pipeline_filter_focus_area}</label>
                <select class="ds-input" id="board-area" name="focus_area">
                    <option value="">{t.moderation_all}</option>
                    {FocusArea::ALL.into_iter().map(|area| view! {
                        <option value=area.as_str() selected=filter.focus_area == Some(area)>{area.label(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="board-challenge" data-weight="medium">{t.pipeline_filter_challenge}</label>
                <select class="ds-input" id="board-challenge" name="challenge">
                    <option value="">{t.moderation_all}</option>
                    {board.challenges.into_iter().map(|(id, title)| view! {
                        <option value=id selected=filter.challenge == Some(id)>{title}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="board-goal" data-weight="medium">{t.pipeline_filter_goal}</label>
                <select class="ds-input" id="board-goal" name="goal">
                    <option value="">{t.moderation_all}</option>
                    {board.goals.into_iter().map(|goal| view! {
                        <option value=goal.id selected=filter.goal == Some(goal.id)>{goal.label(locale, t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="board-rank" data-weight="medium">{t.pipeline_rank}</label>
                <select class="ds-input" id="board-rank" name="rank">
                    <option value="" selected=filter.rank == BoardRank::Waiting>{t.pipeline_rank_waiting}</option>
                    <option value="benefit" selected=filter.rank == BoardRank::Benefit>{t.pipeline_rank_benefit}</option>
                </select>
            </div>
            <label class="checkbox">
                <input type="checkbox" name="waiting" value="me" checked=filter.waiting_for_me />
                " "{t.pipeline_filter_waiting}
            </label>
            <button type="submit" class="ds-button" data-variant="secondary">{t.moderation_filter}</button>
        </form>
    }
}

#[component]
fn Column(
    column: BoardColumn,
    departments: Vec<crate::features::departments::types::Department>,
    return_to: String,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let t = t();
    let (key, name) = match column.stage {
        None => ("triage", t.triage_title),
        Some(status) => (status.as_str(), status.label(t)),
    };
    let heading = format!("column-{key}");
    let labelled_by = heading.clone();
    let shown = column.cards.len() as u64;
    view! {
        <section class="board__column" aria-labelledby=labelled_by>
            <h2 class="ds-heading board__heading" data-size="xs" id=heading>
                {name}" "<span class="board__count">{format!("({})", column.count)}</span>
            </h2>
            {(column.stage.is_none()).then(|| view! { <p class="ds-paragraph" data-size="sm">{t.pipeline_triage_hint}</p> })}
            {if column.cards.is_empty() {
                view! { <p class="ds-paragraph" data-size="sm">{t.pipeline_column_empty}</p> }.into_any()
            } else {
                view! {
                    <ol class="board__cards">
                        {column.cards.into_iter().map(|card| view! {
                            <Card card departments=departments.clone() return_to=return_to.clone() now />
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(column.count > shown).then(|| view! {
                <p class="ds-paragraph" data-size="sm">{fill(t.pipeline_column_more, &[("shown", &shown.to_string()), ("count", &column.count.to_string())])}</p>
            })}
        </section>
    }
}

/// One idea on the board, with the moves that need no words.
#[component]
fn Card(
    card: BoardCard,
    departments: Vec<crate::features::departments::types::Department>,
    return_to: String,
    now: chrono::DateTime<chrono::Utc>,
) -> impl IntoView {
    let t = t();
    let locale = use_locale();
    let id = card.id;
    let anchor = format!("card-{id}");
    let title_id = format!("{anchor}-title");
    let to_id = format!("{anchor}-to");
    let department_id = format!("{anchor}-department");
    let move_described_by = title_id.clone();
    let more_described_by = title_id.clone();
    let moves: Vec<_> = targets(card.status, By::Staff)
        .into_iter()
        .filter(|choice| matches!(choice.needs, Needs::Nothing | Needs::Owner | Needs::Kpi))
        .collect();
    let needs_owner =
        card.owners.is_empty() && moves.iter().any(|choice| choice.needs == Needs::Owner);
    let action = ServerAction::<MoveIdea>::new();
    let error: Signal<_> = Signal::derive(move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .filter(|error| error.echoed("idea_id") == Some(id.to_string().as_str()))
    });
    let mut facts = vec![
        card.focus_area.label(t).to_owned(),
        fill(
            t.idea_supports_count,
            &[("count", &card.support_count.to_string())],
        ),
        fill(
            t.pipeline_days_in_stage,
            &[("days", &card.days_in_stage(now).to_string())],
        ),
    ];
    if let Some(score) = card.score {
        facts.push(fill(
            t.pipeline_card_score,
            &[
                ("mean", &one_decimal(score, locale)),
                ("count", &card.scorecards.to_string()),
            ],
        ));
    }
    if let Some(ratio) = card.figures.benefit_per_krone() {
        facts.push(fill(
            t.pipeline_card_benefit,
            &[("ratio", &crate::charts::scale::format_number(ratio, locale))],
        ));
    }
    let department_options = crate::features::departments::types::select_options(departments);
    let goal_labels: Vec<String> = card
        .goals
        .iter()
        .map(|goal| goal.label(locale, t))
        .collect();
    view! {
        <li class="board-card ds-card" id=anchor>
            <h3 class="ds-heading" data-size="2xs" id=title_id>
                <a class="ds-link" href=format!("/ideas/{id}")>{format!("#{id} ")}{card.title.clone()}</a>
            </h3>
            <p class="ds-paragraph" data-size="sm">{facts.join(" · ")}</p>
            {(!card.owners.is_empty()).then(|| view! {
                <p class="ds-paragraph" data-size="sm">{t.owners_title}": "{card.owners.join(", ")}</p>
            })}
            {(!card.goals.is_empty()).then(|| view! {
                <p class="ds-paragraph" data-size="sm">{t.goals_title}": "{goal_labels.join(", ")}</p>
            })}
            {(card.nominated || card.waits_for_me).then(|| view! {
                <p class="board-card__tags">
                    {card.nominated.then(|| view! { <span class="work-tag">{t.pipeline_tag_nominated}</span> })}
                    {card.waits_for_me.then(|| view! { <span class="work-tag work-tag--waiting">{t.pipeline_tag_waiting}</span> })}
                </p>
            })}
            {(!moves.is_empty()).then(|| view! {
                <ActionForm action attr:class="form board-card__move" attr:novalidate=true>
                    <FormAlert error fields=&["department_id"] />
                    <input type="hidden" name="idea_id" value=id />
                    <input type="hidden" name="return_to" value=return_to.clone() />
                    <div class="ds-field">
                        <label class="ds-label" for=to_id.clone() data-weight="medium">{t.pipeline_move_to}</label>
                        <select class="ds-input" id=to_id.clone() name="to" aria-describedby=move_described_by.clone()>
                            {moves.iter().map(|choice| view! { <option value=choice.to.as_str()>{choice.to.label(t)}</option> }).collect_view()}
                        </select>
                    </div>
                    {needs_owner.then(|| view! {
                        <SelectField id=department_id.clone() name="department_id" label=t.pipeline_owner error options=department_options.clone() empty=t.owners_choose />
                    })}
                    <button type="submit" class="ds-button" data-size="sm" data-variant="secondary" aria-describedby=move_described_by.clone()>{t.pipeline_move_send}</button>
                </ActionForm>
            })}
            <p class="ds-paragraph" data-size="sm">
                <a class="ds-link" href=format!("/ideas/{id}#staff-work") aria-describedby=more_described_by>{t.pipeline_card_more}</a>
            </p>
        </li>
    }
}
