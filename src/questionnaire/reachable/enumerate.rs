//! The search's fallback: every combination of the answers a problem's
//! tests can tell apart, as the search this replaced always did. Exact, and
//! affordable only for a few answers, so used only when following the
//! conditions would go back too often.

use super::compile::{Nnf, Test};
use super::problem::{Obligation, Problem};
use super::search::Outcome;
use crate::questionnaire::Kind;

/// Past this many combinations of answers, a problem is assumed satisfiable.
const ENUMERATION_LIMIT: u64 = 1 << 16;

/// One answer as far as the problem's tests can tell.
struct State {
    answered: bool,
    chosen: Vec<usize>,
}

/// Tries every combination of the answers the problem can tell apart.
pub(super) fn enumerate<'a>(problem: &Problem<'a>, roots: &[&'a Nnf], work: &mut u64) -> Outcome {
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
