//! The accessible mode through the `quire` binary: in a real pty (keys in,
//! raw bytes out, no screen emulation needed), and with standard input
//! piped (`TERM=dumb`, `QUIRE_ACCESSIBLE`, `ACCESSIBLE`).

mod common;

use assert_cmd::Command;
use common::{accessible_script, builtin, fixture};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use tempfile::TempDir;

/// A temporary home, drafts folder and working folder.
fn sandbox() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for sub in ["home", "drafts", "work"] {
        std::fs::create_dir(dir.path().join(sub)).expect("mkdir");
    }
    dir
}

fn quire(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("quire").expect("binary");
    cmd.env_clear()
        .env("HOME", dir.join("home"))
        .env("QUIRE_DRAFTS_DIR", dir.join("drafts"))
        .current_dir(dir.join("work"));
    cmd
}

fn draft_ids(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir.join("drafts"))
        .expect("drafts folder")
        .filter_map(|e| {
            let path = e.expect("entry").path();
            (path.extension()? == "toml").then(|| path.file_stem()?.to_str().map(str::to_owned))?
        })
        .collect()
}

/// Sequences that move the cursor, erase, switch screens or colour: none
/// may appear in the accessible mode's output. Checked as "no ESC at all"
/// too; these name what would be wrong.
const FULL_SCREEN: [(&str, &str); 6] = [
    ("alternate screen", "\x1b[?1049h"),
    ("erase the screen", "\x1b[2J"),
    ("cursor home", "\x1b[H"),
    ("hide the cursor", "\x1b[?25l"),
    ("bracketed paste", "\x1b[?2004h"),
    ("colour", "\x1b[3"),
];

#[track_caller]
fn assert_plain(output: &[u8]) {
    let text = String::from_utf8_lossy(output);
    for (what, seq) in FULL_SCREEN {
        assert!(!text.contains(seq), "{what} ({seq:?}) in the output");
    }
    if let Some(at) = output.iter().position(|b| *b == 0x1b) {
        let from = at.saturating_sub(40);
        panic!(
            "an escape byte at {at}: {:?}",
            String::from_utf8_lossy(&output[from..(at + 20).min(output.len())])
        );
    }
}

#[cfg(unix)]
#[test]
fn a_whole_questionnaire_in_a_pty_prints_only_lines_and_exports_the_published_report() {
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::sync::{Arc, Mutex};

    let dir = sandbox();
    let q = builtin();
    let published = fixture("public-safety-canada.txt");
    let want = quire::report::import(&q, &published)
        .expect("imports")
        .answers;
    let out_path = dir.path().join("work").join("exported.txt");
    let mut script = vec![want.organization().to_owned()];
    script.extend(accessible_script(&q, &want, None));
    script.extend([
        "export".to_owned(),
        "exported.txt".to_owned(),
        "quit".to_owned(),
    ]);

    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_quire"));
    cmd.arg("--accessible");
    cmd.env_clear();
    cmd.env("HOME", dir.path().join("home"));
    cmd.env("QUIRE_DRAFTS_DIR", dir.path().join("drafts"));
    cmd.env("TERM", "xterm-256color");
    cmd.cwd(dir.path().join("work"));
    let mut child = pty.slave.spawn_command(cmd).expect("spawn quire");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let mut writer = pty.master.take_writer().expect("writer");
    let raw = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::clone(&raw);
    let reading = std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            shared.lock().expect("lock").extend_from_slice(&buf[..n]);
        }
    });
    let wait_for = |what: &str| {
        let start = Instant::now();
        loop {
            if String::from_utf8_lossy(&raw.lock().expect("lock")).contains(what) {
                return;
            }
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "timed out waiting for {what:?}; output:\n{}",
                String::from_utf8_lossy(&raw.lock().expect("lock"))
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    wait_for("Organization name (required): ");
    // Keys as a terminal sends them: Enter is CR, and the terminal's line
    // discipline gives quire whole lines. Typed line by line, each after
    // the last was read, so that the input never waits on a full buffer.
    for line in &script {
        let before = raw.lock().expect("lock").len();
        writer
            .write_all(format!("{line}\r").as_bytes())
            .expect("write to pty");
        writer.flush().expect("flush");
        // The echo of the line (or the next prompt) shows it was read.
        let start = Instant::now();
        while raw.lock().expect("lock").len() == before {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "no echo of {line:?}"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
    }
    wait_for("resume with: quire --accessible open ");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "quire did not exit"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    drop(writer);
    drop(pty.master);
    let _ = reading.join();
    let output = raw.lock().expect("lock").clone();
    assert_plain(&output);
    // The terminal echoes each line as it is typed, which can land between
    // two lines quire prints (each is written whole): the echoed lines are
    // taken out before the output is read.
    let typed: std::collections::HashSet<&str> = script.iter().map(String::as_str).collect();
    let text: String = String::from_utf8_lossy(&output)
        .replace("\r\n", "\n")
        .split_inclusive('\n')
        .filter(|l| !typed.contains(l.trim_end_matches('\n')))
        .collect();
    for line in [
        "Part I. Values and ethics training plans",
        "Question 1 of 13, required.",
        "1. Yes\n2. No\n",
        "Question 6 of 13, required.",
        "Select all that apply.",
        "7. Specific values and ethics communications campaigns\n",
        "Question 13 of 13, optional (left empty, it prints N/A).",
        "That was the last question asked.\nNothing is missing.",
        "Report written to ",
    ] {
        assert!(text.contains(line), "{line:?} not in the output:\n{text}");
    }
    // The report carries today's date (taken on either side of midnight).
    let exported = std::fs::read_to_string(&out_path).expect("exported");
    let body = published
        .strip_suffix("Date modified:")
        .expect("the fixture ends with an empty date");
    let dated = exported
        .strip_prefix(body)
        .unwrap_or_else(|| panic!("the export differs from the fixture:\n{exported}"));
    let day = dated
        .strip_prefix("Date modified: ")
        .and_then(|d| d.strip_suffix('\n'))
        .expect("a dated footer");
    assert!(
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok(),
        "{day:?}"
    );
    assert_eq!(draft_ids(dir.path()).len(), 1);
}

#[test]
fn a_dumb_terminal_starts_the_accessible_mode_and_says_so() {
    let dir = sandbox();
    let out = quire(dir.path())
        .env("TERM", "dumb")
        .write_stdin("Dumb Office\n1\n\nquit\n")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        said.starts_with("This terminal (TERM=dumb) cannot show the full-screen wizard, so quire asks its questions line by line (the accessible mode).\n"),
        "{said}"
    );
    let ids = draft_ids(dir.path());
    assert_eq!(ids.len(), 1);
    // Started by TERM=dumb, it resumes the same way without the flag.
    assert!(
        said.contains(&format!("resume with: quire open {}", ids[0])),
        "{said}"
    );
    assert_plain(said.as_bytes());
}

#[rstest::rstest]
#[case::quire_var("QUIRE_ACCESSIBLE", "1")]
#[case::generic_var("ACCESSIBLE", "1")]
#[case::any_value("ACCESSIBLE", "screen reader")]
fn an_environment_variable_starts_the_accessible_mode(#[case] name: &str, #[case] value: &str) {
    let dir = sandbox();
    let out = quire(dir.path())
        .env("TERM", "xterm-256color")
        .env(name, value)
        .write_stdin("Env Office\nquit\n")
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let said = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        said.contains("Accessible mode: each prompt is printed once."),
        "{said}"
    );
    assert!(said.contains("Question 1 of 13, required."), "{said}");
    assert!(!said.contains("TERM=dumb"));
    assert_plain(said.as_bytes());
}

#[rstest::rstest]
#[case::zero("0")]
#[case::off("false")]
#[case::empty("")]
fn a_variable_set_to_no_leaves_the_wizard_which_needs_a_terminal(#[case] value: &str) {
    let dir = sandbox();
    quire(dir.path())
        .env("TERM", "xterm-256color")
        .env("ACCESSIBLE", value)
        .write_stdin("")
        .assert()
        .failure()
        .stderr(predicates::str::contains(
            "the wizard needs a terminal; `quire --accessible` asks the questions line by line",
        ));
}

#[test]
fn open_resumes_at_the_saved_position_and_a_foreign_or_unknown_id_fails_plainly() {
    let dir = sandbox();
    quire(dir.path())
        .arg("--accessible")
        .write_stdin("Resume Office\ngo 8\nquit\n")
        .assert()
        .success();
    let id = draft_ids(dir.path()).pop().expect("a draft");
    let out = quire(dir.path())
        .args(["open", &id, "--accessible"])
        .write_stdin("quit\n")
        .output()
        .expect("runs");
    let said = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(said.contains("\nQuestion 8 of 13, required.\n"), "{said}");
    quire(dir.path())
        .args(["--accessible", "open", "no-such-draft"])
        .assert()
        .failure()
        .stderr(predicates::str::contains("no draft `no-such-draft`"));
    // The same draft under another questionnaire id.
    let other: PathBuf = dir.path().join("other.toml");
    let source = quire::questionnaire::BUILTIN_SOURCE.replace(
        "id = \"values-ethics-self-assessment\"",
        "id = \"other-questionnaire\"",
    );
    std::fs::write(&other, source).expect("write");
    quire(dir.path())
        .args(["--accessible", "--questionnaire"])
        .arg(&other)
        .args(["open", &id])
        .assert()
        .failure()
        .stderr(predicates::str::contains(format!(
            "draft `{id}` answers questionnaire `values-ethics-self-assessment`, not `other-questionnaire`"
        )));
}
