//! The wizard's state. `view` reads it; only `update` changes it.

use super::keymap::Mode;
use crate::answers::{FieldKey, Value};
use crate::draft::{Draft, DraftId, Orphan, TextKey, TranslationState, text_keys};
use crate::flow::Flow;
use crate::questionnaire::{Kind, Questionnaire};
use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{TextArea, WrapMode};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// Below this size the wizard shows a message instead of a garbled screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// From this width the source answer is drawn beside the translation
/// being written (with the outline: two boxes of about 45 columns).
pub const SIDE_BY_SIDE_WIDTH: u16 = 140;
/// Typing is saved this long after the first key not saved yet, pause or
/// not: someone who types without stopping for a whole paragraph loses at
/// most the last half second when the machine dies.
pub const AUTOSAVE_AFTER_MS: i64 = 500;

/// A draft as the start screen lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftEntry {
    pub id: String,
    pub organization: String,
    /// Required answers given, and required in all.
    pub progress: Option<(usize, usize)>,
    pub updated: Option<DateTime<FixedOffset>>,
    /// Why the file cannot be opened, when it cannot.
    pub unreadable: Option<String>,
    /// The questionnaire a draft of another questionnaire answers: listed
    /// apart, not as a file that cannot be read.
    pub questionnaire: Option<String>,
    /// The last export, if the draft was exported.
    pub exported: Option<crate::draft::Exported>,
}

impl DraftEntry {
    /// Which group of the start screen it is listed in.
    pub fn group(&self) -> Group {
        match (&self.questionnaire, &self.unreadable) {
            (Some(_), _) => Group::Others,
            (None, Some(_)) => Group::Unreadable,
            (None, None) => Group::Ours,
        }
    }
}

/// The groups of the start screen, in the order they are listed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    Ours,
    Others,
    Unreadable,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Question,
    Review,
    /// The kept versions of a draft.
    Versions,
}

/// The versions of a draft, as the versions screen lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Versions {
    pub id: String,
    pub organization: String,
    /// What the draft holds now that version 1 does not, in a line.
    pub since_newest: Option<String>,
    pub rows: Vec<VersionRow>,
    pub cursor: usize,
}

/// One kept version.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRow {
    /// 1 is the newest.
    pub n: usize,
    pub saved: Option<DateTime<FixedOffset>>,
    /// Why it was saved, in words.
    pub why: Option<&'static str>,
    /// What it changed from the version before it, in a line.
    pub changes: String,
}

/// A draft moved to the trash from the start screen, until `u` brings it
/// back or the screen is left.
#[derive(Debug, Clone, PartialEq)]
pub struct Trashed {
    pub id: String,
    /// How the list showed it (the organization).
    pub name: String,
}

/// A yes-or-no question about drafts, asked before acting.
#[derive(Debug, Clone, PartialEq)]
pub struct Ask {
    pub title: String,
    pub question: String,
    pub action: Action,
}

/// What a yes does.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Move draft `id` to the trash.
    Trash(Trashed),
    /// Make version `n` of draft `id` the current draft.
    Restore { id: String, n: usize },
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// Header field `n` of the questionnaire (the organization first).
    Header(usize),
    /// The translation of header field `n` into the language shown.
    HeaderTranslation(usize),
    ImportPath,
    ExportPath,
    /// A new id for the draft under the start screen's cursor.
    Rename,
}

/// A one-line input shown over the screen.
#[derive(Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    pub error: Option<String>,
    /// What the last Tab found (path prompts).
    pub found: Option<Found>,
    /// An export the user agreed to make although answers are missing.
    pub allow_incomplete: bool,
}

/// What Tab found for a path prompt, shown under its input until the next
/// key.
#[derive(Debug, Clone, PartialEq)]
pub enum Found {
    /// The names that still match, folders ending with a separator.
    Several(Vec<String>),
    /// Why nothing was completed: no name matches, or the folder cannot
    /// be read.
    Nothing(String),
}

impl Prompt {
    pub fn new(kind: PromptKind, initial: &str) -> Self {
        let mut input = TextArea::new(vec![initial.to_owned()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        // The terminal's own cursor is placed there (see `view::place_cursor`).
        input.set_cursor_style(ratatui::style::Style::default());
        Self {
            kind,
            input,
            error: None,
            found: None,
            allow_incomplete: false,
        }
    }

    pub fn value(&self) -> String {
        self.input.lines().join("")
    }

    /// Whether it asks for a file path.
    pub fn is_path(&self) -> bool {
        matches!(self.kind, PromptKind::ImportPath | PromptKind::ExportPath)
    }

    /// Replaces the text, the cursor at its end (a completed path).
    pub fn set_value(&mut self, text: &str) {
        let mut fresh = Self::new(self.kind, text);
        std::mem::swap(&mut self.input, &mut fresh.input);
    }
}

/// Where the last save stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Saved(DateTime<FixedOffset>),
    /// Changes not yet written (typing, or a save under way).
    Pending,
    Failed(String),
    /// Opened read-only: nothing is saved.
    ReadOnly(String),
}

/// An answer longer than this is edited through a window of whole lines
/// around the cursor: the text editor re-wraps all the text it holds on
/// every keystroke, so what it holds is kept bounded.
pub const EDITOR_WINDOW_BYTES: usize = 16 * 1024;

/// The text editor of the focused text field.
#[derive(Debug)]
pub struct Editor {
    pub key: FieldKey,
    /// The lines of the window being edited.
    pub area: TextArea<'static>,
    /// Lines of the answer before and after the window.
    above: Vec<String>,
    below: Vec<String>,
    /// The text as last committed to the answers.
    pub committed: String,
    /// Since when the text has changes not committed (the first of them).
    pub unsaved_since: Option<DateTime<FixedOffset>>,
    /// The text before an edit in the external editor, and after it once
    /// undone: that edit is one undo step, as if typed.
    before_external: Option<String>,
    after_external: Option<String>,
}

pub use crate::external_editor::{for_external_editor, from_external_editor};

fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    // A word wider than the box (a long URL) is broken across lines rather
    // than cut at the edge with the cursor in it.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    // The terminal's own cursor is placed there (see `view::place_cursor`):
    // screen readers and input methods follow it, not a reversed cell.
    area.set_cursor_style(ratatui::style::Style::default());
    area.set_max_histories(200);
    area
}

impl Editor {
    /// An editor on `text`, the cursor at its end.
    pub fn new(key: FieldKey, text: &str) -> Self {
        let lines: Vec<String> = text.split('\n').map(str::to_owned).collect();
        let last = lines.len() - 1;
        let col = lines[last].chars().count();
        let mut editor = Self {
            key,
            area: text_area(vec![String::new()]),
            above: Vec::new(),
            below: Vec::new(),
            committed: text.to_owned(),
            unsaved_since: None,
            before_external: None,
            after_external: None,
        };
        editor.place(lines, last, col);
        editor
    }

    /// Replaces the text with what the external editor returned, as one
    /// step that undo takes back.
    pub fn replace_from_external(&mut self, text: &str) {
        self.replace_whole(text);
    }

    /// Replaces the whole text as one step that undo takes back (an
    /// external edit, clearing a long answer).
    pub fn replace_whole(&mut self, text: &str) {
        let before = self.text();
        self.swap_text(text);
        self.before_external = Some(before);
        self.after_external = None;
    }

    /// Whether the answer is long enough to be edited through a window of
    /// its lines.
    pub fn is_windowed(&self) -> bool {
        !self.above.is_empty() || !self.below.is_empty()
    }

    /// Puts the cursor at the very start or end of the whole answer.
    pub fn go_to_end(&mut self, end: bool) {
        let lines = self.lines();
        let (row, col) = if end {
            let last = lines.len() - 1;
            (last, lines[last].chars().count())
        } else {
            (0, 0)
        };
        self.place(lines, row, col);
    }

    /// The editor on `text`, keeping what was committed.
    fn swap_text(&mut self, text: &str) {
        let committed = std::mem::take(&mut self.committed);
        *self = Self::new(self.key.clone(), text);
        self.committed = committed;
    }

    /// Undoes the last edit: typing first, then an external edit.
    pub fn undo(&mut self) -> bool {
        if self.area.undo() {
            return true;
        }
        let Some(before) = self.before_external.take() else {
            return false;
        };
        let after = self.text();
        self.swap_text(&before);
        self.after_external = Some(after);
        true
    }

    /// Redoes what [`Editor::undo`] undid.
    pub fn redo(&mut self) -> bool {
        if self.area.redo() {
            return true;
        }
        let Some(after) = self.after_external.take() else {
            return false;
        };
        let before = self.text();
        self.swap_text(&after);
        self.before_external = Some(before);
        true
    }

    /// A change typed by hand: an undone external edit can no longer be
    /// redone.
    pub fn typed(&mut self) {
        self.after_external = None;
    }

    /// Puts `lines` in the editor with the cursor at (`row`, `col`),
    /// windowed when the text is long.
    fn place(&mut self, mut lines: Vec<String>, row: usize, col: usize) {
        let (start, end) = window(&lines, row);
        self.below = lines.split_off(end);
        let inside = lines.split_off(start);
        self.above = lines;
        self.area = text_area(inside);
        jump(&mut self.area, row - start, col);
    }

    /// After the box changed width: the view starts again from the top and
    /// follows the cursor, so that the text fills the box up to the cursor.
    /// It kept its first row, which after lines unwrapped could leave the
    /// last line alone in view, the answer looking deleted.
    pub fn refit(&mut self) {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        self.area.scroll((-i16::MAX, -i16::MAX));
        jump(&mut self.area, row, col);
    }

    /// Moves the window when the cursor nears one of its edges and there is
    /// more text beyond. Undo history does not survive a move.
    pub fn follow_cursor(&mut self) {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        let n = self.area.lines().len();
        let near_top = row < 2 && !self.above.is_empty();
        let near_bottom = row + 2 >= n && !self.below.is_empty();
        if near_top || near_bottom {
            let global = self.above.len() + row;
            let lines = self.lines();
            self.place(lines, global, col);
        }
    }

    fn lines(&self) -> Vec<String> {
        let mut out = self.above.clone();
        out.extend(self.area.lines().iter().cloned());
        out.extend(self.below.iter().cloned());
        out
    }

    /// The whole answer.
    pub fn text(&self) -> String {
        if self.above.is_empty() && self.below.is_empty() {
            return self.area.lines().join("\n");
        }
        self.lines().join("\n")
    }

    /// Whether the whole answer is blank.
    pub fn is_blank(&self) -> bool {
        let blank = |l: &String| l.trim().is_empty();
        self.above.iter().all(blank)
            && self.area.lines().iter().all(blank)
            && self.below.iter().all(blank)
    }
}

/// Puts the cursor at (`row`, `col`) of `area`.
fn jump(area: &mut TextArea<'static>, row: usize, col: usize) {
    let to_u16 = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
    area.move_cursor(ratatui_textarea::CursorMove::Jump(to_u16(row), to_u16(col)));
    // The editor jumps to columns up to 65,535 only: on a longer line the
    // cursor stopped there and typing landed mid-line. Beyond, it goes to
    // the end of the line and back (each step costs the line's length, so
    // from the nearer end).
    if col > usize::from(u16::MAX) {
        let len = area.lines()[row].chars().count();
        area.move_cursor(ratatui_textarea::CursorMove::End);
        for _ in col.min(len)..len {
            area.move_cursor(ratatui_textarea::CursorMove::Back);
        }
    }
}

/// The lines `start..end` to edit around `row`: all of them when the text
/// is short, else about `EDITOR_WINDOW_BYTES` of whole lines.
fn window(lines: &[String], row: usize) -> (usize, usize) {
    let total: usize = lines.iter().map(|l| l.len() + 1).sum();
    if total <= EDITOR_WINDOW_BYTES {
        return (0, lines.len());
    }
    let (mut start, mut end) = (row, row + 1);
    let mut size = lines[row].len() + 1;
    loop {
        let mut grew = false;
        if start > 0 && size + lines[start - 1].len() < EDITOR_WINDOW_BYTES {
            start -= 1;
            size += lines[start].len() + 1;
            grew = true;
        }
        if end < lines.len() && size + lines[end].len() < EDITOR_WINDOW_BYTES {
            size += lines[end].len() + 1;
            end += 1;
            grew = true;
        }
        if !grew {
            break;
        }
    }
    (start, end)
}

/// The review screen's place.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewState {
    pub scroll: u16,
    pub cursor: usize,
}

/// An item of the review list: something missing or inconsistent.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    pub key: FieldKey,
    pub text: String,
    /// For an answer set aside: its index in the draft's orphans.
    pub orphan: Option<usize>,
    /// An answer kept on a question the branching skips.
    pub skipped: bool,
}

/// A draft open for answering.
#[derive(Debug)]
pub struct Session {
    pub draft: Draft,
    /// Index into the questionnaire's questions.
    pub question: usize,
    /// The field in focus: its key, not its place, so that a follow-up
    /// appearing or going away above it does not move the focus.
    pub focus: FieldKey,
    pub option_cursor: usize,
    pub editor: Option<Editor>,
    /// Whether keys go into the answer box (false after Esc: they move
    /// between fields and questions).
    pub editing: bool,
    /// The question under the outline's cursor while the outline has the
    /// focus.
    pub outline_cursor: Option<usize>,
    pub save: SaveState,
    pub review: ReviewState,
    /// Answers set aside when the questionnaire changed, to show the user.
    pub orphans_moved: Vec<Orphan>,
    /// When a failed save is tried again.
    pub retry_at: Option<DateTime<FixedOffset>>,
    /// The folder this draft was last exported to (remembered across
    /// sessions in the drafts folder).
    pub export_folder: Option<PathBuf>,
    /// The language questions and answers are shown in: the draft's
    /// source language, or one its text answers are translated into (the
    /// answer box then edits the translation).
    pub language: String,
    /// Where each translation stands, kept as texts change.
    pub states: TranslationStates,
    /// The version shown, when a past version is open (read-only).
    pub version: Option<usize>,
}

/// The translation states of the open draft, by language and text. Kept
/// by `update` as texts change, one text at a time: a state compares a
/// hash of the source text, and hashing every answer on every frame would
/// cost the size of the whole draft at each key.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct TranslationStates {
    by_language: BTreeMap<String, BTreeMap<TextKey, TranslationState>>,
}

impl TranslationStates {
    /// The states of every text of `d` in each of `q`'s languages.
    pub fn of(q: &Questionnaire, d: &Draft) -> Self {
        let mut out = Self::default();
        for key in text_keys(q) {
            out.refresh(q, d, &key);
        }
        out
    }

    /// The states of text `key` again, in every language (its source or
    /// one of its translations changed).
    pub fn refresh(&mut self, q: &Questionnaire, d: &Draft, key: &TextKey) {
        for language in &q.languages {
            let states = self.by_language.entry(language.clone()).or_default();
            match d.translation_state(q, language, key) {
                Some(state) => states.insert(key.clone(), state),
                None => states.remove(key),
            };
        }
    }

    pub fn get(&self, language: &str, key: &TextKey) -> Option<TranslationState> {
        self.by_language.get(language)?.get(key).copied()
    }

    /// The translations into `language` that stop its report: missing and
    /// outdated, in questionnaire order.
    pub fn issues(&self, q: &Questionnaire, language: &str) -> Vec<(TextKey, TranslationState)> {
        text_keys(q)
            .into_iter()
            .filter_map(|k| {
                let state = self.get(language, &k)?;
                (!state.is_publishable()).then_some((k, state))
            })
            .collect()
    }
}

/// A failed save is tried again after this long.
pub const RETRY_SAVE_SECS: i64 = 5;

/// Waiting for the user to agree to replace a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmOverwrite {
    pub path: PathBuf,
    pub text: String,
}

/// Asking whether to export although required answers are missing.
#[derive(Debug, Clone, PartialEq)]
pub struct IncompleteExport {
    /// Why a complete report cannot be made ("3 required answers are
    /// missing").
    pub refusal: String,
    pub missing: Vec<crate::flow::Missing>,
    /// Translations missing or outdated in the report's language.
    pub untranslated: Vec<crate::draft::TranslationIssue>,
}

/// What is drawn over the screen and takes the keys until it is closed:
/// one at a time, so that no key reaches two of them.
#[derive(Debug)]
pub enum Overlay {
    /// A one-line input: a header field, an import or export path.
    Prompt(Box<Prompt>),
    /// Replace an existing file?
    Confirm(ConfirmOverwrite),
    /// Export although required answers are missing?
    ExportAnyway(IncompleteExport),
    /// The keys of every mode, scrolled this far.
    Help { scroll: u16 },
    /// Delete a draft, restore a version?
    Ask(Ask),
}

impl Overlay {
    pub fn prompt(p: Prompt) -> Self {
        Overlay::Prompt(Box::new(p))
    }
}

/// Colours, or none (NO_COLOR).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

/// The whole wizard.
#[derive(Debug)]
pub struct Model {
    pub questionnaire: Questionnaire,
    pub screen: Screen,
    pub drafts: Vec<DraftEntry>,
    /// The digits of a question number being typed (see `Msg::Digit`).
    pub goto: String,
    pub start_cursor: usize,
    /// The draft last moved to the trash from the start screen (`u`
    /// brings it back).
    pub trashed: Option<Trashed>,
    /// The versions screen's list.
    pub versions: Option<Versions>,
    pub session: Option<Session>,
    /// What is drawn over the screen and takes the keys, if anything.
    pub overlay: Option<Overlay>,
    /// Header fields given so far for a new assessment, by field id.
    pub header: Vec<(String, String)>,
    /// The export prompt of the export under way, shown again with the
    /// error if the file cannot be written.
    pub export_pending: Option<Prompt>,
    /// Where the user's files are: what `~` means, where an export starts.
    pub places: crate::paths::Places,
    /// The user's choice; `None` follows the terminal's width.
    pub outline: Option<bool>,
    /// The questionnaire in the language shown, when that is not its
    /// primary one (see [`Model::texts`]).
    pub shown: Option<Questionnaire>,
    /// Side by side (the source answer beside its translation): the
    /// user's choice; `None` follows the terminal's width.
    pub side_by_side: Option<bool>,
    pub size: (u16, u16),
    pub theme: Theme,
    pub status: Option<String>,
    /// What to add to the status once the export under way is written.
    pub export_note: Option<String>,
    pub now: DateTime<FixedOffset>,
    /// Set once quitting has started: the loop exits after the last save.
    pub quitting: bool,
}

impl Model {
    /// When the typing in the editor is due to be saved, if any is unsaved:
    /// the loop wakes then, so that a pause is saved on time, not at the
    /// next tick.
    pub fn autosave_at(&self) -> Option<DateTime<FixedOffset>> {
        let typed = self.session.as_ref()?.editor.as_ref()?.unsaved_since?;
        Some(typed + chrono::Duration::milliseconds(AUTOSAVE_AFTER_MS))
    }

    /// The start screen; with no drafts it goes straight to a new one.
    pub fn new(
        questionnaire: Questionnaire,
        drafts: Vec<DraftEntry>,
        now: DateTime<FixedOffset>,
        size: (u16, u16),
        theme: Theme,
    ) -> Self {
        let overlay = (drafts.is_empty() && !questionnaire.header_fields.is_empty())
            .then(|| Overlay::prompt(Prompt::new(PromptKind::Header(0), "")));
        Self {
            questionnaire,
            screen: Screen::Start,
            drafts,
            goto: String::new(),
            start_cursor: 0,
            trashed: None,
            versions: None,
            session: None,
            overlay,
            header: Vec::new(),
            export_pending: None,
            places: crate::paths::Places::default(),
            outline: None,
            shown: None,
            side_by_side: None,
            size,
            theme,
            status: None,
            export_note: None,
            now,
            quitting: false,
        }
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        match self.overlay {
            Some(Overlay::Help { .. }) => Mode::Help,
            _ => self.screen_mode(),
        }
    }

    /// The keys of the screen under the help.
    pub fn screen_mode(&self) -> Mode {
        match (&self.overlay, self.screen) {
            (Some(Overlay::Confirm(_)), _) => Mode::Confirm,
            (Some(Overlay::ExportAnyway(_)), _) => Mode::ExportAnyway,
            (Some(Overlay::Prompt(_)), _) => Mode::Prompt,
            (Some(Overlay::Ask(_)), _) => Mode::Ask,
            (_, Screen::Start) => Mode::Start,
            (_, Screen::Versions) => Mode::Versions,
            (_, Screen::Review) => Mode::Review,
            (_, Screen::Question) => match &self.session {
                Some(s) if s.outline_cursor.is_some() => Mode::Outline,
                Some(s) if s.editor.is_some() && s.editing => Mode::Text,
                Some(s) if s.editor.is_some() => Mode::Browse,
                _ => Mode::Choice,
            },
        }
    }

    /// The one-line prompt being answered, if that is what is up.
    pub fn prompt(&self) -> Option<&Prompt> {
        match &self.overlay {
            Some(Overlay::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    pub fn prompt_mut(&mut self) -> Option<&mut Prompt> {
        match &mut self.overlay {
            Some(Overlay::Prompt(p)) => Some(p),
            _ => None,
        }
    }

    /// The file waiting for "replace it?", if that is asked.
    pub fn confirm(&self) -> Option<&ConfirmOverwrite> {
        match &self.overlay {
            Some(Overlay::Confirm(c)) => Some(c),
            _ => None,
        }
    }

    /// The "export anyway?" question, if it is asked.
    pub fn incomplete(&self) -> Option<&IncompleteExport> {
        match &self.overlay {
            Some(Overlay::ExportAnyway(q)) => Some(q),
            _ => None,
        }
    }

    pub fn help_open(&self) -> bool {
        matches!(self.overlay, Some(Overlay::Help { .. }))
    }

    /// Whether the outline is drawn: the user's choice, else when wide.
    pub fn outline_shown(&self) -> bool {
        self.outline_focused() || self.outline.unwrap_or(self.size.0 >= 100)
    }

    /// Whether the outline has the focus (it is then shown, whatever the
    /// width).
    pub fn outline_focused(&self) -> bool {
        self.screen == Screen::Question
            && self
                .session
                .as_ref()
                .is_some_and(|s| s.outline_cursor.is_some())
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    /// The questionnaire's texts in the language shown: ids, options and
    /// branching are [`Model::questionnaire`]'s.
    pub fn texts(&self) -> &Questionnaire {
        self.shown.as_ref().unwrap_or(&self.questionnaire)
    }

    /// Whether the questionnaire has more than one language (the language
    /// keys apply).
    pub fn bilingual(&self) -> bool {
        self.questionnaire.languages.len() > 1
    }

    /// The language questions and answers are shown in.
    pub fn language(&self) -> &str {
        match &self.session {
            Some(s) => &s.language,
            None => self.questionnaire.primary_language(),
        }
    }

    /// The language being translated into, when the language shown is not
    /// the draft's source language: the answer box then edits the
    /// translation of its text.
    pub fn translating(&self) -> Option<&str> {
        let s = self.session.as_ref()?;
        (s.language != s.draft.source_language(&self.questionnaire)).then_some(&s.language)
    }

    /// Whether the source answer is drawn beside the translation being
    /// written: the user's choice, else when the terminal is wide enough
    /// for two answer boxes beside the outline.
    pub fn side_by_side_shown(&self) -> bool {
        self.translating().is_some()
            && self
                .side_by_side
                .unwrap_or(self.size.0 >= SIDE_BY_SIDE_WIDTH)
    }

    /// The state of the translation of `key` in the language shown, with
    /// the text being typed in the answer box as it will be kept.
    pub fn translation_state(&self, key: &TextKey) -> Option<TranslationState> {
        let language = self.translating()?;
        let s = self.session.as_ref()?;
        if let (Some(e), TextKey::Answer(k)) = (&s.editor, key)
            && e.key == *k
            && e.unsaved_since.is_some()
        {
            return TranslationState::fresh(s.draft.source_text(key), &e.text());
        }
        s.states.get(language, key)
    }

    /// The answers as they stand, with the text being typed included (in
    /// the source language: a translation being typed changes none).
    pub fn current_answers(&self) -> Option<crate::answers::Answers> {
        let s = self.session.as_ref()?;
        let mut answers = s.draft.answers.clone();
        if let Some(e) = &s.editor
            && e.unsaved_since.is_some()
            && self.translating().is_none()
        {
            set_text(&mut answers, &e.key, &e.text());
        }
        Some(answers)
    }

    /// The draft as it stands, with the text being typed kept in the
    /// language shown (a clone: for exporting, not for every frame).
    pub fn current_draft(&self) -> Option<Draft> {
        let s = self.session.as_ref()?;
        let mut draft = s.draft.clone();
        if let Some(e) = &s.editor
            && e.unsaved_since.is_some()
        {
            let text = crate::text::clean(&e.text()).text;
            let key = TextKey::Answer(e.key.clone());
            match self.translating() {
                None => set_text(&mut draft.answers, &e.key, &text),
                Some(language) if text.trim().is_empty() => {
                    draft.translations.remove(language, &key);
                }
                Some(language) => draft.set_answer_in(&self.questionnaire, language, key, text),
            }
        }
        Some(draft)
    }

    /// The fields of question `index` that can take focus now, with the
    /// kind of each (`true` for text).
    pub fn focusable(&self, index: usize) -> Vec<(FieldKey, bool)> {
        let Some(answers) = self.current_answers() else {
            return Vec::new();
        };
        self.focusable_in(&Flow::new(&self.questionnaire, &answers), index)
    }

    /// [`Model::focusable`] with the flow already computed.
    pub fn focusable_in(&self, flow: &Flow, index: usize) -> Vec<(FieldKey, bool)> {
        let question = &self.questionnaire.questions[index];
        crate::workspace::fields(&self.questionnaire, flow, index)
            .into_iter()
            .map(|k| {
                let text = k.field.is_some() || !question.kind.is_choice();
                (k, text)
            })
            .collect()
    }

    /// Where the focused field is among the focusable fields of its
    /// question (the first when it is no longer one of them).
    pub fn field_index(&self) -> usize {
        let Some(s) = &self.session else { return 0 };
        self.focusable(s.question)
            .iter()
            .position(|(k, _)| *k == s.focus)
            .unwrap_or(0)
    }

    /// The id of the open draft.
    pub fn draft_id(&self) -> Option<&DraftId> {
        self.session.as_ref().map(|s| &s.draft.id)
    }
}

/// Sets a text answer; blank text removes the answer (it prints as N/A).
pub fn set_text(answers: &mut crate::answers::Answers, key: &FieldKey, text: &str) {
    if text.trim().is_empty() {
        answers.remove(key);
    } else {
        answers.set(key.clone(), Value::Text(text.to_owned()));
    }
}

/// Whether a question takes one option at most.
pub fn single(kind: Kind) -> bool {
    matches!(kind, Kind::SingleChoice | Kind::YesNo)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_reaches_the_end_of_a_line_longer_than_65535_characters() {
        let line = "word ".repeat(14_000);
        let e = Editor::new(FieldKey::main("q8"), &line);
        let ratatui_textarea::DataCursor(row, col) = e.area.cursor();
        assert_eq!((row, col), (0, line.chars().count()));
    }

    fn long_text() -> String {
        (0..200)
            .map(|i| format!("Paragraph {i}: {}", "words ".repeat(40)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn short_answers_are_not_windowed() {
        let e = Editor::new(FieldKey::main("q8"), "one\n\ntwo");
        assert_eq!(e.area.lines().len(), 3);
        assert_eq!(e.text(), "one\n\ntwo");
        assert_eq!(e.area.cursor(), (2, 3));
    }

    #[test]
    fn long_answers_are_edited_through_a_window_and_kept_whole() {
        let text = long_text();
        assert!(text.len() > 3 * EDITOR_WINDOW_BYTES);
        let mut e = Editor::new(FieldKey::main("q8"), &text);
        let held: usize = e.area.lines().iter().map(|l| l.len() + 1).sum();
        assert!(held <= EDITOR_WINDOW_BYTES, "window holds {held} bytes");
        assert_eq!(e.text(), text);
        // Type at the end, then walk to the very top: the window follows
        // and the text stays whole.
        e.area.insert_str("!");
        let rows = text.lines().count();
        for _ in 0..rows {
            e.area.move_cursor(ratatui_textarea::CursorMove::Up);
            e.follow_cursor();
        }
        e.area.move_cursor(ratatui_textarea::CursorMove::Head);
        e.area.insert_str(">");
        assert_eq!(e.text(), format!(">{text}!"));
        assert!(!e.is_blank());
    }
}
