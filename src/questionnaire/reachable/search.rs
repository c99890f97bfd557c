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
/// Past this many combinations of answers, a problem is assumed satisfiable.
const ENUMERATION_LIMIT: u64 = 1 << 16;

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
    enumerate(problem, roots, work)
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

/// One answer as far as the problem's tests can tell.
struct State {
    answered: bool,
    chosen: Vec<usize>,
}

/// Tries every combination of the answers the problem can tell apart.
fn enumerate<'a>(problem: &Problem<'a>, roots: &[&'a Nnf], work: &mut u64) -> Outcome {
    let mut named = vec![Vec::new(); problem.vars.len()];
    let mut conditions: Vec<&Nnf> = roots.to_vec();
    conditions.extend(problem.vars.iter().filter_map(|v| match v.obligation {
        Obligation::Holds(c) => Some(c),
        _ => None,
    }));
    for c in &conditions {
        name_options(c, problem, &mut named);
    }
    let Some(domains) = (problem.vars.iter().zip(&mut named))
        .map(|(v, named)| {
            named.sort_unstable();
            named.dedup();
            states(v.kind, v.options, v.obligation, named)
        })
        .collect::<Option<Vec<_>>>()
    else {
        return Outcome::Unknown;
    };
    let total = (domains.iter()).try_fold(1u64, |acc, d| acc.checked_mul(d.len() as u64));
    if total.is_none_or(|t| t > ENUMERATION_LIMIT) {
        return Outcome::Unknown;
    }
    let mut pick = vec![0usize; domains.len()];
    loop {
        let at = |i: usize| &domains[i][pick[i]];
        // The roots hold, and every answer given counts: its question is
        // asked (its `ask_when`, if opened, holds).
        let holds = roots.iter().all(|r| eval(r, problem, &at, work))
            && (problem.vars.iter().enumerate()).all(|(i, v)| match v.obligation {
                Obligation::Holds(c) if at(i).answered => eval(c, problem, &at, work),
                _ => true,
            });
        if holds {
            return Outcome::Holds;
        }
        // Odometer over the domains.
        let mut k = 0;
        loop {
            if k == pick.len() {
                return Outcome::Never;
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

fn name_options(c: &Nnf, problem: &Problem<'_>, named: &mut [Vec<usize>]) {
    match c {
        Nnf::All(parts) | Nnf::Any(parts) => {
            parts.iter().for_each(|p| name_options(p, problem, named));
        }
        Nnf::Lit(lit) => {
            if let Test::AnyOf(os) = &lit.test {
                named[problem.index[&lit.var]].extend(os);
            }
        }
    }
}

/// The states of one answer: unanswered, then each answer the tests can
/// tell apart; `None` when there are too many to try.
fn states(kind: Kind, options: usize, ob: Obligation<'_>, named: &[usize]) -> Option<Vec<State>> {
    let mut out = vec![State {
        answered: false,
        chosen: Vec::new(),
    }];
    if matches!(ob, Obligation::Never) {
        return Some(out);
    }
    let answer = |chosen: Vec<usize>| State {
        answered: true,
        chosen,
    };
    match kind {
        Kind::Text | Kind::ShortText => out.push(answer(Vec::new())),
        Kind::SingleChoice | Kind::YesNo => out.extend(named.iter().map(|&o| answer(vec![o]))),
        Kind::MultipleChoice => {
            if named.len() > 16 {
                return None;
            }
            for mask in 1..(1usize << named.len()) {
                let chosen = (named.iter().enumerate())
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, &o)| o)
                    .collect();
                out.push(answer(chosen));
            }
        }
    }
    // An option no test names: answered, yet no named option chosen.
    if kind.is_choice()
        && let Some(other) = (0..options).find(|o| !named.contains(o))
    {
        out.push(answer(vec![other]));
    }
    Some(out)
}

fn eval<'s>(
    c: &Nnf,
    problem: &Problem<'_>,
    at: &impl Fn(usize) -> &'s State,
    work: &mut u64,
) -> bool {
    *work += 1;
    match c {
        Nnf::All(parts) => parts.iter().all(|p| eval(p, problem, at, work)),
        Nnf::Any(parts) => parts.iter().any(|p| eval(p, problem, at, work)),
        Nnf::Lit(lit) => {
            let state = at(problem.index[&lit.var]);
            let tested = match &lit.test {
                Test::Answered => state.answered,
                Test::AnyOf(os) => state.answered && os.iter().any(|o| state.chosen.contains(o)),
            };
            tested == lit.holds
        }
    }
}
