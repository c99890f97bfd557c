//! [`clean`]: what is kept of user text.

use super::class::{Class, Kind, class, joiner_kept};
use super::sequence;
use std::fmt;

/// How many of each kind of character or sequence [`clean`] removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Removed {
    pub nul: usize,
    pub escapes: usize,
    pub controls: usize,
    pub bidi: usize,
    pub invisible: usize,
}

impl Removed {
    pub fn is_empty(&self) -> bool {
        self.total() == 0
    }

    pub fn total(&self) -> usize {
        self.nul + self.escapes + self.controls + self.bidi + self.invisible
    }

    /// Adds the counts of `other`.
    pub fn add(&mut self, other: &Removed) {
        self.nul += other.nul;
        self.escapes += other.escapes;
        self.controls += other.controls;
        self.bidi += other.bidi;
        self.invisible += other.invisible;
    }

    fn count(&mut self, kind: Kind) {
        match kind {
            Kind::Nul => self.nul += 1,
            Kind::Escape => self.escapes += 1,
            Kind::Control => self.controls += 1,
            Kind::Bidi => self.bidi += 1,
            Kind::Invisible => self.invisible += 1,
        }
    }
}

/// "3 NUL bytes, 1 escape sequence and 2 invisible characters".
impl fmt::Display for Removed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = [
            (self.nul, "NUL byte"),
            (self.escapes, "escape sequence"),
            (self.controls, "control character"),
            (self.bidi, "bidirectional control character"),
            (self.invisible, "invisible character"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, noun)| crate::wording::count_s(n, noun))
        .collect();
        match parts.as_slice() {
            [] => f.write_str("nothing"),
            [one] => f.write_str(one),
            [init @ .., last] => write!(f, "{} and {last}", init.join(", ")),
        }
    }
}

/// Text as kept, and what was taken out of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    pub text: String,
    pub removed: Removed,
    /// The byte offset in the input of the first thing removed.
    pub first: Option<usize>,
}

/// Whether `text` certainly has nothing for [`clean`] to do, checked
/// without allocating: most text is clean, and a report is checked line by
/// line. False for text with a ZWJ or ZWNJ even where they are kept: only
/// [`clean`] reads their neighbours.
pub fn is_clean(text: &str) -> bool {
    let ascii = |b: &u8| (0x20..0x7f).contains(b) || *b == b'\n' || *b == b'\t';
    text.as_bytes().iter().all(ascii) || text.chars().all(|c| class(c) == Class::Keep)
}

/// The one rule for user text. Keeps what prints as itself, line feeds and
/// tabs; reads CR LF, CR, U+2028 and U+2029 as line feeds; removes escape
/// sequences whole, other controls (C0, DEL, C1, NUL), bidirectional
/// embeddings, overrides and isolates, and invisible characters (ZWJ and
/// ZWNJ only where they join nothing). Idempotent.
pub fn clean(text: &str) -> Cleaned {
    if is_clean(text) {
        return Cleaned {
            text: text.to_owned(),
            removed: Removed::default(),
            first: None,
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut removed = Removed::default();
    let mut first = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let mut remove = |kind: Kind, len: usize| {
            removed.count(kind);
            first.get_or_insert(i);
            len
        };
        let len = c.len_utf8();
        i += match (sequence::length(&text[i..]), class(c)) {
            (Some(n), _) => remove(Kind::Escape, n),
            (None, Class::Keep) => {
                out.push(c);
                len
            }
            (None, Class::LineBreak) => {
                if !(c == '\r' && text[i + len..].starts_with('\n')) {
                    out.push('\n');
                }
                len
            }
            (None, Class::Joiner) if joiner_kept(text, i, len) => {
                out.push(c);
                len
            }
            (None, Class::Joiner) => remove(Kind::Invisible, len),
            (None, Class::Remove(kind)) => remove(kind, len),
        };
    }
    Cleaned {
        text: out,
        removed,
        first,
    }
}
