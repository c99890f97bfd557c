//! Which questions a search must take in, and which it may take as known.
//!
//! A test of an earlier question `u` holds only while `u` is asked, so
//! whether a condition can hold depends on `u`'s `ask_when`, on what that
//! tests, and so on down to the first question. Taking all of that in made
//! the work for one question grow with the length of a chain, and the work
//! for a questionnaire with its square.
//!
//! But when nothing else in the search looks at any question `u`'s
//! `ask_when` reaches, `u`'s answer is independent of the rest: the search
//! needs only to know whether `u` can be asked at all, which was settled when
//! `u` itself was checked. Only questions whose reach overlaps the rest are
//! taken in with their `ask_when` ("opened"); in a chain, none is.

use super::compile::{Compiled, Nnf, Reach, Var};
use super::{Analysis, Assume};
use crate::questionnaire::Kind;
use std::collections::{BTreeMap, BTreeSet, BinaryHeap, HashMap};

/// What the search must make hold when an answer is given.
#[derive(Clone, Copy)]
pub(super) enum Obligation<'a> {
    /// Nothing: always asked, taken as known and askable, or the question
    /// being checked (whose `ask_when` is a root already).
    None,
    /// Its `ask_when`, opened.
    Holds(&'a Nnf),
    /// Taken as known, and it is never asked: its answer never counts.
    Never,
}

pub(super) struct Variable<'a> {
    pub kind: Kind,
    pub options: usize,
    pub obligation: Obligation<'a>,
}

/// The answers one search is about.
pub(super) struct Problem<'a> {
    pub vars: Vec<Variable<'a>>,
    pub index: HashMap<Var, usize>,
    /// Some question was taken as known although its reach overlaps the
    /// rest (past [`super::Limits::open`]): "never" could be missed, not
    /// invented.
    pub approximate: bool,
    /// Nodes of the conditions opened.
    pub opened: usize,
}

/// Questions not yet opened or taken as known, and what they reach.
#[derive(Default)]
struct Pending {
    /// Highest first: opening a question adds only earlier ones.
    queue: BinaryHeap<usize>,
    /// How many pending questions reach each question (exact reaches).
    reached: BTreeMap<usize, usize>,
    /// The bounds of pending ranges (reaches too long to list).
    los: BTreeMap<usize, usize>,
    his: BTreeMap<usize, usize>,
}

fn count(map: &mut BTreeMap<usize, usize>, key: usize, add: bool) {
    if add {
        *map.entry(key).or_default() += 1;
    } else if let Some(n) = map.get_mut(&key) {
        *n -= 1;
        if *n == 0 {
            map.remove(&key);
        }
    }
}

impl Pending {
    fn track(&mut self, reach: &Reach, add: bool) {
        match reach {
            Reach::Small(v) => v.iter().for_each(|&r| count(&mut self.reached, r, add)),
            Reach::Big { lo, hi } => {
                count(&mut self.los, *lo, add);
                count(&mut self.his, *hi, add);
            }
        }
    }

    /// Whether some pending question may reach a question in `lo..=hi`.
    fn overlaps(&self, lo: usize, hi: usize) -> bool {
        let ranges = match (self.los.keys().next(), self.his.keys().next_back()) {
            (Some(&a), Some(&b)) => a <= hi && lo <= b,
            _ => false,
        };
        ranges || self.reached.range(lo..=hi).next().is_some()
    }
}

/// Builds the problem of making `roots` hold. `fixed` is the question whose
/// follow-up is checked: its `ask_when` is one of the roots.
pub(super) fn build<'a>(
    an: &'a Analysis<'_>,
    roots: &[&'a Compiled],
    fixed: Option<usize>,
    work: &mut u64,
) -> Result<Problem<'a>, Assume> {
    let mut b = Builder {
        an,
        p: Problem {
            vars: Vec::new(),
            index: HashMap::new(),
            approximate: false,
            opened: 0,
        },
        in_problem: BTreeSet::new(),
        pending: Pending::default(),
        fixed,
    };
    for root in roots {
        b.take_in(root, work)?;
    }
    while let Some(u) = b.pending.queue.pop() {
        *work += 1;
        let reach = &an.reach[u];
        b.pending.track(reach, false);
        let cond = an.cond(u).ok_or(Assume)?;
        let overlaps = b.overlaps(reach, work);
        let i = b.p.index[&Var {
            question: u,
            raw: false,
        }];
        if overlaps && b.p.opened + cond.size <= an.limits.open {
            b.p.opened += cond.size;
            b.p.vars[i].obligation = Obligation::Holds(&cond.root);
            b.take_in(cond, work)?;
        } else {
            b.p.approximate |= overlaps;
            if !an.can_ask[u] {
                b.p.vars[i].obligation = Obligation::Never;
            }
        }
    }
    Ok(b.p)
}

struct Builder<'a, 'q> {
    an: &'a Analysis<'q>,
    p: Problem<'a>,
    /// The questions of every variable so far.
    in_problem: BTreeSet<usize>,
    pending: Pending,
    fixed: Option<usize>,
}

impl<'a> Builder<'a, '_> {
    /// Adds the answers `c` tests; those with an `ask_when` become pending.
    fn take_in(&mut self, c: &'a Compiled, work: &mut u64) -> Result<(), Assume> {
        if c.unsure {
            return Err(Assume);
        }
        for &var in &c.vars {
            *work += 1;
            if self.p.index.contains_key(&var) {
                continue;
            }
            let other = Var {
                raw: !var.raw,
                ..var
            };
            if self.p.index.contains_key(&other) {
                // The same answer both as given and as counted: the search
                // cannot tie the two together. Only a condition that looks
                // at a later question (reported already) does this.
                return Err(Assume);
            }
            let u = var.question;
            let question = &self.an.q.questions[u];
            self.p.index.insert(var, self.p.vars.len());
            self.p.vars.push(Variable {
                kind: question.kind,
                options: question.options.len(),
                obligation: Obligation::None,
            });
            self.in_problem.insert(u);
            if var.raw || self.fixed == Some(u) || self.an.cond(u).is_none() {
                continue;
            }
            if self.an.tainted[u] {
                // Its `ask_when` reaches something unsure: as the search
                // this replaced, assume rather than raise a second alarm.
                return Err(Assume);
            }
            self.pending.queue.push(u);
            self.pending.track(&self.an.reach[u], true);
        }
        Ok(())
    }

    /// Whether anything else in the problem may look at a question `reach`
    /// holds.
    fn overlaps(&self, reach: &Reach, work: &mut u64) -> bool {
        match reach {
            Reach::Small(v) => v.iter().any(|&r| {
                *work += 1;
                self.in_problem.contains(&r) || self.pending.overlaps(r, r)
            }),
            &Reach::Big { lo, hi } => {
                self.in_problem.range(lo..=hi).next().is_some() || self.pending.overlaps(lo, hi)
            }
        }
    }
}
