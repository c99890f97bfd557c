//! Whether some answers make a problem's roots hold.
//!
//! The search follows the conditions rather than trying every combination
//! of answers: `all` adds its parts, `any` tries its parts in turn, and each
//! test narrows what one answer can be. A conjunction of any length is
//! settled in one pass; only `any` makes the search go back. When it would go
//! back too often, every combination of the answers it can tell apart is
//! tried instead (as the search this replaced did), within a limit.

use super::compile::{Lit, Nnf, Test};
use super::problem::{Obligation, Problem};
use crate::questionnaire::Kind;

/// Steps beyond the size of the problem before the search gives up.
const STEPS: u64 = 1 << 16;

/// What can be said of a problem.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Outcome {
    /// Some answers make its roots hold.
    Holds,
    /// No answers do.
    Never,
    /// Too costly to tell.
    Unknown,
}

/// The answers a variable can still take.
#[derive(Clone)]
enum Domain<'a> {
    /// Text: unanswered, answered.
    Text { none: bool, some: bool },
    /// One option at most: unanswered, or one of `options`.
    Single { none: bool, options: Vec<bool> },
    /// Several options: unanswered; or, if `some`, a choice with none of
    /// `excluded` and at least one of each of `wanted`.
    Multiple {
        none: bool,
        some: bool,
        excluded: Vec<bool>,
        wanted: Vec<&'a [usize]>,
    },
}

impl<'a> Domain<'a> {
    fn new(kind: Kind, options: usize, obligation: Obligation<'_>) -> Self {
        let some = !matches!(obligation, Obligation::Never);
        match kind {
            Kind::Text | Kind::ShortText => Domain::Text { none: true, some },
            Kind::SingleChoice | Kind::YesNo => Domain::Single {
                none: true,
                options: vec![some; options],
            },
            Kind::MultipleChoice => Domain::Multiple {
                none: true,
                some,
                excluded: vec![false; options],
                wanted: Vec::new(),
            },
        }
    }

    /// Whether "unanswered" is still possible.
    fn none(&self) -> bool {
        match self {
            Domain::Text { none, .. }
            | Domain::Single { none, .. }
            | Domain::Multiple { none, .. } => *none,
        }
    }

    fn is_empty(&self) -> bool {
        match self {
            Domain::Text { none, some } => !none && !some,
            Domain::Single { none, options } => !none && !options.contains(&true),
            Domain::Multiple {
                none,
                some,
                excluded,
                wanted,
            } => {
                let open = |os: &[usize]| os.iter().any(|&o| !excluded[o]);
                let answerable =
                    *some && excluded.contains(&false) && wanted.iter().all(|w| open(w));
                !none && !answerable
            }
        }
    }

    /// Keeps only the answers for which `lit` is as it says.
    fn narrow(&mut self, lit: &'a Lit) {
        let yes = lit.holds;
        match (self, &lit.test) {
            (Domain::Text { none, some }, Test::Answered) => {
                *none &= !yes;
                *some &= yes;
            }
            // A text answer has no options: the test fails on it.
            (Domain::Text { none, some }, Test::AnyOf(_)) => {
                if yes {
                    (*none, *some) = (false, false);
                }
            }
            (Domain::Single { none, options }, Test::Answered) => {
                *none &= !yes;
                if !yes {
                    options.iter_mut().for_each(|o| *o = false);
                }
            }
            (Domain::Single { none, options }, Test::AnyOf(os)) => {
                *none &= !yes;
                for (i, o) in options.iter_mut().enumerate() {
                    *o &= os.contains(&i) == yes;
                }
            }
            (Domain::Multiple { none, some, .. }, Test::Answered) => {
                *none &= !yes;
                *some &= yes;
            }
            (
                Domain::Multiple {
                    none,
                    excluded,
                    wanted,
                    ..
                },
                Test::AnyOf(os),
            ) => {
                if yes {
                    *none = false;
                    wanted.push(os);
                } else {
                    os.iter().for_each(|&o| excluded[o] = true);
                }
            }
        }
    }
}

/// No more goals.
const NIL: usize = usize::MAX;

/// A list of goals. Cells are only ever added (and dropped when the search
/// goes back past them), so each branch keeps its list as it was.
#[derive(Clone, Copy)]
struct Cell<'a> {
    goal: &'a Nnf,
    next: usize,
}

/// An `any` whose other parts are still to be tried.
#[derive(Clone, Copy)]
struct Choice<'a> {
    trail: usize,
    cells: usize,
    /// The goals after the `any`.
    rest: usize,
    untried: &'a [Nnf],
}

struct Search<'p, 'a> {
    problem: &'p Problem<'a>,
    domains: Vec<Domain<'a>>,
    /// Each domain as it was before a test narrowed it, to go back.
    trail: Vec<(usize, Domain<'a>)>,
    cells: Vec<Cell<'a>>,
    choices: Vec<Choice<'a>>,
}

/// Whether some answers make every root hold; `size` is the number of
/// condition nodes in the problem, which the steps allowed grow with.
pub(super) fn search<'a>(
    problem: &Problem<'a>,
    roots: &[&'a Nnf],
    size: usize,
    work: &mut u64,
) -> Outcome {
    let mut s = Search {
        problem,
        domains: (problem.vars.iter())
            .map(|v| Domain::new(v.kind, v.options, v.obligation))
            .collect(),
        trail: Vec::new(),
        cells: Vec::new(),
        choices: Vec::new(),
    };
    let mut list = NIL;
    for root in roots.iter().rev() {
        list = s.cons(root, list);
    }
    let limit = STEPS + 4 * size as u64;
    for _ in 0..limit {
        *work += 1;
        if list == NIL {
            return Outcome::Holds;
        }
        let Cell { goal, next } = s.cells[list];
        list = next;
        let ok = match goal {
            Nnf::All(parts) => {
                for part in parts.iter().rev() {
                    list = s.cons(part, list);
                }
                true
            }
            Nnf::Any(parts) => match parts.split_first() {
                None => false,
                Some((first, untried)) => {
                    if !untried.is_empty() {
                        s.choices.push(Choice {
                            trail: s.trail.len(),
                            cells: s.cells.len(),
                            rest: list,
                            untried,
                        });
                    }
                    list = s.cons(first, list);
                    true
                }
            },
            Nnf::Lit(lit) => s.narrow(lit, &mut list),
        };
        if !ok {
            match s.back() {
                Some(l) => list = l,
                None => return Outcome::Never,
            }
        }
    }
    super::enumerate::enumerate(problem, roots, work)
}

impl<'a> Search<'_, 'a> {
    fn cons(&mut self, goal: &'a Nnf, next: usize) -> usize {
        self.cells.push(Cell { goal, next });
        self.cells.len() - 1
    }

    /// Applies a test; `false` when no answer is left.
    fn narrow(&mut self, lit: &'a Lit, list: &mut usize) -> bool {
        let i = self.problem.index[&lit.var];
        let d = &mut self.domains[i];
        let was_none = d.none();
        self.trail.push((i, d.clone()));
        d.narrow(lit);
        if d.is_empty() {
            return false;
        }
        // Unanswered needs nothing; an answer counts only while its question
        // is asked, so from now on its `ask_when` must hold too.
        if was_none
            && !d.none()
            && let Obligation::Holds(c) = self.problem.vars[i].obligation
        {
            *list = self.cons(c, *list);
        }
        true
    }

    /// Goes back to the last `any` with a part untried; `None` if there is
    /// none left.
    fn back(&mut self) -> Option<usize> {
        let c = self.choices.pop()?;
        for (i, d) in self.trail.drain(c.trail..).rev() {
            self.domains[i] = d;
        }
        self.cells.truncate(c.cells);
        let (first, untried) = c.untried.split_first()?;
        if !untried.is_empty() {
            self.choices.push(Choice { untried, ..c });
        }
        Some(self.cons(first, c.rest))
    }
}
