//! Free-text answers: paragraphs and (nested) lists.
//!
//! An answer is stored in *source form*, as the respondent types it:
//! paragraphs separated by an empty line, list items written `- item` or
//! `1. item`, two spaces of indent per nesting level. The report prints the
//! same blocks in canonical form (`  • item`, `    • nested`, `  1. item`).
//!
//! Lists pasted from a word processor (`•<Tab>item`, `o<Tab>nested`) are
//! read as the same items: [`parse`] reads the source through
//! [`super::bullets::normalize`].
//!
//! A source line that would read as a list item but is meant literally is
//! written with a leading `\` (`\- not a bullet`, `\• not a bullet`);
//! reading a report adds that escape, so `quire fmt` never turns a
//! paragraph into a list.

use super::bullets;

/// How a list item is marked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    Bullet,
    /// The number as written (`3` for `3.`): never renumbered.
    Number(String),
}

/// One list item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// 0 for a top-level item.
    pub level: usize,
    pub marker: Marker,
    pub text: String,
}

/// A block of an answer; blocks are separated by one empty line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Literal lines, printed one after the other.
    Paragraph(Vec<String>),
    List(Vec<Item>),
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t' || c == '\r')
}

fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `1. rest` → (`1`, `rest`): one to three digits, a dot and a space.
fn numbered(s: &str) -> Option<(&str, &str)> {
    let digits = s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = s[digits..].strip_prefix(". ")?;
    Some((&s[..digits], rest))
}

/// `rest` (a line after its indent) as an item at `level`: `bullet` and
/// its text, or a number and its text; source and canonical forms differ
/// only in the bullet and in how the indent gives the level.
fn item(level: usize, rest: &str, bullet: &str) -> Option<Item> {
    if let Some(text) = rest.strip_prefix(bullet) {
        return Some(Item {
            level,
            marker: Marker::Bullet,
            text: text.to_owned(),
        });
    }
    numbered(rest).map(|(n, text)| Item {
        level,
        marker: Marker::Number(n.to_owned()),
        text: text.to_owned(),
    })
}

/// A source line as a list item.
fn source_item(line: &str) -> Option<Item> {
    let indent = leading_spaces(line);
    item(indent / 2, &line[indent..], "- ")
}

/// Whether a literal line must be escaped to stay literal in source form.
fn needs_escape(line: &str) -> bool {
    source_item(line).is_some()
        || bullets::is_marked(line)
        || line.strip_prefix('\\').is_some_and(needs_escape)
}

enum SourceLine {
    Blank,
    Item(Item),
    Literal(String),
}

fn classify(line: &str) -> SourceLine {
    if is_blank(line) {
        return SourceLine::Blank;
    }
    if let Some(rest) = line.strip_prefix('\\')
        && needs_escape(rest)
    {
        return SourceLine::Literal(rest.to_owned());
    }
    match source_item(line) {
        Some(item) => SourceLine::Item(item),
        None => SourceLine::Literal(line.to_owned()),
    }
}

/// Groups classified lines into blocks: an empty line ends a block, and so
/// does a change between list items and literal lines.
fn group(lines: impl Iterator<Item = SourceLine>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    for line in lines {
        match (line, blocks.last_mut()) {
            (SourceLine::Blank, _) => open = false,
            (SourceLine::Item(i), Some(Block::List(items))) if open => items.push(i),
            (SourceLine::Literal(l), Some(Block::Paragraph(ls))) if open => ls.push(l),
            (SourceLine::Item(i), _) => {
                blocks.push(Block::List(vec![i]));
                open = true;
            }
            (SourceLine::Literal(l), _) => {
                blocks.push(Block::Paragraph(vec![l]));
                open = true;
            }
        }
    }
    blocks
}

/// Reads an answer in source form, word processors' list lines included.
pub fn parse(source: &str) -> Vec<Block> {
    group(bullets::normalize(source).lines().map(classify))
}

/// Writes blocks in source form (the inverse of [`parse`]).
pub fn to_source(blocks: &[Block]) -> String {
    let mut out = String::new();
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(lines) => {
                for (j, line) in lines.iter().enumerate() {
                    if j > 0 {
                        out.push('\n');
                    }
                    if needs_escape(line) {
                        out.push('\\');
                    }
                    out.push_str(line);
                }
            }
            Block::List(items) => {
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push('\n');
                    }
                    push_item(&mut out, item, 0, "-");
                }
            }
        }
    }
    out
}

fn push_item(out: &mut String, item: &Item, base_indent: usize, bullet: &str) {
    for _ in 0..base_indent + 2 * item.level {
        out.push(' ');
    }
    match &item.marker {
        Marker::Bullet => out.push_str(bullet),
        Marker::Number(n) => {
            out.push_str(n);
            out.push('.');
        }
    }
    out.push(' ');
    out.push_str(&item.text);
}

/// Writes blocks as the canonical report prints them (no final line end).
pub fn render(blocks: &[Block], out: &mut String) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            out.push_str("\n\n");
        }
        match block {
            Block::Paragraph(lines) => out.push_str(&lines.join("\n")),
            Block::List(items) => {
                for (j, item) in items.iter().enumerate() {
                    if j > 0 {
                        out.push('\n');
                    }
                    push_item(out, item, 2, "•");
                }
            }
        }
    }
}

/// A canonical report line as a list item: `  • item`, `    1. item`.
fn canonical_item(line: &str) -> Option<Item> {
    let indent = leading_spaces(line);
    // At the margin, a bullet or a number starts a paragraph: items are
    // printed indented, and a literal line is printed as it is, so "• x"
    // typed (or kept from a `.flat` page) must read back as text.
    if indent < 2 {
        return None;
    }
    item((indent - 2) / 2, &line[indent..], "• ")
}

/// Reads an answer as printed in a canonical report.
pub fn from_canonical<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Block> {
    group(lines.into_iter().map(|l| {
        if is_blank(l) {
            SourceLine::Blank
        } else if let Some(item) = canonical_item(l) {
            SourceLine::Item(item)
        } else {
            SourceLine::Literal(l.to_owned())
        }
    }))
}

/// Reads an answer as printed in a `.flat` report: one paragraph a line,
/// `- item` for list items (nesting is not shown there).
pub fn from_flat<'a>(lines: impl IntoIterator<Item = &'a str>) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    for line in lines.into_iter().filter(|l| !is_blank(l)) {
        // A line the canonical layout reads as an item (`   • x`) is one
        // here too: kept as a paragraph, it printed as it is and `fmt` read
        // its own output back as an item, printed otherwise.
        let item = match line.strip_prefix("- ") {
            Some(text) => Some(Item {
                level: 0,
                marker: Marker::Bullet,
                text: text.to_owned(),
            }),
            None => canonical_item(line),
        };
        match (item, blocks.last_mut()) {
            (Some(item), Some(Block::List(items))) => items.push(item),
            (Some(item), _) => blocks.push(Block::List(vec![item])),
            (None, _) => blocks.push(Block::Paragraph(vec![line.to_owned()])),
        }
    }
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn canonical(source: &str) -> String {
        let mut out = String::new();
        render(&parse(source), &mut out);
        out
    }

    #[rstest]
    #[case::paragraphs("One.\n\nTwo.", "One.\n\nTwo.")]
    #[case::blank_runs_fold("One.\n\n\n\nTwo.\n", "One.\n\nTwo.")]
    #[case::bullets("- a\n- b", "  • a\n  • b")]
    #[case::nested("- a\n  - b\n    - c\n- d", "  • a\n    • b\n      • c\n  • d")]
    #[case::numbered("1. a\n2. b\n  - c", "  1. a\n  2. b\n    • c")]
    #[case::list_after_paragraph_gets_a_gap("Intro:\n- a\nAfter.", "Intro:\n\n  • a\n\nAfter.")]
    #[case::soft_break_kept("line one\nline two", "line one\nline two")]
    #[case::escape_keeps_literal("\\- not a bullet", "- not a bullet")]
    #[case::lone_backslash_stays("\\\\server", "\\\\server")]
    #[case::nbsp_kept("Text.\u{a0}", "Text.\u{a0}")]
    #[case::year_is_not_a_number("2024. A year.", "2024. A year.")]
    #[case::pasted_bullets("Intro:\n•\ta\no\tb\n•\tc", "Intro:\n\n  • a\n    • b\n  • c")]
    #[case::typed_bullets("• a\n◦ b", "  • a\n    • b")]
    #[case::pasted_numbers("1.\ta\n2)\tb", "  1. a\n  2. b")]
    #[case::escaped_bullet("\\• not a bullet", "• not a bullet")]
    #[case::o_well_is_prose("o well", "o well")]
    fn source_to_canonical(#[case] source: &str, #[case] want: &str) {
        assert_eq!(canonical(source), want);
    }

    #[rstest]
    #[case("  • a\n    • b\n  1. c")]
    #[case("Para.\u{a0}\n\n  • a")]
    #[case("- literal dash at the margin")]
    #[case("1. literal number at the margin")]
    #[case("• literal bullet at the margin")]
    #[case("\\- literal backslash dash")]
    #[case("– a dash that starts a line")]
    #[case("Para.\n  ◦ an indented white bullet\no\ttab")]
    #[case("\\• a backslash and a bullet")]
    fn canonical_survives_source_round_trip(#[case] text: &str) {
        let blocks = from_canonical(text.lines());
        assert_eq!(parse(&to_source(&blocks)), blocks);
        assert_eq!(canonical(&to_source(&blocks)), text);
    }

    #[test]
    fn flat_lines_are_paragraphs_and_dashes_are_items() {
        let blocks = from_flat(["Intro:", "- a", "- b", "Next.", "Last."]);
        assert_eq!(to_source(&blocks), "Intro:\n\n- a\n- b\n\nNext.\n\nLast.");
    }

    #[test]
    fn flat_lines_read_as_canonical_items_are_items() {
        let blocks = from_flat(["- a", "   • b", "    1. c", "• d"]);
        // "• d" at the margin is text in a report, escaped in source form,
        // where it would read as a list item.
        assert_eq!(to_source(&blocks), "- a\n- b\n  1. c\n\n\\• d");
    }
}
