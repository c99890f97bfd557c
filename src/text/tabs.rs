//! [`expand_tabs`]: a tab as a terminal shows it.

use std::borrow::Cow;
use unicode_width::UnicodeWidthChar;

/// Columns between tab stops, as terminals and pagers set them.
pub const TAB_STOP: usize = 8;

/// `text` with each tab replaced by the spaces up to the next tab stop,
/// counted in display columns from the start of its line: what `cat` or
/// `less` shows of it. A widget that draws text cell by cell drops a tab
/// (it is a control character), so text that holds tabs is shown this way
/// to look as the file it stands for. Text with no tab is borrowed.
pub fn expand_tabs(text: &str) -> Cow<'_, str> {
    if !text.contains('\t') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut col = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let next = (col / TAB_STOP + 1) * TAB_STOP;
                out.extend(std::iter::repeat_n(' ', next - col));
                col = next;
            }
            '\n' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += c.width().unwrap_or(0);
            }
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::none("no tab", "no tab")]
    #[case::at_start("\tx", "        x")]
    #[case::to_the_next_stop("ab\tc", "ab      c")]
    #[case::on_a_stop("abcdefgh\ti", "abcdefgh        i")]
    #[case::two("a\tb\tc", "a       b       c")]
    #[case::each_line_from_its_start("abc\n\tx", "abc\n        x")]
    #[case::wide_characters_count_twice("日本\tx", "日本    x")]
    #[case::accents_count_once("é\tx", "é       x")]
    fn tabs_go_to_the_next_stop(#[case] text: &str, #[case] want: &str) {
        assert_eq!(expand_tabs(text), want);
    }
}
