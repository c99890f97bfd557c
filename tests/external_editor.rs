//! `quire::external_editor::run` with a scripted editor (issue 8, item 6):
//! the file it is given ends with a line end, so that a line the editor
//! appends is a line of its own, not glued to the last list item.
//!
//! The editor is named in `VISUAL`, set for this process: whatever the
//! user's `VISUAL` or `EDITOR` say, they are not used. Only one test may
//! be in this file, so that no other thread reads the environment while
//! it is set.

#![cfg(unix)]

use quire::external_editor::{from_external_editor, run};
use quire::report::freetext;
use std::path::Path;
use tempfile::TempDir;

/// `path` quoted for `sh`.
fn quoted(path: &Path) -> String {
    format!("'{}'", path.display().to_string().replace('\'', r"'\''"))
}

/// An editor that keeps a copy of the file it is given and where it was,
/// then appends `- three` as a line (as `echo >>` does), or exits with 3
/// when the file holds `fail`.
fn scripted_editor(dir: &Path) -> String {
    let script = dir.join("editor.sh");
    let body = format!(
        "cp \"$1\" {seen}\n\
         printf '%s' \"$1\" > {path}\n\
         if grep -q fail \"$1\"; then exit 3; fi\n\
         echo '- three' >> \"$1\"\n",
        seen = quoted(&dir.join("seen.txt")),
        path = quoted(&dir.join("path.txt")),
    );
    std::fs::write(&script, body).expect("write the editor script");
    // Through `sh`: no execute permission needed where temp is noexec.
    format!("sh {}", quoted(&script))
}

#[test]
fn the_editor_gets_a_final_line_end_and_a_line_it_appends_stays_a_line() {
    let dir = TempDir::new().expect("temp dir");
    // SAFETY: the only test of this binary: no other thread reads or
    // writes the environment meanwhile.
    unsafe {
        std::env::set_var("VISUAL", scripted_editor(dir.path()));
        std::env::set_var("EDITOR", "false");
    }
    let back = run("Themes:\n- one\n- two").expect("the editor ran");
    let seen = std::fs::read_to_string(dir.path().join("seen.txt")).expect("the editor's copy");
    assert_eq!(seen, "Themes:\n- one\n- two\n", "a final line end");
    assert_eq!(back, "Themes:\n- one\n- two\n- three\n");
    // Taken back less the line end the editor leaves: three list items,
    // the appended one not glued to `two`.
    let answer = from_external_editor(&back);
    assert_eq!(answer, "Themes:\n- one\n- two\n- three");
    let mut printed = String::new();
    freetext::render(&freetext::parse(answer), &mut printed);
    assert_eq!(printed, "Themes:\n\n  • one\n  • two\n  • three");
    // The temporary file is gone once read.
    let path = std::fs::read_to_string(dir.path().join("path.txt")).expect("its path");
    assert!(!Path::new(&path).exists(), "{path} left behind");

    // An editor that fails: said so, with its exit status.
    let err = run("fail").expect_err("the editor failed");
    assert!(err.contains("exited with") && err.contains('3'), "{err}");
}
