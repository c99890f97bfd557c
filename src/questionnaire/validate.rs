//! Checks that hold across the whole definition: options against kinds,
//! references in conditions and their order, report templates.
//!
//! Ids and their uniqueness are checked while loading, where the place of
//! each id is known; questions that could never be asked, in `reachable`.

use super::decode::Places;
use super::explain::{closest, suggest};
use super::reachable::Work;
use super::{Condition, Diagnostic, Kind, Question, Questionnaire, Requirement, Span, Spanned};
use std::collections::{HashMap, HashSet};

pub(super) fn validate(
    q: &Questionnaire,
    source: &str,
    places: &Places,
    work: &mut Work,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Built once: looking ids up by scanning the questions made each
    // condition cost as much as the questions before it.
    let mut index = HashMap::with_capacity(q.questions.len());
    for (i, question) in q.questions.iter().enumerate() {
        // The first of duplicate ids (reported while loading) wins, as in
        // `Questionnaire::question_index`.
        index.entry(question.id.as_str()).or_insert(i);
    }
    for (i, question) in q.questions.iter().enumerate() {
        if !places.unsure.contains(&question.span.start) {
            check_options(question, &mut out);
        }
        check_conditions(q, &index, i, places, &mut out, work);
    }
    super::reachable::check(q, places, &index, &mut out, work);
    check_templates(q, source, &mut out);
    super::codebook::check(q, &mut out);
    out
}

const ADD_OPTIONS: &str = "add `[[part.question.option]]` tables, each with `id` and `label`";

fn check_options(question: &Question, out: &mut Vec<Diagnostic>) {
    let n = question.options.len();
    let id = &question.id;
    let here = question.span;
    match question.kind {
        Kind::SingleChoice if n < 2 => out.push(
            Diagnostic::new(
                here,
                match question.options.first() {
                    Some(only) => format!(
                        "single-choice question `{id}` has only one option, `{}`",
                        only.id
                    ),
                    None => format!("single-choice question `{id}` has no options"),
                },
            )
            .hint(format!("{ADD_OPTIONS}: a single choice needs at least two")),
        ),
        Kind::MultipleChoice if n == 0 => out.push(
            Diagnostic::new(
                here,
                format!("multiple-choice question `{id}` has no options"),
            )
            .hint(ADD_OPTIONS),
        ),
        Kind::YesNo => check_yes_no(question, out),
        Kind::Text | Kind::ShortText if n > 0 => out.push(
            Diagnostic::new(
                question.options[0].span,
                format!(
                    "question `{id}` is of kind `{}`, which takes no options",
                    question.kind.name()
                ),
            )
            .hint("use kind `single-choice` or `multiple-choice`, or remove the options"),
        ),
        _ => {}
    }
    let mut labels = HashSet::new();
    for o in &question.options {
        if !labels.insert(o.label.as_str()) {
            out.push(
                Diagnostic::new(
                    o.span,
                    format!(
                        "duplicate option label \"{}\" in question `{id}`",
                        o.label.as_str()
                    ),
                )
                .hint("a report names the chosen option by its label: labels must differ"),
            );
        }
    }
    if let Some(c) = &question.comment
        && !question.kind.is_choice()
    {
        out.push(
            Diagnostic::new(
                c.span,
                format!(
                    "question `{id}` is of kind `{}`: only choice questions take a comment",
                    question.kind.name()
                ),
            )
            .hint("remove the comment: the answer to a text question is already free text"),
        );
    }
}

fn check_yes_no(question: &Question, out: &mut Vec<Diagnostic>) {
    let id = &question.id;
    let mut bad = false;
    for o in &question.options {
        if o.id != "yes" && o.id != "no" {
            bad = true;
            let hint = match closest(&o.id, ["yes", "no"].into_iter()) {
                Some(near) => {
                    format!("did you mean `{near}`? a yes/no question's options are `yes` and `no`")
                }
                None => "a yes/no question's options are `yes` and `no`; \
                    use kind `single-choice` for others"
                    .into(),
            };
            out.push(
                Diagnostic::new(
                    o.span,
                    format!(
                        "option `{}` of yes/no question `{id}` is neither `yes` nor `no`",
                        o.id
                    ),
                )
                .hint(hint),
            );
        }
    }
    if bad {
        return;
    }
    for needed in ["yes", "no"] {
        if question.option(needed).is_none() {
            out.push(
                Diagnostic::new(
                    question.span,
                    format!("yes/no question `{id}` has no option `{needed}`"),
                )
                .hint(
                    "give both `yes` and `no` to relabel them, \
                     or leave the options out for \"Yes\" and \"No\"",
                ),
            );
        }
    }
}

/// Conditions may look only at earlier questions (a follow-up also at its
/// own question): this rules out cycles by construction.
fn check_conditions(
    q: &Questionnaire,
    ids: &HashMap<&str, usize>,
    index: usize,
    places: &Places,
    out: &mut Vec<Diagnostic>,
    work: &mut Work,
) {
    let question = &q.questions[index];
    let own = format!("question `{}`", question.id);
    let mut conditions: Vec<(Option<&Condition>, String, bool)> = vec![
        (
            question.ask_when.as_ref(),
            format!("the `ask_when` of {own}"),
            false,
        ),
        (
            required_when(&question.requirement),
            format!("the `required_when` of {own}"),
            false,
        ),
    ];
    for f in &question.follow_ups {
        let owner = format!("follow-up `{}.{}`", question.id, f.id);
        conditions.push((
            f.ask_when.as_ref(),
            format!("the `ask_when` of {owner}"),
            true,
        ));
        conditions.push((
            required_when(&f.requirement),
            format!("the `required_when` of {owner}"),
            true,
        ));
    }
    for (condition, owner, may_look_at_self) in conditions {
        let Some(condition) = condition else { continue };
        for leaf in condition.leaves() {
            work.steps += 1;
            let check = Leaf {
                q,
                ids,
                index,
                places,
                owner: &owner,
                may_look_at_self,
            };
            check.check(leaf, out);
        }
    }
}

fn required_when(r: &Requirement) -> Option<&Condition> {
    match r {
        Requirement::RequiredWhen(c) => Some(c),
        _ => None,
    }
}

/// One leaf of a condition, with what it needs to be judged.
struct Leaf<'a> {
    q: &'a Questionnaire,
    /// Question indices by id.
    ids: &'a HashMap<&'a str, usize>,
    /// The question the condition belongs to.
    index: usize,
    places: &'a Places,
    /// The condition, for messages: "the `ask_when` of question `q2`".
    owner: &'a str,
    may_look_at_self: bool,
}

impl Leaf<'_> {
    fn check(&self, leaf: &Condition, out: &mut Vec<Diagnostic>) {
        let Some((target_id, span)) = leaf.leaf_question() else {
            return;
        };
        let place = self.places.leaves.get(&span.start);
        let question_span = place.map_or(span, |p| p.question);
        let option_span = |i: usize| {
            place
                .and_then(|p| p.options.get(i).copied())
                .unwrap_or(span)
        };
        let q = self.q;
        let Some(&target) = self.ids.get(target_id) else {
            out.push(
                Diagnostic::new(
                    question_span,
                    format!("{} names unknown question `{target_id}`", self.owner),
                )
                .hint(suggest(
                    target_id,
                    q.questions[..self.index].iter().map(|q| q.id.as_str()),
                    "the earlier questions are",
                )),
            );
            return;
        };
        let this = &q.questions[self.index];
        if target > self.index || (target == self.index && !self.may_look_at_self) {
            let what = if target == self.index {
                format!("`{target_id}` itself")
            } else {
                format!(
                    "a later question, `{target_id}` (Question {})",
                    q.questions[target].number
                )
            };
            out.push(
                Diagnostic::new(
                    question_span,
                    format!("{} (Question {}) looks at {what}", self.owner, this.number),
                )
                .hint(
                    "a condition may only look at earlier questions, \
                     so that answers cannot depend on each other in a cycle",
                ),
            );
            return;
        }
        let target_q = &q.questions[target];
        let options: Vec<&str> = match leaf {
            Condition::Is { option, .. } => vec![option.as_str()],
            Condition::AnyOf { options, .. } => options.iter().map(String::as_str).collect(),
            _ => return,
        };
        if self.places.unsure.contains(&target_q.span.start) {
            return;
        }
        if !target_q.kind.is_choice() {
            out.push(
                Diagnostic::new(
                    option_span(0),
                    format!(
                        "{} tests option `{}` of `{target_id}`, \
                         but `{target_id}` is of kind `{}` and has no options",
                        self.owner,
                        options[0],
                        target_q.kind.name()
                    ),
                )
                .hint(format!(
                    "test a text answer with `{{ question = \"{target_id}\", answered = true }}`"
                )),
            );
            return;
        }
        for (i, option) in options.into_iter().enumerate() {
            if target_q.option(option).is_none() {
                let ids = target_q.options.iter().map(|o| o.id.as_str());
                out.push(
                    Diagnostic::new(
                        option_span(i),
                        format!("question `{target_id}` has no option `{option}`"),
                    )
                    .hint(suggest(
                        option,
                        ids,
                        &format!("the options of `{target_id}` are"),
                    )),
                );
            }
        }
    }
}

/// The place of `{name}` inside a template, when it is written literally.
fn placeholder_span(source: &str, template: Span, name: &str) -> Span {
    let written = source.get(template.start..template.end).unwrap_or_default();
    match written.find(&format!("{{{name}}}")) {
        Some(at) => Span {
            start: template.start + at,
            end: template.start + at + name.len() + 2,
        },
        None => template,
    }
}

fn check_template(
    source: &str,
    template: &Spanned<super::Text>,
    allowed: &[&str],
    what: &str,
    out: &mut Vec<Diagnostic>,
) {
    let text = &template.value;
    let texts = std::iter::once(text.as_str()).chain(
        text.translated_languages()
            .filter_map(|l| text.translation(l)),
    );
    for written in texts {
        match placeholders(written) {
            Err(msg) => out.push(
                Diagnostic::new(template.span, format!("{what}: {msg}"))
                    .hint("write a placeholder as `{name}`, with both braces"),
            ),
            Ok(names) => {
                for name in names.into_iter().filter(|n| !allowed.contains(n)) {
                    let listed = allowed
                        .iter()
                        .map(|a| format!("{{{a}}}"))
                        .collect::<Vec<_>>();
                    let near = closest(name, allowed.iter().copied());
                    let hint = match near {
                        Some(near) => format!(
                            "did you mean `{{{near}}}`? placeholders allowed here: {}",
                            listed.join(", ")
                        ),
                        None => format!("placeholders allowed here: {}", listed.join(", ")),
                    };
                    out.push(
                        Diagnostic::new(
                            placeholder_span(source, template.span, name),
                            format!("{what}: unknown placeholder `{{{name}}}`"),
                        )
                        .hint(hint),
                    );
                }
            }
        }
    }
}

/// The names between braces in a template (see [`crate::template`]).
pub fn placeholders(template: &str) -> Result<Vec<&str>, String> {
    crate::template::names(template)
}

fn check_templates(q: &Questionnaire, source: &str, out: &mut Vec<Diagnostic>) {
    let fields: Vec<&str> = q.header_fields.iter().map(|f| f.id.as_str()).collect();
    let mut header_allowed = fields.clone();
    header_allowed.push("title");
    let mut footer_allowed = header_allowed.clone();
    footer_allowed.push("date");
    for line in &q.layout.header {
        check_template(source, line, &header_allowed, "report header line", out);
        if placeholders(line.value.as_str()).is_ok_and(|p| p.len() > 1) {
            out.push(
                Diagnostic::new(line.span, "a header line may hold at most one placeholder").hint(
                    "put each field on its own line, so that it can be read back from a report",
                ),
            );
        }
    }
    for line in &q.layout.footer {
        check_template(source, line, &footer_allowed, "report footer line", out);
    }
    let layout = &q.layout;
    check_template(
        source,
        &layout.part_heading,
        &["number", "title"],
        "part heading",
        out,
    );
    check_template(
        source,
        &layout.question_heading,
        &["number"],
        "question heading",
        out,
    );
}
