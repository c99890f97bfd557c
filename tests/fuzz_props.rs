//! The fuzz targets' properties (`fuzz/`, docs/fuzzing.md), run in every
//! `cargo test` on a few hundred inputs: the very checks of
//! `fuzz/src/lib.rs`, on inputs made by editing real files line by line
//! (what a person, a browser's "save as" or a cut download does to them)
//! with hostile text mixed in. The fuzz targets search far more widely;
//! these keep what they proved from slipping back.

#[path = "../fuzz/src/lib.rs"]
mod checks;
mod common;

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use proptest::sample::Index;
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, Orphan, to_toml};
use quire::questionnaire::{BUILTIN_SOURCE, Questionnaire};

/// One edit of a file, line by line.
#[derive(Debug, Clone)]
enum Edit {
    /// Remove `n` lines from a line on.
    Delete(Index, usize),
    /// Copy a line before another (an anchor seen twice, out of order).
    Copy(Index, Index),
    /// Put a line before a line.
    Insert(Index, String),
    /// Replace a line.
    Replace(Index, String),
    /// Put text inside a line, at a character.
    Splice(Index, Index, String),
    /// Indent a line, or take its indent away.
    Indent(Index, bool),
    /// Cut the file there, as a download cut short (maybe inside a line).
    Cut(Index),
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let final_newline = text.ends_with('\n');
    for edit in edits {
        if lines.is_empty() {
            lines.push(String::new());
        }
        let n = lines.len();
        match edit {
            Edit::Delete(at, count) => {
                let at = at.index(n);
                lines.drain(at..(at + count).min(n));
            }
            Edit::Copy(from, to) => {
                let line = lines[from.index(n)].clone();
                lines.insert(to.index(n + 1), line);
            }
            Edit::Insert(at, line) => lines.insert(at.index(n + 1), line.clone()),
            Edit::Replace(at, line) => lines[at.index(n)] = line.clone(),
            Edit::Splice(at, col, s) => {
                let line = &mut lines[at.index(n)];
                let chars = line.chars().count();
                let byte = line
                    .char_indices()
                    .nth(col.index(chars + 1))
                    .map_or(line.len(), |(b, _)| b);
                line.insert_str(byte, s);
            }
            Edit::Indent(at, true) => lines[at.index(n)].insert_str(0, "  "),
            Edit::Indent(at, false) => {
                let line = &mut lines[at.index(n)];
                *line = line.trim_start().to_owned();
            }
            Edit::Cut(at) => {
                let joined = lines.join("\n");
                let chars = joined.chars().count();
                let cut: String = joined.chars().take(at.index(chars + 1)).collect();
                return cut;
            }
        }
    }
    let mut out = lines.join("\n");
    if final_newline {
        out.push('\n');
    }
    out
}

/// Text an attacker or an accident puts in a file: controls (C0, DEL, C1,
/// ESC sequences), bidi overrides, zero-width characters, a BOM, NUL, CR.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("\u{1b}]52;c;aGVsbG8=\u{7}".to_owned()),
        Just("\u{1b}[2J\u{1b}[H".to_owned()),
        Just("\u{9b}31m".to_owned()),
        Just("\u{202e}txt.exe\u{202c}".to_owned()),
        Just("\u{200b}\u{200d}\u{feff}".to_owned()),
        Just("\0".to_owned()),
        Just("\r".to_owned()),
        Just("\t".to_owned()),
        Just("\u{7f}\u{85}\u{2028}".to_owned()),
        "[\u{0}-\u{1f}\u{7f}-\u{9f}]{1,4}",
        any::<String>(),
    ]
}

/// Edits that add `lines`, the known lines of a format, or hostile text.
fn edits(lines: &'static [&'static str]) -> impl Strategy<Value = Vec<Edit>> {
    let line = prop_oneof![
        3 => proptest::sample::select(lines).prop_map(str::to_owned),
        1 => hostile(),
        1 => (proptest::sample::select(lines), hostile()).prop_map(|(l, h)| format!("{l}{h}")),
    ];
    let edit = prop_oneof![
        2 => (any::<Index>(), 1usize..20).prop_map(|(a, n)| Edit::Delete(a, n)),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::Copy(a, b)),
        3 => (any::<Index>(), line.clone()).prop_map(|(a, l)| Edit::Insert(a, l)),
        2 => (any::<Index>(), line).prop_map(|(a, l)| Edit::Replace(a, l)),
        2 => (any::<Index>(), any::<Index>(), hostile()).prop_map(|(a, c, s)| Edit::Splice(a, c, s)),
        1 => (any::<Index>(), any::<bool>()).prop_map(|(a, i)| Edit::Indent(a, i)),
        1 => any::<Index>().prop_map(Edit::Cut),
    ];
    proptest::collection::vec(edit, 0..8)
}

fn fixture_texts(names: &[&str]) -> Vec<String> {
    names.iter().map(|n| common::fixture(n)).collect()
}

/// Lines a report is read by, and near misses of them.
const REPORT_LINES: &[&str] = &[
    "Part I. Values and ethics training plans",
    "Part II. Codes of conduct",
    "Part IV. Values and ethics",
    "Question 1",
    "Question 3",
    "Question 4",
    "Question 13",
    "Question 14",
    "Has your organization fully implemented department-specific training plans?",
    "If not, what is your target time frame for completing this work?",
    "N/A",
    "N/",
    "No response submitted.",
    "  • Yes",
    "  • No",
    "  • ",
    "- Yes",
    "-",
    "•",
    "• at the margin",
    "   • odd indent",
    "   1. odd number",
    "Text\r\r",
    "  1.",
    "  1. first",
    "    - nested",
    "",
    "   ",
    "\u{a0}",
    "Page details",
    "Date modified: 2024-08-23",
    "Date modified: 2024-13-45",
    "Date modified:",
    "Date modified: 2024-0",
    "Other: something else",
    "Public Safety Canada",
    "Auto-évaluation des mesures prises",
];

/// Lines of definitions and drafts.
const TOML_LINES: &[&str] = &[
    "[[part]]",
    "[[part.question]]",
    "[[part.question.option]]",
    "[[part.question.follow_up]]",
    "[part.question.comment]",
    "[report]",
    "[[header_field]]",
    "[questionnaire]",
    "[header]",
    "[answers.q1]",
    "[answers.q5.description]",
    "[[orphan]]",
    "format = 1",
    "format = 2",
    "id = \"q1\"",
    "id = \"q99\"",
    "id = \"\"",
    "id = \"Bad Id\"",
    "kind = \"yes-no\"",
    "kind = \"single-choice\"",
    "kind = \"multiple-choice\"",
    "kind = \"short-text\"",
    "kind = \"essay\"",
    "text = \"A question?\"",
    "text = \"\"",
    "label = \"An option\"",
    "prompt = \"Why?\"",
    "title = \"A title\"",
    "required = true",
    "required = \"yes\"",
    "ask_when = { question = \"q1\", is = \"no\" }",
    "ask_when = { question = \"q3\", any_of = [\"reviewing\", \"updating\"] }",
    "ask_when = { not = { question = \"q2\", answered = true } }",
    "ask_when = { all = [{ question = \"q1\", is = \"yes\" }, { any = [] }] }",
    "required_when = { question = \"q99\", is = \"yes\" }",
    "part_heading = \"{number}\"",
    "part_heading = \"\"",
    "question_heading = \"Question {number}\"",
    "question_heading = \"N/A\"",
    "not_applicable = \"\"",
    "no_response = \"N/A\"",
    "header = [\"{organization}\", \"{nope}\", \"{\"]",
    "footer = [\"Page details\", \"{date}\"]",
    "languages = []",
    "choice = [\"yes\"]",
    "choice = [{ unlisted = \"Partly\" }]",
    "choice = []",
    "text = \"\"\"",
    "\"\"\"",
    "created = 2024-11-23T14:02:11.999999999+14:00",
    "updated = 0001-01-01T00:00:00Z",
    "updated = 1979-05-27",
    "position = \"q5.description\"",
    "position = \"q5.\"",
    "organization = \"\\u001b]0;title\\u0007\"",
    "key = \"q14\"",
    "reason = \"gone\"",
    "x = [",
    "]",
];

/// The built-in questionnaire's reports: the published ones kept as
/// fixtures (both layouts), and a short synthetic one.
fn report_seeds() -> Vec<String> {
    let q = common::builtin();
    let mut seeds = fixture_texts(&common::REPORTS);
    seeds.push(quire::report::render(
        &q,
        &common::synthetic_answers(),
        None,
    ));
    seeds.push(common::flatten(&seeds[seeds.len() - 1]));
    seeds
}

fn definition_seeds() -> Vec<String> {
    let root = env!("CARGO_MANIFEST_DIR");
    let mut seeds = vec![
        BUILTIN_SOURCE.to_owned(),
        std::fs::read_to_string(format!("{root}/examples/retrospective.toml")).expect("example"),
    ];
    let mut invalid: Vec<_> = std::fs::read_dir(format!("{root}/tests/invalid"))
        .expect("tests/invalid")
        .map(|e| e.expect("entry").path())
        .collect();
    invalid.sort();
    seeds.extend(
        invalid
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("read")),
    );
    seeds
}

/// A draft as quire saves it, and the hand-written ones kept as fixtures.
fn draft_seeds() -> Vec<String> {
    let q = common::builtin();
    let mut saved = Draft::new(DraftId::parse("saved-1a2b").expect("id"), &q, time(0, 0));
    saved.answers = common::synthetic_answers();
    saved.position = FieldKey::parse("q5.description");
    let mut seeds = vec![to_toml(&saved)];
    seeds.extend(fixture_texts(&[
        "drafts/handwritten-7f3a.toml",
        "drafts/newer-format.toml",
        "drafts/not-toml.toml",
    ]));
    seeds
}

/// A time as drafts hold it: to the second (fractions are kept when a file
/// has them), any year TOML and chrono share, offsets in whole minutes as
/// TOML writes them.
fn time(secs: i64, offset_minutes: i32) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(offset_minutes * 60).expect("offset under a day");
    offset
        .timestamp_opt(secs, 0)
        .single()
        .expect("in chrono's range")
}

fn mutated(seeds: Vec<String>, lines: &'static [&'static str]) -> impl Strategy<Value = String> {
    (proptest::sample::select(seeds), edits(lines)).prop_map(|(seed, edits)| apply(&seed, &edits))
}

/// `cases` in CI; `PROPTEST_CASES` sets another count for a longer run by
/// hand. Failures are shrunk and shown; each one found is kept as a named
/// test (tests/fuzz_regressions.rs), not in a regressions file.
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(128))]

    /// Edited reports import or are refused, never panic; those that
    /// import are fixed points of `fmt` and of `render`, in both layouts.
    #[test]
    fn edited_reports_import_to_a_fixed_point(text in mutated(report_seeds(), REPORT_LINES)) {
        checks::report(&common::builtin(), &text);
    }

    /// The same on the bytes of a report cut inside a character.
    #[test]
    fn a_report_cut_inside_a_character_is_read_up_to_it(
        text in mutated(report_seeds(), REPORT_LINES),
        cut in any::<Index>(),
    ) {
        let bytes = text.as_bytes();
        let bytes = &bytes[..cut.index(bytes.len() + 1)];
        let read = checks::text_of(bytes).expect("a valid text cut anywhere is read up to the cut");
        prop_assert!(text.starts_with(read));
        checks::report(&common::builtin(), read);
    }

    /// Edited definitions load or are refused with their problems placed
    /// in the file.
    #[test]
    fn edited_definitions_load_or_say_why(source in mutated(definition_seeds(), TOML_LINES)) {
        checks::definition(&source);
    }

    /// Edited draft files parse or are refused; those that parse write out
    /// and read back the same.
    #[test]
    fn edited_drafts_read_back_the_same(text in mutated(draft_seeds(), TOML_LINES)) {
        checks::draft(&text);
    }
}

/// A value of any shape, with any text.
fn value() -> impl Strategy<Value = Value> {
    let chosen = prop_oneof![
        "[a-z0-9-]{1,12}".prop_map(Chosen::Option),
        any::<String>().prop_map(Chosen::Unlisted),
    ];
    prop_oneof![
        proptest::collection::vec(chosen, 0..4).prop_map(Value::Choice),
        any::<String>().prop_map(Value::Text),
        hostile().prop_map(Value::Text),
    ]
}

fn key() -> impl Strategy<Value = FieldKey> {
    (
        "[a-zA-Z0-9_-]{1,8}",
        proptest::option::of("[a-zA-Z0-9_-]{1,8}"),
    )
        .prop_map(|(q, f)| match f {
            Some(f) => FieldKey::sub(&q, &f),
            None => FieldKey::main(&q),
        })
}

/// Any draft quire could hold: answers, header and orphans of any text.
fn draft() -> impl Strategy<Value = Draft> {
    let when = (-62_135_510_400i64..253_402_214_399, -1439i32..1440)
        .prop_map(|(secs, off)| time(secs, off));
    (
        "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}",
        (when.clone(), when),
        proptest::option::of(key()),
        proptest::collection::btree_map(any::<String>(), any::<String>(), 0..3),
        proptest::collection::vec((key(), value()), 0..6),
        proptest::collection::vec((key(), value(), any::<String>()), 0..3),
        (any::<String>(), any::<String>(), any::<String>()),
    )
        .prop_filter_map(
            "a valid draft id",
            |(
                id,
                (created, updated),
                position,
                header,
                answers,
                orphans,
                (qid, version, digest),
            )| {
                let q = Questionnaire::builtin().expect("valid");
                let mut d = Draft::new(DraftId::parse(&id)?, &q, created);
                d.updated = updated;
                d.position = position;
                d.questionnaire.id = qid;
                d.questionnaire.version = version;
                d.questionnaire.digest = digest;
                d.answers.header = header;
                for (k, v) in answers {
                    d.answers.set(k, v);
                }
                d.orphans = orphans
                    .into_iter()
                    .map(|(key, value, reason)| Orphan { key, value, reason })
                    .collect();
                Some(d)
            },
        )
}

proptest! {
    #![proptest_config(config(256))]

    /// Whatever a draft holds, its file reads back to the same draft, and
    /// that file passes the fuzz target's check too.
    #[test]
    fn any_draft_reads_back_from_its_file(d in draft()) {
        let text = to_toml(&d);
        let back = quire::draft::parse(&text)
            .map_err(|e| TestCaseError::fail(format!("{}:{}: {}\n{text}", e.line, e.column, e.message)))?;
        prop_assert_eq!(back, d);
        checks::draft(&text);
    }
}
