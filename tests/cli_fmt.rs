//! `quire fmt`: every outcome and error path of the command.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;
use std::path::PathBuf;

fn quire() -> Command {
    Command::cargo_bin("quire").expect("binary built")
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn canonical_of(name: &str) -> String {
    let out = quire()
        .arg("fmt")
        .arg(fixture(name))
        .output()
        .expect("runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn fmt_prints_the_canonical_report() {
    let original = std::fs::read_to_string(fixture("public-safety-canada.txt")).expect("fixture");
    quire()
        .arg("fmt")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .success()
        .stdout(original)
        .stderr("");
}

#[test]
fn fmt_reads_standard_input() {
    let original =
        std::fs::read_to_string(fixture("privacy-commissioner-canada.txt")).expect("fixture");
    quire()
        .args(["fmt", "-"])
        .write_stdin(format!("{original}\n"))
        .assert()
        .success()
        .stdout(format!("{original}\n"));
}

#[test]
fn check_passes_on_canonical_text_and_fails_otherwise() {
    let dir = tempfile::tempdir().expect("temp dir");
    let canonical = dir.path().join("canonical.txt");
    std::fs::write(
        &canonical,
        canonical_of("canada-school-of-public-service.flat.txt"),
    )
    .expect("write");
    quire()
        .args(["fmt", "--check"])
        .arg(&canonical)
        .assert()
        .success()
        .stdout("");
    quire()
        .args(["fmt", "--check"])
        .arg(fixture("canada-school-of-public-service.flat.txt"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("not in canonical form"));
}

#[test]
fn check_reads_standard_input_once() {
    let canonical = canonical_of("public-safety-canada.txt");
    quire()
        .args(["fmt", "--check", "-"])
        .write_stdin(canonical.clone())
        .assert()
        .success();
    let spaced = canonical.replacen("Question 2\n", "Question 2\n\n", 1);
    let line = spaced
        .lines()
        .position(|l| l == "Question 2")
        .expect("has Q2")
        + 3;
    quire()
        .args(["fmt", "--check", "-"])
        .write_stdin(spaced)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            "<stdin>:{line}: not in canonical form: the line reads \"\", canonical is \"Has your"
        )));
}

/// The published pages end without a line end; that alone is canonical,
/// and `fmt` keeps the choice.
#[rstest::rstest]
#[case::public_safety("public-safety-canada.txt")]
#[case::privacy("privacy-commissioner-canada.txt")]
fn published_canonical_reports_pass_check_as_they_are(#[case] name: &str) {
    let original = std::fs::read_to_string(fixture(name)).expect("fixture");
    assert!(!original.ends_with('\n'));
    quire()
        .args(["fmt", "--check"])
        .arg(fixture(name))
        .assert()
        .success()
        .stderr("");
    quire()
        .args(["fmt", "--check", "-"])
        .write_stdin(format!("{original}\n"))
        .assert()
        .success();
}

/// The Correctional Service's page has its date alone on a line: `fmt`
/// rewrites that line, and says so with its line number.
#[test]
fn a_rewritten_date_line_is_warned_about_and_fails_check() {
    let original =
        std::fs::read_to_string(fixture("correctional-service-canada.txt")).expect("fixture");
    let line = original.lines().count();
    assert_eq!(original.lines().last(), Some("2024-08-23"));
    quire()
        .arg("fmt")
        .arg(fixture("correctional-service-canada.txt"))
        .assert()
        .success()
        .stdout(predicate::str::ends_with("Page details\n\nDate modified: 2024-08-23"))
        .stderr(predicate::str::contains(format!(
            "correctional-service-canada.txt:{line}: warning: the date line \"2024-08-23\" is printed \"Date modified: 2024-08-23\""
        )));
    quire()
        .args(["fmt", "--check"])
        .arg(fixture("correctional-service-canada.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!(
            ":{line}: not in canonical form: the line reads \"2024-08-23\", canonical is \"Date modified: 2024-08-23\""
        )));
}

#[test]
fn date_option_sets_date_modified() {
    quire()
        .args(["fmt", "--date", "2025-01-31"])
        .arg(fixture("correctional-service-canada.txt"))
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "Page details\n\nDate modified: 2025-01-31",
        ));
}

#[test]
fn bad_date_is_a_usage_error() {
    quire()
        .args(["fmt", "--date", "31/01/2025"])
        .arg(fixture("correctional-service-canada.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--date"));
}

#[test]
fn warnings_name_file_and_line_and_the_output_keeps_everything() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("report.txt");
    let text = std::fs::read_to_string(fixture("public-safety-canada.txt"))
        .expect("fixture")
        .replacen(
            "identity factors?\n\n  • Yes",
            "identity factors?\n\n  • Partly",
            1,
        );
    std::fs::write(&path, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l == "  • Partly")
        .expect("edited")
        + 1;
    quire()
        .arg("fmt")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicate::str::contains("  • Partly\n"))
        .stderr(predicate::str::contains(format!(
            "{}:{line}: warning: \"Partly\" is not an option of Question 12",
            path.display()
        )));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        text,
        "fmt never writes its input"
    );
}

#[test]
fn not_a_report_is_an_error_with_its_line() {
    quire()
        .arg("fmt")
        .arg(fixture("not-a-report.txt"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "not-a-report.txt:1: this is not a report",
        ));
}

#[test]
fn missing_file_is_a_clear_error() {
    quire()
        .args(["fmt", "no/such/report.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read no/such/report.txt"));
}

#[test]
fn binary_input_is_refused() {
    quire()
        .args(["fmt", "-"])
        .write_stdin(vec![b'a', 0xff, 0xfe, b'\n'])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "not UTF-8 text (invalid byte at offset 1)",
        ));
}

#[test]
fn another_questionnaire_reads_its_own_reports() {
    // A report of the built-in questionnaire is not a report of the example.
    quire()
        .arg("--questionnaire")
        .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/retrospective.toml"))
        .arg("fmt")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":1: this is not a report of"));
}

/// The Public Safety page cut inside the heading of Part III.
fn cut_report() -> (tempfile::TempDir, PathBuf, usize) {
    let original = std::fs::read_to_string(fixture("public-safety-canada.txt")).expect("fixture");
    let at = original.find("Part III.").expect("Part III") + "Part III. Discussions on p".len();
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cut.txt");
    std::fs::write(&path, &original[..at]).expect("write");
    let line = original[..at].lines().count();
    (dir, path, line)
}

#[test]
fn a_cut_report_is_refused_unless_partial_and_never_passes_check() {
    let (_dir, path, line) = cut_report();
    let message = format!(
        "cut.txt:{line}: the report seems cut off at line {line}, inside the heading of Part III"
    );
    quire()
        .arg("fmt")
        .arg(&path)
        .assert()
        .code(1)
        .stdout("")
        .stderr(
            predicate::str::contains(message.clone()).and(predicate::str::contains("--partial")),
        );
    for args in [["fmt", "--check"], ["fmt", "--partial"]] {
        let mut cmd = quire();
        cmd.args(args);
        if args[1] == "--partial" {
            let out = cmd.arg(&path).output().expect("runs");
            assert!(out.status.success());
            let text = String::from_utf8(out.stdout).expect("UTF-8");
            assert!(text.ends_with("Please briefly describe the nature of any updates made (e.g., to clarify expected behaviours, to align with the emerging context, to include emerging risks) or explain why no updates were deemed necessary.\n\nAs stated above, Public Safety is currently reviewing its Code of Conduct. Below are elements that we are looking to address as part of this review:\n\n  • Additional guidance on practical application for each core value to address feedback received.\n  • Re-imagining of the conflict of interest declaration process towards a mandatory form which includes a risk based self assessment and clearer definitions for reportable items to address concerns of under reporting of conflicts of interest.\n  • Updated information on use of social media, responding to the Task Team report's recommendation.\n  • More changes may be implemented as consultations continue as well as aligning to any guidance that may be received from TBS."), "{text}");
            assert!(!text.contains("Part III"));
            assert!(!text.contains("Page details"));
        } else {
            cmd.arg(&path)
                .assert()
                .code(1)
                .stderr(predicate::str::contains(
                    "a report cut short is never canonical",
                ));
        }
    }
    quire()
        .args(["fmt", "--check", "--partial"])
        .arg(&path)
        .assert()
        .code(1);
    // Refused, the cut is said once (as the error, not also as a warning).
    let out = quire().arg("fmt").arg(&path).output().expect("runs");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(stderr.matches("seems cut off").count(), 1, "{stderr}");
}

#[test]
fn a_french_report_is_refused_with_its_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let french = dir.path().join("fr.txt");
    std::fs::write(
        &french,
        "Bureau\n\nAutoévaluation des mesures prises pour faire progresser la discussion renouvelée sur les valeurs et l’éthique\n\nPartie I. Plans de formation en matière de valeurs et d’éthique\n\nQuestion 1\n",
    )
    .expect("write");
    // The built-in questionnaire as it was before it had French.
    let english_only = common::english_only_source();
    let definition = dir.path().join("en.toml");
    std::fs::write(&definition, english_only).expect("write");
    quire()
        .arg("--questionnaire")
        .arg(&definition)
        .arg("fmt")
        .arg(&french)
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("fr.txt:3: this report is in French (\"Autoévaluation").and(
                predicate::str::contains("the questionnaire has no French text"),
            ),
        );
    // The built-in questionnaire has French: the page is read (and here,
    // found cut short after its first heading).
    quire()
        .arg("fmt")
        .arg(&french)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("seems cut off"));
}

/// An answer on a question the branching skips is exported as published,
/// with a warning, and `fmt` and `export` print the same report.
#[test]
fn export_publishes_an_answer_on_a_skipped_question_with_a_warning() {
    let original =
        std::fs::read_to_string(fixture("correctional-service-canada.txt")).expect("fixture");
    let q4 = "what is your target time frame for completing the review?";
    let text = original.replacen(
        &format!("{q4}\n\nN/A"),
        &format!("{q4}\n\nBy the end of 2025."),
        1,
    );
    assert_ne!(text, original);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("q4.txt");
    std::fs::write(&path, &text).expect("write");
    let exported = quire()
        .args(["export", "--date", "2024-08-23"])
        .arg(&path)
        .env("QUIRE_DRAFTS_DIR", dir.path().join("drafts"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: Question 4 is answered although the branching skips it (because of the answer to Question 3); the answer is published as written",
        ))
        .get_output()
        .stdout
        .clone();
    let exported = String::from_utf8(exported).expect("UTF-8");
    assert!(exported.contains(&format!("{q4}\n\nBy the end of 2025.\n")));
    let formatted = quire().arg("fmt").arg(&path).output().expect("runs");
    assert_eq!(
        format!("{}\n", String::from_utf8(formatted.stdout).expect("UTF-8")),
        exported
    );
}

/// A page saved mid-download can end inside a character: the text before
/// it is read (and found cut off), never refused as binary.
#[test]
fn a_file_cut_inside_a_character_is_read_up_to_it() {
    let original = std::fs::read(fixture("public-safety-canada.txt")).expect("fixture");
    let curly = original
        .windows(3)
        .position(|w| w == "’".as_bytes())
        .expect("a curly apostrophe");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("cut.txt");
    std::fs::write(&path, &original[..curly + 1]).expect("write");
    quire()
        .args(["fmt", "--partial"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "cut.txt: warning: the file ends inside a character (cut off?); its last byte is left out",
        ).and(predicate::str::contains("seems cut off at line")));
}
