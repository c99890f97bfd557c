//! The known lines of a report ("anchors"): headings, question texts,
//! prompts and the footer, found in questionnaire order.

use super::super::{part_heading, question_heading};
use crate::questionnaire::Questionnaire;
use std::collections::HashMap;

/// An anchor the report should have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Slot {
    Part(usize),
    Heading(usize),
    Text(usize),
    Prompt(usize, usize),
    Footer,
}

/// Comparison that forgives what web pages do to text: runs of white space
/// (including no-break spaces) and curly quotes.
///
/// One pass, as it runs on every line of every report read (a summary of
/// a thousand reports calls it millions of times): the words of
/// `split_whitespace` joined by one space, quotes straightened.
pub(super) fn loose(s: &str) -> String {
    // Most lines are ASCII with single spaces between words: already loose.
    let b = s.as_bytes();
    let ascii_space = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r');
    if s.is_ascii()
        && !b.first().is_some_and(ascii_space)
        && !b.last().is_some_and(ascii_space)
        && !b
            .iter()
            .enumerate()
            .any(|(i, c)| ascii_space(c) && (*c != b' ' || b.get(i + 1).is_some_and(ascii_space)))
    {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(match c {
            '’' | '‘' => '\'',
            '“' | '”' => '"',
            c => c,
        });
    }
    out
}

pub(super) fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t')
}

/// Trims leading and trailing blank lines, keeping line numbers.
pub(super) fn trim_region<'a, 'b>(mut region: &'a [(usize, &'b str)]) -> &'a [(usize, &'b str)] {
    while let [(_, l), rest @ ..] = region
        && is_blank(l)
    {
        region = rest;
    }
    while let [rest @ .., (_, l)] = region
        && is_blank(l)
    {
        region = rest;
    }
    region
}

/// Every anchor the report should have, in order.
pub(super) fn slots(q: &Questionnaire) -> Vec<Slot> {
    let mut out = Vec::new();
    for p in 0..q.parts.len() {
        out.push(Slot::Part(p));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            out.push(Slot::Heading(i));
            out.push(Slot::Text(i));
            out.extend((0..question.follow_ups.len()).map(|f| Slot::Prompt(i, f)));
        }
    }
    if !q.layout.footer.is_empty() {
        out.push(Slot::Footer);
    }
    out
}

pub(super) fn anchor_text(q: &Questionnaire, slot: Slot) -> String {
    match slot {
        Slot::Part(p) => part_heading(q, p),
        Slot::Heading(i) => question_heading(q, &q.questions[i]),
        Slot::Text(i) => q.questions[i].text.to_string(),
        Slot::Prompt(i, f) => q.questions[i].follow_ups[f].prompt.to_string(),
        Slot::Footer => q.layout.footer[0].value.to_string(),
    }
}

/// What an anchor is, for messages: "the heading of Part III".
pub(super) fn describe(q: &Questionnaire, slot: Slot) -> String {
    match slot {
        Slot::Part(p) => format!("the heading of Part {}", super::super::roman(p + 1)),
        Slot::Heading(i) => format!("the heading of Question {}", q.questions[i].number),
        Slot::Text(i) => format!("the text of Question {}", q.questions[i].number),
        Slot::Prompt(i, _) => format!("a follow-up prompt of Question {}", q.questions[i].number),
        Slot::Footer => "the footer".into(),
    }
}

/// Finds each anchor in order; one that is not there is passed over.
/// `keys` are the report's lines, compared loosely.
pub(super) fn find(q: &Questionnaire, slots: &[Slot], keys: &[String]) -> Vec<(Slot, usize)> {
    // Each distinct line's positions, so that finding every anchor costs one
    // pass over the report rather than one pass per anchor.
    let mut at: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, k) in keys.iter().enumerate() {
        at.entry(k.as_str()).or_default().push(j);
    }
    let mut found = Vec::new();
    let mut pos = 0;
    for &slot in slots {
        let want = loose(&anchor_text(q, slot));
        if want.is_empty() {
            continue;
        }
        let Some(places) = at.get(want.as_str()) else {
            continue;
        };
        let k = places.partition_point(|&j| j < pos);
        if let Some(&j) = places.get(k) {
            found.push((slot, j));
            pos = j + 1;
        }
    }
    found
}

/// The first anchor after `after` (all of them when `None`) that `line`
/// starts without completing: the line is that anchor, cut off.
pub(super) fn cut_anchor(
    q: &Questionnaire,
    slots: &[Slot],
    after: Option<Slot>,
    line: &str,
) -> Option<Slot> {
    let start = after.map_or(0, |s| {
        slots.iter().position(|x| *x == s).map_or(0, |p| p + 1)
    });
    let key = loose(line);
    if key.is_empty() {
        return None;
    }
    slots[start..].iter().copied().find(|&slot| {
        let want = loose(&anchor_text(q, slot));
        want.len() > key.len() && want.starts_with(&key)
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    /// What `loose` was before it was made one pass.
    fn reference(s: &str) -> String {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .replace(['’', '‘'], "'")
            .replace(['“', '”'], "\"")
    }

    proptest! {
        #[test]
        fn loose_is_words_joined_by_one_space_quotes_straight(
            s in "[ a\t\u{a0}\u{2003}\u{b}\u{c}\u{1c}\u{85}’‘“”\"'\n\r.é-]{0,40}"
        ) {
            prop_assert_eq!(super::loose(&s), reference(&s));
        }
    }
}
