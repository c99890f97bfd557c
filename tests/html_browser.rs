//! The HTML export in a real browser: each fixture's page is opened in
//! headless Chromium (Debian's `chromium`, through `playwright-core`; see
//! `.ci/browser/`), axe-core checks it (WCAG 2.1 A and AA, and best
//! practices: zero violations), and its visible text (`innerText`) is
//! compared with the canonical text, question by question.
//!
//! Without Chromium, Node or `.ci/browser/node_modules`, the test says so
//! loudly and passes, unless `QUIRE_REQUIRE_BROWSER` is set (`.ci/run`
//! sets it and installs all three): then it fails.

mod common;

use common::browser::seen;

use chrono::NaiveDate;
use common::{REPORTS, builtin, fixture, synthetic_answers};
use quire::answers::{Answers, FieldKey, Value};
use quire::questionnaire::Questionnaire;
use quire::report::formats::{Format, render};
use quire::report::{Piece, import, part_heading, pieces, render_through};
use serde_json::Value as Json;
use std::path::PathBuf;

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 8, 23)
}

/// The canonical report up to and including `last`, without its final
/// line end.
fn upto(q: &Questionnaire, a: &Answers, last: Option<Piece>) -> String {
    let mut s = render_through(q, a, date(), last);
    s.pop();
    s
}

/// The canonical text of each question (heading to last follow-up), by id.
fn canonical_questions(q: &Questionnaire, a: &Answers) -> Vec<(String, String)> {
    let all = pieces(q);
    q.questions
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let first = all
                .iter()
                .position(|p| *p == Piece::Heading(i))
                .expect("heading");
            let last = all
                .iter()
                .rposition(|p| matches!(p, Piece::Answer(j) | Piece::FollowUp(j, _) if *j == i))
                .expect("answer");
            let before = upto(q, a, Some(all[first - 1]));
            let through = upto(q, a, Some(all[last]));
            (x.id.clone(), through[before.len()..].to_owned())
        })
        .collect()
}

/// Answers with hostile text everywhere a respondent types.
fn hostile() -> Answers {
    let mut a = synthetic_answers();
    a.header.insert(
        "organization".into(),
        "Office <of> \"Examples\" & Sons' <script>alert(1)</script>".into(),
    );
    a.set(
        FieldKey::main("q8"),
        Value::Text(
            "<script>alert('x')</script> & &amp; \"quoted\" <b>not bold</b>\n\n\
             - <img src=\"https://example.invalid/x.png\" onerror=\"alert(1)\">\n  \
             - nested <a href=\"javascript:alert(1)\">link</a>\n\
             7. seven & <i>eight</i>"
                .into(),
        ),
    );
    a.set(
        FieldKey::sub("q12", "comment"),
        Value::Text("</p></section><h1>Injected</h1>".into()),
    );
    a
}

#[test]
fn html_pages_show_the_canonical_text_and_pass_axe() {
    if !common::browser::available("HTML browser check") {
        return;
    }
    let q = builtin();
    let mut cases: Vec<(String, Answers)> = REPORTS
        .iter()
        .map(|name| {
            let answers = import(&q, &fixture(name)).expect("fixture imports").answers;
            ((*name).to_owned(), answers)
        })
        .collect();
    cases.push(("hostile".into(), hostile()));
    let dir = tempfile::tempdir().expect("temp dir");
    let pages: Vec<PathBuf> = cases
        .iter()
        .map(|(name, answers)| {
            let page = dir.path().join(format!("{name}.html"));
            std::fs::write(&page, render(Format::Html, &q, answers, date())).expect("write");
            page
        })
        .collect();
    let results = common::browser::check(&pages);
    assert_eq!(results.len(), cases.len());
    for ((name, answers), page) in cases.iter().zip(&results) {
        let violations = &page["axe"]["violations"];
        assert_eq!(
            violations.as_array().map(Vec::len),
            Some(0),
            "{name}: axe violations: {violations:#}"
        );
        assert_eq!(page["scripts"], 0, "{name}: the page holds a script");
        assert_eq!(
            page["requests"],
            Json::Array(vec![]),
            "{name}: the page fetched something"
        );
        assert_eq!(page["lang"], "en", "{name}");
        let canonical = render_through(&q, answers, date(), None);
        let first_part = part_heading(&q, 0);
        let header: String = canonical
            .lines()
            .take_while(|l| *l != first_part)
            .collect::<Vec<_>>()
            .join("\n");
        assert_eq!(
            seen(page["h1"].as_str().unwrap_or_default()),
            seen(&header),
            "{name}: h1"
        );
        for (p, part) in q.parts.iter().enumerate() {
            assert_eq!(
                page["parts"][&part.id].as_str(),
                Some(part_heading(&q, p).as_str()),
                "{name}: part {}",
                part.id
            );
        }
        let questions = canonical_questions(&q, answers);
        for (id, text) in &questions {
            let shown = page["questions"][id].as_str().unwrap_or_default();
            assert_eq!(seen(shown), seen(text), "{name}: question {id}");
        }
        let last = upto(
            &q,
            answers,
            pieces(&q)
                .iter()
                .rev()
                .find(|p| !matches!(p, Piece::Footer(_)))
                .copied(),
        );
        let footer = &canonical[last.len()..];
        assert_eq!(
            seen(page["footer"].as_str().unwrap_or_default()),
            seen(footer),
            "{name}: footer"
        );
    }
    // The hostile page shows its text literally.
    let hostile = &results[cases.len() - 1];
    let q8 = hostile["questions"]["q8"].as_str().unwrap_or_default();
    assert!(
        q8.contains("<script>alert('x')</script> & &amp; \"quoted\" <b>not bold</b>"),
        "{q8}"
    );
    assert!(q8.contains("• <img src="), "{q8}");
    assert!(q8.contains("7. seven & <i>eight</i>"), "{q8}");
    assert!(
        hostile["h1"]
            .as_str()
            .unwrap_or_default()
            .contains("<script>alert(1)</script>")
    );
    assert!(
        hostile["title"]
            .as_str()
            .unwrap_or_default()
            .contains("Office <of> \"Examples\" & Sons'")
    );
}
