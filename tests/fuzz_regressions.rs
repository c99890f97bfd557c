//! Inputs the fuzz targets and the monkey found (docs/fuzzing.md), each
//! kept as a test of what it broke.

// Each test here uses the one check that found its input.
#[allow(dead_code)]
#[path = "../fuzz/src/lib.rs"]
mod checks;
mod common;

use quire::answers::{FieldKey, Value};
use quire::report::{import, reformat, render};

/// `fmt` once more changes nothing.
fn fmt_twice(text: &str) -> (String, String) {
    let q = common::builtin();
    let once = reformat(&q, &import(&q, text).expect("imports"), None);
    let twice = reformat(&q, &import(&q, &once).expect("fmt's output imports"), None);
    (once, twice)
}

/// Found by the `report` target: a line ending in several carriage returns
/// (a CRLF file converted to CRLF again) lost one of them at every `fmt`,
/// so `fmt --check` never passed on `fmt`'s own output. Carriage returns
/// at the end of a line are all part of its line end.
#[test]
fn carriage_returns_at_the_end_of_a_line_are_its_line_end() {
    let q = common::builtin();
    let report = render(&q, &common::synthetic_answers(), None)
        .replace("Social media and AI.\n", "Social media and AI.\r\r\r\n");
    let (once, twice) = fmt_twice(&report);
    assert_eq!(twice, once, "fmt is idempotent");
    let read = import(&q, &report).expect("imports");
    assert_eq!(
        read.answers.get(&FieldKey::main("q8")),
        Some(&Value::Text("Social media and AI.".into()))
    );
    checks::report(&q, &report);
}

/// Found by the `report` target: a line of an answer that starts with "• "
/// at the margin (a `.flat` page's bullet, or typed so) is printed as it is,
/// at the margin, but was read back as a list item, printed indented: `fmt`
/// changed its own output, and a report exported with such an answer was
/// not canonical. Printed list items are always indented; at the margin,
/// "• " is text, as a number at the margin is. (In an answer's source form
/// "• x" is a list item, as pasted from a word processor: the literal line
/// is written `\• x`, as import writes it.)
#[test]
fn a_bullet_at_the_margin_of_an_answer_is_text() {
    let q = common::builtin();
    let mut answers = common::synthetic_answers();
    let typed = "Themes:\n\\• social media\n\\• AI";
    answers.set(FieldKey::main("q8"), Value::Text(typed.into()));
    let exported = render(&q, &answers, None);
    let read = import(&q, &exported).expect("imports");
    assert_eq!(
        read.answers.get(&FieldKey::main("q8")),
        Some(&Value::Text(typed.into()))
    );
    assert_eq!(
        reformat(&q, &read, None),
        exported,
        "the export is canonical"
    );

    let flat = common::flatten(&render(&q, &common::synthetic_answers(), None)).replace(
        "Social media and AI.",
        "Social media and AI.\n• Inclusion in plans",
    );
    let (once, twice) = fmt_twice(&flat);
    assert_eq!(twice, once, "fmt is idempotent");
    checks::report(&q, &flat);
}

/// Found while reducing the finding above: a `.flat` page's answer line
/// indented and marked as a canonical item (`   • x`, `   1. x`, with an
/// odd indent) was kept as a paragraph line and printed as it was; `fmt`
/// read its own output back as an item, printed with two spaces. A line the
/// canonical layout reads as an item is an item in the `.flat` layout too.
#[test]
fn a_flat_line_read_as_a_canonical_item_is_an_item() {
    let q = common::builtin();
    let flat = common::flatten(&render(&q, &common::synthetic_answers(), None)).replace(
        "Social media and AI.",
        "Social media and AI.\n   • odd indent\n   1. odd number",
    );
    let (once, twice) = fmt_twice(&flat);
    assert_eq!(twice, once, "fmt is idempotent");
    assert!(
        once.contains("\n  • odd indent\n  1. odd number\n"),
        "{once}"
    );
    checks::report(&q, &flat);
}

/// Found by the `report` target (inputs of at most 4 KB): `fmt --partial`
/// of a report cut short is not always a fixed point. The report below
/// stops on a line that cannot be placed, which is left out; the line
/// before it, an option label that is not the question's, is read as
/// written. In `fmt`'s output that label is the last line, and a last line
/// that starts an option's label is read as that option cut off. Nothing
/// before the last line changes, and the same fields are answered: that is
/// what the fuzz check asks of a report cut short.
#[test]
fn fmt_partial_may_read_its_own_last_line_as_cut() {
    let q = common::builtin();
    let page = common::fixture("canada-school-of-public-service.flat.txt");
    let option = "- Focused engagement sessions for specific functional areas";
    let at = page.find(option).expect("the option line");
    let report = format!(
        "{}- Focused engagement sessions for s\nAdditionally, the following",
        &page[..at]
    );
    let first = import(&q, &report).expect("imports");
    assert!(first.cut.is_some(), "the report is cut short");
    let (once, twice) = fmt_twice(&report);
    assert!(
        once.ends_with("\n  • Focused engagement sessions for s"),
        "{once}"
    );
    assert!(twice.ends_with("\n  • Focused engagement sessions for specific functional areas (e.g., operations, finance, communications, policy, human resources)"));
    checks::report(&q, &report);
}
