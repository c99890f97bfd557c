//! The canonical report against real published reports, and import's
//! leniency with what real pages contain.

use quire::answers::{Chosen, FieldKey, Value};
use quire::questionnaire::Questionnaire;
use quire::report::{Imported, import, render};
use rstest::rstest;

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("built-in questionnaire is valid")
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn fmt(text: &str) -> (String, Imported) {
    let q = builtin();
    let imported = import(&q, text).unwrap_or_else(|e| panic!("import failed: {e}"));
    let out = render(&q, &imported.answers, imported.date);
    (out, imported)
}

/// Everything up to and including the "Page details" line.
fn through_page_details(text: &str) -> &str {
    let at = text.find("\nPage details").expect("has a footer") + "\nPage details".len();
    &text[..at]
}

#[rstest]
#[case::correctional("correctional-service-canada.txt", "Date modified: 2024-08-23\n", 1)]
#[case::privacy("privacy-commissioner-canada.txt", "Date modified:\n", 0)]
#[case::public_safety("public-safety-canada.txt", "Date modified:\n", 0)]
fn fmt_reproduces_canonical_reports(
    #[case] name: &str,
    #[case] footer_end: &str,
    #[case] rewritten_lines: usize,
) {
    let original = fixture(name);
    let (out, imported) = fmt(&original);
    assert_eq!(through_page_details(&out), through_page_details(&original));
    assert!(
        out.ends_with(&format!("Page details\n\n{footer_end}")),
        "footer: {out:?}"
    );
    // The only warnings are for lines that fmt rewrites (a bare date).
    assert_eq!(
        imported.warnings.len(),
        rewritten_lines,
        "{:?}",
        imported.warnings
    );
    assert!(imported.cut.is_none());
    assert!(!imported.flat);
    // Canonical text is a fixed point.
    assert_eq!(fmt(&out).0, out);
}

#[test]
fn correctional_date_alone_is_read_as_the_date() {
    let (_, imported) = fmt(&fixture("correctional-service-canada.txt"));
    assert_eq!(
        imported.date.map(|d| d.to_string()),
        Some("2024-08-23".into())
    );
}

#[test]
fn flat_report_formats_to_canonical_and_is_then_stable() {
    let flat = fixture("canada-school-of-public-service.flat.txt");
    let (out, imported) = fmt(&flat);
    assert!(imported.flat);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    assert!(out.starts_with(
        "Canada School of Public Service\n\nSelf-assessment on actions undertaken to advance a renewed conversation on values and ethics\n\n\u{a0}\n\nPart I. Values and ethics training plans\n\nQuestion 1\n\n"
    ));
    assert!(out.contains("\n\n  • Dedicated discussions at executive and management committee meetings\n  • All-staff engagements (e.g., town halls)\n"));
    // Flat list items inside free text become canonical bullets, set off by empty lines.
    assert!(out.contains("on the subject of accountability:\n\n  • held 3 dedicated discussions"));
    assert!(out.ends_with("Page details\n\nDate modified:\n"));
    let (again, second) = fmt(&out);
    assert_eq!(again, out);
    assert_eq!(second.answers, imported.answers);
}

#[test]
fn flat_and_canonical_read_the_same_choices() {
    let (_, imported) = fmt(&fixture("canada-school-of-public-service.flat.txt"));
    let a = &imported.answers;
    assert_eq!(
        a.header.get("organization").map(String::as_str),
        Some("Canada School of Public Service")
    );
    assert_eq!(
        a.main("q2"),
        Some(&Value::Choice(vec![Chosen::Option("no".into())]))
    );
    assert_eq!(
        a.main("q6")
            .map(|v| matches!(v, Value::Choice(c) if c.len() == 7)),
        Some(true)
    );
    assert_eq!(
        a.get(&FieldKey::sub("q1", "if-not")),
        None,
        "N/A reads as no answer"
    );
}

#[test]
fn nested_lists_and_no_break_spaces_survive() {
    let (_, imported) = fmt(&fixture("privacy-commissioner-canada.txt"));
    let Some(Value::Text(q8)) = imported.answers.main("q8") else {
        panic!("q8 is text")
    };
    assert!(q8.contains("1. Positive culture of values and ethics\n  - The OPC maintains"));
    assert!(q8.contains("    - Respect for democracy:"));
    let Some(Value::Text(comment)) = imported.answers.get(&FieldKey::sub("q12", "comment")) else {
        panic!("q12 has a comment")
    };
    assert!(comment.ends_with("disaggregate some indicators.\u{a0}"));
}

/// Warnings of an import of `text`, as (line, message) pairs.
fn warnings(text: &str) -> Vec<(usize, String)> {
    let q = builtin();
    let imported = import(&q, text).unwrap_or_else(|e| panic!("import failed: {e}"));
    imported
        .warnings
        .into_iter()
        .map(|w| (w.line, w.message))
        .collect()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l == needle)
        .expect("line present")
        + 1
}

#[test]
fn several_options_on_a_single_choice_are_kept_with_a_warning() {
    let original = fixture("public-safety-canada.txt");
    let text = original.replacen(
        "  • My organization is in the process of reviewing its code of conduct.",
        "  • Yes, my organization has reviewed its code of conduct.\n  • My organization is in the process of reviewing its code of conduct.",
        1,
    );
    let line = line_of(
        &text,
        "  • Yes, my organization has reviewed its code of conduct.",
    );
    let w = warnings(&text);
    assert!(w.iter().any(|(l, m)| *l == line && m.contains("Question 3 takes one option, but 2 are chosen")), "{w:?}");
    let (out, imported) = fmt(&text);
    assert_eq!(
        imported.answers.main("q3"),
        Some(&Value::Choice(vec![
            Chosen::Option("reviewed".into()),
            Chosen::Option("reviewing".into())
        ]))
    );
    assert_eq!(out, fmt(&text).0);
    assert!(out.contains(
        "reviewed its code of conduct.\n  • My organization is in the process of reviewing"
    ));
}

#[test]
fn answer_on_a_skipped_question_is_published_as_written_with_a_warning() {
    let original = fixture("correctional-service-canada.txt");
    let q4_prompt = "If your organization is in the process of reviewing its code of conduct, what is your target time frame for completing the review?";
    let text = original.replacen(
        &format!("{q4_prompt}\n\nN/A"),
        &format!("{q4_prompt}\n\nBy the end of 2025."),
        1,
    );
    let line = line_of(&text, "By the end of 2025.");
    let w = warnings(&text);
    assert!(
        w.iter().any(|(l, m)| *l == line
            && m.contains("Question 4 is answered although the branching skips it (because of the answer to Question 3)")),
        "{w:?}"
    );
    let (out, imported) = fmt(&text);
    assert!(out.contains(&format!("{q4_prompt}\n\nBy the end of 2025.\n")));
    let publication = quire::report::publish(&builtin(), &imported.answers, imported.date);
    assert_eq!(publication.text, out, "export prints what fmt prints");
    assert_eq!(publication.skipped.len(), 1);
    assert_eq!(publication.skipped[0].because_of, [3]);
}

#[test]
fn unknown_option_label_is_kept_verbatim() {
    let original = fixture("public-safety-canada.txt");
    let text = original.replacen(
        "Will these indicators be disaggregated by identity factors?\n\n  • Yes",
        "Will these indicators be disaggregated by identity factors?\n\n  • Partly",
        1,
    );
    let line = line_of(&text, "  • Partly");
    let w = warnings(&text);
    assert!(
        w.iter()
            .any(|(l, m)| *l == line && m.contains("\"Partly\" is not an option of Question 12")),
        "{w:?}"
    );
    let (out, imported) = fmt(&text);
    assert_eq!(
        imported.answers.main("q12"),
        Some(&Value::Choice(vec![Chosen::Unlisted("Partly".into())]))
    );
    assert!(out.contains("identity factors?\n\n  • Partly\n"));
}

#[test]
fn no_response_submitted_reads_as_no_choice() {
    let original = fixture("public-safety-canada.txt");
    let text = original.replacen(
        "  • My organization is in the process of reviewing its code of conduct.",
        "No response submitted.",
        1,
    );
    let line = line_of(&text, "No response submitted.");
    let w = warnings(&text);
    assert!(
        w.iter()
            .any(|(l, m)| *l == line && m.contains("No response submitted.")),
        "{w:?}"
    );
    let (out, imported) = fmt(&text);
    assert_eq!(imported.answers.main("q3"), Some(&Value::Choice(vec![])));
    // The published files end without a line end; canonical text adds one.
    assert!(out == format!("{text}\n"), "fmt changed the report");
}

#[test]
fn option_label_with_straight_quotes_is_matched_loosely() {
    let original = fixture("public-safety-canada.txt");
    let text = original.replacen(
        "  • Inclusion in employees’ performance",
        "  • Inclusion in employees' performance",
        1,
    );
    let w = warnings(&text);
    assert!(
        w.iter().any(|(_, m)| m.contains("differs slightly")),
        "{w:?}"
    );
    let (out, _) = fmt(&text);
    assert_eq!(out.lines().count(), original.lines().count());
    assert!(out.contains("  • Inclusion in employees’ performance"));
}

#[test]
fn truncated_report_keeps_what_it_has() {
    let original = fixture("public-safety-canada.txt");
    let cut = original.find("Question 9").expect("has Q9");
    let text = &original[..cut + "Question 9\n\nHow have you".len()];
    let w = warnings(text);
    let last = text.lines().count();
    assert!(
        w.iter().any(|(l, m)| *l == last
            && m.contains("cut off at line")
            && m.contains("inside the text of Question 9")
            && m.contains("the rest of Question 9, Questions 10 to 13 and the footer are missing")),
        "{w:?}"
    );
    let (_, imported) = fmt(text);
    assert!(
        matches!(imported.answers.main("q8"), Some(Value::Text(t)) if t.starts_with("Several recurring themes"))
    );
    assert_eq!(imported.answers.main("q12"), None);
}

#[test]
fn crlf_and_missing_final_newline_read_the_same() {
    let original = fixture("public-safety-canada.txt");
    let crlf = original.replace('\n', "\r\n");
    let trimmed = original.trim_end_matches('\n');
    let (a, _) = fmt(&original);
    assert_eq!(fmt(&crlf).0, a);
    assert_eq!(fmt(trimmed).0, a);
}

#[rstest]
#[case::text_between_part_and_question(
    |t: &str| t.replacen("Part II. Codes of conduct\n\n", "Part II. Codes of conduct\n\nStray words.\n\n", 1),
    "Stray words.",
    "unexpected text"
)]
#[case::text_after_options(
    |t: &str| t.replacen("reviewing its code of conduct.\n\nQuestion 4", "reviewing its code of conduct.\n\nA remark.\n\nQuestion 4", 1),
    "A remark.",
    "unexpected text after the options of Question 3"
)]
#[case::prose_where_options_go(
    |t: &str| t.replacen("  • My organization is in the process of reviewing its code of conduct.", "We are reviewing it.", 1),
    "We are reviewing it.",
    "expected the chosen options of Question 3"
)]
fn unplaceable_text_is_an_error_with_its_line(
    #[case] edit: fn(&str) -> String,
    #[case] at: &str,
    #[case] message: &str,
) {
    let text = edit(&fixture("public-safety-canada.txt"));
    let err = import(&builtin(), &text).expect_err("must not import");
    assert_eq!(err.line, line_of(&text, at));
    assert!(err.message.contains(message), "{}", err.message);
}

#[rstest]
#[case::empty("", "empty")]
#[case::blank("\n\n  \n", "empty")]
#[case::other_document("Hello\n\nThis is a letter.\n", "not a report")]
fn not_a_report(#[case] text: &str, #[case] message: &str) {
    let err = import(&builtin(), text).expect_err("must not import");
    assert_eq!(err.line, 1);
    assert!(err.message.contains(message), "{}", err.message);
}

#[test]
fn report_without_organization_keeps_the_title_as_title() {
    let q = builtin();
    let text = render(&q, &quire::answers::Answers::new(), None);
    let imported = import(&q, &text).expect("imports");
    assert_eq!(imported.answers.header.get("organization"), None);
    assert!(
        imported
            .warnings
            .iter()
            .all(|w| !w.message.contains("header")),
        "{:?}",
        imported.warnings
    );
}

/// A questionnaire whose second choice question is skipped when the first is "no",
/// with a prefixed header field.
const SKIPPING: &str = r#"
id = "x"
version = "1"
title = "T"
[[header_field]]
id = "team"
label = "Team"
[report]
header = ["Team: {team}", "{title}"]
[[part]]
id = "p"
title = "P"
[[part.question]]
id = "a"
kind = "yes-no"
text = "A?"
[[part.question]]
id = "b"
kind = "yes-no"
text = "B?"
ask_when = { question = "a", is = "yes" }
"#;

#[test]
fn skipped_choice_question_and_empty_prefixed_field_read_back() {
    let q = Questionnaire::from_toml(SKIPPING, "skipping.toml").expect("valid");
    let mut a = quire::answers::Answers::new();
    a.set(
        FieldKey::main("a"),
        Value::Choice(vec![Chosen::Option("no".into())]),
    );
    let text = render(&q, &a, None);
    assert!(
        text.starts_with(
            "Team:\n\nT\n\nPart I. P\n\nQuestion 1\n\nA?\n\n  • No\n\nQuestion 2\n\nB?\n\nN/A\n"
        ),
        "{text}"
    );
    let imported = import(&q, &text).expect("a skipped choice question reads back");
    assert_eq!(imported.answers, a);
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}
