//! Drafts read from disk hold what anyone wrote in the file: TOML escapes
//! (`\u001b`, `\e`) put any control into an answer. The file format keeps
//! such text faithfully; what is opened, shown or exported is cleaned by
//! the one rule first (`crate::text`), and each removal is said.

use super::Draft;
use crate::answers::{Chosen, Value};
use crate::text::{Removed, clean};
use std::fmt;

/// What was removed from one field of a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaning {
    /// Which field: "header `organization`", "answer q8", "set-aside q14".
    pub field: String,
    pub removed: Removed,
}

/// "answer q8: 1 escape sequence removed".
impl fmt::Display for Cleaning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} removed", self.field, self.removed)
    }
}

/// Cleans `text` in place, adding to `removed`.
fn clean_in_place(text: &mut String, removed: &mut Removed) {
    let cleaned = clean(text);
    if !cleaned.removed.is_empty() {
        removed.add(&cleaned.removed);
        *text = cleaned.text;
    }
}

fn clean_value(value: &mut Value, removed: &mut Removed) {
    match value {
        Value::Text(t) => clean_in_place(t, removed),
        // Option ids are left as they are: one the questionnaire does not
        // know is set aside by reconciliation, never published.
        Value::Choice(chosen) => chosen.iter_mut().for_each(|c| match c {
            Chosen::Unlisted(label) => clean_in_place(label, removed),
            Chosen::Option(_) => {}
        }),
    }
}

impl Draft {
    /// Applies the one rule for user text to the header, the answers and the
    /// answers set aside; returns what was removed, field by field (nothing
    /// for a draft quire wrote itself).
    pub fn clean(&mut self) -> Vec<Cleaning> {
        let mut out = Vec::new();
        let mut note = |field: String, removed: Removed| {
            if !removed.is_empty() {
                out.push(Cleaning { field, removed });
            }
        };
        for (id, value) in &mut self.answers.header {
            let mut removed = Removed::default();
            clean_in_place(value, &mut removed);
            note(format!("header `{id}`"), removed);
        }
        for (key, value) in self.answers.iter_mut() {
            let mut removed = Removed::default();
            clean_value(value, &mut removed);
            note(format!("answer {key}"), removed);
        }
        for (lang, key, t) in self.translations.iter_mut() {
            let mut removed = Removed::default();
            clean_in_place(&mut t.text, &mut removed);
            note(format!("`{lang}` translation of {key}"), removed);
        }
        for orphan in &mut self.orphans {
            let mut removed = Removed::default();
            clean_value(&mut orphan.value, &mut removed);
            clean_in_place(&mut orphan.reason, &mut removed);
            note(format!("set-aside {}", orphan.key), removed);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::FieldKey;
    use crate::draft::{DraftId, Orphan, QuestionnaireRef};

    fn draft() -> Draft {
        let now = chrono::DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("t");
        let mut d = Draft {
            id: DraftId::parse("x-0001").expect("id"),
            questionnaire: QuestionnaireRef {
                id: "q".into(),
                version: "1".into(),
                digest: "d".into(),
            },
            created: now,
            updated: now,
            position: None,
            language: None,
            translations: crate::draft::Translations::default(),
            answers: crate::answers::Answers::new(),
            orphans: vec![],
        };
        d.answers
            .header
            .insert("organization".into(), "Org\u{1b}]0;title\u{7}".into());
        d.answers.set(
            FieldKey::main("q8"),
            Value::Text("ok\u{0}\u{0}\u{202e}".into()),
        );
        d.answers.set(
            FieldKey::main("q3"),
            Value::Choice(vec![
                Chosen::Option("yes\u{1b}".into()),
                Chosen::Unlisted("Partly\u{9b}2J".into()),
            ]),
        );
        d.answers
            .set(FieldKey::main("q9"), Value::Text("clean".into()));
        d.orphans.push(Orphan {
            key: FieldKey::main("q14"),
            value: Value::Text("old\u{200b}".into()),
            reason: "gone".into(),
        });
        d
    }

    #[test]
    fn every_text_of_a_draft_is_cleaned_and_each_field_said() {
        let mut d = draft();
        let said: Vec<String> = d.clean().iter().map(ToString::to_string).collect();
        assert_eq!(
            said,
            [
                "header `organization`: 1 escape sequence removed",
                "answer q3: 1 escape sequence removed",
                "answer q8: 2 NUL bytes and 1 bidirectional control character removed",
                "set-aside q14: 1 invisible character removed",
            ]
        );
        assert_eq!(d.organization(), "Org");
        assert_eq!(d.answers.main("q8"), Some(&Value::Text("ok".into())));
        assert_eq!(
            d.answers.main("q3"),
            Some(&Value::Choice(vec![
                Chosen::Option("yes\u{1b}".into()),
                Chosen::Unlisted("Partly".into()),
            ]))
        );
        // A second pass finds nothing.
        assert_eq!(d.clean(), vec![]);
    }
}
