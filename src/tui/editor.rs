//! The text editor of the focused text field: ratatui-textarea holding the
//! part of the answer around the cursor, the rest kept beside it.

use crate::answers::FieldKey;
use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{TextArea, WrapMode};

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

/// The text written for the external editor: with a final newline, so that
/// a line the editor appends is not glued to the last one.
pub fn for_external_editor(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

/// The text read back from the external editor, less the final newline
/// that editors add.
pub fn from_external_editor(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    // A word wider than the box (a long URL) is broken across lines rather
    // than cut at the edge with the cursor in it.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
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
        let before = self.text();
        self.swap_text(text);
        self.before_external = Some(before);
        self.after_external = None;
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

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[test]
    fn the_cursor_reaches_the_end_of_a_line_longer_than_65535_characters() {
        let line = "word ".repeat(14_000);
        let e = Editor::new(FieldKey::main("q8"), &line);
        let ratatui_textarea::DataCursor(row, col) = e.area.cursor();
        assert_eq!((row, col), (0, line.chars().count()));
    }

    #[rstest]
    #[case("", "")]
    #[case("one", "one\n")]
    #[case("- a\n- b", "- a\n- b\n")]
    #[case("ends\n", "ends\n")]
    fn the_external_editor_gets_a_final_newline_and_it_is_taken_back(
        #[case] text: &str,
        #[case] written: &str,
    ) {
        assert_eq!(for_external_editor(text), written);
        let back = from_external_editor(written);
        assert_eq!(back, text.strip_suffix('\n').unwrap_or(text));
        assert_eq!(from_external_editor("crlf\r\n"), "crlf");
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
