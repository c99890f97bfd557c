//! Reading a published report back into answers.
//!
//! The report is matched against the questionnaire: part headings, question
//! headings, question texts, prompts and the footer are known lines
//! ("anchors"); what stands between two anchors is an answer. Reading is
//! lenient with what real pages contain and says so in warnings; only text
//! that cannot be placed at all is an error.
//!
//! Real pages also arrive cut short. A report that stops before its end is
//! read up to where it stops ([`Cut`]), a last line that starts a known
//! line is taken for that line cut off (never for answer text), and
//! nothing past the cut is made up.

mod anchors;
mod choice;
mod clean;
mod cut;
mod header;
mod refuse;

use self::anchors::{Slot, is_blank, loose, trim_region};
use super::{Piece, freetext, part_heading, question_heading, render_through};
use crate::answers::{Answers, FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Questionnaire;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

/// Something in a report that was read, but not as the canonical format
/// would have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line of the report.
    pub line: usize,
    pub message: String,
}

/// Text that cannot be placed in the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ImportError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Where a report that stops before its end stops.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cut {
    /// The report's last line.
    pub line: usize,
    /// The last piece of the report that the text holds.
    pub reached: Piece,
    /// "the report seems cut off at line 27, inside the heading of Part III: …"
    pub message: String,
}

/// What a report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub answers: Answers,
    /// The report's "Date modified", when it has one.
    pub date: Option<NaiveDate>,
    pub warnings: Vec<Warning>,
    /// Whether the report was in the `.flat` layout.
    pub flat: bool,
    /// Set when the report stops before its end.
    pub cut: Option<Cut>,
    /// Whether the text ends with a line end (published pages do not).
    pub final_newline: bool,
}

/// The canonical form of an imported report (`quire fmt`): the pieces the
/// report holds and nothing past a cut, ending with a line end only if the
/// report did. `date` replaces the report's own.
pub fn reformat(q: &Questionnaire, imported: &Imported, date: Option<NaiveDate>) -> String {
    let mut out = render_through(
        q,
        &imported.answers,
        date.or(imported.date),
        imported.cut.as_ref().map(|c| c.reached),
    );
    if !imported.final_newline {
        out.pop();
    }
    out
}

struct Reader<'a> {
    q: &'a Questionnaire,
    flat: bool,
    answers: Answers,
    warnings: Vec<Warning>,
    /// Where each answer starts, for branching warnings.
    lines_of: BTreeMap<FieldKey, usize>,
    date: Option<NaiveDate>,
    /// The report's last line, when the report may stop inside an answer:
    /// what it holds is read with care (a lone bullet mark is no text).
    cut_line: Option<usize>,
    /// The report's last non-empty line.
    last_line: usize,
    /// Where the report stops, when the part that read it knows better
    /// than the last piece read.
    cut_where: Option<String>,
    /// The last piece the report holds.
    reached: Option<Piece>,
    footer_found: bool,
    /// The line of the last anchor found.
    last_anchor_line: usize,
    /// Choice questions answered `N/A`, with their line.
    na_choices: Vec<(usize, usize)>,
}

/// The language of `q` that a report is written in: the one whose known
/// lines (headings, question texts, prompts) it holds most of, the primary
/// language on a tie; `None` when it holds none of any language's.
pub fn detect_language(q: &Questionnaire, text: &str) -> Option<String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (cleaned, _) = clean::lines(text);
    let keys: Vec<String> = cleaned.iter().map(|(_, l)| loose(l)).collect();
    let mut best: Option<(usize, &String)> = None;
    for language in &q.languages {
        let Some(ql) = q.in_language(language) else {
            continue;
        };
        let found = anchors::find(&ql, &anchors::slots(&ql), &keys)
            .iter()
            .filter(|(slot, _)| !matches!(slot, Slot::Heading(_)))
            .count();
        if found > 0 && best.is_none_or(|(n, _)| found > n) {
            best = Some((found, language));
        }
    }
    best.map(|(_, l)| l.clone())
}

/// Reads a report in any of `q`'s languages: the language it is in (see
/// [`detect_language`]) and what it says. The answers are in that
/// language; read them back with `q.in_language(language)`. A page in
/// none of the languages is refused, naming them.
pub fn import_any(q: &Questionnaire, text: &str) -> Result<(String, Imported), ImportError> {
    let Some(language) = detect_language(q, text) else {
        return import(q, text)
            .map(|i| (q.primary_language().to_owned(), i))
            .map_err(|mut e| {
                if q.languages.len() > 1 && e.message.starts_with("this is not a report") {
                    e.message.push_str(&format!(
                        " in any of its languages ({}); the page is in none of them",
                        q.languages.join(", ")
                    ));
                }
                e
            });
    };
    let ql = q.in_language(&language).unwrap_or_else(|| q.clone());
    import(&ql, text).map(|i| (language, i))
}

/// Reads a report (canonical or `.flat`) of questionnaire `q`.
pub fn import(q: &Questionnaire, text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (cleaned, cleaning) = clean::lines(text);
    let all: Vec<(usize, &str)> = cleaned.iter().map(|(n, l)| (*n, l.as_ref())).collect();
    // What was removed is a warning, and warnings are lost with an error:
    // an error says what hints the file is not text at all.
    let binary = text
        .contains('\0')
        .then_some(" (the file holds NUL bytes: it may be binary or UTF-16)");
    read(q, text, &all, cleaning).map_err(|mut e| {
        e.message.push_str(binary.unwrap_or_default());
        e
    })
}

/// [`import`] of the cleaned lines `all` of `text`; `cleaning` says what
/// cleaning them removed.
fn read(
    q: &Questionnaire,
    text: &str,
    all: &[(usize, &str)],
    cleaning: Vec<Warning>,
) -> Result<Imported, ImportError> {
    let Some(last) = all.iter().rposition(|(_, l)| !l.trim().is_empty()) else {
        return Err(ImportError {
            line: 1,
            message: "the report is empty".into(),
        });
    };
    let keys: Vec<String> = all.iter().map(|(_, l)| loose(l)).collect();
    refuse::language(q, all, &keys)?;
    let flat = all.len() >= 3 && !all.iter().any(|(_, l)| is_blank(l));
    let slots = anchors::slots(q);
    let found = anchors::find(q, &slots, &keys);
    let footer_found = found.iter().any(|(s, _)| *s == Slot::Footer);
    // A report that stops before its footer may stop inside a known line:
    // that line is the heading, text or prompt it starts, cut off.
    let last_found = found.last().copied();
    let cut_anchor = (!footer_found && last_found.is_none_or(|(_, at)| last > at))
        .then(|| anchors::cut_anchor(q, &slots, last_found.map(|(s, _)| s), all[last].1))
        .flatten();
    let lines = if cut_anchor.is_some() {
        &all[..last]
    } else {
        all
    };
    let Some(&(_, first)) = found
        .iter()
        .find(|(s, _)| matches!(s, Slot::Part(_) | Slot::Heading(_)))
    else {
        return Err(not_a_report(q, cut_anchor, all[last].0));
    };
    refuse::blank_questionnaire(q, &found, lines)?;
    let mut r = Reader {
        q,
        flat,
        answers: Answers::new(),
        warnings: cleaning,
        lines_of: BTreeMap::new(),
        date: None,
        cut_line: (!footer_found && cut_anchor.is_none()).then_some(all[last].0),
        last_line: all[last].0,
        cut_where: None,
        reached: None,
        footer_found,
        last_anchor_line: last_found.map_or(0, |(_, at)| all[at].0),
        na_choices: Vec::new(),
    };
    let first_anchor = found.iter().map(|(_, at)| *at).min().unwrap_or(first);
    r.header(&lines[..first_anchor]);
    for (k, &(slot, at)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(lines.len(), |(_, next)| *next);
        r.region(slot, lines[at], &lines[at + 1..end], &found)?;
    }
    let cut = r.cut(cut_anchor, all[last]);
    r.missing(&found, lines, cut.as_ref());
    r.branching();
    r.warnings.sort_by_key(|w| w.line);
    Ok(Imported {
        answers: r.answers,
        date: r.date,
        warnings: r.warnings,
        flat,
        cut,
        final_newline: text.ends_with('\n'),
    })
}

fn not_a_report(q: &Questionnaire, cut_anchor: Option<Slot>, last_line: usize) -> ImportError {
    if let Some(slot) = cut_anchor {
        return ImportError {
            line: last_line,
            message: format!(
                "the report seems cut off at line {last_line}, inside {}, before any question: there is nothing to read",
                anchors::describe(q, slot)
            ),
        };
    }
    ImportError {
        line: 1,
        message: format!(
            "this is not a report of \"{}\": no line reads \"{}\" or \"{}\"",
            q.title,
            part_heading(q, 0),
            q.questions
                .first()
                .map_or_else(String::new, |x| question_heading(q, x)),
        ),
    }
}

/// A line left alone before a bullet's text: a cut list item or option.
fn is_marker_only(line: &str) -> bool {
    let t = line.trim();
    let digits = t.strip_suffix('.').unwrap_or(t);
    matches!(t, "-" | "•")
        || (line.starts_with(' ')
            && (1..=3).contains(&digits.len())
            && digits.chars().all(|c| c.is_ascii_digit()))
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    /// Records that the report holds `piece` (pieces come in order).
    fn reach(&mut self, piece: Piece) {
        self.reached = Some(piece);
    }

    /// Whether `line` is in the last region of a report with no footer,
    /// where the report may stop.
    fn is_last_region(&self, line: usize) -> bool {
        !self.footer_found && line >= self.last_anchor_line
    }

    fn is_cut(&self, line: usize) -> bool {
        self.cut_line == Some(line)
    }

    /// `region` without its last line when that line is where the report
    /// stops and holds only a bullet mark.
    fn without_cut_mark<'r, 'l>(&self, region: &'r [(usize, &'l str)]) -> &'r [(usize, &'l str)] {
        match region {
            [rest @ .., (n, l)] if self.is_cut(*n) && is_marker_only(l) => trim_region(rest),
            _ => region,
        }
    }

    /// Text that has no place: an error, unless it is the line where the
    /// report stops, which is said and left out rather than rejecting the
    /// whole report.
    fn unplaced(&mut self, line: usize, text: &str, message: String) -> Result<(), ImportError> {
        if self.is_cut(line) {
            self.warn(
                line,
                format!(
                    "\"{}\" could not be placed: {message}; as the report stops here, it is left out",
                    text.trim()
                ),
            );
            return Ok(());
        }
        Err(ImportError { line, message })
    }

    fn expect_empty(&mut self, region: &[(usize, &str)], between: &str) -> Result<(), ImportError> {
        match region.first() {
            None => Ok(()),
            Some(&(line, text)) => self.unplaced(
                line,
                text,
                format!("unexpected text between {between}: \"{}\"", text.trim()),
            ),
        }
    }

    /// "Question 5", "the follow-up answer of Question 5", "the comment of
    /// Question 12": an answer field, for messages.
    fn field_name(&self, key: &FieldKey) -> String {
        let Some(question) = self.q.question(&key.question) else {
            return key.to_string();
        };
        match &key.field {
            None => format!("Question {}", question.number),
            Some(f) if question.comment.as_ref().is_some_and(|c| &c.id == f) => {
                format!("the comment of Question {}", question.number)
            }
            Some(_) => format!("the follow-up answer of Question {}", question.number),
        }
    }

    /// "the answer to Question 5", or the follow-up's or comment's name.
    fn answer_name(&self, key: &FieldKey) -> String {
        let name = self.field_name(key);
        if key.field.is_none() {
            format!("the answer to {name}")
        } else {
            name
        }
    }

    fn region(
        &mut self,
        slot: Slot,
        anchor: (usize, &str),
        region: &[(usize, &str)],
        found: &[(Slot, usize)],
    ) -> Result<(), ImportError> {
        let region = trim_region(region);
        match slot {
            Slot::Part(p) => {
                self.reach(Piece::Part(p));
                self.expect_empty(region, "a part heading and its first question")
            }
            Slot::Heading(i) => {
                self.reach(Piece::Heading(i));
                if found.iter().any(|(s, _)| *s == Slot::Text(i)) {
                    return self.expect_empty(region, "a question's heading and its text");
                }
                let number = self.q.questions[i].number;
                match region.split_first() {
                    Some((&(n, _), rest)) => {
                        self.warn(n, format!("the text of Question {number} differs from the questionnaire's; read as the question"));
                        self.reach(Piece::Text(i));
                        self.main_answer(i, n, trim_region(rest))
                    }
                    // The report stops right after the heading.
                    None if self.is_last_region(anchor.0) => Ok(()),
                    None => {
                        self.warn(
                            anchor.0,
                            format!("Question {number} has no question text and no answer"),
                        );
                        Ok(())
                    }
                }
            }
            Slot::Text(i) => {
                self.reach(Piece::Text(i));
                self.main_answer(i, anchor.0, region)
            }
            Slot::Prompt(i, f) => {
                self.reach(Piece::Prompt(i, f));
                let question = &self.q.questions[i];
                let key = FieldKey::sub(&question.id, &question.follow_ups[f].id);
                if self.text_answer(key, region) {
                    self.reach(Piece::FollowUp(i, f));
                }
                Ok(())
            }
            Slot::Footer => {
                self.reach(Piece::Footer(0));
                let read = self.footer(region);
                if read > 0 {
                    let last = self.q.layout.footer.len().saturating_sub(1);
                    self.reach(Piece::Footer(read.min(last)));
                }
                Ok(())
            }
        }
    }

    /// A question's own answer; says whether the report holds it.
    fn main_answer(
        &mut self,
        i: usize,
        at: usize,
        region: &[(usize, &str)],
    ) -> Result<(), ImportError> {
        let question = &self.q.questions[i];
        let present = if question.kind.is_choice() {
            self.choice_answer(i, at, region)?
        } else {
            self.text_answer(FieldKey::main(&question.id), region)
        };
        if present {
            self.reach(Piece::Answer(i));
        }
        Ok(())
    }

    /// A text answer; says whether the report holds it (`N/A` included).
    fn text_answer(&mut self, key: FieldKey, region: &[(usize, &str)]) -> bool {
        let region = self.without_cut_mark(region);
        let Some(&(first, first_line)) = region.first() else {
            return false;
        };
        let na = loose(self.q.layout.not_applicable.as_str());
        let only = loose(first_line);
        if region.len() == 1 && self.is_cut(first) && only != na && na.starts_with(&only) {
            // "N/" may be a cut "N/A" or the start of an answer: too little
            // to tell, so nothing is made of it.
            self.cut_where = Some(format!("at the start of {}", self.answer_name(&key)));
            return false;
        }
        if only == na {
            if region.len() == 1 {
                return true;
            }
            self.warn(
                first,
                format!(
                    "{} starts with \"{}\" and goes on; all of it is kept as the answer",
                    self.answer_name(&key),
                    self.q.layout.not_applicable
                ),
            );
        }
        let lines = region.iter().map(|(_, l)| *l);
        let blocks = if self.flat {
            freetext::from_flat(lines)
        } else {
            freetext::from_canonical(lines)
        };
        self.lines_of.insert(key.clone(), first);
        self.answers
            .set(key, Value::Text(freetext::to_source(&blocks)));
        true
    }

    /// The footer lines after the first; returns how many were read.
    fn footer(&mut self, region: &[(usize, &str)]) -> usize {
        let templates: Vec<(String, bool)> = self
            .q
            .layout
            .footer
            .iter()
            .skip(1)
            .map(
                |t| match crate::template::around(t.value.as_str(), "date") {
                    Some((p, _)) => (p.trim().to_owned(), true),
                    None => (t.value.as_str().trim().to_owned(), false),
                },
            )
            .collect();
        let mut read = 0;
        for &(n, line) in region.iter().filter(|(_, l)| !is_blank(l)) {
            let whole = line.trim();
            let mut rest = whole.strip_prefix("- ").unwrap_or(whole);
            let mut known = false;
            for (p, _) in &templates {
                if !p.is_empty()
                    && let Some(after) = rest.strip_prefix(p.as_str())
                {
                    rest = after.trim();
                    known = true;
                }
            }
            if rest.is_empty() && known {
                read += 1;
                continue;
            }
            if let Ok(date) = NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
                self.date = Some(date);
                read += 1;
                if let Some((p, true)) = templates.first().filter(|_| !known)
                    && !p.is_empty()
                {
                    self.warn(
                        n,
                        format!("the date line \"{whole}\" is printed \"{p} {rest}\""),
                    );
                }
                continue;
            }
            let date_start =
                rest.len() < 10 && rest.chars().all(|c| c.is_ascii_digit() || c == '-');
            let label_start = templates
                .iter()
                .any(|(p, _)| p.len() > rest.len() && p.starts_with(rest));
            if n == self.last_line && (date_start && (known || !rest.is_empty()) || label_start) {
                self.cut_where = Some("inside the footer".into());
                continue;
            }
            self.warn(
                n,
                format!("\"{whole}\" in the footer is not a date (YYYY-MM-DD); ignored"),
            );
        }
        read
    }

    /// Answers that the branching skips are kept, published as written, and said.
    fn branching(&mut self) {
        let flow = Flow::new(self.q, &self.answers);
        let mut warnings: Vec<(usize, String)> = super::publish::skipped_answers(self.q, &flow)
            .into_iter()
            .map(|s| (self.lines_of.get(&s.key).copied().unwrap_or(1), s.message()))
            .collect();
        for &(i, line) in &self.na_choices {
            if flow.question_state(i) != FieldState::Skipped {
                warnings.push((
                    line,
                    format!(
                        "Question {}: \"{}\" stands where the chosen options go; read as no option chosen, which prints \"{}\"",
                        self.q.questions[i].number,
                        self.q.layout.not_applicable,
                        self.q.layout.no_response
                    ),
                ));
            }
        }
        for (line, message) in warnings {
            self.warn(line, message);
        }
    }
}
