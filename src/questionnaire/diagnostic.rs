//! Problems found in a definition, each tied to a place in its source.

use std::fmt;

/// A byte range in a definition's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl From<toml_span::Span> for Span {
    fn from(s: toml_span::Span) -> Self {
        Span {
            start: s.start,
            end: s.end,
        }
    }
}

/// One problem in a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub span: Span,
    pub message: String,
    /// How to fix it, when there is something useful to say.
    pub hint: Option<String>,
}

impl Diagnostic {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// A line and column, both 1-based; the column counts characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

/// Where byte `offset` of `source` is.
pub fn locate(source: &str, offset: usize) -> Location {
    let mut offset = offset.min(source.len());
    while !source.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &source[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Where each of `offsets` is, as [`locate`] says, in one pass over `source`:
/// locating each from the start made a definition with thousands of problems
/// take time with the square of its size (14 s for 10,000 questions).
fn locate_all(source: &str, offsets: &[usize]) -> Vec<Location> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_by_key(|&i| offsets[i]);
    let mut out = vec![Location { line: 1, column: 1 }; offsets.len()];
    let mut here = Location { line: 1, column: 1 };
    let mut chars = source.char_indices().peekable();
    for i in order {
        // An offset inside a character counts as that character's start.
        while let Some(&(at, c)) = chars.peek() {
            if at + c.len_utf8() > offsets[i] {
                break;
            }
            chars.next();
            here = match c {
                '\n' => Location {
                    line: here.line + 1,
                    column: 1,
                },
                _ => Location {
                    column: here.column + 1,
                    ..here
                },
            };
        }
        out[i] = here;
    }
    out
}

/// Why a definition could not be loaded: every problem found, in source order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    /// Each problem with its location.
    pub problems: Vec<(Location, Diagnostic)>,
    /// Set when the file could not be read at all.
    pub io: Option<String>,
}

impl LoadError {
    pub(crate) fn new(file: &str, source: &str, diagnostics: Vec<Diagnostic>) -> Self {
        let offsets: Vec<usize> = diagnostics.iter().map(|d| d.span.start).collect();
        let mut problems: Vec<_> = locate_all(source, &offsets)
            .into_iter()
            .zip(diagnostics)
            .collect();
        problems.sort_by_key(|(loc, _)| (loc.line, loc.column));
        problems.dedup();
        Self {
            file: file.to_owned(),
            problems,
            io: None,
        }
    }

    pub(crate) fn io(file: &str, err: &std::io::Error) -> Self {
        Self {
            file: file.to_owned(),
            problems: Vec::new(),
            io: Some(err.to_string()),
        }
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(io) = &self.io {
            return write!(f, "{}: cannot read the questionnaire: {io}", self.file);
        }
        for (i, (loc, d)) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(
                f,
                "{}:{}:{}: {}",
                self.file, loc.line, loc.column, d.message
            )?;
            if let Some(hint) = &d.hint {
                write!(f, "\n    hint: {hint}")?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("abc", 0, 1, 1)]
    #[case("abc", 2, 1, 3)]
    #[case("a\nbc", 2, 2, 1)]
    #[case("a\nbc", 4, 2, 3)]
    #[case("é\nx", 1, 1, 1)] // inside a multi-byte char: snaps back
    #[case("éé x", 5, 1, 4)] // columns count characters, not bytes
    fn locate_counts_lines_and_characters(
        #[case] src: &str,
        #[case] offset: usize,
        #[case] line: usize,
        #[case] column: usize,
    ) {
        assert_eq!(locate(src, offset), Location { line, column });
    }

    #[test]
    fn locating_all_at_once_agrees_with_locating_each() {
        let src = "a = \"é\"\n\nbé = 'x'\r\n  z\n";
        // Every offset, in a jumbled order, some twice, some past the end.
        let offsets: Vec<usize> = (0..=src.len() + 2).rev().chain([3, 9, 3]).collect();
        let each: Vec<Location> = offsets.iter().map(|&o| locate(src, o)).collect();
        assert_eq!(locate_all(src, &offsets), each);
    }
}
