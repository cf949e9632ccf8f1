//! A short-lived memory of the dashboards' roll-ups. `/impact` and
//! `/admin/gains` add up every idea, KPI and measurement; read for every
//! request, their cost would grow with the municipality's ideas. Each
//! answer is kept for [`KEPT_FOR`] and dropped as soon as anything it adds
//! up changes in this process (a move, a plan, a measurement, a lesson:
//! [`changed`]), so a reader sees their own change at once; another
//! instance's change shows within [`KEPT_FOR`].

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// How long an answer is kept.
pub const KEPT_FOR: Duration = Duration::from_secs(60);
/// The most answers kept per kind (one per filter in the address).
const MOST_KEPT: usize = 256;

static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Something the roll-ups add up has changed: every kept answer is stale.
pub fn changed() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Answers by key, each with the generation and time it was made in.
pub struct RollupCache<K, V> {
    kept: Mutex<HashMap<K, (u64, Instant, V)>>,
}

impl<K: Eq + Hash + Clone, V: Clone> Default for RollupCache<K, V> {
    fn default() -> Self {
        Self {
            kept: Mutex::new(HashMap::new()),
        }
    }
}

impl<K: Eq + Hash + Clone, V: Clone> RollupCache<K, V> {
    /// The kept answer for `key`, or `make`'s, kept from now on. Two
    /// requests that miss at once both compute; the later one is kept.
    pub async fn get_or_make<E, Fut>(&self, key: K, make: impl FnOnce() -> Fut) -> Result<V, E>
    where
        Fut: Future<Output = Result<V, E>>,
    {
        let generation = GENERATION.load(Ordering::SeqCst);
        if let Ok(kept) = self.kept.lock()
            && let Some((made_in, at, value)) = kept.get(&key)
            && *made_in == generation
            && at.elapsed() < KEPT_FOR
        {
            return Ok(value.clone());
        }
        let value = make().await?;
        if let Ok(mut kept) = self.kept.lock() {
            if kept.len() >= MOST_KEPT {
                kept.retain(|_, (made_in, at, _)| {
                    *made_in == generation && at.elapsed() < KEPT_FOR
                });
            }
            if kept.len() < MOST_KEPT {
                kept.insert(key, (generation, Instant::now(), value.clone()));
            }
        }
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_answer_is_kept_until_something_changes() -> Result<(), std::convert::Infallible> {
        let cache: RollupCache<u8, u32> = RollupCache::default();
        let first = cache
            .get_or_make(1, || async { Ok::<u32, std::convert::Infallible>(10) })
            .await?;
        let kept = cache
            .get_or_make(1, || async { Ok::<u32, std::convert::Infallible>(20) })
            .await?;
        assert_eq!((first, kept), (10, 10));
        changed();
        assert_eq!(
            cache
                .get_or_make(1, || async { Ok::<u32, std::convert::Infallible>(30) })
                .await?,
            30
        );
        Ok(())
    }
}
