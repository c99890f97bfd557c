//! `DIR/ID.exports`: when and where draft `ID` was exported, so that the
//! start screen and `quire drafts` can say "exported 2026-11-24 10:02" and
//! whether the answers changed since.
//!
//! Kept beside the draft, as `ID.folders` is, and for the same reasons: an
//! export changes no answer (no version in the history, no journal
//! record), the path belongs to this machine, and older quire builds
//! refuse a draft file with a key they do not know. A missing or damaged
//! file means "never exported"; a failed write loses only the record.

use super::disk::{read_regular, write_private};
use super::{DraftError, DraftId, DraftStore};
use crate::answers::{Answers, Chosen, Value};
use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The newest exports kept in the file; older ones are dropped.
pub const KEPT: usize = 20;

const HEADER: &str = "# quire: when and where this draft was exported (docs/draft-format.md)\n";

/// One export of a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Export {
    pub at: DateTime<FixedOffset>,
    /// The report file written.
    pub to: String,
    /// [`answers_digest`] of what was exported: tells whether the answers
    /// changed since.
    pub answers: String,
    /// Exported although required answers were missing.
    #[serde(default)]
    pub incomplete: bool,
}

/// The file: unknown keys are ignored (a later quire may record more).
#[derive(Serialize, Deserialize, Default)]
struct ExportsFile {
    #[serde(default, rename = "export")]
    exports: Vec<Export>,
}

/// A draft's last export, as listings show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub last: Export,
    /// The answers differ from what was exported then.
    pub changed_since: bool,
}

/// A digest of what a report is made of: the header and every answer. Two
/// drafts with equal answers have equal digests, whatever their id, times
/// and position.
pub fn answers_digest(answers: &Answers) -> String {
    let mut h = Sha256::new();
    // Each piece is length-prefixed, so that no two answer sets feed the
    // same bytes.
    let mut piece = |tag: u8, s: &str| {
        h.update([tag]);
        h.update((s.len() as u64).to_le_bytes());
        h.update(s.as_bytes());
    };
    for (k, v) in &answers.header {
        piece(b'h', k);
        piece(b'v', v);
    }
    for (k, v) in answers.iter() {
        piece(b'k', &k.to_string());
        match v {
            Value::Text(t) => piece(b't', t),
            Value::Choice(c) => {
                piece(b'c', "");
                for c in c {
                    match c {
                        Chosen::Option(id) => piece(b'o', id),
                        Chosen::Unlisted(l) => piece(b'u', l),
                    }
                }
            }
        }
    }
    let digest = h.finalize();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

impl DraftStore {
    /// Where the exports of draft `id` are recorded.
    pub fn exports_path(&self, id: &DraftId) -> PathBuf {
        self.dir().join(format!("{id}.exports"))
    }

    /// The recorded exports of draft `id`, oldest first; none when the
    /// file is missing or cannot be read.
    pub fn exports(&self, id: &DraftId) -> Vec<Export> {
        let Ok(text) = read_regular(&self.exports_path(id)) else {
            return Vec::new();
        };
        toml::from_str::<ExportsFile>(&text)
            .map(|f| f.exports)
            .unwrap_or_default()
    }

    /// The last export of draft `id`, and whether `answers` differ from it.
    pub fn exported(&self, id: &DraftId, answers: &Answers) -> Option<Exported> {
        let last = self.exports(id).pop()?;
        Some(Exported {
            changed_since: last.answers != answers_digest(answers),
            last,
        })
    }

    /// Records that `answers` of draft `id` were exported to `to` at `at`.
    /// Written private and atomically, never through a link.
    pub fn record_export(
        &self,
        id: &DraftId,
        answers: &Answers,
        to: &Path,
        incomplete: bool,
        at: DateTime<FixedOffset>,
    ) -> Result<(), DraftError> {
        let mut file = ExportsFile {
            exports: self.exports(id),
        };
        file.exports.push(Export {
            at,
            to: to.display().to_string(),
            answers: answers_digest(answers),
            incomplete,
        });
        let drop = file.exports.len().saturating_sub(KEPT);
        file.exports.drain(..drop);
        let body = toml::to_string(&file).unwrap_or_default();
        write_private(&self.exports_path(id), &format!("{HEADER}{body}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::FieldKey;

    fn at(s: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(s).expect("time")
    }

    #[test]
    fn the_digest_tells_answers_apart_and_nothing_else() {
        let mut a = Answers::new();
        a.header.insert("organization".into(), "PSC".into());
        a.set(FieldKey::main("q8"), Value::Text("ab".into()));
        let mut b = a.clone();
        assert_eq!(answers_digest(&a), answers_digest(&b));
        b.set(FieldKey::main("q8"), Value::Text("a".into()));
        assert_ne!(answers_digest(&a), answers_digest(&b));
        // The same bytes spread differently are another answer set.
        let mut c = Answers::new();
        c.header.insert("organizationP".into(), "SC".into());
        c.set(FieldKey::main("q8"), Value::Text("ab".into()));
        assert_ne!(answers_digest(&a), answers_digest(&c));
        let mut d = a.clone();
        d.set(FieldKey::main("q8"), Value::Choice(vec![]));
        assert_ne!(answers_digest(&a), answers_digest(&d));
    }

    #[test]
    fn exports_are_recorded_newest_last_and_kept_bounded() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let store = DraftStore::open(dir.path().join("drafts")).expect("store");
        let id = DraftId::parse("office-1a2b").expect("id");
        let mut answers = Answers::new();
        assert_eq!(store.exported(&id, &answers), None);
        for i in 0..KEPT + 3 {
            let to = PathBuf::from(format!("/srv/out/report-{i}.txt"));
            let t = at("2026-11-24T10:00:00-05:00") + chrono::Duration::minutes(i as i64);
            store
                .record_export(&id, &answers, &to, i % 2 == 1, t)
                .expect("record");
        }
        let all = store.exports(&id);
        assert_eq!(all.len(), KEPT);
        assert_eq!(all[0].to, "/srv/out/report-3.txt");
        let last = store.exported(&id, &answers).expect("exported");
        assert_eq!(last.last.to, format!("/srv/out/report-{}.txt", KEPT + 2));
        assert!(!last.last.incomplete);
        assert!(!last.changed_since);
        answers.set(FieldKey::main("q1"), Value::Choice(vec![]));
        assert!(
            store
                .exported(&id, &answers)
                .expect("exported")
                .changed_since
        );
        // Not a draft: listings do not see it.
        assert!(store.list().expect("list").is_empty());
    }

    #[test]
    fn a_damaged_file_is_no_export_and_unknown_keys_are_ignored() {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let store = DraftStore::open(dir.path().join("drafts")).expect("store");
        let id = DraftId::parse("office-1a2b").expect("id");
        let path = store.exports_path(&id);
        for text in ["not toml [", "[[export]]\nat = 3\n"] {
            std::fs::write(&path, text).expect("write");
            assert!(store.exports(&id).is_empty(), "{text}");
        }
        std::fs::write(
            &path,
            "later = 1\n[[export]]\nat = \"2026-11-24T10:02:00-05:00\"\nto = \"/srv/r.txt\"\nanswers = \"sha256:x\"\nformat = \"html\"\n",
        )
        .expect("write");
        let got = store.exports(&id);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].to, "/srv/r.txt");
        assert!(!got[0].incomplete);
    }
}
