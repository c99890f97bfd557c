//! Performing effects: everything `update` asks of the world, except the
//! terminal itself (see `run`). Kept apart so that tests drive the real
//! application, drafts on disk included, on a test backend.

use super::model::{DraftEntry, Model};
use super::msg::{Effect, ExportOutcome, Msg, Opened};
use super::saver::{Saved, Saver};
use crate::draft::{Draft, DraftError, DraftStore, DraftWriter, Listed, SaveReason, reconcile};
use crate::questionnaire::Questionnaire;
use crate::report;
use std::path::Path;
use std::sync::Arc;

/// The drafts folder and the writer (and lock) of the open draft.
pub struct Shell {
    pub store: DraftStore,
    /// The open draft's writer, when saves are made here, one at a time
    /// (tests, and the benches, see every save done when `perform`
    /// returns).
    writer: Option<DraftWriter>,
    /// The open draft's writer on a thread of its own, when saves are made
    /// in the background (the terminal wizard: see `save_in_background`).
    saver: Option<Saver>,
    /// Where a background save's result goes.
    background: Option<Arc<dyn Fn(Saved) + Send + Sync>>,
    /// The draft whose last save failed, until a save succeeds.
    unsaved: Option<Box<Draft>>,
    /// Where the answers went when quitting could not save them.
    pub rescued: Option<Result<std::path::PathBuf, String>>,
}

/// What the loop does after an effect.
pub enum Next {
    Msg(Msg),
    /// Suspend the terminal and run the editor on this text.
    Editor(String),
    Quit,
    Nothing,
}

impl Shell {
    pub fn new(store: DraftStore) -> Self {
        Self {
            store,
            writer: None,
            saver: None,
            background: None,
            unsaved: None,
            rescued: None,
        }
    }

    /// From now on, saves are made on a thread of their own and `Save`
    /// returns at once; each result is given to `report` (on that thread),
    /// to come back as `Msg::Saved`.
    pub fn save_in_background(&mut self, report: impl Fn(Saved) + Send + Sync + 'static) {
        self.background = Some(Arc::new(report));
        let writer = self.writer.take();
        self.adopt(writer);
    }

    /// Makes `writer` the open draft's, once every save of the draft open
    /// before is written.
    fn adopt(&mut self, writer: Option<DraftWriter>) {
        self.finish_saves();
        match (writer, &self.background) {
            (Some(w), Some(report)) => {
                let report = Arc::clone(report);
                self.saver = Some(Saver::start(w, Box::new(move |s| report(s))));
            }
            (w, _) => self.writer = w,
        }
    }

    /// Waits for the saves under way; a draft whose last save failed is
    /// kept for the rescue.
    fn finish_saves(&mut self) {
        if let Some(unsaved) = self.saver.take().and_then(Saver::finish) {
            self.unsaved = Some(unsaved);
        }
    }

    /// The start screen's list.
    pub fn entries(&self, q: &Questionnaire) -> Vec<DraftEntry> {
        let Ok(listed) = self.store.list() else {
            return Vec::new();
        };
        let mut out: Vec<DraftEntry> = listed
            .into_iter()
            .map(|l| match l {
                Listed::Draft(d) => DraftEntry {
                    id: d.id.to_string(),
                    organization: d.organization().to_owned(),
                    progress: (d.questionnaire.id == q.id).then(|| d.progress(q)),
                    updated: Some(d.updated),
                    unreadable: (d.questionnaire.id != q.id).then(|| {
                        format!("a draft of another questionnaire ({})", d.questionnaire.id)
                    }),
                },
                Listed::Unreadable { id, error } => DraftEntry {
                    id,
                    organization: String::new(),
                    progress: None,
                    updated: None,
                    unreadable: Some(error.to_string()),
                },
            })
            .collect();
        // Most recently saved first: that is the one people resume.
        out.sort_by_key(|d| std::cmp::Reverse(d.updated));
        out
    }

    /// Performs one effect.
    pub fn perform(&mut self, m: &Model, effect: Effect) -> Next {
        let q = &m.questionnaire;
        match effect {
            Effect::Save(draft, why) => {
                if let Some(saver) = &mut self.saver {
                    let kept = draft.clone();
                    return match saver.save(draft, why) {
                        Ok(()) => Next::Nothing,
                        Err(e) => {
                            self.unsaved = Some(kept);
                            Next::Msg(Msg::Saved(Err(e)))
                        }
                    };
                }
                let result = match &mut self.writer {
                    Some(w) => w.save(&draft, why),
                    // Opened read-only: `update` asks for no save then.
                    None => Err(DraftError::NotFound(draft.id.to_string())),
                }
                .map(|()| draft.updated);
                self.unsaved = if result.is_ok() { None } else { Some(draft) };
                Next::Msg(Msg::Saved(result.map_err(|e| e.to_string())))
            }
            Effect::Create(header) => {
                let mut answers = crate::answers::Answers::new();
                answers.header = header.into_iter().collect();
                Next::Msg(Msg::Opened(self.create(q, m, answers, SaveReason::Create)))
            }
            Effect::Import(path) => Next::Msg(Msg::Opened(self.import(q, m, &path))),
            Effect::Open(id) => Next::Msg(Msg::Opened(self.open(q, &id))),
            Effect::Export {
                path,
                text,
                overwrite,
            } => Next::Msg(Msg::Exported(export(&path, text, overwrite))),
            Effect::List { folder, typed } => Next::Msg(Msg::Listed {
                typed,
                entries: list_folder(&folder),
            }),
            Effect::RememberFolder { id, folder } => {
                // A convenience: failing to remember a folder costs only
                // the proposal next time, and is not worth a warning.
                let _ = self.store.remember_export_folder(&id, &folder);
                Next::Nothing
            }
            Effect::OpenEditor(text) => Next::Editor(text),
            Effect::Quit => {
                // Quitting waits for the last save.
                self.finish_saves();
                if let Some(draft) = self.unsaved.take() {
                    self.rescued = Some(rescue(&draft));
                }
                Next::Quit
            }
        }
    }

    fn create(
        &mut self,
        q: &Questionnaire,
        m: &Model,
        answers: crate::answers::Answers,
        why: SaveReason,
    ) -> Result<Opened, String> {
        let id = self.store.fresh_id(answers.organization());
        let mut draft = Draft::new(id, q, m.now);
        draft.answers = answers;
        let lock = self.store.lock(&draft.id).map_err(|e| e.to_string())?;
        let writer =
            DraftWriter::create(&self.store, lock, &draft, why).map_err(|e| e.to_string())?;
        self.adopt(Some(writer));
        Ok(Opened {
            draft: Box::new(draft),
            read_only: None,
            orphans_moved: vec![],
            note: None,
            export_folder: None,
        })
    }

    fn import(&mut self, q: &Questionnaire, m: &Model, path: &Path) -> Result<Opened, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("Cannot read {}: {e}", path.display()))?;
        let imported = report::import(q, &text)
            .map_err(|e| format!("{}:{}: {}", path.display(), e.line, e.message))?;
        let mut opened = self.create(q, m, imported.answers, SaveReason::Import)?;
        let n = imported.warnings.len();
        opened.note = Some(match imported.warnings.first() {
            None => format!("Imported {}.", path.display()),
            Some(w) => format!(
                "Imported {} with {n} warning{} (first, line {}: {}). `quire fmt` lists them all.",
                path.display(),
                if n == 1 { "" } else { "s" },
                w.line,
                w.message
            ),
        });
        Ok(opened)
    }

    fn open(&mut self, q: &Questionnaire, id: &str) -> Result<Opened, String> {
        let id = DraftStore::id(id).map_err(|e| e.to_string())?;
        // Whatever stops the lock (another quire, a full disk or read-only
        // folder, a link in the way) stops writing, not reading.
        let (writer, read_only, mut draft) = match self.store.lock(&id) {
            Ok(lock) => {
                let (writer, draft) =
                    DraftWriter::open(&self.store, lock, &id).map_err(|e| e.to_string())?;
                (Some(writer), None, draft)
            }
            Err(e) => {
                let why = match e {
                    DraftError::Locked { holder, .. } => {
                        format!("draft {id} is being edited by {holder}")
                    }
                    e => format!("cannot lock draft {id} for editing: {e}"),
                };
                let draft = self.store.load(&id).map_err(|e| e.to_string())?;
                (None, Some(why), draft)
            }
        };
        if draft.questionnaire.id != q.id {
            return Err(format!(
                "Draft {id} answers questionnaire `{}`; start quire with --questionnaire for it.",
                draft.questionnaire.id
            ));
        }
        let mut writer = writer;
        let note = cleaning_note(&draft.clean());
        let orphans_moved = reconcile(&mut draft, q);
        if let Some(w) = &mut writer
            && !orphans_moved.is_empty()
        {
            // The orphans are kept in the file at once, never only in memory.
            w.save(&draft, SaveReason::Open)
                .map_err(|e| e.to_string())?;
        }
        self.adopt(writer);
        // A folder removed since is not proposed again.
        let export_folder = self.store.last_export_folder(&id).filter(|f| f.is_dir());
        Ok(Opened {
            draft: Box::new(draft),
            read_only,
            orphans_moved,
            note,
            export_folder,
        })
    }
}

/// What the status says when a draft held text the one rule removes (a
/// hand-edited file): how much, and where. The file keeps it until the
/// next save.
fn cleaning_note(cleaning: &[crate::draft::Cleaning]) -> Option<String> {
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

fn export(path: &Path, text: String, overwrite: bool) -> ExportOutcome {
    if path.exists() && !overwrite {
        return ExportOutcome::Exists {
            path: path.to_owned(),
            text,
        };
    }
    match crate::draft::write_file(path, &text) {
        Ok(()) => {
            ExportOutcome::Written(std::path::absolute(path).unwrap_or_else(|_| path.to_owned()))
        }
        Err(e) => ExportOutcome::Failed(e.to_string()),
    }
}

/// The entries of `folder` for completing a path: names that are not
/// Unicode are left out (no prompt can hold them), and a link counts as
/// what it points to, so that a linked folder completes with its `/`.
fn list_folder(folder: &Path) -> Result<Vec<crate::paths::Entry>, String> {
    let entries =
        std::fs::read_dir(folder).map_err(|e| format!("Cannot list {}: {e}", folder.display()))?;
    Ok(entries
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let is_dir = match entry.file_type() {
                Ok(t) if t.is_symlink() => entry.path().is_dir(),
                Ok(t) => t.is_dir(),
                Err(_) => false,
            };
            Some(crate::paths::Entry {
                name,
                folder: is_dir,
            })
        })
        .collect())
}

/// Quitting without a saved draft: the answers go to a file in the temporary
/// folder rather than nowhere (the drafts folder may be full or gone). The
/// folder is shared: the name is unpredictable and the file new (O_EXCL),
/// private (0600) and kept, so nobody can plant a file or link in its place.
fn rescue(draft: &Draft) -> Result<std::path::PathBuf, String> {
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
