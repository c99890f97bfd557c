//! The analysis against the search it replaced, on thousands of small
//! made-up definitions; and the work it does on large ones, counted.

use super::{Limits, Work, check_within, oracle};
use crate::questionnaire::generate::{Tail, chain, wide};
use crate::questionnaire::{Diagnostic, Questionnaire, load};
use std::collections::HashMap;
use std::fmt::Write;

/// What the new analysis (within `limits`) and the old one report on
/// `source`.
struct Both {
    new: Vec<Diagnostic>,
    old: Vec<Diagnostic>,
    /// The old search stayed within its limits, and so was exact.
    exact: bool,
    work: Work,
}

fn within(limits: Limits, source: &str) -> Both {
    let (q, places, _) = load::load(source);
    let q = q.unwrap_or_else(|| panic!("no questionnaire from:\n{source}"));
    let mut index = HashMap::new();
    for (i, question) in q.questions.iter().enumerate() {
        index.entry(question.id.as_str()).or_insert(i);
    }
    let (mut new, mut work) = (Vec::new(), Work::default());
    check_within(limits, &q, &places, &index, &mut new, &mut work);
    let (mut old, mut exact) = (Vec::new(), true);
    oracle::check(&q, &places, &mut old, &mut exact);
    Both {
        new,
        old,
        exact,
        work,
    }
}

fn both(source: &str) -> Both {
    within(Limits::DEFAULT, source)
}

/// A small deterministic generator (xorshift64*): the same cases every run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

#[derive(Clone, Copy)]
enum Shape {
    YesNo,
    Single(usize),
    Multiple(usize),
    Text,
}

impl Shape {
    fn options(self) -> Vec<String> {
        match self {
            Shape::YesNo => vec!["yes".into(), "no".into()],
            Shape::Single(n) | Shape::Multiple(n) => (0..n).map(|i| format!("o{i}")).collect(),
            Shape::Text => Vec::new(),
        }
    }
}

/// A random condition on the questions in `pick`.
fn condition(rng: &mut Rng, shapes: &[Shape], pick: &[usize], depth: usize) -> String {
    let option = |rng: &mut Rng, j: usize| {
        let options = shapes[j].options();
        // Now and then an option that does not exist, or one on a text
        // question: reported elsewhere, and no "never asked" must follow.
        if options.is_empty() || rng.below(25) == 0 {
            "zz".to_owned()
        } else {
            options[rng.below(options.len())].clone()
        }
    };
    if depth == 0 || rng.below(2) == 0 {
        let j = pick[rng.below(pick.len())];
        let choice = !matches!(shapes[j], Shape::Text) || rng.below(10) == 0;
        return match rng.below(3) {
            0 if choice => format!("{{ question = \"q{j}\", is = \"{}\" }}", option(rng, j)),
            1 if choice => {
                let (a, b) = (option(rng, j), option(rng, j));
                format!("{{ question = \"q{j}\", any_of = [\"{a}\", \"{b}\"] }}")
            }
            _ => format!(
                "{{ question = \"q{j}\", answered = {} }}",
                rng.below(2) == 0
            ),
        };
    }
    let parts = |rng: &mut Rng| {
        (0..rng.below(3))
            .map(|_| condition(rng, shapes, pick, depth - 1))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match rng.below(3) {
        0 => format!("{{ not = {} }}", condition(rng, shapes, pick, depth - 1)),
        1 => format!("{{ all = [{}] }}", parts(rng)),
        _ => format!("{{ any = [{}] }}", parts(rng)),
    }
}

/// A random definition of 2 to `most` questions with conditions and
/// follow-ups; with `forward`, conditions may also look at the question
/// itself or later ones (an error, reported elsewhere).
fn definition(rng: &mut Rng, most: usize, forward: bool) -> String {
    let n = 2 + rng.below(most - 1);
    let shapes: Vec<Shape> = (0..n)
        .map(|_| match rng.below(4) {
            0 => Shape::YesNo,
            1 => Shape::Single(2 + rng.below(2)),
            2 => Shape::Multiple(1 + rng.below(3)),
            _ => Shape::Text,
        })
        .collect();
    let mut out = String::from(
        "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\n[report]\n[[part]]\nid = \"p\"\ntitle = \"P\"\n",
    );
    for (t, shape) in shapes.iter().enumerate() {
        let kind = match shape {
            Shape::YesNo => "yes-no",
            Shape::Single(_) => "single-choice",
            Shape::Multiple(_) => "multiple-choice",
            Shape::Text => "text",
        };
        let _ = write!(
            out,
            "[[part.question]]\nid = \"q{t}\"\nkind = \"{kind}\"\ntext = \"x\"\n"
        );
        let earlier: Vec<usize> = (0..if forward { n } else { t }).collect();
        if !earlier.is_empty() && rng.below(4) != 0 {
            let c = condition(rng, &shapes, &earlier, 2);
            let _ = writeln!(out, "ask_when = {c}");
        }
        if !matches!(shape, Shape::YesNo) {
            for o in shape.options() {
                let _ = write!(
                    out,
                    "[[part.question.option]]\nid = \"{o}\"\nlabel = \"{o}\"\n"
                );
            }
        }
        if rng.below(3) == 0 {
            let upto: Vec<usize> = (0..if forward { n } else { t + 1 }).collect();
            let c = condition(rng, &shapes, &upto, 2);
            let _ = write!(
                out,
                "[[part.question.follow_up]]\nid = \"f\"\nprompt = \"p\"\nask_when = {c}\n"
            );
        }
    }
    out
}

fn messages(ds: &[Diagnostic]) -> Vec<String> {
    ds.iter()
        .map(|d| format!("{}: {}", d.span.start, d.message))
        .collect()
}

/// Whether `message` (of the new search) is true by the old one's
/// `reported`: reported too, or about a follow-up of a question reported as
/// never asked (the old search then said nothing of the follow-ups; the new
/// one, if it misses the question past a limit, may name a follow-up).
fn known(message: &str, reported: &[String]) -> bool {
    let follow_up = message
        .split_once("follow-up `")
        .and_then(|(_, rest)| rest.split_once('.'))
        .map(|(question, _)| format!("question `{question}` ("));
    reported
        .iter()
        .any(|r| r == message || follow_up.as_ref().is_some_and(|q| r.contains(q.as_str())))
}

/// How many random cases were compared (the old search was exact), how many
/// of those had a problem, and in how many the new search took a question
/// as known past its opening limit.
#[derive(Debug, Default)]
struct Tally {
    compared: usize,
    found: usize,
    approximate: usize,
}

/// Compares the two searches on `cases` random definitions; `same` says
/// whether they must agree, or the new one must only never add a problem.
fn compare(
    seed: u64,
    cases: usize,
    most: usize,
    forward: bool,
    limits: Limits,
    same: bool,
) -> Tally {
    let mut rng = Rng(seed);
    let mut tally = Tally::default();
    for case in 0..cases {
        let source = definition(&mut rng, most, forward);
        let both = within(limits, &source);
        if !both.exact {
            continue;
        }
        tally.compared += 1;
        tally.found += usize::from(!both.old.is_empty());
        tally.approximate += usize::from(both.work.approximate > 0);
        let (new, old) = (messages(&both.new), messages(&both.old));
        if same {
            assert_eq!(new, old, "case {case}:\n{source}");
        }
        for m in &new {
            assert!(known(m, &old), "case {case}: {m} is new:\n{source}");
        }
    }
    tally
}

#[test]
fn small_definitions_get_the_same_problems_as_from_the_search_it_replaced() {
    let t = compare(1, 3000, 5, false, Limits::DEFAULT, true);
    // Not vacuous: most cases are compared, and many have a problem.
    assert!(t.compared > 2500 && t.found > 300, "{t:?}");
    assert_eq!(t.approximate, 0);
}

#[test]
fn reaches_kept_as_ranges_change_no_problem() {
    // With ranges from the second question on, more questions are opened
    // (a range overlaps more), and the search must still be exact.
    let limits = Limits {
        listed: 1,
        open: usize::MAX,
    };
    let t = compare(2, 2000, 8, false, limits, true);
    assert!(t.compared > 1000 && t.found > 200, "{t:?}");
}

#[test]
fn past_the_opening_limit_a_problem_may_be_missed_but_never_invented() {
    let limits = Limits { listed: 1, open: 0 };
    let t = compare(3, 2000, 8, false, limits, false);
    assert!(t.compared > 1000 && t.approximate > 100, "{t:?}");
}

#[test]
fn conditions_on_later_questions_never_invent_a_problem() {
    // The old search read such a test as the answer given; the new one does
    // too, but assumes a question can be asked when one answer would be
    // seen both ways. It may so miss a problem; it must never add one.
    let t = compare(4, 2000, 5, true, Limits::DEFAULT, false);
    assert!(t.compared > 1500 && t.found > 300, "{t:?}");
}

/// The work of loading and validating `source`.
fn work(source: &str) -> (Work, Result<Questionnaire, String>) {
    let mut work = Work::default();
    let result = Questionnaire::from_toml_counting(source, "t.toml", &mut work);
    (work, result.map_err(|e| e.to_string()))
}

/// Doubling the definition at most doubles the work (10% to spare), and each
/// question costs at most `per_question` steps. Opening every earlier
/// question's `ask_when` in each check instead (as the search this replaced
/// copied them all in) fails both: on a chain the steps grow with the square
/// of its length, 2.2 million for 1,000 questions and 7.8 million for 2,000.
fn assert_near_linear(make: impl Fn(usize) -> String, per_question: u64) {
    let (small, ok) = work(&make(1_000));
    assert!(ok.is_ok(), "{ok:?}");
    let (large, ok) = work(&make(2_000));
    assert!(ok.is_ok(), "{ok:?}");
    assert!(
        large.steps * 10 <= small.steps * 22,
        "1,000 questions: {small:?}; 2,000 questions: {large:?}"
    );
    assert!(
        large.steps <= 2_000 * per_question,
        "{} steps for 2,000 questions",
        large.steps
    );
    // Nothing taken on trust or given up.
    assert_eq!((large.approximate, large.unknown), (0, 0));
}

#[test]
fn the_work_of_validating_a_chain_grows_linearly() {
    assert_near_linear(|n| chain(n, Tail::Valid), 20);
}

#[test]
fn the_work_of_validating_one_wide_condition_grows_linearly() {
    assert_near_linear(wide, 20);
}

#[test]
fn a_contradiction_at_the_end_of_a_long_chain_is_found_with_little_work() {
    let (w, result) = work(&chain(10_000, Tail::NeverAsked));
    let err = result.unwrap_err();
    assert!(
        err.contains("question `q10000` (Question 10000) can never be asked"),
        "{err}"
    );
    // The old search gave up on this one (more than 2^16 combinations of
    // answers up the chain) and reported nothing.
    assert!(w.steps <= 20 * 10_000, "{w:?}");
}

const HEAD: &str =
    "id = \"t\"\nversion = \"1\"\ntitle = \"T\"\n[report]\n[[part]]\nid = \"p\"\ntitle = \"P\"\n";

#[test]
fn a_multiple_choice_with_many_tested_options_is_searched_in_full() {
    // The old search tried only the first 12 options a condition names (in
    // the order of their ids), and so said a question needing the 13th,
    // `o9`, could never be asked.
    let mut source =
        format!("{HEAD}[[part.question]]\nid = \"m\"\nkind = \"multiple-choice\"\ntext = \"x\"\n");
    for i in 0..13 {
        let _ = write!(
            source,
            "[[part.question.option]]\nid = \"o{i}\"\nlabel = \"o{i}\"\n"
        );
    }
    let others: Vec<String> = (0..13)
        .filter(|&i| i != 9)
        .map(|i| format!("\"o{i}\""))
        .collect();
    let _ = write!(
        source,
        "[[part.question]]\nid = \"later\"\nkind = \"text\"\ntext = \"y\"\n\
         ask_when = {{ all = [ {{ question = \"m\", is = \"o9\" }}, \
         {{ question = \"m\", any_of = [{}] }} ] }}\n",
        others.join(", ")
    );
    let b = both(&source);
    assert!(!b.exact);
    assert_eq!(b.old.len(), 1, "the old search's false alarm");
    assert!(b.new.is_empty(), "{:?}", messages(&b.new));
    // ...and one that really cannot be asked still is found.
    let never = source.replace("is = \"o9\"", "answered = false");
    assert_eq!(messages(&both(&never).new).len(), 1);
}

/// `any` of two always-possible tests, `n` times, then a contradiction: the
/// search tries 2^n ways before it meets the contradiction.
fn many_choices(n: usize, extra_questions: usize) -> String {
    let mut source = format!(
        "{HEAD}[[part.question]]\nid = \"a\"\nkind = \"text\"\ntext = \"x\"\n\
         [[part.question]]\nid = \"b\"\nkind = \"text\"\ntext = \"x\"\n\
         [[part.question]]\nid = \"c\"\nkind = \"yes-no\"\ntext = \"x\"\n"
    );
    for i in 0..extra_questions {
        let _ = write!(
            source,
            "[[part.question]]\nid = \"e{i}\"\nkind = \"yes-no\"\ntext = \"x\"\n"
        );
    }
    source.push_str("[[part.question]]\nid = \"z\"\nkind = \"text\"\ntext = \"x\"\n[part.question.ask_when]\nall = [\n");
    for i in 0..n {
        let other = if i < extra_questions {
            format!("e{i}")
        } else {
            "b".into()
        };
        let _ = writeln!(
            source,
            "  {{ any = [ {{ question = \"a\", answered = true }}, {{ question = \"{other}\", answered = true }} ] }},"
        );
    }
    source.push_str(
        "  { all = [ { question = \"c\", is = \"yes\" }, { question = \"c\", is = \"no\" } ] },\n]\n",
    );
    source
}

#[test]
fn a_search_that_would_go_back_too_often_tries_every_answer_instead() {
    let (w, result) = work(&many_choices(20, 0));
    assert!(
        result
            .unwrap_err()
            .contains("question `z` (Question 4) can never be asked")
    );
    assert_eq!(w.unknown, 0);
}

#[test]
fn a_search_too_large_to_settle_is_assumed_to_pass() {
    // 2^20 ways through the `any`s, and 3^20 combinations of the answers
    // they test: both searches give up, and nothing is reported (the old
    // search did the same).
    let source = many_choices(20, 20);
    let (w, result) = work(&source);
    assert!(result.is_ok(), "{result:?}");
    assert_eq!(w.unknown, 1);
    let b = both(&source);
    assert!(b.old.is_empty() && !b.exact);
}
