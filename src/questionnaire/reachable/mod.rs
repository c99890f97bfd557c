//! Finding questions and follow-ups that no answers could ever bring up.
//!
//! An answer counts only while its question is asked (see `crate::flow`), so a
//! test of question `t` really means "`t` is asked, and …", and a follow-up is
//! asked only while its question is: this finds contradictions that span
//! several questions, not only those written in one condition.
//!
//! Questions are checked in order, and what is learnt of each is kept: its
//! `ask_when` compiled ([`compile`]), the questions it reaches, and whether it
//! can be asked at all. A later check takes an earlier question as known
//! unless its reach overlaps the rest of the check ([`problem`]), and the
//! search follows the conditions rather than every combination of answers
//! ([`search`]). So a check costs about the size of the conditions it looks
//! at, not of all the questions before it: validating a chain of 10,000
//! conditions, each on the one before, took minutes and now takes
//! milliseconds (`docs/performance.md`).

mod compile;
mod enumerate;
#[cfg(test)]
pub(crate) mod oracle;
mod problem;
mod search;
#[cfg(test)]
mod tests;

use super::decode::Places;
use super::{Diagnostic, Questionnaire, Span};
use compile::{Compiled, Ids, Nnf, Reach};
use search::Outcome;
use std::collections::HashMap;

const HINT: &str = "look for tests that exclude each other, e.g. one question tested for two \
    different options under `all`, or a test of a question that is itself never asked";

/// How much work validation did, counted rather than timed, so that tests
/// can hold it to near-linear growth on any machine.
#[doc(hidden)]
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Work {
    /// Steps: condition nodes compiled, tested and searched, questions
    /// weighed for a search.
    pub steps: u64,
    /// Checks that took an earlier question as known although its reach
    /// overlapped the rest (past a size limit): they may miss a problem.
    pub approximate: u64,
    /// Checks given up as too costly, and so assumed to pass.
    pub unknown: u64,
}

/// What keeps each check small. Tests lower them to reach what they guard.
#[derive(Clone, Copy)]
pub(super) struct Limits {
    /// Past this many questions, what a condition reaches is kept as a
    /// range.
    pub listed: usize,
    /// Past this many condition nodes opened for one search, the remaining
    /// questions are taken as known even if their reach overlaps: the search
    /// can then find answers that do not exist (and so miss a problem),
    /// never the reverse. The search this replaced stopped at 512 nodes of a
    /// condition copied out in full; opened nodes are never copied, so each
    /// counts once here.
    pub open: usize,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        listed: 32,
        open: 1024,
    };
}

/// A check that cannot be made soundly, and so is assumed to pass.
pub(super) struct Assume;

/// What is known of the questions checked so far, by index.
pub(super) struct Analysis<'q> {
    q: &'q Questionnaire,
    limits: Limits,
    /// Each question's `ask_when`, compiled; `None` when always asked.
    conds: Vec<Option<Compiled>>,
    reach: Vec<Reach>,
    /// Its `ask_when` reaches a test that cannot be judged (see
    /// [`Compiled::unsure`]).
    tainted: Vec<bool>,
    /// Some answers make it asked.
    can_ask: Vec<bool>,
}

impl Analysis<'_> {
    fn cond(&self, u: usize) -> Option<&Compiled> {
        self.conds.get(u)?.as_ref()
    }

    /// Whether some answers make every root hold; `fixed` is the question
    /// whose follow-up is checked.
    fn can_hold(&self, roots: &[&Compiled], fixed: Option<usize>, work: &mut Work) -> bool {
        let Ok(problem) = problem::build(self, roots, fixed, &mut work.steps) else {
            return true;
        };
        work.approximate += u64::from(problem.approximate);
        let size = roots.iter().map(|r| r.size).sum::<usize>() + problem.opened;
        let nnfs: Vec<&Nnf> = roots.iter().map(|r| &r.root).collect();
        match search::search(&problem, &nnfs, size, &mut work.steps) {
            Outcome::Holds => true,
            Outcome::Never => false,
            Outcome::Unknown => {
                work.unknown += 1;
                true
            }
        }
    }

    /// Whether a follow-up of question `t` asked when `c` holds can be asked:
    /// `c` and `t`'s own `ask_when` must hold together.
    fn can_ask_follow_up(
        &self,
        ids: &Ids<'_>,
        t: usize,
        c: &super::Condition,
        work: &mut Work,
    ) -> bool {
        // A follow-up may look at its own question's counted answer.
        let c = ids.compile(c, t + 1);
        work.steps += c.size as u64;
        let roots: Vec<&Compiled> = self.cond(t).into_iter().chain([&c]).collect();
        self.can_hold(&roots, Some(t), work)
    }

    /// Compiles question `t`'s `ask_when` and records what it reaches.
    fn learn(&mut self, ids: &Ids<'_>, t: usize, work: &mut Work) {
        let cond = (self.q.questions[t].ask_when.as_ref()).map(|c| ids.compile(c, t));
        let (mut reach, nothing) = (Reach::NONE, Reach::NONE);
        let mut tainted = false;
        if let Some(c) = &cond {
            work.steps += c.size as u64;
            tainted = c.unsure;
            for v in &c.vars {
                // A question this one looks at as given (itself, a later
                // one) is reached, but not through its own `ask_when`.
                let known = !v.raw && v.question < t;
                let theirs = if known {
                    &self.reach[v.question]
                } else {
                    &nothing
                };
                reach.add(v.question, theirs, self.limits.listed, &mut work.steps);
                tainted |= known && self.tainted[v.question];
            }
        }
        self.conds.push(cond);
        self.reach.push(reach);
        self.tainted.push(tainted);
    }
}

pub(super) fn check(
    q: &Questionnaire,
    places: &Places,
    index: &HashMap<&str, usize>,
    out: &mut Vec<Diagnostic>,
    work: &mut Work,
) {
    check_within(Limits::DEFAULT, q, places, index, out, work);
}

fn check_within(
    limits: Limits,
    q: &Questionnaire,
    places: &Places,
    index: &HashMap<&str, usize>,
    out: &mut Vec<Diagnostic>,
    work: &mut Work,
) {
    let ids = Ids { q, places, index };
    let n = q.questions.len();
    let mut an = Analysis {
        q,
        limits,
        conds: Vec::with_capacity(n),
        reach: Vec::with_capacity(n),
        tainted: Vec::with_capacity(n),
        can_ask: Vec::with_capacity(n),
    };
    let at = |span: Span| places.ask_when.get(&span.start).copied().unwrap_or(span);
    for (t, question) in q.questions.iter().enumerate() {
        an.learn(&ids, t, work);
        let can_ask = an.cond(t).is_none_or(|c| an.can_hold(&[c], None, work));
        an.can_ask.push(can_ask);
        if !can_ask {
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
            // Its follow-ups go unasked with it: one message says it all.
            continue;
        }
        for f in &question.follow_ups {
            if let Some(c) = &f.ask_when
                && !an.can_ask_follow_up(&ids, t, c, work)
            {
                let whilst = match question.ask_when {
                    Some(_) => format!(" while question `{}` is asked", question.id),
                    None => String::new(),
                };
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
