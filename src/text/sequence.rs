//! Escape sequences (ECMA-48), found so that they are removed whole:
//! `ESC [ 2 J` leaves nothing behind, rather than a stray `[2J`.

/// The length in bytes of the escape sequence at the start of `rest`, or
/// `None` if `rest` does not start with ESC or an 8-bit introducer.
pub fn length(rest: &str) -> Option<usize> {
    let first = rest.chars().next()?;
    let at = first.len_utf8();
    match first {
        '\u{1b}' => Some(escape(rest, at)),
        '\u{9b}' => Some(csi(rest, at)),
        // DCS, SOS, OSC, PM, APC.
        '\u{90}' | '\u{98}' | '\u{9d}' | '\u{9e}' | '\u{9f}' => Some(string(rest, at)),
        // SS2, SS3.
        '\u{8e}' | '\u{8f}' => Some(single_shift(rest, at)),
        _ => None,
    }
}

/// After ESC at `at`. Indexes move over ASCII bytes only, so they stay on
/// character boundaries.
fn escape(rest: &str, at: usize) -> usize {
    let b = rest.as_bytes();
    match b.get(at) {
        Some(b'[') => csi(rest, at + 1),
        Some(b']' | b'P' | b'X' | b'^' | b'_') => string(rest, at + 1),
        Some(b'N' | b'O') => single_shift(rest, at + 1),
        // Intermediates then a final byte (`ESC ( B`, `ESC # 8`).
        Some(0x20..=0x2f) => {
            let mut i = at;
            while matches!(b.get(i), Some(0x20..=0x2f)) {
                i += 1;
            }
            if matches!(b.get(i), Some(0x30..=0x7e)) {
                i + 1
            } else {
                i
            }
        }
        // Two-character sequences (`ESC c` resets the terminal, `ESC 7`).
        Some(0x30..=0x7e) => at + 1,
        // A lone ESC.
        _ => at,
    }
}

/// Parameter and intermediate bytes, then a final byte. A character that
/// cannot be part of it ends the sequence there, as in a terminal: what was
/// read is removed, that character is read on its own.
fn csi(rest: &str, at: usize) -> usize {
    let b = rest.as_bytes();
    let mut i = at;
    while matches!(b.get(i), Some(0x20..=0x3f)) {
        i += 1;
    }
    if matches!(b.get(i), Some(0x40..=0x7e)) {
        i + 1
    } else {
        i
    }
}

/// OSC, DCS, SOS, PM and APC carry a string up to BEL or ST (`ESC \` or
/// U+009C). Without one on its line, only the introducer is removed and the
/// string stays as text: a missing terminator never swallows the rest of
/// an answer. The scan stops at the next ESC or C1, so text full of
/// introducers is still read in linear time.
fn string(rest: &str, body: usize) -> usize {
    for (i, c) in rest[body..].char_indices() {
        let at = body + i;
        match c {
            '\u{7}' | '\u{9c}' => return at + c.len_utf8(),
            '\u{1b}' if rest[at + 1..].starts_with('\\') => return at + 2,
            '\u{1b}' | '\n' | '\r' | '\u{80}'..='\u{9f}' => return body,
            _ => {}
        }
    }
    body
}

/// A single shift applies to the one character after it, which goes too.
fn single_shift(rest: &str, at: usize) -> usize {
    if matches!(rest.as_bytes().get(at), Some(0x20..=0x7e)) {
        at + 1
    } else {
        at
    }
}
