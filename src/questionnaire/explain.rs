//! Wording for problems: TOML syntax errors, values of the wrong type, near
//! misses. Messages quote what was written, hints say what to write instead.

use super::diagnostic::locate;
use super::{Diagnostic, Span};
use toml_span::value::ValueInner;
use toml_span::{Error, ErrorKind};

/// A syntax error from the TOML parser, reworded.
pub(crate) fn syntax(source: &str, e: Error) -> Diagnostic {
    let mut span = Span::from(e.span);
    let line_of = |s: toml_span::Span| locate(source, s.start).line;
    let (message, hint) = match &e.kind {
        ErrorKind::DuplicateKey { key, first } => (
            format!("TOML syntax: `{key}` is set twice in the same table"),
            format!(
                "it is first set on line {}; keep one of them",
                line_of(*first)
            ),
        ),
        ErrorKind::DuplicateTable { name, first } => (
            format!("TOML syntax: the table `[{name}]` is defined twice"),
            format!(
                "it is first defined on line {}; write `[[{name}]]` for a list of tables",
                line_of(*first)
            ),
        ),
        ErrorKind::UnterminatedString | ErrorKind::InvalidCharInString('\n') => {
            span = opening_quote(source, span);
            (
                "TOML syntax: this string is not closed".to_owned(),
                "end it with `\"` on the same line, or use `\"\"\"` for text over several lines"
                    .to_owned(),
            )
        }
        ErrorKind::UnquotedString => (
            format!("TOML syntax: {e}"),
            "put text in quotes, e.g. `kind = \"text\"`".to_owned(),
        ),
        _ => (
            format!("TOML syntax: {e}"),
            "see https://toml.io/en/v1.0.0 for the syntax".to_owned(),
        ),
    };
    Diagnostic::new(span, message).hint(hint)
}

/// The parser reports an unclosed string where the line ends; the string
/// begins at the first quote of that line.
fn opening_quote(source: &str, at: Span) -> Span {
    let end = at.start.min(source.len());
    let line_start = source[..end].rfind('\n').map_or(0, |i| i + 1);
    match source[line_start..end].find(['"', '\'']) {
        Some(i) => Span {
            start: line_start + i,
            end,
        },
        None => at,
    }
}

/// The shape a value should have, for "must be …" messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    String,
    Bool,
    Integer,
    /// A label: a string, or a table of translations.
    Text,
    Array,
    Table,
    /// An array of tables, written with `[[header]]`.
    Tables(&'static str),
}

impl Want {
    fn describe(self) -> String {
        match self {
            Want::String => "a string".into(),
            Want::Bool => "`true` or `false`".into(),
            Want::Integer => "an integer".into(),
            Want::Text => "a string, or a table of translations".into(),
            Want::Array => "an array".into(),
            Want::Table => "a table".into(),
            Want::Tables(header) => format!("a list of `[[{header}]]` tables"),
        }
    }

    fn example(self) -> String {
        match self {
            Want::String => "\"…\"".into(),
            Want::Bool => "true".into(),
            Want::Integer => "1".into(),
            Want::Text => "\"…\" or { en = \"…\", fr = \"…\" }".into(),
            Want::Array => "[\"…\", \"…\"]".into(),
            Want::Table => "{ question = \"q1\", is = \"yes\" }".into(),
            Want::Tables(header) => format!("[[{header}]] on a line of its own, then its keys"),
        }
    }
}

fn a_type(found: &ValueInner<'_>) -> &'static str {
    match found {
        ValueInner::String(_) => "a string",
        ValueInner::Integer(_) => "an integer",
        ValueInner::Float(_) => "a float",
        ValueInner::Boolean(_) => "a boolean",
        ValueInner::Array(_) => "an array",
        ValueInner::Table(_) => "a table",
    }
}

/// A value of the wrong type; `subject` names it, e.g. "`id`".
pub(super) fn wrong_type(
    source: &str,
    subject: &str,
    found: &ValueInner<'_>,
    span: Span,
    want: Want,
) -> Diagnostic {
    let span = widen_to_quotes(source, span);
    let written = snippet(source, span);
    let hint = match (want, found) {
        (
            Want::String | Want::Text,
            ValueInner::Integer(_) | ValueInner::Float(_) | ValueInner::Boolean(_),
        ) => format!("put it in quotes: \"{written}\""),
        (Want::Bool, ValueInner::String(_)) => "write `true` or `false`, without quotes".into(),
        (Want::Tables(header), ValueInner::Table(_)) => {
            format!("write the header with double brackets: `[[{header}]]`")
        }
        _ => format!("write it like {}", want.example()),
    };
    Diagnostic::new(
        span,
        format!(
            "{subject} must be {}, not {} `{written}`",
            want.describe(),
            a_type(found)
        ),
    )
    .hint(hint)
}

/// What was written at `span`, cut to its first line and a readable length.
pub(super) fn snippet(source: &str, span: Span) -> String {
    let text = source.get(span.start..span.end).unwrap_or_default();
    let line = text.lines().next().unwrap_or_default();
    let mut out: String = line.chars().take(40).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

/// toml-span's string spans leave out the quotes; diagnostics point at the
/// opening quote, where the value visibly begins.
pub(super) fn widen_to_quotes(source: &str, span: Span) -> Span {
    let before = &source.as_bytes()[..span.start.min(source.len())];
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if before.ends_with(quote.as_bytes()) {
            return Span {
                start: span.start - quote.len(),
                end: span.end + quote.len(),
            };
        }
    }
    span
}

/// "did you mean …?" when a candidate is near, else the list of candidates.
pub(super) fn suggest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str> + Clone,
    list_intro: &str,
) -> String {
    match closest(word, candidates.clone()) {
        Some(near) => format!("did you mean `{near}`?"),
        None => {
            let all: Vec<String> = candidates.map(|c| format!("`{c}`")).collect();
            if all.is_empty() {
                format!("{list_intro}: none")
            } else {
                format!("{list_intro}: {}", all.join(", "))
            }
        }
    }
}

/// The candidate nearest to `word` by edit distance, if it is near at all.
pub(super) fn closest<'a>(
    word: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .filter(|c| *c != word)
        .map(|c| (edit_distance(word, c), c))
        .filter(|(d, c)| {
            let near = *d <= 2.max(c.len() / 3) && *d < c.len().max(word.len());
            // A shortened name (`{num}` for `{number}`) is near too.
            near || (word.len() >= 3 && c.starts_with(word))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_suggests_near_names_only() {
        let keys = ["id", "text", "kind", "instruction"];
        assert_eq!(closest("knd", keys.into_iter()), Some("kind"));
        assert_eq!(
            closest("instructions", keys.into_iter()),
            Some("instruction")
        );
        assert_eq!(closest("zzzzzz", keys.into_iter()), None);
        // Two letters share nothing with `id`: no suggestion.
        assert_eq!(closest("xy", keys.into_iter()), None);
    }

    #[test]
    fn widening_takes_in_the_quotes() {
        let src = r#"a = "xy" b = '''z'''"#;
        assert_eq!(
            widen_to_quotes(src, Span { start: 5, end: 7 }),
            Span { start: 4, end: 8 }
        );
        assert_eq!(
            widen_to_quotes(src, Span { start: 16, end: 17 }),
            Span { start: 13, end: 20 }
        );
        assert_eq!(
            widen_to_quotes("a = 2", Span { start: 4, end: 5 }),
            Span { start: 4, end: 5 }
        );
    }

    #[test]
    fn snippets_are_one_short_line() {
        let src = "x = [\n 1,\n 2 ]";
        assert_eq!(
            snippet(
                src,
                Span {
                    start: 4,
                    end: src.len()
                }
            ),
            "[…"
        );
        assert_eq!(snippet("abc", Span { start: 0, end: 3 }), "abc");
    }
}
