//! The canonical report: rendering answers as the published plain text, and
//! reading published reports back into answers.

pub mod answers_file;
pub mod bullets;
pub mod formats;
pub mod freetext;
mod import;
pub mod publish;

pub use import::{
    Cut, ImportError, Imported, Warning, detect_language, import, import_any, reformat,
};
pub use publish::{Publication, SkippedAnswer, publish, publish_in};

use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::{Question, Questionnaire};
use chrono::NaiveDate;

/// One printable piece of a report, in the order reports print them.
///
/// A report cut short reaches some piece; rendering it again prints the
/// pieces up to that one and nothing after ([`render_through`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Piece {
    /// The heading of part `p`.
    Part(usize),
    /// The heading of question `i` (index in the questionnaire).
    Heading(usize),
    /// The text of question `i`.
    Text(usize),
    /// The answer of question `i`: its options or text, and its comment.
    Answer(usize),
    /// The prompt of follow-up `f` of question `i`.
    Prompt(usize, usize),
    /// The answer to follow-up `f` of question `i`.
    FollowUp(usize, usize),
    /// Footer line `k`.
    Footer(usize),
}

/// Every piece of `q`'s report, in order.
pub fn pieces(q: &Questionnaire) -> Vec<Piece> {
    let mut out = Vec::new();
    for p in 0..q.parts.len() {
        out.push(Piece::Part(p));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            out.extend([Piece::Heading(i), Piece::Text(i), Piece::Answer(i)]);
            for f in 0..question.follow_ups.len() {
                out.extend([Piece::Prompt(i, f), Piece::FollowUp(i, f)]);
            }
        }
    }
    out.extend((0..q.layout.footer.len()).map(Piece::Footer));
    out
}

pub(crate) use crate::template::fill;

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

/// Renders the whole report; `date` fills the footer's `{date}`.
///
/// Every answer the draft holds is printed, including one on a question
/// that branching skips (see [`publish`]): what the respondent wrote is
/// never silently replaced. A skipped question with no answer prints `N/A`.
pub fn render(q: &Questionnaire, answers: &Answers, date: Option<NaiveDate>) -> String {
    render_through(q, answers, date, None)
}

/// Renders the report up to and including piece `last` (the whole report
/// when `None`): what `quire fmt --partial` prints of a report cut short.
pub fn render_through(
    q: &Questionnaire,
    answers: &Answers,
    date: Option<NaiveDate>,
    last: Option<Piece>,
) -> String {
    let flow = Flow::new(q, answers);
    let mut r = Renderer {
        q,
        answers,
        flow: &flow,
        last,
        done: false,
        out: String::with_capacity(16 * 1024),
    };
    for line in header_lines(q, answers) {
        if !line.is_empty() {
            r.block(&line);
        }
    }
    for (p, _) in q.parts.iter().enumerate() {
        if r.enter(Piece::Part(p)) {
            r.block(&part_heading(q, p));
        }
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            r.question(i, question);
        }
    }
    let lookup = |name: &str| header_value(q, answers, name, date);
    for (k, t) in q.layout.footer.iter().enumerate() {
        if r.enter(Piece::Footer(k)) {
            let line = trim_layout(fill(t.value.as_str(), &lookup));
            r.block(&line);
        }
    }
    r.out.push('\n');
    r.out
}

/// What field `key` of `question` prints when it is left empty: `N/A` for
/// a question's answer or a follow-up (`No response submitted.` for a
/// choice still asked), nothing for a comment. The wizard says so on the
/// field, so that its labels say what the export does.
pub fn empty_field_prints(
    q: &Questionnaire,
    question: &Question,
    key: &FieldKey,
    skipped: bool,
) -> Option<String> {
    let comment = key.field.is_some()
        && question
            .comment
            .as_ref()
            .is_some_and(|c| key.field.as_deref() == Some(c.id.as_str()));
    if comment {
        return None;
    }
    Some(
        if key.field.is_none() && question.kind.is_choice() && !skipped {
            q.layout.no_response.to_string()
        } else {
            q.layout.not_applicable.to_string()
        },
    )
}

struct Renderer<'a> {
    q: &'a Questionnaire,
    answers: &'a Answers,
    flow: &'a Flow<'a>,
    /// The last piece to print; `None` prints everything.
    last: Option<Piece>,
    /// Whether `last` has been printed.
    done: bool,
    out: String,
}

impl<'a> Renderer<'a> {
    /// Whether `piece` is printed (pieces come in report order).
    fn enter(&mut self, piece: Piece) -> bool {
        if self.done {
            return false;
        }
        self.done = self.last == Some(piece);
        true
    }

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

    fn not_applicable(&mut self) {
        self.block(&self.q.layout.not_applicable.to_string());
    }

    fn question(&mut self, index: usize, question: &Question) {
        if self.enter(Piece::Heading(index)) {
            self.block(&question_heading(self.q, question));
        }
        if self.enter(Piece::Text(index)) {
            self.block(question.text.as_str());
        }
        if self.enter(Piece::Answer(index)) {
            self.answer(index, question);
        }
        for (f, follow_up) in question.follow_ups.iter().enumerate() {
            if self.enter(Piece::Prompt(index, f)) {
                self.block(follow_up.prompt.as_str());
            }
            if self.enter(Piece::FollowUp(index, f)) {
                let key = FieldKey::sub(&question.id, &follow_up.id);
                match self.answers.get(&key) {
                    Some(Value::Text(t)) => self.text(t),
                    _ => self.not_applicable(),
                }
            }
        }
    }

    /// The question's own answer, then its comment.
    fn answer(&mut self, index: usize, question: &Question) {
        let main = FieldKey::main(&question.id);
        let skipped = self.flow.field_state(index, &main) == FieldState::Skipped;
        match self.answers.get(&main) {
            Some(Value::Choice(chosen)) if !chosen.is_empty() => {
                self.start();
                self.choices(question, chosen);
            }
            Some(Value::Text(t)) if !t.trim().is_empty() => self.text(t),
            _ if skipped || !question.kind.is_choice() => self.not_applicable(),
            _ => self.block(&self.q.layout.no_response.to_string()),
        }
        if let Some(c) = &question.comment
            && let Some(Value::Text(t)) = self.answers.get(&FieldKey::sub(&question.id, &c.id))
            && !t.trim().is_empty()
        {
            self.text(t);
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
            self.not_applicable();
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
}
