//! Geometry that both `update` and `view` need: how wide the outline is,
//! how many rows a page of the review or the help scrolls, how many rows a
//! text takes wrapped. One place, so that what `update` scrolls by is what
//! `view` shows.

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

/// Rows `text` takes wrapped to `width` columns, line by line.
pub fn wrapped_rows(text: &str, width: u16) -> u16 {
    text.split('\n')
        .map(|line| wrap(line, usize::from(width)).len())
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

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

    #[test]
    fn the_outline_grows_with_the_terminal_within_bounds() {
        assert_eq!(outline_width(80), 32);
        assert_eq!(outline_width(120), 40);
        assert_eq!(outline_width(300), 48);
        assert_eq!(question_width(120, true), 120 - 40 - 4);
        assert_eq!(question_width(120, false), 116);
    }
}
