//! The headless-Chromium check shared by the HTML tests: whether it can
//! run here, and running `.ci/browser/check.js` on pages.

use std::path::{Path, PathBuf};
use std::process::Command;

fn browser_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(".ci/browser")
}

/// Why the browser check cannot run here, if it cannot.
fn missing() -> Option<String> {
    let chromium = std::env::var("QUIRE_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    if !Path::new(&chromium).exists() {
        return Some(format!(
            "no Chromium at {chromium} (apt-get install chromium)"
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("no `node` (apt-get install nodejs npm)".into());
    }
    for package in ["playwright-core", "axe-core"] {
        if !browser_dir().join("node_modules").join(package).exists() {
            return Some(format!(
                "no {package} in .ci/browser/node_modules (cd .ci/browser && npm ci)"
            ));
        }
    }
    None
}

/// Whether the browser check `what` can run. Without Chromium it is
/// skipped, loudly, unless `QUIRE_REQUIRE_BROWSER` is set (as `.ci/run`
/// does): then its absence fails the test.
pub fn available(what: &str) -> bool {
    let Some(why) = missing() else {
        return true;
    };
    let required = std::env::var("QUIRE_REQUIRE_BROWSER").is_ok_and(|v| !v.is_empty() && v != "0");
    assert!(!required, "QUIRE_REQUIRE_BROWSER is set, but {why}");
    eprintln!(
        "\n*** SKIPPED: the {what} did not run: {why}.\n*** .ci/run installs what it needs and sets QUIRE_REQUIRE_BROWSER=1.\n"
    );
    false
}

/// Opens each page in headless Chromium with axe-core: one result a page
/// (its visible text, axe's findings, requests made), as check.js writes.
pub fn check(pages: &[PathBuf]) -> Vec<serde_json::Value> {
    let out = Command::new("node")
        .arg(browser_dir().join("check.js"))
        .args(pages)
        .output()
        .expect("node runs");
    assert!(
        out.status.success(),
        "the browser check failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let results: Vec<serde_json::Value> =
        serde_json::from_slice(&out.stdout).expect("JSON from check.js");
    assert_eq!(results.len(), pages.len());
    results
}

/// Lines as a reader sees them: white space runs (no-break spaces, tabs)
/// as one space, no indent, no empty line.
pub fn seen(text: &str) -> Vec<String> {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}
