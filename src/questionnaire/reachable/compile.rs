//! Conditions made ready for the search: ids resolved to indices, negations
//! pushed down to the tests, and what each question's `ask_when` reaches.

use crate::questionnaire::decode::Places;
use crate::questionnaire::{Condition, Questionnaire};
use std::collections::HashMap;

/// A condition in negation normal form: `not` appears only on tests.
pub(super) enum Nnf {
    All(Vec<Nnf>),
    Any(Vec<Nnf>),
    Lit(Lit),
}

/// One test of one answer, or its negation.
pub(super) struct Lit {
    pub var: Var,
    pub test: Test,
    /// `false` when the test must fail.
    pub holds: bool,
}

/// The answer a test looks at.
///
/// A test of an earlier question sees its answer only while it is asked
/// (`raw == false`). A test of the question itself or of a later one (an
/// error reported elsewhere) sees the answer as given, whether the question
/// is asked or not: the search keeps the two apart, as the previous search
/// did. A question with no `ask_when` is always asked, so both are one.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub(super) struct Var {
    pub question: usize,
    pub raw: bool,
}

pub(super) enum Test {
    /// Answered with at least one of these options (indices into the
    /// question's options; one for `is`).
    AnyOf(Vec<usize>),
    /// Answered at all.
    Answered,
}

/// A compiled condition.
pub(super) struct Compiled {
    pub root: Nnf,
    /// The answers it tests, each once.
    pub vars: Vec<Var>,
    /// Its nodes, to bound how much the search takes in.
    pub size: usize,
    /// It tests something the search cannot judge: an unknown question, one
    /// whose kind or options could not be read, or an option that does not
    /// exist. Each is reported already; the condition is assumed satisfiable
    /// so that no second message follows from the first.
    pub unsure: bool,
}

/// What compiling needs to know about the questionnaire.
pub(super) struct Ids<'a> {
    pub q: &'a Questionnaire,
    pub places: &'a Places,
    /// The first question with each id, as conditions resolve them.
    pub index: &'a HashMap<&'a str, usize>,
}

impl Ids<'_> {
    /// Compiles `c`; tests of questions before `counted_below` see counted
    /// answers, others the answer as given.
    pub fn compile(&self, c: &Condition, counted_below: usize) -> Compiled {
        let mut out = Compiled {
            root: Nnf::All(Vec::new()),
            vars: Vec::new(),
            size: 0,
            unsure: false,
        };
        out.root = self.nnf(c, true, counted_below, &mut out);
        out
    }

    fn nnf(&self, c: &Condition, holds: bool, below: usize, out: &mut Compiled) -> Nnf {
        out.size += 1;
        let mut each =
            |cs: &[Condition]| cs.iter().map(|c| self.nnf(c, holds, below, out)).collect();
        match c {
            Condition::Not(c) => {
                out.size -= 1;
                self.nnf(c, !holds, below, out)
            }
            // `not all` is `any not`, and `not any` is `all not`.
            Condition::All(cs) if holds => Nnf::All(each(cs)),
            Condition::All(cs) => Nnf::Any(each(cs)),
            Condition::Any(cs) if holds => Nnf::Any(each(cs)),
            Condition::Any(cs) => Nnf::All(each(cs)),
            leaf => match self.lit(leaf, holds, below) {
                Some(lit) => {
                    if !out.vars.contains(&lit.var) {
                        out.vars.push(lit.var);
                    }
                    Nnf::Lit(lit)
                }
                None => {
                    out.unsure = true;
                    // Never searched: an unsure condition is assumed satisfiable.
                    Nnf::All(Vec::new())
                }
            },
        }
    }

    fn lit(&self, leaf: &Condition, holds: bool, below: usize) -> Option<Lit> {
        let (id, _) = leaf.leaf_question()?;
        let &question = self.index.get(id)?;
        let target = &self.q.questions[question];
        if self.places.unsure.contains(&target.span.start) {
            return None;
        }
        let position = |o: &String| target.options.iter().position(|x| x.id == *o);
        let (test, holds) = match leaf {
            Condition::Is { option, .. } => (Test::AnyOf(vec![position(option)?]), holds),
            Condition::AnyOf { options, .. } => (
                Test::AnyOf(options.iter().map(position).collect::<Option<_>>()?),
                holds,
            ),
            Condition::Answered { answered, .. } => (Test::Answered, holds == *answered),
            _ => return None,
        };
        let raw = question >= below && target.ask_when.is_some();
        Some(Lit {
            var: Var { question, raw },
            test,
            holds,
        })
    }
}

/// The questions whose answers decide whether a question is asked: those its
/// `ask_when` tests, those their `ask_when` test, and so on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Reach {
    /// Exactly these, sorted.
    Small(Vec<usize>),
    /// Some questions between `lo` and `hi` (inclusive): a long chain reaches
    /// every question before it, and listing them would make the work grow
    /// with the square of its length.
    Big { lo: usize, hi: usize },
}

impl Reach {
    pub const NONE: Reach = Reach::Small(Vec::new());

    /// Adds `question`, and what it reaches; past `listed` questions, keeps
    /// only their range.
    pub fn add(&mut self, question: usize, reach: &Reach, listed: usize, work: &mut u64) {
        *work += 1;
        let (lo, hi) = match (&mut *self, reach) {
            (Reach::Small(mine), Reach::Small(theirs)) => {
                *work += theirs.len() as u64;
                for &t in theirs.iter().chain([&question]) {
                    if let Err(at) = mine.binary_search(&t) {
                        mine.insert(at, t);
                    }
                }
                if mine.len() <= listed {
                    return;
                }
                (mine[0], mine[mine.len() - 1])
            }
            (mine, theirs) => {
                let (a, b) = mine.bounds().unwrap_or((question, question));
                let (c, d) = theirs.bounds().unwrap_or((question, question));
                (a.min(c).min(question), b.max(d).max(question))
            }
        };
        *self = Reach::Big { lo, hi };
    }

    /// The lowest and highest question, if any.
    pub fn bounds(&self) -> Option<(usize, usize)> {
        match self {
            Reach::Small(v) => Some((*v.first()?, *v.last()?)),
            Reach::Big { lo, hi } => Some((*lo, *hi)),
        }
    }
}
