//! The drafts of one questionnaire, as every front end uses them: list,
//! open, create and import a draft, and the session of answering one
//! (position, branching facts, autosave, review, export rules).
//!
//! The wizard (`crate::tui`), the accessible mode (`crate::accessible`)
//! and the command line call these instead of each writing the rules
//! again. No terminal knowledge here: only drafts on disk.

mod facts;
pub mod language;
mod session;

pub use facts::branching_facts;
pub use session::{Place, Session, Stepped, fields, no_such_question, not_asked, resume_place};

use crate::answers::Answers;
use crate::draft::{
    Cleaning, Draft, DraftError, DraftStore, DraftWriter, Listed, Orphan, SaveReason, reconcile,
};
use crate::questionnaire::Questionnaire;
use chrono::{DateTime, FixedOffset};
use std::path::{Path, PathBuf};

/// A draft that answers another questionnaire than the one quire runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "draft `{draft}` answers questionnaire `{answers}`, not `{expected}`; pass its definition with --questionnaire"
)]
pub struct ForeignDraft {
    /// The draft as the user named it (an id or a file).
    pub draft: String,
    /// The questionnaire the draft answers.
    pub answers: String,
    /// The questionnaire quire runs.
    pub expected: String,
}

impl ForeignDraft {
    /// The same refusal, naming the draft as the user gave it (a path).
    pub fn named(self, source: &str) -> Self {
        Self {
            draft: source.to_owned(),
            ..self
        }
    }

    /// For a list of drafts: "a draft of another questionnaire (x)".
    pub fn short(&self) -> String {
        format!("a draft of another questionnaire ({})", self.answers)
    }
}

/// Whether `draft` answers `q`: the one check before a draft is shown,
/// opened, counted or exported with `q`'s questions.
pub fn check(q: &Questionnaire, draft: &Draft) -> Result<(), ForeignDraft> {
    if draft.answers_questionnaire(&q.id) {
        Ok(())
    } else {
        Err(ForeignDraft {
            draft: draft.id.to_string(),
            answers: draft.questionnaire.id.clone(),
            expected: q.id.clone(),
        })
    }
}

/// A draft as a start screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftSummary {
    pub id: String,
    pub organization: String,
    /// Required answers given, and required in all.
    pub progress: Option<(usize, usize)>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Why the draft cannot be opened with this questionnaire, when it
    /// cannot.
    pub unreadable: Option<String>,
    /// For a draft of another questionnaire, that questionnaire's id: a
    /// front end may list such drafts apart from files it cannot read.
    pub questionnaire: Option<String>,
    /// The draft's last export, when it was exported.
    pub exported: Option<crate::draft::Exported>,
}

/// The drafts of the folder, most recently saved first (the one people
/// resume); drafts of other questionnaires and unreadable files are
/// listed with the reason they cannot be opened.
pub fn list(store: &DraftStore, q: &Questionnaire) -> Vec<DraftSummary> {
    let Ok(listed) = store.list() else {
        return Vec::new();
    };
    let mut out: Vec<DraftSummary> = listed
        .into_iter()
        .map(|l| match l {
            Listed::Draft(d) => {
                let foreign = check(q, &d).err();
                DraftSummary {
                    id: d.id.to_string(),
                    organization: d.organization().to_owned(),
                    progress: foreign.is_none().then(|| d.progress(q)),
                    updated: Some(d.updated),
                    questionnaire: foreign.as_ref().map(|f| f.answers.clone()),
                    unreadable: foreign.map(|f| f.short()),
                    exported: store.exported(&d.id, &d.answers),
                }
            }
            Listed::Unreadable { id, error } => DraftSummary {
                id,
                organization: String::new(),
                progress: None,
                updated: None,
                unreadable: Some(error.to_string()),
                questionnaire: None,
                exported: None,
            },
        })
        .collect();
    out.sort_by_key(|d| std::cmp::Reverse(d.updated));
    out
}

/// A draft ready to answer, with the writer that holds its lock.
#[derive(Debug)]
pub struct OpenDraft {
    pub draft: Draft,
    /// `None` when the draft is open read-only.
    pub writer: Option<DraftWriter>,
    /// Why the draft is open read-only (another quire is editing it).
    pub read_only: Option<String>,
    /// Answers set aside because the questionnaire changed.
    pub orphans_moved: Vec<Orphan>,
    /// What to tell the user on opening (an import's warnings, text the
    /// one rule removed from the file).
    pub note: Option<String>,
    /// The folder the draft was last exported to, if it still exists.
    pub export_folder: Option<PathBuf>,
}

/// Opens draft `id` of `q` for answering. Whatever stops the lock (another
/// quire, a full disk or read-only folder, a link in the way) stops
/// writing, not reading: the draft then opens read-only.
pub fn open(store: &DraftStore, q: &Questionnaire, id: &str) -> Result<OpenDraft, String> {
    let id = DraftStore::id(id).map_err(|e| e.to_string())?;
    let (mut writer, read_only, mut draft) = match store.lock(&id) {
        Ok(lock) => {
            let (writer, draft) = DraftWriter::open(store, lock, &id).map_err(|e| e.to_string())?;
            (Some(writer), None, draft)
        }
        Err(e) => {
            let why = match e {
                DraftError::Locked { holder, .. } => {
                    format!("draft {id} is being edited by {holder}")
                }
                e => format!("cannot lock draft {id} for editing: {e}"),
            };
            let draft = store.load(&id).map_err(|e| e.to_string())?;
            (None, Some(why), draft)
        }
    };
    check(q, &draft).map_err(|e| e.to_string())?;
    let note = cleaning_note(&draft.clean());
    let orphans_moved = reconcile(&mut draft, q);
    if let Some(w) = &mut writer
        && !orphans_moved.is_empty()
    {
        // The orphans are kept in the file at once, never only in memory.
        w.save(&draft, SaveReason::Open)
            .map_err(|e| e.to_string())?;
    }
    // A folder removed since is not proposed again.
    let export_folder = store.last_export_folder(&id).filter(|f| f.is_dir());
    Ok(OpenDraft {
        draft,
        writer,
        read_only,
        orphans_moved,
        note,
        export_folder,
    })
}

/// Creates a new draft of `q` holding `answers` (the header fields, or a
/// report's answers), locked for answering.
pub fn create(
    store: &DraftStore,
    q: &Questionnaire,
    answers: Answers,
    now: DateTime<FixedOffset>,
    why: SaveReason,
) -> Result<OpenDraft, String> {
    let id = store.fresh_id(answers.organization());
    let mut draft = Draft::new(id, q, now);
    draft.answers = answers;
    let lock = store.lock(&draft.id).map_err(|e| e.to_string())?;
    let writer = DraftWriter::create(store, lock, &draft, why).map_err(|e| e.to_string())?;
    Ok(OpenDraft {
        draft,
        writer: Some(writer),
        read_only: None,
        orphans_moved: vec![],
        note: None,
        export_folder: None,
    })
}

/// Creates a draft from the published report at `path`; the note says
/// how many warnings the import gave, and the first.
pub fn import(
    store: &DraftStore,
    q: &Questionnaire,
    path: &Path,
    now: DateTime<FixedOffset>,
) -> Result<OpenDraft, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
    let imported = crate::report::import(q, &text)
        .map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
    let mut opened = create(store, q, imported.answers, now, SaveReason::Import)?;
    let n = imported.warnings.len();
    opened.note = Some(match imported.warnings.first() {
        None => format!("Imported {}.", path.display()),
        Some(w) => format!(
            "Imported {} with {} (first, line {}: {}). `quire fmt` lists them all.",
            path.display(),
            crate::wording::count_s(n, "warning"),
            w.line,
            w.message
        ),
    });
    Ok(opened)
}

/// What to say when a draft held text the one rule removes (a hand-edited
/// file): how much, and where. The file keeps it until the next save.
pub fn cleaning_note(cleaning: &[Cleaning]) -> Option<String> {
    let mut removed = crate::text::Removed::default();
    cleaning.iter().for_each(|c| removed.add(&c.removed));
    let fields: Vec<&str> = cleaning.iter().map(|c| c.field.as_str()).collect();
    (!cleaning.is_empty()).then(|| {
        format!(
            "Removed {removed} from this draft ({}); the next save leaves them out.",
            fields.join(", ")
        )
    })
}

/// Quitting without a saved draft: the answers go to a file in the
/// temporary folder rather than nowhere (the drafts folder may be full or
/// gone). The folder is shared: the name is unpredictable and the file new
/// (O_EXCL), private (0600) and kept, so nobody can plant a file or link
/// in its place.
pub fn rescue(draft: &Draft) -> Result<PathBuf, String> {
    let mut file = tempfile::Builder::new()
        .prefix(&format!("quire-rescue-{}-", draft.id))
        .suffix(".toml")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::io::Write::write_all(&mut file, crate::draft::to_toml(draft).as_bytes())
        .map_err(|e| e.to_string())?;
    file.as_file().sync_all().map_err(|e| e.to_string())?;
    let (_, path) = file.keep().map_err(|e| e.to_string())?;
    Ok(path)
}

/// One line of a missing-answers list: `Question 4: <prompt>`, or the
/// header field's label.
pub fn missing_line(m: &crate::flow::Missing) -> String {
    crate::wording::missing_line(m)
}

#[cfg(test)]
mod tests;
