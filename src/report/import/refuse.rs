//! Texts that look like reports but must not be read as one: a report in
//! a language the questionnaire does not have, and the blank questionnaire.

use super::ImportError;
use super::anchors::{Slot, loose};
use crate::questionnaire::{Kind, Questionnaire};

/// Lines that only a report in another language has: whole lines, or
/// starts of lines (`…` at the end).
struct Language {
    code: &'static str,
    name: &'static str,
    /// One of these is enough.
    strong: &'static [&'static str],
    /// It takes two of these (a lone "Non" may be an English page's
    /// unlisted option).
    weak: &'static [&'static str],
}

const LANGUAGES: &[Language] = &[Language {
    code: "fr",
    name: "French",
    strong: &[
        "Autoévaluation des mesures…",
        "Partie I. …",
        "Partie II. …",
        "Partie III. …",
        "Partie IV. …",
        "Date de modification…",
        "Détails de la page",
        "Aucune réponse soumise.",
    ],
    weak: &["• Oui", "• Non", "- Oui", "- Non", "Oui", "Non", "s.o."],
}];

/// A pattern, compared loosely: (text, whether it is a start of line).
fn pattern(p: &str) -> (String, bool) {
    match p.strip_suffix('…') {
        Some(start) => (loose(start), true),
        None => (loose(p), false),
    }
}

fn matches(line: &str, (text, start): &(String, bool)) -> bool {
    if *start {
        line.starts_with(text.as_str())
    } else {
        line == text
    }
}

/// Refuses a report written in a language whose text the questionnaire
/// does not have, instead of reading its French words as English answers.
pub(super) fn language(
    q: &Questionnaire,
    lines: &[(usize, &str)],
    keys: &[String],
) -> Result<(), ImportError> {
    for lang in LANGUAGES {
        // Read with that language's texts (`Questionnaire::in_language`):
        // not refused.
        if q.primary_language() == lang.code {
            continue;
        }
        let has_text = q.has_language(lang.code) && q.title.translation(lang.code).is_some();
        let strong_patterns: Vec<_> = lang.strong.iter().map(|p| pattern(p)).collect();
        let weak_patterns: Vec<_> = lang.weak.iter().map(|p| pattern(p)).collect();
        let strong = keys
            .iter()
            .position(|k| strong_patterns.iter().any(|p| matches(k, p)));
        let weak: Vec<usize> = keys
            .iter()
            .enumerate()
            .filter(|(_, k)| weak_patterns.iter().any(|p| matches(k, p)))
            .map(|(j, _)| j)
            .collect();
        let at = match (strong, weak.as_slice()) {
            (Some(j), _) => j,
            (None, [a, _, ..]) => *a,
            _ => continue,
        };
        return Err(ImportError {
            line: lines[at].0,
            message: if has_text {
                format!(
                    "this report is in {name} (\"{line}\"); read it with the questionnaire's {name} text (`report::import_any` finds the language)",
                    name = lang.name,
                    line = lines[at].1.trim(),
                )
            } else {
                format!(
                    "this report is in {name} (\"{line}\"); the questionnaire has no {name} text, so its answers cannot be placed. Import the English page of the report, or use a questionnaire definition with {name} wording",
                    name = lang.name,
                    line = lines[at].1.trim(),
                )
            },
        });
    }
    Ok(())
}

/// An option line's label, whatever mark a page puts before it.
fn listed_label(line: &str) -> &str {
    let t = line.trim();
    for mark in ["• ", "- ", "☐ ", "□ ", "○ ", "o "] {
        if let Some(rest) = t.strip_prefix(mark) {
            return rest;
        }
    }
    t
}

/// Refuses the blank questionnaire (the page that lists every option of
/// every question), which would otherwise read as a report that chose
/// them all.
pub(super) fn blank_questionnaire(
    q: &Questionnaire,
    found: &[(Slot, usize)],
    lines: &[(usize, &str)],
) -> Result<(), ImportError> {
    let mut choice_questions = 0;
    let mut single_with_all = 0;
    let mut first_line = None;
    for (k, &(slot, at)) in found.iter().enumerate() {
        let Slot::Text(i) = slot else { continue };
        let question = &q.questions[i];
        if !question.kind.is_choice() || question.options.len() < 2 {
            continue;
        }
        let end = found.get(k + 1).map_or(lines.len(), |(_, next)| *next);
        let listed: Vec<String> = lines[at + 1..end]
            .iter()
            .map(|(_, l)| loose(listed_label(l)))
            .collect();
        let all = question
            .options
            .iter()
            .all(|o| listed.contains(&loose(o.label.as_str())));
        if !all {
            return Ok(());
        }
        choice_questions += 1;
        if question.kind != Kind::MultipleChoice {
            single_with_all += 1;
        }
        let first_option = lines[at + 1..end]
            .iter()
            .find(|(_, l)| !l.trim().is_empty())
            .map_or(lines[at].0, |(n, _)| *n);
        first_line.get_or_insert((first_option, question.number));
    }
    match first_line {
        Some((line, number)) if choice_questions >= 2 && single_with_all >= 2 => Err(ImportError {
            line,
            message: format!(
                "this looks like the blank questionnaire, not a completed report: every question lists all of its options (Question {number} lists each of them, although it takes one). Import the organization's published report instead"
            ),
        }),
        _ => Ok(()),
    }
}
