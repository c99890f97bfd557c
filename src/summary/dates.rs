//! Dates and fiscal years stated in answers: "by March 2025", "2024-25",
//! "fall 2024", "Q3 2024-25", "d'ici mars 2025". Each is given as written
//! and in one normal form (`2025-03`, `FY2024-25`, `fall 2024`, `Q3
//! FY2024-25`, `2025`), so that answers can be compared.
//!
//! A year alone counts only after a word of time ("by 2025", "en 2025"):
//! "2025 employees" is a number. Digits that run on into other digits
//! ("613-555-2024", "section 2024.3", "2,024") are never a date.

use crate::text::{Folding, fold};
use regex::Regex;
use std::sync::LazyLock;

/// A date found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DateMention {
    /// As written ("d’ici mars 2025").
    pub text: String,
    /// The normal form ("2025-03").
    pub value: String,
}

const YEAR: &str = r"(?:19|20)\d\d";
const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|janv|fevr|avr|juil|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const FISCAL: &str = r"(?:(?:the\s+)?fiscal\s+year\s+|fy\s*|(?:l')?exercice\s+(?:financier\s+)?)";

struct Patterns {
    quarter: Regex,
    season: Regex,
    month: Regex,
    iso: Regex,
    fiscal: Regex,
    year: Regex,
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(|| {
    let y = YEAR;
    let tail = format!(r"(?P<y1>{y})(?:\s?[-/]\s?(?P<y2>{y}|\d\d))?");
    let build = |p: String| Regex::new(&p).expect("the date patterns are valid");
    Patterns {
        quarter: build(format!(
            r"\b(?P<q>q[1-4]|t[1-4]|(?:first|second|third|fourth|1st|2nd|3rd|4th|premier|deuxieme|troisieme|quatrieme|1er|2e|3e|4e)\s+(?:quarter|trimestre))\s*(?:of\s+|de\s+|d')?(?:the\s+|l')?{FISCAL}?{tail}"
        )),
        season: build(format!(
            r"\b(?P<s>spring|summer|fall|autumn|winter|printemps|ete|automne|hiver)\s+(?:of\s+|de\s+|d')?(?:the\s+)?{FISCAL}?{tail}"
        )),
        month: build(format!(
            r"\b(?:(?P<d1>\d{{1,2}})(?:er|st|nd|rd|th)?\s+)?(?P<m>{MONTHS})\.?\s+(?:(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+)?(?:of\s+|de\s+|d')?(?P<y>{y})\b"
        )),
        iso: build(format!(r"\b(?P<y>{y})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
        fiscal: build(format!(
            r"\b(?:{FISCAL}|fiscal\s+)?(?P<y1>{y})\s?[-/]\s?(?P<y2>{y}|\d\d)\b"
        )),
        year: build(format!(
            r"\b(?:by|in|until|till|before|after|during|through|since|from|early|mid|late|end\s+of|d'ici|en|avant|apres|depuis|jusqu'en|vers|fin|debut|mi)(?:\s+|-)(?:the\s+end\s+of\s+|la\s+fin\s+de\s+|the\s+)?(?P<y>{y})\b"
        )),
    }
});

/// `FY2024-25` when `y2` follows `y1`, `None` for any other pair.
fn fiscal_year(y1: &str, y2: &str) -> Option<String> {
    let first: u32 = y1.parse().ok()?;
    let second: u32 = y2.parse().ok()?;
    let follows = if y2.len() == 2 {
        second == (first + 1) % 100
    } else {
        second == first + 1
    };
    follows.then(|| format!("FY{first}-{:02}", (first + 1) % 100))
}

/// The year or fiscal year of a `tail` match.
fn year_or_fiscal(c: &regex::Captures<'_>) -> Option<String> {
    let y1 = c.name("y1")?.as_str();
    match c.name("y2") {
        Some(y2) => fiscal_year(y1, y2.as_str()),
        None => Some(y1.to_owned()),
    }
}

fn month_number(name: &str) -> Option<u32> {
    const NAMES: [&[&str]; 12] = [
        &["january", "janvier", "janv", "jan"],
        &["february", "fevrier", "fevr", "feb"],
        &["march", "mars", "mar"],
        &["april", "avril", "avr", "apr"],
        &["may", "mai"],
        &["june", "juin", "jun"],
        &["july", "juillet", "juil", "jul"],
        &["august", "aout", "aug"],
        &["september", "septembre", "sept", "sep"],
        &["october", "octobre", "oct"],
        &["november", "novembre", "nov"],
        &["december", "decembre", "dec"],
    ];
    NAMES
        .iter()
        .position(|names| names.contains(&name))
        .map(|i| i as u32 + 1)
}

fn quarter_number(q: &str) -> u32 {
    let first = q.split_whitespace().next().unwrap_or(q);
    match first {
        "q1" | "t1" | "first" | "1st" | "premier" | "1er" => 1,
        "q2" | "t2" | "second" | "2nd" | "deuxieme" | "2e" => 2,
        "q3" | "t3" | "third" | "3rd" | "troisieme" | "3e" => 3,
        _ => 4,
    }
}

fn season(s: &str) -> &'static str {
    match s {
        "spring" | "printemps" => "spring",
        "summer" | "ete" => "summer",
        "fall" | "autumn" | "automne" => "fall",
        _ => "winter",
    }
}

fn normal(kind: usize, c: &regex::Captures<'_>) -> Option<String> {
    let get = |n: &str| c.name(n).map(|m| m.as_str());
    match kind {
        0 => Some(format!(
            "Q{} {}",
            quarter_number(get("q")?),
            year_or_fiscal(c)?
        )),
        1 => Some(format!("{} {}", season(get("s")?), year_or_fiscal(c)?)),
        2 => {
            let month = month_number(get("m")?)?;
            let year = get("y")?;
            match get("d1").or(get("d2")) {
                Some(d) => {
                    let day: u32 = d.parse().ok()?;
                    let date = chrono::NaiveDate::from_ymd_opt(year.parse().ok()?, month, day)?;
                    Some(date.format("%Y-%m-%d").to_string())
                }
                None => Some(format!("{year}-{month:02}")),
            }
        }
        3 => {
            let date = chrono::NaiveDate::from_ymd_opt(
                get("y")?.parse().ok()?,
                get("m")?.parse().ok()?,
                get("d")?.parse().ok()?,
            )?;
            Some(date.format("%Y-%m-%d").to_string())
        }
        4 => fiscal_year(get("y1")?, get("y2")?),
        _ => Some(get("y")?.to_owned()),
    }
}

/// Whether the match `start..end` of `text` runs on into other digits
/// ("555-2024", "2024.3", "2,024", "$2025"): then it is a number, not a date.
fn runs_on(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let b1 = before.next();
    let b2 = before.next();
    let mut after = text[end..].chars();
    let a1 = after.next();
    let a2 = after.next();
    let joins = |c: Option<char>| matches!(c, Some('-' | '.' | ',' | '/' | ':'));
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    matches!(b1, Some('$' | '#' | '+' | '§' | '€'))
        || (joins(b1) && digit(b2))
        || (joins(a1) && digit(a2))
        || digit(b1)
        || digit(a1)
}

/// The dates `sentence` states, in order.
pub fn find(sentence: &str) -> Vec<DateMention> {
    let p = &*PATTERNS;
    let folded = fold(sentence, Folding::DATE);
    let text = folded.text.as_str();
    let mut taken: Vec<(usize, usize, DateMention)> = Vec::new();
    // Most specific first: a fiscal year inside "Q3 2024-25" is not
    // reported again on its own.
    for (kind, re) in [&p.quarter, &p.season, &p.month, &p.iso, &p.fiscal, &p.year]
        .into_iter()
        .enumerate()
    {
        for c in re.captures_iter(text) {
            let m = c.get(0).expect("a match has a whole");
            let overlaps = taken.iter().any(|(s, e, _)| m.start() < *e && *s < m.end());
            if overlaps || runs_on(text, m.start(), m.end()) {
                continue;
            }
            if let Some(value) = normal(kind, &c) {
                let written = folded.original(sentence, m.start(), m.end()).trim();
                taken.push((
                    m.start(),
                    m.end(),
                    DateMention {
                        text: written.to_owned(),
                        value,
                    },
                ));
            }
        }
    }
    taken.sort_by_key(|(s, _, _)| *s);
    taken.into_iter().map(|(_, _, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn values(sentence: &str) -> Vec<String> {
        find(sentence).into_iter().map(|d| d.value).collect()
    }

    #[rstest]
    #[case("Official publication is planned by December 2024.", &["2024-12"])]
    #[case("Consultations are planned by September 2024 and publication by December 2024.", &["2024-09", "2024-12"])]
    #[case("The review will be completed by March 2025.", &["2025-03"])]
    #[case("Completed by March 31, 2025.", &["2025-03-31"])]
    #[case("Completed by 31 March 2025.", &["2025-03-31"])]
    #[case("It was shared in June of 2023.", &["2023-06"])]
    #[case("Target: Sept. 2024.", &["2024-09"])]
    #[case("For fiscal year 2024-2025.", &["FY2024-25"])]
    #[case("The 2024-25 plan.", &["FY2024-25"])]
    #[case("In 2024–25, with an en dash.", &["FY2024-25"])]
    #[case("In 2024—2025, with an em dash.", &["FY2024-25"])]
    #[case("Over 2024/25.", &["FY2024-25"])]
    #[case("By the end of fiscal year 2024-2025.", &["FY2024-25"])]
    #[case("By the end of FY 2024-25.", &["FY2024-25"])]
    #[case("Phase two will be fully implemented by winter 2024.", &["winter 2024"])]
    #[case("Published internally before fall 2024.", &["fall 2024"])]
    #[case("Implemented in the spring of 2024.", &["spring 2024"])]
    #[case("In autumn 2025.", &["fall 2025"])]
    #[case("By Q3 2024-25.", &["Q3 FY2024-25"])]
    #[case("In the third quarter of 2025.", &["Q3 2025"])]
    #[case("In Q4 of fiscal year 2024-2025.", &["Q4 FY2024-25"])]
    #[case("Launch on 2025-04-01.", &["2025-04-01"])]
    #[case("Expected by 2026.", &["2026"])]
    #[case("By mid-2025.", &["2025"])]
    #[case("Complete by the end of 2025.", &["2025"])]
    #[case("D’ici mars 2025, le code sera publié.", &["2025-03"])]
    #[case("Au cours de l’automne 2024.", &["fall 2024"])]
    #[case("D'ici la fin de l'exercice 2024-2025.", &["FY2024-25"])]
    #[case("Le 1er avril 2025.", &["2025-04-01"])]
    #[case("Au T3 2024-2025.", &["Q3 FY2024-25"])]
    #[case("À l’été 2025.", &["summer 2025"])]
    #[case("En février 2025.", &["2025-02"])]
    #[case("D’ici 2026.", &["2026"])]
    fn dates_are_found_and_normalized(#[case] sentence: &str, #[case] want: &[&str]) {
        assert_eq!(values(sentence), want);
    }

    #[rstest]
    #[case::phone("Call 613-555-2024 for help.")]
    #[case::phone_dots("Call 613.555.2025 for help.")]
    #[case::phone_fy_like("Call 1-800-2024-25.")]
    #[case::section("Under section 2024.3 of the policy.")]
    #[case::thousands("We have 2,024 employees.")]
    #[case::count("2025 employees took the course.")]
    #[case::room("Room 2024 is booked.")]
    #[case::money("A budget of $2025.")]
    #[case::not_consecutive("The 2020-2030 strategy.")]
    #[case::version("Version 2024.1 of the form.")]
    #[case::time_of_day("At 20:25 daily.")]
    #[case::may_verb("Employees may 2 days off.")]
    #[case::long_number("Reference 120245 applies.")]
    fn numbers_that_are_not_dates_are_left_alone(#[case] sentence: &str) {
        assert_eq!(values(sentence), Vec::<String>::new(), "{sentence}");
    }

    #[test]
    fn a_date_is_quoted_as_written() {
        let found = find("Publication d’ici févr. 2025.");
        assert_eq!(found[0].text, "févr. 2025");
        assert_eq!(found[0].value, "2025-02");
    }
}
