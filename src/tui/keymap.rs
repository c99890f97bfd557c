//! The one key map: (mode, key) → message. Input handling and the key
//! hints in the footer and the help screen all read this table, so they
//! cannot drift apart.

use super::editing::{Edit, Move};
use super::msg::Msg;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Which keys apply: depends on the screen and what has focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Start,
    /// A one-line prompt: organization, import path, export path.
    Prompt,
    /// A question, with a list of options focused.
    Choice,
    /// A question, writing in its answer box.
    Text,
    /// A question, its answer box focused but not being written in (after
    /// Esc): keys move between fields and questions.
    Browse,
    /// The outline has the focus: a list of questions to go to.
    Outline,
    Review,
    /// Asking whether to overwrite an existing file.
    Confirm,
    /// Asking whether to export although required answers are missing.
    ExportAnyway,
    /// The versions of a draft, from the start screen.
    Versions,
    /// A yes-or-no question: delete a draft, restore a version.
    Ask,
    Help,
}

/// One binding.
pub struct Binding {
    pub modes: &'static [Mode],
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
    /// The key as shown to the user.
    pub label: &'static str,
    pub msg: fn() -> Msg,
    /// What it does, for the help screen.
    pub help: &'static str,
    /// Shown in the footer as this (the most useful few per mode).
    pub hint: Option<&'static str>,
}

use Mode::*;
const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;
const ALT: KeyModifiers = KeyModifiers::ALT;
const CTRL_SHIFT: KeyModifiers = KeyModifiers::CONTROL.union(KeyModifiers::SHIFT);
pub(super) const ALL: &[Mode] = &[
    Start,
    Prompt,
    Choice,
    Text,
    Browse,
    Outline,
    Review,
    Confirm,
    ExportAnyway,
    Versions,
    Ask,
    Help,
];
/// On a question, whatever has the focus.
const QUESTION: &[Mode] = &[Choice, Text, Browse];
/// On a question, not writing: letters are keys.
const NAVIGATING: &[Mode] = &[Choice, Browse];
/// Where single letters are keys, not text.
const BROWSING: &[Mode] = &[Start, Choice, Browse, Outline, Review, Versions];
/// Where text is written: an answer box or a one-line prompt.
const EDITING: &[Mode] = &[Text, Prompt];

const fn edit(e: Edit) -> Msg {
    Msg::Edit(e)
}

macro_rules! bind {
    ($modes:expr, $code:expr, $mods:expr, $label:literal, $msg:expr, $help:literal, $hint:expr) => {
        Binding {
            modes: $modes,
            code: $code,
            modifiers: $mods,
            label: $label,
            msg: || $msg,
            help: $help,
            hint: $hint,
        }
    };
}

/// Every binding. Order matters: the first match wins, and hints are shown
/// in this order.
#[rustfmt::skip]
pub const KEYMAP: &[Binding] = &[
    bind!(&[Text], KeyCode::Esc, NONE, "Esc", Msg::Back, "leave the answer box, to move between fields and questions (Enter comes back)", Some("leave")),
    bind!(&[Text], KeyCode::Tab, NONE, "Tab", Msg::NextField, "next field (then next question)", Some("next")),
    bind!(&[Text], KeyCode::Char('r'), CTRL, "Ctrl-R", Msg::Review, "review and export", Some("review")),
    bind!(&[Text], KeyCode::Char('e'), CTRL, "Ctrl-E", Msg::ExternalEditor, "edit in $VISUAL / $EDITOR", Some("editor")),
    bind!(&[Browse], KeyCode::Char('e'), CTRL, "Ctrl-E", Msg::ExternalEditor, "edit in $VISUAL / $EDITOR", None),
    bind!(&[Text], KeyCode::Char('c'), CTRL, "Ctrl-C", Msg::Quit, "quit (answers are saved)", Some("quit")),
    bind!(ALL, KeyCode::Char('c'), CTRL, "Ctrl-C", Msg::Quit, "quit (answers are saved)", None),
    bind!(&[Text], KeyCode::F(1), NONE, "F1", Msg::Help, "all keys", Some("keys")),
    // F1 is help in most programs: it works wherever `?` does too.
    bind!(BROWSING, KeyCode::F(1), NONE, "F1", Msg::Help, "all keys", None),
    bind!(&[Browse], KeyCode::Enter, NONE, "Enter", Msg::Enter, "write in the answer box", Some("write")),
    bind!(&[Outline], KeyCode::Up, NONE, "↑↓", Msg::Up, "choose a question", None),
    bind!(&[Outline], KeyCode::Char('k'), NONE, "k", Msg::Up, "previous question", None),
    bind!(&[Outline], KeyCode::Down, NONE, "↓", Msg::Down, "next question", None),
    bind!(&[Outline], KeyCode::Char('j'), NONE, "j", Msg::Down, "next question", None),
    bind!(&[Outline], KeyCode::Enter, NONE, "Enter", Msg::Enter, "go to the question", Some("go to")),
    bind!(&[Outline], KeyCode::Esc, NONE, "Esc", Msg::Back, "back to the question", Some("back")),
    bind!(&[Outline], KeyCode::Char('o'), NONE, "o", Msg::Back, "back to the question", None),
    bind!(&[Outline], KeyCode::Home, NONE, "Home/End", Msg::FirstQuestion, "first / last question", None),
    bind!(&[Outline], KeyCode::End, NONE, "End", Msg::LastQuestion, "last question", None),
    bind!(&[Outline], KeyCode::Char('g'), NONE, "g", Msg::FirstQuestion, "first question", None),
    bind!(&[Outline], KeyCode::Char('G'), NONE, "G", Msg::LastQuestion, "last question", None),
    bind!(&[Choice], KeyCode::Char(' '), NONE, "Space", Msg::Toggle, "choose / toggle the option", Some("choose")),
    bind!(&[Choice], KeyCode::Up, NONE, "↑↓", Msg::Up, "move between options", None),
    bind!(&[Choice], KeyCode::Char('k'), NONE, "k", Msg::Up, "previous option", None),
    bind!(&[Choice], KeyCode::Down, NONE, "↓", Msg::Down, "next option", None),
    bind!(&[Choice], KeyCode::Char('j'), NONE, "j", Msg::Down, "next option", None),
    bind!(&[Choice], KeyCode::Enter, NONE, "Enter", Msg::Enter, "choose the option (one-answer lists) and go on", None),
    bind!(NAVIGATING, KeyCode::Tab, NONE, "Tab", Msg::NextField, "next field (then next question)", Some("next")),
    bind!(QUESTION, KeyCode::BackTab, SHIFT, "Shift-Tab", Msg::PrevField, "previous field", None),
    bind!(QUESTION, KeyCode::PageDown, NONE, "PgUp/PgDn", Msg::NextQuestion, "previous / next question", Some("questions")),
    bind!(QUESTION, KeyCode::PageUp, NONE, "PgUp", Msg::PrevQuestion, "previous question", None),
    bind!(NAVIGATING, KeyCode::Right, NONE, "→", Msg::NextQuestion, "next question", None),
    bind!(NAVIGATING, KeyCode::Left, NONE, "←", Msg::PrevQuestion, "previous question", None),
    bind!(NAVIGATING, KeyCode::Char('r'), CTRL, "Ctrl-R", Msg::Review, "review and export", None),
    bind!(NAVIGATING, KeyCode::Char('r'), NONE, "r", Msg::Review, "review and export", Some("review")),
    bind!(&[Text], KeyCode::Char('t'), CTRL, "Ctrl-T", Msg::Language, "the other language (questions, translated answer)", Some("lang")),
    bind!(&[Choice, Browse, Outline, Review], KeyCode::Char('l'), NONE, "l", Msg::Language, "the other language (questions, translated answers, report)", Some("lang")),
    bind!(NAVIGATING, KeyCode::Char('t'), CTRL, "Ctrl-T", Msg::Language, "the other language (as l)", None),
    bind!(NAVIGATING, KeyCode::Char('s'), NONE, "s", Msg::SideBySide, "show / hide the source answer beside its translation", None),
    bind!(&[Browse, Review], KeyCode::Char('c'), NONE, "c", Msg::ConfirmTranslation, "keep an outdated translation: the source changed, the translation still holds", None),
    bind!(&[Text], KeyCode::Char('z'), CTRL, "Ctrl-Z", Msg::Undo, "undo, a word at a time", None),
    bind!(&[Text], KeyCode::Char('y'), CTRL, "Ctrl-Y", Msg::Redo, "redo", None),
    bind!(&[Choice, Text, Browse, Outline], KeyCode::Char('o'), CTRL, "Ctrl-O", Msg::ToggleOutline, "show / hide the outline", None),
    bind!(NAVIGATING, KeyCode::Char('o'), NONE, "o", Msg::FocusOutline, "go to the outline (a list of the questions)", None),
    bind!(NAVIGATING, KeyCode::Char('g'), NONE, "g", Msg::FirstQuestion, "first question", None),
    bind!(NAVIGATING, KeyCode::Home, NONE, "Home", Msg::FirstQuestion, "first question", None),
    bind!(NAVIGATING, KeyCode::Char('G'), NONE, "G", Msg::LastQuestion, "last question asked", None),
    bind!(NAVIGATING, KeyCode::End, NONE, "End", Msg::LastQuestion, "last question asked", None),
    // A prompt cut on a small terminal: the answer box keeps its rows.
    bind!(&[Text, Browse], KeyCode::Up, ALT, "Alt-↑↓", Msg::PromptUp, "scroll a field's question when it is cut (…)", None),
    bind!(&[Text, Browse], KeyCode::Down, ALT, "Alt-↓", Msg::PromptDown, "scroll a field's question on", None),
    // Every digit goes to `Digit` (see `lookup`); this entry is the help's.
    bind!(NAVIGATING, KeyCode::Char('1'), NONE, "N Enter", Msg::Digit(1), "go to question number N", None),
    bind!(NAVIGATING, KeyCode::Esc, NONE, "Esc", Msg::Back, "forget a number being typed; on a past version, back to the list", None),
    // Editing, in answer boxes and prompts. Shift with a movement selects.
    bind!(EDITING, KeyCode::Left, NONE, "←→", edit(Edit::go(Move::Left)), "move by character", None),
    bind!(EDITING, KeyCode::Right, NONE, "→", edit(Edit::go(Move::Right)), "next character", None),
    bind!(&[Text], KeyCode::Up, NONE, "↑↓", edit(Edit::go(Move::Up)), "move by line", None),
    bind!(&[Text], KeyCode::Down, NONE, "↓", edit(Edit::go(Move::Down)), "next line", None),
    bind!(EDITING, KeyCode::Left, CTRL, "Ctrl-←/Ctrl-→", edit(Edit::go(Move::WordLeft)), "move by word", None),
    bind!(EDITING, KeyCode::Right, CTRL, "Ctrl-→", edit(Edit::go(Move::WordRight)), "next word", None),
    bind!(EDITING, KeyCode::Char('b'), ALT, "Alt-b/Alt-f", edit(Edit::go(Move::WordLeft)), "move by word (as in a shell)", None),
    bind!(EDITING, KeyCode::Char('f'), ALT, "Alt-f", edit(Edit::go(Move::WordRight)), "next word", None),
    bind!(EDITING, KeyCode::Home, NONE, "Home/End", edit(Edit::go(Move::LineStart)), "start / end of the line", None),
    bind!(EDITING, KeyCode::End, NONE, "End", edit(Edit::go(Move::LineEnd)), "end of the line", None),
    bind!(&[Text], KeyCode::Home, CTRL, "Ctrl-Home/Ctrl-End", edit(Edit::go(Move::Top)), "start / end of the answer", None),
    bind!(&[Text], KeyCode::End, CTRL, "Ctrl-End", edit(Edit::go(Move::Bottom)), "end of the answer", None),
    bind!(EDITING, KeyCode::Left, SHIFT, "Shift-←/Shift-→", edit(Edit::select(Move::Left)), "select by character (Shift with ↑↓, Home, End, Ctrl-←→ selects by line, to the line's ends, by word)", None),
    bind!(EDITING, KeyCode::Right, SHIFT, "Shift-→", edit(Edit::select(Move::Right)), "select", None),
    bind!(&[Text], KeyCode::Up, SHIFT, "Shift-↑", edit(Edit::select(Move::Up)), "select", None),
    bind!(&[Text], KeyCode::Down, SHIFT, "Shift-↓", edit(Edit::select(Move::Down)), "select", None),
    bind!(EDITING, KeyCode::Home, SHIFT, "Shift-Home", edit(Edit::select(Move::LineStart)), "select", None),
    bind!(EDITING, KeyCode::End, SHIFT, "Shift-End", edit(Edit::select(Move::LineEnd)), "select", None),
    bind!(EDITING, KeyCode::Left, CTRL_SHIFT, "Ctrl-Shift-←", edit(Edit::select(Move::WordLeft)), "select", None),
    bind!(EDITING, KeyCode::Right, CTRL_SHIFT, "Ctrl-Shift-→", edit(Edit::select(Move::WordRight)), "select", None),
    bind!(&[Text], KeyCode::Home, CTRL_SHIFT, "Ctrl-Shift-Home", edit(Edit::select(Move::Top)), "select", None),
    bind!(&[Text], KeyCode::End, CTRL_SHIFT, "Ctrl-Shift-End", edit(Edit::select(Move::Bottom)), "select", None),
    bind!(EDITING, KeyCode::Char('a'), CTRL, "Ctrl-A", edit(Edit::SelectAll), "select everything (typing then replaces it)", None),
    bind!(EDITING, KeyCode::Backspace, NONE, "Backspace", edit(Edit::Backspace), "delete the character before (or the selection)", None),
    bind!(EDITING, KeyCode::Char('h'), CTRL, "Ctrl-H", edit(Edit::Backspace), "delete the character before", None),
    bind!(EDITING, KeyCode::Delete, NONE, "Delete", edit(Edit::Delete), "delete the character after (or the selection)", None),
    bind!(EDITING, KeyCode::Char('w'), CTRL, "Ctrl-W", edit(Edit::DeleteWordBefore), "delete the word before", None),
    bind!(EDITING, KeyCode::Backspace, ALT, "Alt-Backspace", edit(Edit::DeleteWordBefore), "delete the word before", None),
    bind!(EDITING, KeyCode::Char('d'), ALT, "Alt-d", edit(Edit::DeleteWordAfter), "delete the word after", None),
    bind!(EDITING, KeyCode::Delete, CTRL, "Ctrl-Delete", edit(Edit::DeleteWordAfter), "delete the word after", None),
    bind!(EDITING, KeyCode::Char('k'), CTRL, "Ctrl-K", edit(Edit::DeleteToLineEnd), "delete to the end of the line", None),
    bind!(EDITING, KeyCode::Char('u'), CTRL, "Ctrl-U", edit(Edit::DeleteToLineStart), "delete to the start of the line", None),
    bind!(EDITING, KeyCode::Char('l'), CTRL, "Ctrl-L", edit(Edit::Clear), "clear the field (Ctrl-Z brings it back)", None),
    bind!(&[Text], KeyCode::Enter, NONE, "Enter", Msg::Key(KeyEvent::new(KeyCode::Enter, NONE)), "new line (a blank line between paragraphs)", None),
    // Terminals send Ctrl-J (line feed) for a new line, and at a hang-up.
    bind!(&[Text], KeyCode::Char('j'), CTRL, "Ctrl-J", Msg::Key(KeyEvent::new(KeyCode::Enter, NONE)), "new line", None),
    bind!(&[Prompt], KeyCode::Char('j'), CTRL, "Ctrl-J", Msg::Enter, "accept", None),
    bind!(&[Start], KeyCode::Up, NONE, "↑↓", Msg::Up, "choose a draft", None),
    bind!(&[Start], KeyCode::Down, NONE, "↓", Msg::Down, "next draft", None),
    bind!(&[Start], KeyCode::Enter, NONE, "Enter", Msg::Enter, "resume the draft", Some("resume")),
    bind!(&[Start], KeyCode::Char('n'), NONE, "n", Msg::New, "new assessment", Some("new")),
    bind!(&[Start], KeyCode::Char('i'), NONE, "i", Msg::Import, "import a published report", Some("import")),
    bind!(&[Start], KeyCode::Char('d'), NONE, "d", Msg::Delete, "move the draft to the trash (asks first; u undoes)", Some("delete")),
    bind!(&[Start], KeyCode::Delete, NONE, "Delete", Msg::Delete, "move the draft to the trash", None),
    bind!(&[Start], KeyCode::Char('u'), NONE, "u", Msg::Undo, "undo: bring back the draft just moved to the trash", None),
    bind!(&[Start], KeyCode::Char('r'), NONE, "r", Msg::Rename, "rename the draft: its id (the organization, an answer, stays)", Some("rename")),
    bind!(&[Start], KeyCode::Char('v'), NONE, "v", Msg::Versions, "earlier versions of the draft, with what each changed", Some("versions")),
    bind!(&[Versions], KeyCode::Up, NONE, "↑↓", Msg::Up, "choose a version", None),
    bind!(&[Versions], KeyCode::Down, NONE, "↓", Msg::Down, "next version", None),
    bind!(&[Versions], KeyCode::Enter, NONE, "Enter", Msg::Enter, "open the version, read-only (Esc comes back here)", Some("open")),
    bind!(&[Versions], KeyCode::Char('r'), NONE, "r", Msg::Restore, "make it the current draft (asks; the current one is kept)", Some("restore")),
    bind!(&[Versions], KeyCode::Esc, NONE, "Esc", Msg::Back, "back to the drafts", Some("back")),
    bind!(&[Ask], KeyCode::Char('y'), NONE, "y", Msg::Enter, "yes", Some("yes")),
    bind!(&[Ask], KeyCode::Char('n'), NONE, "n", Msg::Back, "no", Some("no")),
    bind!(&[Ask], KeyCode::Esc, NONE, "Esc", Msg::Back, "no", None),
    bind!(&[Review], KeyCode::Up, NONE, "↑↓", Msg::Up, "choose an item of the list", None),
    bind!(&[Review], KeyCode::Down, NONE, "↓", Msg::Down, "next item", None),
    bind!(&[Review], KeyCode::Enter, NONE, "Enter", Msg::Enter, "go to that answer", Some("go to")),
    bind!(&[Review], KeyCode::PageDown, NONE, "PgDn", Msg::ScrollDown, "scroll the report", Some("scroll")),
    bind!(&[Review], KeyCode::PageUp, NONE, "PgUp", Msg::ScrollUp, "scroll the report back", None),
    bind!(&[Review], KeyCode::Char('e'), NONE, "e", Msg::Export, "export the report", Some("export")),
    bind!(&[Review], KeyCode::Char('d'), NONE, "d", Msg::Discard, "discard the selected answer set aside (the history keeps it)", None),
    bind!(&[Review], KeyCode::Esc, NONE, "Esc", Msg::Back, "back to the questions", Some("back")),
    bind!(&[Prompt], KeyCode::Enter, NONE, "Enter", Msg::Enter, "accept", Some("accept")),
    bind!(&[Prompt], KeyCode::Esc, NONE, "Esc", Msg::Back, "cancel", Some("cancel")),
    bind!(&[Prompt], KeyCode::Tab, NONE, "Tab", Msg::Complete, "complete a file path (the choices are listed)", None),
    bind!(&[Confirm], KeyCode::Char('y'), NONE, "y", Msg::Enter, "yes, replace the file", Some("replace")),
    bind!(&[Confirm], KeyCode::Char('n'), NONE, "n", Msg::Back, "no, keep it", Some("keep")),
    bind!(&[Confirm], KeyCode::Esc, NONE, "Esc", Msg::Back, "no, keep it", None),
    bind!(&[ExportAnyway], KeyCode::Char('y'), NONE, "y", Msg::Enter, "yes, export anyway (incomplete)", Some("export anyway")),
    bind!(&[ExportAnyway], KeyCode::Char('n'), NONE, "n", Msg::Back, "no, back to the review", Some("back")),
    bind!(&[ExportAnyway], KeyCode::Esc, NONE, "Esc", Msg::Back, "no, back to the review", None),
    bind!(&[Help], KeyCode::Up, NONE, "↑↓", Msg::Up, "scroll the help", None),
    bind!(&[Help], KeyCode::Down, NONE, "↓", Msg::Down, "scroll the help", None),
    bind!(&[Help], KeyCode::PageDown, NONE, "PgDn", Msg::ScrollDown, "scroll a page", Some("scroll")),
    bind!(&[Help], KeyCode::PageUp, NONE, "PgUp", Msg::ScrollUp, "scroll a page back", None),
    bind!(&[Help], KeyCode::Esc, NONE, "Esc", Msg::Help, "close the help", Some("close")),
    bind!(&[Help], KeyCode::Char('?'), NONE, "?", Msg::Help, "close the help", None),
    bind!(&[Help], KeyCode::Char('q'), NONE, "q", Msg::Help, "close the help", None),
    bind!(BROWSING, KeyCode::Char('?'), NONE, "?", Msg::Help, "all keys", Some("keys")),
    bind!(BROWSING, KeyCode::Char('q'), NONE, "q", Msg::Quit, "quit (answers are saved)", Some("quit")),
];

/// The message for a key in a mode, if the key map has one.
pub fn lookup(mode: Mode, key: &KeyEvent) -> Option<Msg> {
    // Shift is part of the character for printable keys ('?' is Shift-/).
    let mods = match key.code {
        KeyCode::Char(_) => key.modifiers - KeyModifiers::SHIFT,
        _ => key.modifiers,
    };
    if matches!(mode, Choice | Browse)
        && mods.is_empty()
        && let KeyCode::Char(c @ '0'..='9') = key.code
    {
        return Some(Msg::Digit(c as u8 - b'0'));
    }
    KEYMAP
        .iter()
        .find(|b| b.modes.contains(&mode) && b.code == key.code && b.modifiers == mods)
        .map(|b| (b.msg)())
}

/// A key's name as help writes it: `Ctrl-Q`, `Alt-x`, `F5`, `x`.
pub fn name(key: &KeyEvent) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_owned(),
        // Written as help writes them: Ctrl-Q, Alt-b.
        KeyCode::Char(c) if key.modifiers.contains(CTRL) => c.to_ascii_uppercase().to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::BackTab => "Shift-Tab".into(),
        code => format!("{code:?}"),
    };
    let mut out = String::new();
    for (m, label) in [(CTRL, "Ctrl-"), (ALT, "Alt-")] {
        if key.modifiers.contains(m) {
            out.push_str(label);
        }
    }
    if key.modifiers.contains(SHIFT) && !matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
        out.push_str("Shift-");
    }
    out.push_str(&base);
    out
}

/// Whether a binding is about languages, which mean nothing (and are not
/// hinted) when the questionnaire has one.
pub fn about_languages(b: &Binding) -> bool {
    matches!(
        (b.msg)(),
        Msg::Language | Msg::SideBySide | Msg::ConfirmTranslation
    )
}

/// The footer hints of a mode: `(key, what)`; the language keys only when
/// the questionnaire has several languages.
pub fn hints(mode: Mode, bilingual: bool) -> Vec<(&'static str, &'static str)> {
    KEYMAP
        .iter()
        .filter(|b| b.modes.contains(&mode))
        .filter(|b| bilingual || !about_languages(b))
        .filter_map(|b| b.hint.map(|h| (b.label, h)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn q_quits_outside_text_and_types_inside() {
        let q = key(KeyCode::Char('q'), NONE);
        assert_eq!(lookup(Choice, &q), Some(Msg::Quit));
        assert_eq!(lookup(Text, &q), None, "q is text in an editor");
        assert_eq!(lookup(Prompt, &q), None);
        assert_eq!(lookup(Help, &q), Some(Msg::Help));
    }

    #[test]
    fn ctrl_c_quits_everywhere() {
        for mode in ALL {
            assert_eq!(
                lookup(*mode, &key(KeyCode::Char('c'), CTRL)),
                Some(Msg::Quit)
            );
        }
    }

    #[test]
    fn f1_opens_the_help_wherever_a_letter_is_not_text() {
        for mode in [Start, Choice, Text, Browse, Outline, Review] {
            assert_eq!(
                lookup(mode, &key(KeyCode::F(1), NONE)),
                Some(Msg::Help),
                "{mode:?}"
            );
        }
    }

    #[test]
    fn editing_keys_are_the_key_maps_and_not_the_text_areas() {
        // Ctrl-J is a new line, never the text area's "delete to line start".
        assert!(
            matches!(lookup(Text, &key(KeyCode::Char('j'), CTRL)), Some(Msg::Key(k)) if k.code == KeyCode::Enter)
        );
        assert_eq!(
            lookup(Text, &key(KeyCode::Char('a'), CTRL)),
            Some(Msg::Edit(Edit::SelectAll))
        );
        assert_eq!(
            lookup(Prompt, &key(KeyCode::Char('l'), CTRL)),
            Some(Msg::Edit(Edit::Clear))
        );
        assert_eq!(
            lookup(Text, &key(KeyCode::Left, CTRL_SHIFT)),
            Some(Msg::Edit(Edit::select(Move::WordLeft)))
        );
        assert_eq!(lookup(Text, &key(KeyCode::Esc, NONE)), Some(Msg::Back));
        // A key the map does not know is not bound to anything.
        assert_eq!(lookup(Text, &key(KeyCode::Char('q'), CTRL)), None);
    }

    #[test]
    fn keys_are_named_as_help_writes_them() {
        assert_eq!(name(&key(KeyCode::Char('q'), CTRL)), "Ctrl-Q");
        assert_eq!(name(&key(KeyCode::F(5), NONE)), "F5");
        assert_eq!(name(&key(KeyCode::Left, ALT | SHIFT)), "Alt-Shift-←");
    }

    #[test]
    fn question_mark_is_found_with_shift() {
        assert_eq!(
            lookup(Choice, &key(KeyCode::Char('?'), SHIFT)),
            Some(Msg::Help)
        );
    }

    #[test]
    fn every_mode_has_hints_and_a_way_out() {
        for mode in ALL {
            assert!(!hints(*mode, false).is_empty(), "{mode:?} has no hints");
            let out = KEYMAP.iter().any(|b| {
                b.modes.contains(mode) && matches!((b.msg)(), Msg::Quit | Msg::Back | Msg::Help)
            });
            assert!(out, "{mode:?} has no way out");
        }
    }
}
