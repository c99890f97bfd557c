//! `quire summary --tui` on the published fixtures: screens on a test
//! backend (80×24 and 120×40), and sequences of keys through the key map
//! that select bars, themes and dates and open the reports behind them.
//! The figures shown are the summary's own (checked against the reports'
//! text in tests/summary.rs).

mod common;

use common::{REPORTS, builtin};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use quire::summary::{self, Summary};
use quire::summary_view::keymap::{help_line, lookup};
use quire::summary_view::view::view;
use quire::summary_view::{Model, Msg, Tab, documents, update};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use rstest::rstest;
use std::fmt::Write as _;

fn model_of(paths: &[String], size: (u16, u16)) -> Model {
    let q = builtin();
    let collected = summary::collect(paths);
    assert!(collected.left_out.is_empty(), "{:?}", collected.left_out);
    let read = summary::load(&q, &collected.inputs, None);
    let docs = documents(&q, &read);
    let s: Summary = summary::summarize(&q, &q.analysis.themes, read);
    Model::new(s, docs, size, false)
}

fn all(size: (u16, u16)) -> Model {
    let paths: Vec<String> = REPORTS
        .iter()
        .map(|r| format!("tests/fixtures/{r}"))
        .collect();
    model_of(&paths, size)
}

/// Presses a key as the terminal loop does: through the key map.
fn key(m: &mut Model, code: KeyCode) -> bool {
    let msg = lookup(m.reader.is_some(), &KeyEvent::new(code, KeyModifiers::NONE))
        .unwrap_or_else(|| panic!("{code:?} is not bound"));
    update(m, msg)
}

fn keys(m: &mut Model, codes: &[KeyCode]) {
    for c in codes {
        assert!(!key(m, *c), "quit on {c:?}");
    }
}

/// The screen's text, then the runs of reversed cells (the selection).
fn screen(m: &Model) -> String {
    let (w, h) = m.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal.draw(|f| view(m, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let mut out = format!("{}", terminal.backend());
    out.push_str("--- reversed ---\n");
    for y in 0..h {
        let mut run = String::new();
        let mut start = None;
        for x in 0..=w {
            match (x < w).then(|| &buffer[(x, y)]) {
                Some(c) if c.modifier.contains(Modifier::REVERSED) => {
                    start.get_or_insert(x);
                    run.push_str(c.symbol());
                }
                _ => {
                    if let Some(s) = start.take() {
                        writeln!(out, "{y:>2}:{s:>3} «{run}»").expect("string");
                        run.clear();
                    }
                }
            }
        }
    }
    out
}

/// Goes to question `number` in the list.
fn to_question(m: &mut Model, number: usize) {
    keys(m, &[KeyCode::Home]);
    for _ in 1..number {
        keys(m, &[KeyCode::Down]);
    }
    assert_eq!(m.summary.questions[m.question].number, number);
}

/// Selects the bar whose label starts with `label`.
fn to_bar(m: &mut Model, label: &str) {
    keys(m, &[KeyCode::Right]);
    while !m.rows()[m.row].label.starts_with(label) {
        let before = m.row;
        keys(m, &[KeyCode::Down]);
        assert_ne!(before, m.row, "no bar {label}");
    }
}

#[rstest]
fn screens_of_the_four_reports(#[values((80, 24), (120, 40))] size: (u16, u16)) {
    let name = |what: &str| format!("{what}_{}x{}", size.0, size.1);
    let mut m = all(size);
    to_question(&mut m, 6);
    to_bar(&mut m, "Engagement sessions with equity groups");
    insta::assert_snapshot!(name("q6_equity_sessions"), screen(&m));
    keys(&mut m, &[KeyCode::Right, KeyCode::Enter]);
    insta::assert_snapshot!(name("report_open"), screen(&m));
    keys(&mut m, &[KeyCode::Esc, KeyCode::Char('2'), KeyCode::Enter]);
    insta::assert_snapshot!(name("themes"), screen(&m));
    keys(&mut m, &[KeyCode::Char('3')]);
    insta::assert_snapshot!(name("target_dates"), screen(&m));
}

#[rstest]
fn first_screen_of_each_report(#[values(0, 1, 2, 3)] k: usize) {
    let mut m = model_of(&[format!("tests/fixtures/{}", REPORTS[k])], (80, 24));
    to_question(&mut m, 12);
    insta::assert_snapshot!(format!("one_report_q12_{k}"), screen(&m));
}

#[test]
fn a_terminal_too_small_says_so() {
    let m = all((50, 12));
    let s = screen(&m);
    assert!(s.contains("too small"), "{s}");
    assert!(s.contains("50×12"), "{s}");
}

#[test]
fn the_bars_of_question_12_name_two_yes_and_two_no() {
    let mut m = all((80, 24));
    to_question(&mut m, 12);
    to_bar(&mut m, "Yes");
    assert_eq!(m.organizations().len(), 2);
    let s = screen(&m);
    assert!(s.contains(" 2 of 4     50%  Yes"), "{s}");
    assert!(s.contains(" 2 of 4     50%  No"), "{s}");
    let yes = m.organizations();
    keys(&mut m, &[KeyCode::Down]);
    let no = m.organizations();
    assert_eq!(no.len(), 2);
    assert!(yes.iter().all(|o| !no.contains(o)), "{yes:?} {no:?}");
}

#[test]
fn selecting_the_equity_sessions_bar_lists_csps_ps_and_opc_and_opens_their_reports() {
    let mut m = all((80, 24));
    to_question(&mut m, 6);
    to_bar(&mut m, "Engagement sessions with equity groups");
    let orgs = m.organizations();
    assert_eq!(orgs.len(), 3, "{orgs:?}");
    for part in [
        "School of Public Service",
        "Public Safety",
        "Privacy Commissioner",
    ] {
        assert!(orgs.iter().any(|o| o.contains(part)), "{part}: {orgs:?}");
    }
    // Moving the bar starts the organizations again at the first.
    keys(&mut m, &[KeyCode::Right, KeyCode::Down]);
    assert_eq!((m.focus, m.organization), (2, 1));
    keys(&mut m, &[KeyCode::Left, KeyCode::Up, KeyCode::Down]);
    assert_eq!((m.focus, m.organization), (1, 0));
    // Each organization opens its own report, read-only.
    for (k, org) in orgs.iter().enumerate() {
        keys(&mut m, &[KeyCode::Right]);
        for _ in 0..k {
            keys(&mut m, &[KeyCode::Down]);
        }
        keys(&mut m, &[KeyCode::Enter]);
        let r = m.reader.as_ref().expect("report open");
        let source = &m
            .summary
            .organizations
            .iter()
            .find(|o| o.name == *org)
            .expect("organization")
            .source;
        let text = std::fs::read_to_string(source).expect("report");
        assert_eq!(r.lines.len(), text.lines().count());
        assert!(r.title.contains(org.as_str()), "{}", r.title);
        assert!(r.title.contains("read-only"));
        assert!(text.contains(org.as_str()));
        // Scrolling stays within the report; Esc comes back to the list.
        keys(&mut m, &[KeyCode::PageDown, KeyCode::PageDown]);
        assert!(m.reader.as_ref().unwrap().scroll > 0);
        keys(&mut m, &[KeyCode::End]);
        let end = m.reader.as_ref().unwrap().scroll;
        keys(&mut m, &[KeyCode::Down]);
        assert_eq!(m.reader.as_ref().unwrap().scroll, end);
        keys(&mut m, &[KeyCode::Home]);
        assert_eq!(m.reader.as_ref().unwrap().scroll, 0);
        keys(&mut m, &[KeyCode::Esc]);
        assert!(m.reader.is_none());
        assert_eq!(m.focus, 2);
        keys(&mut m, &[KeyCode::Left]);
    }
}

#[test]
fn an_excerpt_opens_its_report_at_its_line() {
    let mut m = all((120, 40));
    keys(&mut m, &[KeyCode::Char('2')]);
    assert_eq!(m.tab, Tab::Themes);
    // The first theme that has excerpts, then its last excerpt.
    while m.summary.themes[m.theme].excerpts.is_empty() {
        keys(&mut m, &[KeyCode::Down]);
    }
    keys(&mut m, &[KeyCode::Enter, KeyCode::End]);
    let e = m.summary.themes[m.theme].excerpts.last().unwrap().clone();
    assert_eq!(m.excerpt, m.summary.themes[m.theme].excerpts.len() - 1);
    keys(&mut m, &[KeyCode::Enter]);
    let r = m.reader.as_ref().expect("report open");
    let line = e.place.line.expect("a report has lines");
    assert_eq!(r.mark, Some(line - 1));
    let first_word = e.sentence.split_whitespace().next().unwrap();
    assert!(
        r.lines[line - 1].contains(first_word),
        "{}",
        r.lines[line - 1]
    );
    // The marked line is on screen.
    let s = screen(&m);
    assert!(s.contains(r.lines[line - 1].trim().split_at(10).0), "{s}");
}

#[test]
fn a_target_date_opens_its_report_at_its_line() {
    let mut m = all((80, 24));
    keys(&mut m, &[KeyCode::Char('3'), KeyCode::End]);
    let d = m.summary.target_dates.last().expect("dates found").clone();
    keys(&mut m, &[KeyCode::Enter]);
    let r = m.reader.as_ref().expect("report open");
    assert_eq!(r.mark, d.place.line.map(|l| l - 1));
    assert!(r.title.contains(&d.place.organization));
}

#[test]
fn tabs_cycle_and_keep_nothing_focused_past_the_last_column() {
    let mut m = all((80, 24));
    keys(&mut m, &[KeyCode::Tab]);
    assert_eq!(m.tab, Tab::Themes);
    keys(&mut m, &[KeyCode::Tab, KeyCode::Right, KeyCode::Right]);
    assert_eq!((m.tab, m.focus), (Tab::Dates, 0));
    keys(&mut m, &[KeyCode::Tab]);
    assert_eq!(m.tab, Tab::Questions);
    keys(&mut m, &[KeyCode::BackTab]);
    assert_eq!(m.tab, Tab::Dates);
}

#[test]
fn q_and_esc_quit_and_ctrl_c_too() {
    let mut m = all((80, 24));
    assert!(key(&mut m, KeyCode::Char('q')));
    assert!(key(&mut m, KeyCode::Esc));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(lookup(false, &ctrl_c), Some(Msg::Quit));
    assert_eq!(lookup(true, &ctrl_c), Some(Msg::Quit));
    // In a report, Esc closes it and q quits.
    to_question(&mut m, 12);
    keys(&mut m, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert!(m.reader.is_some());
    assert!(help_line(true).contains("Esc close"));
    assert!(key(&mut m, KeyCode::Char('q')));
}

#[test]
fn a_resize_keeps_the_report_scrolled_within_it() {
    let mut m = all((80, 24));
    to_question(&mut m, 12);
    keys(
        &mut m,
        &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter, KeyCode::End],
    );
    let narrow = m.reader.as_ref().unwrap().scroll;
    update(&mut m, Msg::Resize(200, 60));
    let wide = m.reader.as_ref().unwrap().scroll;
    assert!(wide < narrow, "{wide} < {narrow}");
}

#[test]
fn hostile_text_in_a_report_never_reaches_the_screen_as_escapes() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string("tests/fixtures/public-safety-canada.txt").unwrap();
    let hostile = text.replacen(
        "Public Safety Canada",
        "Public \u{1b}[31mSafety\u{202e} Canada",
        1,
    );
    let path = dir.path().join("hostile.txt");
    std::fs::write(&path, hostile).unwrap();
    let mut m = model_of(&[path.display().to_string()], (120, 40));
    to_question(&mut m, 12);
    keys(&mut m, &[KeyCode::Enter, KeyCode::Enter]);
    let list = screen(&m);
    keys(&mut m, &[KeyCode::Enter]);
    let report = screen(&m);
    for s in [&list, &report] {
        assert!(!s.contains('\u{1b}') && !s.contains('\u{202e}'), "{s}");
    }
    assert!(report.contains("Safety"), "{report}");
}

#[test]
fn tui_without_a_terminal_fails_clearly_before_reading_anything() {
    let out = assert_cmd::cargo::cargo_bin_cmd!("quire")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "summary",
            "--tui",
            "tests/fixtures/public-safety-canada.txt",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.starts_with("quire: --tui needs a terminal"), "{err}");
    assert!(err.contains("leave out --tui"), "{err}");
    // Nothing was read: a missing file is not even mentioned.
    let out = assert_cmd::cargo::cargo_bin_cmd!("quire")
        .args(["summary", "--tui", "/nonexistent/report.txt"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).contains("nonexistent"));
}

#[test]
fn tui_and_a_format_cannot_be_asked_together() {
    assert_cmd::cargo::cargo_bin_cmd!("quire")
        .args(["summary", "--tui", "--format", "csv", "x.txt"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("cannot be used with"));
}

#[test]
fn a_json_export_opens_as_its_canonical_report() {
    let q = builtin();
    let name = "privacy-commissioner-canada.txt";
    let answers = quire::report::import(&q, &common::fixture(name))
        .expect("fixture imports")
        .answers;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("export.json");
    let json =
        quire::report::formats::render(quire::report::formats::Format::Json, &q, &answers, None);
    std::fs::write(&path, json).unwrap();
    let mut m = model_of(&[path.display().to_string()], (80, 24));
    to_question(&mut m, 12);
    keys(
        &mut m,
        &[
            KeyCode::Enter,
            KeyCode::Down,
            KeyCode::Enter,
            KeyCode::Enter,
        ],
    );
    let r = m.reader.as_ref().expect("report open");
    let canonical = quire::report::render(&q, &answers, None);
    let want: Vec<&str> = canonical.lines().collect();
    assert_eq!(r.lines, want);
    assert_eq!(r.mark, None);
}

#[test]
fn a_report_not_at_hand_is_said_not_opened() {
    let mut m = all((80, 24));
    m.documents.clear();
    to_question(&mut m, 12);
    keys(&mut m, &[KeyCode::Enter, KeyCode::Enter, KeyCode::Enter]);
    assert!(m.reader.is_none());
    let s = screen(&m);
    assert!(s.contains("its report is not at hand to open"), "{s}");
    // The next key clears it.
    keys(&mut m, &[KeyCode::Up]);
    assert!(!screen(&m).contains("not at hand"));
}
