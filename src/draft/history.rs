//! The history with what each version changed: for `quire drafts history`
//! and the wizard's list of versions, so that a person can tell which
//! version holds the text they lost.

use super::changes::{Change, changes};
use super::store::Version;
use super::{Draft, DraftError, DraftId, DraftStore};
use crate::questionnaire::Questionnaire;

/// A kept version and what it changed from the one before it.
#[derive(Debug, Clone)]
pub struct Step {
    pub version: Version,
    pub diff: Diff,
}

/// What a version changed from the next older one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Diff {
    Changes(Vec<Change>),
    /// The oldest version kept: nothing to compare with.
    Oldest,
    /// This version cannot be read: why.
    Unreadable(String),
    /// The version before it cannot be read.
    OlderUnreadable,
}

/// Every kept version with its changes, and what the draft holds now that
/// the newest version does not.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// The current draft's changes from version 1 (`None` when the draft
    /// or version 1 cannot be read, or there is no version).
    pub since_newest: Option<Vec<Change>>,
    /// Newest first, as [`DraftStore::history`] numbers them.
    pub steps: Vec<Step>,
}

impl DraftStore {
    /// Version `n` of draft `id` (1 is the newest), as it was saved; its id
    /// is `id`, whatever the file says (a version kept before a rename).
    pub fn load_version(&self, id: &DraftId, n: usize) -> Result<Draft, DraftError> {
        let version = self.version(id, n)?;
        let mut draft = Self::read_on_disk(&version.path)?.draft;
        draft.id = id.clone();
        Ok(draft)
    }

    /// The history of draft `id` with what each version changed, compared
    /// by answer with `q`'s question numbers and labels. Versions are read
    /// one after the other, oldest first, two at a time at most.
    pub fn history_changes(&self, q: &Questionnaire, id: &DraftId) -> History {
        let versions = self.history(id);
        let mut steps: Vec<Step> = Vec::with_capacity(versions.len());
        // The next older version: none yet, or read, or not readable.
        let mut older: Option<Option<Draft>> = None;
        for version in versions.into_iter().rev() {
            let (diff, this) = match Self::read_on_disk(&version.path) {
                Ok(d) => {
                    let diff = match &older {
                        None => Diff::Oldest,
                        Some(None) => Diff::OlderUnreadable,
                        Some(Some(o)) => Diff::Changes(changes(q, o, &d.draft)),
                    };
                    (diff, Some(d.draft))
                }
                Err(e) => (Diff::Unreadable(e.to_string()), None),
            };
            steps.push(Step { version, diff });
            older = Some(this);
        }
        steps.reverse();
        let since_newest = match (older.flatten(), self.load(id)) {
            (Some(newest), Ok(now)) => Some(changes(q, &newest, &now)),
            _ => None,
        };
        History {
            since_newest,
            steps,
        }
    }
}
