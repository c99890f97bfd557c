//! Answers cut into sentences: the excerpts a summary quotes. A sentence
//! never runs across a paragraph or a list item; inside one, it ends at
//! `.`, `!`, `?` or `…` followed by a space, except after an abbreviation
//! ("e.g.", "Dr.", "M.") or before a word in lower case.

use crate::report::freetext::{self, Block};

/// Words that end with a dot without ending a sentence (compared in lower
/// case, without their last dot).
const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "dr", "mr", "mrs", "ms", "mx", "st", "no", "nos",
    "inc", "ltd", "co", "corp", "jr", "sr", "prof", "approx", "fig", "p", "pp", "vol", "ch", "art",
    "sec", "s", "ss", "al", "gov", "dept", "min", "max", "est", "jan", "feb", "mar", "apr", "jun",
    "jul", "aug", "sep", "sept", "oct", "nov", "dec", "m", "mme", "mmes", "mm", "env", "ex",
    "p.ex", "c.-à-d", "c.à.d", "janv", "févr", "avr", "juil", "déc", "n°", "u.s", "u.k",
];

/// One paragraph line or list item of an answer: the units sentences are
/// cut from, in order, without list marks.
pub fn units(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for block in freetext::parse(source) {
        match block {
            Block::Paragraph(lines) => out.extend(lines.iter().map(|l| l.trim().to_owned())),
            Block::List(items) => out.extend(items.into_iter().map(|i| i.text.trim().to_owned())),
        }
    }
    out.retain(|u| !u.is_empty());
    out
}

/// Whether the dot at the end of `before` (the text up to and without the
/// dot) ends an abbreviation.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '[' || c == '"')
        .next()
        .unwrap_or("");
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        return true;
    }
    // An initial ("J. Smith"), or a dotted acronym ("U.S.", "p.m.").
    let mut letters = word.chars();
    matches!((letters.next(), letters.next()), (Some(c), None) if c.is_uppercase())
        || (word.contains('.') && word.split('.').all(|p| p.chars().count() == 1))
}

/// The sentences of one unit, trimmed, in order.
pub fn split(unit: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = unit.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (at, c) = chars[k];
        if !matches!(c, '.' | '!' | '?' | '…') {
            k += 1;
            continue;
        }
        // Runs of marks ("?!", "...") and closing quotes or brackets stay
        // with the sentence they end.
        let mut end = k + 1;
        while end < chars.len() && matches!(chars[end].1, '.' | '!' | '?' | '…') {
            end += 1;
        }
        while end < chars.len() && matches!(chars[end].1, '"' | '\'' | '’' | '”' | ')' | ']' | '»')
        {
            end += 1;
        }
        let at_end = end >= chars.len();
        if !at_end && !chars[end].1.is_whitespace() {
            k = end;
            continue;
        }
        let next = chars[end..]
            .iter()
            .map(|&(_, c)| c)
            .find(|c| !c.is_whitespace());
        let goes_on = next.is_some_and(|n| n.is_lowercase() || matches!(n, ',' | ';' | ':'));
        let abbreviation = c == '.' && end == k + 1 && is_abbreviation(&unit[start..at]);
        if !at_end && (goes_on || abbreviation) {
            k = end;
            continue;
        }
        let stop = chars.get(end).map_or(unit.len(), |&(i, _)| i);
        let sentence = unit[start..stop].trim();
        if !sentence.is_empty() {
            out.push(sentence);
        }
        start = stop;
        k = end;
    }
    let rest = unit[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::two("It works. It is done.", &["It works.", "It is done."])]
    #[case::eg("Some spaces (e.g., peers, managers) help. Others do not.", &["Some spaces (e.g., peers, managers) help.", "Others do not."])]
    #[case::eg_no_comma("Tools, e.g. Slack and Teams, help. Yes.", &["Tools, e.g. Slack and Teams, help.", "Yes."])]
    #[case::ie("Values, i.e. Respect, matter. Then more.", &["Values, i.e. Respect, matter.", "Then more."])]
    #[case::doctor("Dr. Smith spoke. We listened.", &["Dr. Smith spoke.", "We listened."])]
    #[case::french_title("M. Tremblay a parlé. Mme Roy aussi.", &["M. Tremblay a parlé.", "Mme Roy aussi."])]
    #[case::initial("J. Smith led it. Then K. Lee.", &["J. Smith led it.", "Then K. Lee."])]
    #[case::dotted_acronym("Done in the U.S. Office too.", &["Done in the U.S. Office too."])]
    #[case::decimal("Version 2.5 ships. Later 3.0.", &["Version 2.5 ships.", "Later 3.0."])]
    #[case::lower_case_goes_on("It was approx. five weeks. Done.", &["It was approx. five weeks.", "Done."])]
    #[case::question_and_bang("Why? Because! Fine.", &["Why?", "Because!", "Fine."])]
    #[case::quoted("They said “safe space.” Then left.", &["They said “safe space.”", "Then left."])]
    #[case::ellipsis("Wait… Then go.", &["Wait…", "Then go."])]
    #[case::no_end("No final dot", &["No final dot"])]
    #[case::etc_then_capital("Forms, guides, etc. The team", &["Forms, guides, etc.", "The team"])]
    #[case::url("See canada.ca. It helps.", &["See canada.ca.", "It helps."])]
    #[case::number_abbrev("Form No. 12 is new. Yes.", &["Form No. 12 is new.", "Yes."])]
    fn sentences_end_where_sentences_end(#[case] unit: &str, #[case] want: &[&str]) {
        assert_eq!(split(unit), want);
    }

    #[test]
    fn units_are_paragraph_lines_and_list_items_without_marks() {
        let source =
            "First paragraph. Two sentences.\n\n- item one\n  - nested item\n1. numbered\n\nLast.";
        assert_eq!(
            units(source),
            [
                "First paragraph. Two sentences.",
                "item one",
                "nested item",
                "numbered",
                "Last."
            ]
        );
    }
}
