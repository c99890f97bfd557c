//! `quire summary` over the published reports of `tests/fixtures/`: the
//! counts are checked against what the reports' text says, read here
//! independently of the importer, then the outputs are snapshotted.

mod common;

use common::{REPORTS, builtin, fixture};
use quire::questionnaire::Questionnaire;
use quire::summary::render::{Format, render};
use quire::summary::{self, Summary};

fn paths() -> Vec<String> {
    REPORTS
        .iter()
        .map(|r| format!("tests/fixtures/{r}"))
        .collect()
}

fn summarize(q: &Questionnaire, paths: &[String]) -> Summary {
    let collected = summary::collect(paths);
    assert!(collected.left_out.is_empty(), "{:?}", collected.left_out);
    let read = summary::load(q, &collected.inputs, None);
    summary::summarize(q, &q.analysis.themes, read)
}

/// The organization a report names on its first line.
fn organization(text: &str) -> String {
    text.lines().next().unwrap().trim().to_owned()
}

/// The bullet lines (`  • x` or `- x`) between "Question N" and the next
/// question heading or the footer: what a report shows as chosen, read
/// straight from its text.
fn bullets_of(text: &str, n: usize) -> Vec<String> {
    let heading = format!("Question {n}");
    let lines: Vec<&str> = text.lines().collect();
    let Some(start) = lines.iter().position(|l| l.trim() == heading) else {
        return Vec::new();
    };
    lines[start + 1..]
        .iter()
        .take_while(|l| {
            let t = l.trim();
            !(t.starts_with("Question ") && t[9..].parse::<usize>().is_ok()) && t != "Page details"
        })
        .filter_map(|l| {
            l.trim_start()
                .strip_prefix("• ")
                .or_else(|| l.strip_prefix("- "))
        })
        .map(|s| s.trim().replace('\u{2019}', "'"))
        .collect()
}

#[test]
fn option_counts_agree_with_the_reports_text() {
    let q = builtin();
    let s = summarize(&q, &paths());
    assert_eq!(s.organizations.len(), 4);
    let texts: Vec<String> = REPORTS.iter().map(|r| fixture(r)).collect();
    for (question, qs) in q.questions.iter().zip(&s.questions) {
        let Some(tally) = &qs.choice else { continue };
        for (option, row) in question.options.iter().zip(&tally.options) {
            let label = option.label.as_str().replace('\u{2019}', "'");
            let mut want: Vec<String> = texts
                .iter()
                .filter(|t| bullets_of(t, question.number).contains(&label))
                .map(|t| organization(t))
                .collect();
            want.sort();
            let mut got = row.organizations.clone();
            got.sort();
            assert_eq!(got, want, "Question {}: {label}", question.number);
            assert_eq!(
                row.percent,
                summary::percent(want.len(), tally.answered.len())
            );
        }
    }
}

#[test]
fn the_issue_figures_hold() {
    let q = builtin();
    let s = summarize(&q, &paths());
    let q12 = s.questions[11].choice.as_ref().unwrap();
    assert_eq!(q12.options[0].organizations.len(), 2, "Yes");
    assert_eq!(q12.options[1].organizations.len(), 2, "No");
    let q6 = s.questions[5].choice.as_ref().unwrap();
    let equity = q6
        .options
        .iter()
        .find(|o| o.id.as_deref() == Some("equity-groups"))
        .unwrap();
    assert_eq!(
        equity.organizations,
        [
            "Canada School of Public Service",
            "Office of the Privacy Commissioner of Canada",
            "Public Safety Canada"
        ]
    );
    assert_eq!(equity.percent, 75.0);
}

#[test]
fn text_answers_and_na_agree_with_the_reports_text() {
    let q = builtin();
    let s = summarize(&q, &paths());
    // Question 13 is text: N/A when the line after its text reads "N/A".
    let q13 = &q.questions[12];
    let na = REPORTS
        .iter()
        .map(|r| fixture(r))
        .filter(|t| {
            let lines: Vec<&str> = t.lines().filter(|l| !l.trim().is_empty()).collect();
            let at = lines
                .iter()
                .position(|l| l.trim() == q13.text.as_str().trim())
                .unwrap();
            lines[at + 1].trim() == "N/A"
        })
        .count();
    let tally = &s.questions[12].texts[0];
    assert_eq!(tally.not_applicable.len(), na);
    assert_eq!(tally.answered.len(), 4 - na);
}

/// Organizations whose answers (the report's lines that are not the
/// questionnaire's own texts) hold `phrase`, ignoring case.
fn mentioning(q: &Questionnaire, phrase: &str) -> Vec<String> {
    let mut fixed: Vec<String> = q
        .questions
        .iter()
        .flat_map(|x| {
            std::iter::once(x.text.to_string())
                .chain(x.options.iter().map(|o| o.label.to_string()))
                .chain(x.follow_ups.iter().map(|f| f.prompt.to_string()))
        })
        .collect();
    fixed.push(q.title.to_string());
    let mut out: Vec<String> = REPORTS
        .iter()
        .map(|r| fixture(r))
        .filter(|t| {
            t.lines().any(|l| {
                let l = l.trim().trim_start_matches("- ").trim_start_matches("• ");
                !fixed.iter().any(|f| f == l) && l.to_lowercase().contains(phrase)
            })
        })
        .map(|t| organization(&t))
        .collect();
    out.sort();
    out
}

#[test]
fn themes_name_the_organizations_whose_answers_mention_them() {
    let q = builtin();
    let s = summarize(&q, &paths());
    for (theme, phrase) in [
        ("Social media", "social media"),
        ("Political activities", "political activit"),
        ("Disclosure of wrongdoing", "wrongdoing"),
    ] {
        let t = s.themes.iter().find(|t| t.name == theme).unwrap();
        let mut got = t.organizations.clone();
        got.sort();
        assert_eq!(got, mentioning(&q, phrase), "{theme}");
    }
}

#[test]
fn every_excerpt_is_on_the_line_it_names() {
    let q = builtin();
    let s = summarize(&q, &paths());
    let excerpts = s.themes.iter().flat_map(|t| &t.excerpts);
    let mut n = 0;
    for e in excerpts {
        let text = std::fs::read_to_string(&e.place.source).unwrap();
        let line = e.place.line.expect("reports have lines");
        let at = text.lines().nth(line - 1).unwrap();
        assert!(
            at.contains(&e.sentence),
            "{}:{line}: {}",
            e.place.source,
            e.sentence
        );
        for w in &e.words {
            assert!(e.sentence.contains(w.as_str()), "{w} in {}", e.sentence);
        }
        n += 1;
    }
    assert!(n > 20, "only {n} excerpts");
    for d in &s.target_dates {
        let text = std::fs::read_to_string(&d.place.source).unwrap();
        let at = text.lines().nth(d.place.line.unwrap() - 1).unwrap();
        assert!(at.contains(&d.sentence));
    }
}

#[test]
fn target_dates_are_read_from_the_declared_answers_only() {
    let q = builtin();
    let s = summarize(&q, &paths());
    let declared: Vec<String> = q
        .analysis
        .target_dates
        .iter()
        .map(|k| k.value.to_string())
        .collect();
    assert!(!s.target_dates.is_empty());
    assert!(
        s.target_dates
            .iter()
            .all(|d| declared.contains(&d.place.field))
    );
    let ps: Vec<&str> = s
        .target_dates
        .iter()
        .filter(|d| d.place.organization == "Public Safety Canada")
        .flat_map(|d| d.dates.iter().map(|m| m.value.as_str()))
        .collect();
    // "planned by September 2024", "planned by December 2024" (Question 4).
    assert_eq!(ps, ["2024-09", "2024-12"]);
}

#[test]
fn a_cut_off_report_counts_what_it_holds_and_the_rest_is_not_reached() {
    let q = builtin();
    let dir = tempfile::tempdir().unwrap();
    let full = fixture("public-safety-canada.txt");
    let cut = &full[..full.find("Question 8").unwrap()];
    let path = dir.path().join("ps-cut.txt");
    std::fs::write(&path, cut).unwrap();
    let mut all = paths();
    all.retain(|p| !p.contains("public-safety"));
    all.push(path.display().to_string());
    let s = summarize(&q, &all);
    assert_eq!(s.organizations.len(), 4);
    let ps = "Public Safety Canada".to_owned();
    assert!(
        s.questions[5]
            .choice
            .as_ref()
            .unwrap()
            .answered
            .contains(&ps)
    );
    let q12 = s.questions[11].choice.as_ref().unwrap();
    assert_eq!(q12.not_reached, ["Public Safety Canada"]);
    assert_eq!(q12.answered.len(), 3);
    assert_eq!(
        s.questions[7].texts[0].not_reached,
        ["Public Safety Canada"]
    );
    assert!(
        s.notes.iter().any(|n| n.contains("not reached")),
        "{:?}",
        s.notes
    );
}

#[test]
fn the_same_organization_twice_is_counted_once_with_a_note() {
    let q = builtin();
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.txt");
    std::fs::write(&copy, fixture("public-safety-canada.txt")).unwrap();
    let mut all = paths();
    all.push(copy.display().to_string());
    let s = summarize(&q, &all);
    assert_eq!(s.organizations.len(), 4);
    assert!(
        s.notes
            .iter()
            .any(|n| n.contains("Public Safety Canada is given twice")),
        "{:?}",
        s.notes
    );
    let q12 = s.questions[11].choice.as_ref().unwrap();
    assert_eq!(q12.answered.len(), 4);
}

#[test]
fn several_options_on_a_single_choice_are_counted_and_flagged() {
    let q = builtin();
    let dir = tempfile::tempdir().unwrap();
    let text = fixture("public-safety-canada.txt").replace(
        "  • My organization is in the process of reviewing its code of conduct.",
        "  • Yes, my organization has reviewed its code of conduct.\n  • My organization is in the process of reviewing its code of conduct.",
    );
    let path = dir.path().join("both.txt");
    std::fs::write(&path, text).unwrap();
    let s = summarize(&q, &[path.display().to_string()]);
    let q3 = s.questions[2].choice.as_ref().unwrap();
    assert_eq!(q3.several, ["Public Safety Canada"]);
    assert_eq!(q3.options[0].organizations.len(), 1);
    assert_eq!(q3.options[1].organizations.len(), 1);
}

#[test]
fn the_text_summary_fits_80_columns_and_is_snapshotted() {
    let q = builtin();
    let s = summarize(&q, &paths());
    let text = render(&s, Format::Text);
    for line in text.lines() {
        assert!(
            unicode_width::UnicodeWidthStr::width(line) <= 80,
            "too wide: {line}"
        );
    }
    insta::assert_snapshot!("summary_text", text);
    insta::assert_snapshot!("summary_markdown", render(&s, Format::Markdown));
}

#[test]
fn json_holds_the_same_figures() {
    let q = builtin();
    let s = summarize(&q, &paths());
    let json: serde_json::Value = serde_json::from_str(&render(&s, Format::Json)).unwrap();
    assert_eq!(json["format_version"], 1);
    assert_eq!(json["organizations"].as_array().unwrap().len(), 4);
    let yes = &json["questions"][11]["choice"]["options"][0];
    assert_eq!(yes["label"], "Yes");
    assert_eq!(yes["organizations"].as_array().unwrap().len(), 2);
    assert_eq!(yes["percent"], 50.0);
}

#[test]
fn hostile_text_is_escaped_in_html_markdown_and_csv() {
    let q = builtin();
    let dir = tempfile::tempdir().unwrap();
    let text = fixture("public-safety-canada.txt")
        .replacen(
            "Public Safety Canada",
            "Evil <script>alert(1)</script> & Co",
            1,
        )
        .replace(
            "Several recurring themes have emerged from employee consultations across PS.",
            "Our <b>social media</b> policy | =cmd & \"quotes\".",
        );
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, text).unwrap();
    let s = summarize(&q, &[path.display().to_string()]);
    let html = render(&s, Format::Html);
    assert!(!html.contains("<script>") && !html.contains("<b>social"));
    assert!(html.contains("Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"));
    assert!(html.contains("Our &lt;b&gt;social media&lt;/b&gt; policy"));
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    // No scripts, no external assets.
    assert!(!html.contains("<script") && !html.contains("src=") && !html.contains("href="));
    let md = render(&s, Format::Markdown);
    assert!(md.contains("Our \\<b\\>social media\\</b\\> policy \\| =cmd"));
    let csv = render(&s, Format::Csv);
    assert!(csv.contains("\"Our <b>social media</b> policy | =cmd & \"\"quotes\"\".\""));
}
