//! `DIR/ID.folders`: the folder the wizard last exported draft `ID` to.
//!
//! Kept beside the draft rather than in it: a folder is this machine's
//! business (drafts are copied between people and kept in git, where
//! `/home/ana/Documents` means nothing and says too much), older quire
//! builds refuse a draft file with a key they do not know, and a change of
//! folder is no change of answers (no saved version, no journal record).
//! It is a convenience: a missing or unreadable file means "no folder yet",
//! and a failed write loses only the proposal.

use super::disk::{read_regular, write_private};
use super::{DraftError, DraftId, DraftStore};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file's content. Unknown keys are ignored, unlike in a draft: a later
/// quire may remember more here, and nothing is lost by not knowing it.
#[derive(Serialize, Deserialize, Default)]
struct FoldersFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    export: Option<String>,
}

const HEADER: &str = "# quire: the folder this draft was last exported to (docs/draft-format.md)\n";

impl DraftStore {
    /// Where the folders of draft `id` are remembered.
    pub fn folders_path(&self, id: &DraftId) -> PathBuf {
        self.dir().join(format!("{id}.folders"))
    }

    /// The folder draft `id` was last exported to, if it is remembered.
    pub fn last_export_folder(&self, id: &DraftId) -> Option<PathBuf> {
        let text = read_regular(&self.folders_path(id)).ok()?;
        let file: FoldersFile = toml::from_str(&text).ok()?;
        file.export.map(PathBuf::from).filter(|p| p.is_absolute())
    }

    /// Remembers `folder` as the one draft `id` was last exported to. Only
    /// an absolute folder that is Unicode text is kept (TOML holds text);
    /// another is not remembered. Written private and atomically, never
    /// through a link, as drafts are.
    pub fn remember_export_folder(&self, id: &DraftId, folder: &Path) -> Result<(), DraftError> {
        let Some(folder) = folder.to_str().filter(|_| folder.is_absolute()) else {
            return Ok(());
        };
        let file = FoldersFile {
            export: Some(folder.to_owned()),
        };
        let body = toml::to_string(&file).unwrap_or_default();
        write_private(&self.folders_path(id), &format!("{HEADER}{body}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, DraftStore, DraftId) {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let store = DraftStore::open(dir.path().join("drafts")).expect("store");
        (dir, store, DraftId::parse("office-1a2b").expect("id"))
    }

    #[test]
    fn a_folder_is_remembered_per_draft() {
        let (dir, store, id) = store();
        assert_eq!(store.last_export_folder(&id), None);
        let out = dir.path().join("out \"quoted\"");
        store.remember_export_folder(&id, &out).expect("remember");
        assert_eq!(store.last_export_folder(&id), Some(out));
        let other = DraftId::parse("other-1a2b").expect("id");
        assert_eq!(store.last_export_folder(&other), None);
        // The file is not a draft: listings do not see it.
        assert!(store.list().expect("list").is_empty());
    }

    #[test]
    fn a_damaged_or_relative_entry_is_no_folder() {
        let (_dir, store, id) = store();
        let path = store.folders_path(&id);
        for text in ["export = 3", "not toml [", "export = \"relative/out\""] {
            std::fs::write(&path, text).expect("write");
            assert_eq!(store.last_export_folder(&id), None, "{text}");
        }
        std::fs::write(&path, "export = \"/srv/out\"\nlater = true\n").expect("write");
        assert_eq!(
            store.last_export_folder(&id),
            Some(PathBuf::from("/srv/out"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn it_is_private_and_never_written_through_a_link() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, store, id) = store();
        store
            .remember_export_folder(&id, Path::new("/srv/out"))
            .expect("remember");
        let mode = std::fs::metadata(store.folders_path(&id))
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
        let target = dir.path().join("elsewhere");
        std::fs::write(&target, "kept").expect("write");
        std::fs::remove_file(store.folders_path(&id)).expect("remove");
        std::os::unix::fs::symlink(&target, store.folders_path(&id)).expect("link");
        assert!(
            store
                .remember_export_folder(&id, Path::new("/srv/out"))
                .is_err()
        );
        assert_eq!(std::fs::read_to_string(&target).expect("read"), "kept");
    }
}
