//! The wizard asks every header field of a questionnaire, and lets the user
//! discard an answer set aside when the questionnaire changed.

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, Orphan};
use quire::questionnaire::Questionnaire;
use quire::tui::keymap::Mode;
use quire::tui::model::{PromptKind, Showing, Theme};
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};

fn press(app: &mut App, code: KeyCode) {
    let msg = to_msg(
        app.model.mode(),
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    )
    .expect("a key the current mode knows");
    app.dispatch(msg, &mut |_| Err("no editor".into()));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

#[test]
fn every_header_field_is_asked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/retrospective.toml");
    let q = Questionnaire::from_file(std::path::Path::new(path)).expect("the example loads");
    assert!(
        q.header_fields.len() >= 2,
        "the example has several header fields"
    );
    let ids: Vec<String> = q.header_fields.iter().map(|f| f.id.clone()).collect();
    let store = DraftStore::open(dir.path()).expect("store");
    let mut app = App::new(q, store.clone(), (80, 24), Theme { color: false });
    for (n, id) in ids.iter().enumerate() {
        let p = app.model.prompt().expect("a header prompt");
        assert_eq!(p.kind, PromptKind::Header(n));
        type_text(&mut app, &format!("value of {id}"));
        press(&mut app, KeyCode::Enter);
    }
    assert_eq!(
        app.model.showing(),
        Showing::Question,
        "{:?}",
        app.model.status
    );
    let id = app.model.draft_id().expect("a draft is open").clone();
    let saved = store.load(&id).expect("created on disk");
    for field in &ids {
        assert_eq!(
            saved.answers.header.get(field),
            Some(&format!("value of {field}"))
        );
    }
}

#[test]
fn an_optional_header_field_may_stay_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let source = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/retrospective.toml"
    ))
    .expect("example")
    .replace(
        "label = \"Sprint (name or number)\"\nrequired = true",
        "label = \"Sprint (name or number)\"\nrequired = false",
    );
    let q = Questionnaire::from_toml(&source, "retro.toml").expect("valid");
    let store = DraftStore::open(dir.path()).expect("store");
    let mut app = App::new(q, store.clone(), (80, 24), Theme { color: false });
    type_text(&mut app, "Blue team");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.showing(),
        Showing::Question,
        "{:?}",
        app.model.prompt().map(|p| &p.error)
    );
    let id = app.model.draft_id().expect("a draft is open").clone();
    let saved = store.load(&id).expect("created on disk");
    assert_eq!(
        saved.answers.header.get("team").map(String::as_str),
        Some("Blue team")
    );
    assert_eq!(saved.answers.header.get("sprint"), None);
}

#[test]
fn a_required_header_field_cannot_be_left_empty() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = Questionnaire::builtin().expect("valid");
    let mut app = App::new(
        q,
        DraftStore::open(dir.path()).expect("store"),
        (80, 24),
        Theme { color: false },
    );
    press(&mut app, KeyCode::Enter);
    let p = app.model.prompt().expect("still asking");
    assert_eq!(p.error.as_deref(), Some("Organization name is required."));
    assert_eq!(app.model.showing(), Showing::Start);
}

#[test]
fn an_answer_set_aside_can_be_discarded_from_the_review() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(dir.path()).expect("store");
    let id = DraftId::parse("office-0001").expect("id");
    let mut draft = Draft::new(id.clone(), &q, quire::draft::now());
    draft
        .answers
        .header
        .insert("organization".into(), "Office".into());
    draft.orphans.push(Orphan {
        key: FieldKey::main("q14"),
        value: Value::Text("An answer to a removed question.".into()),
        reason: "question `q14` is no longer in the questionnaire".into(),
    });
    store.save(&draft).expect("saved");
    let mut app = App::new(q, store.clone(), (80, 24), Theme { color: false });
    app.open(id.as_str());
    app.dispatch(Msg::Review, &mut |_| Err("no editor".into()));
    assert_eq!(app.model.mode(), Mode::Review);
    // Discarding a missing answer is refused: only set-aside answers go.
    press(&mut app, KeyCode::Char('d'));
    assert!(
        app.model
            .status
            .as_deref()
            .is_some_and(|s| s.contains("Only an answer set aside"))
    );
    // The set-aside answer is the last issue; the questions follow it.
    let n = quire::tui::update::issues(&app.model).len();
    for _ in 1..n {
        press(&mut app, KeyCode::Down);
    }
    press(&mut app, KeyCode::Char('d'));
    assert!(
        app.model
            .status
            .as_deref()
            .is_some_and(|s| s.contains("Discarded")),
        "{:?}",
        app.model.status
    );
    let saved = store.load(&id).expect("still there");
    assert!(saved.orphans.is_empty(), "the discard is saved");
    let kept = store.history(&id);
    let before = DraftStore::load_path(&kept[0].path).expect("the version before");
    assert_eq!(
        before.orphans.len(),
        1,
        "the history keeps the discarded answer"
    );
}

#[test]
fn quitting_when_the_draft_cannot_be_saved_rescues_the_answers() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = Questionnaire::builtin().expect("valid");
    let store = DraftStore::open(dir.path()).expect("store");
    let mut app = App::new(q, store.clone(), (80, 24), Theme { color: false });
    type_text(&mut app, "Rescue Office");
    press(&mut app, KeyCode::Enter);
    let id = app.model.draft_id().expect("a draft is open").clone();
    // Someone breaks the file on disk: quire must not write over it.
    let path = store.path(&id);
    std::fs::write(&path, "this is = not [a draft").expect("break the file");
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Tab);
    type_text(&mut app, "Typed before quitting.");
    let quit = app.dispatch(Msg::Quit, &mut |_| Err("no editor".into()));
    assert!(quit);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "this is = not [a draft"
    );
    let note = app.rescue_note().expect("the user is told");
    let rescued = app
        .shell
        .rescued
        .clone()
        .expect("rescued")
        .expect("written");
    assert!(note.contains(&rescued.display().to_string()));
    let draft = DraftStore::load_path(&rescued).expect("the rescue file is a draft");
    assert_eq!(
        draft.answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("Typed before quitting.".into()))
    );
    std::fs::remove_file(rescued).expect("clean up");
}

#[test]
fn ctrl_j_is_a_new_line_not_a_deletion() {
    let dir = tempfile::tempdir().expect("temp dir");
    let q = Questionnaire::builtin().expect("valid");
    let mut app = App::new(
        q,
        DraftStore::open(dir.path()).expect("store"),
        (80, 24),
        Theme { color: false },
    );
    type_text(&mut app, "Office");
    press(&mut app, KeyCode::Enter);
    press(&mut app, KeyCode::Char(' '));
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.model.mode(), Mode::Text);
    type_text(&mut app, "First line");
    let msg = to_msg(
        app.model.mode(),
        Event::Key(KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)),
    )
    .expect("typing");
    app.dispatch(msg, &mut |_| Err("no editor".into()));
    type_text(&mut app, "second line");
    let text = app
        .model
        .session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text());
    assert_eq!(text.as_deref(), Some("First line\nsecond line"));
}

/// `quire open ID` draws its first frame without reading the other drafts
/// (a 50 MB one delayed it by seconds); the start screen, shown when the
/// draft cannot be opened, lists them.
#[test]
fn opening_a_draft_reads_no_other_draft_unless_the_start_screen_shows() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(dir.path()).expect("store");
    let q = Questionnaire::builtin().expect("builtin");
    for (id, org) in [("first-0001", "First"), ("second-0002", "Second")] {
        let mut d = Draft::new(DraftId::parse(id).expect("id"), &q, quire::draft::now());
        d.answers.header.insert("organization".into(), org.into());
        store.create(&d).expect("create");
    }
    let theme = Theme { color: false };
    let app = App::opening(q.clone(), store.clone(), (80, 24), theme, "first-0001");
    assert_eq!(app.model.showing(), Showing::Question);
    assert!(app.model.drafts.is_empty(), "the folder was listed");
    let app = App::opening(q, store, (80, 24), theme, "missing-0003");
    assert_eq!(app.model.showing(), Showing::Start);
    let listed: Vec<&str> = app.model.drafts.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(listed.len(), 2, "{listed:?}");
    assert!(
        app.model
            .status
            .as_deref()
            .is_some_and(|s| s.contains("missing-0003")),
        "{:?}",
        app.model.status
    );
}
