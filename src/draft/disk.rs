//! The file-system steps of the draft store, made so that quire never
//! follows a link it did not expect, never blocks on a special file and
//! never changes the mode of a folder it did not make.
//!
//! Drafts folders are kept in git checkouts and shared folders, which carry
//! symbolic links. A link inside the drafts folder may point anywhere, so
//! quire does not write, chmod or delete through one. The drafts folder
//! itself may be a link (`~/drafts -> /mnt/share/drafts`): the user chose it.

use super::DraftError;
use atomic_write_file::AtomicWriteFile;
use std::fs::{DirBuilder, File, Metadata, OpenOptions};
use std::io::{self, Read, Write};
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Why a link is refused where quire keeps its folders.
pub(super) const FOLDER_LINK: &str = "quire does not follow links inside the drafts folder, where it writes and deletes files: replace the link with a real folder, or remove it";
/// Why a link is refused in place of a lock file.
pub(super) const LOCK_LINK: &str = "quire does not follow links inside the drafts folder, where it writes: remove the link (quire makes the lock file itself)";
/// Why a link is refused in place of a draft that is to be written.
pub(super) const DRAFT_LINK: &str = "quire reads a draft through a link but never writes through, replaces or moves one: to edit the draft here, copy the file it points to over the link";

/// Whether anything is at `path`, a dangling link included.
pub(super) fn present(path: &Path) -> bool {
    path.symlink_metadata().is_ok()
}

/// Refuses a link at `path`, giving `why`.
pub(super) fn no_link(path: &Path, why: &'static str) -> Result<(), DraftError> {
    match path.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => Err(DraftError::Link {
            path: path.to_owned(),
            why,
        }),
        _ => Ok(()),
    }
}

/// Whether the folder `path`, inside the drafts folder, exists. A link or
/// anything but a folder there is an error rather than "missing", so that
/// nothing is made or read in its place.
pub(super) fn folder(path: &Path) -> Result<bool, DraftError> {
    match path.symlink_metadata() {
        Ok(m) if m.file_type().is_symlink() => Err(DraftError::Link {
            path: path.to_owned(),
            why: FOLDER_LINK,
        }),
        Ok(m) if m.is_dir() => Ok(true),
        Ok(m) => Err(DraftError::io(path, not_a_folder(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(DraftError::io(path, e)),
    }
}

/// Makes the folder `path`, inside the drafts folder, when it is missing:
/// private, as quire made it. One that exists keeps its mode.
pub(super) fn make_folder(path: &Path) -> Result<(), DraftError> {
    if folder(path)? {
        return Ok(());
    }
    match private_folder().create(path) {
        Ok(()) => Ok(()),
        // Another quire made it meanwhile: it is checked like any other.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => folder(path).map(drop),
        Err(e) => Err(DraftError::io(path, e)),
    }
}

/// Checks the drafts folder, a link to a folder included, and with `make`
/// makes it (and its missing parents) when it is missing. Without `make` a
/// missing folder is fine: it holds no drafts.
pub(super) fn drafts_folder(dir: &Path, make: bool) -> Result<(), DraftError> {
    match std::fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(m) => Err(DraftError::io(dir, not_a_folder(&m))),
        Err(e) if e.kind() == io::ErrorKind::NotFound && !make => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => private_folder()
            .recursive(true)
            .create(dir)
            .map_err(|e| DraftError::io(dir, e)),
        Err(e) => Err(DraftError::io(dir, e)),
    }
}

/// A folder only its owner can enter: answers are unpublished. The mode is
/// given at creation only (the umask can narrow it, never widen it), so no
/// chmod is ever needed.
fn private_folder() -> DirBuilder {
    #[allow(unused_mut)]
    let mut builder = DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder
}

fn not_a_folder(m: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::NotADirectory,
        format!("{}, not a folder", kind(m)),
    )
}

fn not_regular(m: &Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{}, not a regular file: quire reads drafts from regular files only",
            kind(m)
        ),
    )
}

/// What a file is, for messages.
fn kind(m: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = m.file_type();
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_socket() {
            return "a socket";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
    }
    if m.is_dir() {
        "a folder"
    } else if m.is_file() {
        "a regular file"
    } else {
        "a special file"
    }
}

/// Opening flags that never block (a FIFO opened to read waits for a
/// writer) nor make a terminal the controlling one; `no_follow` also
/// refuses a link as the last part of the path.
fn careful(options: &mut OpenOptions, no_follow: bool) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        let follow = if no_follow { libc::O_NOFOLLOW } else { 0 };
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY | follow);
    }
    #[cfg(not(unix))]
    let _ = (options, no_follow);
}

/// Reads a regular file, through links, as text. Anything else is refused
/// before it is opened, and checked again once open in case it was swapped.
pub(super) fn read_regular(path: &Path) -> io::Result<String> {
    String::from_utf8(read_regular_bytes(path)?)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// [`read_regular`], as bytes.
pub(super) fn read_regular_bytes(path: &Path) -> io::Result<Vec<u8>> {
    let m = std::fs::metadata(path)?;
    if !m.is_file() {
        return Err(not_regular(&m));
    }
    let mut options = OpenOptions::new();
    options.read(true);
    careful(&mut options, false);
    let mut file = options.open(path)?;
    let m = file.metadata()?;
    if !m.is_file() {
        return Err(not_regular(&m));
    }
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Opens the regular file `path` to append to it, never through a link.
pub(super) fn append_own_file(path: &Path) -> Result<File, DraftError> {
    no_link(path, DRAFT_LINK)?;
    let mut options = OpenOptions::new();
    options.append(true);
    careful(&mut options, true);
    let file = options.open(path).map_err(|e| DraftError::io(path, e))?;
    let m = file.metadata().map_err(|e| DraftError::io(path, e))?;
    if !m.is_file() {
        return Err(DraftError::io(path, not_regular(&m)));
    }
    Ok(file)
}

/// Opens (creating, private) the regular file `path` to read and write,
/// never through a link: `why` says why one is refused.
pub(super) fn open_own_file(path: &Path, why: &'static str) -> Result<File, DraftError> {
    no_link(path, why)?;
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    careful(&mut options, true);
    let file = options.open(path).map_err(|e| {
        // A link put there since the check above: said as such.
        no_link(path, why)
            .err()
            .unwrap_or_else(|| DraftError::io(path, e))
    })?;
    let m = file.metadata().map_err(|e| DraftError::io(path, e))?;
    if !m.is_file() {
        return Err(DraftError::io(path, not_regular(&m)));
    }
    Ok(file)
}

/// Writes a draft or a kept version atomically and private (0600). A link
/// at `path` is refused: renaming over it would quietly move the draft away
/// from where the link pointed.
pub(super) fn write_private(path: &Path, text: &str) -> Result<(), DraftError> {
    no_link(path, DRAFT_LINK)?;
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
        options.preserve_mode(false);
    }
    write_with(&options, path, text)
}

/// Writes any file atomically (an exported report): it appears whole or
/// not at all, and an existing file is only replaced by a complete one.
///
/// The file is always a plain 0644 file of the writer (less the umask):
/// nothing is taken from what was at `path`. Copying the mode and owner of
/// a link there gave a world-writable report owned by whoever made the
/// link. A link at `path` is replaced, never written through, so that an
/// export cannot overwrite the file a planted link points to.
pub fn write_file(path: &Path, text: &str) -> Result<(), DraftError> {
    let mut options = AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o644);
        options.preserve_mode(false);
        options.preserve_owner(false);
    }
    write_with(&options, path, text)
}

/// Writes `text` to `path` atomically: temporary file in the same folder,
/// fsync, rename over the old file, fsync of the folder.
fn write_with(
    options: &atomic_write_file::OpenOptions,
    path: &Path,
    text: &str,
) -> Result<(), DraftError> {
    let mut file = options.open(path).map_err(|e| DraftError::io(path, e))?;
    file.write_all(text.as_bytes())
        .map_err(|e| DraftError::io(path, e))?;
    file.commit().map_err(|e| DraftError::io(path, e))
}

/// How old a temporary copy must be to be taken for one left by a killed
/// save. A save takes milliseconds, so no save in progress is this old;
/// a lock would not tell, since `import` writes without one.
const STALE_AFTER: Duration = Duration::from_secs(3600);

/// Removes from `folder` the temporary copies that saves killed before
/// their rename left behind: atomic-write-file names them `.NAME.XXXXXX`
/// (six letters or digits) beside `NAME`. Only regular files so named after
/// a `NAME` that `is_ours` accepts, and older than [`STALE_AFTER`], are
/// removed; nothing else is touched. Best effort: a copy left costs space.
pub(super) fn sweep_temporaries(folder: &Path, is_ours: impl Fn(&str) -> bool) {
    sweep_older(folder, is_ours, STALE_AFTER);
}

/// Removes the temporary copies of `folder` that are `min_age` old: any age
/// once the draft's lock is held, since only its holder saves it.
pub(super) fn sweep_older(folder: &Path, is_ours: impl Fn(&str) -> bool, min_age: Duration) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        if !name.to_str().and_then(temporary_of).is_some_and(&is_ours) {
            continue;
        }
        // The entry's own metadata: a link is not a copy, whatever it names.
        let Ok(m) = entry.metadata() else { continue };
        let stale = min_age.is_zero()
            || m.modified()
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age >= min_age);
        if m.file_type().is_file() && stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// `NAME` for a temporary copy named `.NAME.XXXXXX`.
fn temporary_of(name: &str) -> Option<&str> {
    let (base, suffix) = name.strip_prefix('.')?.rsplit_once('.')?;
    let random = suffix.len() == 6 && suffix.bytes().all(|b| b.is_ascii_alphanumeric());
    random.then_some(base)
}

/// Flushes a folder's entries (renames, removals) to disk. Best effort: a
/// rename already made is kept by the file system; this only hurries it.
pub(super) fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(folder) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}
