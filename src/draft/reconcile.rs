//! Opening a draft under a changed questionnaire: answers that still fit
//! are kept; the others are set aside as orphans, never dropped.

use super::{Draft, Orphan, QuestionnaireRef};
use crate::answers::{Chosen, FieldKey, Value};
use crate::questionnaire::{Kind, Question, Questionnaire};

/// Why `value` no longer fits field `key` of `q`, if it does not.
fn misfit(q: &Questionnaire, key: &FieldKey, value: &Value) -> Option<String> {
    let Some(question) = q.question(&key.question) else {
        return Some(format!(
            "question `{}` is no longer in the questionnaire",
            key.question
        ));
    };
    let n = question.number;
    let wants_text = match &key.field {
        None => !question.kind.is_choice(),
        Some(f) if question.follow_up(f).is_some() => true,
        Some(f) if question.comment.as_ref().is_some_and(|c| &c.id == f) => true,
        Some(f) => return Some(format!("Question {n} no longer has a follow-up `{f}`")),
    };
    match (value, wants_text) {
        (Value::Text(_), false) => Some(format!(
            "Question {n} is now {}: this text answer no longer fits",
            describe(question.kind)
        )),
        (Value::Choice(_), true) => Some(format!(
            "Question {n} now takes text: these chosen options no longer fit"
        )),
        _ => None,
    }
}

fn describe(kind: Kind) -> &'static str {
    match kind {
        Kind::SingleChoice => "a single choice",
        Kind::MultipleChoice => "a multiple choice",
        Kind::YesNo => "a yes/no question",
        Kind::Text | Kind::ShortText => "a text question",
    }
}

/// Splits chosen options into those that still exist and those that do not.
fn split_options(question: &Question, chosen: &[Chosen]) -> (Vec<Chosen>, Vec<Chosen>) {
    chosen.iter().cloned().partition(|c| match c {
        Chosen::Option(id) => question.option(id).is_some(),
        Chosen::Unlisted(_) => true,
    })
}

/// Moves the answers of `draft` that no longer fit `q` into its orphans and
/// records `q` as the draft's questionnaire. Returns the answers moved now.
pub fn reconcile(draft: &mut Draft, q: &Questionnaire) -> Vec<Orphan> {
    let mut moved = Vec::new();
    let keys: Vec<FieldKey> = draft.answers.iter().map(|(k, _)| k.clone()).collect();
    for key in keys {
        let Some(value) = draft.answers.get(&key).cloned() else {
            continue;
        };
        if let Some(reason) = misfit(q, &key, &value) {
            draft.answers.remove(&key);
            moved.push(Orphan { key, value, reason });
            continue;
        }
        let (Value::Choice(chosen), Some(question)) = (&value, q.question(&key.question)) else {
            continue;
        };
        let (kept, gone) = split_options(question, chosen);
        if gone.is_empty() {
            continue;
        }
        let ids: Vec<String> = gone
            .iter()
            .map(|c| match c {
                Chosen::Option(id) | Chosen::Unlisted(id) => format!("`{id}`"),
            })
            .collect();
        let reason = format!(
            "Question {} no longer has the {} {} (removed or renamed)",
            question.number,
            crate::wording::plural_s(ids.len(), "option"),
            ids.join(", ")
        );
        if kept.is_empty() {
            draft.answers.remove(&key);
        } else {
            draft.answers.set(key.clone(), Value::Choice(kept));
        }
        moved.push(Orphan {
            key,
            value: Value::Choice(gone),
            reason,
        });
    }
    if let Some(p) = &draft.position
        && q.question(&p.question).is_none()
    {
        draft.position = None;
    }
    draft.orphans.extend(moved.iter().cloned());
    draft.questionnaire = QuestionnaireRef::of(q);
    moved
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::DraftId;
    use chrono::DateTime;

    const BEFORE: &str = r#"
id = "t"
version = "1"
title = "T"
[report]
header = ["{title}"]
[[part]]
id = "p"
title = "P"
[[part.question]]
id = "colour"
kind = "single-choice"
text = "Colour?"
[[part.question.option]]
id = "red"
label = "Red"
[[part.question.option]]
id = "blue"
label = "Blue"
[[part.question.follow_up]]
id = "why"
prompt = "Why?"
[[part.question]]
id = "notes"
kind = "text"
text = "Notes?"
[[part.question]]
id = "gone"
kind = "text"
text = "Gone soon?"
"#;

    fn draft(q: &Questionnaire) -> Draft {
        let now = DateTime::parse_from_rfc3339("2026-01-02T03:04:05-05:00").expect("date");
        let mut d = Draft::new(DraftId::parse("t-0001").expect("id"), q, now);
        d.answers.set(
            FieldKey::main("colour"),
            Value::Choice(vec![Chosen::Option("red".into())]),
        );
        d.answers
            .set(FieldKey::sub("colour", "why"), Value::Text("Warm.".into()));
        d.answers
            .set(FieldKey::main("notes"), Value::Text("Some notes.".into()));
        d.answers
            .set(FieldKey::main("gone"), Value::Text("Bye.".into()));
        d.position = Some(FieldKey::main("gone"));
        d
    }

    fn load(src: &str) -> Questionnaire {
        Questionnaire::from_toml(src, "t.toml").expect("valid")
    }

    #[test]
    fn unchanged_questionnaire_moves_nothing() {
        let q = load(BEFORE);
        let mut d = draft(&q);
        let before = d.clone();
        assert!(reconcile(&mut d, &q).is_empty());
        assert_eq!(d, before);
    }

    #[test]
    fn removed_question_follow_up_option_and_changed_kind_become_orphans() {
        let q = load(BEFORE);
        let mut d = draft(&q);
        let after = BEFORE
            .replace(
                "id = \"red\"\nlabel = \"Red\"",
                "id = \"crimson\"\nlabel = \"Crimson\"",
            )
            .replace(
                "[[part.question.follow_up]]\nid = \"why\"\nprompt = \"Why?\"\n",
                "",
            )
            .replace(
                "id = \"notes\"\nkind = \"text\"\ntext = \"Notes?\"",
                "id = \"notes\"\nkind = \"yes-no\"\ntext = \"Notes?\"",
            )
            .replace(
                "[[part.question]]\nid = \"gone\"\nkind = \"text\"\ntext = \"Gone soon?\"\n",
                "",
            );
        let q2 = load(&after);
        assert_ne!(q.digest, q2.digest);
        let moved = reconcile(&mut d, &q2);
        let reasons: Vec<(String, &str)> = moved
            .iter()
            .map(|o| (o.key.to_string(), o.reason.as_str()))
            .collect();
        assert_eq!(
            reasons,
            [
                (
                    "colour".into(),
                    "Question 1 no longer has the option `red` (removed or renamed)"
                ),
                (
                    "colour.why".into(),
                    "Question 1 no longer has a follow-up `why`"
                ),
                (
                    "gone".into(),
                    "question `gone` is no longer in the questionnaire"
                ),
                (
                    "notes".into(),
                    "Question 2 is now a yes/no question: this text answer no longer fits"
                ),
            ]
        );
        // Nothing is lost: every value is in the orphans, the draft now
        // names the new definition, and the position no longer points at a
        // removed question.
        assert_eq!(d.orphans, moved);
        assert_eq!(
            moved[0].value,
            Value::Choice(vec![Chosen::Option("red".into())])
        );
        assert_eq!(moved[2].value, Value::Text("Bye.".into()));
        assert!(d.answers.iter().next().is_none());
        assert_eq!(d.questionnaire.digest, q2.digest);
        assert_eq!(d.position, None);
    }

    #[test]
    fn a_relabelled_option_keeps_its_answer() {
        let q = load(BEFORE);
        let mut d = draft(&q);
        let q2 = load(&BEFORE.replace("label = \"Red\"", "label = \"Scarlet\""));
        let moved = reconcile(&mut d, &q2);
        assert!(moved.iter().all(|o| o.key != FieldKey::main("colour")));
        assert!(
            d.answers
                .main("colour")
                .is_some_and(|v| v.has_option("red"))
        );
    }

    #[test]
    fn only_the_removed_option_of_several_is_set_aside() {
        let q = load(&BEFORE.replace("kind = \"single-choice\"", "kind = \"multiple-choice\""));
        let mut d = draft(&q);
        d.answers.set(
            FieldKey::main("colour"),
            Value::Choice(vec![
                Chosen::Option("red".into()),
                Chosen::Option("blue".into()),
            ]),
        );
        let q2 = load(
            &BEFORE
                .replace("kind = \"single-choice\"", "kind = \"multiple-choice\"")
                .replace(
                    "[[part.question.option]]\nid = \"red\"\nlabel = \"Red\"\n",
                    "",
                ),
        );
        reconcile(&mut d, &q2);
        assert_eq!(
            d.answers.main("colour"),
            Some(&Value::Choice(vec![Chosen::Option("blue".into())]))
        );
        assert_eq!(
            d.orphans[0].value,
            Value::Choice(vec![Chosen::Option("red".into())])
        );
    }
}
