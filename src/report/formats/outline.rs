//! What a report says, before it is laid out: the decisions of the
//! canonical renderer (what an empty, skipped or unanswered field prints)
//! made once, for every export format to lay out in its own way.

use super::super::{
    fill, freetext, header_lines, header_value, part_heading, question_heading, trim_layout,
};
use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::{FollowUp, Part, Question, Questionnaire};
use chrono::NaiveDate;
use freetext::Block;

/// A whole report, in the order the canonical text prints it.
#[derive(Debug, Clone)]
pub struct Outline<'a> {
    pub questionnaire: &'a Questionnaire,
    pub answers: &'a Answers,
    /// The header lines filled in; a line that comes out empty is left out
    /// (as the canonical text leaves it out).
    pub header: Vec<String>,
    pub parts: Vec<PartOut<'a>>,
    /// The footer lines filled in (the date line included).
    pub footer: Vec<String>,
    pub date: Option<NaiveDate>,
}

/// One part and its questions.
#[derive(Debug, Clone)]
pub struct PartOut<'a> {
    pub part: &'a Part,
    /// `Part I. Title`, from the definition's `part_heading`.
    pub heading: String,
    pub questions: Vec<QuestionOut<'a>>,
}

/// One question as the report prints it.
#[derive(Debug, Clone)]
pub struct QuestionOut<'a> {
    pub question: &'a Question,
    /// `Question 1`, from the definition's `question_heading`.
    pub heading: String,
    /// Whether branching asks it.
    pub asked: bool,
    pub answer: Printed,
    /// The comment's text, when the question has one and it says something.
    pub comment: Option<Vec<Block>>,
    pub follow_ups: Vec<FollowUpOut<'a>>,
}

/// One follow-up as the report prints it.
#[derive(Debug, Clone)]
pub struct FollowUpOut<'a> {
    pub follow_up: &'a FollowUp,
    pub asked: bool,
    /// Text, or `N/A`.
    pub answer: Printed,
}

/// What an answer prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// Chosen options (never empty), in the order the answer holds them.
    Chosen(Vec<ChosenOut>),
    /// Free text (never empty), as blocks.
    Text(Vec<Block>),
    /// The definition's `no_response` line: a choice question still asked
    /// with no option chosen.
    NoResponse,
    /// The definition's `not_applicable` line.
    NotApplicable,
}

/// One chosen option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenOut {
    /// The option's id; `None` for a label kept from a report that
    /// matches no option.
    pub option: Option<String>,
    /// The label printed: the definition's, or the one kept.
    pub label: String,
}

/// Free text as blocks, or `None` when it says nothing (`N/A`).
fn text_blocks(source: &str) -> Option<Vec<Block>> {
    let blocks = freetext::parse(source);
    (!blocks.is_empty() && !source.trim().is_empty()).then_some(blocks)
}

fn chosen_out(question: &Question, chosen: &[Chosen]) -> Vec<ChosenOut> {
    chosen
        .iter()
        .map(|c| match c {
            Chosen::Option(id) => ChosenOut {
                option: Some(id.clone()),
                label: question
                    .option(id)
                    .map_or(id.as_str(), |o| o.label.as_str())
                    .to_owned(),
            },
            Chosen::Unlisted(label) => ChosenOut {
                option: None,
                label: label.clone(),
            },
        })
        .collect()
}

impl<'a> Outline<'a> {
    /// The report of `answers`, dated `date`, as [`crate::report::render`]
    /// prints it.
    pub fn new(q: &'a Questionnaire, answers: &'a Answers, date: Option<NaiveDate>) -> Self {
        let flow = Flow::new(q, answers);
        let parts = q
            .parts
            .iter()
            .enumerate()
            .map(|(p, part)| PartOut {
                part,
                heading: part_heading(q, p),
                questions: q
                    .questions
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| x.part == p)
                    .map(|(i, question)| question_out(q, answers, &flow, i, question))
                    .collect(),
            })
            .collect();
        let lookup = |name: &str| header_value(q, answers, name, date);
        Outline {
            questionnaire: q,
            answers,
            header: header_lines(q, answers)
                .into_iter()
                .filter(|l| !l.is_empty())
                .collect(),
            parts,
            footer: q
                .layout
                .footer
                .iter()
                .map(|t| trim_layout(fill(t.value.as_str(), &lookup)))
                .collect(),
            date,
        }
    }

    /// Every question, in order.
    pub fn questions(&self) -> impl Iterator<Item = &QuestionOut<'a>> {
        self.parts.iter().flat_map(|p| p.questions.iter())
    }

    /// The definition's `not_applicable` line (`N/A`).
    pub fn not_applicable(&self) -> String {
        self.questionnaire.layout.not_applicable.to_string()
    }

    /// The definition's `no_response` line (`No response submitted.`).
    pub fn no_response(&self) -> String {
        self.questionnaire.layout.no_response.to_string()
    }

    /// The primary language of the definition (`en`).
    pub fn language(&self) -> &str {
        self.questionnaire
            .languages
            .first()
            .map_or("en", String::as_str)
    }
}

fn question_out<'a>(
    q: &'a Questionnaire,
    answers: &Answers,
    flow: &Flow,
    index: usize,
    question: &'a Question,
) -> QuestionOut<'a> {
    let main = FieldKey::main(&question.id);
    let skipped = flow.field_state(index, &main) == FieldState::Skipped;
    let answer = match answers.get(&main) {
        Some(Value::Choice(chosen)) if !chosen.is_empty() => {
            Printed::Chosen(chosen_out(question, chosen))
        }
        Some(Value::Text(t)) if !t.trim().is_empty() => {
            text_blocks(t).map_or(Printed::NotApplicable, Printed::Text)
        }
        _ if skipped || !question.kind.is_choice() => Printed::NotApplicable,
        _ => Printed::NoResponse,
    };
    let comment = question.comment.as_ref().and_then(|c| {
        match answers.get(&FieldKey::sub(&question.id, &c.id)) {
            Some(Value::Text(t)) if !t.trim().is_empty() => text_blocks(t),
            _ => None,
        }
    });
    let follow_ups = question
        .follow_ups
        .iter()
        .map(|f| FollowUpOut {
            follow_up: f,
            asked: flow.follow_up_state(index, f) != FieldState::Skipped,
            answer: match answers.get(&FieldKey::sub(&question.id, &f.id)) {
                Some(Value::Text(t)) => {
                    text_blocks(t).map_or(Printed::NotApplicable, Printed::Text)
                }
                _ => Printed::NotApplicable,
            },
        })
        .collect();
    QuestionOut {
        question,
        heading: question_heading(q, question),
        asked: !skipped,
        answer,
        comment,
        follow_ups,
    }
}

/// A list of one kind (bullets or numbers) at one level, as HTML and
/// Markdown nest them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct List<'b> {
    pub numbered: bool,
    pub items: Vec<ListItem<'b>>,
}

/// A list item and the lists nested under it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem<'b> {
    /// The number as written, for a numbered item.
    pub number: Option<&'b str>,
    pub text: &'b str,
    pub children: Vec<List<'b>>,
}

/// The items of a free-text list (flat, each with its level) as nested
/// lists. A change between bullets and numbers at one level starts a new
/// list. An item more than one level deeper than the one before it is
/// nested one level down (a list cannot skip a level), and the first item
/// is at the top: the text is all kept, only that extra indent is not.
pub fn nest(items: &[freetext::Item]) -> Vec<List<'_>> {
    let mut levels = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let most = if i == 0 { 0 } else { levels[i - 1] + 1 };
        levels.push(item.level.min(most));
    }
    let leveled: Vec<(usize, &freetext::Item)> = levels.into_iter().zip(items).collect();
    build(&leveled, 0)
}

fn build<'b>(items: &[(usize, &'b freetext::Item)], depth: usize) -> Vec<List<'b>> {
    let mut lists: Vec<List<'b>> = Vec::new();
    let mut i = 0;
    while i < items.len() {
        let (_, item) = items[i];
        let end = items[i + 1..]
            .iter()
            .position(|(level, _)| *level <= depth)
            .map_or(items.len(), |p| i + 1 + p);
        let number = match &item.marker {
            freetext::Marker::Number(n) => Some(n.as_str()),
            freetext::Marker::Bullet => None,
        };
        let node = ListItem {
            number,
            text: &item.text,
            children: build(&items[i + 1..end], depth + 1),
        };
        match lists.last_mut() {
            Some(list) if list.numbered == number.is_some() => list.items.push(node),
            _ => lists.push(List {
                numbered: number.is_some(),
                items: vec![node],
            }),
        }
        i = end;
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;
    use freetext::parse;

    fn lists(source: &str) -> Vec<List<'static>> {
        let blocks = Box::leak(Box::new(parse(source)));
        match &blocks[..] {
            [Block::List(items)] => nest(items),
            other => panic!("not one list: {other:?}"),
        }
    }

    /// A compact picture of nested lists: `[*a [*b] 1.c]`.
    fn picture(lists: &[List]) -> String {
        lists
            .iter()
            .map(|l| {
                let items: Vec<String> = l
                    .items
                    .iter()
                    .map(|i| {
                        let mark = i.number.map_or("*".to_owned(), |n| format!("{n}."));
                        let kids = picture(&i.children);
                        if kids.is_empty() {
                            format!("{mark}{}", i.text)
                        } else {
                            format!("{mark}{} {kids}", i.text)
                        }
                    })
                    .collect();
                format!("[{}]", items.join(" "))
            })
            .collect::<Vec<_>>()
            .join("")
    }

    #[rstest::rstest]
    #[case::flat("- a\n- b", "[*a *b]")]
    #[case::nested("- a\n  - b\n    - c\n- d", "[*a [*b [*c]] *d]")]
    #[case::kinds_split("- a\n1. b\n2. c\n- d", "[*a][1.b 2.c][*d]")]
    #[case::numbers_kept("3. a\n7. b", "[3.a 7.b]")]
    #[case::skipped_level_nests_one_down("- a\n      - b\n  - c", "[*a [*b *c]]")]
    #[case::deep_first_item_at_top("    - a\n- b", "[*a *b]")]
    #[case::mixed_nested("1. a\n  - b\n  2. c", "[1.a [*b][2.c]]")]
    fn lists_nest(#[case] source: &str, #[case] want: &str) {
        assert_eq!(picture(&lists(source)), want);
    }
}
