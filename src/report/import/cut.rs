//! What a report lacks: where a report that stops early stops, and the
//! questions and prompts missing in the middle.

use super::anchors::{Slot, describe};
use super::{Cut, Reader};
use crate::report::{Piece, pieces, question_heading};

/// The question a piece belongs to.
fn question_of(piece: Piece) -> Option<usize> {
    match piece {
        Piece::Heading(i)
        | Piece::Text(i)
        | Piece::Answer(i)
        | Piece::Prompt(i, _)
        | Piece::FollowUp(i, _) => Some(i),
        Piece::Part(_) | Piece::Footer(_) => None,
    }
}

/// The end of a line, for quoting it in a message.
fn tail(line: &str) -> String {
    let line = line.trim();
    let n = line.chars().count();
    if n <= 60 {
        line.to_owned()
    } else {
        let start: String = line.chars().skip(n - 50).collect();
        format!("…{start}")
    }
}

/// "A is missing", "A, B and C are missing".
fn are_missing(items: &[String]) -> String {
    match items {
        [] => "nothing is missing".into(),
        [one] => format!("{one} is missing"),
        [init @ .., last] => format!("{} and {last} are missing", init.join(", ")),
    }
}

impl Reader<'_> {
    /// Where the report stops when it stops before its end: says so as a
    /// warning, and returns it.
    pub(super) fn cut(
        &mut self,
        cut_anchor: Option<Slot>,
        (line, text): (usize, &str),
    ) -> Option<Cut> {
        let q = self.q;
        let reached = self.reached?;
        let all = pieces(q);
        if all.last() == Some(&reached) {
            return None;
        }
        let number = |i: usize| q.questions[i].number;
        let at = match (cut_anchor, self.cut_where.take()) {
            (Some(slot), _) => format!("inside {}", describe(q, slot)),
            (None, Some(at)) => at,
            (None, None) => match reached {
                Piece::Part(p) => {
                    format!("after the heading of Part {}", super::super::roman(p + 1))
                }
                Piece::Heading(i) => format!("after the heading of Question {}", number(i)),
                Piece::Text(i) => format!("after the text of Question {}", number(i)),
                Piece::Answer(i) => format!("in the answer to Question {}", number(i)),
                Piece::Prompt(i, _) => {
                    format!("after a follow-up prompt of Question {}", number(i))
                }
                Piece::FollowUp(i, _) => {
                    format!("in the follow-up answer of Question {}", number(i))
                }
                Piece::Footer(_) => "inside the footer".into(),
            },
        };
        let after = all.iter().position(|p| *p == reached).map_or(0, |k| k + 1);
        let rest = &all[after..];
        let mut missing = Vec::new();
        if let Some(&first) = rest.first()
            && !matches!(first, Piece::Heading(_))
            && let Some(i) = question_of(first)
        {
            missing.push(format!("the rest of Question {}", number(i)));
        }
        let whole: Vec<usize> = rest
            .iter()
            .filter_map(|p| match p {
                Piece::Heading(i) => Some(number(*i)),
                _ => None,
            })
            .collect();
        match whole.as_slice() {
            [] => {}
            [one] => missing.push(format!("Question {one}")),
            [a, .., b] => missing.push(format!("Questions {a} to {b}")),
        }
        if rest.iter().any(|p| matches!(p, Piece::Footer(_))) {
            missing.push(if matches!(reached, Piece::Footer(_)) {
                "the rest of the footer".into()
            } else {
                "the footer".into()
            });
        }
        let message = format!(
            "the report seems cut off at line {line}, {at} (the line reads \"{}\"): {}; the answers before are kept, and nothing after is made up",
            tail(text),
            are_missing(&missing)
        );
        self.warn(line, message.clone());
        Some(Cut {
            line,
            reached,
            message,
        })
    }

    /// Says what is missing before the end: a question here and there, a
    /// heading, a prompt. Nothing past a cut is "missing": the report
    /// never got there, and the cut says so.
    pub(super) fn missing(
        &mut self,
        found: &[(Slot, usize)],
        lines: &[(usize, &str)],
        cut: Option<&Cut>,
    ) {
        let q = self.q;
        let was_found = |s: &Slot| found.iter().any(|(f, _)| f == s);
        let all = pieces(q);
        let horizon = cut.map_or(all.len(), |c| {
            all.iter()
                .position(|p| *p == c.reached)
                .map_or(0, |k| k + 1)
        });
        let past = |p: Piece| all[..horizon].contains(&p);
        let last_line = lines.last().map_or(1, |(n, _)| *n);
        for (i, question) in q.questions.iter().enumerate() {
            if !past(Piece::Heading(i)) {
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
                        question_heading(q, question)
                    ),
                );
            }
            for (f, fu) in question.follow_ups.iter().enumerate() {
                if !was_found(&Slot::Prompt(i, f)) && past(Piece::Prompt(i, f)) {
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
}
