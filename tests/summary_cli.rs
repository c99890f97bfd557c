//! `quire summary` from the command line: every format, and every way its
//! input can be wrong. A bad input is listed with its reason and left out;
//! the others are still summarized, and the exit status says so (3).

mod common;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;
use common::{REPORTS, fixture};
use predicates::prelude::*;
use std::path::Path;

fn quire() -> Command {
    let mut cmd = cargo_bin_cmd!("quire");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// A folder holding the four published reports.
fn reports_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for r in REPORTS {
        std::fs::write(dir.path().join(r), fixture(r)).unwrap();
    }
    dir
}

#[test]
fn no_paths_is_a_usage_error() {
    quire()
        .arg("summary")
        .assert()
        .failure()
        .code(2)
        .stderr(predicate::str::contains("<PATH>"));
}

#[test]
fn a_missing_file_alone_leaves_nothing_to_summarize() {
    quire()
        .args(["summary", "tests/fixtures/no-such-report.txt"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "tests/fixtures/no-such-report.txt: left out: cannot read it",
        ))
        .stderr(predicate::str::contains("nothing to summarize"));
}

#[test]
fn a_folder_with_a_non_report_summarizes_the_rest_and_says_so() {
    let dir = reports_folder();
    std::fs::write(dir.path().join("notes.txt"), fixture("not-a-report.txt")).unwrap();
    std::fs::write(dir.path().join("photo.png"), [0x89, b'P', b'N', b'G']).unwrap();
    std::fs::write(dir.path().join("binary.txt"), [0xff, 0xfe, 0, 0x41]).unwrap();
    quire()
        .args(["summary"])
        .arg(dir.path())
        .assert()
        .code(3)
        .stdout(predicate::str::contains("Summary of 4 organizations"))
        .stdout(predicate::str::contains("Left out (not counted)"))
        .stderr(predicate::str::contains(
            "notes.txt: left out: line 1: this is not a report",
        ))
        .stderr(predicate::str::contains(
            "photo.png: left out: not a report (.txt) or a draft (.toml)",
        ))
        .stderr(predicate::str::contains(
            "binary.txt: left out: not UTF-8 text",
        ))
        .stderr(predicate::str::contains("3 of 7 inputs left out"));
}

#[test]
fn a_cut_off_report_is_counted_up_to_its_cut() {
    let dir = tempfile::tempdir().unwrap();
    let full = fixture("public-safety-canada.txt");
    let path = dir.path().join("cut.txt");
    std::fs::write(&path, &full[..full.find("Question 12").unwrap() + 20]).unwrap();
    quire()
        .args(["summary", "--format", "csv"])
        .arg(&path)
        .assert()
        .success()
        .stderr(predicate::str::contains("seems cut off"))
        .stderr(predicate::str::contains("not reached"))
        .stdout(predicate::str::contains(
            "choice,12,q12,not reached,1,1,100,Public Safety Canada",
        ))
        .stdout(predicate::str::contains("text,11,q11,answered,1,1,100"));
}

#[test]
fn every_format_is_written() {
    let dir = reports_folder();
    for (format, start) in [
        ("text", "Summary of 4 organizations"),
        ("markdown", "# Summary of 4 organizations"),
        ("html", "<!DOCTYPE html>"),
        (
            "csv",
            "section,question,field,item,count,of,percent,organizations,source,line,text",
        ),
        ("json", "{"),
    ] {
        let out = quire()
            .args(["summary", "--format", format])
            .arg(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{format}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert!(
            stdout.starts_with(start),
            "{format}: {}",
            &stdout[..80.min(stdout.len())]
        );
    }
}

#[test]
fn the_order_of_paths_and_files_does_not_change_the_summary() {
    let dir = reports_folder();
    let forward: Vec<String> = REPORTS
        .iter()
        .map(|r| format!("tests/fixtures/{r}"))
        .collect();
    let mut backward = forward.clone();
    backward.reverse();
    let a = quire()
        .args(["summary", "--format", "json"])
        .args(&forward)
        .output()
        .unwrap();
    let b = quire()
        .args(["summary", "--format", "json"])
        .args(&backward)
        .output()
        .unwrap();
    assert_eq!(a.stdout, b.stdout);
    let c = quire()
        .args(["summary", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    let d = quire()
        .args(["summary", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(c.stdout, d.stdout);
}

#[test]
fn a_report_and_its_draft_count_once() {
    let drafts = tempfile::tempdir().unwrap();
    let out = quire()
        .args(["--drafts-dir"])
        .arg(drafts.path())
        .args(["import", "tests/fixtures/public-safety-canada.txt"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let id = String::from_utf8(out.stdout).unwrap().trim().to_owned();
    quire()
        .args(["--drafts-dir"])
        .arg(drafts.path())
        .args([
            "summary",
            "--format",
            "json",
            "tests/fixtures/public-safety-canada.txt",
            &id,
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "Public Safety Canada is given twice",
        ))
        .stdout(predicate::str::contains("\"name\": \"Public Safety Canada\"").count(1));
}

#[test]
fn a_drafts_folder_is_read_without_its_history_and_trash() {
    let drafts = tempfile::tempdir().unwrap();
    for r in [
        "public-safety-canada.txt",
        "privacy-commissioner-canada.txt",
    ] {
        quire()
            .args(["--drafts-dir"])
            .arg(drafts.path())
            .args(["import", &format!("tests/fixtures/{r}")])
            .assert()
            .success();
    }
    std::fs::create_dir_all(drafts.path().join("history/x")).unwrap();
    std::fs::write(drafts.path().join("history/x/1.toml"), "not = 'read'").unwrap();
    quire()
        .args(["summary"])
        .arg(drafts.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("Summary of 2 organizations"));
}

#[cfg(unix)]
#[test]
fn links_are_handled_safely() {
    use std::os::unix::fs::symlink;
    let dir = reports_folder();
    // A link back to the folder itself would loop; a broken link reads as nothing.
    symlink(dir.path(), dir.path().join("loop")).unwrap();
    symlink(dir.path().join("gone.txt"), dir.path().join("broken.txt")).unwrap();
    // A link to a report is read once, with the report it points to.
    symlink(dir.path().join(REPORTS[0]), dir.path().join("zz-link.txt")).unwrap();
    quire()
        .args(["summary"])
        .arg(dir.path())
        .assert()
        .code(3)
        .stdout(predicate::str::contains("Summary of 4 organizations"))
        .stderr(predicate::str::contains(
            "loop: a link to a folder, not followed",
        ))
        .stderr(predicate::str::contains(
            "broken.txt: left out: a link to nothing",
        ))
        .stderr(predicate::str::contains(
            "zz-link.txt: the same file was given twice",
        ));
}

#[cfg(unix)]
#[test]
fn a_pipe_in_a_folder_is_left_out_without_waiting_on_it() {
    let dir = reports_folder();
    let fifo = dir.path().join("pipe.txt");
    let c = std::ffi::CString::new(fifo.display().to_string()).unwrap();
    // SAFETY: a valid C string; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    quire()
        .args(["summary"])
        .arg(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "pipe.txt: left out: not a regular file",
        ));
}

#[test]
fn a_codebook_file_replaces_the_questionnaires() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("themes.toml");
    std::fs::write(
        &book,
        "[[theme]]\nname = \"Onboarding\"\nphrases = [\"onboarding\", \"orientation\"]\n",
    )
    .unwrap();
    let out = quire()
        .args(["summary", "--format", "json", "--themes"])
        .arg(&book)
        .args(REPORTS.iter().map(|r| format!("tests/fixtures/{r}")))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let themes = json["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 1);
    assert_eq!(themes[0]["name"], "Onboarding");
    assert!(!themes[0]["excerpts"].as_array().unwrap().is_empty());
}

#[test]
fn a_bad_codebook_file_is_refused_with_its_places() {
    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("themes.toml");
    std::fs::write(
        &book,
        "[[theme]]\nname = \"AI\"\nphrases = [\"\"]\n\n[[theme]]\nname = \"ai\"\nphrases = [\"x\"]\ncolour = 1\n",
    )
    .unwrap();
    let name = book.display().to_string();
    quire()
        .args(["summary", "--themes"])
        .arg(&book)
        .arg("tests/fixtures/public-safety-canada.txt")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "{name}:3:12: empty phrase"
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:5:1: duplicate theme \"ai\""
        )))
        .stderr(predicate::str::contains(format!(
            "{name}:8:1: unknown key `colour`"
        )));
    quire()
        .args([
            "summary",
            "--themes",
            "tests/fixtures/no-such-codebook.toml",
        ])
        .arg("tests/fixtures/public-safety-canada.txt")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no-such-codebook.toml: cannot read",
        ));
}

#[test]
fn a_draft_of_another_questionnaire_is_left_out() {
    let drafts = tempfile::tempdir().unwrap();
    std::fs::write(
        drafts.path().join("other.toml"),
        std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/drafts/handwritten-7f3a.toml"),
        )
        .unwrap()
        .replace("values-ethics-self-assessment", "another-questionnaire"),
    )
    .unwrap();
    quire()
        .args(["summary"])
        .arg(drafts.path().join("other.toml"))
        .arg("tests/fixtures/public-safety-canada.txt")
        .assert()
        .code(3)
        .stderr(predicate::str::contains(
            "a draft of questionnaire `another-questionnaire`",
        ));
}

#[test]
fn escapes_in_reports_never_reach_the_terminal_or_messages() {
    let dir = tempfile::tempdir().unwrap();
    let text = fixture("public-safety-canada.txt").replacen(
        "Public Safety Canada",
        "Public \u{1b}]0;pwned\u{7} Safety",
        1,
    );
    let path = dir.path().join("evil\u{1b}[31m.txt");
    std::fs::write(&path, &text).unwrap();
    std::fs::write(dir.path().join("copy.txt"), &text).unwrap();
    let out = quire().args(["summary"]).arg(dir.path()).output().unwrap();
    // Standard output is a pipe here: the report's own text passes as it is
    // only to a file or pipe; messages on standard error are always shown by name.
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("is given twice"), "{stderr}");
    assert!(stderr.contains("evil<ESC>[31m.txt"), "{stderr}");
    assert!(!stderr.contains('\u{1b}'), "{stderr}");
}

/// What a JSON summary counts per question, whatever the inputs are
/// named.
fn choices(summary: &[u8]) -> serde_json::Value {
    let json: serde_json::Value = serde_json::from_slice(summary).expect("JSON");
    json["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .map(|q| q["choice"].clone())
        .collect()
}

#[test]
fn json_exports_are_counted_as_the_reports_they_were_exported_from() {
    let reports = reports_folder();
    let exports = tempfile::tempdir().unwrap();
    for r in REPORTS {
        let out = quire()
            .args(["export", "--format", "json"])
            .arg(reports.path().join(r))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        std::fs::write(exports.path().join(format!("{r}.json")), out.stdout).unwrap();
    }
    let from_text = quire()
        .args(["summary", "--format", "json"])
        .arg(reports.path())
        .output()
        .unwrap();
    let from_json = quire()
        .args(["summary", "--format", "json"])
        .arg(exports.path())
        .output()
        .unwrap();
    assert!(
        from_json.status.success(),
        "{}",
        String::from_utf8_lossy(&from_json.stderr)
    );
    assert!(!String::from_utf8_lossy(&from_json.stderr).contains("left out"));
    let counted = choices(&from_json.stdout);
    assert!(
        counted.as_array().is_some_and(|c| !c.is_empty()),
        "{counted}"
    );
    assert_eq!(counted, choices(&from_text.stdout));
}

fn organizations(summary: &[u8]) -> Vec<String> {
    let json: serde_json::Value = serde_json::from_slice(summary).expect("JSON");
    json["organizations"]
        .as_array()
        .expect("organizations")
        .iter()
        .map(|o| o["name"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn a_french_page_is_read_and_the_two_pages_of_one_organization_count_once() {
    let en = "tests/fixtures/bilingual/example-agency.en.txt";
    let fr = "tests/fixtures/bilingual/example-agency.fr.txt";
    let alone = quire()
        .args(["summary", "--format", "json", fr])
        .output()
        .unwrap();
    assert!(
        alone.status.success(),
        "{}",
        String::from_utf8_lossy(&alone.stderr)
    );
    assert_eq!(organizations(&alone.stdout), ["Agence exemple du Canada"]);
    let both = quire()
        .args(["summary", "--format", "json", en, fr])
        .output()
        .unwrap();
    assert!(
        both.status.success(),
        "{}",
        String::from_utf8_lossy(&both.stderr)
    );
    assert_eq!(organizations(&both.stdout), ["Example Agency of Canada"]);
    // The same counts as the English page alone.
    let english = quire()
        .args(["summary", "--format", "json", en])
        .output()
        .unwrap();
    assert_eq!(choices(&both.stdout), choices(&english.stdout));
}

#[test]
fn pages_in_two_languages_that_choose_differently_are_two_organizations() {
    let dir = tempfile::tempdir().unwrap();
    let en = fixture("bilingual/example-agency.en.txt");
    let fr = fixture("bilingual/example-agency.fr.txt");
    std::fs::write(dir.path().join("agency.en.txt"), &en).unwrap();
    // Named as its pair, but Q12 answered the other way: not the same
    // organization's page, whatever the names say.
    let changed = fr.replacen("  • Non\n\nLes nombres", "  • Oui\n\nLes nombres", 1);
    assert_ne!(changed, fr, "the test changes a choice");
    std::fs::write(dir.path().join("agency.fr.txt"), changed).unwrap();
    let out = quire()
        .args(["summary", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        organizations(&out.stdout).len(),
        2,
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
