//! The properties the fuzz targets check, one function per target.
//!
//! Kept in one file with no dependency but quire so that the main crate's
//! `tests/fuzz_props.rs` includes it (`#[path]`) and runs the very same
//! checks, on a few hundred generated inputs, in every `cargo test`. A
//! check fails by panicking: libFuzzer records the input as a crash, and
//! proptest catches the panic and shrinks the input.

use quire::answers::Answers;
use quire::draft::{self, Draft, DraftId};
use quire::questionnaire::Questionnaire;
use quire::report::{self, Imported};

/// The text of a file as quire's commands read it: UTF-8, or the valid
/// part of a file cut inside a character (`quire fmt`, `quire import`);
/// `None` for bytes quire refuses as not text.
pub fn text_of(bytes: &[u8]) -> Option<&str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => Some(text),
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&bytes[..e.valid_up_to()]).ok(),
        Err(_) => None,
    }
}

/// A definition loads, or is refused with at least one problem, each at a
/// line of the file; one that loads can render and read its own blank
/// report without panicking.
pub fn definition(source: &str) {
    match Questionnaire::from_toml(source, "fuzz.toml") {
        Ok(q) => {
            let _ = q.summary();
            // What the wizard and `export` do first with a definition.
            let text = report::render(&q, &Answers::new(), None);
            let _ = report::import(&q, &text);
        }
        Err(e) => {
            assert!(!e.problems.is_empty(), "refused with no problem said");
            // `locate` counts lines the way `str::lines` does, plus one
            // past a final line end (a problem at the very end of the file).
            let lines = source.lines().count() + 1;
            for (at, d) in &e.problems {
                assert!(
                    (1..=lines).contains(&at.line) && at.column >= 1,
                    "problem {:?} placed at {}:{} in a file of {lines} lines",
                    d.message,
                    at.line,
                    at.column,
                );
            }
            let _ = e.to_string();
        }
    }
}

/// The fields answered (something chosen, or text that is not blank).
///
/// Answers are not compared whole: one printed answer has several sources.
/// A question missing from a report is read as no answer, `fmt` prints it
/// "No response submitted.", and that reads back as an empty choice; a
/// `.flat` page's answer line "  • x" is kept as written, prints as is,
/// and reads back from the canonical layout as the list item "- x". What
/// must hold is that the same fields are answered and that they print the
/// same (the rendering is compared too).
fn answered(a: &Answers) -> Vec<String> {
    a.iter()
        .filter(|(_, v)| v.is_answered())
        .map(|(k, _)| k.to_string())
        .collect()
}

fn all_but_the_last_line(text: &str) -> &str {
    text.trim_end_matches('\n')
        .rsplit_once('\n')
        .map_or("", |(before, _)| before)
}

/// What `quire fmt` prints for an imported report.
fn formatted(q: &Questionnaire, imported: &Imported) -> String {
    report::reformat(q, imported, None)
}

/// The report, and the same text with its blank lines removed: a report
/// with no blank line is read in the `.flat` layout of published pages,
/// so every input is read in both layouts.
pub fn layouts(text: &str) -> [String; 2] {
    let flat: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    [text.to_owned(), flat.join("\n")]
}

/// For a report that imports, in either layout:
/// - what `fmt` prints imports again, with the same fields answered (see
///   [`answered`]), header, date and cut, and `fmt` of that is the same
///   text (`fmt` is idempotent), but for the last line of a report cut
///   short (`fmt --partial`);
/// - the whole rendering of the answers is a fixed point too:
///   `render(import(render(a))) == render(a)`;
/// - the draft that `quire import` makes of it reads back the same.
pub fn report(q: &Questionnaire, text: &str) {
    for input in layouts(text) {
        let Ok(first) = report::import(q, &input) else {
            continue;
        };
        let canonical = formatted(q, &first);
        let again = report::import(q, &canonical)
            .unwrap_or_else(|e| panic!("fmt's output does not import: {e}\n{canonical}"));
        let twice = formatted(q, &again);
        if first.cut.is_some() {
            // `fmt --partial` stops at the last piece the report holds and
            // leaves out a last line it could not place; its own last line
            // is then read under the rules for a report cut there (a line
            // that starts an option's label is that option, cut off). So
            // only the last line may read otherwise.
            assert_eq!(
                all_but_the_last_line(&twice),
                all_but_the_last_line(&canonical),
                "fmt --partial changed more than its last line"
            );
        } else {
            assert_eq!(twice, canonical, "fmt is not idempotent");
        }
        assert_eq!(
            answered(&again.answers),
            answered(&first.answers),
            "fmt changed which fields are answered"
        );
        assert_eq!(
            again.answers.header, first.answers.header,
            "fmt changed the header"
        );
        assert_eq!(again.date, first.date, "fmt changed the date");
        assert_eq!(
            again.cut.as_ref().map(|c| c.reached),
            first.cut.as_ref().map(|c| c.reached),
            "fmt moved the cut"
        );

        let whole = report::render(q, &first.answers, first.date);
        let back = report::import(q, &whole)
            .unwrap_or_else(|e| panic!("the rendering does not import: {e}\n{whole}"));
        assert_eq!(
            report::render(q, &back.answers, back.date),
            whole,
            "render(import(render(a))) differs"
        );

        draft_of(q, first.answers);
    }
}

/// `quire import`: the answers become a draft file, which reads back the same.
fn draft_of(q: &Questionnaire, answers: Answers) {
    let now = chrono_now();
    let mut d = Draft::new(DraftId::parse("fuzz").expect("a valid id"), q, now);
    d.answers = answers;
    let back = draft::parse(&draft::to_toml(&d))
        .unwrap_or_else(|e| panic!("an imported draft does not read back: {}", e.message));
    assert_eq!(back, d, "an imported draft reads back different");
}

/// A fixed time: a fuzz target must be repeatable.
fn chrono_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2024-08-23T10:00:00-04:00").expect("a valid time")
}

/// A draft file that parses writes out to a file that parses to the same
/// draft, and writing that again gives the same text.
pub fn draft(text: &str) {
    let Ok(first) = draft::parse(text) else {
        return;
    };
    let written = draft::to_toml(&first);
    let back = draft::parse(&written).unwrap_or_else(|e| {
        panic!(
            "a written draft does not parse: {}:{}: {}\n{written}",
            e.line, e.column, e.message
        )
    });
    assert_eq!(back, first, "parse → write → parse changed the draft");
    assert_eq!(draft::to_toml(&back), written, "writing is not stable");
}
