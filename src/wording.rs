//! Sentences every front end says the same way: counts with their plural,
//! and what is missing before a report can be published. The wizard, the
//! accessible mode and the command line take them from here, so that they
//! cannot drift apart.

use crate::flow::Missing;

/// `one` for 1, `many` for any other number: the verb or word that
/// agrees with a count said apart from it ("was"/"were").
pub fn agree<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// A noun whose plural takes an `s`, agreeing with `n` but without it:
/// "the option `a`", "the options `a`, `b`".
pub fn plural_s(n: usize, noun: &str) -> String {
    format!("{noun}{}", agree(n, "", "s"))
}

/// `n` and a noun whose plural takes an `s`: "1 item", "2 items".
pub fn count_s(n: usize, noun: &str) -> String {
    format!("{n} {}", plural_s(n, noun))
}

/// `n`, its noun and the verb: "1 translation is", "2 translations are".
pub fn count_are(n: usize, noun: &str) -> String {
    format!("{} {}", count_s(n, noun), agree(n, "is", "are"))
}

/// "The questionnaire changed: 2 answers no longer fit and were set
/// aside", said when a draft is opened; each front end adds where they
/// are listed.
pub fn set_aside(n: usize) -> String {
    format!(
        "The questionnaire changed: {} no longer fit and {} set aside",
        count_s(n, "answer"),
        agree(n, "was", "were")
    )
}

/// "1 required answer is missing", "3 required answers are missing", or
/// `None` when nothing is.
pub fn missing_answers(n: usize) -> Option<String> {
    (n > 0).then(|| format!("{} missing", count_are(n, "required answer")))
}

/// "1 translation is missing or outdated", or `None` when none is.
pub fn untranslated(n: usize) -> Option<String> {
    (n > 0).then(|| format!("{} missing or outdated", count_are(n, "translation")))
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
        assert_eq!(count_s(0, "item"), "0 items");
        assert_eq!(plural_s(1, "option"), "option");
        assert_eq!(plural_s(2, "option"), "options");
        assert_eq!(
            count_are(1, "French translation"),
            "1 French translation is"
        );
        assert_eq!(
            count_are(4, "French translation"),
            "4 French translations are"
        );
        assert_eq!(agree(1, "fits", "fit"), "fits");
        assert_eq!(agree(0, "fits", "fit"), "fit");
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
