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
