//! Messages: everything that can happen to the wizard, and the effects
//! `update` asks the shell to perform.

use crate::draft::{Draft, SaveReason};
use chrono::{DateTime, FixedOffset};
use crossterm::event::KeyEvent;
use std::path::PathBuf;

/// What the user or the world did. The names of the user actions are the
/// names in the key map.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// Quit (everything is saved first).
    Quit,
    /// Show or hide the help screen.
    Help,
    /// Move up in a list.
    Up,
    /// Move down in a list.
    Down,
    /// Choose the option under the cursor (single choice) or toggle it (several).
    Toggle,
    /// Confirm: open, choose, jump, accept.
    Enter,
    /// Leave a screen or a prompt.
    Back,
    /// Next answer field of the question (then the next question).
    NextField,
    /// Previous answer field (then the previous question).
    PrevField,
    /// Next question that is asked.
    NextQuestion,
    /// Previous question that is asked.
    PrevQuestion,
    /// Show the review screen.
    Review,
    /// Export the report (from the review screen).
    Export,
    /// Discard the answer set aside under the review cursor.
    Discard,
    /// Show or hide the outline of parts and questions.
    ToggleOutline,
    /// Go to the first question / the last question asked.
    FirstQuestion,
    LastQuestion,
    /// A digit of a question number to go to (then Enter).
    Digit(u8),
    /// Start a new assessment (start screen).
    New,
    /// Move the draft under the cursor to the trash (start screen).
    Delete,
    /// Give the draft under the cursor another id (start screen).
    Rename,
    /// List the versions of the draft under the cursor (start screen).
    Versions,
    /// Make the version under the cursor the current draft.
    Restore,
    /// Import a published report (start screen).
    Import,
    /// Open the current answer in $VISUAL / $EDITOR.
    ExternalEditor,
    Undo,
    Redo,
    /// Scroll a text field's prompt, cut on a small terminal.
    PromptUp,
    PromptDown,
    /// Scroll the review text.
    ScrollUp,
    ScrollDown,
    /// Complete the path typed in a prompt.
    Complete,
    /// A key that types a character in an answer box or a prompt.
    Key(KeyEvent),
    /// An editing key: a movement, a deletion, select all, clear.
    Edit(crate::tui::editing::Edit),
    /// A key that does nothing where it was pressed (its name).
    Unbound(String),
    /// Give the focus to the outline, a list of the questions.
    FocusOutline,
    /// Show questions and answers in the questionnaire's next language
    /// (text answers are then edited as translations).
    Language,
    /// Show or hide the source answer beside the translation being written.
    SideBySide,
    /// Keep an outdated translation as up to date: the source changed, the
    /// translation still says the same.
    ConfirmTranslation,
    /// Pasted text (bracketed paste).
    Paste(String),
    /// A run of plain keys typed faster than frames are drawn (a typing
    /// tool, a paste without bracketed paste): inserted as one edit.
    Typed(String),
    /// Time passes: autosave after a pause in typing.
    Tick(DateTime<FixedOffset>),
    /// The terminal was resized.
    Resize(u16, u16),
    /// A save finished.
    Saved(Result<DateTime<FixedOffset>, String>),
    /// The external editor finished, with the new text or why it failed.
    Edited(Result<String, String>),
    /// An export finished.
    Exported(ExportOutcome),
    /// The drafts folder changed (a draft trashed, brought back, renamed,
    /// a version restored), or why not; with the drafts as they are now.
    Drafts {
        outcome: Result<Done, String>,
        drafts: Vec<crate::tui::model::DraftEntry>,
    },
    /// The versions of a draft were read.
    VersionsRead(Result<crate::tui::model::Versions, String>),
    /// A draft was opened (created, imported or resumed), or why not.
    Opened(Result<Opened, String>),
    /// The entries of the folder to complete `typed` from, or why it
    /// cannot be read.
    Listed {
        typed: String,
        entries: Result<Vec<crate::paths::Entry>, String>,
    },
}

/// What was done to the drafts folder.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Trashed(crate::tui::model::Trashed),
    Untrashed(crate::tui::model::Trashed),
    Renamed { from: String, to: String },
    Restored { id: String, n: usize },
}

/// How an export ended.
#[derive(Debug, Clone, PartialEq)]
pub enum ExportOutcome {
    Written(PathBuf),
    /// The file exists; the user is asked before it is replaced.
    Exists {
        path: PathBuf,
        text: String,
    },
    Failed(String),
}

/// A draft ready to answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub draft: Box<Draft>,
    /// Set when another quire holds the draft: opened read-only.
    pub read_only: Option<String>,
    /// Answers set aside because the questionnaire changed.
    pub orphans_moved: Vec<crate::draft::Orphan>,
    /// Warnings of an import, for the status line.
    pub note: Option<String>,
    /// The folder the draft was last exported to, if remembered.
    pub export_folder: Option<PathBuf>,
    /// The past version opened (read-only), if it is one.
    pub version: Option<usize>,
}

/// What the shell does for `update`: all I/O.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this draft (atomically, with history).
    Save(Box<Draft>, SaveReason),
    /// Write the report to `path`; `overwrite` only after the user agreed.
    Export {
        path: PathBuf,
        text: String,
        overwrite: bool,
    },
    /// Create a new draft with these header fields (id, value).
    Create(Vec<(String, String)>),
    /// Import the report at `path` into a new draft.
    Import(PathBuf),
    /// Open (lock and load) a draft.
    Open(String),
    /// List the entries of `folder` to complete `typed` (answered with
    /// `Msg::Listed`).
    List { folder: PathBuf, typed: String },
    /// Remember `folder` as the one draft `id` was last exported to.
    RememberFolder {
        id: crate::draft::DraftId,
        folder: PathBuf,
    },
    /// Move a draft to the trash (answered with `Msg::Drafts`).
    Trash(crate::tui::model::Trashed),
    /// Bring a draft back from the trash.
    Untrash(crate::tui::model::Trashed),
    /// Give draft `from` the id `to`.
    Rename { from: String, to: String },
    /// Read the versions of draft `id` (answered with `Msg::VersionsRead`).
    ReadVersions { id: String, organization: String },
    /// Open version `n` of draft `id`, read-only (answered with
    /// `Msg::Opened`).
    OpenVersion { id: String, n: usize },
    /// Make version `n` of draft `id` the current draft.
    RestoreVersion { id: String, n: usize },
    /// Suspend the TUI and edit `text` in the user's editor.
    OpenEditor(String),
    /// Restore the terminal and exit.
    Quit,
}
