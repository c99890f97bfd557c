//! The summary's HTML page in a real browser: `quire summary --format
//! html` of the published fixtures (all four, and each alone) opened in
//! headless Chromium through `.ci/browser/check.js`, as the export's page
//! is (tests/html_browser.rs). axe-core finds no violation, and the visible
//! text gives every option's count, share and organizations, each text
//! field's counts and each theme's, as the text summary gives them.
//!
//! Gated as tests/html_browser.rs: without Chromium, Node or the npm
//! packages it says so and passes, unless `QUIRE_REQUIRE_BROWSER` is set.

mod common;

use common::browser::seen;

use assert_cmd::cargo::cargo_bin_cmd;
use common::REPORTS;
use serde_json::Value as Json;
use std::path::PathBuf;

/// `quire summary --format FORMAT PATHS`, its standard output.
fn summary(format: &str, paths: &[String]) -> String {
    let out = cargo_bin_cmd!("quire")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["summary", "--format", format])
        .args(paths)
        .output()
        .expect("quire runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// A percentage as the summary writes it: "75%", "66.7%".
fn pct(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

fn names(list: &Json) -> String {
    let list: Vec<&str> = list
        .as_array()
        .expect("a list")
        .iter()
        .map(|n| n.as_str().expect("a name"))
        .collect();
    if list.is_empty() {
        "none".into()
    } else {
        list.join("; ")
    }
}

fn len(list: &Json) -> usize {
    list.as_array().map_or(0, Vec::len)
}

/// The lines of question `n`'s section of the page.
fn section(lines: &[String], n: u64, kind: &str) -> Vec<String> {
    let heading = format!("Question {n} ({kind})");
    let start = lines
        .iter()
        .position(|l| *l == heading)
        .unwrap_or_else(|| panic!("no heading {heading}"));
    lines[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("Question ") || !l.ends_with(')') || l.contains(':'))
        .take_while(|l| *l != "Target dates")
        .cloned()
        .collect()
}

/// `text` with its words run together, wrapping undone.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn summary_pages_show_the_text_summarys_figures_and_pass_axe() {
    if !common::browser::available("summary browser check") {
        return;
    }
    let fixture = |r: &str| format!("tests/fixtures/{r}");
    let mut cases: Vec<Vec<String>> = vec![REPORTS.iter().map(|r| fixture(r)).collect()];
    cases.extend(REPORTS.iter().map(|r| vec![fixture(r)]));
    let dir = tempfile::tempdir().expect("temp dir");
    let pages: Vec<PathBuf> = cases
        .iter()
        .enumerate()
        .map(|(k, paths)| {
            let page = dir.path().join(format!("summary-{k}.html"));
            std::fs::write(&page, summary("html", paths)).expect("write");
            page
        })
        .collect();
    let results = common::browser::check(&pages);
    assert_eq!(results.len(), cases.len());
    for (paths, page) in cases.iter().zip(&results) {
        let name = paths.join(" ");
        let violations = &page["axe"]["violations"];
        assert_eq!(
            violations.as_array().map(Vec::len),
            Some(0),
            "{name}: axe violations: {violations:#}"
        );
        assert_eq!(page["scripts"], 0, "{name}");
        assert_eq!(page["requests"], Json::Array(vec![]), "{name}");
        assert_eq!(page["lang"], "en", "{name}");
        let visible = seen(page["main"].as_str().expect("the page's main text"));
        let text = words(&summary("text", paths));
        let s: Json = serde_json::from_str(&summary("json", paths)).expect("JSON summary");
        // Every organization, named as the text summary names it.
        for o in s["organizations"].as_array().expect("organizations") {
            let org = o["name"].as_str().expect("name");
            assert!(text.contains(org), "{name}: text summary lacks {org}");
            assert!(
                visible.iter().any(|l| l.starts_with(org)),
                "{name}: page lacks the row of {org}"
            );
        }
        let mut options = 0;
        for q in s["questions"].as_array().expect("questions") {
            let n = q["number"].as_u64().expect("number");
            let lines = section(&visible, n, q["kind"].as_str().expect("kind"));
            if let Some(c) = q.get("choice").filter(|c| !c.is_null()) {
                let answered = len(&c["answered"]);
                for (k, o) in c["options"].as_array().expect("options").iter().enumerate() {
                    let count = len(&o["organizations"]);
                    let share = pct(o["percent"].as_f64().expect("percent"));
                    let label = o["label"].as_str().expect("label");
                    let label = if o["id"].is_null() {
                        format!("{label} (not an option)")
                    } else {
                        label.to_owned()
                    };
                    // The text summary's figures for this option...
                    let figures = format!("{count} of {answered} ({share})");
                    assert!(
                        text.contains(&figures),
                        "{name}: Q{n}: text summary lacks {figures}"
                    );
                    // ...and the same on the page, in the option's row.
                    let row = format!(
                        "{} {} {count} {share} {}",
                        k + 1,
                        words(&label),
                        words(&names(&o["organizations"]))
                    );
                    assert!(
                        lines.contains(&row),
                        "{name}: Q{n}: no row «{row}» in {lines:#?}"
                    );
                    if count > 0 {
                        assert!(
                            text.contains(&words(&names(&o["organizations"]))),
                            "{name}: Q{n}: text summary names differ"
                        );
                    }
                    options += 1;
                }
                let counts = format!(
                    "answered {answered} · no response {} · not reached {}",
                    len(&c["no_response"]),
                    len(&c["not_reached"])
                );
                assert!(text.contains(&counts), "{name}: Q{n}: {counts}");
                assert!(
                    lines.iter().any(|l| l.starts_with(&counts)),
                    "{name}: Q{n}: {counts}"
                );
            }
            for t in q["texts"].as_array().expect("texts") {
                let figures = format!(
                    "{} {} {}",
                    len(&t["answered"]),
                    len(&t["not_applicable"]),
                    len(&t["not_reached"])
                );
                let row = format!("{} {figures}", t["field"].as_str().expect("field"));
                assert!(lines.contains(&row), "{name}: Q{n}: no row «{row}»");
                let said = format!(
                    "answered {} · N/A {} · not reached {}",
                    len(&t["answered"]),
                    len(&t["not_applicable"]),
                    len(&t["not_reached"])
                );
                assert!(text.contains(&said), "{name}: Q{n}: {said}");
            }
        }
        assert!(options > 20, "{name}: only {options} options checked");
        let total = len(&s["organizations"]);
        for t in s["themes"].as_array().expect("themes") {
            let n = len(&t["organizations"]);
            let theme = t["name"].as_str().expect("name");
            let share = if total == 0 {
                "0%".to_owned()
            } else {
                pct((n as f64 * 1000.0 / total as f64).round() / 10.0)
            };
            assert!(
                text.contains(&format!("{n} of {total} organizations ({share})")),
                "{name}: {theme}"
            );
            assert!(
                visible
                    .iter()
                    .any(|l| l.starts_with(&format!("{theme} {n} {share}"))),
                "{name}: theme row {theme} {n} {share}"
            );
        }
    }
}
