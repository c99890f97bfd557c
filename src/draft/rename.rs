//! Renaming a draft: giving it another id, which is its file name, the
//! name `quire open` takes and the folder of its history.
//!
//! The organization shown in lists is an answer printed in the report: a
//! rename never changes it. Several files move, and no file system moves
//! several at once; the steps are ordered so that a crash at any point
//! leaves the answers whole under one name or both:
//!
//! 1. both names are locked (the old one before the draft is read): a
//!    draft open in a wizard is not renamed, and nobody opens either name
//!    meanwhile;
//! 2. the draft, its journal replayed, is written whole under the new name
//!    (never over a file there);
//! 3. its history folder is moved under the new name;
//! 4. the folders and exports files follow;
//! 5. the old draft file goes, then its journal, then its lock file.
//!
//! A crash after 2 leaves the same answers under both names, never none.

use super::disk::{self, DRAFT_LINK};
use super::file::to_toml_because;
use super::{DraftError, DraftId, DraftStore};
use std::io::Write;

impl DraftStore {
    /// Gives draft `old` the id `new`, with its journal, history, lock and
    /// the files beside it. A name that is taken (a draft, a draft in the
    /// trash, a history kept under it) is refused, as are links where the
    /// draft's files are: quire never moves a link.
    pub fn rename(&self, old: &DraftId, new: &DraftId) -> Result<(), DraftError> {
        if old == new {
            return Err(DraftError::SameName(old.to_string()));
        }
        let from = self.path(old);
        if !disk::present(&from) {
            return Err(DraftError::NotFound(old.to_string()));
        }
        let _old_lock = self.lock(old)?;
        self.name_is_free(new)?;
        let had_history = self.history_folder(old, false)?;
        let current = Self::read_on_disk(&from)?;
        let _new_lock = self.lock(new)?;
        // Checked again under the lock: an import takes no lock.
        self.name_is_free(new)?;
        let mut draft = current.draft;
        draft.id = new.clone();
        let text = to_toml_because(&draft, current.last_why.or(current.file_why));
        let to = self.path(new);
        self.write_new(&to, &text)?;
        if had_history && let Err(e) = std::fs::rename(self.history_dir(old), self.history_dir(new))
        {
            // The old name still holds everything: the new file goes.
            let _ = std::fs::remove_file(&to);
            return Err(DraftError::io(self.history_dir(old), e));
        }
        for (from, to) in [
            (self.folders_path(old), self.folders_path(new)),
            (self.exports_path(old), self.exports_path(new)),
        ] {
            // Conveniences: a link there stays where it is, and a failed
            // move loses a proposal or a record, never an answer.
            if disk::present(&from) && disk::no_link(&from, DRAFT_LINK).is_ok() {
                let _ = std::fs::rename(&from, &to);
            }
        }
        std::fs::remove_file(&from).map_err(|e| DraftError::io(&from, e))?;
        let journal = self.journal_path(old);
        if disk::present(&journal) {
            std::fs::remove_file(&journal).map_err(|e| DraftError::io(&journal, e))?;
        }
        // Held by us: nobody waits on it, and a lock file left behind would
        // never block anyone either.
        let _ = std::fs::remove_file(self.dir().join(format!("{old}.lock")));
        disk::sync_folder(self.dir());
        Ok(())
    }

    /// Refuses `id` when anything is kept under it.
    fn name_is_free(&self, id: &DraftId) -> Result<(), DraftError> {
        let taken = |by: &'static str| {
            Err(DraftError::NameTaken {
                id: id.to_string(),
                by,
            })
        };
        if disk::present(&self.path(id)) || disk::present(&self.journal_path(id)) {
            return taken("a draft has it");
        }
        if disk::folder(&self.trash_dir())? && disk::present(&self.trash_path(id)) {
            return taken("a draft in the trash has it (see `quire drafts restore`)");
        }
        if self.history_folder(id, false)? {
            return taken("earlier versions of another draft are kept under it");
        }
        Ok(())
    }

    /// Writes `text` as the new draft file `to`, private, whole or not at
    /// all, and never over a file that appeared there.
    fn write_new(&self, to: &std::path::Path, text: &str) -> Result<(), DraftError> {
        let io = |e: std::io::Error| DraftError::io(to, e);
        let mut file = tempfile::Builder::new()
            .prefix(&format!(
                ".{}.",
                to.file_name().and_then(|n| n.to_str()).unwrap_or("draft")
            ))
            .rand_bytes(6)
            .tempfile_in(self.dir())
            .map_err(io)?;
        file.write_all(text.as_bytes()).map_err(io)?;
        file.as_file().sync_all().map_err(io)?;
        file.persist_noclobber(to).map_err(|e| io(e.error))?;
        disk::sync_folder(self.dir());
        Ok(())
    }
}
