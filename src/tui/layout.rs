//! Geometry that both `update` and `view` need: how wide the outline is,
//! where the screen's bands and the review's report fall, how far the
//! review and the help scroll, and text wrapped by display width (`wrap`,
//! and `hang` for printed text). One place, so that what `update` scrolls
//! by is what `view` shows: rows are counted on the text as drawn, by the
//! widget that draws it.

use super::model::{Model, Showing};
use super::view;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Text;
use ratatui::widgets::{Paragraph, Wrap};
use unicode_width::UnicodeWidthStr;

/// The outline's width: a third of the terminal, between 32 and 48
/// columns (question texts are long; a wider terminal shows more of each).
pub fn outline_width(terminal_width: u16) -> u16 {
    (terminal_width / 3).clamp(32, 48)
}

/// The width left to a question beside the outline (or without it), less
/// its margins.
pub fn question_width(terminal_width: u16, outline: bool) -> u16 {
    let outline = if outline {
        outline_width(terminal_width)
    } else {
        0
    };
    terminal_width.saturating_sub(outline + 4)
}

/// The rows an answer box keeps at least, borders included (six inside).
pub const ANSWER_BOX_ROWS: u16 = 8;
/// The fewest rows worth showing the "Prints as" preview in: its title and
/// the two rows around the cursor.
pub const PREVIEW_ROWS: u16 = 3;

/// How many of the `height` rows under a text field's prompt go to the
/// "Prints as" preview: about two fifths, none when the answer box would
/// keep fewer than [`ANSWER_BOX_ROWS`]. At 80×24 most fields have room for
/// a short preview: it is how the user sees what the export will hold.
pub fn preview_height(height: u16) -> u16 {
    if height < ANSWER_BOX_ROWS + PREVIEW_ROWS {
        return 0;
    }
    (height * 2 / 5).clamp(PREVIEW_ROWS, height - ANSWER_BOX_ROWS)
}

/// Rows `text` takes drawn in a `Paragraph` wrapped (untrimmed) to
/// `width` columns: ratatui's own count, so that it cannot differ from
/// what is drawn.
pub fn wrapped_rows<'a>(text: impl Into<Text<'a>>, width: u16) -> u16 {
    let rows = Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .line_count(width.max(1));
    u16::try_from(rows).unwrap_or(u16::MAX)
}

/// Text scrolled in a frame: how many rows it has, how many show at once.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scroll {
    /// Rows of the text, wrapped as drawn.
    pub rows: u16,
    /// Rows shown at once: the frame's inside.
    pub visible: u16,
}

impl Scroll {
    /// Rows a page scrolls: all that show, so that no row is skipped.
    pub fn page(self) -> u16 {
        self.visible.max(1)
    }

    /// The furthest the text scrolls: its last row at the frame's bottom
    /// (none when it fits).
    pub fn last(self) -> u16 {
        self.rows.saturating_sub(self.visible)
    }

    /// `scroll` moved a page down (`down`) or up, within the text.
    pub fn paged(self, scroll: u16, down: bool) -> u16 {
        let scroll = scroll.min(self.last());
        if down {
            scroll.saturating_add(self.page()).min(self.last())
        } else {
            scroll.saturating_sub(self.page())
        }
    }

    /// `scroll` moved a row down or up, within the text.
    pub fn stepped(self, scroll: u16, down: bool) -> u16 {
        let scroll = scroll.min(self.last());
        if down {
            scroll.saturating_add(1).min(self.last())
        } else {
            scroll.saturating_sub(1)
        }
    }
}

/// The screen's bands, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bands {
    /// The title bar: one row, or two when the title does not fit.
    pub header: Rect,
    /// The screen proper.
    pub body: Rect,
    /// The status message (up to 3 rows) or the progress gauge.
    pub status: Rect,
    /// The keys.
    pub footer: Rect,
    /// Whether a question's part and its number go on one row: below 30
    /// rows, when the title bar takes two, so that the question keeps its
    /// rows.
    pub part_shares_number_row: bool,
}

/// Where the title bar, body, status and footer fall on `area`.
pub fn bands(m: &Model, area: Rect) -> Bands {
    let (title, right) = view::title_bar(m);
    let question = on_question(m);
    let title_rows = title_rows(&title, &right, area, question);
    let [header, body, status, footer] = Layout::vertical([
        Constraint::Length(title_rows),
        Constraint::Min(1),
        Constraint::Length(status_rows(m, area.width)),
        Constraint::Length(1),
    ])
    .areas(area);
    Bands {
        header,
        body,
        status,
        footer,
        part_shares_number_row: area.height < 30 && question && title_rows == 2,
    }
}

/// Columns the title bar keeps beside the title: the badge, the spaces
/// around it, and the right side (`right_columns`).
pub fn title_room(width: u16, right_columns: usize) -> usize {
    usize::from(width).saturating_sub(right_columns + 9)
}

/// Rows of the title bar: a title that does not fit beside the right
/// side takes a second row rather than being cut short, when the screen
/// has rows to spare (30 or more), or on a question, whose part and
/// number lines then share a row (`Bands::part_shares_number_row`): 80×24 is the
/// most common size, and the title was cut there after 25 characters.
pub fn title_rows(title: &str, right: &str, area: Rect, question: bool) -> u16 {
    let fits = columns(title) <= title_room(area.width, columns(right));
    if fits || (area.height < 30 && !question) {
        1
    } else {
        2
    }
}

fn on_question(m: &Model) -> bool {
    m.showing() == Showing::Question
}

/// Rows of the status band: the status message wrapped, at most 3; one
/// row for the progress gauge when there is no message.
pub fn status_rows(m: &Model, width: u16) -> u16 {
    match &m.status {
        Some(text) => wrapped_rows(view::status_text(text), width).clamp(1, 3),
        None => 1,
    }
}

/// The review's body: the report above, the list of questions and what
/// is missing below.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Review {
    /// The report's frame.
    pub report: Rect,
    /// The list's frame.
    pub list: Rect,
    /// The report scrolled in its frame.
    pub scroll: Scroll,
}

/// The review on `body`, with a list of `entries` and the report
/// `text` as drawn. The list takes a third of the screen at most, at
/// least 3 rows (not `clamp`: it panics when the frame is under 9 rows,
/// which happens before a resize message arrives).
pub fn review(body: Rect, entries: usize, text: &str) -> Review {
    let list_height = u16::try_from(entries)
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(body.height / 3)
        .max(3);
    let [report, list] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(body);
    Review {
        report,
        list,
        scroll: Scroll {
            rows: wrapped_rows(text, report.width.saturating_sub(2)),
            visible: report.height.saturating_sub(2),
        },
    }
}

/// [`review`] on the model's screen, as the view draws it (nothing when
/// no draft is open).
pub fn review_of(m: &Model) -> Option<Review> {
    let text = view::review_text(m)?;
    let entries = super::update::review_entries(m).len();
    let body = bands(m, screen_of(m)).body;
    Some(review(body, entries, &text))
}

/// The help's text scrolled in its frame, the whole of `area`.
pub fn help(m: &Model, area: Rect) -> Scroll {
    let inner = area.width.saturating_sub(2);
    Scroll {
        rows: wrapped_rows(view::help_lines(m, inner), inner),
        visible: area.height.saturating_sub(2),
    }
}

/// [`help`] on the model's screen.
pub fn help_of(m: &Model) -> Scroll {
    help(m, screen_of(m))
}

/// The whole screen, as the model knows its size.
fn screen_of(m: &Model) -> Rect {
    Rect::new(0, 0, m.size.0, m.size.1)
}

/// Display columns of `text`: wide characters (CJK, most emoji) take two
/// cells, combining marks none, as ratatui draws them.
pub fn columns(text: &str) -> usize {
    text.width()
}

/// Word wrap to `width` display columns: breaks at spaces, which are not
/// kept at the start of a row; a word wider than a row is broken across
/// rows. Never returns no rows.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = vec![String::new()];
    let mut col = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = columns(word);
        let last = rows.last_mut().expect("never empty");
        if col > 0 && col + 1 + w <= width {
            last.push(' ');
            last.push_str(word);
            col += 1 + w;
            continue;
        }
        if col > 0 {
            rows.push(String::new());
            col = 0;
        }
        // A word wider than a row fills rows of its own.
        for c in word.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if col + cw > width && col > 0 {
                rows.push(String::new());
                col = 0;
            }
            rows.last_mut().expect("never empty").push(c);
            col += cw;
        }
    }
    rows
}

/// Printed text wrapped to `width` columns as the report reads: a list
/// item's continuation rows start under its text (a hanging indent), a
/// paragraph's under its first column; spacing inside a row is kept as
/// printed, and a row never starts with the space it broke at.
pub fn hang(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for line in text.split('\n') {
        let (indent_bytes, indent) = hanging_indent(line);
        let indent = indent.min(width.saturating_sub(1));
        let mut rest = line;
        let mut first = true;
        loop {
            let (room, keep) = if first {
                (width, indent_bytes)
            } else {
                (width - indent, 0)
            };
            let (row, next) = cut_row(rest, room, keep);
            rows.push(if first {
                row.to_owned()
            } else {
                format!("{}{row}", " ".repeat(indent))
            });
            first = false;
            match next {
                Some(next) => rest = next,
                None => break,
            }
        }
    }
    rows
}

/// What comes before an indented line's text: its indentation and a list
/// marker (`•`, `-`, `1.`) with the space after it, in bytes and columns.
/// A line that is not indented is a paragraph: nothing hangs.
fn hanging_indent(line: &str) -> (usize, usize) {
    let text = line.trim_start_matches(' ');
    let spaces = line.len() - text.len();
    if spaces == 0 {
        return (0, 0);
    }
    let marker = text.split_once(' ').map_or(0, |(m, _)| {
        let bullet = matches!(m, "•" | "-" | "◦" | "▪");
        let number =
            m.len() > 1 && m.ends_with('.') && m[..m.len() - 1].chars().all(|c| c.is_ascii_digit());
        if bullet || number { m.len() + 1 } else { 0 }
    });
    (spaces + marker, columns(&line[..spaces + marker]))
}

/// The first row of `text` at most `room` columns wide, broken at the
/// last space that fits after its first `keep` bytes (the space dropped),
/// else inside a word too long for a row; and the rest, if any.
fn cut_row(text: &str, room: usize, keep: usize) -> (&str, Option<&str>) {
    let mut width = 0;
    let mut end = text.len();
    for (i, c) in text.char_indices() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w > room && i > 0 {
            end = i;
            break;
        }
        width += w;
    }
    if end == text.len() {
        return (text, None);
    }
    let head = &text[..end];
    // A space just past the row breaks there too: the whole row is text.
    let at = if text[end..].starts_with(' ') {
        Some(end)
    } else {
        head.rfind(' ').filter(|&at| at > keep)
    };
    match at {
        Some(at) => {
            let row = text[..at].trim_end_matches(' ');
            let rest = text[at..].trim_start_matches(' ');
            (row, (!rest.is_empty()).then_some(rest))
        }
        None => (head, Some(&text[end..])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(10, 0)]
    #[case(11, 3)]
    #[case(12, 4)]
    #[case(13, 5)]
    #[case(20, 8)]
    #[case(30, 12)]
    fn the_preview_takes_two_fifths_and_leaves_the_box_six_rows(
        #[case] height: u16,
        #[case] preview: u16,
    ) {
        assert_eq!(preview_height(height), preview);
        if preview > 0 {
            assert!(height - preview >= ANSWER_BOX_ROWS);
            assert!(preview >= PREVIEW_ROWS);
        }
    }

    #[rstest]
    #[case("one two three", 7, &["one two", "three"])]
    #[case("a  b", 10, &["a b"])]
    #[case("", 5, &[""])]
    #[case("abcdefghij", 4, &["abcd", "efgh", "ij"])]
    #[case("go abcdefghij", 4, &["go", "abcd", "efgh", "ij"])]
    // Wide characters take two columns each.
    #[case("日本語の文章", 4, &["日本", "語の", "文章"])]
    #[case("café crème", 5, &["café", "crème"])]
    fn words_wrap_by_display_width(
        #[case] text: &str,
        #[case] width: usize,
        #[case] rows: &[&str],
    ) {
        assert_eq!(wrap(text, width), rows);
    }

    #[test]
    fn no_row_starts_with_the_space_it_broke_at() {
        for width in 1..30 {
            for row in wrap("The department held sessions on values and ethics.", width) {
                assert!(!row.starts_with(' '), "{row:?} at {width}");
                assert!(columns(&row) <= width, "{row:?} wider than {width}");
            }
        }
    }

    #[rstest]
    #[case::paragraph("one two three four", 9, &["one two", "three", "four"])]
    #[case::bullet("  • one two three four", 12, &["  • one two", "    three", "    four"])]
    #[case::numbered("  12. alpha beta gamma", 14, &["  12. alpha", "      beta", "      gamma"])]
    #[case::spacing_kept("a  b  c", 20, &["a  b  c"])]
    #[case::long_word("  • abcdefghij", 8, &["  • abcd", "    efgh", "    ij"])]
    #[case::blank_lines("a\n\nb", 5, &["a", "", "b"])]
    #[case::paragraph_starting_with_a_year("2024. was a year", 11, &["2024. was a", "year"])]
    fn printed_text_wraps_with_a_hanging_indent(
        #[case] text: &str,
        #[case] width: usize,
        #[case] rows: &[&str],
    ) {
        assert_eq!(hang(text, width), rows);
    }

    #[test]
    fn hanging_rows_fit_and_lose_nothing_but_the_spaces_broken_at() {
        let text = "  • Begun the development of guidance around values and ethics and Artificial Intelligence, with the CIO";
        for width in 6..60 {
            let rows = hang(text, width);
            for row in &rows {
                assert!(columns(row) <= width, "{row:?} wider than {width}");
            }
            let words: Vec<&str> = rows.iter().flat_map(|r| r.split_whitespace()).collect();
            let want: Vec<&str> = text.split_whitespace().collect();
            // No word is broken once the longest fits beside the bullet.
            if width >= 4 + "Intelligence,".len() {
                assert_eq!(words, want, "at {width}");
            }
        }
    }

    #[test]
    fn the_outline_grows_with_the_terminal_within_bounds() {
        assert_eq!(outline_width(80), 32);
        assert_eq!(outline_width(120), 40);
        assert_eq!(outline_width(300), 48);
        assert_eq!(question_width(120, true), 120 - 40 - 4);
        assert_eq!(question_width(120, false), 116);
    }

    #[test]
    fn a_page_scrolls_what_shows_and_stops_at_the_end() {
        let text = Scroll {
            rows: 30,
            visible: 12,
        };
        assert_eq!(text.page(), 12);
        assert_eq!(text.last(), 18);
        assert_eq!(text.paged(0, true), 12);
        assert_eq!(text.paged(12, true), 18);
        assert_eq!(text.paged(18, true), 18);
        assert_eq!(text.paged(18, false), 6);
        assert_eq!(text.paged(6, false), 0);
        assert_eq!(text.stepped(18, true), 18);
        assert_eq!(text.stepped(18, false), 17);
        // Scrolled further than the text before the screen grew.
        assert_eq!(text.paged(40, false), 6);
        assert_eq!(text.stepped(40, false), 17);
        // Text that fits does not scroll.
        let short = Scroll {
            rows: 5,
            visible: 12,
        };
        assert_eq!(short.paged(0, true), 0);
        assert_eq!(short.stepped(0, true), 0);
        // A frame with no room inside still pages.
        let none = Scroll {
            rows: 5,
            visible: 0,
        };
        assert_eq!(none.page(), 1);
    }

    #[rstest]
    // The list of 20 entries takes a third of the body; 2 entries their
    // rows and the frame; at least 3 rows when the body is tiny.
    #[case(Rect::new(0, 1, 80, 21), 20, 7)]
    #[case(Rect::new(0, 2, 120, 36), 20, 12)]
    #[case(Rect::new(0, 1, 80, 21), 2, 4)]
    #[case(Rect::new(0, 1, 80, 8), 20, 3)]
    fn the_review_list_takes_at_most_a_third(
        #[case] body: Rect,
        #[case] entries: usize,
        #[case] list: u16,
    ) {
        let r = review(body, entries, "text");
        assert_eq!(r.list.height, list);
        assert_eq!(r.report.height + r.list.height, body.height);
        assert_eq!(r.report.y, body.y);
        assert_eq!(r.scroll.visible, r.report.height.saturating_sub(2));
    }

    #[test]
    fn the_report_rows_are_counted_as_the_paragraph_wraps_them() {
        // Rows break between words: a count of characters per row says
        // 3 rows here (19 characters, 9 a row), the paragraph draws 2.
        let text = "aaaa bbbb cccc dddd";
        let r = review(Rect::new(0, 0, 11, 20), 0, text);
        assert_eq!(r.scroll.rows, 2);
        assert_eq!(wrapped_rows("one\ntwo\n\nthree", 10), 4);
        assert_eq!(wrapped_rows("a b c d e f", 3), 3);
    }

    #[rstest]
    #[case::fits("Short title", 80, 40, 1)]
    #[case::long_on_a_tall_screen(&"long ".repeat(20), 80, 40, 2)]
    #[case::long_on_a_short_screen(&"long ".repeat(20), 80, 24, 1)]
    fn a_long_title_takes_a_second_row_when_there_is_room(
        #[case] title: &str,
        #[case] width: u16,
        #[case] height: u16,
        #[case] rows: u16,
    ) {
        let area = Rect::new(0, 0, width, height);
        let right = "Public Safety Canada · Saved 14:02 ";
        assert_eq!(title_rows(title, right, area, false), rows);
        // On a question there is always room: its part and number rows
        // become one.
        let on_question = if columns(title) <= title_room(width, columns(right)) {
            1
        } else {
            2
        };
        assert_eq!(title_rows(title, right, area, true), on_question);
    }
}
