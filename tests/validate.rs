//! `quire validate` on broken definitions: every file in `tests/invalid/` is
//! a case, and says in its leading comments what must be reported:
//!
//! ```toml
//! # What is wrong (free text).
//! # expect: a substring of the message      (one or more)
//! # at: LINE:COL                             (optional, one per problem)
//! # problems: N                              (optional, default 1)
//! ```

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use quire::questionnaire::generate::{Tail, chain};
use rstest::rstest;
use std::path::{Path, PathBuf};

const INVALID: &str = "tests/invalid";

fn quire() -> Command {
    let mut cmd = cargo_bin_cmd!("quire");
    // Paths in diagnostics are then exactly the relative paths given here.
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// What a case file's leading comments ask for.
#[derive(Debug, Default)]
struct Expectation {
    expect: Vec<String>,
    at: Vec<String>,
    problems: usize,
}

fn expectation(source: &str) -> Expectation {
    let mut e = Expectation {
        problems: 1,
        ..Expectation::default()
    };
    for line in source.lines().take_while(|l| l.starts_with('#')) {
        let line = line.trim_start_matches('#').trim();
        if let Some(s) = line.strip_prefix("expect:") {
            e.expect.push(s.trim().to_owned());
        } else if let Some(s) = line.strip_prefix("at:") {
            e.at.push(s.trim().to_owned());
        } else if let Some(s) = line.strip_prefix("problems:") {
            e.problems = s.trim().parse().expect("`# problems:` takes a number");
        }
    }
    e
}

/// The location of a `FILE:LINE:COL: message` line, if it is one.
fn location<'a>(line: &'a str, file: &str) -> Option<&'a str> {
    let rest = line.strip_prefix(file)?.strip_prefix(':')?;
    let (loc, _message) = rest.split_once(": ")?;
    let (l, c) = loc.split_once(':')?;
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    (numeric(l) && numeric(c)).then_some(loc)
}

fn cases() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(INVALID))
            .expect("tests/invalid/ exists")
            .map(|e| e.expect("readable directory entry").path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
    files.sort();
    files
}

/// Checks one case; returns what is wrong with the output, if anything.
fn check_case(path: &Path) -> Result<(), String> {
    let name = path.file_name().unwrap().to_string_lossy();
    let file = format!("{INVALID}/{name}");
    let source = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
    let want = expectation(&source);
    if want.expect.is_empty() {
        return Err(format!(
            "{file}: no `# expect:` line in its leading comments"
        ));
    }
    let out = quire().args(["validate", &file]).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut wrong = Vec::new();
    if out.status.code() != Some(1) {
        wrong.push(format!("exit status {:?}, expected 1", out.status.code()));
    }
    if !stdout.is_empty() {
        wrong.push(format!("unexpected output on stdout: {stdout:?}"));
    }
    for e in &want.expect {
        if !stderr.contains(e.as_str()) {
            wrong.push(format!("no `{e}` in the messages"));
        }
    }
    let lines: Vec<&str> = stderr.lines().collect();
    let found: Vec<&str> = lines.iter().filter_map(|l| location(l, &file)).collect();
    for at in &want.at {
        if !found.contains(&at.as_str()) {
            wrong.push(format!("no problem reported at {at} (found {found:?})"));
        }
    }
    if found.len() != want.problems {
        wrong.push(format!(
            "{} problems reported, expected {}",
            found.len(),
            want.problems
        ));
    }
    for (i, line) in lines.iter().enumerate() {
        let hinted = lines
            .get(i + 1)
            .is_some_and(|h| h.starts_with("    hint: "));
        if location(line, &file).is_some() && !hinted {
            wrong.push(format!("no `    hint:` line after {line:?}"));
        }
    }
    let plural = if want.problems == 1 { "" } else { "s" };
    let summary = format!("{file}: {} problem{plural}", want.problems);
    if lines.last() != Some(&summary.as_str()) {
        wrong.push(format!("the last line is not {summary:?}"));
    }
    if wrong.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{file}:\n  - {}\n  stderr:\n{stderr}",
            wrong.join("\n  - ")
        ))
    }
}

#[test]
fn every_invalid_definition_is_reported_where_and_as_expected() {
    let cases = cases();
    assert!(!cases.is_empty(), "no cases in {INVALID}/");
    let failures: Vec<String> = cases.iter().filter_map(|p| check_case(p).err()).collect();
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// Each kind of error keeps its case: removing one loses coverage.
#[rstest]
#[case("toml-syntax")]
#[case("unknown-key")]
#[case("missing-field")]
#[case("wrong-type")]
#[case("unknown-kind")]
#[case("duplicate-question-id")]
#[case("duplicate-option-id")]
#[case("condition-unknown-question")]
#[case("condition-unknown-option")]
#[case("condition-on-later-question")]
#[case("condition-on-itself")]
#[case("condition-option-on-text-question")]
#[case("never-asked")]
#[case("follow-up-never-asked")]
#[case("single-choice-one-option")]
#[case("options-on-text-question")]
#[case("yes-no-bad-options")]
#[case("comment-on-text-question")]
#[case("unknown-placeholder")]
#[case("bad-id")]
#[case("empty-part")]
#[case("missing-report-table")]
#[case("language-not-listed")]
#[case("several-problems")]
fn each_kind_of_error_has_a_case(#[case] name: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("{INVALID}/{name}.toml"));
    assert!(path.is_file(), "missing case {}", path.display());
}

#[test]
fn several_problems_are_all_reported_at_once() {
    let file = format!("{INVALID}/several-problems.toml");
    let out = quire().args(["validate", &file]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    let mut places: Vec<&str> = stderr.lines().filter_map(|l| location(l, &file)).collect();
    assert_eq!(places.len(), 5, "{stderr}");
    places.dedup();
    assert_eq!(places.len(), 5, "each problem at its own place: {stderr}");
    assert!(
        stderr.ends_with(&format!("{file}: 5 problems\n")),
        "{stderr}"
    );
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn the_builtin_questionnaire_is_valid() {
    quire()
        .arg("validate")
        .assert()
        .code(0)
        .stdout(
            predicate::str::contains(": valid: ")
                .and(predicate::str::contains("4 parts, 13 questions")),
        )
        .stdout(predicate::function(|s: &str| s.lines().count() == 1))
        // Nothing but the French still to check against an official source.
        .stderr(predicate::function(|s: &str| {
            s.lines().all(|l| {
                l.contains(": warning: the `fr` text of ") || l.contains("0 missing translations")
            })
        }));
}

#[test]
fn a_missing_file_is_a_clear_error() {
    quire()
        .args(["validate", "tests/invalid/no-such-file.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("tests/invalid/no-such-file.toml")
                .and(predicate::str::contains("cannot read")),
        );
}

#[test]
fn another_command_refuses_an_invalid_definition() {
    quire()
        .args([
            "--questionnaire",
            "tests/invalid/unknown-key.toml",
            "fmt",
            "tests/fixtures/public-safety-canada.txt",
        ])
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains("tests/invalid/unknown-key.toml:19:1: unknown key `knd`")
                .and(predicate::str::contains("did you mean `kind`?")),
        );
}

/// The line (1-based) of the first line of `source` that starts with `start`
/// after the line `after`.
fn line_after(source: &str, after: &str, start: &str) -> usize {
    let lines: Vec<&str> = source.lines().collect();
    let from = lines.iter().position(|l| *l == after).expect("marker line");
    from + 1
        + lines[from..]
            .iter()
            .position(|l| l.starts_with(start))
            .expect("line")
}

/// Validates a generated chain of 10,000 questions whose last link is
/// broken; returns the file name given and what was printed.
fn deep_chain(tail: Tail) -> (String, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let source = chain(10_000, tail);
    let path = dir.path().join("chain.toml");
    std::fs::write(&path, &source).unwrap();
    let file = path.display().to_string();
    let out = quire().args(["validate", &file]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "");
    (
        file,
        source,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_never_asked_question_at_the_end_of_a_long_chain_is_found_where_it_is() {
    // The search this replaced gave up on this chain and called it valid;
    // the work it now takes is held near linear in `src/questionnaire`.
    let (file, source, stderr) = deep_chain(Tail::NeverAsked);
    let line = line_after(&source, "id = \"q10000\"", "ask_when");
    assert_eq!(
        stderr.lines().next(),
        Some(
            format!(
                "{file}:{line}:1: question `q10000` (Question 10000) can never be asked: \
                 no answers make its `ask_when` hold"
            )
            .as_str()
        ),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(&format!("{file}: 1 problem\n")),
        "{stderr}"
    );
}

#[test]
fn an_unknown_option_at_the_end_of_a_long_chain_is_found_where_it_is() {
    let (file, source, stderr) = deep_chain(Tail::UnknownOption);
    let line = line_after(&source, "id = \"q10000\"", "ask_when");
    let text = source.lines().nth(line - 1).unwrap();
    let column = text.find("\"maybe\"").unwrap() + 1;
    assert_eq!(
        stderr.lines().next(),
        Some(format!("{file}:{line}:{column}: question `q9999` has no option `maybe`").as_str()),
        "{stderr}"
    );
    // Reported once: not also as a question that can never be asked.
    assert!(
        stderr.ends_with(&format!("{file}: 1 problem\n")),
        "{stderr}"
    );
}
