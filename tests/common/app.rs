//! The real wizard (`App`) on a temporary drafts folder, driven by key
//! events through the key map and drawn on a test backend: what the
//! screen tests share.

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::draft::DraftStore;
use quire::questionnaire::Questionnaire;
use quire::tui::model::{Showing, Theme};
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::fmt::Write as _;
use tempfile::TempDir;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub const NONE: KeyModifiers = KeyModifiers::NONE;
pub const CTRL: KeyModifiers = KeyModifiers::CONTROL;

/// The time every test runs at: Tuesday 5 November 2024, 14:02.
pub fn fixed_now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

/// The wizard on an empty (or prepared) drafts folder, at a fixed time.
pub fn app_in(dir: &TempDir, w: u16, h: u16) -> Result<App> {
    let store = DraftStore::open(dir.path().join("drafts"))?;
    let mut app = App::new(
        Questionnaire::builtin()?,
        store,
        (w, h),
        Theme { color: false },
    );
    app.model.now = fixed_now();
    Ok(app)
}

/// Sends a terminal event as the event loop does: through `to_msg`.
/// Returns false when the key means nothing in the current mode.
pub fn event(app: &mut App, event: Event) -> bool {
    let Some(msg) = to_msg(app.model.mode(), event) else {
        return false;
    };
    let quit = app.dispatch(msg, &mut |_| Err("no editor".into()));
    assert!(!quit, "the wizard quit");
    true
}

pub fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    event(app, Event::Key(KeyEvent::new(code, modifiers)));
}

pub fn key(app: &mut App, code: KeyCode) {
    press(app, code, NONE);
}

pub fn keys(app: &mut App, code: KeyCode, n: usize) {
    for _ in 0..n {
        key(app, code);
    }
}

/// Types text key by key; `\n` is Enter.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        match c {
            '\n' => key(app, KeyCode::Enter),
            c if c.is_uppercase() => press(app, KeyCode::Char(c), KeyModifiers::SHIFT),
            c => key(app, KeyCode::Char(c)),
        }
    }
}

/// Pastes text as a terminal with bracketed paste sends it.
pub fn paste(app: &mut App, text: &str) {
    event(app, Event::Paste(text.into()));
}

/// A pause in typing: the clock moves on `secs` and the autosave runs.
pub fn pause(app: &mut App, secs: i64) {
    let later = app.model.now + TimeDelta::seconds(secs);
    app.dispatch(Msg::Tick(later), &mut |_| Err("no editor".into()));
}

/// The wizard drawn once on a test terminal of its size.
pub fn drawn(app: &App) -> Terminal<TestBackend> {
    let (w, h) = app.model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(&app.model, f))
        .expect("draw");
    terminal
}

/// The screen as text, then where the terminal's cursor is (screen
/// readers and input methods follow it), then the runs of reversed cells
/// by row (selection, highlighted lines), which the text alone cannot show.
pub fn screen(app: &App) -> String {
    let terminal = drawn(app);
    let backend = terminal.backend();
    let buffer = backend.buffer();
    let area = buffer.area;
    let mut out = format!("{backend}");
    let at = backend.cursor_position();
    match backend.cursor_visible() {
        true => writeln!(out, "--- cursor: column {}, row {} ---", at.x, at.y).expect("string"),
        false => out.push_str("--- cursor: hidden ---\n"),
    }
    out.push_str("--- reversed ---\n");
    for y in 0..area.height {
        let mut run = String::new();
        let mut start = None;
        for x in 0..=area.width {
            let cell = (x < area.width).then(|| &buffer[(x, y)]);
            match cell {
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

/// The rows of the screen's text alone, without the quotes the test
/// backend puts around them.
pub fn rows(app: &App) -> Vec<String> {
    let terminal = drawn(app);
    let buffer = terminal.backend().buffer();
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect()
}

/// A new assessment for Public Safety Canada, on question 1.
pub fn new_session(dir: &TempDir, w: u16, h: u16) -> Result<App> {
    let mut app = app_in(dir, w, h)?;
    type_text(&mut app, "Public Safety Canada");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.showing(),
        Showing::Question,
        "{:?}",
        app.model.status
    );
    Ok(app)
}

/// The id of the question on screen.
pub fn on_question(app: &App) -> String {
    let s = app.model.session().expect("a session");
    app.model.questionnaire.questions[s.question].id.clone()
}

/// Moves on with PgDn until question `id` is on screen.
pub fn go_to(app: &mut App, id: &str) {
    for _ in 0..20 {
        if on_question(app) == id {
            return;
        }
        key(app, KeyCode::PageDown);
    }
    panic!("{id} never came:\n{}", screen(app));
}

/// Answers every required question by keys, from question 1, and ends on
/// the review screen.
pub fn answer_everything(app: &mut App) {
    key(app, KeyCode::Char(' ')); // Q1: yes
    key(app, KeyCode::PageDown);
    key(app, KeyCode::Char(' ')); // Q2: yes
    key(app, KeyCode::PageDown);
    key(app, KeyCode::Char(' ')); // Q3: reviewed (Q4 is skipped)
    key(app, KeyCode::PageDown);
    assert_eq!(on_question(app), "q5");
    key(app, KeyCode::Char(' ')); // Q5: updated
    key(app, KeyCode::Tab);
    type_text(app, "Clarified expected behaviours on social media.");
    key(app, KeyCode::PageDown);
    assert_eq!(on_question(app), "q6");
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::PageDown);
    key(app, KeyCode::Char(' ')); // Q7
    key(app, KeyCode::PageDown);
    for (q, text) in [
        ("q8", "Social media and conflicts of interest."),
        ("q9", "New case studies."),
        ("q10", "Small-group discussions."),
        ("q11", "The Public Service Employee Survey."),
    ] {
        assert_eq!(on_question(app), q);
        type_text(app, text);
        key(app, KeyCode::PageDown);
    }
    assert_eq!(on_question(app), "q12");
    key(app, KeyCode::Char(' '));
    key(app, KeyCode::PageDown);
    assert_eq!(on_question(app), "q13");
    key(app, KeyCode::PageDown);
    assert_eq!(app.model.showing(), Showing::Review);
}
