//! The previous search for questions that can never be asked, kept only as
//! a test oracle: it joins every test with the tested question's whole
//! `ask_when` (inlined, recursively) and tries every combination of answers.
//! That is exact on small definitions but took minutes on long chains, so
//! the analysis in `super` replaced it; on small definitions the two must
//! report the same problems (`super::tests`).
//!
//! Unchanged from the version it replaced, apart from these lines, the
//! paths of its imports and `exact`, which says whether it was: set to
//! `false` wherever one of its limits made it assume or leave something out.

use crate::questionnaire::condition::Facts;
use crate::questionnaire::decode::Places;
use crate::questionnaire::{Condition, Diagnostic, Kind, Question, Questionnaire, Span};
use std::collections::{BTreeMap, BTreeSet};

/// Past this many combinations of answers a condition is assumed satisfiable.
const ENUMERATION_LIMIT: usize = 1 << 16;
/// Past this many nodes, a joined condition is not searched (nor reported).
const SIZE_LIMIT: usize = 512;

const HINT: &str = "look for tests that exclude each other, e.g. one question tested for two \
    different options under `all`, or a test of a question that is itself never asked";

pub(crate) fn check(
    q: &Questionnaire,
    places: &Places,
    out: &mut Vec<Diagnostic>,
    exact: &mut bool,
) {
    // Each question's `ask_when`, joined as above; `None` when always asked
    // (or when too large to search, which can only hide a problem).
    let mut asked: Vec<Option<Condition>> = Vec::with_capacity(q.questions.len());
    for question in &q.questions {
        let own = question
            .ask_when
            .as_ref()
            .map(|c| effective(q, c, &asked))
            .filter(|c| {
                *exact &= size(c) <= SIZE_LIMIT;
                size(c) <= SIZE_LIMIT
            });
        let never = own
            .as_ref()
            .is_some_and(|c| !satisfiable(q, places, c, exact));
        let at = |span: Span| places.ask_when.get(&span.start).copied().unwrap_or(span);
        if never {
            out.push(
                Diagnostic::new(
                    at(question.span),
                    format!(
                        "question `{}` (Question {}) can never be asked: no answers make its `ask_when` hold",
                        question.id, question.number
                    ),
                )
                .hint(HINT),
            );
        }
        asked.push(own.clone());
        if never {
            // Its follow-ups go unasked with it: one message says it all.
            continue;
        }
        for f in &question.follow_ups {
            let Some(c) = &f.ask_when else { continue };
            let c = effective(q, c, &asked);
            let (joined, whilst) = match &own {
                Some(own) => (
                    Condition::All(vec![own.clone(), c]),
                    format!(" while question `{}` is asked", question.id),
                ),
                None => (c, String::new()),
            };
            *exact &= size(&joined) <= SIZE_LIMIT;
            if size(&joined) <= SIZE_LIMIT && !satisfiable(q, places, &joined, exact) {
                out.push(
                    Diagnostic::new(
                        at(f.span),
                        format!(
                            "follow-up `{}.{}` can never be asked: no answers make its `ask_when` hold{whilst}",
                            question.id, f.id
                        ),
                    )
                    .hint(HINT),
                );
            }
        }
    }
}

/// `c` with each test of a question joined with that question's `asked`.
fn effective(q: &Questionnaire, c: &Condition, asked: &[Option<Condition>]) -> Condition {
    match c {
        Condition::Not(c) => Condition::Not(Box::new(effective(q, c, asked))),
        Condition::All(cs) => Condition::All(cs.iter().map(|c| effective(q, c, asked)).collect()),
        Condition::Any(cs) => Condition::Any(cs.iter().map(|c| effective(q, c, asked)).collect()),
        leaf => {
            let guard = leaf
                .leaf_question()
                .and_then(|(id, _)| q.question_index(id))
                .and_then(|i| asked.get(i))
                .and_then(Option::as_ref);
            match (guard, leaf) {
                (None, _) => leaf.clone(),
                // Unanswered also when not asked.
                (
                    Some(g),
                    Condition::Answered {
                        answered: false, ..
                    },
                ) => Condition::Any(vec![Condition::Not(Box::new(g.clone())), leaf.clone()]),
                (Some(g), _) => Condition::All(vec![g.clone(), leaf.clone()]),
            }
        }
    }
}

fn size(c: &Condition) -> usize {
    match c {
        Condition::Not(c) => 1 + size(c),
        Condition::All(cs) | Condition::Any(cs) => 1 + cs.iter().map(size).sum::<usize>(),
        _ => 1,
    }
}

/// One possible state of an answer, as far as conditions can tell.
#[derive(Clone)]
struct State {
    answered: bool,
    chosen: BTreeSet<String>,
}

struct Assignment<'a>(BTreeMap<&'a str, &'a State>);

impl Facts for Assignment<'_> {
    fn chosen(&self, question: &str, option: &str) -> bool {
        self.0
            .get(question)
            .is_some_and(|s| s.chosen.contains(option))
    }
    fn answered(&self, question: &str) -> bool {
        self.0.get(question).is_some_and(|s| s.answered)
    }
}

/// The states an answer to `question` can take that `condition` can tell apart.
fn states(question: &Question, condition: &Condition, exact: &mut bool) -> Vec<State> {
    let referenced: BTreeSet<String> = condition
        .leaves()
        .into_iter()
        .filter(|l| l.leaf_question().is_some_and(|(q, _)| q == question.id))
        .flat_map(|l| match l {
            Condition::Is { option, .. } => vec![option.clone()],
            Condition::AnyOf { options, .. } => options.clone(),
            _ => vec![],
        })
        .filter(|o| question.option(o).is_some())
        .collect();
    let unreferenced = question.options.len() > referenced.len();
    let mut out = vec![State {
        answered: false,
        chosen: BTreeSet::new(),
    }];
    match question.kind {
        Kind::Text | Kind::ShortText => out.push(State {
            answered: true,
            chosen: BTreeSet::new(),
        }),
        Kind::SingleChoice | Kind::YesNo => {
            out.extend(referenced.iter().map(|o| State {
                answered: true,
                chosen: BTreeSet::from([o.clone()]),
            }));
        }
        Kind::MultipleChoice => {
            let refs: Vec<_> = referenced.iter().collect();
            *exact &= refs.len() <= 12;
            for mask in 1..(1usize << refs.len().min(12)) {
                let chosen = refs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, o)| (*o).clone())
                    .collect();
                out.push(State {
                    answered: true,
                    chosen,
                });
            }
        }
    }
    if question.kind.is_choice() && unreferenced {
        out.push(State {
            answered: true,
            chosen: BTreeSet::new(),
        });
    }
    out
}

/// Whether every option `condition` tests on `question` exists: a test of a
/// missing option is reported already, and would make the search report the
/// question as never asked besides.
fn well_formed(question: &Question, condition: &Condition) -> bool {
    condition
        .leaves()
        .into_iter()
        .filter(|l| l.leaf_question().is_some_and(|(q, _)| q == question.id))
        .all(|l| match l {
            Condition::Is { option, .. } => question.option(option).is_some(),
            Condition::AnyOf { options, .. } => {
                options.iter().all(|o| question.option(o).is_some())
            }
            _ => true,
        })
}

/// Whether some answers make `condition` hold.
fn satisfiable(
    q: &Questionnaire,
    places: &Places,
    condition: &Condition,
    exact: &mut bool,
) -> bool {
    let mut ids = Vec::new();
    let mut domains = Vec::new();
    for id in condition.questions() {
        let Some(i) = q.question_index(id) else {
            return true;
        };
        let question = &q.questions[i];
        if places.unsure.contains(&question.span.start) || !well_formed(question, condition) {
            return true;
        }
        ids.push(question.id.as_str());
        domains.push(states(question, condition, exact));
    }
    let total = domains
        .iter()
        .try_fold(1usize, |acc, d| acc.checked_mul(d.len()));
    if total.is_none_or(|t| t > ENUMERATION_LIMIT) {
        *exact = false;
        return true;
    }
    let mut pick = vec![0usize; domains.len()];
    loop {
        let assignment = Assignment(
            ids.iter()
                .zip(&pick)
                .zip(&domains)
                .map(|((id, &p), d)| (*id, &d[p]))
                .collect(),
        );
        if condition.holds(&assignment) {
            return true;
        }
        // Odometer over the domains.
        let mut k = 0;
        loop {
            if k == pick.len() {
                return false;
            }
            pick[k] += 1;
            if pick[k] < domains[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}
