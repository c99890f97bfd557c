//! The draft folder: one TOML file per draft, with history and trash.
//!
//! ```text
//! DIR/ID.toml               the draft
//! DIR/ID.journal            changes since ID.toml was last written whole
//! DIR/ID.lock               held while the draft is open for editing
//! DIR/history/ID/N.toml     earlier versions, kept before each replace
//! DIR/trash/ID.toml         removed drafts (and their journal), until restored
//! ```

use super::disk::{self, DRAFT_LINK, read_regular, read_regular_bytes, write_private};
use super::file::{parse_because, to_toml_because};
use super::journal::{self, Replayed, SaveReason};
use super::retention::{self, Kept};
use super::{Draft, DraftError, DraftId, DraftLock};
use std::path::{Path, PathBuf};

/// A folder of drafts.
#[derive(Debug, Clone)]
pub struct DraftStore {
    dir: PathBuf,
}

/// One entry of a listing: a draft, or a file that could not be read.
#[derive(Debug)]
pub enum Listed {
    Draft(Box<Draft>),
    Unreadable { id: String, error: DraftError },
}

/// An earlier version of a draft.
#[derive(Debug, Clone)]
pub struct Version {
    /// 1 is the most recent.
    pub n: usize,
    pub path: PathBuf,
    /// When that version was saved, as the file says (if it can be read).
    pub saved: Option<chrono::DateTime<chrono::FixedOffset>>,
    /// Why it was saved, when the file says so.
    pub why: Option<SaveReason>,
}

/// A draft as read from disk: its file and the journal replayed on it.
#[derive(Debug)]
pub(super) struct OnDisk {
    pub draft: Draft,
    /// The draft file's digest, which a journal names.
    pub digest: String,
    /// The draft file's size.
    pub bytes: u64,
    /// Changes replayed from the journal, and the last one's reason.
    pub journaled: usize,
    pub last_why: Option<SaveReason>,
    /// Whether a journal file is there (stale, empty or cut off included).
    pub journal_file: bool,
    /// Why the draft file was last written whole, when it says so.
    pub file_why: Option<SaveReason>,
}

impl DraftStore {
    /// The folder from `--drafts-dir`, else `QUIRE_DRAFTS_DIR`, else the
    /// user's data folder (`~/.local/share/quire/drafts` on Linux).
    pub fn default_dir(flag: Option<&Path>) -> Option<PathBuf> {
        if let Some(dir) = flag {
            return Some(dir.to_owned());
        }
        if let Some(dir) = std::env::var_os("QUIRE_DRAFTS_DIR").filter(|d| !d.is_empty()) {
            return Some(PathBuf::from(dir));
        }
        directories::ProjectDirs::from("", "", "quire").map(|p| p.data_dir().join("drafts"))
    }

    /// Opens the drafts folder to read and write drafts. A missing folder
    /// is made, private (0700); one that exists is used as it is, its mode
    /// unchanged (see [`DraftStore::open_to_others`]).
    pub fn open(dir: impl Into<PathBuf>) -> Result<Self, DraftError> {
        let dir = dir.into();
        disk::drafts_folder(&dir, true)?;
        let store = Self { dir };
        store.sweep();
        Ok(store)
    }

    /// Removes the temporary copies of whole drafts (up to 50 MB each) that
    /// saves killed before their rename left, beside drafts and versions.
    fn sweep(&self) {
        let draft = |name: &str| {
            name.strip_suffix(".toml")
                .and_then(DraftId::parse)
                .is_some()
        };
        let version = |name: &str| {
            name.strip_suffix(".toml")
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        };
        disk::sweep_temporaries(&self.dir, draft);
        let Ok(entries) = std::fs::read_dir(self.dir.join("history")) else {
            return;
        };
        for entry in entries.flatten() {
            let Some(id) = entry.file_name().to_str().and_then(DraftId::parse) else {
                continue;
            };
            // Linked folders are not entered.
            if self.history_folder(&id, false).unwrap_or(false) {
                disk::sweep_temporaries(&self.history_dir(&id), version);
            }
        }
    }

    /// Opens the drafts folder only to read it: nothing is made or changed,
    /// so that listing works on a read-only mount or someone else's folder.
    /// A missing folder holds no drafts.
    pub fn open_read_only(dir: impl Into<PathBuf>) -> Result<Self, DraftError> {
        let dir = dir.into();
        disk::drafts_folder(&dir, false)?;
        Ok(Self { dir })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The folder's mode when users other than its owner may read or write
    /// it: they see which drafts exist (the ids name organizations), or may
    /// add files. quire does not narrow a folder it did not make; the CLI
    /// warns instead.
    pub fn open_to_others(&self) -> Option<u32> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&self.dir).ok()?.permissions().mode() & 0o7777;
            (mode & 0o066 != 0).then_some(mode)
        }
        #[cfg(not(unix))]
        None
    }

    /// Where draft `id` lives.
    pub fn path(&self, id: &DraftId) -> PathBuf {
        self.dir.join(format!("{id}.toml"))
    }

    pub(super) fn history_dir(&self, id: &DraftId) -> PathBuf {
        self.dir.join("history").join(id.as_str())
    }

    /// Whether `history/ID` exists, with `make` made if missing; each level
    /// is checked in turn, so that neither is a link.
    pub(super) fn history_folder(&self, id: &DraftId, make: bool) -> Result<bool, DraftError> {
        let (top, own) = (self.dir.join("history"), self.history_dir(id));
        if make {
            disk::make_folder(&top)?;
            disk::make_folder(&own)?;
            return Ok(true);
        }
        Ok(disk::folder(&top)? && disk::folder(&own)?)
    }

    pub(super) fn trash_dir(&self) -> PathBuf {
        self.dir.join("trash")
    }

    pub(super) fn trash_path(&self, id: &DraftId) -> PathBuf {
        self.trash_dir().join(format!("{id}.toml"))
    }

    /// Checks a user-given id.
    pub fn id(s: &str) -> Result<DraftId, DraftError> {
        DraftId::parse(s).ok_or_else(|| DraftError::InvalidId(s.to_owned()))
    }

    /// A new id for a draft of `organization`, not used by any draft,
    /// version or trashed draft.
    pub fn new_id(&self, organization: &str, seed: u64) -> DraftId {
        let slug = DraftId::slug(organization);
        let mut n = seed;
        loop {
            let suffix = format!("{:04x}", n & 0xffff);
            if let Some(id) = DraftId::with_suffix(&slug, &suffix) {
                let taken = disk::present(&self.path(&id))
                    || disk::present(&self.trash_path(&id))
                    || disk::present(&self.history_dir(&id));
                if !taken {
                    return id;
                }
            }
            n = n
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407)
                >> 16;
        }
    }

    /// A new id for a draft of `organization`, seeded from the clock and
    /// the process so that two quire processes do not race for one id.
    pub fn fresh_id(&self, organization: &str) -> DraftId {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        // Only the low bits are wanted: truncation is the point.
        let seed = (nanos as u64) ^ u64::from(std::process::id()).rotate_left(32);
        self.new_id(organization, seed)
    }

    /// Reads a draft file at any path (a regular file, through links), with
    /// the journal beside it.
    pub fn load_path(path: &Path) -> Result<Draft, DraftError> {
        Self::read_on_disk(path).map(|d| d.draft)
    }

    /// The journal of the draft file at `path`.
    pub(super) fn journal_of(path: &Path) -> PathBuf {
        path.with_extension("journal")
    }

    /// Where the journal of draft `id` lives.
    pub fn journal_path(&self, id: &DraftId) -> PathBuf {
        Self::journal_of(&self.path(id))
    }

    pub(super) fn read_on_disk(path: &Path) -> Result<OnDisk, DraftError> {
        let text = read_regular(path).map_err(|e| DraftError::io(path, e))?;
        let (draft, file_why) = parse_because(&text).map_err(|e| DraftError::Parse {
            path: path.to_owned(),
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        let mut out = OnDisk {
            file_why,
            bytes: text.len() as u64,
            digest: journal::digest(text.as_bytes()),
            journaled: 0,
            last_why: None,
            journal_file: false,
            draft,
        };
        let jpath = Self::journal_of(path);
        let bytes = match read_regular_bytes(&jpath) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(DraftError::io(&jpath, e)),
        };
        out.journal_file = true;
        let damaged = |line: usize, message: String| DraftError::Journal {
            path: jpath.clone(),
            line,
            message,
        };
        match journal::read(&bytes, &out.digest) {
            Ok(Replayed::Stale) => {}
            Ok(Replayed::Records { records, .. }) => {
                for (i, r) in records.iter().enumerate() {
                    journal::apply(&mut out.draft, r).map_err(|m| {
                        damaged(0, format!("change {} does not fit the draft: {m}", i + 1))
                    })?;
                }
                out.journaled = records.len();
                out.last_why = records.last().map(|r| r.why);
            }
            Err(d) => return Err(damaged(d.line, d.message)),
        }
        Ok(out)
    }

    /// Reads draft `id`. The file's name is its id: a file copied under
    /// another name is that draft now (the next save writes the id in).
    pub fn load(&self, id: &DraftId) -> Result<Draft, DraftError> {
        let path = self.path(id);
        if !path.exists() {
            return Err(DraftError::NotFound(id.to_string()));
        }
        let mut draft = Self::load_path(&path)?;
        draft.id = id.clone();
        Ok(draft)
    }

    /// Whether anything is kept under `id`: the draft, its trash or history.
    /// A linked `trash` or `history` folder is an error, not "nothing".
    pub fn knows(&self, id: &DraftId) -> Result<bool, DraftError> {
        let trashed = disk::folder(&self.trash_dir())? && disk::present(&self.trash_path(id));
        let kept = self.history_folder(id, false)?;
        Ok(disk::present(&self.path(id)) || trashed || kept)
    }

    /// Takes the edit lock of draft `id`. A linked draft is refused: it is
    /// never written, so it is never opened for editing.
    pub fn lock(&self, id: &DraftId) -> Result<DraftLock, DraftError> {
        disk::no_link(&self.path(id), DRAFT_LINK)?;
        disk::no_link(&self.journal_path(id), DRAFT_LINK)?;
        let lock = DraftLock::acquire(&self.dir.join(format!("{id}.lock")), id.as_str())?;
        // Only the lock's holder saves this draft: any temporary copy of it
        // is what a killed save left, whatever its age.
        let name = format!("{id}.toml");
        disk::sweep_older(&self.dir, |n| n == name, std::time::Duration::ZERO);
        if self.history_folder(id, false).unwrap_or(false) {
            disk::sweep_older(
                &self.history_dir(id),
                |n| {
                    n.strip_suffix(".toml")
                        .is_some_and(|n| n.parse::<u64>().is_ok())
                },
                std::time::Duration::ZERO,
            );
        }
        Ok(lock)
    }

    /// Every draft in the folder, by id; unreadable files are listed with
    /// their reason, never touched.
    pub fn list(&self) -> Result<Vec<Listed>, DraftError> {
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            // Opened read-only before any draft was made.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(e) => return Err(DraftError::io(&self.dir, e)),
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(stem) = path
                .extension()
                .filter(|e| *e == "toml")
                .and_then(|_| path.file_stem())
                .and_then(|s| s.to_str())
            else {
                continue;
            };
            out.push(match Self::load_path(&path) {
                Ok(mut d) => {
                    if let Some(id) = DraftId::parse(stem) {
                        d.id = id;
                    }
                    Listed::Draft(Box::new(d))
                }
                Err(error) => Listed::Unreadable {
                    id: stem.to_owned(),
                    error,
                },
            });
        }
        out.sort_by(|a, b| listed_id(a).cmp(listed_id(b)));
        Ok(out)
    }

    /// Saves a draft atomically, keeping the version it replaces in the
    /// history. A file on disk that cannot be read is not replaced.
    pub fn save(&self, draft: &Draft) -> Result<(), DraftError> {
        self.write_whole(draft, None).map(|_| ())
    }

    /// Saves a draft whole, recording why; returns the new file's digest
    /// and size. The state it replaces (file and journal) goes into the
    /// history, and the journal, now part of the file, is removed.
    pub fn save_because(
        &self,
        draft: &Draft,
        why: SaveReason,
    ) -> Result<(String, u64), DraftError> {
        self.write_whole(draft, Some(why))
    }

    fn write_whole(
        &self,
        draft: &Draft,
        why: Option<SaveReason>,
    ) -> Result<(String, u64), DraftError> {
        let path = self.path(&draft.id);
        disk::no_link(&path, DRAFT_LINK)?;
        match Self::read_on_disk(&path) {
            Ok(old) => {
                if old.draft == *draft && !old.journal_file {
                    return Ok((old.digest, old.bytes));
                }
                self.keep_current(&draft.id, &old, Some(draft))?;
            }
            Err(DraftError::Io { source, .. }) if source.kind() == std::io::ErrorKind::NotFound => {
            }
            Err(DraftError::Parse { .. } | DraftError::Journal { .. }) => {
                return Err(DraftError::UnreadableOnDisk {
                    path,
                    id: draft.id.to_string(),
                });
            }
            Err(e) => return Err(e),
        }
        self.replace(draft, why)
    }

    /// Writes `draft` over its file, whatever is there, and removes the
    /// journal the file now holds; returns the new file's digest and size.
    fn replace(&self, draft: &Draft, why: Option<SaveReason>) -> Result<(String, u64), DraftError> {
        let new = to_toml_because(draft, why);
        write_private(&self.path(&draft.id), &new)?;
        self.drop_journal(&draft.id)?;
        Ok((journal::digest(new.as_bytes()), new.len() as u64))
    }

    /// Removes the journal of draft `id`, once its file holds everything.
    pub(super) fn drop_journal(&self, id: &DraftId) -> Result<(), DraftError> {
        let path = self.journal_path(id);
        match std::fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(DraftError::io(&path, e)),
            _ => Ok(()),
        }
    }

    /// Creates a draft that must not exist yet.
    pub fn create(&self, draft: &Draft) -> Result<(), DraftError> {
        self.create_as(draft, None)
    }

    /// Creates a draft that must not exist yet, recording why.
    pub fn create_because(&self, draft: &Draft, why: SaveReason) -> Result<(), DraftError> {
        self.create_as(draft, Some(why))
    }

    fn create_as(&self, draft: &Draft, why: Option<SaveReason>) -> Result<(), DraftError> {
        if disk::present(&self.path(&draft.id)) {
            return Err(DraftError::Exists(draft.id.to_string()));
        }
        self.write_whole(draft, why).map(|_| ())
    }

    /// Versions are numbered files `1.toml`… in save order; the newest has
    /// the highest number on disk and is shown as version 1.
    fn stored_versions(&self, id: &DraftId) -> Result<Vec<(u64, PathBuf)>, DraftError> {
        if !self.history_folder(id, false)? {
            return Ok(Vec::new());
        }
        let mut out: Vec<(u64, PathBuf)> = std::fs::read_dir(self.history_dir(id))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let p = e.path();
                let n = p.file_stem()?.to_str()?.parse().ok()?;
                (p.extension()? == "toml").then_some((n, p))
            })
            .collect();
        out.sort_by_key(|(n, _)| std::cmp::Reverse(*n));
        Ok(out)
    }

    /// Keeps what draft `id` holds before it is replaced by `next`: its
    /// file as last written whole, and, when its journal holds changes
    /// that `next` does not, the state they make (the user's latest work).
    fn keep_current(
        &self,
        id: &DraftId,
        current: &OnDisk,
        next: Option<&Draft>,
    ) -> Result<(), DraftError> {
        self.keep_current_at(id, &self.path(id), current, next)
    }

    fn keep_current_at(
        &self,
        id: &DraftId,
        path: &Path,
        current: &OnDisk,
        next: Option<&Draft>,
    ) -> Result<(), DraftError> {
        self.keep_version(id, VersionFrom::File(path))?;
        if current.journaled > 0 && next != Some(&current.draft) {
            let text = to_toml_because(&current.draft, current.last_why);
            self.keep_version(id, VersionFrom::Text(&text))?;
        }
        Ok(())
    }

    /// Writes draft `draft` whole for its writer, which holds its lock and
    /// has checked that the file is the one it last wrote: that file
    /// becomes a version; the journal's changes are all in `draft`, which
    /// is the latest of them.
    pub(super) fn compact(
        &self,
        draft: &Draft,
        why: SaveReason,
    ) -> Result<(String, u64), DraftError> {
        // The writer knows the file is the one it last wrote (it checks its
        // size and time): re-reading a 50 MB draft only to find that out
        // doubled the time to quit.
        let path = self.path(&draft.id);
        disk::no_link(&path, DRAFT_LINK)?;
        self.keep_version(&draft.id, VersionFrom::File(&path))?;
        self.replace(draft, Some(why))
    }

    fn keep_version(&self, id: &DraftId, from: VersionFrom) -> Result<(), DraftError> {
        self.history_folder(id, true)?;
        let versions = self.stored_versions(id)?;
        let next = versions.first().map_or(1, |(n, _)| n + 1);
        let to = self.history_dir(id).join(format!("{next}.toml"));
        match from {
            // A link costs nothing, however big the draft: the draft file
            // is replaced by a rename, so the linked one never changes.
            VersionFrom::File(path) => {
                if std::fs::hard_link(path, &to).is_ok() {
                    // The draft file is replaced next: its old self, now
                    // only a version, is made private like every version.
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        let private = std::fs::Permissions::from_mode(0o600);
                        std::fs::set_permissions(&to, private)
                            .map_err(|e| DraftError::io(&to, e))?;
                    }
                } else {
                    let text = read_regular(path).map_err(|e| DraftError::io(path, e))?;
                    write_private(&to, &text)?;
                }
            }
            VersionFrom::Text(text) => write_private(&to, text)?,
        }
        self.prune(id);
        Ok(())
    }

    /// Thins the history of draft `id` (see [`retention`]). Best effort: a
    /// version left behind costs only space. Unlinking never follows a
    /// link: at worst the link goes.
    fn prune(&self, id: &DraftId) {
        let now = std::time::SystemTime::now();
        let Ok(versions) = self.stored_versions(id) else {
            return;
        };
        let kept: Vec<Kept> = versions
            .iter()
            .map(|(n, path)| {
                let m = std::fs::symlink_metadata(path).ok();
                Kept {
                    n: *n,
                    age: m
                        .as_ref()
                        .and_then(|m| m.modified().ok())
                        .and_then(|t| now.duration_since(t).ok())
                        .unwrap_or_default(),
                    bytes: m.map_or(0, |m| m.len()),
                }
            })
            .collect();
        for n in retention::to_prune(&kept, retention::BUDGET) {
            if let Some((_, path)) = versions.iter().find(|(m, _)| *m == n) {
                let _ = std::fs::remove_file(path);
            }
        }
    }

    /// The kept versions of draft `id`, newest first, or why they cannot
    /// be read.
    pub(super) fn versions(&self, id: &DraftId) -> Result<Vec<Version>, DraftError> {
        Ok(self
            .stored_versions(id)?
            .into_iter()
            .enumerate()
            .map(|(i, (_, path))| {
                let read = read_regular(&path).ok();
                let parsed = read.as_deref().and_then(|t| parse_because(t).ok());
                Version {
                    n: i + 1,
                    saved: parsed.as_ref().map(|(d, _)| d.updated),
                    why: parsed.and_then(|(_, why)| why),
                    path,
                }
            })
            .collect())
    }

    /// Version `n` of draft `id` (1 is the newest), or that there is none.
    pub(super) fn version(&self, id: &DraftId, n: usize) -> Result<Version, DraftError> {
        self.versions(id)?
            .into_iter()
            .find(|v| v.n == n)
            .ok_or_else(|| DraftError::NoSuchVersion {
                id: id.to_string(),
                n,
            })
    }

    /// The kept versions of draft `id`, newest first; none when its history
    /// folder is a link ([`DraftStore::knows`] says so).
    pub fn history(&self, id: &DraftId) -> Vec<Version> {
        self.versions(id).unwrap_or_default()
    }

    /// Brings back version `n` of draft `id`; the current draft goes into
    /// the history first, so a restore can itself be undone.
    pub fn restore_version(&self, id: &DraftId, n: usize) -> Result<Draft, DraftError> {
        let path = self.path(id);
        disk::no_link(&path, DRAFT_LINK)?;
        let version = self.version(id, n)?;
        let text = read_regular(&version.path).map_err(|e| DraftError::io(&version.path, e))?;
        let (mut old, _) = parse_because(&text).map_err(|e| DraftError::Parse {
            path: version.path.clone(),
            line: e.line,
            column: e.column,
            message: e.message,
        })?;
        // A version kept before a rename names the old id: the file's
        // name is its id.
        old.id = id.clone();
        match Self::read_on_disk(&path) {
            Ok(current) => self.keep_current(id, &current, None)?,
            // An unreadable draft's bytes are kept as they are, and a
            // journal quire cannot read is set aside, never deleted.
            Err(e) => {
                if let Ok(bytes) = read_regular(&path) {
                    self.keep_version(id, VersionFrom::Text(&bytes))?;
                }
                if let DraftError::Journal { path: journal, .. } = e {
                    let aside = (1..)
                        .map(|n| journal.with_extension(format!("journal.damaged-{n}")))
                        .find(|p| !disk::present(p))
                        .unwrap_or_default();
                    std::fs::rename(&journal, &aside).map_err(|e| DraftError::io(&journal, e))?;
                }
            }
        }
        write_private(&path, &text)?;
        self.drop_journal(id)?;
        Ok(old)
    }

    /// Moves draft `id` to the trash (its history stays).
    pub fn trash(&self, id: &DraftId) -> Result<PathBuf, DraftError> {
        let path = self.path(id);
        if !path.exists() {
            return Err(DraftError::NotFound(id.to_string()));
        }
        disk::no_link(&path, DRAFT_LINK)?;
        disk::make_folder(&self.trash_dir())?;
        let trash = self.trash_path(id);
        // A draft already in the trash under this id goes into the history
        // rather than being replaced.
        if disk::present(&trash) {
            match Self::read_on_disk(&trash) {
                Ok(older) => self.keep_current_at(id, &trash, &older, None)?,
                _ => self.keep_version(id, VersionFrom::File(&trash))?,
            }
            let _ = std::fs::remove_file(Self::journal_of(&trash));
        }
        // The journal first: a draft file in the trash without it would
        // lose the last changes; one left here with no file is ignored.
        let journal = self.journal_path(id);
        if disk::present(&journal) {
            std::fs::rename(&journal, Self::journal_of(&trash))
                .map_err(|e| DraftError::io(&journal, e))?;
        }
        std::fs::rename(&path, &trash).map_err(|e| DraftError::io(&path, e))?;
        Ok(trash)
    }

    /// Brings draft `id` back from the trash.
    pub fn untrash(&self, id: &DraftId) -> Result<(), DraftError> {
        let trash = self.trash_path(id);
        if !disk::folder(&self.trash_dir())? || !disk::present(&trash) {
            return Err(DraftError::NotInTrash(id.to_string()));
        }
        let path = self.path(id);
        if disk::present(&path) {
            return Err(DraftError::Exists(id.to_string()));
        }
        let journal = Self::journal_of(&trash);
        if disk::present(&journal) {
            std::fs::rename(&journal, self.journal_path(id))
                .map_err(|e| DraftError::io(&journal, e))?;
        }
        std::fs::rename(&trash, &path).map_err(|e| DraftError::io(&trash, e))
    }
}

fn listed_id(l: &Listed) -> &str {
    match l {
        Listed::Draft(d) => d.id.as_str(),
        Listed::Unreadable { id, .. } => id,
    }
}

/// Where a version's bytes come from.
enum VersionFrom<'a> {
    /// A draft file, as it is.
    File(&'a Path),
    Text(&'a str),
}
