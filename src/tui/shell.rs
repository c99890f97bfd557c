//! Performing effects: everything `update` asks of the world, except the
//! terminal itself (see `run`). Kept apart so that tests drive the real
//! application, drafts on disk included, on a test backend.

use super::drafts;
use super::model::{DraftEntry, Model};
use super::msg::{Done, Effect, ExportOutcome, Msg, Opened};
use super::saver::{Saved, Saver};
use crate::draft::{Draft, DraftError, DraftStore, DraftWriter, SaveReason};
use crate::questionnaire::Questionnaire;
use crate::workspace;
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

    /// Whether a background save is under way (its result not reported).
    pub fn saving(&self) -> bool {
        self.saver.as_ref().is_some_and(Saver::busy)
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

    /// The start screen's list (the core's, `crate::workspace::list`),
    /// grouped: this questionnaire's drafts, most recently saved first;
    /// then those of other questionnaires, by questionnaire; then the
    /// files that cannot be read.
    pub fn entries(&self, q: &Questionnaire) -> Vec<DraftEntry> {
        // The list names each file by its id: the folder in every reason
        // only pushed the reason itself out of view.
        let folder = format!(
            "{}{}",
            self.store.dir().display(),
            std::path::MAIN_SEPARATOR
        );
        let mut out: Vec<DraftEntry> = workspace::list(&self.store, q)
            .into_iter()
            .map(|d| DraftEntry {
                unreadable: d.unreadable.as_ref().map(|u| u.replace(&folder, "")),
                ..d
            })
            .collect();
        // Stable: within a group, the core's order (newest first) stays.
        out.sort_by(|a, b| (a.group(), &a.questionnaire).cmp(&(b.group(), &b.questionnaire)));
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
            } => {
                let outcome = export(&path, text, overwrite);
                if let ExportOutcome::Written(to) = &outcome {
                    self.record_export(m, to);
                }
                Next::Msg(Msg::Exported(outcome))
            }
            Effect::Trash(t) => {
                let outcome = drafts::trash(&self.store, &t).map(|()| Done::Trashed(t));
                Next::Msg(Msg::Drafts {
                    outcome,
                    drafts: self.entries(q),
                })
            }
            Effect::Untrash(t) => {
                let outcome = drafts::untrash(&self.store, &t).map(|()| Done::Untrashed(t));
                Next::Msg(Msg::Drafts {
                    outcome,
                    drafts: self.entries(q),
                })
            }
            Effect::Rename { from, to } => {
                let outcome =
                    drafts::rename(&self.store, &from, &to).map(|()| Done::Renamed { from, to });
                Next::Msg(Msg::Drafts {
                    outcome,
                    drafts: self.entries(q),
                })
            }
            Effect::RestoreVersion { id, n } => {
                // Not while a save of the draft may still be under way.
                self.finish_saves();
                let outcome =
                    drafts::restore(&self.store, &id, n).map(|()| Done::Restored { id, n });
                Next::Msg(Msg::Drafts {
                    outcome,
                    drafts: self.entries(q),
                })
            }
            Effect::ReadVersions { id, organization } => Next::Msg(Msg::VersionsRead(
                drafts::versions(&self.store, q, &id, organization),
            )),
            Effect::OpenVersion { id, n } => {
                // Nothing is locked or written: a past version is only read
                // (once the saves of a draft open before are written).
                self.adopt(None);
                Next::Msg(Msg::Opened(drafts::open_version(&self.store, q, &id, n)))
            }
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
                    self.rescued = Some(workspace::rescue(&draft));
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
        let opened = workspace::create(&self.store, q, answers, m.now, why)?;
        Ok(self.keep(opened))
    }

    fn import(&mut self, q: &Questionnaire, m: &Model, path: &Path) -> Result<Opened, String> {
        let opened = workspace::import(&self.store, q, path, m.now)?;
        Ok(self.keep(opened))
    }

    fn open(&mut self, q: &Questionnaire, id: &str) -> Result<Opened, String> {
        let opened = workspace::open(&self.store, q, id)?;
        Ok(self.keep(opened))
    }

    /// Records a report written from the open draft beside it, unless the
    /// draft is open read-only (it then writes nothing in the drafts
    /// folder). A record that cannot be written loses only the "exported"
    /// mark.
    fn record_export(&self, m: &Model, to: &Path) {
        let (Some(s), Some(answers)) = (m.session(), m.current_answers()) else {
            return;
        };
        if matches!(s.save, super::model::SaveState::ReadOnly(_)) {
            return;
        }
        let flow = crate::flow::Flow::new(&m.questionnaire, &answers);
        let incomplete = !flow.missing().is_empty();
        let _ = self
            .store
            .record_export(&s.draft.id, &answers, to, incomplete, m.now);
    }

    /// Keeps the writer of a draft just opened; the draft goes to `update`.
    fn keep(&mut self, o: workspace::OpenDraft) -> Opened {
        self.adopt(o.writer);
        Opened {
            draft: Box::new(o.draft),
            read_only: o.read_only,
            orphans_moved: o.orphans_moved,
            note: o.note,
            export_folder: o.export_folder,
            version: None,
        }
    }
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
