//! Answers files: `quire fill` (a TOML answers file or the JSON export)
//! and `quire import` of the JSON export. Every file of
//! `tests/invalid-answers/` is refused where and as its header says, and
//! nothing is written; the JSON export's own problems are located too.

mod common;

use assert_cmd::Command;
use chrono::NaiveDate;
use common::{builtin, synthetic_answers};
use predicates::prelude::*;
use quire::answers::{Chosen, FieldKey, Value};
use quire::report::answers_file::{self, FileKind};
use quire::report::formats::{Format, render};
use rstest::rstest;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const INVALID: &str = "tests/invalid-answers";

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 8, 23)
}

struct Sandbox {
    tmp: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        Self {
            tmp: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn drafts(&self) -> PathBuf {
        self.tmp.path().join("drafts")
    }

    fn quire(&self) -> Command {
        let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("quire"));
        cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
            .env("QUIRE_DRAFTS_DIR", self.drafts())
            .env("HOME", self.tmp.path())
            .env("TZ", "UTC");
        cmd
    }

    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Runs a command that prints a draft id; returns it.
    fn id(&self, args: &[&str]) -> String {
        let out = self.quire().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .trim_end()
            .to_owned()
    }

    fn stdout(&self, args: &[&str]) -> String {
        let out = self.quire().args(args).output().expect("runs");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// The draft files in the drafts folder.
    fn draft_files(&self) -> Vec<String> {
        let Ok(entries) = std::fs::read_dir(self.drafts()) else {
            return Vec::new();
        };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        names.sort();
        names
    }
}

/// `# expect:` lines, `# at: LINE:COL` and `# problems: N` of a file.
fn expectations(source: &str) -> (Vec<String>, Option<String>, Option<usize>) {
    let mut expect = Vec::new();
    let (mut at, mut problems) = (None, None);
    for line in source.lines().filter_map(|l| l.strip_prefix("# ")) {
        if let Some(s) = line.strip_prefix("expect:") {
            expect.push(s.trim().to_owned());
        } else if let Some(s) = line.strip_prefix("at:") {
            at = Some(s.trim().to_owned());
        } else if let Some(s) = line.strip_prefix("problems:") {
            problems = s.trim().parse().ok();
        }
    }
    (expect, at, problems)
}

#[test]
fn every_invalid_answers_file_is_refused_where_and_as_expected_and_nothing_is_written() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(INVALID)
        .expect("tests/invalid-answers exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    for file in files {
        let name = file.to_string_lossy().into_owned();
        let source = std::fs::read_to_string(&file).expect("read");
        let (expect, at, problems) = expectations(&source);
        assert!(!expect.is_empty(), "{name}: no `# expect:` line");
        let s = Sandbox::new();
        let out = s
            .quire()
            .args(["fill", &name, "--new", "Office of Examples"])
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{name}: accepted");
        assert!(out.stdout.is_empty(), "{name}: printed an id");
        for e in &expect {
            assert!(stderr.contains(e), "{name}: no {e:?} in\n{stderr}");
        }
        if let Some(at) = at {
            let want = format!("{name}:{at}: {}", expect[0]);
            assert!(stderr.contains(&want), "{name}: no {want:?} in\n{stderr}");
        }
        let n = problems.unwrap_or(1);
        let said = format!(
            "{n} problem{}; nothing was written",
            if n == 1 { "" } else { "s" }
        );
        assert!(stderr.contains(&said), "{name}: no {said:?} in\n{stderr}");
        assert_eq!(
            s.draft_files(),
            Vec::<String>::new(),
            "{name}: a draft was written"
        );
    }
}

/// The JSON export of the synthetic answers.
fn export() -> String {
    render(Format::Json, &builtin(), &synthetic_answers(), date())
}

/// The JSON export with `from` replaced by `to` (which must occur once);
/// returns the edited text and the 1-based line of the edit.
fn edited(from: &str, to: &str) -> (String, usize) {
    let json = export();
    assert_eq!(json.matches(from).count(), 1, "{from:?} is not unique");
    let at = json.find(from).expect("found");
    let line = json[..at].matches('\n').count() + 1;
    (json.replacen(from, to, 1), line)
}

#[rstest]
#[case::unknown_question("\"id\": \"q13\"", "\"id\": \"q14\"", "no question `q14`")]
#[case::unknown_option(
    "\"id\": \"reviewing\"",
    "\"id\": \"under-review\"",
    "Question 3 (`q3`) has no option `under-review`"
)]
#[case::text_on_choice(
    "\"chosen\": [\n          {\n            \"id\": \"onboarding\",",
    "\"text\": \"We train new employees.\", \"x\": [{",
    "Question 7 (`q7`) is a multiple-choice question: it takes options, not text"
)]
#[case::options_on_text(
    "\"text\": \"Social media and AI.\"",
    "\"chosen\": []",
    "Question 8 (`q8`) takes text, not options"
)]
#[case::unknown_follow_up(
    "\"id\": \"details\",\n          \"prompt\": \"Please provide details on",
    "\"id\": \"detail\",\n          \"prompt\": \"Please provide details on",
    "Question 7 (`q7`) has no follow-up or comment `detail`"
)]
#[case::wrong_type(
    "\"text\": \"Small groups.\"",
    "\"text\": 10",
    "the `text` of `q10` must be a string; found a number"
)]
#[case::other_questionnaire(
    "\"id\": \"values-ethics-self-assessment\"",
    "\"id\": \"sprint-retrospective\"",
    "these answers are for questionnaire `sprint-retrospective`"
)]
#[case::future_version(
    "\"format_version\": 1",
    "\"format_version\": 2",
    "format_version this quire does not read (it reads 1)"
)]
#[case::bad_date(
    "\"date_modified\": \"2024-08-23\"",
    "\"date_modified\": \"23/08/2024\"",
    "`date_modified` must be a date, YYYY-MM-DD"
)]
#[case::syntax("\"format_version\": 1,", "\"format_version\": 1", "JSON syntax")]
#[case::unknown_header("\"id\": \"organization\"", "\"id\": \"org\"", "no header field `org`")]
fn json_export_problems_are_located(#[case] from: &str, #[case] to: &str, #[case] message: &str) {
    let (json, line) = edited(from, to);
    let e = answers_file::read(&builtin(), "export.json", &json).expect_err("refused");
    let shown = e.to_string();
    assert!(shown.contains(message), "no {message:?} in\n{shown}");
    let (at, _) = e
        .problems
        .iter()
        .find(|(_, d)| d.message.contains(message))
        .expect("the problem");
    // A missing comma is seen where the next key starts.
    assert!(
        at.line == line || at.line == line + 1,
        "{message}: at line {}, the edit is on line {line}",
        at.line
    );
    assert!(shown.starts_with(&format!(
        "export.json:{}:{}: ",
        e.problems[0].0.line, e.problems[0].0.column
    )));
}

#[test]
fn the_json_export_reads_back_as_the_same_answers() {
    let q = builtin();
    let file = answers_file::read(&q, "export.json", &export()).expect("reads");
    assert_eq!(file.kind, FileKind::Json);
    assert_eq!(file.answers, synthetic_answers());
    assert_eq!(file.date, date());
    assert!(file.warnings.is_empty(), "{:?}", file.warnings);
}

#[test]
fn json_keeps_two_options_on_a_single_choice_and_unlisted_labels_with_warnings() {
    let q = builtin();
    let mut a = synthetic_answers();
    a.set(
        FieldKey::main("q3"),
        Value::Choice(vec![
            Chosen::Option("reviewed".into()),
            Chosen::Option("reviewing".into()),
        ]),
    );
    a.set(
        FieldKey::main("q12"),
        Value::Choice(vec![Chosen::Unlisted("Partly".into())]),
    );
    let json = render(Format::Json, &q, &a, date());
    let file = answers_file::read(&q, "x.json", &json).expect("reads");
    assert_eq!(file.answers, a);
    let warnings: Vec<&str> = file
        .warnings
        .iter()
        .map(|(_, d)| d.message.as_str())
        .collect();
    assert_eq!(
        warnings,
        [
            "Question 3 (`q3`) takes one option, but 2 are given; all are kept",
            "\"Partly\" is not an option of Question 12 (`q12`); kept as written",
        ]
    );
}

#[test]
fn escape_codes_in_an_answers_file_are_removed_with_a_located_warning() {
    let q = builtin();
    let source = "[answers]\nq8 = \"Red \\u001b[31mtext\"\n";
    let file = answers_file::read(&q, "a.toml", source).expect("reads");
    assert_eq!(
        file.answers.main("q8"),
        Some(&Value::Text("Red text".into()))
    );
    let (at, d) = &file.warnings[0];
    assert_eq!((at.line, at.column), (2, 7));
    assert!(
        d.message.contains("1 escape sequence removed"),
        "{}",
        d.message
    );
}

#[test]
fn fill_new_creates_a_draft_that_exports_the_answers_given() {
    let s = Sandbox::new();
    let id = s.id(&[
        "fill",
        "examples/answers.toml",
        "--new",
        "Office of Examples",
    ]);
    assert!(id.starts_with("office-of-examples-"), "{id}");
    let text = s.stdout(&["export", &id, "--date", "2024-08-23"]);
    assert!(text.starts_with("Office of Examples\n"));
    assert!(text.contains("  • No\n\nIf not, to what level"));
    assert!(text.contains("\n\n  • clarify expected behaviours\n    • on social media\n"));
    assert!(text.contains("  • Dedicated discussions at executive and management committee meetings\n  • All-staff engagements"));
    // Q13 was given empty: it prints N/A.
    assert!(
        text.ends_with("\n\nN/A\n\nPage details\n\nDate modified: 2024-08-23\n"),
        "{text}"
    );
    // The draft file says why it was written.
    let draft = std::fs::read_to_string(s.drafts().join(format!("{id}.toml"))).expect("draft");
    assert!(draft.contains("saved_because = \"import\""), "{draft}");
}

#[test]
fn fill_takes_the_organization_from_new_when_the_file_has_none() {
    let s = Sandbox::new();
    let answers = s.write("a.toml", "[answers]\nq1 = \"yes\"\n");
    let id = s.id(&[
        "fill",
        answers.to_str().expect("UTF-8"),
        "--new",
        "Office of Examples",
    ]);
    let text = s.stdout(&["export", &id, "--allow-incomplete", "--date", "2024-08-23"]);
    assert!(text.starts_with("Office of Examples\n"), "{text}");
}

#[test]
fn fill_refuses_a_file_that_names_another_organization() {
    let s = Sandbox::new();
    s.quire()
        .args(["fill", "examples/answers.toml", "--new", "Public Safety Canada"])
        .assert()
        .failure()
        .stdout("")
        .stderr(predicate::str::contains(
            "gives the organization \"Office of Examples\", not \"Public Safety Canada\" (--new); nothing was written",
        ));
    assert!(s.draft_files().is_empty());
}

#[test]
fn fill_needs_new_or_draft_and_a_name() {
    let s = Sandbox::new();
    s.quire()
        .args(["fill", "examples/answers.toml"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("--new <ORG>").and(predicate::str::contains("--draft <ID>")),
        );
    s.quire()
        .args(["fill", "examples/answers.toml", "--new", " "])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--new needs the organization's name",
        ));
    s.quire()
        .args([
            "fill",
            "examples/answers.toml",
            "--new",
            "X",
            "--draft",
            "x-1234",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("cannot be used with"));
}

#[test]
fn fill_draft_replaces_the_answers_given_keeps_the_others_and_the_history() {
    let s = Sandbox::new();
    let id = s.id(&[
        "fill",
        "examples/answers.toml",
        "--new",
        "Office of Examples",
    ]);
    let more = s.write(
        "more.toml",
        "[answers]\nq12 = \"yes\"\nq13 = \"One more thing.\"\n",
    );
    let same = s.id(&["fill", more.to_str().expect("UTF-8"), "--draft", &id]);
    assert_eq!(same, id);
    let text = s.stdout(&["export", &id, "--date", "2024-08-23"]);
    assert!(text.contains("Question 12\n\nWill these indicators be disaggregated by identity factors?\n\n  • Yes\n"), "{text}");
    assert!(
        text.contains("  • Yes\n\nA framework is in development."),
        "the comment is kept:\n{text}"
    );
    assert!(text.contains("\n\nOne more thing.\n\nPage details"));
    assert!(
        text.contains("  • No\n\nIf not, to what level"),
        "Q1 is kept"
    );
    let history = s.stdout(&["drafts", "history", &id]);
    assert!(history.lines().count() >= 1, "{history}");
}

#[test]
fn fill_draft_refuses_another_organization_and_a_missing_draft() {
    let s = Sandbox::new();
    let id = s.id(&[
        "fill",
        "examples/answers.toml",
        "--new",
        "Office of Examples",
    ]);
    let other = s.write(
        "other.toml",
        "[header]\norganization = \"Someone Else\"\n[answers]\nq1 = \"yes\"\n",
    );
    s.quire()
        .args(["fill", other.to_str().expect("UTF-8"), "--draft", &id])
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!(
            "gives the organization \"Someone Else\", but draft {id} is for \"Office of Examples\"; nothing was written"
        )));
    s.quire()
        .args([
            "fill",
            "examples/answers.toml",
            "--draft",
            "no-such-draft-0000",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no draft `no-such-draft-0000`"));
}

#[test]
fn a_draft_file_given_to_fill_is_named_as_such() {
    let s = Sandbox::new();
    let id = s.id(&[
        "fill",
        "examples/answers.toml",
        "--new",
        "Office of Examples",
    ]);
    let draft = s.drafts().join(format!("{id}.toml"));
    s.quire()
        .args([
            "fill",
            draft.to_str().expect("UTF-8"),
            "--new",
            "Office of Examples",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains("this looks like a draft file"));
}

#[test]
fn text_to_json_to_draft_to_text_through_the_command_line() {
    let s = Sandbox::new();
    for name in common::REPORTS {
        let fixture = Path::new("tests/fixtures").join(name);
        let fixture = fixture.to_str().expect("UTF-8");
        let first = s.id(&["import", fixture]);
        let text = s.stdout(&[
            "export",
            &first,
            "--date",
            "2024-08-23",
            "--allow-incomplete",
        ]);
        let json = s.write(
            "export.json",
            &s.stdout(&[
                "export",
                &first,
                "--format",
                "json",
                "--date",
                "2024-08-23",
                "--allow-incomplete",
            ]),
        );
        let json = json.to_str().expect("UTF-8");
        let second = s.id(&["import", json]);
        let again = s.stdout(&[
            "export",
            &second,
            "--date",
            "2024-08-23",
            "--allow-incomplete",
        ]);
        assert_eq!(again, text, "{name}");
        // Export reads the JSON export directly, too.
        let direct = s.stdout(&["export", json, "--date", "2024-08-23", "--allow-incomplete"]);
        assert_eq!(direct, text, "{name}");
        // And fill makes the same draft.
        let org = quire::report::import(&builtin(), &common::fixture(name))
            .expect("imports")
            .answers
            .organization()
            .to_owned();
        let filled = s.id(&["fill", json, "--new", &org]);
        let from_fill = s.stdout(&[
            "export",
            &filled,
            "--date",
            "2024-08-23",
            "--allow-incomplete",
        ]);
        assert_eq!(from_fill, text, "{name}");
    }
}

#[test]
fn import_of_a_broken_json_export_is_located_and_writes_nothing() {
    let s = Sandbox::new();
    let (json, line) = edited("\"id\": \"reviewing\"", "\"id\": \"under-review\"");
    let path = s.write("bad.json", &json);
    let shown = path.display().to_string();
    s.quire()
        .arg("import")
        .arg(&path)
        .assert()
        .failure()
        .stderr(
            predicate::str::contains(format!("{shown}:{line}:"))
                .and(predicate::str::contains("has no option `under-review`")),
        );
    assert!(s.draft_files().is_empty());
}

#[test]
fn fill_reads_standard_input() {
    let s = Sandbox::new();
    let id = s.id_stdin(
        &["fill", "-", "--new", "Office of Examples"],
        "[answers]\nq8 = \"From a pipe.\"\n",
    );
    let text = s.stdout(&["export", &id, "--allow-incomplete", "--date", "2024-08-23"]);
    assert!(text.contains("\n\nFrom a pipe.\n\n"));
}

impl Sandbox {
    fn id_stdin(&self, args: &[&str], input: &str) -> String {
        let out = self
            .quire()
            .args(args)
            .write_stdin(input)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .trim_end()
            .to_owned()
    }
}
