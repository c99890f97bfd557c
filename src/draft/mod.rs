//! Drafts: a respondent's answers in progress, kept in local files that
//! survive quitting, crashes and changes to the questionnaire.
//!
//! Format: `docs/draft-format.md`. Durability rules: every save is atomic,
//! the previous version is kept in the draft's history, a file quire cannot
//! read is never overwritten or deleted.

mod changes;
mod clean;
mod disk;
mod exports;
mod file;
mod folders;
mod history;
mod id;
mod journal;
mod listing;
mod lock;
mod pair;
mod reconcile;
mod rename;
pub mod retention;
mod store;
mod translation;
mod writer;

pub use changes::{Change, What, changes, summary};
pub use clean::Cleaning;
pub use disk::write_file;
pub use exports::{Export, Exported, answers_digest};
pub use file::{FORMAT, ParseError, parse, parse_because, to_toml, to_toml_because};
pub use history::{Diff, History, Step};
pub use id::DraftId;
pub use journal::SaveReason;
pub use listing::{Entry, Listing};
pub use lock::{DraftLock, LockHolder};
pub use pair::PairError;
pub use reconcile::reconcile;
pub use store::{DraftStore, Listed, Version};
pub use translation::{
    TextKey, Translation, TranslationIssue, TranslationState, Translations, source_hash, text_keys,
};
pub use writer::DraftWriter;

use crate::answers::{Answers, FieldKey, Value};
use crate::flow::Flow;
use crate::questionnaire::Questionnaire;
use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

/// The current local time, to the second: what drafts record.
pub fn now() -> DateTime<FixedOffset> {
    to_second(chrono::Local::now().fixed_offset())
}

/// A time to the second, as drafts record it.
pub fn to_second(t: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// Which questionnaire a draft answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionnaireRef {
    pub id: String,
    pub version: String,
    /// The definition's content hash when the draft was last saved.
    pub digest: String,
}

impl QuestionnaireRef {
    pub fn of(q: &Questionnaire) -> Self {
        Self {
            id: q.id.clone(),
            version: q.version.clone(),
            digest: q.digest.clone(),
        }
    }
}

/// An answer kept aside because it no longer fits the questionnaire; never
/// dropped, shown to the user, who decides.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Orphan {
    pub key: FieldKey,
    pub value: Value,
    /// Why it no longer fits, in words for the user.
    pub reason: String,
}

/// A draft: answers in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: DraftId,
    pub questionnaire: QuestionnaireRef,
    pub created: DateTime<FixedOffset>,
    pub updated: DateTime<FixedOffset>,
    /// Where the user was, to resume there.
    pub position: Option<FieldKey>,
    /// The language the answers are written in (see
    /// [`Draft::source_language`]); `None`: the questionnaire's primary one.
    pub language: Option<String>,
    pub answers: Answers,
    /// The text answers in the questionnaire's other languages.
    pub translations: Translations,
    pub orphans: Vec<Orphan>,
}

impl Draft {
    /// A new, empty draft of `q`, created now.
    pub fn new(id: DraftId, q: &Questionnaire, now: DateTime<FixedOffset>) -> Self {
        Self {
            id,
            questionnaire: QuestionnaireRef::of(q),
            created: now,
            updated: now,
            position: None,
            language: None,
            answers: Answers::new(),
            translations: Translations::default(),
            orphans: Vec::new(),
        }
    }

    /// Whether the draft answers the questionnaire whose id is
    /// `questionnaire`: the one rule that tells a draft of another
    /// questionnaire (listed apart, compared by key alone, refused by
    /// `workspace::check`).
    pub fn answers_questionnaire(&self, questionnaire: &str) -> bool {
        self.questionnaire.id == questionnaire
    }

    /// The respondent's organization (or first header field), for lists.
    pub fn organization(&self) -> &str {
        self.answers.organization()
    }

    /// Required answers given, and required in all, for `q`, counted as
    /// the draft would open now (answers that no longer fit do not count).
    pub fn progress(&self, q: &Questionnaire) -> (usize, usize) {
        let mut now = self.clone();
        reconcile(&mut now, q);
        let flow = Flow::new(q, &now.answers);
        let missing = flow.missing().len();
        let total = flow.required_count();
        (total.saturating_sub(missing), total)
    }
}

/// Why a draft could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum DraftError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("no draft `{0}` (see `quire drafts` for the list)")]
    NotFound(String),
    #[error("`{0}` is not a draft id: ids are lowercase letters, digits and dashes")]
    InvalidId(String),
    #[error(
        "draft `{id}` is open in another quire ({holder}); close it there, or open it read-only"
    )]
    Locked { id: String, holder: LockHolder },
    #[error(
        "{path} was changed on disk and can no longer be read; quire will not overwrite it (your answers are in its history: `quire drafts history {id}`)"
    )]
    UnreadableOnDisk { path: PathBuf, id: String },
    #[error("draft `{id}` has no version {n} in its history (see `quire drafts history {id}`)")]
    NoSuchVersion { id: String, n: usize },
    #[error("draft `{0}` is not in the trash")]
    NotInTrash(String),
    #[error("a draft `{0}` exists already; it is not replaced")]
    Exists(String),
    #[error("the name `{id}` is taken: {by}; choose another")]
    NameTaken { id: String, by: &'static str },
    #[error("draft `{0}` already has that name")]
    SameName(String),
    #[error(
        "{path}:{line}: {message}; quire will not overwrite it (move it aside to open the draft as its last full save)"
    )]
    Journal {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("{path} is a symbolic link; {why}")]
    Link { path: PathBuf, why: &'static str },
}

impl DraftError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        DraftError::Io {
            path: path.into(),
            source,
        }
    }
}
