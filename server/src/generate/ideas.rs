//! One generated idea with everything a decade leaves on it: supports
//! (skewed: most have a few, some thousands), a comment thread, and for
//! those that went further, the pipeline's steps, owners, scorecards, plans
//! and measured KPIs. Each idea draws from its own random stream, seeded by
//! the run's seed and its number, so the same seed gives the same data
//! however the work is split into chunks.

use app::features::comments::types::{DEEPEST, Stance};
use app::features::focus_area::FocusArea;
use app::features::gains::types::BenefitCategory;
use app::features::ideas::ranking::hot_score;
use app::features::ideas::status::IdeaStatus;
use app::features::pipeline::types::WorkEvent;
use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use sea_orm::DatabaseConnection;

use super::bulk::{Field, Rows};
use super::ids::{Ids, Numbered};
use super::people::People;
use super::text;

/// Generated idea 0 has this many comments, idea 1 [`LONG_THREAD`]: the
/// benchmark's heaviest idea pages.
pub const LONGEST_THREAD: usize = 2_000;
pub const LONG_THREAD: usize = 200;

/// Supports follow a Pareto distribution with this shape and scale: ten
/// on average, a few ideas with thousands (where there are people enough).
const SUPPORT_SHAPE: f64 = 1.5;
const SUPPORT_SCALE: f64 = 3.4;
/// The most supports one idea gets: a municipality's most popular idea
/// ever, not a national petition (the tail of the distribution would give
/// a million ideas one with 200 000).
const MOST_SUPPORTS: usize = 10_000;
/// Comments per idea: exponential, three on average.
const COMMENT_MEAN: f64 = 3.5;

/// What the ideas refer to, made before them.
pub struct World<'a> {
    pub seed: u64,
    pub until: DateTime<Utc>,
    pub people: &'a People,
    pub challenges: &'a [i64],
    pub first_idea: i64,
}

/// The rows of a chunk of ideas, written table by table in the order the
/// foreign keys ask for.
pub struct Tables {
    pub ideas: Rows,
    supports: Rows,
    comments: Rows,
    changes: Rows,
    events: Rows,
    owners: Rows,
    scorecards: Rows,
    plans: Rows,
    kpis: Rows,
    measurements: Rows,
    written: u64,
}

impl Tables {
    pub fn new() -> Self {
        Self {
            ideas: Rows::new(
                "idea",
                &[
                    "id",
                    "author_id",
                    "author_actor_type",
                    "title",
                    "summary",
                    "body",
                    "focus_area",
                    "district",
                    "challenge_id",
                    "status",
                    "support_count",
                    "comment_count",
                    "hot_score",
                    "first_vote_at",
                    "created_at",
                    "updated_at",
                    "published_at",
                    "threshold_reached_at",
                    "duplicate_of_id",
                    "stage_entered_at",
                    "nominated_at",
                ],
            ),
            supports: Rows::new("idea_support", &["idea_id", "account_id", "created_at"]),
            comments: Rows::new(
                "comment",
                &[
                    "id",
                    "idea_id",
                    "parent_id",
                    "author_id",
                    "depth",
                    "stance",
                    "body",
                    "support_count",
                    "reply_count",
                    "created_at",
                ],
            ),
            changes: Rows::new(
                "idea_status_change",
                &[
                    "idea_id",
                    "from_status",
                    "to_status",
                    "actor_id",
                    "note",
                    "created_at",
                ],
            ),
            events: Rows::new(
                "idea_pipeline_event",
                &["idea_id", "kind", "department_id", "actor_id", "created_at"],
            ),
            owners: Rows::new("idea_department", &["idea_id", "department_id", "added_at"]),
            scorecards: Rows::new(
                "idea_evaluation",
                &[
                    "idea_id",
                    "evaluator_id",
                    "value_for_residents",
                    "feasibility",
                    "cost",
                    "strategic_fit",
                    "comment",
                    "created_at",
                    "updated_at",
                ],
            ),
            plans: Rows::new(
                "benefit_plan",
                &[
                    "idea_id",
                    "estimated_cost_nok",
                    "effort_person_days",
                    "expected_value_nok",
                    "updated_at",
                    "updated_by",
                ],
            ),
            kpis: Rows::new(
                "kpi",
                &[
                    "id",
                    "idea_id",
                    "name",
                    "unit",
                    "category",
                    "baseline",
                    "target",
                    "target_date",
                    "method",
                    "owner_account_id",
                    "owner_department_id",
                    "public",
                    "created_at",
                    "updated_at",
                ],
            ),
            measurements: Rows::new(
                "kpi_measurement",
                &[
                    "kpi_id",
                    "value",
                    "measured_on",
                    "source",
                    "comment",
                    "recorded_by",
                    "recorded_at",
                ],
            ),
            written: 0,
        }
    }

    /// How many ideas the last [`Tables::write`] wrote.
    pub fn ideas_written(&self) -> u64 {
        self.written
    }

    /// Writes the chunk. `one_at_a_time` is held while the ideas are
    /// written: each idea row moves a shared count (`idea_tally`, by
    /// trigger), and two chunks doing so at once would wait for each other
    /// in turn, or deadlock. Their supports, comments and the rest go
    /// side by side.
    pub async fn write(
        &mut self,
        db: &DatabaseConnection,
        one_at_a_time: &tokio::sync::Mutex<()>,
    ) -> anyhow::Result<()> {
        self.written = self.ideas.len() as u64;
        {
            let _turn = one_at_a_time.lock().await;
            self.ideas.write(db).await?;
        }
        for rows in [
            &mut self.supports,
            &mut self.comments,
            &mut self.changes,
            &mut self.events,
            &mut self.owners,
            &mut self.scorecards,
            &mut self.plans,
            &mut self.kpis,
            &mut self.measurements,
        ] {
            rows.write(db).await?;
        }
        Ok(())
    }
}

/// Adds generated idea `number` and what hangs on it to `tables`.
pub fn idea(world: &World, ids: &mut Ids, tables: &mut Tables, number: u64) {
    let mut rng = StdRng::seed_from_u64(world.seed ^ number.wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let rng = &mut rng;
    let id = world.first_idea + number as i64;
    let people = world.people;
    let status = match number {
        0 | 1 => IdeaStatus::Published,
        _ => status(rng.random_range(0..1000)),
    };
    let author = rng.random_range(0..people.accounts.len());
    let created = world.until - Duration::minutes(rng.random_range(60..3650 * 24 * 60));
    let published = (!matches!(status, IdeaStatus::Draft | IdeaStatus::AwaitingApproval))
        .then_some(created + Duration::minutes(5));
    let mut steps = Vec::new();
    if let Some(published) = published {
        let path = path(status);
        let gap = (world.until - published) / (path.len() as i32 + 1);
        let mut from = IdeaStatus::Published;
        for (k, step) in path.iter().enumerate() {
            steps.push((from, *step, published + gap * (k as i32 + 1)));
            from = *step;
        }
    }
    let at_step = |wanted: IdeaStatus| {
        steps
            .iter()
            .find(|(_, to, _)| *to == wanted)
            .map(|(_, _, at)| *at)
    };

    let (supports, comments) = match published {
        Some(published) => (
            supporters(world, tables, rng, id, published),
            thread(world, ids, tables, rng, id, number, published),
        ),
        None => (Vec::new(), 0),
    };
    let first_vote = supports.first().copied();
    let challenge = (!world.challenges.is_empty() && rng.random_ratio(1, 10))
        .then(|| pick(rng, world.challenges));
    let words = text::idea(rng, number);
    let support_count = supports.len() as i32;
    let comment_count = comments as i32;
    let stage_entered = steps.last().map(|(_, _, at)| *at).or(published);
    // As staff do: a few published ideas below the threshold nominated into
    // triage. Every move clears a nomination, so no idea that moved on
    // carries one.
    let nominated = published
        .filter(|_| status == IdeaStatus::Published && number > 1 && rng.random_ratio(1, 100))
        .map(|published| published + (world.until - published) / 2);
    if let Some(at) = nominated {
        tables.events.push([
            id.into(),
            WorkEvent::Nominated.as_str().into(),
            None::<i64>.into(),
            pick(rng, world.people.staff()).into(),
            at.into(),
        ]);
    }
    tables.ideas.push([
        id.into(),
        people.accounts[author].into(),
        people.actor_types[author].as_str().into(),
        words.title.into(),
        words.summary.into(),
        words.body.into(),
        FocusArea::ALL[number as usize % FocusArea::ALL.len()]
            .as_str()
            .into(),
        text::DISTRICTS[rng.random_range(0..text::DISTRICTS.len())].into(),
        challenge.into(),
        status.as_str().into(),
        support_count.into(),
        comment_count.into(),
        hot_score(support_count, comment_count, published.unwrap_or(created)).into(),
        first_vote.into(),
        created.into(),
        stage_entered.unwrap_or(created).into(),
        published.into(),
        at_step(IdeaStatus::ThresholdReached).into(),
        (status == IdeaStatus::Duplicate && id > world.first_idea)
            .then_some(world.first_idea)
            .into(),
        stage_entered.into(),
        nominated.into(),
    ]);
    for (from, to, at) in &steps {
        let note = match to {
            IdeaStatus::Declined => Some("Ikke prioritert i år (generert begrunnelse)."),
            IdeaStatus::SolvedElsewhere => Some("Løst av en nabokommune (generert)."),
            _ => None,
        };
        tables.changes.push([
            id.into(),
            from.as_str().into(),
            to.as_str().into(),
            pick(rng, people.staff()).into(),
            note.into(),
            (*at).into(),
        ]);
    }
    if let Some(reviewed) = at_step(IdeaStatus::UnderReview) {
        pipeline_work(world, ids, tables, rng, id, status, reviewed);
    }
}

/// One of `ids`, at random; `ids` is never empty (there are always staff,
/// departments and challenges).
fn pick(rng: &mut StdRng, ids: &[i64]) -> i64 {
    ids[rng.random_range(0..ids.len())]
}

/// The status of an idea from a roll of 0..1000: most published, a few of
/// every later stage and every closed outcome, some not yet public.
fn status(roll: u32) -> IdeaStatus {
    match roll {
        0..10 => IdeaStatus::Draft,
        10..20 => IdeaStatus::AwaitingApproval,
        20..740 => IdeaStatus::Published,
        740..800 => IdeaStatus::ThresholdReached,
        800..840 => IdeaStatus::UnderReview,
        840..870 => IdeaStatus::Selected,
        870..895 => IdeaStatus::Piloting,
        895..920 => IdeaStatus::Implemented,
        920..935 => IdeaStatus::BenefitsRealised,
        935..960 => IdeaStatus::Declined,
        960..970 => IdeaStatus::Duplicate,
        970..980 => IdeaStatus::SolvedElsewhere,
        _ => IdeaStatus::Withdrawn,
    }
}

/// The statuses an idea went through after it was published, to `status`.
fn path(status: IdeaStatus) -> Vec<IdeaStatus> {
    use IdeaStatus::*;
    let forward = [
        ThresholdReached,
        UnderReview,
        Selected,
        Piloting,
        Implemented,
        BenefitsRealised,
    ];
    match status {
        Duplicate | Withdrawn => vec![status],
        Declined | SolvedElsewhere => vec![ThresholdReached, UnderReview, status],
        _ => match forward.iter().position(|step| *step == status) {
            Some(last) => forward[..=last].to_vec(),
            None => Vec::new(),
        },
    }
}

/// The idea's supports, by distinct people, spread from its publication
/// until now; returns their times, oldest first.
fn supporters(
    world: &World,
    tables: &mut Tables,
    rng: &mut StdRng,
    id: i64,
    published: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let people = world.people.accounts.len();
    let drawn = SUPPORT_SCALE / (1.0 - rng.random::<f64>()).powf(1.0 / SUPPORT_SHAPE);
    let count = (drawn.round() as usize).min(people).min(MOST_SUPPORTS);
    let gap = (world.until - published) / (count as i32 + 1);
    let mut times = Vec::with_capacity(count);
    for (k, person) in rand::seq::index::sample(rng, people, count)
        .into_iter()
        .enumerate()
    {
        let at = published + gap * (k as i32 + 1);
        tables
            .supports
            .push([id.into(), world.people.accounts[person].into(), at.into()]);
        times.push(at);
    }
    times
}

/// The idea's comment thread: replies to earlier comments up to the
/// deepest level, each comment's reply count equal to its replies.
/// Returns how many comments it has.
fn thread(
    world: &World,
    ids: &mut Ids,
    tables: &mut Tables,
    rng: &mut StdRng,
    id: i64,
    number: u64,
    published: DateTime<Utc>,
) -> usize {
    let count = match number {
        0 => LONGEST_THREAD,
        1 => LONG_THREAD,
        _ => (-COMMENT_MEAN * (1.0 - rng.random::<f64>()).ln()).floor() as usize,
    };
    let first = ids.take(Numbered::Comment, count as i64);
    let gap = (world.until - published) / (count as i32 + 1);
    // (parent index, depth) of each comment, then the replies each has.
    let mut shape: Vec<(Option<usize>, i16)> = Vec::with_capacity(count);
    for k in 0..count {
        let parent = (k > 0 && rng.random_ratio(2, 5))
            .then(|| rng.random_range(0..k))
            .filter(|parent| shape[*parent].1 < DEEPEST);
        let depth = parent.map_or(0, |parent| shape[parent].1 + 1);
        shape.push((parent, depth));
    }
    let mut replies = vec![0i32; count];
    for (parent, _) in &shape {
        if let Some(parent) = parent {
            replies[*parent] += 1;
        }
    }
    for (k, (parent, depth)) in shape.iter().enumerate() {
        let stance = [
            None,
            Some(Stance::For),
            Some(Stance::Against),
            Some(Stance::Neutral),
        ]
        .choose(rng)
        .copied()
        .flatten();
        let author = world.people.accounts[rng.random_range(0..world.people.accounts.len())];
        tables.comments.push([
            (first + k as i64).into(),
            id.into(),
            parent.map(|parent| first + parent as i64).into(),
            author.into(),
            (*depth).into(),
            stance.map(Stance::as_str).into(),
            text::comment(rng).into(),
            0i32.into(),
            replies[k].into(),
            (published + gap * (k as i32 + 1)).into(),
        ]);
    }
    count
}

/// What the staff did with an idea they took up on `reviewed`: an owning
/// department, one to three scorecards, and once selected a plan, once
/// piloted KPIs with their measurements.
fn pipeline_work(
    world: &World,
    ids: &mut Ids,
    tables: &mut Tables,
    rng: &mut StdRng,
    id: i64,
    status: IdeaStatus,
    reviewed: DateTime<Utc>,
) {
    let staff = world.people.staff();
    let department = pick(rng, &world.people.departments);
    let owner = pick(rng, staff);
    for kind in [WorkEvent::Nominated, WorkEvent::OwnerAdded] {
        tables.events.push([
            id.into(),
            kind.as_str().into(),
            (kind == WorkEvent::OwnerAdded).then_some(department).into(),
            owner.into(),
            reviewed.into(),
        ]);
    }
    tables
        .owners
        .push([id.into(), department.into(), reviewed.into()]);
    let scorers = rng.random_range(1..=3);
    for scorer in staff.choose_multiple(rng, scorers) {
        let score = |rng: &mut StdRng| Field::from(rng.random_range(1i16..=5));
        tables.scorecards.push([
            id.into(),
            (*scorer).into(),
            score(rng),
            score(rng),
            score(rng),
            score(rng),
            rng.random_ratio(1, 2)
                .then_some("Generert vurdering.")
                .into(),
            reviewed.into(),
            reviewed.into(),
        ]);
    }
    use IdeaStatus::*;
    if !matches!(status, Selected | Piloting | Implemented | BenefitsRealised) {
        return;
    }
    tables.plans.push([
        id.into(),
        rng.random_range(10_000i64..2_000_000).into(),
        rng.random_range(5i32..400).into(),
        rng.random_range(50_000i64..5_000_000).into(),
        reviewed.into(),
        owner.into(),
    ]);
    if status == Selected {
        return;
    }
    let measured = match status {
        Piloting => 0..=2,
        _ => 2..=4,
    };
    for _ in 0..rng.random_range(1..=2) {
        let owned = Owned {
            idea: id,
            owner,
            department,
            since: reviewed,
        };
        kpi(world, ids, tables, rng, &owned, measured.clone());
    }
}

/// An idea in the staff's hands: who owns it, and since when.
#[derive(Clone, Copy)]
struct Owned {
    idea: i64,
    owner: i64,
    department: i64,
    since: DateTime<Utc>,
}

/// A KPI on the owned idea, measured a number of times in `measured`.
fn kpi(
    world: &World,
    ids: &mut Ids,
    tables: &mut Tables,
    rng: &mut StdRng,
    owned: &Owned,
    measured: std::ops::RangeInclusive<usize>,
) {
    let Owned {
        idea,
        owner,
        department,
        since,
    } = *owned;
    let id = ids.take(Numbered::Kpi, 1);
    let baseline = f64::from(rng.random_range(10u32..500));
    let target = baseline * 1.5;
    tables.kpis.push([
        id.into(),
        idea.into(),
        "Generert KPI: brukere i måneden".into(),
        "antall".into(),
        BenefitCategory::ALL[rng.random_range(0..BenefitCategory::ALL.len())]
            .as_str()
            .into(),
        baseline.into(),
        target.into(),
        (world.until + Duration::days(365)).date_naive().into(),
        "Telling ved inngangen (generert).".into(),
        owner.into(),
        department.into(),
        rng.random_ratio(2, 3).into(),
        since.into(),
        since.into(),
    ]);
    let count = rng.random_range(measured);
    let gap = (world.until - since) / (count as i32 + 1);
    for k in 0..count {
        let at = since + gap * (k as i32 + 1);
        let value = baseline + (target - baseline) * (k as f64 + 1.0) / (count as f64 + 1.0);
        tables.measurements.push([
            id.into(),
            value.round().into(),
            at.date_naive().into(),
            "Generert telling".into(),
            "".into(),
            owner.into(),
            at.into(),
        ]);
    }
}
