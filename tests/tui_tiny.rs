//! The wizard drawn on terminals smaller than it believes: the frame is
//! sized by the terminal itself, the model by the last resize message, so a
//! key handled between a shrink and its resize message draws a full-size
//! screen into a tiny frame. Nothing may panic: a panic loses the terminal.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::draft::DraftStore;
use quire::questionnaire::Questionnaire;
use quire::tui::model::{Showing, Theme};
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use tempfile::TempDir;

fn app(dir: &TempDir) -> App {
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let q = Questionnaire::builtin().expect("valid");
    App::new(q, store, (80, 24), Theme { color: false })
}

/// Sends a key as the event loop does, through the key map.
fn key(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(msg) = to_msg(app.model.mode(), event) {
        app.dispatch(msg, &mut |_| Err("no editor".into()));
    }
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

/// Draws the model on a `w`×`h` terminal, whatever size the model holds.
fn draw(app: &App, w: u16, h: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(&app.model, f))
        .unwrap_or_else(|e| panic!("draw at {w}×{h}: {e}"));
    format!("{}", terminal.backend())
}

/// A new draft with nothing answered, on the review screen: every required
/// answer is listed as missing there.
fn on_review(dir: &TempDir) -> App {
    let mut app = app(dir);
    type_text(&mut app, "Office");
    key(&mut app, KeyCode::Enter);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.model.showing(), Showing::Review);
    app
}

#[test]
fn the_review_screen_shrunk_to_eleven_rows_before_its_resize_draws() {
    let dir = TempDir::new().expect("temp dir");
    let mut app = on_review(&dir);
    // The terminal shrinks; a key arrives before the resize message.
    key(&mut app, KeyCode::Down);
    for h in 1..=11 {
        draw(&app, 80, h);
    }
    // Once the resize message arrives, the wizard says the window is too small.
    app.dispatch(Msg::Resize(80, 11), &mut |_| Err("no editor".into()));
    assert!(draw(&app, 80, 11).contains("Terminal too small"));
}

#[test]
fn every_screen_draws_on_any_small_frame() {
    let dirs: Vec<TempDir> = (0..7).map(|_| TempDir::new().expect("temp dir")).collect();
    let start = app(&dirs[0]);
    let mut question = app(&dirs[1]);
    type_text(&mut question, "Office");
    key(&mut question, KeyCode::Enter);
    assert_eq!(question.model.showing(), Showing::Question);
    let mut text = app(&dirs[2]);
    type_text(&mut text, "Office");
    key(&mut text, KeyCode::Enter);
    key(&mut text, KeyCode::Char(' '));
    key(&mut text, KeyCode::Tab);
    type_text(&mut text, "Some words.");
    let review = on_review(&dirs[3]);
    let mut help = app(&dirs[4]);
    type_text(&mut help, "Office");
    key(&mut help, KeyCode::Enter);
    key(&mut help, KeyCode::Char('?'));
    assert!(help.model.help_open());
    let mut asking = on_review(&dirs[5]);
    key(&mut asking, KeyCode::Char('e'));
    assert!(asking.model.incomplete().is_some(), "export anyway?");
    let mut export = on_review(&dirs[6]);
    key(&mut export, KeyCode::Char('e'));
    key(&mut export, KeyCode::Char('y'));
    assert!(export.model.prompt().is_some(), "the export prompt");
    // The draft of `text` is listed on the start screen of its folder.
    let listed = app(&dirs[2]);
    for (name, app) in [
        ("start", &start),
        ("question", &question),
        ("text", &text),
        ("review", &review),
        ("help", &help),
        ("export anyway", &asking),
        ("export prompt", &export),
        ("start with a draft", &listed),
    ] {
        for w in [1, 2, 5, 10, 20, 40, 59, 60, 80] {
            for h in 1..=24 {
                let drawn =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| draw(app, w, h)));
                assert!(drawn.is_ok(), "{name} screen panicked at {w}×{h}");
            }
        }
    }
}
