//! Bursts of keys handled together (`App::handle`), as the event loop reads
//! them when they arrive faster than frames are drawn: a typing tool, or a
//! paste in a terminal without bracketed paste. The keys keep their meaning
//! and order; a run of plain typing becomes one edit.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::App;
use quire::tui::keymap::Mode;
use quire::tui::model::Theme;
use quire::tui::msg::Msg;
use tempfile::TempDir;

const ID: &str = "public-safety-canada-7f3a";

fn key(code: KeyCode, modifiers: KeyModifiers) -> Event {
    Event::Key(KeyEvent::new(code, modifiers))
}

/// The keys a terminal sends for `text` typed (or pasted unbracketed):
/// a new line is Enter, as a terminal sends it.
fn keys(text: &str) -> Vec<Event> {
    text.chars()
        .map(|c| match c {
            '\n' => key(KeyCode::Enter, KeyModifiers::NONE),
            c => key(KeyCode::Char(c), KeyModifiers::NONE),
        })
        .collect()
}

fn no_editor(_: &str) -> Result<String, String> {
    Err("no editor in this test".into())
}

/// The wizard with a draft open at `position` (a text field).
fn app_at(tmp: &TempDir, position: &str) -> App {
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), &q, quire::draft::now());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    d.position = FieldKey::parse(position);
    store.create(&d).expect("create");
    let mut app = App::new(q, store, (80, 24), Theme { color: false });
    app.open(ID);
    assert_eq!(
        app.model.mode(),
        Mode::Text,
        "the draft opens in a text field"
    );
    app
}

fn saved(app: &App, field: &str) -> Option<Value> {
    let id = DraftId::parse(ID).expect("id");
    let draft = app.shell.store.load(&id).expect("the draft loads");
    draft.answers.get(&FieldKey::parse(field)?).cloned()
}

fn editor_text(app: &App) -> String {
    app.model
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text())
        .expect("a text field is focused")
}

/// A long burst: many lines, some long, with characters from several
/// scripts (what a typing tool sends).
fn long_text() -> String {
    (0..400)
        .map(|i| {
            format!(
                "Ligne {i}: consultations, été, 研究 ✓ — {}",
                "x".repeat(i % 90)
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_burst_of_typing_lands_whole_and_in_order_as_one_edit() {
    let tmp = TempDir::new().expect("tmp");
    let mut app = app_at(&tmp, "q8");
    let text = long_text();
    assert!(text.len() > 20_000, "a burst well over crossterm's reads");
    assert!(!app.handle(keys(&text), &mut no_editor));
    assert_eq!(editor_text(&app), text);
    // One edit: one undo takes the whole burst back.
    app.dispatch(Msg::Undo, &mut no_editor);
    assert_eq!(editor_text(&app), "");
}

#[test]
fn bound_keys_inside_a_burst_keep_their_meaning_and_order() {
    let tmp = TempDir::new().expect("tmp");
    let mut app = app_at(&tmp, "q8");
    // Tab leaves the field: what follows goes to the next question's field.
    let mut events = keys("social media\nand email");
    events.push(key(KeyCode::Tab, KeyModifiers::NONE));
    events.extend(keys("case studies"));
    assert!(!app.handle(events, &mut no_editor));
    assert_eq!(editor_text(&app), "case studies");
    assert_eq!(
        saved(&app, "q8"),
        Some(Value::Text("social media\nand email".into())),
        "leaving the field saved what was typed before Tab"
    );
}

#[test]
fn ctrl_c_at_the_end_of_a_burst_quits_and_keeps_the_burst() {
    let tmp = TempDir::new().expect("tmp");
    let mut app = app_at(&tmp, "q8");
    let text = long_text();
    let mut events = keys(&text);
    events.push(key(KeyCode::Char('c'), KeyModifiers::CONTROL));
    events.extend(keys("never typed"));
    assert!(app.handle(events, &mut no_editor), "Ctrl-C quits");
    assert_eq!(saved(&app, "q8"), Some(Value::Text(text)));
}

#[test]
fn a_line_feed_in_a_burst_is_a_new_line() {
    let tmp = TempDir::new().expect("tmp");
    let mut app = app_at(&tmp, "q8");
    let mut events = keys("first");
    events.push(key(KeyCode::Char('j'), KeyModifiers::CONTROL));
    events.extend(keys("Second"));
    assert!(!app.handle(events, &mut no_editor));
    assert_eq!(editor_text(&app), "first\nSecond");
}

#[test]
fn a_burst_in_the_organization_prompt_is_typed_then_accepted() {
    let tmp = TempDir::new().expect("tmp");
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    let mut app = App::new(q, store, (80, 24), Theme { color: false });
    // With no drafts yet, the wizard opens on the organization prompt.
    assert_eq!(app.model.mode(), Mode::Prompt);
    let mut events = keys("Public Safety Canada");
    events.push(key(KeyCode::Enter, KeyModifiers::NONE));
    assert!(!app.handle(events, &mut no_editor));
    let session = app.model.session().expect("a draft was created");
    assert_eq!(session.draft.organization(), "Public Safety Canada");
}

fn box_text(app: &App) -> String {
    app.model
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text())
        .expect("an answer box")
}

/// Keys typed one at a time, as a person types (each read on its own),
/// are undone a word at a time; a burst read together joins the word it
/// continues; a paste is undone at once.
#[test]
fn typing_is_undone_a_word_at_a_time_and_a_paste_at_once() {
    let tmp = TempDir::new().expect("temp dir");
    let mut app = app_at(&tmp, "q8");
    let ctrl_z = || key(KeyCode::Char('z'), KeyModifiers::CONTROL);
    for event in keys("Social media and ") {
        assert!(!app.handle([event], &mut no_editor));
    }
    app.handle(keys("ethics"), &mut no_editor);
    app.handle([Event::Paste(" (pasted)".into())], &mut no_editor);
    assert_eq!(box_text(&app), "Social media and ethics (pasted)");
    app.handle([ctrl_z()], &mut no_editor);
    assert_eq!(box_text(&app), "Social media and ethics");
    app.handle([ctrl_z()], &mut no_editor);
    assert_eq!(box_text(&app), "Social media and ");
    app.handle([ctrl_z()], &mut no_editor);
    assert_eq!(box_text(&app), "Social media ");
    app.handle([ctrl_z(), ctrl_z()], &mut no_editor);
    assert_eq!(box_text(&app), "");
}
