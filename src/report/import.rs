//! Reading a published report back into answers.
//!
//! The report is matched against the questionnaire: part headings, question
//! headings, question texts, prompts and the footer are known lines
//! ("anchors"); what stands between two anchors is an answer. Reading is
//! lenient with what real pages contain and says so in warnings; only text
//! that cannot be placed at all is an error.

use super::freetext;
use super::{part_heading, question_heading};
use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::flow::Flow;
use crate::questionnaire::{Kind, Question, Questionnaire};
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

/// What a report says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub answers: Answers,
    /// The report's "Date modified", when it has one.
    pub date: Option<NaiveDate>,
    pub warnings: Vec<Warning>,
    /// Whether the report was in the `.flat` layout.
    pub flat: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Part(usize),
    Heading(usize),
    Text(usize),
    Prompt(usize, usize),
    Footer,
}

/// Comparison that forgives what web pages do to text: runs of white space
/// (including no-break spaces) and curly quotes.
fn loose(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace(['’', '‘'], "'")
        .replace(['“', '”'], "\"")
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t')
}

/// Trims trailing blank lines and leading ones, keeping line numbers.
fn trim_region<'a, 'b>(mut region: &'a [(usize, &'b str)]) -> &'a [(usize, &'b str)] {
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

struct Reader<'a> {
    q: &'a Questionnaire,
    flat: bool,
    answers: Answers,
    warnings: Vec<Warning>,
    /// Where each answer starts, for branching warnings.
    lines_of: BTreeMap<FieldKey, usize>,
    date: Option<NaiveDate>,
}

/// Reads a report (canonical or `.flat`) of questionnaire `q`.
pub fn import(q: &Questionnaire, text: &str) -> Result<Imported, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text.lines().enumerate().map(|(i, l)| (i + 1, l)).collect();
    if lines.iter().all(|(_, l)| l.trim().is_empty()) {
        return Err(ImportError {
            line: 1,
            message: "the report is empty".into(),
        });
    }
    let flat = lines.len() >= 3 && !lines.iter().any(|(_, l)| is_blank(l));
    let mut r = Reader {
        q,
        flat,
        answers: Answers::new(),
        warnings: Vec::new(),
        lines_of: BTreeMap::new(),
        date: None,
    };
    let slots = slots(q);
    let found = find_anchors(q, &slots, &lines);
    let Some(&(_, first)) = found
        .iter()
        .find(|(s, _)| matches!(s, Slot::Part(_) | Slot::Heading(_)))
    else {
        return Err(ImportError {
            line: 1,
            message: format!(
                "this is not a report of \"{}\": no line reads \"{}\" or \"{}\"",
                q.title,
                part_heading(q, 0),
                q.questions
                    .first()
                    .map_or_else(String::new, |x| question_heading(q, x)),
            ),
        });
    };
    let first_anchor = found.iter().map(|(_, at)| *at).min().unwrap_or(first);
    r.header(&lines[..first_anchor]);
    for (k, &(slot, at)) in found.iter().enumerate() {
        let end = found.get(k + 1).map_or(lines.len(), |(_, next)| *next);
        let region = &lines[at + 1..end];
        r.region(slot, lines[at], region, &found)?;
    }
    r.missing(&slots, &found, &lines);
    r.branching();
    r.warnings.sort_by_key(|w| w.line);
    Ok(Imported {
        answers: r.answers,
        date: r.date,
        warnings: r.warnings,
        flat,
    })
}

/// Every anchor the report should have, in order.
fn slots(q: &Questionnaire) -> Vec<Slot> {
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

fn anchor_text(q: &Questionnaire, slot: Slot) -> String {
    match slot {
        Slot::Part(p) => part_heading(q, p),
        Slot::Heading(i) => question_heading(q, &q.questions[i]),
        Slot::Text(i) => q.questions[i].text.to_string(),
        Slot::Prompt(i, f) => q.questions[i].follow_ups[f].prompt.to_string(),
        Slot::Footer => q.layout.footer[0].value.to_string(),
    }
}

/// Finds each anchor in order; one that is not there is passed over.
fn find_anchors(q: &Questionnaire, slots: &[Slot], lines: &[(usize, &str)]) -> Vec<(Slot, usize)> {
    let mut found = Vec::new();
    let mut pos = 0;
    for &slot in slots {
        let want = loose(&anchor_text(q, slot));
        if want.is_empty() {
            continue;
        }
        if let Some(j) = (pos..lines.len()).find(|&j| loose(lines[j].1) == want) {
            found.push((slot, j));
            pos = j + 1;
        }
    }
    found
}

impl Reader<'_> {
    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.warnings.push(Warning {
            line,
            message: message.into(),
        });
    }

    fn header(&mut self, region: &[(usize, &str)]) {
        let q = self.q;
        let is_field = |name: &str| q.header_fields.iter().any(|f| f.id == name);
        // Lines that name no header field are known text (`{title}` too).
        let known: Vec<Option<String>> = q
            .layout
            .header
            .iter()
            .map(|t| {
                let names =
                    crate::questionnaire::placeholders(t.value.as_str()).unwrap_or_default();
                (!names.iter().any(|n| is_field(n))).then(|| {
                    super::fill(t.value.as_str(), &|name| {
                        (name == "title").then(|| q.title.to_string())
                    })
                })
            })
            .collect();
        let mut lines = region.iter().filter(|(_, l)| !is_blank(l)).peekable();
        for (i, template) in q.layout.header.iter().enumerate() {
            let template = template.value.as_str();
            if let Some(expected) = &known[i] {
                let matches = lines
                    .peek()
                    .is_some_and(|(_, l)| loose(l) == loose(expected));
                if matches {
                    lines.next();
                } else if !expected.trim().is_empty() {
                    let at = lines.peek().map_or(1, |(n, _)| *n);
                    self.warn(at, format!("the header line \"{expected}\" is missing"));
                }
                continue;
            }
            let names = crate::questionnaire::placeholders(template).unwrap_or_default();
            let Some(name) = names.into_iter().find(|n| is_field(n)) else {
                continue;
            };
            // A field left empty prints no line: the next line is then one
            // of the known lines that follow.
            let next_is_known = lines.peek().is_some_and(|(_, l)| {
                known[i + 1..]
                    .iter()
                    .flatten()
                    .any(|k| !k.trim().is_empty() && loose(l) == loose(k))
            });
            if next_is_known {
                continue;
            }
            let Some(&(n, line)) = lines.next() else {
                break;
            };
            let open = template.find('{').unwrap_or(0);
            let (prefix, suffix) = (&template[..open], &template[open + name.len() + 2..]);
            let line = line.trim_end_matches([' ', '\t']);
            // `Team: {team}` with no team prints as `Team:`.
            let empty = suffix.trim().is_empty() && line == prefix.trim_end();
            let value = if empty {
                ""
            } else {
                match line
                    .strip_prefix(prefix)
                    .and_then(|v| v.strip_suffix(suffix))
                {
                    Some(v) => v,
                    None => {
                        self.warn(n, format!("the header line does not read \"{template}\"; taken whole as {{{name}}}"));
                        line.trim()
                    }
                }
            };
            if !value.is_empty() {
                self.answers
                    .header
                    .insert(name.to_owned(), value.to_owned());
            }
        }
        for (n, line) in lines {
            self.warn(
                *n,
                format!("\"{line}\" is not part of the report's header; ignored"),
            );
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
            Slot::Part(_) => expect_empty(region, "a part heading and its first question"),
            Slot::Heading(i) => {
                if found.iter().any(|(s, _)| *s == Slot::Text(i)) {
                    return expect_empty(region, "a question's heading and its text");
                }
                let number = self.q.questions[i].number;
                match region.split_first() {
                    Some((&(n, _), rest)) => {
                        self.warn(n, format!("the text of Question {number} differs from the questionnaire's; read as the question"));
                        self.main_answer(i, anchor.0, trim_region(rest))
                    }
                    None => {
                        self.warn(
                            anchor.0,
                            format!("Question {number} has no question text and no answer"),
                        );
                        Ok(())
                    }
                }
            }
            Slot::Text(i) => self.main_answer(i, anchor.0, region),
            Slot::Prompt(i, f) => {
                let question = &self.q.questions[i];
                let key = FieldKey::sub(&question.id, &question.follow_ups[f].id);
                self.text_answer(key, anchor.0, region);
                Ok(())
            }
            Slot::Footer => {
                self.footer(region);
                Ok(())
            }
        }
    }

    fn is_option_line(&self, line: &str) -> bool {
        if self.flat {
            line.starts_with("- ")
        } else {
            line.trim_start().starts_with("• ")
        }
    }

    fn option_label<'l>(&self, line: &'l str) -> &'l str {
        let line = line.trim_end_matches([' ', '\t']);
        if self.flat {
            line.strip_prefix("- ").unwrap_or(line)
        } else {
            line.trim_start().strip_prefix("• ").unwrap_or(line)
        }
    }

    fn main_answer(
        &mut self,
        i: usize,
        at: usize,
        region: &[(usize, &str)],
    ) -> Result<(), ImportError> {
        let question = &self.q.questions[i];
        let key = FieldKey::main(&question.id);
        if !question.kind.is_choice() {
            self.text_answer(key, at, region);
            return Ok(());
        }
        let Some(&(first, _)) = region.first() else {
            self.warn(at, format!("Question {} has no answer", question.number));
            return Ok(());
        };
        // A choice question that branching skips prints as not applicable.
        if let [(_, only)] = region
            && loose(only) == loose(self.q.layout.not_applicable.as_str())
        {
            return Ok(());
        }
        self.lines_of.insert(key.clone(), first);
        let no_response = loose(self.q.layout.no_response.as_str());
        let mut chosen = Vec::new();
        let mut said_none = None;
        let mut rest = region;
        while let [(n, line), tail @ ..] = rest {
            if loose(line) == no_response {
                said_none = Some(*n);
            } else if self.is_option_line(line) {
                let label = self.option_label(line);
                // In a flat report, a dash line that is no option after the
                // options starts the comment.
                let known = option_for(question, label).is_some();
                if self.flat && !known && (!chosen.is_empty() || said_none.is_some()) {
                    break;
                }
                chosen.push(self.choose(question, *n, label));
            } else {
                break;
            }
            rest = tail;
        }
        if chosen.is_empty() && said_none.is_none() {
            return Err(ImportError {
                line: first,
                message: format!(
                    "expected the chosen options of Question {} (lines \"{}\"), found \"{}\"",
                    question.number,
                    super::option_line("…").trim_end(),
                    region[0].1.trim()
                ),
            });
        }
        if let Some(n) = said_none {
            let note = if chosen.is_empty() {
                "read as no option chosen"
            } else {
                "but options are chosen too; the options are kept"
            };
            self.warn(
                n,
                format!(
                    "Question {}: \"{}\" ({note})",
                    question.number, self.q.layout.no_response
                ),
            );
        }
        if chosen.len() > 1 && question.kind != Kind::MultipleChoice {
            self.warn(
                first,
                format!(
                    "Question {} takes one option, but {} are chosen; all are kept",
                    question.number,
                    chosen.len()
                ),
            );
        }
        self.answers.set(key, Value::Choice(chosen));
        let rest = trim_region(rest);
        match (rest.first(), &question.comment) {
            (None, _) => Ok(()),
            (Some(&(n, _)), Some(c)) => {
                let key = FieldKey::sub(&question.id, &c.id);
                self.text_answer(key, n, rest);
                Ok(())
            }
            (Some(&(n, line)), None) => Err(ImportError {
                line: n,
                message: format!(
                    "unexpected text after the options of Question {}: \"{}\"",
                    question.number,
                    line.trim()
                ),
            }),
        }
    }

    fn choose(&mut self, question: &Question, line: usize, label: &str) -> Chosen {
        match option_for(question, label) {
            Some((id, true)) => Chosen::Option(id.to_owned()),
            Some((id, false)) => {
                self.warn(line, format!("\"{label}\" differs slightly from the option \"{}\" of Question {}; read as that option", question.option(id).map_or("", |o| o.label.as_str()), question.number));
                Chosen::Option(id.to_owned())
            }
            None => {
                self.warn(
                    line,
                    format!(
                        "\"{label}\" is not an option of Question {}; kept as written",
                        question.number
                    ),
                );
                Chosen::Unlisted(label.to_owned())
            }
        }
    }

    fn text_answer(&mut self, key: FieldKey, at: usize, region: &[(usize, &str)]) {
        let Some(&(first, _)) = region.first() else {
            return;
        };
        if let [(_, only)] = region
            && loose(only) == loose(self.q.layout.not_applicable.as_str())
        {
            return;
        }
        let _ = at;
        let lines = region.iter().map(|(_, l)| *l);
        let blocks = if self.flat {
            freetext::from_flat(lines)
        } else {
            freetext::from_canonical(lines)
        };
        self.lines_of.insert(key.clone(), first);
        self.answers
            .set(key, Value::Text(freetext::to_source(&blocks)));
    }

    fn footer(&mut self, region: &[(usize, &str)]) {
        let prefixes: Vec<&str> = self
            .q
            .layout
            .footer
            .iter()
            .skip(1)
            .filter_map(|t| t.value.as_str().split_once("{date}").map(|(p, _)| p.trim()))
            .collect();
        for &(n, line) in region.iter().filter(|(_, l)| !is_blank(l)) {
            let mut rest = line.trim();
            rest = rest.strip_prefix("- ").unwrap_or(rest);
            let mut known = false;
            for p in &prefixes {
                if let Some(after) = rest.strip_prefix(p) {
                    rest = after.trim();
                    known = true;
                }
            }
            if rest.is_empty() && known {
                continue;
            }
            match NaiveDate::parse_from_str(rest, "%Y-%m-%d") {
                Ok(date) => self.date = Some(date),
                Err(_) => self.warn(
                    n,
                    format!(
                        "\"{}\" in the footer is not a date (YYYY-MM-DD); ignored",
                        line.trim()
                    ),
                ),
            }
        }
    }

    /// Says what is missing: a question here and there, or the whole end of
    /// a truncated page.
    fn missing(&mut self, slots: &[Slot], found: &[(Slot, usize)], lines: &[(usize, &str)]) {
        let was_found = |s: &Slot| found.iter().any(|(f, _)| f == s);
        let last = found
            .last()
            .map_or(0, |(s, _)| slots.iter().position(|x| x == s).unwrap_or(0));
        let last_line = lines.last().map_or(1, |(n, _)| *n);
        let tail = &slots[last + 1..];
        let tail_questions: Vec<usize> = tail
            .iter()
            .filter_map(|s| match s {
                Slot::Heading(i) => Some(*i),
                _ => None,
            })
            .collect();
        if !tail.is_empty() {
            let what = match (tail_questions.first(), tail_questions.last()) {
                (Some(a), Some(b)) if a != b => format!(
                    "Questions {} to {} and the footer are missing",
                    self.q.questions[*a].number, self.q.questions[*b].number
                ),
                (Some(a), _) => format!(
                    "Question {} and the footer are missing",
                    self.q.questions[*a].number
                ),
                _ if tail.iter().all(|s| *s == Slot::Footer) => {
                    "the footer (\"Page details\") is missing".to_owned()
                }
                _ => "the rest of the last question and the footer are missing".to_owned(),
            };
            self.warn(
                last_line,
                format!("the report ends early: {what}; the answers before are kept"),
            );
        }
        for (i, question) in self.q.questions.iter().enumerate() {
            if tail_questions.contains(&i) {
                continue;
            }
            let heading = was_found(&Slot::Heading(i));
            let text = was_found(&Slot::Text(i));
            let near = found
                .iter()
                .find(|(s, _)| matches!(s, Slot::Heading(j) | Slot::Text(j) if *j >= i))
                .map_or(last_line, |(_, at)| lines[*at].0);
            if !heading && !text {
                self.warn(
                    near,
                    format!("Question {} is missing from the report", question.number),
                );
                continue;
            }
            if !heading {
                self.warn(
                    near,
                    format!(
                        "the heading \"{}\" is missing",
                        question_heading(self.q, question)
                    ),
                );
            }
            for (f, fu) in question.follow_ups.iter().enumerate() {
                let slot = Slot::Prompt(i, f);
                if !was_found(&slot) && !tail.contains(&slot) {
                    self.warn(
                        near,
                        format!(
                            "Question {}: the prompt \"{}\" is missing",
                            question.number, fu.prompt
                        ),
                    );
                }
            }
        }
    }

    /// Answers that the branching skips are kept, and said.
    fn branching(&mut self) {
        let skipped = Flow::new(self.q, &self.answers).skipped_answers();
        for key in skipped {
            let number = self.q.question(&key.question).map_or(0, |q| q.number);
            let line = self.lines_of.get(&key).copied().unwrap_or(1);
            let what = if key.field.is_some() {
                "a follow-up that"
            } else {
                "a question that"
            };
            self.warn(line, format!("Question {number}: answer to {what} branching skips; kept as written (an export would print it as skipped)"));
        }
    }
}

/// The option a label names: exactly (`true`) or loosely (`false`).
fn option_for<'q>(question: &'q Question, label: &str) -> Option<(&'q str, bool)> {
    if let Some(o) = question.options.iter().find(|o| o.label.as_str() == label) {
        return Some((&o.id, true));
    }
    let want = loose(label);
    question
        .options
        .iter()
        .find(|o| loose(o.label.as_str()) == want)
        .map(|o| (o.id.as_str(), false))
}

fn expect_empty(region: &[(usize, &str)], between: &str) -> Result<(), ImportError> {
    match region.first() {
        None => Ok(()),
        Some(&(line, text)) => Err(ImportError {
            line,
            message: format!("unexpected text between {between}: \"{}\"", text.trim()),
        }),
    }
}
