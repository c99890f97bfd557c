//! What the rule does with each character outside an escape sequence.

/// A kind of thing removed, counted separately so that the user is told
/// what went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// U+0000: a file read as text that is binary or UTF-16.
    Nul,
    /// An escape sequence (7-bit or 8-bit), or a lone ESC.
    Escape,
    /// Any other C0 control but line feed and tab, DEL, and C1.
    Control,
    /// Bidirectional embeddings, overrides and isolates.
    Bidi,
    /// Zero-width and other invisible format characters.
    Invisible,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// Printed as itself.
    Keep,
    /// CR, U+2028, U+2029: a line break, kept as `\n`.
    LineBreak,
    /// ZWJ and ZWNJ: kept inside a word of a script or emoji that uses
    /// them, removed elsewhere (see [`joins`]).
    Joiner,
    Remove(Kind),
}

pub fn class(c: char) -> Class {
    match c {
        '\n' | '\t' => Class::Keep,
        '\r' | '\u{2028}' | '\u{2029}' => Class::LineBreak,
        '\0' => Class::Remove(Kind::Nul),
        '\u{1b}' => Class::Remove(Kind::Escape),
        '\u{1}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Class::Remove(Kind::Control),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Class::Remove(Kind::Bidi),
        '\u{200c}' | '\u{200d}' => Class::Joiner,
        '\u{200b}'
        | '\u{2060}'..='\u{2065}'
        | '\u{206a}'..='\u{206f}'
        | '\u{feff}'
        | '\u{180e}'
        | '\u{3164}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e007f}' => Class::Remove(Kind::Invisible),
        _ => Class::Keep,
    }
}

/// Whether a joiner between `c` and another such character is kept: both
/// are printed, non-ASCII and not blank. Emoji sequences, Persian ZWNJ and
/// Indic conjuncts have a joiner between two such characters; between
/// ASCII letters a joiner changes nothing on screen and only hides a
/// difference ("pass\u{200d}word").
pub fn joins(c: char) -> bool {
    !c.is_ascii() && !c.is_whitespace() && class(c) == Class::Keep
}

/// Whether the joiner at byte `at` of `text` (of length `len`) is kept.
pub fn joiner_kept(text: &str, at: usize, len: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + len..].chars().next();
    before.is_some_and(joins) && after.is_some_and(joins)
}
