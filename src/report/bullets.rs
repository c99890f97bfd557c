//! Lists as word processors and mail programs put them on the clipboard:
//! `•<Tab>item`, `o<Tab>nested`, `·   item`, `1.<Tab>item`. [`normalize`]
//! writes such lines in the editor's own list syntax (`- item`,
//! `  - nested`, `1. item`).
//!
//! [`super::freetext::parse`] reads every answer through [`normalize`], so
//! a bullet pasted or typed prints as a list item wherever the answer is
//! printed (export, the wizard's preview, `quire drafts show`), and the
//! wizard also applies it to pasted text so that the editor shows the list
//! syntax at once. A line meant literally is escaped as any list-like line
//! is: `\• not a bullet`.
//!
//! The rule is per line, so that whether a line is recognised never
//! depends on its neighbours (the escape in source form relies on it); only
//! the nesting level does.

use std::borrow::Cow;

/// Bullets that stand before a space, a tab or a no-break space: Word's
/// and Outlook's defaults, the Symbol font's bullet as plain text shows it
/// (`·`), and the dashes some people use as bullets.
const GLYPHS: &[char] = &[
    '•', '·', '◦', '▪', '▫', '■', '□', '○', '●', '‣', '⁃', '➢', '►', '–', '—',
];

/// Bullets that are letters or punctuation in prose, recognised only before
/// a tab or a no-break space, as Word writes lists in plain text: `o` and
/// `§` are its second and third levels (Courier New `o`, Wingdings `§` for
/// ▪), `Ø` and `ü` its Wingdings arrow and tick; Outlook writes `*`. `-`
/// before a space is already an item.
const TAB_GLYPHS: &[char] = &['o', '§', 'Ø', 'ü', '*', '-'];

/// White space between a bullet and its text. The no-break space is how
/// HTML mail pads a bullet (`·&nbsp;&nbsp; item`).
fn is_gap(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}')
}

/// What marks a recognised line. Lines with the same mark at the same
/// indentation are at the same level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Glyph(char),
    Number,
}

/// A line written as a word processor's list item.
#[derive(Debug, PartialEq, Eq)]
struct Marked<'a> {
    /// The width of the leading white space (a tab to the next multiple of
    /// 8): only compared between lines, to see which is deeper.
    indent: usize,
    mark: Mark,
    /// The digits of a numbered item.
    number: &'a str,
    text: &'a str,
}

fn marked(line: &str) -> Option<Marked<'_>> {
    let mut indent = 0;
    let mut start = line.len();
    for (i, c) in line.char_indices() {
        match c {
            ' ' => indent += 1,
            '\t' => indent = (indent / 8 + 1) * 8,
            _ => {
                start = i;
                break;
            }
        }
    }
    let rest = &line[start..];
    let first = rest.chars().next()?;
    let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (mark, number, after, space_ok) = if (1..=3).contains(&digits) {
        let after = rest[digits..].strip_prefix(['.', ')'])?;
        (Mark::Number, &rest[..digits], after, false)
    } else if GLYPHS.contains(&first) {
        (Mark::Glyph(first), "", &rest[first.len_utf8()..], true)
    } else if TAB_GLYPHS.contains(&first) {
        (Mark::Glyph(first), "", &rest[first.len_utf8()..], false)
    } else {
        return None;
    };
    // A number or a letter before a plain space is prose ("1) first",
    // "o well"); `1. ` is an item of the source syntax already.
    let gap = after.chars().next()?;
    if !(gap == '\t' || gap == '\u{a0}' || (space_ok && gap == ' ')) {
        return None;
    }
    let text = after.trim_start_matches(is_gap);
    if text.is_empty() {
        return None;
    }
    Some(Marked {
        indent,
        mark,
        number,
        text,
    })
}

/// Whether [`normalize`] turns `line` into a list item.
pub fn is_marked(line: &str) -> bool {
    marked(line).is_some()
}

/// The level of a recognised line, given the lines just before it (the
/// open levels, outermost first). A deeper indentation opens a level; at
/// the same indentation a mark seen before goes back to its level and a
/// new mark opens one, as Word's `•`, `o`, `§` do with no indentation.
fn level(open: &mut Vec<(usize, Mark)>, indent: usize, mark: Mark) -> usize {
    while open.last().is_some_and(|&(w, _)| w > indent) {
        open.pop();
    }
    let same = open.iter().rposition(|&(w, m)| w == indent && m == mark);
    match same {
        Some(at) => open.truncate(at + 1),
        None => open.push((indent, mark)),
    }
    open.len() - 1
}

/// `text` with word processors' list lines written in the source syntax:
/// `•<Tab>item` → `- item`, `o<Tab>nested` after it → `  - nested`,
/// `1.<Tab>item` or `1)<Tab>item` → `1. item`. The first item of a run of
/// such lines is at the top level; a run ends at any other line, blank or
/// not. Every other line is kept byte for byte, and so is a text with none
/// (borrowed). Idempotent: what it writes is never recognised again.
pub fn normalize(text: &str) -> Cow<'_, str> {
    if !text.split('\n').any(is_marked) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut open = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let Some(m) = marked(line) else {
            open.clear();
            out.push_str(line);
            continue;
        };
        let level = level(&mut open, m.indent, m.mark);
        out.extend(std::iter::repeat_n(' ', 2 * level));
        match m.mark {
            Mark::Glyph(_) => out.push('-'),
            Mark::Number => {
                out.push_str(m.number);
                out.push('.');
            }
        }
        out.push(' ');
        out.push_str(m.text);
    }
    Cow::Owned(out)
}

/// [`normalize`] for text inserted at the cursor. When the cursor is not
/// at the start of a line, the first line of the text continues that line
/// and is kept as it is ("Hello " then "· world" is not a list item).
pub fn normalize_insert(text: &str, at_line_start: bool) -> Cow<'_, str> {
    if at_line_start {
        return normalize(text);
    }
    match text.split_once('\n') {
        Some((first, rest)) => match normalize(rest) {
            Cow::Borrowed(_) => Cow::Borrowed(text),
            Cow::Owned(rest) => Cow::Owned(format!("{first}\n{rest}")),
        },
        None => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::freetext;
    use proptest::prelude::*;
    use rstest::rstest;

    #[rstest]
    // Each bullet, before a tab and before spaces.
    #[case::bullet_tab("•\titem", "- item")]
    #[case::bullet_space("• item", "- item")]
    #[case::middle_dot_spaces("·         item", "- item")]
    #[case::middle_dot_nbsp("·\u{a0}\u{a0}\u{a0} item", "- item")]
    #[case::white_bullet("◦ item", "- item")]
    #[case::small_square("▪\titem", "- item")]
    #[case::white_small_square("▫ item", "- item")]
    #[case::square("■ item", "- item")]
    #[case::white_square("□ item", "- item")]
    #[case::circle("○ item", "- item")]
    #[case::black_circle("● item", "- item")]
    #[case::triangle("‣ item", "- item")]
    #[case::hyphen_bullet("⁃ item", "- item")]
    #[case::arrowhead("➢ item", "- item")]
    #[case::pointer("► item", "- item")]
    #[case::en_dash("– item", "- item")]
    #[case::em_dash("—\titem", "- item")]
    #[case::outlook_o_tab("o\titem", "- item")]
    #[case::wingdings_square("§\titem", "- item")]
    #[case::wingdings_arrow("Ø\titem", "- item")]
    #[case::wingdings_tick("ü\titem", "- item")]
    #[case::outlook_star("*\titem", "- item")]
    #[case::hyphen_tab("-\titem", "- item")]
    #[case::tabs_inside_text_stay("•\tName\tRole", "- Name\tRole")]
    #[case::trailing_space_stays("• item ", "- item ")]
    // Numbers before a tab.
    #[case::number_dot_tab("1.\tfirst\n2.\tsecond", "1. first\n2. second")]
    #[case::number_paren_tab("1)\tfirst\n10)\tsecond", "1. first\n10. second")]
    #[case::number_nbsp("3.\u{a0}third", "3. third")]
    // Nesting: by mark at the same indentation, by indentation.
    #[case::word_levels("•\ta\no\tb\n§\tc\no\td\n•\te", "- a\n  - b\n    - c\n  - d\n- e")]
    #[case::white_bullet_nests("• a\n◦ b\n• c", "- a\n  - b\n- c")]
    #[case::tabs_nest("•\ta\n\t•\tb\n\t\t•\tc\n•\td", "- a\n  - b\n    - c\n- d")]
    #[case::spaces_nest("  ·  a\n      o\tb\n  ·  c", "- a\n  - b\n- c")]
    #[case::numbers_under_bullets("•\ta\n\t1.\tb\n\t2.\tc", "- a\n  1. b\n  2. c")]
    #[case::first_of_a_run_is_top("\to\tsub only", "- sub only")]
    #[case::prose_ends_a_run("•\ta\nPara.\no\tb", "- a\nPara.\n- b")]
    #[case::blank_line_ends_a_run("•\ta\n\no\tb", "- a\n\n- b")]
    // Prose stays prose.
    #[case::o_well("o well", "o well")]
    #[case::section("§ 5 of the Act", "§ 5 of the Act")]
    #[case::numbered_paren_space("1) first", "1) first")]
    #[case::year("2024.\tA year.", "2024.\tA year.")]
    #[case::star_space("* not markdown here", "* not markdown here")]
    #[case::glyph_alone("•", "•")]
    #[case::glyph_then_blank("•\t ", "•\t ")]
    #[case::glyph_glued("•item", "•item")]
    #[case::mid_line("See • this", "See • this")]
    #[case::escaped("\\•\tnot a bullet", "\\•\tnot a bullet")]
    #[case::source_items_stay("- a\n  - b\n1. c", "- a\n  - b\n1. c")]
    #[case::line_ends_stay("\n•\ta\n\n", "\n- a\n\n")]
    fn normalizes(#[case] text: &str, #[case] want: &str) {
        assert_eq!(normalize(text), want);
        assert_eq!(normalize(want), want, "not idempotent");
    }

    #[test]
    fn text_with_nothing_to_do_is_borrowed() {
        assert!(matches!(
            normalize("Plain.\n- a\n\to well"),
            Cow::Borrowed(_)
        ));
    }

    #[rstest]
    #[case::at_line_start("•\ta\n•\tb", true, "- a\n- b")]
    #[case::continues_a_line("· world\n•\tb", false, "· world\n- b")]
    #[case::one_line_mid_line("· world", false, "· world")]
    fn normalizes_inserted_text(#[case] text: &str, #[case] start: bool, #[case] want: &str) {
        assert_eq!(normalize_insert(text, start), want);
    }

    /// Text made of the pieces that matter: marks, gaps, digits, letters.
    fn pieces() -> impl Strategy<Value = String> {
        proptest::string::string_regex("([•·◦–o§*1.)\\- \t\u{a0}\\\\a\n]|ab|12){0,40}")
            .expect("valid regex")
    }

    proptest! {
        #[test]
        fn normalizing_twice_is_normalizing_once(text in pieces()) {
            let once = normalize(&text).into_owned();
            prop_assert_eq!(normalize(&once), once.as_str());
        }

        #[test]
        fn source_written_for_an_answer_is_never_changed(text in pieces()) {
            let source = freetext::to_source(&freetext::parse(&text));
            prop_assert_eq!(normalize(&source), source.as_str());
            prop_assert_eq!(freetext::parse(&source), freetext::parse(&text));
        }

        #[test]
        fn lines_are_kept_one_for_one(text in pieces()) {
            prop_assert_eq!(normalize(&text).split('\n').count(), text.split('\n').count());
        }
    }
}
