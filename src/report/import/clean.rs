//! A report's lines, cleaned by the one rule for user text
//! (`crate::text`) before anything is read from them. A report file may
//! hold anything (a page saved with its escape codes, a binary or UTF-16
//! file read as text); each removal is a warning on its line, never silent.

use super::Warning;
use crate::text::{Cleaned, clean, is_clean};
use std::borrow::Cow;

/// The lines of `text`, numbered from 1 as an editor numbers them, each
/// cleaned, with a warning for each line that lost something. Extra CRs
/// before a line end are part of that line end. A lone CR or a Unicode line
/// separator inside a line breaks it: the pieces keep the line's number.
pub fn lines(text: &str) -> (Vec<(usize, Cow<'_, str>)>, Vec<Warning>) {
    let mut out = Vec::new();
    let mut warnings = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        if is_clean(line) {
            out.push((n, Cow::Borrowed(line)));
            continue;
        }
        let cleaned = clean(line);
        if !cleaned.removed.is_empty() {
            warnings.push(Warning {
                line: n,
                message: message(line, &cleaned),
            });
        }
        out.extend(
            cleaned
                .text
                .split('\n')
                .map(|piece| (n, Cow::Owned(piece.to_owned()))),
        );
    }
    (out, warnings)
}

/// "3 NUL bytes removed, the first at column 1 (the file may be binary or
/// UTF-16)".
fn message(line: &str, cleaned: &Cleaned) -> String {
    let mut m = format!("{} removed", cleaned.removed);
    if let Some(at) = cleaned.first {
        m.push_str(&format!(
            ", the first at column {}",
            line[..at].chars().count() + 1
        ));
    }
    if cleaned.removed.nul > 0 {
        m.push_str(" (the file may be binary or UTF-16)");
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(lines: &'a [(usize, Cow<str>)]) -> Vec<(usize, &'a str)> {
        lines.iter().map(|(n, l)| (*n, l.as_ref())).collect()
    }

    #[test]
    fn clean_lines_are_borrowed_and_numbered() {
        let (lines, warnings) = lines("one\r\ntwo\r\r\n\nfour");
        assert_eq!(
            texts(&lines),
            [(1, "one"), (2, "two"), (3, ""), (4, "four")]
        );
        assert!(lines.iter().all(|(_, l)| matches!(l, Cow::Borrowed(_))));
        assert_eq!(warnings, vec![]);
    }

    #[test]
    fn each_line_that_loses_something_is_said_with_its_column() {
        let (lines, warnings) =
            lines("Title\nS\u{0}e\u{0}c\u{0}\nok \u{1b}]52;c;eA==\u{7}\u{202e}x\nlast");
        assert_eq!(
            texts(&lines),
            [(1, "Title"), (2, "Sec"), (3, "ok x"), (4, "last")]
        );
        let said: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "line 2: 3 NUL bytes removed, the first at column 2 (the file may be binary or UTF-16)",
                "line 3: 1 escape sequence and 1 bidirectional control character removed, the first at column 4",
            ]
        );
    }

    #[test]
    fn a_lone_line_break_inside_a_line_splits_it_under_its_number() {
        let (lines, warnings) = lines("a\rb\u{2028}c\nd");
        assert_eq!(texts(&lines), [(1, "a"), (1, "b"), (1, "c"), (2, "d")]);
        assert_eq!(warnings, vec![]);
    }
}
