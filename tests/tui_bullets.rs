//! Lists pasted from a word processor or a mail program (issue 8, item 4):
//! `•<Tab>item`, `o<Tab>nested`, `·   item` become list items in the
//! editor, in the answer and in the export; and the "Prints as" preview
//! shows exactly the lines the export holds, tabs included.

use chrono::{DateTime, FixedOffset};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::{Model, Showing, Theme};
use quire::tui::msg::{Effect, Msg, Opened};
use quire::tui::update::update;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use tempfile::TempDir;

const ID: &str = "public-safety-canada-7f3a";

/// What Word puts on the clipboard as plain text for a bulleted list with
/// a second and a third level, after a paragraph.
const WORD: &str = "Themes raised:\r\n•\tsocial media\r\no\tpersonal accounts\r\n§\tphotos\r\no\tofficial accounts\r\n•\tconflicts of interest\r\n";

/// The same list in the editor's syntax.
const WORD_AS_SOURCE: &str = "Themes raised:\n- social media\n  - personal accounts\n    - photos\n  - official accounts\n- conflicts of interest\n";

/// The same list as the report prints it.
const WORD_PRINTED: &str = "Themes raised:\n\n  • social media\n    • personal accounts\n      • photos\n    • official accounts\n  • conflicts of interest";

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("the built-in questionnaire is valid")
}

fn options(ids: &[&str]) -> Value {
    Value::Choice(ids.iter().map(|o| Chosen::Option((*o).into())).collect())
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

/// Every required answer but Q8's, which the tests write.
fn complete_but_q8() -> Vec<(&'static str, Value)> {
    vec![
        ("q1", options(&["yes"])),
        ("q2", options(&["yes"])),
        ("q3", options(&["reviewed"])),
        ("q5", options(&["updated"])),
        ("q5.description", text("Clarified expected behaviours.")),
        ("q6", options(&["all-staff"])),
        ("q7", options(&["onboarding"])),
        ("q9", text("Case studies.")),
        ("q10", text("Small groups.")),
        ("q11", text("The PSES.")),
        ("q12", options(&["yes"])),
    ]
}

/// A draft of Public Safety Canada with these answers, resuming at
/// `position`.
fn draft(q: &Questionnaire, position: &str, answers: &[(&str, Value)]) -> Draft {
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), q, t0());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    for (key, value) in answers {
        d.answers
            .set(FieldKey::parse(key).expect("key"), value.clone());
    }
    d.position = FieldKey::parse(position);
    d
}

/// A model with the draft open at `position`, at `w`×`h`.
fn opened(position: &str, answers: &[(&str, Value)], (w, h): (u16, u16)) -> Model {
    let q = builtin();
    let d = draft(&q, position, answers);
    let mut m = Model::new(q, vec![], t0(), (w, h), Theme { color: false });
    update(
        &mut m,
        Msg::Opened(Ok(Opened {
            draft: Box::new(d),
            read_only: None,
            orphans_moved: vec![],
            note: None,
            export_folder: None,
            version: None,
        })),
    );
    assert_eq!(m.showing(), Showing::Question);
    m
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

fn enter() -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE))
}

fn send(m: &mut Model, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        update(m, msg);
    }
}

/// Types text key by key; `\n` is Enter.
fn typing(m: &mut Model, s: &str) {
    send(
        m,
        s.chars().map(|c| if c == '\n' { enter() } else { key(c) }),
    );
}

fn editor_text(m: &Model) -> String {
    let editor = m.session().and_then(|s| s.editor.as_ref());
    editor.expect("a text field in focus").text()
}

fn answer(m: &Model, key: &str) -> Option<Value> {
    let key = FieldKey::parse(key).expect("key");
    m.session()?.draft.answers.get(&key).cloned()
}

/// The report the review's export writes.
fn exported(m: &mut Model) -> String {
    send(m, [Msg::Review, Msg::Export]);
    let effects = update(m, Msg::Enter);
    match effects.as_slice() {
        [Effect::Export { text, .. }] => text.clone(),
        other => panic!("expected an export, got {other:?} ({:?})", m.status),
    }
}

// ---------------------------------------------------------------------------
// Pasting and typing

#[test]
fn pasted_word_bullets_are_list_items_in_the_editor_the_answer_and_the_export() {
    let mut m = opened("q8", &complete_but_q8(), (80, 24));
    send(&mut m, [Msg::Paste(WORD.into())]);
    assert_eq!(editor_text(&m), WORD_AS_SOURCE);
    let report = exported(&mut m);
    assert_eq!(answer(&m, "q8"), Some(text(WORD_AS_SOURCE)));
    assert!(
        report.contains(&format!("\n\n{WORD_PRINTED}\n\n")),
        "{report}"
    );
}

#[rstest]
#[case::outlook_plain_text(
    "*\tdraft code: June\no\tconsultations\n*\tpublication: December",
    "- draft code: June\n  - consultations\n- publication: December"
)]
#[case::html_mail(
    "·   draft code\n·\u{a0}\u{a0} publication",
    "- draft code\n- publication"
)]
#[case::numbered("1.\tdraft\n2)\tpublish", "1. draft\n2. publish")]
#[case::prose_stays(
    "o well, § 5 applies\n1) first, 2) second",
    "o well, § 5 applies\n1) first, 2) second"
)]
fn pastes_from_other_programs(#[case] pasted: &str, #[case] want: &str) {
    let mut m = opened("q8", &[], (80, 24));
    send(&mut m, [Msg::Paste(pasted.into())]);
    assert_eq!(editor_text(&m), want);
}

#[test]
fn a_burst_of_typed_keys_is_read_as_a_paste() {
    let mut m = opened("q8", &[], (80, 24));
    send(&mut m, [Msg::Typed("• one\n◦ one a\n• two".into())]);
    assert_eq!(editor_text(&m), "- one\n  - one a\n- two");
}

#[test]
fn text_that_continues_a_line_is_not_a_list_item() {
    let mut m = opened("q8", &[], (80, 24));
    typing(&mut m, "Rated ");
    send(&mut m, [Msg::Typed("· high\n·\tthen".into())]);
    assert_eq!(editor_text(&m), "Rated · high\n- then");
}

#[test]
fn bullets_typed_key_by_key_print_as_list_items() {
    let mut m = opened("q8", &complete_but_q8(), (80, 24));
    typing(&mut m, "Themes:\n• social media\n◦ personal accounts\n• AI");
    // The editor keeps what was typed; the export reads it as a list.
    assert_eq!(
        editor_text(&m),
        "Themes:\n• social media\n◦ personal accounts\n• AI"
    );
    let report = exported(&mut m);
    assert!(
        report.contains("Themes:\n\n  • social media\n    • personal accounts\n  • AI\n\n"),
        "{report}"
    );
}

// ---------------------------------------------------------------------------
// The preview is the export

/// The rows of the "Prints as" preview, right-trimmed, without the blank
/// rows under the text.
fn preview(m: &Model) -> Vec<String> {
    let (w, h) = m.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(m, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    let rows: Vec<String> = (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect::<String>())
        .collect();
    let title = rows
        .iter()
        .position(|r| r.contains(" Prints as "))
        .unwrap_or_else(|| panic!("no preview on screen:\n{}", rows.join("\n")));
    // The preview ends above the status and footer lines; its text starts
    // after the one-column margin.
    let mut lines: Vec<String> = rows[title + 1..rows.len() - 2]
        .iter()
        .map(|r| r.chars().skip(1).collect::<String>().trim_end().to_owned())
        .collect();
    while lines.last().is_some_and(String::is_empty) {
        lines.pop();
    }
    lines
}

/// The lines of Q8's answer in a report: after the question text and its
/// empty line, up to the empty line before Question 9.
fn q8_lines(report: &str, q: &Questionnaire) -> Vec<String> {
    let lines: Vec<&str> = report.lines().collect();
    let text = q.questions[7].text.as_str();
    let start = lines.iter().position(|l| *l == text).expect("Q8 text") + 2;
    let end = lines.iter().position(|l| *l == "Question 9").expect("Q9") - 1;
    lines[start..end].iter().map(|l| (*l).to_owned()).collect()
}

/// A line as a terminal shows it: each tab to the next multiple of 8
/// (the characters tested are one column wide).
fn as_a_terminal_shows(line: &str) -> String {
    let mut out = String::new();
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            loop {
                out.push(' ');
                col += 1;
                if col % 8 == 0 {
                    break;
                }
            }
        } else {
            out.push(c);
            col += 1;
        }
    }
    out
}

#[rstest]
#[case::tabs("Name\tRole\tSince\nAda\tLead\t2019", true)]
#[case::typed_bullets("• draft code\n◦ consultations\n• publication", false)]
#[case::word_bullets_kept_as_pasted("•\tdraft code\no\tconsultations", false)]
#[case::nested_list("Steps:\n- draft\n  - consult\n    - unions\n1. publish", false)]
#[case::tab_inside_an_item("- Q1\t(April)\n- Q2\t(July)", true)]
#[case::tab_at_the_start_of_prose("\tIndented by a tab.", true)]
fn the_preview_shows_the_lines_the_export_holds(#[case] answer: &str, #[case] tab_kept: bool) {
    let mut answers = complete_but_q8();
    answers.push(("q8", text(answer)));
    // 80 columns: no outline beside the question.
    let mut m = opened("q8", &answers, (80, 40));
    let shown = preview(&m);
    let report = exported(&mut m);
    let printed = q8_lines(&report, &m.questionnaire);
    // A tab that is not a bullet's is exported as a tab, as written.
    assert_eq!(printed.join("\n").contains('\t'), tab_kept, "{report}");
    let want: Vec<String> = printed.iter().map(|l| as_a_terminal_shows(l)).collect();
    assert_eq!(shown, want);
}

/// A list item longer than the preview is wide continues under its text,
/// not at the margin; a paragraph continues at the margin; no row starts
/// with the space it broke at. The words are the export's, in order.
#[test]
fn wrapped_list_items_in_the_preview_hang_under_their_text() {
    let item = "Begun the development of guidance around values and ethics and artificial intelligence with the Chief Information Officer";
    let para = "Employees raised three themes again and again across every region and every branch of the department this year";
    let mut answers = complete_but_q8();
    answers.push(("q8", text(&format!("{para}\n\n- {item}\n  1. {item}"))));
    let mut m = opened("q8", &answers, (80, 40));
    let shown = preview(&m);
    let bullet = shown
        .iter()
        .position(|l| l.starts_with("  • "))
        .expect("the item");
    let number = shown
        .iter()
        .position(|l| l.starts_with("    1. "))
        .expect("the sub-item");
    assert!(bullet > 1, "the paragraph wraps first: {shown:#?}");
    assert!(
        !shown[1].starts_with(' '),
        "a paragraph continues at the margin: {shown:#?}"
    );
    for row in &shown[bullet + 1..number] {
        assert!(
            row.starts_with("    ") && !row.starts_with("     "),
            "{row:?} in {shown:#?}"
        );
    }
    for row in &shown[number + 1..] {
        assert!(
            row.starts_with("       ") && !row.starts_with("        "),
            "{row:?} in {shown:#?}"
        );
    }
    let report = exported(&mut m);
    let words = |lines: &[String]| -> Vec<String> {
        lines
            .iter()
            .flat_map(|l| l.split_whitespace().map(str::to_owned))
            .collect()
    };
    assert_eq!(words(&shown), words(&q8_lines(&report, &m.questionnaire)));
}

// ---------------------------------------------------------------------------
// Snapshot: Word bullets pasted at 80×24, on Q4 (the question short enough
// for the preview to show at that size)

/// The screen as text.
fn screen(app: &App) -> String {
    let (w, h) = app.model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(&app.model, f))
        .expect("draw");
    format!("{}", terminal.backend())
}

fn event(app: &mut App, event: Event) {
    let msg = to_msg(app.model.mode(), event).expect("a message");
    let quit = app.dispatch(msg, &mut |_| Err("no editor".into()));
    assert!(!quit, "the wizard quit");
}

#[test]
fn word_bullets_pasted_at_80x24() {
    let dir = TempDir::new().expect("temp dir");
    let store = DraftStore::open(dir.path().join("drafts")).expect("drafts folder");
    let mut app = App::new(builtin(), store, (80, 24), Theme { color: false });
    app.model.now = t0();
    event(&mut app, Event::Paste("Public Safety Canada".into()));
    event(&mut app, Event::Key(KeyEvent::from(KeyCode::Enter)));
    let key = |app: &mut App, code| event(app, Event::Key(KeyEvent::from(code)));
    key(&mut app, KeyCode::PageDown);
    key(&mut app, KeyCode::PageDown);
    // Q3: in the process of reviewing, which asks Q4.
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.model.session().map(|s| s.question), Some(3), "on Q4");
    event(
        &mut app,
        Event::Paste("Timeline:\r\n•\tdraft code\tJune\r\no\tunions consulted\r\n•\tpublication\tDecember\r\n".into()),
    );
    insta::assert_snapshot!("word_bullets_pasted_80x24", screen(&app));
}
