//! The import and export prompts, for `update`: Tab completion, `~`, the
//! folder an export starts in, and an export with answers missing. No I/O:
//! the shell lists a folder (`Effect::List`) and answers `Msg::Listed`;
//! the path rules themselves are the core's (`crate::paths`).

use super::model::{
    ConfirmOverwrite, Exporting, Found, IncompleteExport, Model, Overlay, Prompt, PromptKind,
    SaveState, Screen,
};
use super::msg::{Effect, ExportOutcome, Msg};
use super::update::report_shown;
use crate::paths::{self, Entry};
use crate::report;

/// Tab: the entries of the folder being typed are asked for.
pub fn complete(m: &mut Model) -> Vec<Effect> {
    let Some(p) = m.prompt().filter(|p| p.is_path()) else {
        return vec![];
    };
    let typed = p.value();
    vec![Effect::List {
        folder: paths::completion_folder(&typed, &m.places),
        typed,
    }]
}

/// The folder's entries: the path is completed as far as the matches
/// agree, and what still matches is listed. An answer for text that has
/// changed since (keys typed meanwhile) is dropped.
pub fn listed(m: &mut Model, typed: &str, entries: Result<Vec<Entry>, String>) -> Vec<Effect> {
    let Some(p) = m.prompt_mut().filter(|p| p.is_path() && p.value() == typed) else {
        return vec![];
    };
    let (entries, unreadable) = match entries {
        Ok(entries) => (entries, None),
        Err(why) => (vec![], Some(why)),
    };
    let completion = paths::complete(typed, &entries);
    if completion.text != typed {
        p.set_value(&completion.text);
    }
    p.found = match (unreadable, completion.matches) {
        (Some(why), _) if completion.text == typed => Some(Found::Nothing(why)),
        (_, 0) => Some(Found::Nothing(nothing_matches(typed))),
        (_, 1) => None,
        _ => Some(Found::Several(completion.candidates)),
    };
    vec![]
}

/// Why Tab did nothing, naming the folder as typed.
fn nothing_matches(typed: &str) -> String {
    let (folder, start) = paths::split(typed);
    let folder = if folder.is_empty() {
        "the current folder"
    } else {
        folder
    };
    if start.is_empty() {
        format!("Nothing to complete in {folder}.")
    } else {
        format!("Nothing in {folder} starts with \"{start}\".")
    }
}

/// Enter in the import prompt.
pub fn accept_import(m: &mut Model, value: &str) -> Vec<Effect> {
    vec![Effect::Import(paths::resolve(value, &m.places))]
}

/// `e` on the review screen. With answers missing the user is told first,
/// and asked whether to export anyway; the rule is the CLI's
/// (`Publication::permit`).
pub fn begin_export(m: &mut Model) -> Vec<Effect> {
    let Some(publication) = report_shown(m) else {
        return vec![];
    };
    match publication.permit(false) {
        Ok(()) => open_export_prompt(m, false),
        Err(refusal) => {
            m.overlay = Some(Overlay::ExportAnyway(IncompleteExport {
                refusal,
                missing: publication.missing,
                untranslated: publication.untranslated,
            }));
        }
    }
    vec![]
}

/// The keys of the "export anyway?" question.
pub fn export_anyway(m: &mut Model, msg: Msg) -> Vec<Effect> {
    match msg {
        Msg::Enter => open_export_prompt(m, true),
        Msg::Back => m.overlay = None,
        _ => {}
    }
    vec![]
}

/// The name an export proposes (`language::report_name`).
fn proposed_name(m: &Model) -> String {
    let org = m
        .session()
        .map_or("", |s| s.draft.organization())
        .to_owned();
    crate::workspace::language::report_name(&m.questionnaire, &org, m.language())
}

/// Opens the export prompt on the proposed file in the folder an export
/// starts in (`paths::export_folder`), shown whole.
fn open_export_prompt(m: &mut Model, allow_incomplete: bool) {
    let last = m.session().and_then(|s| s.export_folder.as_deref());
    let folder = paths::export_folder(last, &m.places);
    let text = paths::export_proposal(folder, &proposed_name(m), m.places.home.as_deref());
    let mut p = Prompt::new(PromptKind::ExportPath, &text);
    p.allow_incomplete = allow_incomplete;
    m.overlay = Some(Overlay::prompt(p));
}

/// Enter in the export prompt: the report goes to the file typed (a folder
/// typed with a final separator gets the proposed name).
pub fn accept_export(m: &mut Model, value: &str) -> Vec<Effect> {
    let Some(publication) = report_shown(m) else {
        return vec![];
    };
    let allow = m.prompt().is_some_and(|p| p.allow_incomplete);
    if let Err(refusal) = publication.permit(allow) {
        if let Some(p) = m.prompt_mut() {
            p.error = Some(format!("Refused: {refusal} (see the list)."));
        }
        return vec![];
    }
    let typed = paths::export_target(value, &proposed_name(m));
    let prompt = match m.overlay.take() {
        Some(Overlay::Prompt(p)) => Some(*p),
        _ => None,
    };
    if let Screen::Session(s) = &mut m.screen {
        s.exporting = Some(Exporting {
            prompt,
            note: export_note(&publication),
        });
    }
    vec![Effect::Export {
        path: paths::resolve(&typed, &m.places),
        text: publication.text,
        overwrite: false,
    }]
}

/// What the status says after an export besides where it went.
fn export_note(publication: &report::Publication) -> Option<String> {
    let incomplete = publication.refusal().map(|r| format!("Incomplete: {r}."));
    let skipped = match publication.skipped.as_slice() {
        [] => None,
        [one] => Some(format!("Note: {}.", one.message())),
        many => Some(format!(
            "Note: {} answers on questions the branching skips are published as written (see the review).",
            many.len()
        )),
    };
    let notes: Vec<String> = incomplete.into_iter().chain(skipped).collect();
    (!notes.is_empty()).then(|| notes.join("  "))
}

/// How an export ended. A file that cannot be written brings the prompt
/// back with the error, whole, and the path to correct; a written file's
/// folder is remembered for the draft's next export.
pub fn exported(m: &mut Model, outcome: ExportOutcome) -> Vec<Effect> {
    match outcome {
        ExportOutcome::Written(path) => {
            let note = m
                .session_mut()
                .and_then(|s| s.exporting.take())
                .and_then(|e| e.note)
                .map_or(String::new(), |n| format!("  {n}"));
            m.status = Some(format!("Report written to {}{note}", path.display()));
            remember_folder(m, &path)
        }
        ExportOutcome::Exists { path, text } => {
            m.overlay = Some(Overlay::Confirm(ConfirmOverwrite { path, text }));
            vec![]
        }
        ExportOutcome::Failed(e) => {
            let prompt = m
                .session_mut()
                .and_then(|s| s.exporting.take())
                .and_then(|e| e.prompt);
            match prompt {
                Some(mut p) => {
                    p.error = Some(format!("Export failed: {e}"));
                    m.overlay = Some(Overlay::prompt(p));
                }
                None => m.status = Some(format!("Export failed: {e}")),
            }
            vec![]
        }
    }
}

/// Keeps the folder of a written report as the draft's export folder; a
/// draft open read-only writes nothing in the drafts folder.
fn remember_folder(m: &mut Model, written: &std::path::Path) -> Vec<Effect> {
    let Some(folder) = written.parent().filter(|f| f.is_absolute()) else {
        return vec![];
    };
    let Screen::Session(s) = &mut m.screen else {
        return vec![];
    };
    if s.export_folder.as_deref() == Some(folder) {
        return vec![];
    }
    s.export_folder = Some(folder.to_owned());
    if matches!(s.save, SaveState::ReadOnly(_)) {
        return vec![];
    }
    vec![Effect::RememberFolder {
        id: s.draft.id.clone(),
        folder: folder.to_owned(),
    }]
}
