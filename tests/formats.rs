//! `quire export --format`: each format of one fixture as a snapshot,
//! hostile text in each, and the command line's flags and refusals.

mod common;

use assert_cmd::Command;
use chrono::NaiveDate;
use common::{builtin, fixture, synthetic_answers};
use predicates::prelude::*;
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::report::formats::{Format, render};
use quire::report::import;
use rstest::rstest;

fn date() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2024, 8, 23)
}

fn privacy_commissioner() -> Answers {
    import(&builtin(), &fixture("privacy-commissioner-canada.txt"))
        .expect("imports")
        .answers
}

#[rstest]
#[case(Format::Markdown)]
#[case(Format::Html)]
#[case(Format::Json)]
#[case(Format::Csv)]
fn each_format_of_a_published_report(#[case] format: Format) {
    let out = render(format, &builtin(), &privacy_commissioner(), date());
    insta::assert_snapshot!(format!("privacy_commissioner_{}", format.name()), out);
}

#[test]
fn text_is_the_canonical_report() {
    let q = builtin();
    let a = privacy_commissioner();
    assert_eq!(
        render(Format::Text, &q, &a, date()),
        quire::report::render(&q, &a, date())
    );
}

const HOSTILE: &str = "<script>alert('x')</script> & &amp; \"quoted\", comma\n\
    # not a heading\n*not emphasis* _nor this_ `code` [link](javascript:x) | pipe\n\n\
    - item with <b>tags</b>\n  1. nested \"number\"";

fn hostile() -> Answers {
    let mut a = synthetic_answers();
    a.header
        .insert("organization".into(), "Office \"A, B\" & <C>".into());
    a.set(FieldKey::main("q8"), Value::Text(HOSTILE.into()));
    a.set(
        FieldKey::main("q12"),
        Value::Choice(vec![Chosen::Unlisted("<i>Partly</i>, \"yes\"".into())]),
    );
    a
}

#[test]
fn html_escapes_every_piece_of_user_text() {
    let page = render(Format::Html, &builtin(), &hostile(), date());
    assert!(!page.contains("<script>"), "{page}");
    assert!(!page.contains("<b>") && !page.contains("<i>"));
    assert!(page.contains(
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &amp;amp; &quot;quoted&quot;, comma"
    ));
    assert!(page.contains("<li>item with &lt;b&gt;tags&lt;/b&gt;\n<ol>\n<li value=\"1\">nested &quot;number&quot;</li>"));
    assert!(
        page.contains("<li class=\"unlisted\">&lt;i&gt;Partly&lt;/i&gt;, &quot;yes&quot;</li>")
    );
    assert!(page.contains("<title>Office &quot;A, B&quot; &amp; &lt;C&gt; – Self-assessment"));
    assert_eq!(page.matches("<script").count(), 0);
    assert_eq!(page.matches("<style>").count(), 1);
    assert!(
        !page.contains("http:") && !page.contains("https:"),
        "no external asset"
    );
}

#[test]
fn markdown_escapes_markup_in_user_text() {
    let md = render(Format::Markdown, &builtin(), &hostile(), date());
    assert!(md.contains("\\<script\\>alert('x')\\</script\\> \\& \\&amp; \"quoted\", comma\\\n\\# not a heading\\\n\\*not emphasis\\* \\_nor this\\_ \\`code\\` \\[link\\](javascript:x) \\| pipe\n\n- item with \\<b\\>tags\\</b\\>\n  1. nested \"number\"\n"), "{md}");
    assert!(md.starts_with("# Office \"A, B\" \\& \\<C\\>\n"));
    assert!(md.contains("- \\<i\\>Partly\\</i\\>, \"yes\""));
}

#[test]
fn markdown_headings_lists_and_empty_answers() {
    let md = render(Format::Markdown, &builtin(), &synthetic_answers(), date());
    assert!(md.contains("\n\n## Part I. Values and ethics training plans\n\n### Question 1\n\n"));
    assert!(md.contains("We will:\n\n- clarify duties\n- add social media\n"));
    // Q2's follow-up is answered; Q1's is N/A (from the definition).
    assert!(md.contains("**If not, to what level"));
    assert!(md.contains("\n\n*N/A*\n\n"));
    assert!(md.ends_with("---\n\nPage details\n\nDate modified: 2024-08-23\n"));
}

#[test]
fn csv_quotes_what_it_must_and_reads_back_exactly() {
    let q = builtin();
    let out = render(Format::Csv, &q, &hostile(), date());
    assert!(!out.starts_with('\u{feff}'), "no byte-order mark");
    assert!(out.contains("\r\n"), "records end with CRLF");
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let headers = reader.headers().expect("headers").clone();
    let col = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("record")).collect();
    for r in &rows {
        assert_eq!(&r[col("organization")], "Office \"A, B\" & <C>");
    }
    let q8: Vec<_> = rows
        .iter()
        .filter(|r| &r[col("question_id")] == "q8")
        .collect();
    assert_eq!(q8.len(), 1);
    let mut canonical = String::new();
    quire::report::freetext::render(&quire::report::freetext::parse(HOSTILE), &mut canonical);
    assert_eq!(&q8[0][col("answer")], canonical);
    assert_eq!(&q8[0][col("status")], "answered");
    // One row per option of Q12, and one for the label kept as written.
    let q12: Vec<_> = rows
        .iter()
        .filter(|r| &r[col("question_id")] == "q12" && r[col("field_id")].is_empty())
        .map(|r| {
            (
                r[col("option_id")].to_owned(),
                r[col("option_label")].to_owned(),
                r[col("selected")].to_owned(),
            )
        })
        .collect();
    assert_eq!(
        q12,
        [
            ("yes".into(), "Yes".into(), "false".into()),
            ("no".into(), "No".into(), "false".into()),
            (
                String::new(),
                "<i>Partly</i>, \"yes\"".into(),
                "true".into()
            ),
        ]
    );
    // Every question has rows; a choice question asked with nothing chosen
    // says so.
    let mut a = synthetic_answers();
    a.set(FieldKey::main("q7"), Value::Choice(vec![]));
    let out = render(Format::Csv, &q, &a, date());
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let statuses: Vec<String> = reader
        .records()
        .map(|r| r.expect("record"))
        .filter(|r| &r[col("question_id")] == "q7" && r[col("field_id")].is_empty())
        .map(|r| r[col("status")].to_owned())
        .collect();
    assert_eq!(statuses, ["no-response"; 3]);
}

#[test]
fn json_holds_the_text_exactly_with_stable_ids() {
    let out = render(Format::Json, &builtin(), &hostile(), date());
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["format_version"], 1);
    assert_eq!(v["questionnaire"]["id"], "values-ethics-self-assessment");
    assert_eq!(v["date_modified"], "2024-08-23");
    assert_eq!(v["header"][0]["value"], "Office \"A, B\" & <C>");
    let q8 = &v["questions"][7];
    assert_eq!(q8["id"], "q8");
    assert_eq!(q8["answer"]["text"], HOSTILE);
    let q6 = &v["questions"][5];
    assert_eq!(q6["answer"]["chosen"][1]["id"], "equity-groups");
    assert!(
        q6["answer"]["chosen"][1]["label"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Engagement sessions with equity groups")
    );
    // Same answers, same bytes.
    assert_eq!(out, render(Format::Json, &builtin(), &hostile(), date()));
}

fn quire(dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin!("quire"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("QUIRE_DRAFTS_DIR", dir.join("drafts"))
        .env("HOME", dir);
    cmd
}

#[rstest]
#[case("text", Format::Text)]
#[case("markdown", Format::Markdown)]
#[case("md", Format::Markdown)]
#[case("html", Format::Html)]
#[case("json", Format::Json)]
#[case("csv", Format::Csv)]
fn export_format_writes_the_format_to_stdout_and_to_a_file(
    #[case] flag: &str,
    #[case] format: Format,
) {
    let dir = tempfile::tempdir().expect("temp");
    let want = render(format, &builtin(), &privacy_commissioner(), date());
    let report = "tests/fixtures/privacy-commissioner-canada.txt";
    quire(dir.path())
        .args(["export", report, "--date", "2024-08-23", "--format", flag])
        .assert()
        .success()
        .stdout(want.clone());
    let out = dir.path().join("out");
    quire(dir.path())
        .args(["export", report, "--date", "2024-08-23", "-f", flag, "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote"));
    assert_eq!(std::fs::read_to_string(&out).expect("written"), want);
    quire(dir.path())
        .args(["export", report, "--format", flag, "-o"])
        .arg(&out)
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "exists; not overwritten (use --force to replace it)",
        ));
}

#[test]
fn export_names_the_formats_when_one_is_unknown() {
    let dir = tempfile::tempdir().expect("temp");
    quire(dir.path())
        .args([
            "export",
            "tests/fixtures/public-safety-canada.txt",
            "--format",
            "pdf",
        ])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "unknown format `pdf`; the formats are text, markdown, html, json, csv",
        ));
}

#[test]
fn every_format_refuses_an_incomplete_report_unless_allowed() {
    let dir = tempfile::tempdir().expect("temp");
    let text = fixture("public-safety-canada.txt");
    let cut = &text[..text.find("Part III.").expect("Part III")];
    let report = dir.path().join("cut.txt");
    std::fs::write(&report, cut).expect("write");
    for format in ["html", "json", "csv", "markdown"] {
        let out = dir.path().join(format!("out.{format}"));
        quire(dir.path())
            .arg("export")
            .arg(&report)
            .args(["--format", format, "-o"])
            .arg(&out)
            .assert()
            .failure()
            .stderr(predicate::str::contains("required answers are missing"));
        assert!(!out.exists(), "{format}: written anyway");
        quire(dir.path())
            .arg("export")
            .arg(&report)
            .args([
                "--format",
                format,
                "--allow-incomplete",
                "--date",
                "2024-08-23",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success();
        assert!(out.exists());
    }
}

#[test]
fn every_format_takes_the_report_language_from_the_definition() {
    let dir = tempfile::tempdir().expect("temp");
    let out = quire(dir.path())
        .args([
            "export",
            "tests/fixtures/public-safety-canada.txt",
            "--lang",
            "fr",
            "--format",
            "html",
            "--allow-incomplete",
            "--date",
            "2024-08-23",
        ])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let page = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(page.contains("<html lang=\"fr\">"));
    assert!(page.contains("<h2>Partie I. "), "part headings in French");
    assert!(
        page.contains("<p class=\"not-applicable\">s.o.</p>"),
        "N/A in French"
    );
    assert!(!page.contains(">N/A<"));
}
