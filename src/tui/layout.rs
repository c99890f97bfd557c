//! Geometry that both `update` and `view` need: how wide the outline is,
//! how many rows a page of the review or the help scrolls, and text
//! wrapped by display width (`wrap`, and `hang` for printed text). One
//! place, so that what `update` scrolls by is what `view` shows.

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

/// Rows a page of the help scrolls: the screen less its frame.
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

pub fn help_page(terminal_height: u16) -> u16 {
    terminal_height.saturating_sub(4).max(1)
}

/// Rows a page of the review's report scrolls: the screen less the bars,
/// the frame and the list under it.
pub fn review_page(terminal_height: u16) -> u16 {
    terminal_height.saturating_sub(10).max(1)
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
}
