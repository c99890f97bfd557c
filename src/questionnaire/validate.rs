//! Checks that hold across the whole definition: ids, references, order of
//! conditions, questions that could never be asked, report templates.

use super::condition::Facts;
use super::load::closest;
use super::{Condition, Diagnostic, Kind, Question, Questionnaire, Requirement, Span, Spanned};
use std::collections::{BTreeMap, BTreeSet, HashSet};

pub(super) fn validate(q: &Questionnaire) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let root = Span::default();
    if q.id.trim().is_empty() {
        out.push(Diagnostic::new(root, "the questionnaire's `id` is empty"));
    }
    check_ids(q, &mut out);
    for (i, question) in q.questions.iter().enumerate() {
        check_options(question, &mut out);
        check_conditions(q, i, &mut out);
    }
    for (i, part) in q.parts.iter().enumerate() {
        if q.questions_in(i).next().is_none() {
            out.push(
                Diagnostic::new(part.span, format!("part `{}` has no questions", part.id))
                    .hint("add a `[[part.question]]` under it, or remove the part"),
            );
        }
    }
    check_never_asked(q, &mut out);
    check_templates(q, &mut out);
    out
}

/// Ids become keys in draft files (`question.follow-up`), so they are kept to
/// a safe alphabet.
fn check_id(id: &str, what: &str, span: Span, out: &mut Vec<Diagnostic>) {
    let ok = !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !ok {
        out.push(
            Diagnostic::new(span, format!("{what} id `{id}` is not a valid id"))
                .hint("use letters, digits, `-` and `_` only, e.g. `q1` or `if-not`"),
        );
    }
}

fn duplicates<'a>(
    items: impl Iterator<Item = (&'a str, Span)>,
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let mut seen = HashSet::new();
    for (id, span) in items {
        if !seen.insert(id) {
            out.push(
                Diagnostic::new(span, format!("duplicate {what} `{id}`"))
                    .hint("ids must be unique: answers are stored by id"),
            );
        }
    }
}

fn check_ids(q: &Questionnaire, out: &mut Vec<Diagnostic>) {
    for f in &q.header_fields {
        check_id(&f.id, "header field", f.span, out);
    }
    for p in &q.parts {
        check_id(&p.id, "part", p.span, out);
    }
    for question in &q.questions {
        check_id(&question.id, "question", question.span, out);
        for o in &question.options {
            check_id(&o.id, "option", o.span, out);
        }
        for f in &question.follow_ups {
            check_id(&f.id, "follow-up", f.span, out);
        }
        if let Some(c) = &question.comment {
            check_id(&c.id, "comment", c.span, out);
        }
        duplicates(
            question.options.iter().map(|o| (o.id.as_str(), o.span)),
            &format!("option id in question `{}`:", question.id),
            out,
        );
        duplicates(
            question.options.iter().map(|o| (o.label.as_str(), o.span)),
            &format!("option label in question `{}`:", question.id),
            out,
        );
        let fields = question
            .follow_ups
            .iter()
            .map(|f| (f.id.as_str(), f.span))
            .chain(question.comment.iter().map(|c| (c.id.as_str(), c.span)));
        duplicates(
            fields,
            &format!("follow-up or comment id in question `{}`:", question.id),
            out,
        );
    }
    duplicates(
        q.header_fields.iter().map(|f| (f.id.as_str(), f.span)),
        "header field id",
        out,
    );
    duplicates(
        q.parts.iter().map(|p| (p.id.as_str(), p.span)),
        "part id",
        out,
    );
    duplicates(
        q.questions.iter().map(|p| (p.id.as_str(), p.span)),
        "question id",
        out,
    );
}

fn check_options(question: &Question, out: &mut Vec<Diagnostic>) {
    let n = question.options.len();
    let here = question.span;
    match question.kind {
        Kind::SingleChoice if n < 2 => out.push(
            Diagnostic::new(
                here,
                format!(
                    "single-choice question `{}` needs at least two options",
                    question.id
                ),
            )
            .hint("add `[[part.question.option]]` tables with `id` and `label`"),
        ),
        Kind::MultipleChoice if n == 0 => out.push(
            Diagnostic::new(
                here,
                format!("multiple-choice question `{}` has no options", question.id),
            )
            .hint("add `[[part.question.option]]` tables with `id` and `label`"),
        ),
        Kind::YesNo => {
            let ids: BTreeSet<_> = question.options.iter().map(|o| o.id.as_str()).collect();
            if ids != BTreeSet::from(["yes", "no"]) || n != 2 {
                out.push(
                    Diagnostic::new(here, format!("yes/no question `{}` must have exactly the options `yes` and `no`", question.id))
                        .hint("leave the options out to get \"Yes\" and \"No\", or give both ids to relabel them"),
                );
            }
        }
        Kind::Text | Kind::ShortText if n > 0 => out.push(
            Diagnostic::new(
                question.options[0].span,
                format!(
                    "question `{}` is {} but has options",
                    question.id,
                    question.kind.name()
                ),
            )
            .hint("use kind `single-choice` or `multiple-choice`, or remove the options"),
        ),
        _ => {}
    }
    if let Some(c) = &question.comment
        && !question.kind.is_choice()
    {
        out.push(
            Diagnostic::new(
                c.span,
                format!(
                    "question `{}` is {}: only choice questions take a comment",
                    question.id,
                    question.kind.name()
                ),
            )
            .hint("the answer to a text question is already free text"),
        );
    }
}

/// Conditions may look only at earlier questions (a follow-up also at its
/// own question): this rules out cycles by construction.
fn check_conditions(q: &Questionnaire, index: usize, out: &mut Vec<Diagnostic>) {
    let question = &q.questions[index];
    let mut conditions: Vec<(Option<&Condition>, &str, bool)> = vec![
        (question.ask_when.as_ref(), "the question", false),
        (required_when(&question.requirement), "the question", false),
    ];
    for f in &question.follow_ups {
        conditions.push((f.ask_when.as_ref(), "a follow-up", true));
        conditions.push((required_when(&f.requirement), "a follow-up", true));
    }
    for (condition, owner, may_look_at_self) in conditions {
        let Some(condition) = condition else { continue };
        for leaf in condition.leaves() {
            check_leaf(q, index, leaf, owner, may_look_at_self, out);
        }
    }
}

fn required_when(r: &Requirement) -> Option<&Condition> {
    match r {
        Requirement::RequiredWhen(c) => Some(c),
        _ => None,
    }
}

fn check_leaf(
    q: &Questionnaire,
    index: usize,
    leaf: &Condition,
    owner: &str,
    may_look_at_self: bool,
    out: &mut Vec<Diagnostic>,
) {
    let Some((target_id, span)) = leaf.leaf_question() else {
        return;
    };
    let this = &q.questions[index];
    let Some(target) = q.question_index(target_id) else {
        let hint = match closest(target_id, q.questions.iter().map(|q| q.id.as_str())) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "name a question by its `id`".into(),
        };
        out.push(
            Diagnostic::new(
                span,
                format!("condition names unknown question `{target_id}`"),
            )
            .hint(hint),
        );
        return;
    };
    if target > index || (target == index && !may_look_at_self) {
        let what = if target == index {
            "itself"
        } else {
            "a later question"
        };
        out.push(
            Diagnostic::new(span, format!(
                "a condition on {owner} of `{}` (Question {}) looks at {what}, `{target_id}` (Question {})",
                this.id, this.number, q.questions[target].number
            ))
            .hint("conditions may only look at earlier questions; otherwise answers could depend on each other in a cycle"),
        );
        return;
    }
    let target_q = &q.questions[target];
    let options: Vec<&str> = match leaf {
        Condition::Is { option, .. } => vec![option.as_str()],
        Condition::AnyOf { options, .. } => options.iter().map(String::as_str).collect(),
        _ => return,
    };
    if !target_q.kind.is_choice() {
        out.push(
            Diagnostic::new(
                span,
                format!(
                    "`{target_id}` is {}: it has no options to test",
                    target_q.kind.name()
                ),
            )
            .hint("test a text answer with `answered = true`"),
        );
        return;
    }
    for option in options {
        if target_q.option(option).is_none() {
            let ids: Vec<_> = target_q.options.iter().map(|o| o.id.as_str()).collect();
            let hint = match closest(option, ids.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the options of `{target_id}` are {}", ids.join(", ")),
            };
            out.push(
                Diagnostic::new(
                    span,
                    format!("question `{target_id}` has no option `{option}`"),
                )
                .hint(hint),
            );
        }
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

/// Past this many combinations a condition is assumed satisfiable.
const ENUMERATION_LIMIT: usize = 1 << 16;

/// The states an answer to `question` can take that a condition can tell apart.
fn states(question: &Question, condition: &Condition, never_asked: bool) -> Vec<State> {
    let none = State {
        answered: false,
        chosen: BTreeSet::new(),
    };
    if never_asked {
        return vec![none];
    }
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
    let mut out = vec![none];
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

/// Whether some answers make `condition` hold; questions in `never_asked`
/// can only be unanswered.
fn satisfiable(q: &Questionnaire, condition: &Condition, never_asked: &[bool]) -> bool {
    let mut ids = Vec::new();
    let mut domains = Vec::new();
    for id in condition.questions() {
        let Some(i) = q.question_index(id) else {
            return true;
        };
        ids.push(q.questions[i].id.as_str());
        domains.push(states(&q.questions[i], condition, never_asked[i]));
    }
    let total = domains
        .iter()
        .try_fold(1usize, |acc, d| acc.checked_mul(d.len()));
    if total.is_none_or(|t| t > ENUMERATION_LIMIT) {
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

fn check_never_asked(q: &Questionnaire, out: &mut Vec<Diagnostic>) {
    let mut never = vec![false; q.questions.len()];
    for (i, question) in q.questions.iter().enumerate() {
        if let Some(c) = &question.ask_when
            && !satisfiable(q, c, &never)
        {
            never[i] = true;
            out.push(
                Diagnostic::new(
                    question.span,
                    format!(
                        "question `{}` (Question {}) can never be asked",
                        question.id, question.number
                    ),
                )
                .hint("no answers to earlier questions make its `ask_when` hold"),
            );
        }
        for f in &question.follow_ups {
            if let Some(c) = &f.ask_when
                && !satisfiable(q, c, &never)
            {
                out.push(
                    Diagnostic::new(
                        f.span,
                        format!("follow-up `{}.{}` can never be asked", question.id, f.id),
                    )
                    .hint("no answers make its `ask_when` hold"),
                );
            }
        }
    }
}

/// The placeholders a template may use.
fn check_template(
    template: &Spanned<super::Text>,
    allowed: &[&str],
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    match placeholders(template.value.as_str()) {
        Err(msg) => out.push(
            Diagnostic::new(template.span, format!("{what}: {msg}"))
                .hint("write `{name}` with a closing brace"),
        ),
        Ok(names) => {
            for name in names {
                if !allowed.contains(&name) {
                    out.push(
                        Diagnostic::new(
                            template.span,
                            format!("{what}: unknown placeholder `{{{name}}}`"),
                        )
                        .hint(format!(
                            "placeholders allowed here: {}",
                            allowed
                                .iter()
                                .map(|a| format!("{{{a}}}"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )),
                    );
                }
            }
        }
    }
}

/// The names between braces in a template.
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in `{template}`"))?;
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(format!("stray `}}` in `{template}`"));
    }
    Ok(out)
}

fn check_templates(q: &Questionnaire, out: &mut Vec<Diagnostic>) {
    let fields: Vec<&str> = q.header_fields.iter().map(|f| f.id.as_str()).collect();
    let mut header_allowed = fields.clone();
    header_allowed.push("title");
    let mut footer_allowed = header_allowed.clone();
    footer_allowed.push("date");
    for line in &q.layout.header {
        check_template(line, &header_allowed, "report header line", out);
        if placeholders(line.value.as_str()).is_ok_and(|p| p.len() > 1) {
            out.push(
                Diagnostic::new(line.span, "a header line may hold at most one placeholder").hint(
                    "put each field on its own line, so that it can be read back from a report",
                ),
            );
        }
    }
    for line in &q.layout.footer {
        check_template(line, &footer_allowed, "report footer line", out);
    }
    check_template(
        &q.layout.part_heading,
        &["number", "title"],
        "part heading",
        out,
    );
    check_template(
        &q.layout.question_heading,
        &["number"],
        "question heading",
        out,
    );
}
