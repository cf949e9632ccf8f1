//! The "hot" order of `/ideas`.
//!
//! ```text
//! hot = log10(1 + supports + comments / 2) + (published_at − 2026-01-01) / 4 days
//! ```
//!
//! Engagement counts on a log scale: the first ten supports lift an idea as
//! much as the next ninety. Recency counts linearly: an idea published four
//! days later starts one point higher, so it needs ten times the engagement
//! of an older one to be shown below it. Because the time part depends only
//! on the publication time, never on "now", the score never goes stale: it
//! is stored on the idea, changes only when supports or comments do, and
//! keyset paging can read down an index on it. (This is the shape of
//! Reddit's and Lemmy's ranking, with a slower clock: a municipality gets
//! ideas by the day, not by the minute.)

use chrono::{DateTime, TimeZone, Utc};

/// Four days, in seconds: how much newer an idea must be to earn one point.
const SECONDS_PER_POINT: f64 = 4.0 * 24.0 * 3600.0;

pub fn hot_score(supports: i32, comments: i32, published_at: DateTime<Utc>) -> f64 {
    let engagement = 1.0 + f64::from(supports.max(0)) + f64::from(comments.max(0)) / 2.0;
    let epoch = Utc
        .with_ymd_and_hms(2026, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let age_of_epoch = (published_at - epoch).num_seconds() as f64;
    engagement.log10() + age_of_epoch / SECONDS_PER_POINT
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn newer_ideas_need_ten_times_the_engagement_per_four_days() {
        let older = Utc
            .with_ymd_and_hms(2026, 5, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        let newer = older + Duration::days(4);
        assert!(hot_score(0, 0, newer) > hot_score(8, 0, older));
        assert!(hot_score(0, 0, newer) < hot_score(10, 0, older));
        assert!((hot_score(9, 0, older) - hot_score(0, 0, newer)).abs() < 1e-9);
    }

    #[test]
    fn comments_count_half_a_support() {
        let at = Utc
            .with_ymd_and_hms(2026, 5, 1, 12, 0, 0)
            .single()
            .unwrap_or_default();
        assert!((hot_score(2, 0, at) - hot_score(0, 4, at)).abs() < 1e-9);
    }
}
