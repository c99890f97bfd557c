//! The wizard's state. `view` reads it; only `update` changes it.

use super::keymap::Mode;
use crate::answers::{FieldKey, Value};
use crate::draft::{Draft, DraftId, Orphan, TextKey, TranslationState, text_keys};
use crate::flow::Flow;
use crate::questionnaire::{Kind, Questionnaire};
use chrono::{DateTime, FixedOffset};
use ratatui_textarea::TextArea;
use std::collections::BTreeMap;

pub use super::editor::{EDITOR_WINDOW_BYTES, Editor, for_external_editor, from_external_editor};
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

/// A draft as the start screen lists it: the core's summary, its reason
/// shortened by the shell (the folder left out).
pub use crate::workspace::DraftSummary as DraftEntry;

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

/// What the screen shows, with the state that only it has: a draft's
/// session exists only while a draft is open, a versions list only while
/// it is shown.
#[derive(Debug)]
pub enum Screen {
    /// The drafts of the questionnaire, and a new one.
    Start,
    /// The kept versions of a draft.
    Versions(Versions),
    /// A draft open: its questions or its review.
    Session(Box<Session>),
}

/// The page of an open draft.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Question,
    Review,
}

/// Which screen is shown, by name (for tests and for what the name alone
/// decides).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Showing {
    Start,
    Versions,
    Question,
    Review,
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

/// A past version open read-only, and the list it was opened from, to go
/// back to.
#[derive(Debug, Clone, PartialEq)]
pub struct PastVersion {
    /// 1 is the newest.
    pub n: usize,
    pub list: Versions,
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

/// The draft last moved to the trash from the start screen, which `u`
/// brings back (until another is trashed).
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
    /// The undo histories of the text fields left, for coming back.
    pub histories: super::editor::Histories,
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
    pub version: Option<PastVersion>,
    pub page: Page,
    /// The digits of a question number being typed (see `Msg::Digit`).
    pub goto: String,
    /// The export under way, until the file is written or the user gives
    /// up.
    pub exporting: Option<Exporting>,
}

/// An export sent to be written.
#[derive(Debug)]
pub struct Exporting {
    /// Its prompt, shown again with the error if the file cannot be
    /// written.
    pub prompt: Option<Prompt>,
    /// What to add to the status once it is written.
    pub note: Option<String>,
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
    pub start_cursor: usize,
    /// The draft last moved to the trash from the start screen (`u`
    /// brings it back).
    pub trashed: Option<Trashed>,
    /// What is drawn over the screen and takes the keys, if anything.
    pub overlay: Option<Overlay>,
    /// Header fields given so far for a new assessment, by field id.
    pub header: Vec<(String, String)>,
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
    pub now: DateTime<FixedOffset>,
    /// Set once quitting has started: the loop exits after the last save.
    pub quitting: bool,
}

impl Model {
    /// When the typing in the editor is due to be saved, if any is unsaved:
    /// the loop wakes then, so that a pause is saved on time, not at the
    /// next tick.
    pub fn autosave_at(&self) -> Option<DateTime<FixedOffset>> {
        let typed = self.session()?.editor.as_ref()?.unsaved_since?;
        Some(typed + chrono::Duration::milliseconds(AUTOSAVE_AFTER_MS))
    }

    /// When the loop must wake with no key: for the autosave of typing,
    /// or to try a failed save again. Nothing else on screen changes with
    /// time (the date in the report changes at midnight, checked by the
    /// loop's longest sleep).
    pub fn wake_at(&self) -> Option<DateTime<FixedOffset>> {
        // Only a save still failed is tried again: one that a later save
        // (or a change taken back) made moot is not due, whatever time
        // `retry_at` still holds.
        let retry = self
            .session()
            .filter(|s| matches!(s.save, SaveState::Failed(_)))
            .and_then(|s| s.retry_at);
        match (self.autosave_at(), retry) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        }
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
            start_cursor: 0,
            trashed: None,
            overlay,
            header: Vec::new(),
            places: crate::paths::Places::default(),
            outline: None,
            shown: None,
            side_by_side: None,
            size,
            theme,
            status: None,
            now,
            quitting: false,
        }
    }

    /// The open draft's session, if a draft is open.
    pub fn session(&self) -> Option<&Session> {
        match &self.screen {
            Screen::Session(s) => Some(s),
            _ => None,
        }
    }

    pub fn session_mut(&mut self) -> Option<&mut Session> {
        match &mut self.screen {
            Screen::Session(s) => Some(s),
            _ => None,
        }
    }

    /// The versions listed, if the versions screen is shown.
    pub fn versions(&self) -> Option<&Versions> {
        match &self.screen {
            Screen::Versions(v) => Some(v),
            _ => None,
        }
    }

    /// Which screen is shown.
    pub fn showing(&self) -> Showing {
        match &self.screen {
            Screen::Start => Showing::Start,
            Screen::Versions(_) => Showing::Versions,
            Screen::Session(s) => match s.page {
                Page::Question => Showing::Question,
                Page::Review => Showing::Review,
            },
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
        match (&self.overlay, &self.screen) {
            (Some(Overlay::Confirm(_)), _) => Mode::Confirm,
            (Some(Overlay::ExportAnyway(_)), _) => Mode::ExportAnyway,
            (Some(Overlay::Prompt(_)), _) => Mode::Prompt,
            (Some(Overlay::Ask(_)), _) => Mode::Ask,
            (_, Screen::Start) => Mode::Start,
            (_, Screen::Versions(_)) => Mode::Versions,
            (_, Screen::Session(s)) => match s.page {
                Page::Review => Mode::Review,
                Page::Question if s.outline_cursor.is_some() => Mode::Outline,
                Page::Question if s.editor.is_some() && s.editing => Mode::Text,
                Page::Question if s.editor.is_some() => Mode::Browse,
                Page::Question => Mode::Choice,
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
        self.session()
            .is_some_and(|s| s.page == Page::Question && s.outline_cursor.is_some())
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
        match self.session() {
            Some(s) => &s.language,
            None => self.questionnaire.primary_language(),
        }
    }

    /// The language being translated into, when the language shown is not
    /// the draft's source language: the answer box then edits the
    /// translation of its text.
    pub fn translating(&self) -> Option<&str> {
        let s = self.session()?;
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
        let s = self.session()?;
        if let (Some(e), TextKey::Answer(k)) = (&s.editor, key)
            && e.key == *k
            && e.unsaved_since.is_some()
        {
            return TranslationState::fresh(s.draft.source_text(key), &e.text());
        }
        s.states.get(language, key)
    }

    /// The editor whose text, typed and not yet committed, belongs in the
    /// answers: in the source language (a translation being typed changes
    /// none).
    fn typed(&self) -> Option<&super::editor::Editor> {
        let e = self.session()?.editor.as_ref()?;
        (e.unsaved_since.is_some() && self.translating().is_none()).then_some(e)
    }

    /// The answers as they stand, with the text being typed included (in
    /// the source language: a translation being typed changes none).
    pub fn current_answers(&self) -> Option<crate::answers::Answers> {
        let s = self.session()?;
        Some(match self.typed() {
            Some(e) => {
                let mut answers = s.draft.answers.clone_except(&e.key);
                set_text(&mut answers, &e.key, e.text());
                answers
            }
            None => s.draft.answers.clone(),
        })
    }

    /// The answers for drawing the question page: [`Model::current_answers`]
    /// or, while the text being typed is answered exactly when the draft's
    /// own copy of it is, the draft's answers themselves, not copied. The
    /// page shows the text being typed from the editor, and the rest of it
    /// (the flow, the outline's marks, the count of answers) asks only
    /// whether that text is answered; copying a long answer on every frame
    /// was a tenth of a keystroke's echo.
    pub fn shown_answers(&self) -> Option<std::borrow::Cow<'_, crate::answers::Answers>> {
        let s = self.session()?;
        if s.page == Page::Question
            && let Some(e) = self.typed()
        {
            let stored = s.draft.answers.get(&e.key).is_some_and(Value::is_answered);
            if stored != e.is_blank() {
                return Some(std::borrow::Cow::Borrowed(&s.draft.answers));
            }
        }
        self.current_answers().map(std::borrow::Cow::Owned)
    }

    /// The draft as it stands, with the text being typed kept in the
    /// language shown (a clone: for exporting, not for every frame).
    pub fn current_draft(&self) -> Option<Draft> {
        let s = self.session()?;
        let mut draft = s.draft.clone();
        if let Some(e) = &s.editor
            && e.unsaved_since.is_some()
        {
            let text = crate::text::clean(&e.text()).text;
            let key = TextKey::Answer(e.key.clone());
            match self.translating() {
                None => set_text(&mut draft.answers, &e.key, text),
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
        let Some(s) = self.session() else { return 0 };
        self.focusable(s.question)
            .iter()
            .position(|(k, _)| *k == s.focus)
            .unwrap_or(0)
    }

    /// The id of the open draft.
    pub fn draft_id(&self) -> Option<&DraftId> {
        self.session().map(|s| &s.draft.id)
    }
}

/// Sets a text answer; blank text removes the answer (it prints as N/A).
pub fn set_text(answers: &mut crate::answers::Answers, key: &FieldKey, text: String) {
    if text.trim().is_empty() {
        answers.remove(key);
    } else {
        answers.set(key.clone(), Value::Text(text));
    }
}

/// Whether a question takes one option at most.
pub fn single(kind: Kind) -> bool {
    matches!(kind, Kind::SingleChoice | Kind::YesNo)
}
