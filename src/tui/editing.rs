//! Editing keys: what the key map's editing messages do to a text field
//! (an answer box or a one-line prompt).
//!
//! The text area's own key handling is not used: every key that edits goes
//! through the one key map, so that help lists it and no binding the map
//! does not know can act (the text area's Ctrl-J deleted the line before
//! the cursor: terminals send Ctrl-J for a new line).

use super::editor::Group;
use super::model::Editor;
use ratatui_textarea::{CursorMove, TextArea};

/// Where a cursor movement goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    Left,
    Right,
    Up,
    Down,
    WordLeft,
    WordRight,
    LineStart,
    LineEnd,
    /// The start or end of the whole text.
    Top,
    Bottom,
}

/// One editing action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Edit {
    /// Move the cursor; `select` extends the selection (Shift).
    Move {
        to: Move,
        select: bool,
    },
    /// Delete the selection, else the character before the cursor.
    Backspace,
    /// Delete the selection, else the character after the cursor.
    Delete,
    DeleteWordBefore,
    DeleteWordAfter,
    DeleteToLineEnd,
    DeleteToLineStart,
    /// Select the whole text.
    SelectAll,
    /// Empty the field (one undo step).
    Clear,
}

impl Edit {
    pub const fn go(to: Move) -> Self {
        Edit::Move { to, select: false }
    }

    pub const fn select(to: Move) -> Self {
        Edit::Move { to, select: true }
    }

    /// Whether it can change the text (and so must not reach a draft open
    /// read-only).
    pub fn modifies(self) -> bool {
        !matches!(self, Edit::Move { .. } | Edit::SelectAll)
    }
}

/// Applies `edit` to a text area; returns whether the text changed.
pub fn apply(area: &mut TextArea<'static>, edit: Edit) -> bool {
    match edit {
        Edit::Move { to, select } => {
            if select && !area.is_selecting() {
                area.start_selection();
            } else if !select {
                area.cancel_selection();
            }
            area.move_cursor(cursor_move(to));
            false
        }
        Edit::Backspace => area.delete_char(),
        Edit::Delete => area.delete_next_char(),
        Edit::DeleteWordBefore => delete_selection_or(area, TextArea::delete_word),
        Edit::DeleteWordAfter => delete_selection_or(area, TextArea::delete_next_word),
        Edit::DeleteToLineEnd => delete_selection_or(area, TextArea::delete_line_by_end),
        Edit::DeleteToLineStart => delete_selection_or(area, TextArea::delete_line_by_head),
        Edit::SelectAll => {
            area.select_all();
            false
        }
        Edit::Clear => {
            area.cancel_selection();
            area.clear()
        }
    }
}

/// A selection is deleted first, as Backspace does: a word deletion with
/// text selected would otherwise act beside the selection.
fn delete_selection_or(
    area: &mut TextArea<'static>,
    delete: fn(&mut TextArea<'static>) -> bool,
) -> bool {
    if area.is_selecting() && area.selection_range().is_some_and(|(a, b)| a != b) {
        return area.cut();
    }
    area.cancel_selection();
    delete(area)
}

fn cursor_move(to: Move) -> CursorMove {
    match to {
        Move::Left => CursorMove::Back,
        Move::Right => CursorMove::Forward,
        Move::Up => CursorMove::Up,
        Move::Down => CursorMove::Down,
        Move::WordLeft => CursorMove::WordBack,
        Move::WordRight => CursorMove::WordForward,
        Move::LineStart => CursorMove::Head,
        Move::LineEnd => CursorMove::End,
        Move::Top => CursorMove::Top,
        Move::Bottom => CursorMove::Bottom,
    }
}

/// Applies `edit` to an answer box. A long answer is edited through a
/// window of its lines, so what concerns the whole text (its start and end,
/// select all, clear) is done on the whole text, never on the window alone.
/// Returns whether the text changed, or `Err` with why it cannot be done.
pub fn apply_to_answer(editor: &mut Editor, edit: Edit) -> Result<bool, &'static str> {
    if !editor.is_windowed() {
        return Ok(in_window(editor, edit));
    }
    match edit {
        Edit::Clear => {
            let changed = !editor.text().is_empty();
            if changed {
                editor.replace_whole("");
            }
            Ok(changed)
        }
        Edit::SelectAll => Err(
            "This answer is too long to select at once; Ctrl-L clears it (Ctrl-Z brings it back), Ctrl-E opens it in your editor.",
        ),
        Edit::Move {
            to: to @ (Move::Top | Move::Bottom),
            select: false,
        } => {
            editor.go_to_end(to == Move::Bottom);
            Ok(false)
        }
        Edit::Move {
            to: Move::Top | Move::Bottom,
            select: true,
        } => Err(
            "This answer is too long to select to its start or end; select by lines, or Ctrl-E opens it in your editor.",
        ),
        // Inside a line too long for the window, its start and end are
        // the whole line's, not the window's.
        Edit::Move {
            to: to @ (Move::LineStart | Move::LineEnd),
            select: false,
        } if editor.cuts_cursor_line() => {
            editor.go_to_line_edge(to == Move::LineEnd);
            Ok(false)
        }
        Edit::DeleteToLineEnd | Edit::DeleteToLineStart
            if editor.cuts_cursor_line() && !editor.area.is_selecting() =>
        {
            Ok(editor.delete_to_line_edge(edit == Edit::DeleteToLineEnd))
        }
        edit => Ok(in_window(editor, edit)),
    }
}

/// Applies `edit` to what the editor's window holds; an edit that
/// changes the text is recorded for undo.
fn in_window(editor: &mut Editor, edit: Edit) -> bool {
    if edit.modifies() {
        editor.change(group(edit), |area| apply(area, edit))
    } else {
        apply(&mut editor.area, edit)
    }
}

/// How an edit joins the one before it in the undo history.
fn group(edit: Edit) -> Group {
    match edit {
        Edit::Backspace | Edit::Delete => Group::Deleting,
        _ => Group::Alone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::FieldKey;
    use rstest::rstest;

    fn area(text: &str) -> TextArea<'static> {
        let mut a = TextArea::new(text.split('\n').map(str::to_owned).collect());
        a.move_cursor(CursorMove::Bottom);
        a.move_cursor(CursorMove::End);
        a
    }

    fn text(a: &TextArea) -> String {
        a.lines().join("\n")
    }

    #[rstest]
    #[case::word_before(Edit::DeleteWordBefore, "one two three", "one two ")]
    #[case::to_line_start(Edit::DeleteToLineStart, "keep\none two", "keep\n")]
    #[case::backspace(Edit::Backspace, "abc", "ab")]
    #[case::clear(Edit::Clear, "a\nb\nc", "")]
    fn deletions_at_the_end_of_the_text(
        #[case] edit: Edit,
        #[case] before: &str,
        #[case] after: &str,
    ) {
        let mut a = area(before);
        assert!(apply(&mut a, edit));
        assert_eq!(text(&a), after);
    }

    #[test]
    fn select_all_then_typing_replaces_the_whole_text() {
        let mut a = area("first\nsecond");
        apply(&mut a, Edit::SelectAll);
        a.insert_str("new");
        assert_eq!(text(&a), "new");
    }

    #[test]
    fn shift_moves_select_and_a_word_deletion_takes_the_selection() {
        let mut a = area("one two three");
        apply(&mut a, Edit::go(Move::LineStart));
        apply(&mut a, Edit::select(Move::WordRight));
        assert!(apply(&mut a, Edit::DeleteWordAfter));
        assert_eq!(text(&a), "two three");
    }

    #[test]
    fn a_plain_move_ends_the_selection() {
        let mut a = area("one two");
        apply(&mut a, Edit::select(Move::WordLeft));
        apply(&mut a, Edit::go(Move::LineEnd));
        assert!(!a.is_selecting());
        assert!(apply(&mut a, Edit::Backspace));
        assert_eq!(text(&a), "one tw");
    }

    #[test]
    fn clearing_is_one_undo_step() {
        let mut e = Editor::new(FieldKey::main("q8"), "a\nb");
        assert_eq!(apply_to_answer(&mut e, Edit::Clear), Ok(true));
        assert_eq!(e.text(), "");
        assert!(e.undo());
        assert_eq!(e.text(), "a\nb");
        assert!(!e.undo(), "one step only");
        assert!(e.redo());
        assert_eq!(e.text(), "");
    }

    /// One paragraph of about 100 KB, the cursor in its middle.
    fn one_paragraph() -> (Editor, String) {
        let text = "word ".repeat(20_000);
        let mut e = Editor::new(FieldKey::main("q8"), &text);
        e.note_drawn(100, 20);
        for _ in 0..3000 {
            apply_to_answer(&mut e, Edit::go(Move::WordLeft)).unwrap();
            e.follow_cursor();
        }
        assert!(
            e.cuts_cursor_line(),
            "the test needs a line cut by the window"
        );
        (e, text)
    }

    #[rstest]
    #[case::to_line_end(Edit::DeleteToLineEnd)]
    #[case::to_line_start(Edit::DeleteToLineStart)]
    fn deleting_to_a_line_edge_reaches_past_the_window(#[case] edit: Edit) {
        let (mut e, text) = one_paragraph();
        let at = e.cursor_byte();
        assert_eq!(apply_to_answer(&mut e, edit), Ok(true));
        let kept = if edit == Edit::DeleteToLineEnd {
            &text[..at]
        } else {
            &text[at..]
        };
        assert_eq!(e.text(), kept);
        assert!(e.undo());
        assert_eq!(e.text(), text);
        assert_eq!(e.cursor_byte(), at);
    }

    #[test]
    fn an_external_edit_of_a_long_answer_is_one_undo_step() {
        let (mut e, text) = one_paragraph();
        let edited = format!("{}\n\n- added in the editor\n", text.trim_end());
        e.replace_from_external(&edited);
        assert_eq!(e.text(), edited);
        assert!(e.undo());
        assert_eq!(e.text(), text);
        assert!(!e.undo(), "one step");
        assert!(e.redo());
        assert_eq!(e.text(), edited);
    }

    #[test]
    fn undo_reaches_past_moves_of_the_window() {
        let (mut e, text) = one_paragraph();
        let mut expected = text.clone();
        let at = e.cursor_byte();
        expected.insert_str(at, "near ");
        for c in "near ".chars() {
            e.change(Group::Typing, |a| {
                a.insert_char(c);
                true
            });
        }
        // Far away, past several windows, and back.
        apply_to_answer(&mut e, Edit::go(Move::Top)).unwrap();
        e.follow_cursor();
        assert!(e.change(Group::Alone, |a| a.insert_str("far ")));
        assert_eq!(e.text(), format!("far {expected}"));
        assert!(e.undo());
        assert_eq!(e.text(), expected);
        assert!(e.undo());
        assert_eq!(e.text(), text);
        assert_eq!(
            e.cursor_byte(),
            at,
            "the cursor is back where the text was typed"
        );
        assert!(e.redo() && e.redo());
        assert_eq!(e.text(), format!("far {expected}"));
    }

    fn long_answer() -> String {
        (0..400)
            .map(|i| format!("Paragraph {i}: {}", "words ".repeat(30)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn a_long_answer_is_cleared_whole_and_undo_brings_it_back_whole() {
        let text = long_answer();
        let mut e = Editor::new(FieldKey::main("q8"), &text);
        assert!(e.is_windowed(), "the test needs a windowed answer");
        assert_eq!(apply_to_answer(&mut e, Edit::Clear), Ok(true));
        assert_eq!(e.text(), "");
        assert!(e.undo());
        assert_eq!(e.text(), text);
    }

    #[test]
    fn a_long_answer_goes_to_its_very_start_and_end() {
        let text = long_answer();
        let mut e = Editor::new(FieldKey::main("q8"), &text);
        apply_to_answer(&mut e, Edit::go(Move::Top)).unwrap();
        e.area.insert_str(">");
        apply_to_answer(&mut e, Edit::go(Move::Bottom)).unwrap();
        e.area.insert_str("<");
        assert_eq!(e.text(), format!(">{text}<"));
    }

    #[test]
    fn a_long_answer_is_never_selected_in_part_as_if_whole() {
        let mut e = Editor::new(FieldKey::main("q8"), &long_answer());
        assert!(apply_to_answer(&mut e, Edit::SelectAll).is_err());
        assert!(apply_to_answer(&mut e, Edit::select(Move::Top)).is_err());
        assert!(!e.area.is_selecting());
    }
}
