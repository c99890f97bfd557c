//! Draft locks: an OS advisory lock on `ID.lock`, so that two quire
//! processes never edit one draft. The OS drops the lock when the process
//! dies, so a stale lock file never blocks anyone.

use super::DraftError;
use super::disk::{LOCK_LINK, open_own_file};
use std::fmt;
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};

/// Who holds a lock, as recorded in the lock file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LockHolder {
    pub pid: Option<u32>,
    pub host: Option<String>,
}

impl fmt::Display for LockHolder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.pid, &self.host) {
            (Some(pid), Some(host)) => write!(f, "process {pid} on {host}"),
            (Some(pid), None) => write!(f, "process {pid}"),
            _ => f.write_str("another process"),
        }
    }
}

/// Held while a draft is being edited; released on drop or process exit.
#[derive(Debug)]
pub struct DraftLock {
    _file: File,
    path: PathBuf,
}

impl DraftLock {
    /// Takes the lock at `path` for draft `id`, or says who holds it.
    pub(crate) fn acquire(path: &Path, id: &str) -> Result<Self, DraftError> {
        // Never through a link: the pid is written into this file.
        let mut file = open_own_file(path, LOCK_LINK)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // What the holder wrote is only for the message.
                let _ = file.read_to_string(&mut text);
                return Err(DraftError::Locked {
                    id: id.to_owned(),
                    holder: parse_holder(&text),
                });
            }
            Err(TryLockError::Error(e)) => return Err(DraftError::io(path, e)),
        }
        let host = hostname();
        let note = format!("pid = {}\nhost = {host:?}\n", std::process::id());
        // The lock is the OS lock; the note only names the holder in another
        // quire's message. On a full disk it cannot be written, and the draft
        // must open all the same: an empty note reads as "another process".
        let _ = file
            .set_len(0)
            .and_then(|()| file.rewind())
            .and_then(|()| file.write_all(note.as_bytes()));
        Ok(Self {
            _file: file,
            path: path.to_owned(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn parse_holder(text: &str) -> LockHolder {
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(name)?.trim_start().strip_prefix('='))
            .map(|v| v.trim().trim_matches('"').to_owned())
    };
    LockHolder {
        pid: field("pid").and_then(|p| p.parse().ok()),
        host: field("host"),
    }
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .ok()
        .or_else(|| std::env::var("HOSTNAME").ok())
        .map_or_else(|| "this machine".into(), |h| h.trim().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_lock_is_refused_and_names_the_holder() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.lock");
        let first = DraftLock::acquire(&path, "d").expect("first lock");
        match DraftLock::acquire(&path, "d") {
            Err(DraftError::Locked { id, holder }) => {
                assert_eq!(id, "d");
                assert_eq!(holder.pid, Some(std::process::id()));
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        DraftLock::acquire(&path, "d").expect("free again after drop");
    }

    #[test]
    fn stale_lock_file_does_not_block() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("d.lock");
        std::fs::write(&path, "pid = 999999\nhost = \"gone\"\n").expect("write");
        DraftLock::acquire(&path, "d").expect("a lock file without a live lock is free");
    }
}
