//! What changed between two states of a draft, in words a person choosing
//! a version to restore can use: "Q6 details +120 chars", "Q3 answer:
//! Yes → No", "Q7 comment removed". Pure: the history listing and the
//! wizard's versions list both call [`changes`].

use super::Draft;
use crate::answers::{Chosen, FieldKey, Value};
use crate::questionnaire::Questionnaire;
use std::fmt;

/// One answer (or header field) that differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where, for people: `Q6 details`, `Q3 answer`, `Organization`.
    pub place: String,
    pub what: What,
}

/// How it differs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum What {
    /// Text given where there was none.
    TextAdded { chars: usize },
    /// Text removed entirely.
    TextRemoved { chars: usize },
    /// Text changed: characters put in and taken out, counted over the one
    /// stretch between the common start and the common end.
    TextEdited { added: usize, removed: usize },
    /// Options chosen, by label, before and after.
    Choice {
        before: Vec<String>,
        after: Vec<String>,
    },
    /// A text answer became a choice or the other way round (a hand edit,
    /// a changed questionnaire).
    Kind,
    /// Answers set aside (no longer fitting the questionnaire): how many
    /// before and after.
    SetAside { before: usize, after: usize },
    /// Translations of the answers into other languages changed.
    Translations,
}

/// A label longer than this is cut, with `…`: option labels run to whole
/// sentences.
const LABEL_CHARS: usize = 32;

/// The changes from `before` to `after`, in questionnaire order: header
/// first, then questions by number, each question's answer before its
/// follow-ups and comment; keys the questionnaire does not know come last.
/// Drafts of another questionnaire than `q` are compared by key alone:
/// its question numbers would name other questions.
pub fn changes(q: &Questionnaire, before: &Draft, after: &Draft) -> Vec<Change> {
    let ours = |d: &Draft| d.answers_questionnaire(&q.id);
    let q = (ours(before) && ours(after)).then_some(q);
    let mut out = Vec::new();
    let header_ids: Vec<&String> = {
        let mut ids: Vec<&String> = q
            .map(|q| q.header_fields.iter().map(|h| &h.id).collect())
            .unwrap_or_default();
        for id in before
            .answers
            .header
            .keys()
            .chain(after.answers.header.keys())
        {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    };
    for id in header_ids {
        let (a, b) = (before.answers.header.get(id), after.answers.header.get(id));
        if a == b {
            continue;
        }
        let place = q
            .and_then(|q| q.header_fields.iter().find(|h| &h.id == id))
            .map_or_else(|| id.clone(), |h| h.label.to_string());
        let what = match (a, b) {
            (Some(a), Some(b)) => What::Choice {
                before: vec![a.clone()],
                after: vec![b.clone()],
            },
            (None, Some(b)) => What::TextAdded {
                chars: b.chars().count(),
            },
            (Some(a), _) => What::TextRemoved {
                chars: a.chars().count(),
            },
            (None, None) => continue,
        };
        out.push(Change { place, what });
    }
    let mut keys: Vec<&FieldKey> = before
        .answers
        .iter()
        .map(|(k, _)| k)
        .chain(after.answers.iter().map(|(k, _)| k))
        .collect();
    keys.sort_by_key(|k| order(q, k));
    keys.dedup();
    for key in keys {
        let (a, b) = (before.answers.get(key), after.answers.get(key));
        if let Some(what) = value_change(q, key, a, b) {
            out.push(Change {
                place: place(q, key),
                what,
            });
        }
    }
    let mut languages: Vec<&str> = before
        .translations
        .languages()
        .chain(after.translations.languages())
        .collect();
    languages.sort_unstable();
    languages.dedup();
    for lang in languages {
        let of = |d: &Draft| {
            d.translations
                .of(lang)
                .map(|(k, t)| (k.clone(), t.clone()))
                .collect::<Vec<_>>()
        };
        if of(before) != of(after) {
            out.push(Change {
                place: format!("Translations ({lang})"),
                what: What::Translations,
            });
        }
    }
    let (a, b) = (before.orphans.len(), after.orphans.len());
    if before.orphans != after.orphans {
        out.push(Change {
            place: "Answers set aside".into(),
            what: What::SetAside {
                before: a,
                after: b,
            },
        });
    }
    out
}

/// Where a key sorts: by question number, the answer before its fields
/// (follow-ups in definition order, then the comment); unknown keys last.
fn order(q: Option<&Questionnaire>, key: &FieldKey) -> (usize, usize, String) {
    let Some(question) = q.and_then(|q| q.question(&key.question)) else {
        return (usize::MAX, 0, key.to_string());
    };
    let field = match &key.field {
        None => 0,
        Some(f) => question
            .follow_ups
            .iter()
            .position(|fu| &fu.id == f)
            .map_or(usize::MAX, |i| i + 1),
    };
    (question.number, field, key.to_string())
}

/// `Q6 details`, `Q3 answer`; a key the questionnaire does not know is
/// shown as it is written in the file.
fn place(q: Option<&Questionnaire>, key: &FieldKey) -> String {
    match q.and_then(|q| q.question(&key.question)) {
        Some(question) => format!(
            "Q{} {}",
            question.number,
            key.field.as_deref().unwrap_or("answer")
        ),
        None => key.to_string(),
    }
}

fn value_change(
    q: Option<&Questionnaire>,
    key: &FieldKey,
    before: Option<&Value>,
    after: Option<&Value>,
) -> Option<What> {
    // A blank text answer prints as no answer: a change between them is
    // no change for the reader (the wizard removes blank answers anyway).
    fn given(v: Option<&Value>) -> Option<&Value> {
        v.filter(|v| v.is_answered() || matches!(v, Value::Choice(_)))
    }
    let (before, after) = (given(before), given(after));
    match (before, after) {
        (a, b) if a == b => None,
        (None, Some(Value::Text(t))) => Some(What::TextAdded {
            chars: t.chars().count(),
        }),
        (Some(Value::Text(t)), None) => Some(What::TextRemoved {
            chars: t.chars().count(),
        }),
        (Some(Value::Text(a)), Some(Value::Text(b))) => {
            let (added, removed) = edit_size(a, b);
            Some(What::TextEdited { added, removed })
        }
        (a @ (None | Some(Value::Choice(_))), b @ (None | Some(Value::Choice(_)))) => {
            let labels = |v: Option<&Value>| match v {
                Some(Value::Choice(c)) => labels(q, key, c),
                _ => Vec::new(),
            };
            Some(What::Choice {
                before: labels(a),
                after: labels(b),
            })
        }
        _ => Some(What::Kind),
    }
}

/// The labels of chosen options, as the report prints them.
fn labels(q: Option<&Questionnaire>, key: &FieldKey, chosen: &[Chosen]) -> Vec<String> {
    let question = q.and_then(|q| q.question(&key.question));
    chosen
        .iter()
        .map(|c| match c {
            Chosen::Option(id) => question
                .and_then(|x| x.option(id))
                .map_or_else(|| id.clone(), |o| o.label.to_string()),
            Chosen::Unlisted(label) => label.clone(),
        })
        .collect()
}

/// Characters added and removed between `a` and `b`: what lies between
/// their common start and common end (typing changes one place at a time).
fn edit_size(a: &str, b: &str) -> (usize, usize) {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let start = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    let room = a.len().min(b.len()) - start;
    let end = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(room)
        .take_while(|(x, y)| x == y)
        .count();
    (b.len() - start - end, a.len() - start - end)
}

fn chars(n: usize) -> String {
    crate::wording::count_s(n, "char")
}

/// `label` cut to [`LABEL_CHARS`], with `…`.
fn short(label: &str) -> String {
    let label = label.trim();
    if label.chars().count() <= LABEL_CHARS {
        return label.to_owned();
    }
    let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
    format!("{}…", cut.trim_end())
}

fn list(labels: &[String]) -> String {
    if labels.is_empty() {
        return "none".into();
    }
    labels
        .iter()
        .map(|l| short(l))
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Change {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let place = &self.place;
        match &self.what {
            What::TextAdded { chars: n } => write!(f, "{place} added ({})", chars(*n)),
            What::TextRemoved { chars: n } => write!(f, "{place} removed ({})", chars(*n)),
            What::TextEdited { added, removed } => match (added, removed) {
                (a, 0) => write!(f, "{place} +{}", chars(*a)),
                (0, r) => write!(f, "{place} −{}", chars(*r)),
                (a, r) => write!(f, "{place} +{a} −{r} chars"),
            },
            What::Choice { before, after } if before.is_empty() => {
                write!(f, "{place}: {}", list(after))
            }
            What::Choice { before, after } if after.is_empty() => {
                write!(f, "{place} cleared (was {})", list(before))
            }
            What::Choice { before, after } if before.len() <= 1 && after.len() <= 1 => {
                write!(f, "{place}: {} → {}", list(before), list(after))
            }
            What::Choice { before, after } => {
                let added: Vec<String> = after
                    .iter()
                    .filter(|a| !before.contains(a))
                    .cloned()
                    .collect();
                let removed: Vec<String> = before
                    .iter()
                    .filter(|b| !after.contains(b))
                    .cloned()
                    .collect();
                let mut parts = Vec::new();
                if !added.is_empty() {
                    parts.push(format!("+{}", list(&added)));
                }
                if !removed.is_empty() {
                    parts.push(format!("−{}", list(&removed)));
                }
                if parts.is_empty() {
                    // The same options in another order.
                    parts.push("reordered".into());
                }
                write!(f, "{place}: {}", parts.join(" "))
            }
            What::Kind => write!(f, "{place} changed from text to a choice or back"),
            What::Translations => write!(f, "{place} changed"),
            What::SetAside { before, after } if before == after => {
                write!(f, "{place} changed ({after})")
            }
            What::SetAside { before, after } => write!(f, "{place}: {before} → {after}"),
        }
    }
}

/// The changes in one line, at most `shown` of them, then how many more.
pub fn summary(changes: &[Change], shown: usize) -> String {
    if changes.is_empty() {
        return "no change to the answers".into();
    }
    let mut parts: Vec<String> = changes
        .iter()
        .take(shown)
        .map(ToString::to_string)
        .collect();
    if changes.len() > shown {
        parts.push(format!("{} more", changes.len() - shown));
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::DraftId;
    use rstest::rstest;

    fn q() -> Questionnaire {
        Questionnaire::builtin().expect("built-in")
    }

    fn draft(answers: &[(&str, Value)], organization: &str) -> Draft {
        let t = chrono::DateTime::parse_from_rfc3339("2026-11-23T14:02:11-05:00").expect("time");
        let mut d = Draft::new(DraftId::parse("d-0001").expect("id"), &q(), t);
        if !organization.is_empty() {
            d.answers
                .header
                .insert("organization".into(), organization.into());
        }
        for (k, v) in answers {
            d.answers.set(FieldKey::parse(k).expect("key"), v.clone());
        }
        d
    }

    fn text(t: &str) -> Value {
        Value::Text(t.into())
    }

    fn choice(ids: &[&str]) -> Value {
        Value::Choice(ids.iter().map(|i| Chosen::Option((*i).into())).collect())
    }

    fn said(before: &[(&str, Value)], after: &[(&str, Value)]) -> Vec<String> {
        changes(&q(), &draft(before, "PSC"), &draft(after, "PSC"))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[rstest]
    #[case::text_grew(
        vec![("q6.details", text("Town halls."))],
        vec![("q6.details", text(&format!("Town halls.{}", "x".repeat(120))))],
        vec!["Q6 details +120 chars"]
    )]
    #[case::text_shrank(
        vec![("q8", text("one two three"))],
        vec![("q8", text("one three"))],
        vec!["Q8 answer −4 chars"]
    )]
    #[case::text_replaced_in_the_middle(
        vec![("q8", text("due in May 2025"))],
        vec![("q8", text("due in June 2025"))],
        vec!["Q8 answer +4 −3 chars"]
    )]
    #[case::one_char(
        vec![("q8", text("ab"))],
        vec![("q8", text("abc"))],
        vec!["Q8 answer +1 char"]
    )]
    #[case::text_added(
        vec![],
        vec![("q4", text("By December."))],
        vec!["Q4 answer added (12 chars)"]
    )]
    #[case::comment_removed(
        vec![("q7.comment", text("A comment."))],
        vec![],
        vec!["Q7 comment removed (10 chars)"]
    )]
    #[case::blank_text_is_no_answer(
        vec![("q8", text("  \n"))],
        vec![],
        vec![]
    )]
    #[case::yes_to_no(
        vec![("q3", choice(&["reviewed"])), ("q1", choice(&["yes"]))],
        vec![("q3", choice(&["reviewed"])), ("q1", choice(&["no"]))],
        vec!["Q1 answer: Yes → No"]
    )]
    #[case::first_choice(
        vec![],
        vec![("q1", choice(&["yes"]))],
        vec!["Q1 answer: Yes"]
    )]
    #[case::choice_cleared(
        vec![("q1", choice(&["no"]))],
        vec![("q1", choice(&[]))],
        vec!["Q1 answer cleared (was No)"]
    )]
    #[case::options_added_and_removed(
        vec![("q6", choice(&["all-staff", "communications"]))],
        vec![("q6", choice(&["all-staff", "executive-discussions"]))],
        vec!["Q6 answer: +Dedicated discussions at execut… −Specific values and ethics comm…"]
    )]
    #[case::unlisted_label(
        vec![("q1", Value::Choice(vec![Chosen::Unlisted("Partly".into())]))],
        vec![("q1", choice(&["yes"]))],
        vec!["Q1 answer: Partly → Yes"]
    )]
    #[case::in_questionnaire_order(
        vec![],
        vec![("q10", text("b")), ("q2.if-not", text("a")), ("q2", choice(&["no"]))],
        vec!["Q2 answer: No", "Q2 if-not added (1 char)", "Q10 answer added (1 char)"]
    )]
    #[case::text_to_choice(
        vec![("q1", text("yes"))],
        vec![("q1", choice(&["yes"]))],
        vec!["Q1 answer changed from text to a choice or back"]
    )]
    #[case::unknown_key(
        vec![],
        vec![("q99", text("kept"))],
        vec!["q99 added (4 chars)"]
    )]
    #[case::nothing(
        vec![("q1", choice(&["yes"]))],
        vec![("q1", choice(&["yes"]))],
        vec![]
    )]
    fn changes_are_said_by_question_and_field(
        #[case] before: Vec<(&str, Value)>,
        #[case] after: Vec<(&str, Value)>,
        #[case] want: Vec<&str>,
    ) {
        assert_eq!(said(&before, &after), want);
    }

    #[test]
    fn the_header_and_answers_set_aside_are_said_too() {
        let before = draft(&[], "Public Safety Canada");
        let mut after = draft(&[], "Sécurité publique Canada");
        after.orphans.push(crate::draft::Orphan {
            key: FieldKey::main("q14"),
            value: text("old"),
            reason: "gone".into(),
        });
        let said: Vec<String> = changes(&q(), &before, &after)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            said,
            vec![
                "Organization name: Public Safety Canada → Sécurité publique Canada",
                "Answers set aside: 0 → 1"
            ]
        );
    }

    #[test]
    fn drafts_of_another_questionnaire_are_compared_by_key() {
        let mut before = draft(&[("q1", choice(&["yes"]))], "");
        let mut after = draft(&[("q1", choice(&["no"]))], "");
        before.questionnaire.id = "retrospective".into();
        after.questionnaire.id = "retrospective".into();
        let said: Vec<String> = changes(&q(), &before, &after)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(said, vec!["q1: yes → no"]);
    }

    #[test]
    fn a_changed_translation_is_said_by_language() {
        use crate::draft::{TextKey, Translation};
        let before = draft(&[("q8", text("Yes."))], "");
        let mut after = before.clone();
        after.translations.set(
            "fr",
            TextKey::Answer(FieldKey::main("q8")),
            Translation {
                text: "Oui.".into(),
                source: String::new(),
            },
        );
        let said: Vec<String> = changes(&q(), &before, &after)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(said, vec!["Translations (fr) changed"]);
    }

    #[test]
    fn a_summary_says_how_many_more() {
        let c = changes(
            &q(),
            &draft(&[], ""),
            &draft(
                &[
                    ("q1", choice(&["yes"])),
                    ("q4", text("x")),
                    ("q8", text("y")),
                ],
                "",
            ),
        );
        assert_eq!(
            summary(&c, 2),
            "Q1 answer: Yes; Q4 answer added (1 char); 1 more"
        );
        assert_eq!(summary(&[], 2), "no change to the answers");
    }
}
