//! Sentences every front end says the same way: counts with their plural,
//! and what is missing before a report can be published. The wizard, the
//! accessible mode and the command line take them from here, so that they
//! cannot drift apart.

use crate::flow::Missing;

/// `n` and a noun whose plural takes an `s`: "1 item", "2 items".
pub fn count_s(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "The questionnaire changed: 2 answers no longer fit and were set
/// aside", said when a draft is opened; each front end adds where they
/// are listed.
pub fn set_aside(n: usize) -> String {
    format!(
        "The questionnaire changed: {} no longer fit and {} set aside",
        count_s(n, "answer"),
        if n == 1 { "was" } else { "were" }
    )
}

/// "1 required answer is missing", "3 required answers are missing", or
/// `None` when nothing is.
pub fn missing_answers(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 required answer is missing".to_owned()),
        n => Some(format!("{n} required answers are missing")),
    }
}

/// "1 translation is missing or outdated", or `None` when none is.
pub fn untranslated(n: usize) -> Option<String> {
    match n {
        0 => None,
        1 => Some("1 translation is missing or outdated".to_owned()),
        n => Some(format!("{n} translations are missing or outdated")),
    }
}

/// Where a missing answer is: "Question 4", or "Header" for a header
/// field (numbered 0).
pub fn missing_place(m: &Missing) -> String {
    if m.number == 0 {
        "Header".to_owned()
    } else {
        format!("Question {}", m.number)
    }
}

/// A missing answer on one line: "Question 4: <prompt>", or the prompt
/// alone for a header field.
pub fn missing_line(m: &Missing) -> String {
    if m.number == 0 {
        m.prompt.clone()
    } else {
        format!("Question {}: {}", m.number, m.prompt)
    }
}

/// A missing answer as a list item that says so: "Question 4: missing:
/// <prompt>", "Missing: <prompt>" for a header field.
pub fn missing_item(m: &Missing) -> String {
    if m.number == 0 {
        format!("Missing: {}", m.prompt)
    } else {
        format!("Question {}: missing: {}", m.number, m.prompt)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::FieldKey;

    fn missing(number: usize) -> Missing {
        Missing {
            key: FieldKey::main("q4"),
            number,
            prompt: "Target date".into(),
        }
    }

    #[test]
    fn counts_agree_with_their_number() {
        assert_eq!(
            set_aside(1),
            "The questionnaire changed: 1 answer no longer fit and was set aside"
        );
        assert_eq!(
            set_aside(3),
            "The questionnaire changed: 3 answers no longer fit and were set aside"
        );
        assert_eq!(count_s(1, "item"), "1 item");
        assert_eq!(count_s(12, "item"), "12 items");
    }

    #[test]
    fn what_is_missing_is_said_in_one_way() {
        assert_eq!(missing_answers(0), None);
        assert_eq!(
            missing_answers(1).as_deref(),
            Some("1 required answer is missing")
        );
        assert_eq!(
            missing_answers(3).as_deref(),
            Some("3 required answers are missing")
        );
        assert_eq!(
            untranslated(2).as_deref(),
            Some("2 translations are missing or outdated")
        );
        assert_eq!(missing_line(&missing(4)), "Question 4: Target date");
        assert_eq!(missing_line(&missing(0)), "Target date");
        assert_eq!(missing_place(&missing(0)), "Header");
        assert_eq!(missing_place(&missing(4)), "Question 4");
        assert_eq!(
            missing_item(&missing(4)),
            "Question 4: missing: Target date"
        );
        assert_eq!(missing_item(&missing(0)), "Missing: Target date");
    }
}
