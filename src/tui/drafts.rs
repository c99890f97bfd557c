//! The start screen's effects on the drafts folder: trash and bring back,
//! rename, read versions, open one read-only, restore one. I/O for the
//! shell; `start.rs` holds the pure side.

use super::model::{Trashed, VersionRow, Versions};
use super::msg::Opened;
use crate::draft::{Diff, DraftId, DraftStore, reconcile, summary};
use crate::questionnaire::Questionnaire;

/// Changes listed in a version's line before "N more".
const SHOWN: usize = 3;

fn id(s: &str) -> Result<DraftId, String> {
    DraftStore::id(s).map_err(|e| e.to_string())
}

/// Moves a draft to the trash, as `quire drafts rm` does: under its lock,
/// so that a draft open in another quire is not taken from under it.
pub fn trash(store: &DraftStore, t: &Trashed) -> Result<(), String> {
    let id = id(&t.id)?;
    let _lock = store.lock(&id).map_err(|e| e.to_string())?;
    store.trash(&id).map(drop).map_err(|e| e.to_string())
}

pub fn untrash(store: &DraftStore, t: &Trashed) -> Result<(), String> {
    store.untrash(&id(&t.id)?).map_err(|e| e.to_string())
}

pub fn rename(store: &DraftStore, from: &str, to: &str) -> Result<(), String> {
    let to_id = DraftId::parse(to).ok_or_else(|| {
        format!(
            "`{to}` is not a draft id: lowercase letters, digits and single dashes (for example `{}`)",
            DraftId::slug(to)
        )
    })?;
    store.rename(&id(from)?, &to_id).map_err(|e| e.to_string())
}

/// Restores version `n` under the draft's lock; the current draft is kept
/// as a version first.
pub fn restore(store: &DraftStore, draft: &str, n: usize) -> Result<(), String> {
    let id = id(draft)?;
    let _lock = store.lock(&id).map_err(|e| e.to_string())?;
    store
        .restore_version(&id, n)
        .map(drop)
        .map_err(|e| e.to_string())
}

/// The versions of a draft with what each changed, in a line each.
pub fn versions(
    store: &DraftStore,
    q: &Questionnaire,
    draft: &str,
    organization: String,
) -> Result<Versions, String> {
    let id = id(draft)?;
    let history = store.history_changes(q, &id);
    let rows = history
        .steps
        .into_iter()
        .map(|step| VersionRow {
            n: step.version.n,
            saved: step.version.saved,
            why: step.version.why.map(|w| w.describe()),
            changes: match step.diff {
                Diff::Changes(c) => summary(&c, SHOWN),
                Diff::Oldest => "the oldest version kept".into(),
                Diff::Unreadable(why) => format!("cannot be read: {why}"),
                Diff::OlderUnreadable => "(the version before it cannot be read)".into(),
            },
        })
        .collect();
    Ok(Versions {
        id: id.to_string(),
        organization,
        since_newest: history.since_newest.map(|c| summary(&c, SHOWN)),
        rows,
        cursor: 0,
    })
}

/// Version `n` of a draft, to look at: nothing is locked or written.
pub fn open_version(
    store: &DraftStore,
    q: &Questionnaire,
    draft: &str,
    n: usize,
) -> Result<Opened, String> {
    let id = id(draft)?;
    let mut version = store.load_version(&id, n).map_err(|e| e.to_string())?;
    crate::workspace::check(q, &version).map_err(|e| e.to_string())?;
    let orphans_moved = reconcile(&mut version, q);
    let saved = version.updated.format("%Y-%m-%d %H:%M");
    Ok(Opened {
        read_only: Some(format!(
            "version {n} of {id}, saved {saved}. Esc goes back to the versions, where r restores it."
        )),
        draft: Box::new(version),
        orphans_moved,
        note: None,
        export_folder: None,
        version: Some(n),
    })
}
