//! The text editor of the focused text field: ratatui-textarea holding the
//! part of the answer around the cursor, the rest kept beside it.

use crate::answers::FieldKey;
use chrono::{DateTime, FixedOffset};
use ratatui_textarea::{TextArea, WrapMode};
use std::cell::Cell;

mod history;
pub use history::Group;
use history::{Change, History};

/// An answer longer than this, in characters, is edited through a window
/// around the cursor (three boxes full, for a larger box): the text editor
/// re-wraps all the text it holds on every keystroke, so what it holds is
/// kept small, even inside one long paragraph or word.
pub const EDITOR_WINDOW_BYTES: usize = 2 * 1024;

/// The text editor of the focused text field.
#[derive(Debug)]
pub struct Editor {
    pub key: FieldKey,
    /// The window being edited: the whole answer is `above`, the editor's
    /// lines joined by line feeds, then `below`.
    pub area: TextArea<'static>,
    /// The answer before and after the window. A window starts either at a
    /// line's start or, inside a line too long to hold whole, where a row
    /// of that line starts when wrapped at `cut_width`, so that it wraps
    /// as the whole line would.
    above: String,
    below: String,
    /// The width the window's start was cut for.
    cut_width: u16,
    /// The size of the answer box (inside its borders) when last drawn.
    drawn: Cell<(u16, u16)>,
    /// Where rows start in the line the window starts inside, found when
    /// cutting it: the text before the window does not change while the
    /// window stays, so moving the window again wraps only what is new.
    rows: RowStarts,
    /// The text as last committed to the answers.
    pub committed: String,
    /// Since when the text has changes not committed (the first of them).
    pub unsaved_since: Option<DateTime<FixedOffset>>,
    /// Undo and redo, at offsets in the whole answer: the text area's own
    /// history would not survive a move of the window.
    history: History,
    /// How many rows of the field's prompt are scrolled away, when the
    /// prompt is cut to leave the box its rows (small terminals).
    pub prompt_scroll: u16,
    /// The rows of the prompt and the rows it was given, when last drawn.
    prompt_drawn: Cell<(u16, u16)>,
}

pub use crate::external_editor::{for_external_editor, from_external_editor};

/// How many fields left during a session keep their undo history.
const KEPT_HISTORIES: usize = 16;

/// The undo histories of the text fields left during the session, by
/// language and field, each with the text it ends at: coming back to a
/// field whose text is still that one, undo takes back what was typed
/// there before (the editor is made anew for each field).
#[derive(Debug, Default)]
pub struct Histories(Vec<Left>);

#[derive(Debug)]
struct Left {
    language: String,
    key: FieldKey,
    /// The text the history ends at, as its length and hash: the answer
    /// itself need not be kept twice (each step checks its text again
    /// when applied).
    text: (usize, u64),
    history: History,
}

fn fingerprint(text: &str) -> (usize, u64) {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    (text.len(), h.finish())
}

impl Histories {
    /// Keeps the history of `editor`, a field in `language` being left.
    pub fn keep(&mut self, language: &str, editor: Editor) {
        if editor.history.is_empty() {
            return;
        }
        let text = fingerprint(&editor.text());
        let Editor {
            key, mut history, ..
        } = editor;
        // What is typed on coming back is a step of its own.
        history.seal();
        self.0.retain(|l| !(l.language == language && l.key == key));
        self.0.push(Left {
            language: language.to_owned(),
            key,
            text,
            history,
        });
        // Bounded as one field's history is, whatever the number of fields.
        let bytes = |all: &[Left]| all.iter().map(|l| l.history.bytes()).sum::<usize>();
        while self.0.len() > KEPT_HISTORIES
            || (self.0.len() > 1 && bytes(&self.0) > history::MAX_BYTES)
        {
            self.0.remove(0);
        }
    }

    /// An editor on `text` for field `key` in `language`, with the history
    /// kept for it if its text is still the one the history ends at (an
    /// import, a restored version or another front end may have changed it).
    pub fn editor(&mut self, language: &str, key: FieldKey, text: &str) -> Editor {
        let mut editor = Editor::new(key, text);
        if let Some(i) = self
            .0
            .iter()
            .position(|l| l.language == language && l.key == editor.key)
        {
            let left = self.0.remove(i);
            if left.text == fingerprint(text) {
                editor.history = left.history;
            }
        }
        editor
    }
}

fn text_area(lines: Vec<String>) -> TextArea<'static> {
    let mut area = TextArea::new(lines);
    // A word wider than the box (a long URL) is broken across lines rather
    // than cut at the edge with the cursor in it.
    area.set_wrap_mode(WrapMode::WordOrGlyph);
    area.set_cursor_line_style(ratatui::style::Style::default());
    // The terminal's own cursor is placed there (see `view::place_cursor`):
    // screen readers and input methods follow it, not a reversed cell.
    area.set_cursor_style(ratatui::style::Style::default());
    // The editor keeps the history (`History`).
    area.set_max_histories(0);
    area
}

impl Editor {
    /// An editor on `text`, the cursor at its end.
    pub fn new(key: FieldKey, text: &str) -> Self {
        let mut editor = Self {
            key,
            area: text_area(vec![String::new()]),
            above: String::new(),
            below: String::new(),
            cut_width: 0,
            drawn: Cell::new((0, 0)),
            rows: RowStarts::default(),
            committed: text.to_owned(),
            unsaved_since: None,
            history: History::default(),
            prompt_scroll: 0,
            prompt_drawn: Cell::new((0, 0)),
        };
        editor.place(text.to_owned(), text.len());
        editor
    }

    /// Replaces the text with what the external editor returned, as one
    /// step that undo takes back.
    pub fn replace_from_external(&mut self, text: &str) {
        self.replace_whole(text);
    }

    /// Replaces the whole text as one step that undo takes back (an
    /// external edit, clearing a long answer); the cursor goes to its end.
    pub fn replace_whole(&mut self, text: &str) {
        let before = self.text();
        let cursor = self.cursor_byte();
        if let Some(change) = Change::between(&before, text, 0, (cursor, text.len())) {
            self.history.record(change, Group::Alone);
        }
        self.set_text(text.to_owned(), text.len());
    }

    /// Applies `edit` to the window, recorded as a change undo takes back
    /// (joined to the one before it as `group` says). Returns whether the
    /// text changed.
    pub fn change(
        &mut self,
        group: Group,
        edit: impl FnOnce(&mut TextArea<'static>) -> bool,
    ) -> bool {
        let before = self.held();
        let cursor_before = self.cursor_byte();
        if !edit(&mut self.area) {
            return false;
        }
        let cursors = (cursor_before, self.cursor_byte());
        if let Some(change) = Change::between(&before, &self.held(), self.above.len(), cursors) {
            self.history.record(change, group);
        }
        true
    }

    /// Deletes from the cursor to the end or start of its line in the whole
    /// answer, not of the part of it the window holds (Ctrl-K, Ctrl-U in a
    /// paragraph longer than the window). At the edge already, the line
    /// break goes, as in the text area.
    pub fn delete_to_line_edge(&mut self, end: bool) -> bool {
        let mut text = self.text();
        let at = self.cursor_byte();
        let (lo, hi) = if end {
            let hi = text[at..].find('\n').map_or(text.len(), |i| at + i);
            (
                at,
                if hi == at {
                    (at + 1).min(text.len())
                } else {
                    hi
                },
            )
        } else {
            let lo = text[..at].rfind('\n').map_or(0, |i| i + 1);
            (if lo == at { at.saturating_sub(1) } else { lo }, at)
        };
        if lo == hi {
            return false;
        }
        self.history.record(
            Change {
                at: lo,
                removed: text[lo..hi].to_owned(),
                inserted: String::new(),
                cursor_before: at,
                cursor_after: lo,
            },
            Group::Alone,
        );
        text.replace_range(lo..hi, "");
        self.set_text(text, lo);
        true
    }

    /// Whether the answer is long enough to be edited through a window.
    pub fn is_windowed(&self) -> bool {
        !self.above.is_empty() || !self.below.is_empty()
    }

    /// Whether the cursor's line goes on past an edge of the window (a
    /// line too long to hold whole).
    pub fn cuts_cursor_line(&self) -> bool {
        let ratatui_textarea::DataCursor(row, _) = self.area.cursor();
        (row == 0 && self.starts_mid_line())
            || (row + 1 == self.area.lines().len()
                && !self.below.is_empty()
                && !self.below.starts_with('\n'))
    }

    /// Puts the cursor at the start or end of its line in the whole
    /// answer, not of the part of it the window holds.
    pub fn go_to_line_edge(&mut self, end: bool) {
        let text = self.text();
        let at = self.cursor_byte();
        let to = if end {
            text[at..].find('\n').map_or(text.len(), |i| at + i)
        } else {
            text[..at].rfind('\n').map_or(0, |i| i + 1)
        };
        self.place(text, to);
    }

    /// Puts the cursor at the very start or end of the whole answer.
    pub fn go_to_end(&mut self, end: bool) {
        let text = self.text();
        let at = if end { text.len() } else { 0 };
        self.place(text, at);
    }

    /// Puts `text` in the editor, the cursor at byte `cursor`: the text
    /// has changed, so what was known of where its rows start is not.
    fn set_text(&mut self, text: String, cursor: usize) {
        self.rows = RowStarts::default();
        self.place(text, cursor);
    }

    /// Undoes the last change; returns whether there was one.
    pub fn undo(&mut self) -> bool {
        self.step(false)
    }

    /// Redoes what [`Editor::undo`] undid.
    pub fn redo(&mut self) -> bool {
        self.step(true)
    }

    fn step(&mut self, forward: bool) -> bool {
        let change = if forward {
            self.history.redo()
        } else {
            self.history.undo()
        };
        let Some(change) = change else {
            return false;
        };
        let mut text = self.text();
        let Some(cursor) = change.apply(&mut text, forward) else {
            // Not the text the history was recorded against: it cannot be
            // trusted for any step.
            self.history = History::default();
            return false;
        };
        self.set_text(text, cursor);
        true
    }

    /// Ends the undo step being typed (the cursor moved).
    pub fn seal(&mut self) {
        self.history.seal();
    }

    /// Records the size of the answer box (inside its borders), as drawn.
    /// The view calls it: the window is cut for the width the box has.
    pub fn note_drawn(&self, width: u16, height: u16) {
        self.drawn.set((width, height));
    }

    /// Records how many rows the field's prompt has and how many it was
    /// given, as drawn. The view calls it: scrolling stops at the end.
    pub fn note_prompt(&self, rows: u16, room: u16) {
        self.prompt_drawn.set((rows, room));
    }

    /// The prompt's first row shown: `prompt_scroll`, at most what shows
    /// the prompt's last row at the bottom.
    pub fn prompt_top(&self) -> u16 {
        let (rows, room) = self.prompt_drawn.get();
        self.prompt_scroll.min(rows.saturating_sub(room))
    }

    /// Scrolls the prompt one row down or up, within its ends as drawn.
    pub fn scroll_prompt(&mut self, down: bool) {
        let top = self.prompt_top();
        let (rows, room) = self.prompt_drawn.get();
        self.prompt_scroll = if down {
            (top + 1).min(rows.saturating_sub(room))
        } else {
            top.saturating_sub(1)
        };
    }

    /// How many characters the window holds around the cursor, and how
    /// close to an edge of the window the cursor may come before it moves:
    /// a box full and a row, so that the box never shows an edge of the
    /// window.
    fn window_chars(&self) -> (usize, usize) {
        let (w, h) = self.drawn.get();
        let (w, h) = (usize::from(w), usize::from(h));
        let size = EDITOR_WINDOW_BYTES.max(3 * w * h);
        let margin = if w * h == 0 { size / 4 } else { w * h + w };
        (size, margin)
    }

    /// Whether the window starts inside a line of the answer.
    pub fn starts_mid_line(&self) -> bool {
        !self.above.is_empty() && !self.above.ends_with('\n')
    }

    /// Whether the window was cut inside a line for a width other than
    /// the box's, as drawn last.
    pub fn stale(&self) -> bool {
        self.starts_mid_line() && self.drawn.get().0 != self.cut_width
    }

    /// Whether the cursor is at the start of a line of the answer.
    pub fn at_line_start(&self) -> bool {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        col == 0 && !(row == 0 && self.starts_mid_line())
    }

    /// The first bytes of the line the window starts inside, which tell
    /// what the line is (a list item, a paragraph).
    pub fn line_head(&self) -> &str {
        let line = &self.above[self.above.rfind('\n').map_or(0, |i| i + 1)..];
        &line[..floor_char(line, line.len().min(16))]
    }

    /// Whether there is text before or after the window.
    pub fn windowed(&self) -> (bool, bool) {
        (!self.above.is_empty(), !self.below.is_empty())
    }

    /// Puts `text` in the editor with the cursor at byte `cursor`,
    /// windowed when the text is long. The cursor keeps its row in the
    /// box when the box has been drawn.
    fn place(&mut self, text: String, cursor: usize) {
        let (size, _) = self.window_chars();
        let (lo, hi) = if text.len() <= size || text.chars().count() <= size {
            (0, text.len())
        } else {
            self.cut(&text, cursor, size)
        };
        let before = &text[lo..cursor];
        let row = before.matches('\n').count();
        let col = before.rsplit('\n').next().unwrap_or("").chars().count();
        let lines: Vec<String> = text[lo..hi].split('\n').map(str::to_owned).collect();
        let (w, h) = self.drawn.get();
        // The row of the box the cursor is on, to keep it there.
        let in_box = (w > 0 && h > 0).then(|| {
            let top = usize::from(self.area.scroll_offset().0);
            self.area.screen_cursor().row.saturating_sub(top)
        });
        self.above = text[..lo].to_owned();
        self.below = text[hi..].to_owned();
        self.cut_width = w;
        self.area = text_area(lines);
        jump(&mut self.area, row, col);
        if let Some(in_box) = in_box {
            keep_row_in_box(&mut self.area, (w, h), in_box, row, col);
        }
    }

    /// The window `lo..hi` of about `size` characters around `cursor`.
    fn cut(&mut self, text: &str, cursor: usize, size: usize) -> (usize, usize) {
        let len = text.len();
        let half = size / 2;
        let (mut lo, mut hi) = (back(text, cursor, half), ahead(text, cursor, half));
        // Near an end of the text, the window holds `size` all the same.
        if lo == 0 {
            hi = ahead(text, 0, size).max(cursor);
        }
        if hi == len {
            lo = back(text, len, size).min(cursor);
        }
        let line_start = text[..lo].rfind('\n').map_or(0, |i| i + 1);
        let lo = if lo - line_start <= size / 4 {
            line_start
        } else {
            self.row_start(text, line_start, lo)
        };
        let line_end = text[hi..].find('\n').map_or(len, |i| hi + i);
        // A window may end inside a line: only its last row, far from the
        // cursor, wraps differently from the whole line.
        let hi = if line_end - hi <= size / 4 {
            line_end
        } else {
            hi
        };
        (lo, hi)
    }

    /// Where the row containing byte `at` starts, the line starting at
    /// `line_start` wrapped at the width of the box. The line is wrapped a
    /// piece at a time, each piece starting at a row start: from the line's
    /// start the first time, then from the last row start known.
    fn row_start(&mut self, text: &str, line_start: usize, at: usize) -> usize {
        let width = self.drawn.get().0;
        if width == 0 {
            // Not drawn yet: cut anywhere; the window is cut again once
            // the box's width is known.
            return at;
        }
        // What is known holds up to the window's start (the text before
        // it is the same), for the same line and width.
        let known = &mut self.rows;
        if known.line_start != line_start
            || known.width != width
            || known.starts.is_empty()
            || line_start > self.above.len()
        {
            *known = RowStarts {
                line_start,
                width,
                starts: vec![line_start],
            };
        }
        let upto = self.above.len().max(line_start);
        known.starts.retain(|&r| r <= upto);
        let last = *known.starts.last().unwrap_or(&line_start);
        if at < last {
            let i = known.starts.partition_point(|&r| r <= at);
            return known.starts[i.saturating_sub(1)];
        }
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let piece = 4096.max(usize::from(width) * 32);
        let mut start = last;
        loop {
            let end = ceil_char(text, (start + piece).min(line_end));
            let rows = row_starts(&text[start..end], width);
            // The last rows of a piece cut short may wrap differently
            // from the whole line: they are wrapped again with the next.
            let sure = if end == line_end {
                rows.len()
            } else {
                rows.len().saturating_sub(2)
            };
            let mut best = start;
            for &r in rows.iter().take(sure.max(1)).skip(1) {
                if start + r > at {
                    return best;
                }
                best = start + r;
                known.starts.push(best);
            }
            if end == line_end || best == start {
                return best;
            }
            start = best;
        }
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
    /// more text beyond, when it grew too big, or when the box's width
    /// changed under a window cut inside a line.
    pub fn follow_cursor(&mut self) -> bool {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        let line = &lines[row];
        let col_bytes = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        let chars = |l: &String| l.chars().count() + 1;
        let before: usize = lines[..row].iter().map(chars).sum::<usize>() + col;
        let held: usize = lines.iter().map(chars).sum::<usize>() - 1;
        let after = held - before;
        let before_bytes = lines[..row].iter().map(|l| l.len() + 1).sum::<usize>() + col_bytes;
        let (size, margin) = self.window_chars();
        let near_top = before < margin && !self.above.is_empty();
        let near_bottom = after < margin && !self.below.is_empty();
        let stale = self.stale();
        if near_top || near_bottom || stale || held > 2 * size {
            let cursor = self.above.len() + before_bytes;
            let text = self.text();
            self.place(text, cursor);
            return true;
        }
        false
    }

    /// Inserts `text` at the cursor as a paste: one undo takes it back
    /// (typing goes through [`Editor::change`], a word a step).
    pub fn insert(&mut self, text: &str) -> bool {
        self.change(Group::Alone, |area| area.insert_str(text))
    }

    /// Where the cursor is in the whole answer, in bytes.
    pub fn cursor_byte(&self) -> usize {
        let ratatui_textarea::DataCursor(row, col) = self.area.cursor();
        let lines = self.area.lines();
        let line = &lines[row];
        let col_bytes = line.char_indices().nth(col).map_or(line.len(), |(i, _)| i);
        self.above.len() + lines[..row].iter().map(|l| l.len() + 1).sum::<usize>() + col_bytes
    }

    /// The text the window holds.
    fn held(&self) -> String {
        self.area.lines().join("\n")
    }

    /// The whole answer.
    pub fn text(&self) -> String {
        let lines = self.area.lines();
        let held: usize = lines.iter().map(|l| l.len() + 1).sum();
        let mut out = String::with_capacity(self.above.len() + held + self.below.len());
        out.push_str(&self.above);
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(l);
        }
        out.push_str(&self.below);
        out
    }

    /// Whether the whole answer is blank.
    pub fn is_blank(&self) -> bool {
        self.above.trim().is_empty()
            && self.area.lines().iter().all(|l| l.trim().is_empty())
            && self.below.trim().is_empty()
    }
}

/// After a move of the window, scrolls the fresh editor so that the cursor
/// (at `row`, `col`) is on row `in_box` of the box, as before the move,
/// rather than wherever a first drawing would put it.
fn keep_row_in_box(
    area: &mut TextArea<'static>,
    (w, h): (u16, u16),
    in_box: usize,
    row: usize,
    col: usize,
) {
    use ratatui::widgets::Widget;
    let rect = ratatui::layout::Rect::new(0, 0, w, h);
    let mut scratch = ratatui::buffer::Buffer::empty(rect);
    // Drawing loads the wrap at the box's width and scrolls to the cursor.
    (&*area).render(rect, &mut scratch);
    let cursor_row = area.screen_cursor().row;
    // The text fills the box down to its end: kept on its row after a
    // jump to the end (Ctrl-End, an undo there), the cursor's line showed
    // alone above empty rows, the answer looking deleted.
    let last = area.lines().len() - 1;
    let last_col = area.lines()[last].chars().count();
    jump(area, last, last_col);
    let rows = area.screen_cursor().row + 1;
    jump(area, row, col);
    let top = cursor_row
        .saturating_sub(in_box.min(usize::from(h).saturating_sub(1)))
        .min(rows.saturating_sub(usize::from(h)));
    let now = usize::from(area.scroll_offset().0);
    let delta = i16::try_from(top as i64 - now as i64).unwrap_or(0);
    if delta != 0 {
        area.scroll((delta, 0));
        jump(area, row, col);
    }
}

/// Where the rows of `line` (no line feed in it) start when the editor
/// wraps it at `width`, as byte offsets: measured with the editor itself,
/// so that a window cut there wraps exactly as the whole line does.
fn row_starts(line: &str, width: u16) -> Vec<usize> {
    use ratatui::widgets::Widget;
    let area = text_area(vec![line.to_owned()]);
    let rect = ratatui::layout::Rect::new(0, 0, width, 1);
    let mut scratch = ratatui::buffer::Buffer::empty(rect);
    (&area).render(rect, &mut scratch);
    let mut out = Vec::new();
    let mut chars = line.char_indices();
    let (mut seen, mut byte) = (0usize, 0usize);
    let mut row = 0;
    loop {
        let ratatui_textarea::DataCursor(_, col) = area.screen_to_data(row, 0);
        if row > 0 && col <= seen {
            return out;
        }
        while seen < col {
            match chars.next() {
                Some((_, c)) => byte += c.len_utf8(),
                None => return out,
            }
            seen += 1;
        }
        out.push(byte);
        row += 1;
    }
}

/// Row starts known in one line of the answer (byte offsets in the answer),
/// wrapped at `width`, from `line_start` on without a gap.
#[derive(Debug, Default)]
struct RowStarts {
    line_start: usize,
    width: u16,
    starts: Vec<usize>,
}

/// The byte `n` characters before byte `i` (or 0).
fn back(text: &str, i: usize, n: usize) -> usize {
    text[..i]
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(b, _)| b)
}

/// The byte `n` characters after byte `i` (or the end).
fn ahead(text: &str, i: usize, n: usize) -> usize {
    text[i..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(b, _)| i + b)
}

/// The char boundary at or before byte `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The char boundary at or after byte `i`.
fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_reaches_the_end_of_a_line_longer_than_65535_characters() {
        let line = "word ".repeat(14_000);
        let mut e = Editor::new(FieldKey::main("q8"), &line);
        assert_eq!(e.cursor_byte(), line.len());
        e.insert("!");
        assert_eq!(e.text(), format!("{line}!"));
    }

    fn long_text() -> String {
        (0..200)
            .map(|i| format!("Paragraph {i}: {}", "words ".repeat(40)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    #[test]
    fn a_kept_history_comes_back_only_to_the_text_it_ends_at() {
        let key = FieldKey::main("q8");
        let typed = |text: &str| {
            let mut e = Editor::new(key.clone(), text);
            e.change(Group::Alone, |a| a.insert_str(" more"));
            e
        };
        let mut kept = Histories::default();
        kept.keep("en", typed("Kept."));
        // Changed meanwhile (an import, another language's text): dropped.
        assert!(!kept.editor("en", key.clone(), "Other. more").undo());
        kept.keep("en", typed("Kept."));
        assert!(!kept.editor("fr", key.clone(), "Kept. more").undo());
        let mut e = kept.editor("en", key.clone(), "Kept. more");
        assert!(e.undo());
        assert_eq!(e.text(), "Kept.");
        // Taken once: a second editor starts without it.
        assert!(!kept.editor("en", key.clone(), "Kept. more").undo());
        // The oldest are forgotten past the limits, in number and in bytes.
        for i in 0..=KEPT_HISTORIES {
            kept.keep(
                "en",
                Editor::with_change(FieldKey::main(&format!("q{i}")), 10),
            );
        }
        assert_eq!(kept.0.len(), KEPT_HISTORIES);
        assert!(!kept.0.iter().any(|l| l.key == FieldKey::main("q0")));
        let big = history::MAX_BYTES / 2;
        for i in 0..3 {
            kept.keep(
                "en",
                Editor::with_change(FieldKey::main(&format!("big{i}")), big),
            );
        }
        let total: usize = kept.0.iter().map(|l| l.history.bytes()).sum();
        assert!(total <= history::MAX_BYTES, "{total} bytes kept");
        assert_eq!(
            kept.0.last().map(|l| l.key.clone()),
            Some(FieldKey::main("big2"))
        );
        assert!(!kept.0.iter().any(|l| l.key == FieldKey::main("big0")));
    }

    impl Editor {
        /// An editor whose history holds one paste of `n` bytes.
        fn with_change(key: FieldKey, n: usize) -> Self {
            let mut e = Editor::new(key, "");
            e.change(Group::Alone, |a| a.insert_str("x".repeat(n)));
            e
        }
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
        assert!(held <= 3 * EDITOR_WINDOW_BYTES, "window holds {held} bytes");
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

    #[test]
    fn home_and_end_reach_the_ends_of_a_line_longer_than_the_window() {
        let line = "words in one long paragraph ".repeat(2_000);
        let text = format!("first\n{line}\nlast");
        let mut e = Editor::new(FieldKey::main("q8"), &text);
        e.go_to_end(false);
        e.go_to_end(true);
        e.area.move_cursor(ratatui_textarea::CursorMove::Up);
        e.follow_cursor();
        assert!(e.cuts_cursor_line(), "the window holds part of the line");
        e.go_to_line_edge(false);
        assert_eq!(e.cursor_byte(), "first\n".len());
        e.go_to_line_edge(true);
        assert_eq!(e.cursor_byte(), "first\n".len() + line.len());
        assert_eq!(e.text(), text);
    }

    mod windowed {
        use super::super::*;
        use proptest::prelude::*;

        #[derive(Debug, Clone)]
        enum Op {
            Insert(String),
            Backspace,
            Delete,
            Left(usize),
            Right(usize),
            /// Ctrl-K.
            DeleteToLineEnd,
            /// The box drawn at another width.
            Width(u16),
        }

        fn op() -> impl Strategy<Value = Op> {
            prop_oneof![
                3 => "[a-zé研 \n-]{1,30}".prop_map(Op::Insert),
                2 => Just(Op::Backspace),
                1 => Just(Op::Delete),
                1 => Just(Op::DeleteToLineEnd),
                2 => (1usize..300).prop_map(Op::Left),
                2 => (1usize..300).prop_map(Op::Right),
                1 => (20u16..90).prop_map(Op::Width),
            ]
        }

        /// Answers over the window's size, in each shape.
        fn answer() -> impl Strategy<Value = String> {
            prop_oneof![
                (1usize..60).prop_map(|n| (0..n)
                    .map(|i| format!("- item {i}: {}", "many words here ".repeat(i % 9)))
                    .collect::<Vec<_>>()
                    .join("\n\n")),
                (300usize..900).prop_map(|n| "one paragraph, été 研究 ".repeat(n)),
                (1000usize..4000).prop_map(|n| "Qm9hcmQ".repeat(n)),
            ]
        }

        fn draw(e: &Editor, width: u16) {
            use ratatui::widgets::Widget;
            let rect = ratatui::layout::Rect::new(0, 0, width, 12);
            let mut buf = ratatui::buffer::Buffer::empty(rect);
            e.note_drawn(width, 12);
            (&e.area).render(rect, &mut buf);
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(24))]

            /// Editing through the window gives the same text, and the
            /// cursor the same place, as editing the whole string; a window
            /// cut inside a line starts where a row of the whole line does;
            /// undo gives back the first text and redo the last, whatever
            /// moves the window made.
            #[test]
            fn editing_through_the_window_is_editing_the_whole_text(
                text in answer(),
                start in 0.0f64..=1.0,
                ops in proptest::collection::vec(op(), 1..12),
            ) {
                let mut e = Editor::new(FieldKey::main("q8"), &text);
                draw(&e, 60);
                e.follow_cursor();
                let mut whole = text.clone();
                let mut at = floor_char(&whole, (whole.len() as f64 * start) as usize);
                e.place(whole.clone(), at);
                prop_assert_eq!(e.cursor_byte(), at);
                for op in ops {
                    match op {
                        Op::Insert(t) => {
                            e.insert(&t);
                            whole.insert_str(at, &t);
                            at += t.len();
                        }
                        Op::Backspace => {
                            e.change(Group::Deleting, TextArea::delete_char);
                            if at > 0 {
                                let p = back(&whole, at, 1);
                                whole.replace_range(p..at, "");
                                at = p;
                            }
                        }
                        Op::Delete => {
                            e.change(Group::Deleting, TextArea::delete_next_char);
                            if at < whole.len() {
                                let n = ahead(&whole, at, 1);
                                whole.replace_range(at..n, "");
                            }
                        }
                        Op::Left(n) | Op::Right(n) => {
                            let left = matches!(op, Op::Left(_));
                            for _ in 0..n {
                                e.area.move_cursor(if left {
                                    ratatui_textarea::CursorMove::Back
                                } else {
                                    ratatui_textarea::CursorMove::Forward
                                });
                                e.follow_cursor();
                            }
                            at = if left { back(&whole, at, n) } else { ahead(&whole, at, n) };
                        }
                        Op::DeleteToLineEnd => {
                            crate::tui::editing::apply_to_answer(
                                &mut e,
                                crate::tui::editing::Edit::DeleteToLineEnd,
                            )
                            .unwrap();
                            let end = whole[at..].find('\n').map_or(whole.len(), |i| at + i);
                            let end = if end == at { (at + 1).min(whole.len()) } else { end };
                            whole.replace_range(at..end, "");
                        }
                        Op::Width(w) => draw(&e, w),
                    }
                    e.follow_cursor();
                    prop_assert_eq!(e.cursor_byte(), at);
                    prop_assert!(e.text() == whole, "the text differs");
                }
                if e.starts_mid_line() && !e.stale() {
                    let cut = e.above.len();
                    let line_start = whole[..cut].rfind('\n').map_or(0, |i| i + 1);
                    let line_end = whole[cut..].find('\n').map_or(whole.len(), |i| cut + i);
                    let rows = row_starts(&whole[line_start..line_end], e.cut_width);
                    prop_assert!(rows.contains(&(cut - line_start)), "cut at {} is not a row start", cut);
                }
                while e.undo() {
                    e.follow_cursor();
                }
                prop_assert!(e.text() == text, "undo did not give back the first text");
                while e.redo() {
                    e.follow_cursor();
                }
                prop_assert!(e.text() == whole, "redo did not give back the last text");
            }
        }
    }
}
