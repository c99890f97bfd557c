//! The canonical report: rendering answers as the published plain text, and
//! reading published reports back into answers.

pub mod freetext;
mod import;

pub use import::{ImportError, Imported, Warning, import};

use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::{Question, Questionnaire};
use chrono::NaiveDate;

/// What a rendering prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// What the questionnaire asks: an answer kept on a question that
    /// branching skips prints as skipped (`quire export`).
    Publish,
    /// Everything the answers say, whatever the branching (`quire fmt`):
    /// lossless.
    Verbatim,
}

/// Fills `{name}` placeholders; unknown names become empty.
pub(crate) fn fill(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) => {
                out.push_str(&value(&after[..close]).unwrap_or_default());
                rest = &after[close + 1..];
            }
            None => {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

/// Layout lines never end in white space (answer text may).
fn trim_layout(line: String) -> String {
    let trimmed = line.trim_end_matches([' ', '\t']);
    if trimmed.len() == line.len() {
        line
    } else {
        trimmed.to_owned()
    }
}

/// Roman numerals for part headings.
pub fn roman(mut n: usize) -> String {
    const TABLE: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The header lines of the report, filled in.
pub(crate) fn header_lines(q: &Questionnaire, answers: &Answers) -> Vec<String> {
    let lookup = |name: &str| header_value(q, answers, name, None);
    q.layout
        .header
        .iter()
        .map(|t| trim_layout(fill(t.value.as_str(), &lookup)))
        .collect()
}

fn header_value(
    q: &Questionnaire,
    answers: &Answers,
    name: &str,
    date: Option<NaiveDate>,
) -> Option<String> {
    match name {
        "title" => Some(q.title.to_string()),
        "date" => Some(
            date.map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default(),
        ),
        field => answers.header.get(field).cloned(),
    }
}

/// The heading line of part `index`.
pub fn part_heading(q: &Questionnaire, index: usize) -> String {
    let title = q.parts[index].title.to_string();
    trim_layout(fill(
        q.layout.part_heading.value.as_str(),
        &|name| match name {
            "number" => Some(roman(index + 1)),
            "title" => Some(title.clone()),
            _ => None,
        },
    ))
}

/// The heading line of a question.
pub(crate) fn question_heading(q: &Questionnaire, question: &Question) -> String {
    trim_layout(fill(q.layout.question_heading.value.as_str(), &|name| {
        (name == "number").then(|| question.number.to_string())
    }))
}

/// The line of one chosen option.
pub(crate) fn option_line(label: &str) -> String {
    format!("  • {label}")
}

/// Renders the report; `date` fills the footer's `{date}`.
pub fn render(q: &Questionnaire, answers: &Answers, date: Option<NaiveDate>, mode: Mode) -> String {
    let flow = Flow::new(q, answers);
    let mut r = Renderer {
        q,
        answers,
        flow: &flow,
        mode,
        out: String::with_capacity(16 * 1024),
    };
    for line in header_lines(q, answers) {
        if !line.is_empty() {
            r.block(&line);
        }
    }
    for (p, _) in q.parts.iter().enumerate() {
        r.block(&part_heading(q, p));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            r.question(i, question);
        }
    }
    let lookup = |name: &str| header_value(q, answers, name, date);
    for t in &q.layout.footer {
        let line = trim_layout(fill(t.value.as_str(), &lookup));
        r.block(&line);
    }
    r.out.push('\n');
    r.out
}

struct Renderer<'a> {
    q: &'a Questionnaire,
    answers: &'a Answers,
    flow: &'a Flow<'a>,
    mode: Mode,
    out: String,
}

impl<'a> Renderer<'a> {
    /// Starts a block: blocks are separated by exactly one empty line.
    fn start(&mut self) {
        if !self.out.is_empty() {
            self.out.push_str("\n\n");
        }
    }

    fn block(&mut self, text: &str) {
        self.start();
        self.out.push_str(text);
    }

    /// The value to print, or `None` when the field prints as skipped.
    fn value(&self, index: usize, key: &FieldKey) -> Option<&'a Value> {
        let skipped = self.flow.field_state(index, key) == FieldState::Skipped;
        if self.mode == Mode::Publish && skipped {
            return None;
        }
        self.answers.get(key)
    }

    fn question(&mut self, index: usize, question: &Question) {
        self.block(&question_heading(self.q, question));
        self.block(question.text.as_str());
        let main = FieldKey::main(&question.id);
        let skipped = self.mode == Mode::Publish
            && self.flow.field_state(index, &main) == FieldState::Skipped;
        match (self.value(index, &main), question.kind.is_choice()) {
            _ if skipped => self.block(&self.q.layout.not_applicable.to_string()),
            (Some(Value::Choice(chosen)), _) if !chosen.is_empty() => {
                self.start();
                self.choices(question, chosen);
            }
            (Some(Value::Text(t)), _)
                if self.mode == Mode::Verbatim || !question.kind.is_choice() =>
            {
                self.text(t);
            }
            (_, true) => self.block(&self.q.layout.no_response.to_string()),
            (_, false) => self.block(&self.q.layout.not_applicable.to_string()),
        }
        if let Some(c) = &question.comment {
            let key = FieldKey::sub(&question.id, &c.id);
            if let Some(Value::Text(t)) = self.value(index, &key)
                && !t.trim().is_empty()
            {
                self.text(t);
            }
        }
        for f in &question.follow_ups {
            self.block(f.prompt.as_str());
            let key = FieldKey::sub(&question.id, &f.id);
            match self.value(index, &key) {
                Some(Value::Text(t)) => self.text(t),
                _ => self.block(&self.q.layout.not_applicable.to_string()),
            }
        }
    }

    fn choices(&mut self, question: &Question, chosen: &[Chosen]) {
        for (i, c) in chosen.iter().enumerate() {
            if i > 0 {
                self.out.push('\n');
            }
            let label = match c {
                Chosen::Option(id) => question
                    .option(id)
                    .map_or(id.as_str(), |o| o.label.as_str()),
                Chosen::Unlisted(label) => label,
            };
            self.out.push_str(&option_line(label));
        }
    }

    /// A free-text answer, or `N/A` when it says nothing.
    fn text(&mut self, source: &str) {
        let blocks = freetext::parse(source);
        if blocks.is_empty() || source.trim().is_empty() {
            self.block(&self.q.layout.not_applicable.to_string());
            return;
        }
        self.start();
        freetext::render(&blocks, &mut self.out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(1, "I")]
    #[case(4, "IV")]
    #[case(9, "IX")]
    #[case(14, "XIV")]
    #[case(40, "XL")]
    fn roman_numerals(#[case] n: usize, #[case] want: &str) {
        assert_eq!(roman(n), want);
    }

    #[test]
    fn fill_replaces_known_names_and_keeps_text() {
        let f = |n: &str| (n == "x").then(|| "1".to_owned());
        assert_eq!(fill("a {x} b {y}.", &f), "a 1 b .");
        assert_eq!(fill("open { brace", &f), "open { brace");
    }
}
