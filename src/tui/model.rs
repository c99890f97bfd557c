//! The wizard's state. `view` reads it; only `update` changes it.

use super::keymap::Mode;
use crate::answers::{FieldKey, Value};
use crate::draft::{Draft, DraftId, Orphan};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::{Kind, Questionnaire};
use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{TextArea, WrapMode};
use std::path::PathBuf;

/// Below this size the wizard shows a message instead of a garbled screen.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;
/// Typing is saved after this long without a key.
pub const AUTOSAVE_AFTER_SECS: i64 = 1;

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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Start,
    Question,
    Review,
}

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Organization,
    ImportPath,
    ExportPath,
}

/// A one-line input shown over the screen.
#[derive(Debug)]
pub struct Prompt {
    pub kind: PromptKind,
    pub input: TextArea<'static>,
    pub error: Option<String>,
}

impl Prompt {
    pub fn new(kind: PromptKind, initial: &str) -> Self {
        let mut input = TextArea::new(vec![initial.to_owned()]);
        input.move_cursor(ratatui_textarea::CursorMove::End);
        input.set_cursor_line_style(ratatui::style::Style::default());
        Self {
            kind,
            input,
            error: None,
        }
    }

    pub fn value(&self) -> String {
        self.input.lines().join("")
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

/// The text editor of the focused text field.
#[derive(Debug)]
pub struct Editor {
    pub key: FieldKey,
    pub area: TextArea<'static>,
    /// The text as last committed to the answers.
    pub committed: String,
    /// When the text last changed without being committed.
    pub typed_at: Option<DateTime<FixedOffset>>,
}

impl Editor {
    pub fn new(key: FieldKey, text: &str) -> Self {
        let lines: Vec<String> = if text.is_empty() {
            vec![String::new()]
        } else {
            text.split('\n').map(str::to_owned).collect()
        };
        let mut area = TextArea::new(lines);
        area.set_wrap_mode(WrapMode::WordOrGlyph);
        area.set_cursor_line_style(ratatui::style::Style::default());
        area.set_max_histories(200);
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        Self {
            key,
            area,
            committed: text.to_owned(),
            typed_at: None,
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
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
}

/// A draft open for answering.
#[derive(Debug)]
pub struct Session {
    pub draft: Draft,
    /// Index into the questionnaire's questions.
    pub question: usize,
    /// Index into `Flow::fields` of the question.
    pub field: usize,
    pub option_cursor: usize,
    pub editor: Option<Editor>,
    pub save: SaveState,
    pub review: ReviewState,
    /// Answers set aside when the questionnaire changed, to show the user.
    pub orphans_moved: Vec<Orphan>,
}

/// Waiting for the user to agree to replace a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfirmOverwrite {
    pub path: PathBuf,
    pub text: String,
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
    pub session: Option<Session>,
    pub prompt: Option<Prompt>,
    pub confirm: Option<ConfirmOverwrite>,
    pub help: bool,
    /// The user's choice; `None` follows the terminal's width.
    pub outline: Option<bool>,
    pub size: (u16, u16),
    pub theme: Theme,
    pub status: Option<String>,
    pub now: DateTime<FixedOffset>,
    /// Set once quitting has started: the loop exits after the last save.
    pub quitting: bool,
}

impl Model {
    /// The start screen; with no drafts it goes straight to a new one.
    pub fn new(
        questionnaire: Questionnaire,
        drafts: Vec<DraftEntry>,
        now: DateTime<FixedOffset>,
        size: (u16, u16),
        theme: Theme,
    ) -> Self {
        let prompt = drafts
            .is_empty()
            .then(|| Prompt::new(PromptKind::Organization, ""));
        Self {
            questionnaire,
            screen: Screen::Start,
            drafts,
            start_cursor: 0,
            session: None,
            prompt,
            confirm: None,
            help: false,
            outline: None,
            size,
            theme,
            status: None,
            now,
            quitting: false,
        }
    }

    /// Which keys apply now.
    pub fn mode(&self) -> Mode {
        if self.help {
            Mode::Help
        } else if self.confirm.is_some() {
            Mode::Confirm
        } else if self.prompt.is_some() {
            Mode::Prompt
        } else {
            match self.screen {
                Screen::Start => Mode::Start,
                Screen::Review => Mode::Review,
                Screen::Question if self.focused_is_text() => Mode::Text,
                Screen::Question => Mode::Choice,
            }
        }
    }

    /// Whether the outline is drawn: the user's choice, else when wide.
    pub fn outline_shown(&self) -> bool {
        self.outline.unwrap_or(self.size.0 >= 100)
    }

    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    fn focused_is_text(&self) -> bool {
        self.session.as_ref().is_some_and(|s| s.editor.is_some())
    }

    /// The answers as they stand, with the text being typed included.
    pub fn current_answers(&self) -> Option<crate::answers::Answers> {
        let s = self.session.as_ref()?;
        let mut answers = s.draft.answers.clone();
        if let Some(e) = &s.editor {
            set_text(&mut answers, &e.key, &e.text());
        }
        Some(answers)
    }

    /// The fields of question `index` that can take focus now, with the
    /// kind of each (`true` for text).
    pub fn focusable(&self, index: usize) -> Vec<(FieldKey, bool)> {
        let Some(s) = &self.session else {
            return Vec::new();
        };
        let q = &self.questionnaire;
        let question = &q.questions[index];
        let answers = self
            .current_answers()
            .unwrap_or_else(|| s.draft.answers.clone());
        let flow = Flow::new(q, &answers);
        Flow::fields(question)
            .into_iter()
            .filter(|k| flow.field_state(index, k) != FieldState::Skipped || k.field.is_none())
            .map(|k| {
                let text = k.field.is_some() || !question.kind.is_choice();
                (k, text)
            })
            .collect()
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

/// Keeps printable text, newlines and tabs: nothing pasted or imported may
/// reach the terminal as a control sequence.
pub fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            // An escape sequence: drop ESC and the sequence's body.
            '\u{1b}' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    while let Some(&n) = chars.peek() {
                        chars.next();
                        if ('@'..='~').contains(&n) {
                            break;
                        }
                    }
                }
            }
            '\n' | '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("plain", "plain")]
    #[case("a\r\nb\rc", "a\nb\nc")]
    #[case("tab\there", "tab\there")]
    #[case("red \u{1b}[31mtext\u{1b}[0m", "red text")]
    #[case("bell\u{7} and nul\u{0}", "bell and nul")]
    #[case("bidi\u{202e}x", "bidi\u{202e}x")]
    #[case("nbsp\u{a0}", "nbsp\u{a0}")]
    fn clean_keeps_printable_text_only(#[case] input: &str, #[case] want: &str) {
        assert_eq!(clean(input), want);
    }
}
