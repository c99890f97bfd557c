//! Which earlier versions of a draft are kept. The last ten saves covered
//! ten to twenty seconds of typing: an answer deleted by accident was gone
//! from the history after half a minute. Versions are now thinned by age,
//! densely for the last minutes, then one an hour, then one a day, across
//! sessions, within a size budget.

use std::time::Duration;

/// Versions younger than this are kept one per [`RECENT_STEP`].
pub const RECENT: Duration = Duration::from_secs(15 * 60);
pub const RECENT_STEP: Duration = Duration::from_secs(30);
/// One version an hour is kept for versions younger than this, then one a
/// day.
pub const HOURLY: Duration = Duration::from_secs(2 * 24 * 3600);
/// The newest versions are kept whatever their age and size.
pub const ALWAYS: usize = 3;
/// The history of one draft may take this much space, beyond [`ALWAYS`].
pub const BUDGET: u64 = 100 * 1024 * 1024;

/// One kept version, as the policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kept {
    /// Its number on disk (higher is newer).
    pub n: u64,
    /// How long ago it was written.
    pub age: Duration,
    pub bytes: u64,
}

/// The versions to delete, by number, of `versions` (newest first).
pub fn to_prune(versions: &[Kept], budget: u64) -> Vec<u64> {
    let mut keep = vec![false; versions.len()];
    let mut last_bucket = None;
    for (i, v) in versions.iter().enumerate() {
        // The newest version of each half minute, then hour, then day.
        let age = v.age.as_secs();
        let bucket = if v.age < RECENT {
            (0, age / RECENT_STEP.as_secs())
        } else if v.age < HOURLY {
            (1, age / 3600)
        } else {
            (2, age / 86_400)
        };
        keep[i] = i < ALWAYS || last_bucket != Some(bucket);
        last_bucket = Some(bucket);
    }
    let mut used = 0u64;
    for (i, v) in versions.iter().enumerate() {
        if !keep[i] {
            continue;
        }
        used = used.saturating_add(v.bytes);
        if i >= ALWAYS && used > budget {
            keep[i] = false;
        }
    }
    versions
        .iter()
        .zip(keep)
        .filter(|(_, k)| !k)
        .map(|(v, _)| v.n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIN: u64 = 60;
    const HOUR: u64 = 3600;
    const DAY: u64 = 86_400;

    /// Versions at these ages (seconds), newest first, numbered down.
    fn at(ages: &[u64], bytes: u64) -> Vec<Kept> {
        let n = ages.len() as u64;
        ages.iter()
            .enumerate()
            .map(|(i, a)| Kept {
                n: n - i as u64,
                age: Duration::from_secs(*a),
                bytes,
            })
            .collect()
    }

    fn kept(versions: &[Kept], budget: u64) -> Vec<u64> {
        let gone = to_prune(versions, budget);
        versions
            .iter()
            .map(|v| v.n)
            .filter(|n| !gone.contains(n))
            .collect()
    }

    #[test]
    fn an_answer_deleted_then_typed_over_for_minutes_is_still_in_the_history() {
        // A save every 2 s for 10 minutes: all of them are recent.
        let ages: Vec<u64> = (0..300).map(|i| i * 2).collect();
        let versions = at(&ages, 1000);
        let kept = kept(&versions, BUDGET);
        // The newest three, then one per half minute.
        assert_eq!(kept.len(), 3 + 19, "{kept:?}");
        let oldest = versions.iter().find(|v| v.n == *kept.last().unwrap());
        assert_eq!(
            oldest.unwrap().age.as_secs(),
            570,
            "nine and a half minutes back"
        );
    }

    #[test]
    fn older_versions_thin_to_one_an_hour_then_one_a_day() {
        let mut ages = vec![0, 10, 20, 30];
        // Three an hour for five hours, two days ago and beyond: 3 a day.
        for h in 1..6 {
            ages.extend([h * HOUR, h * HOUR + 10 * MIN, h * HOUR + 20 * MIN]);
        }
        for d in 3..6 {
            ages.extend([d * DAY, d * DAY + HOUR, d * DAY + 2 * HOUR]);
        }
        let versions = at(&ages, 10);
        let kept_ages: Vec<u64> = kept(&versions, BUDGET)
            .into_iter()
            .map(|n| versions.iter().find(|v| v.n == n).unwrap().age.as_secs())
            .collect();
        assert_eq!(
            kept_ages,
            vec![
                0,
                10,
                20,
                30,
                HOUR,
                2 * HOUR,
                3 * HOUR,
                4 * HOUR,
                5 * HOUR,
                3 * DAY,
                4 * DAY,
                5 * DAY
            ]
        );
    }

    #[test]
    fn the_size_budget_drops_the_oldest_but_never_the_newest_three() {
        let ages: Vec<u64> = (0..8).map(|i| i * DAY).collect();
        let versions = at(&ages, 40);
        assert_eq!(kept(&versions, 100), vec![8, 7, 6]);
        assert_eq!(kept(&versions, 200), vec![8, 7, 6, 5, 4]);
        assert_eq!(kept(&versions, 0), vec![8, 7, 6]);
    }
}
