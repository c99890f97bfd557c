//! Saving a draft open for editing: small changes are appended to its
//! journal, and the draft file is written whole ("compacted") only now and
//! then, so that an autosave costs the size of the change, not of the draft.

use super::disk::{self, write_private};
use super::journal::{self, SaveReason};
use super::{Draft, DraftError, DraftLock, DraftStore};
use std::fs::File;
use std::io::Write;
use std::time::{Duration, Instant};

/// A draft file at most this big is written whole at least this often while
/// it changes: each such write keeps the state it replaces as a version, so
/// the history has one at least every half minute of work.
pub const COMPACT_AFTER: Duration = Duration::from_secs(30);
pub const SMALL_DRAFT: u64 = 1024 * 1024;

/// A journal grows to at most this, or the draft file's size if bigger,
/// before the draft is written whole: reading a draft replays it.
pub const JOURNAL_MAX: u64 = 1024 * 1024;

/// The writer of one draft, holding its lock.
#[derive(Debug)]
pub struct DraftWriter {
    store: DraftStore,
    _lock: DraftLock,
    /// What the files hold: the draft file with its journal replayed.
    persisted: Draft,
    /// The draft file's digest and size.
    digest: String,
    bytes: u64,
    journal: Option<File>,
    journal_bytes: u64,
    compacted: Instant,
    /// A save failed: the journal on disk may not end where `persisted`
    /// says, so the next save writes the draft whole.
    must_compact: bool,
    /// The draft file's size and time when last read or written: a file
    /// changed since (by hand, by another tool) would make the journal
    /// stale, so the draft is written whole instead.
    stamp: Option<(u64, std::time::SystemTime)>,
}

fn stamp(path: &std::path::Path) -> Option<(u64, std::time::SystemTime)> {
    let m = std::fs::symlink_metadata(path).ok()?;
    Some((m.len(), m.modified().ok()?))
}

impl DraftWriter {
    /// Opens draft `id` for editing under `lock`. A journal left by a
    /// session that was killed is folded into the draft file at once, so
    /// that each session's journal starts empty.
    pub fn open(
        store: &DraftStore,
        lock: DraftLock,
        id: &super::DraftId,
    ) -> Result<(Self, Draft), DraftError> {
        if !disk::present(&store.path(id)) {
            return Err(DraftError::NotFound(id.to_string()));
        }
        let mut on_disk = DraftStore::read_on_disk(&store.path(id))?;
        on_disk.draft.id = id.clone();
        let draft = on_disk.draft;
        let (digest, bytes) = if on_disk.journaled > 0 {
            store.save_because(&draft, SaveReason::Open)?
        } else {
            // Stale, empty or cut off before its first change.
            if on_disk.journal_file {
                store.drop_journal(id)?;
            }
            (on_disk.digest, on_disk.bytes)
        };
        let writer = Self::over(store, lock, &draft, digest, bytes);
        Ok((writer, draft))
    }

    /// Creates draft `draft`, which must not exist, under `lock`.
    pub fn create(
        store: &DraftStore,
        lock: DraftLock,
        draft: &Draft,
        why: SaveReason,
    ) -> Result<Self, DraftError> {
        store.create_because(draft, why)?;
        let (digest, bytes) = store.save_because(draft, why)?;
        Ok(Self::over(store, lock, draft, digest, bytes))
    }

    /// The writer of `draft`, whose file has just been read or written.
    fn over(
        store: &DraftStore,
        lock: DraftLock,
        draft: &Draft,
        digest: String,
        bytes: u64,
    ) -> Self {
        Self {
            store: store.clone(),
            _lock: lock,
            persisted: draft.clone(),
            digest,
            bytes,
            journal: None,
            journal_bytes: 0,
            compacted: Instant::now(),
            must_compact: false,
            stamp: stamp(&store.path(&draft.id)),
        }
    }

    /// Saves `draft`: appended to the journal when it can be, else written
    /// whole. When this fails, the files hold what the last save wrote.
    pub fn save(&mut self, draft: &Draft, why: SaveReason) -> Result<(), DraftError> {
        if *draft == self.persisted {
            return Ok(());
        }
        let whole = self.must_compact
            || stamp(&self.store.path(&draft.id)) != self.stamp
            || matches!(
                why,
                SaveReason::Quit | SaveReason::Open | SaveReason::Restore
            )
            || (self.bytes <= SMALL_DRAFT && self.compacted.elapsed() >= COMPACT_AFTER);
        let record = (!whole)
            .then(|| journal::diff(&self.persisted, draft, why))
            .flatten()
            .map(|r| journal::encode(&r));
        let result = match record {
            Some(r) if self.journal_bytes + r.len() as u64 <= JOURNAL_MAX.max(self.bytes) => {
                self.append(&r)
            }
            _ => self.compact(draft, why),
        };
        self.must_compact = result.is_err();
        result?;
        self.persisted = draft.clone();
        Ok(())
    }

    /// Writes the draft whole; the journal goes.
    fn compact(&mut self, draft: &Draft, why: SaveReason) -> Result<(), DraftError> {
        // Closed first: the file is removed once the draft holds it.
        self.journal = None;
        let (digest, bytes) = if stamp(&self.store.path(&draft.id)) == self.stamp {
            self.store.compact(draft, why)?
        } else {
            // Changed by someone else: read, kept as a version, or refused
            // if it cannot be read.
            self.store.save_because(draft, why)?
        };
        self.digest = digest;
        self.bytes = bytes;
        self.journal_bytes = 0;
        self.compacted = Instant::now();
        self.stamp = stamp(&self.store.path(&draft.id));
        Ok(())
    }

    fn append(&mut self, record: &str) -> Result<(), DraftError> {
        let path = self.store.journal_path(&self.persisted.id);
        if self.journal.is_none() {
            // Made whole with its header, then opened to append: a journal
            // exists complete with its header or not at all.
            write_private(&path, &journal::header(&self.digest))?;
            self.journal = Some(disk::append_own_file(&path)?);
            self.journal_bytes = 0;
        }
        let Some(file) = self.journal.as_mut() else {
            return Ok(());
        };
        let result = file
            .write_all(record.as_bytes())
            .and_then(|()| file.sync_data());
        if let Err(e) = result {
            // What was cut off is ignored when read; the next save writes
            // the draft whole rather than appending after it.
            self.journal = None;
            return Err(DraftError::io(&path, e));
        }
        self.journal_bytes += record.len() as u64;
        Ok(())
    }
}
