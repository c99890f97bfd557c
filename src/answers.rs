//! Answer values, keyed by stable ids.

use std::collections::BTreeMap;
use std::fmt;

/// Which answer field: a question's own answer, or one of its follow-ups or
/// its comment (`q1` or `q1.if-not`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FieldKey {
    pub question: String,
    /// A follow-up's or comment's id; `None` for the question's own answer.
    pub field: Option<String>,
}

impl FieldKey {
    /// The question's own answer.
    pub fn main(question: &str) -> Self {
        Self {
            question: question.to_owned(),
            field: None,
        }
    }

    /// A follow-up's or comment's answer.
    pub fn sub(question: &str, field: &str) -> Self {
        Self {
            question: question.to_owned(),
            field: Some(field.to_owned()),
        }
    }

    /// Parses `q1` or `q1.if-not`.
    pub fn parse(s: &str) -> Option<Self> {
        let (question, field) = match s.split_once('.') {
            Some((q, f)) => (q, Some(f)),
            None => (s, None),
        };
        let valid = |p: &str| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        };
        (valid(question) && field.is_none_or(valid)).then(|| Self {
            question: question.to_owned(),
            field: field.map(str::to_owned),
        })
    }
}

impl fmt::Display for FieldKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{}.{field}", self.question),
            None => f.write_str(&self.question),
        }
    }
}

/// One chosen option.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Chosen {
    /// An option of the definition, by id.
    Option(String),
    /// A label that matched no option (read from a report); kept verbatim so
    /// that nothing a report says is lost.
    Unlisted(String),
}

/// An answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// Chosen options, in report order. Empty means "no response".
    Choice(Vec<Chosen>),
    /// Free text as the respondent wrote it (see `crate::report::freetext`).
    Text(String),
}

impl Value {
    /// Whether this counts as an answer: an option chosen, or text that is
    /// not only white space.
    pub fn is_answered(&self) -> bool {
        match self {
            Value::Choice(c) => !c.is_empty(),
            Value::Text(t) => !t.trim().is_empty(),
        }
    }

    /// Whether option `id` is among the choices.
    pub fn has_option(&self, id: &str) -> bool {
        matches!(self, Value::Choice(c) if c.iter().any(|c| matches!(c, Chosen::Option(o) if o == id)))
    }
}

/// Everything a respondent has answered.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Answers {
    /// Header fields (the organization), by field id.
    pub header: BTreeMap<String, String>,
    fields: BTreeMap<FieldKey, Value>,
}

impl Answers {
    pub fn new() -> Self {
        Self::default()
    }

    /// The respondent's organization: the `organization` header field, or
    /// else the first header field.
    pub fn organization(&self) -> &str {
        self.header
            .get("organization")
            .or_else(|| self.header.values().next())
            .map_or("", String::as_str)
    }

    pub fn get(&self, key: &FieldKey) -> Option<&Value> {
        self.fields.get(key)
    }

    /// The question's own answer.
    pub fn main(&self, question: &str) -> Option<&Value> {
        self.fields.get(&FieldKey::main(question))
    }

    pub fn set(&mut self, key: FieldKey, value: Value) {
        self.fields.insert(key, value);
    }

    pub fn remove(&mut self, key: &FieldKey) -> Option<Value> {
        self.fields.remove(key)
    }

    /// A copy without the answer at `key`: that answer being replaced,
    /// copying it first would be wasted (a long answer is copied on every
    /// frame while it is typed).
    pub fn clone_except(&self, key: &FieldKey) -> Self {
        Self {
            header: self.header.clone(),
            fields: self
                .fields
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        }
    }

    /// Every answer, ordered by key.
    pub fn iter(&self) -> impl Iterator<Item = (&FieldKey, &Value)> {
        self.fields.iter()
    }

    /// Every answer, to change in place (keys stay as they are).
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (&FieldKey, &mut Value)> {
        self.fields.iter_mut()
    }

    pub fn is_empty(&self) -> bool {
        self.fields.is_empty() && self.header.is_empty()
    }

    /// The same answers without the ones that say nothing (blank text),
    /// which a report prints as `N/A` and so cannot tell from no answer.
    pub fn without_blank_text(&self) -> Self {
        let mut out = self.clone();
        out.fields
            .retain(|_, v| !matches!(v, Value::Text(t) if t.trim().is_empty()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("q1", Some(FieldKey::main("q1")))]
    #[case("q1.if-not", Some(FieldKey::sub("q1", "if-not")))]
    #[case("", None)]
    #[case("q1.", None)]
    #[case(".x", None)]
    #[case("q1.a.b", None)]
    #[case("../etc", None)]
    fn field_key_parse(#[case] s: &str, #[case] want: Option<FieldKey>) {
        assert_eq!(FieldKey::parse(s), want);
        if let Some(k) = want {
            assert_eq!(k.to_string(), s);
        }
    }

    #[test]
    fn clone_except_leaves_out_only_that_answer() {
        let mut a = Answers::new();
        a.header.insert("organization".into(), "Org".into());
        a.set(FieldKey::main("q1"), Value::Text("one".into()));
        a.set(FieldKey::sub("q1", "if-not"), Value::Text("sub".into()));
        a.set(FieldKey::main("q2"), Value::Choice(vec![]));
        let b = a.clone_except(&FieldKey::main("q1"));
        let mut want = a.clone();
        want.remove(&FieldKey::main("q1"));
        assert_eq!(b, want);
        assert_eq!(a.clone_except(&FieldKey::main("q9")), a);
    }

    #[rstest]
    #[case(Value::Text("".into()), false)]
    #[case(Value::Text(" \n\u{a0}\t".into()), false)]
    #[case(Value::Text("x".into()), true)]
    #[case(Value::Choice(vec![]), false)]
    #[case(Value::Choice(vec![Chosen::Unlisted("Maybe".into())]), true)]
    fn answered(#[case] v: Value, #[case] want: bool) {
        assert_eq!(v.is_answered(), want);
    }
}
