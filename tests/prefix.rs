//! Cut-off reports: every prefix of the published reports.
//!
//! Real pages reach quire cut short (copied in part, saved mid-download).
//! Whatever the cut, reading a prefix must never panic, never put text that
//! belongs to the layout (a heading, a question text, a prompt, an option
//! label) into an answer, and `fmt` must never print what the prefix does
//! not reach.

mod common;

use common::{REPORTS, builtin, fixture, loose};
use quire::answers::{Answers, Chosen, Value};
use quire::questionnaire::Questionnaire;
use quire::report::{self, Imported};

/// What `quire fmt --partial` prints for an imported report.
fn fmt_partial(q: &Questionnaire, imported: &Imported) -> String {
    report::reformat(q, imported, None)
}

/// A line of an answer in source form, reduced to its words: markers,
/// escapes and indentation removed.
fn words(line: &str) -> String {
    let t = line.trim_start();
    let t = t.strip_prefix('\\').unwrap_or(t);
    let t = t.strip_prefix("- ").unwrap_or(t);
    let t = match t.split_once(". ") {
        Some((n, rest))
            if !n.is_empty() && n.len() <= 3 && n.chars().all(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => t,
    };
    loose(t)
}

/// Whether `part` (read from a prefix) can be the beginning of `whole`
/// (read from the whole report): every line but the last the same, the
/// last one the start of its counterpart.
fn text_is_a_start(part: &str, whole: &str) -> bool {
    let p: Vec<String> = part.lines().map(words).filter(|l| !l.is_empty()).collect();
    let w: Vec<String> = whole.lines().map(words).filter(|l| !l.is_empty()).collect();
    let Some((last, rest)) = p.split_last() else {
        return true;
    };
    p.len() <= w.len() && rest == &w[..rest.len()] && w[rest.len()].starts_with(last.as_str())
}

fn label(q: &Questionnaire, question: &str, c: &Chosen) -> String {
    match c {
        Chosen::Option(id) => q
            .question(question)
            .and_then(|x| x.option(id))
            .map_or(id.clone(), |o| o.label.to_string()),
        Chosen::Unlisted(l) => l.clone(),
    }
}

/// Every answer of the prefix is the start of the whole report's answer.
fn check_answers(
    q: &Questionnaire,
    part: &Answers,
    whole: &Answers,
    at: &str,
) -> Result<(), String> {
    for (key, value) in part.iter() {
        let full = whole.get(key);
        match (value, full) {
            (Value::Text(p), Some(Value::Text(w))) => {
                if !text_is_a_start(p, w) {
                    return Err(format!(
                        "{at}: answer {key} is not the start of the whole answer\n--- prefix's:\n{p}\n--- whole:\n{w}"
                    ));
                }
            }
            (Value::Choice(p), Some(Value::Choice(w))) => {
                if let Some((last, rest)) = p.split_last() {
                    if !(rest.len() < w.len() && rest == &w[..rest.len()]) {
                        return Err(format!("{at}: {key}: {p:?} vs {w:?}"));
                    }
                    let want = label(q, &key.question, &w[rest.len()]);
                    if !loose(&want).starts_with(&loose(&label(q, &key.question, last))) {
                        return Err(format!(
                            "{at}: {key}: chose {last:?}, the whole report {want:?}"
                        ));
                    }
                }
            }
            (Value::Text(t), None) if t.trim().is_empty() => {}
            (Value::Choice(c), None) if c.is_empty() => {}
            _ => {
                return Err(format!(
                    "{at}: answer {key} = {value:?}, but the whole report has {full:?}"
                ));
            }
        }
    }
    if let Some(org) = part.header.get("organization") {
        let whole_org = whole.header.get("organization").map_or("", String::as_str);
        if !whole_org.starts_with(org.as_str()) {
            return Err(format!("{at}: organization {org:?}"));
        }
    }
    Ok(())
}

/// The lines of `prefix`, compared loosely (a cut last line is compared
/// as it is: a cut heading equals no heading).
fn whole_lines(prefix: &str) -> Vec<String> {
    prefix.lines().map(loose).collect()
}

/// `fmt` prints no heading, and no footer, that the prefix does not hold.
fn check_printed(out: &str, prefix: &str, at: &str) -> Result<(), String> {
    let held = whole_lines(prefix);
    for line in out.lines() {
        let l = loose(line);
        let layout = l.starts_with("Question ") && l[9..].chars().all(|c| c.is_ascii_digit())
            || l.starts_with("Part ")
            || l == "Page details"
            || l.starts_with("Date modified");
        if layout && !l.starts_with("Date modified") && !held.contains(&l) {
            return Err(format!(
                "{at}: fmt printed {line:?}, which the prefix does not reach"
            ));
        }
        if l.starts_with("Date modified") && !held.iter().any(|h| h == "Page details") {
            return Err(format!("{at}: fmt printed the footer"));
        }
    }
    Ok(())
}

/// Cut positions: around the start and end of every line, and a fixed,
/// seeded sample inside lines.
fn cuts(text: &str) -> Vec<usize> {
    let mut at = vec![];
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.trim_end_matches('\n').len();
        let chars: Vec<usize> = text[start..end]
            .char_indices()
            .map(|(i, _)| start + i)
            .collect();
        at.extend(chars.iter().take(3));
        at.extend(chars.iter().rev().take(2));
        if let Some(mid) = chars.get(chars.len() / 2) {
            at.push(*mid);
        }
        at.push(end);
        start += line.len();
        at.push(start);
    }
    // A small linear congruential generator: the same sample every run.
    let mut seed: u64 = 0x5eed_1234;
    for _ in 0..300 {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let mut i = (seed >> 33) as usize % text.len();
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        at.push(i);
    }
    at.sort_unstable();
    at.dedup();
    at
}

#[test]
fn every_prefix_of_the_published_reports_is_read_without_misattribution() {
    let q = builtin();
    let mut failures = vec![];
    let mut tried = 0;
    for name in REPORTS {
        let text = fixture(name);
        let whole = report::import(&q, &text).expect("the whole report imports");
        for cut in cuts(&text) {
            let prefix = &text[..cut];
            let tail: String = prefix
                .chars()
                .rev()
                .take(40)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            let at = format!("{name} cut at byte {cut} (…{tail:?})");
            tried += 1;
            let Ok(imported) = report::import(&q, prefix) else {
                continue;
            };
            let checked = check_answers(&q, &imported.answers, &whole.answers, &at)
                .and_then(|()| check_printed(&fmt_partial(&q, &imported), prefix, &at));
            failures.extend(checked.err());
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {tried} prefixes go wrong; the first ones:\n{}",
        failures.len(),
        failures
            .iter()
            .take(12)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}
