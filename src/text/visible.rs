//! [`visible`]: text for a terminal, with what would not print as itself
//! shown as a name.

use super::class::{Class, class, joiner_kept};
use std::borrow::Cow;
use std::fmt::Write as _;

/// The names of the C0 controls, `<NUL>` to `<US>`.
const C0: [&str; 32] = [
    "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR",
    "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC",
    "FS", "GS", "RS", "US",
];

/// Whether the character at byte `at` prints as itself: everything
/// [`super::clean`] keeps unchanged. CR and the Unicode line separators
/// are shown too: a CR returns the cursor and lets a line overwrite itself.
fn shown_as_itself(text: &str, at: usize, c: char) -> bool {
    match class(c) {
        Class::Keep => true,
        Class::Joiner => joiner_kept(text, at, c.len_utf8()),
        Class::LineBreak | Class::Remove(_) => false,
    }
}

/// `text` for a terminal: line feeds and tabs as they are, every other
/// character that would not print as itself as `<ESC>`, `<NUL>`, `<DEL>`
/// or `<U+202E>`, so that it is seen and never acted on. An escape
/// sequence shows as its introducer's name and its printable rest
/// (`<ESC>]0;title<BEL>`). Text that needs nothing is borrowed.
pub fn visible(text: &str) -> Cow<'_, str> {
    let Some(start) = text
        .char_indices()
        .find(|&(i, c)| !shown_as_itself(text, i, c))
        .map(|(i, _)| i)
    else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..start]);
    for (i, c) in text[start..].char_indices() {
        let at = start + i;
        if shown_as_itself(text, at, c) {
            out.push(c);
        } else if let Some(name) = C0.get(c as usize) {
            let _ = write!(out, "<{name}>");
        } else if c == '\u{7f}' {
            out.push_str("<DEL>");
        } else {
            let _ = write!(out, "<U+{:04X}>", u32::from(c));
        }
    }
    Cow::Owned(out)
}

/// What to write to a stream: [`visible`] text when it is a terminal, the
/// text itself otherwise (a file or a pipe gets the exact bytes).
pub fn for_stream(text: &str, terminal: bool) -> Cow<'_, str> {
    if terminal {
        visible(text)
    } else {
        Cow::Borrowed(text)
    }
}
