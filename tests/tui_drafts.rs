//! The start screen's work on drafts, through the real wizard on a
//! temporary drafts folder: drafts of other questionnaires grouped apart,
//! exported marks, delete (asked, undone), rename, the versions list with
//! what each changed, a past version opened read-only and restored. Key
//! sequences go through the key map; the folder is checked on disk; the
//! screens are snapshots at 80×24 and 120×40.

mod common;

use chrono::{DateTime, FixedOffset};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::tui::keymap::Mode;
use quire::tui::model::{Group, SaveState, Showing, Theme};
use quire::tui::msg::Effect;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Modifier;
use std::fmt::Write as _;
use std::path::Path;
use tempfile::TempDir;

const PSC: &str = "public-safety-canada-7f3a";
const CSC: &str = "correctional-service-1b2c";

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("date")
}

fn id(s: &str) -> DraftId {
    DraftId::parse(s).expect("id")
}

fn choice(option: &str) -> Value {
    Value::Choice(vec![Chosen::Option(option.into())])
}

/// A draft of the built-in questionnaire, saved at `updated`.
fn draft(name: &str, organization: &str, updated: &str) -> Draft {
    let mut d = Draft::new(id(name), &common::builtin(), at(updated));
    d.answers
        .header
        .insert("organization".into(), organization.into());
    d
}

/// A drafts folder as a busy analyst's looks: Public Safety Canada with
/// three versions, exported and changed since; Correctional Service
/// exported incomplete; a draft of another questionnaire; a file that
/// cannot be read.
fn folder(dir: &TempDir) -> DraftStore {
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let mut psc = draft(PSC, "Public Safety Canada", "2024-11-04T09:30:00-05:00");
    store.create(&psc).expect("create");
    psc.answers.set(FieldKey::main("q1"), choice("yes"));
    psc.updated = at("2024-11-04T10:00:00-05:00");
    store.save(&psc).expect("save");
    psc.answers.set(
        FieldKey::sub("q1", "if-not"),
        Value::Text("Training starts in January.".into()),
    );
    psc.answers.set(FieldKey::main("q3"), choice("reviewed"));
    psc.updated = at("2024-11-04T11:00:00-05:00");
    store.save(&psc).expect("save");
    store
        .record_export(
            &psc.id,
            &psc.answers,
            Path::new("/home/ana/Documents/psc.txt"),
            true,
            at("2024-11-04T11:05:00-05:00"),
        )
        .expect("record");
    psc.answers.set(FieldKey::main("q1"), choice("no"));
    psc.updated = at("2024-11-05T09:00:00-05:00");
    store.save(&psc).expect("save");

    let csc = draft(
        CSC,
        "Correctional Service of Canada",
        "2024-11-03T16:20:00-05:00",
    );
    store.create(&csc).expect("create");
    store
        .record_export(
            &csc.id,
            &csc.answers,
            Path::new("/srv/csc.txt"),
            true,
            at("2024-11-03T16:30:00-05:00"),
        )
        .expect("record");

    let mut retro = draft("retro-0001", "Team Falcon", "2024-11-02T12:00:00-05:00");
    retro.questionnaire.id = "team-retrospective".into();
    store.create(&retro).expect("create");
    std::fs::write(store.dir().join("broken-0001.toml"), "format = 1\nid = [\n").expect("write");
    store
}

fn app(store: DraftStore, w: u16, h: u16) -> App {
    let mut app = App::new(common::builtin(), store, (w, h), Theme { color: false });
    app.model.now = at("2024-11-05T14:02:00-05:00");
    app
}

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let msg = to_msg(app.model.mode(), Event::Key(KeyEvent::new(code, modifiers)))
        .unwrap_or_else(|| panic!("{code:?} means nothing in {:?}", app.model.mode()));
    let quit = app.dispatch(msg, &mut |_| Err("no editor".into()));
    assert!(!quit, "the wizard quit");
}

fn key(app: &mut App, code: KeyCode) {
    press(app, code, KeyModifiers::NONE);
}

fn char(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        let shift = if c.is_uppercase() {
            KeyModifiers::SHIFT
        } else {
            KeyModifiers::NONE
        };
        press(app, KeyCode::Char(c), shift);
    }
}

/// The screen as text, then the reversed runs by row.
fn screen(app: &App) -> String {
    let (w, h) = app.model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(&app.model, f))
        .expect("draw");
    let backend = terminal.backend();
    let buffer = backend.buffer();
    let mut out = format!("{backend}");
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

fn status(app: &App) -> &str {
    app.model.status.as_deref().unwrap_or("")
}

/// Moves the start screen's cursor to draft `id`.
fn select(app: &mut App, id: &str) {
    for _ in 0..app.model.drafts.len() {
        key(app, KeyCode::Up);
    }
    while app.model.drafts[app.model.start_cursor].id != id {
        key(app, KeyCode::Down);
    }
}

#[test]
fn drafts_of_other_questionnaires_are_grouped_apart_with_exported_marks() {
    let dir = TempDir::new().expect("temp");
    let app80 = app(folder(&dir), 80, 24);
    let order: Vec<(&str, Group)> = app80
        .model
        .drafts
        .iter()
        .map(|d| (d.id.as_str(), d.group()))
        .collect();
    assert_eq!(
        order,
        [
            (PSC, Group::Ours),
            (CSC, Group::Ours),
            ("retro-0001", Group::Others),
            ("broken-0001", Group::Unreadable),
        ]
    );
    let psc = &app80.model.drafts[0].exported.as_ref().expect("exported");
    assert!(psc.changed_since && psc.last.incomplete);
    let csc = &app80.model.drafts[1].exported.as_ref().expect("exported");
    assert!(!csc.changed_since);
    insta::assert_snapshot!("drafts_grouped_80x24", screen(&app80));
    let app120 = app(folder(&TempDir::new().expect("temp")), 120, 40);
    insta::assert_snapshot!("drafts_grouped_120x40", screen(&app120));
}

#[test]
fn a_draft_of_another_questionnaire_is_not_opened_and_says_which() {
    let dir = TempDir::new().expect("temp");
    let mut app = app(folder(&dir), 80, 24);
    select(&mut app, "retro-0001");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.model.showing(), Showing::Start);
    assert_eq!(
        status(&app),
        "Draft retro-0001 answers questionnaire `team-retrospective`: start quire with --questionnaire for it."
    );
    for c in ['r', 'v'] {
        char(&mut app, c);
        assert_eq!(app.model.mode(), Mode::Start, "{c}");
        assert!(status(&app).starts_with("Draft retro-0001 answers"), "{c}");
    }
}

#[test]
fn delete_asks_first_moves_to_the_trash_and_u_brings_it_back() {
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let before = std::fs::read(store.path(&id(CSC))).expect("read");
    let mut app = app(store.clone(), 80, 24);
    select(&mut app, CSC);

    // Asked; no keeps it.
    char(&mut app, 'd');
    assert_eq!(app.model.mode(), Mode::Ask);
    insta::assert_snapshot!("delete_asks_80x24", screen(&app));
    char(&mut app, 'n');
    assert_eq!(
        status(&app),
        format!("Kept draft Correctional Service of Canada ({CSC}).")
    );
    assert!(store.path(&id(CSC)).exists());

    // Yes moves it to the trash, as `quire drafts rm` does.
    char(&mut app, 'd');
    char(&mut app, 'y');
    assert!(!store.path(&id(CSC)).exists());
    assert!(dir.path().join(format!("drafts/trash/{CSC}.toml")).exists());
    assert!(app.model.drafts.iter().all(|d| d.id != CSC));
    assert_eq!(
        status(&app),
        format!("Moved Correctional Service of Canada ({CSC}) to the trash; u undoes.")
    );
    insta::assert_snapshot!("deleted_undo_offered_80x24", screen(&app));

    // Another key does not lose the undo; u brings it back, cursor on it.
    key(&mut app, KeyCode::Up);
    char(&mut app, 'u');
    assert_eq!(std::fs::read(store.path(&id(CSC))).expect("read"), before);
    assert_eq!(app.model.drafts[app.model.start_cursor].id, CSC);
    assert_eq!(
        status(&app),
        format!("Brought back Correctional Service of Canada ({CSC}) from the trash.")
    );
    char(&mut app, 'u');
    assert_eq!(status(&app), "Nothing to undo.");
}

#[test]
fn a_draft_open_elsewhere_is_not_deleted() {
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let _held = store.lock(&id(CSC)).expect("lock");
    let mut app = app(store.clone(), 80, 24);
    select(&mut app, CSC);
    char(&mut app, 'd');
    char(&mut app, 'y');
    assert!(store.path(&id(CSC)).exists());
    assert!(
        status(&app).starts_with(&format!("draft `{CSC}` is open in another quire")),
        "{}",
        status(&app)
    );
    assert_eq!(app.model.trashed, None);
}

#[test]
fn rename_changes_the_id_and_refuses_a_taken_or_invalid_name() {
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let history = store.history(&id(PSC)).len();
    let mut app = app(store.clone(), 80, 24);
    select(&mut app, PSC);
    char(&mut app, 'r');
    assert_eq!(app.model.mode(), Mode::Prompt);
    assert_eq!(app.model.prompt().expect("prompt").value(), PSC);
    insta::assert_snapshot!("rename_prompt_80x24", screen(&app));

    // A name that is not an id: said in the prompt, with the id it would be.
    press(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    type_text(&mut app, "PSC 2025");
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.prompt().and_then(|p| p.error.clone()).as_deref(),
        Some(
            "`PSC 2025` is not a draft id: lowercase letters, digits and single dashes (for example `psc-2025`)"
        )
    );
    // A name taken by another draft.
    press(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    type_text(&mut app, CSC);
    key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.prompt().and_then(|p| p.error.clone()),
        Some(format!(
            "the name `{CSC}` is taken: a draft has it; choose another"
        ))
    );
    assert!(store.path(&id(PSC)).exists());

    press(&mut app, KeyCode::Char('a'), KeyModifiers::CONTROL);
    type_text(&mut app, "psc-2025");
    key(&mut app, KeyCode::Enter);
    assert_eq!(app.model.mode(), Mode::Start);
    assert!(!store.path(&id(PSC)).exists());
    assert_eq!(store.history(&id("psc-2025")).len(), history);
    let d = &app.model.drafts[app.model.start_cursor];
    assert_eq!(
        (d.id.as_str(), d.organization.as_str()),
        ("psc-2025", "Public Safety Canada")
    );
    assert!(
        d.exported.as_ref().is_some_and(|e| e.changed_since),
        "the export record follows"
    );
    assert!(status(&app).starts_with("Renamed public-safety-canada-7f3a to psc-2025;"));
}

#[test]
fn versions_show_what_changed_open_read_only_and_restore() {
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let mut app = app(store.clone(), 80, 24);
    select(&mut app, PSC);
    char(&mut app, 'v');
    assert_eq!(app.model.showing(), Showing::Versions);
    let v = app.model.versions().expect("versions");
    let changes: Vec<&str> = v.rows.iter().map(|r| r.changes.as_str()).collect();
    assert_eq!(
        changes,
        [
            "Q1 if-not added (27 chars); Q3 answer: Yes, my organization has review…",
            "Q1 answer: Yes",
            "the oldest version kept",
        ]
    );
    assert_eq!(v.since_newest.as_deref(), Some("Q1 answer: Yes → No"));
    insta::assert_snapshot!("versions_80x24", screen(&app));
    let mut wide = self::app(store.clone(), 120, 40);
    select(&mut wide, PSC);
    char(&mut wide, 'v');
    insta::assert_snapshot!("versions_120x40", screen(&wide));

    // Version 2 opened: read-only, its answers, nothing locked or written.
    let before = files(&dir);
    key(&mut app, KeyCode::Down);
    key(&mut app, KeyCode::Enter);
    let s = app.model.session().expect("a session");
    assert_eq!(s.version.as_ref().map(|v| v.n), Some(2));
    assert!(matches!(s.save, SaveState::ReadOnly(_)));
    assert_eq!(
        s.draft.answers.get(&FieldKey::main("q1")),
        Some(&choice("yes"))
    );
    assert_eq!(s.draft.answers.get(&FieldKey::main("q3")), None);
    insta::assert_snapshot!("past_version_read_only_80x24", screen(&app));
    char(&mut app, 'j');
    key(&mut app, KeyCode::Char(' '));
    assert_eq!(files(&dir), before, "a past version writes nothing");
    assert!(store.lock(&id(PSC)).is_ok(), "nor locks the draft");

    // Esc goes back to the list, on that version.
    key(&mut app, KeyCode::Esc);
    assert_eq!(app.model.showing(), Showing::Versions);
    assert!(app.model.session().is_none());
    assert_eq!(app.model.versions().expect("versions").cursor, 1);

    // r asks; no changes nothing; yes restores, keeping the current draft.
    char(&mut app, 'r');
    assert_eq!(app.model.mode(), Mode::Ask);
    insta::assert_snapshot!("restore_asks_80x24", screen(&app));
    char(&mut app, 'n');
    assert_eq!(files(&dir), before);
    let current = store.load(&id(PSC)).expect("load");
    char(&mut app, 'r');
    char(&mut app, 'y');
    assert_eq!(app.model.showing(), Showing::Start);
    let restored = store.load(&id(PSC)).expect("load");
    assert_eq!(
        restored.answers.get(&FieldKey::main("q1")),
        Some(&choice("yes"))
    );
    assert_eq!(restored.answers.get(&FieldKey::main("q3")), None);
    assert!(status(&app).starts_with("Restored version 2 of public-safety-canada-7f3a;"));
    let newest = store.load_version(&id(PSC), 1).expect("version 1");
    assert_eq!(
        newest.answers, current.answers,
        "what was replaced is version 1"
    );
}

#[test]
fn a_draft_with_no_versions_says_so() {
    let dir = TempDir::new().expect("temp");
    let mut app = app(folder(&dir), 80, 24);
    select(&mut app, CSC);
    char(&mut app, 'v');
    assert_eq!(app.model.showing(), Showing::Start);
    assert!(status(&app).starts_with(&format!("Draft {CSC} has no earlier versions yet")));
}

#[test]
fn the_wizard_records_its_exports_but_not_from_a_read_only_draft() {
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let out = dir.path().join("report.txt");
    let mut app = app(store.clone(), 80, 24);
    app.open(CSC);
    let export = Effect::Export {
        path: out.clone(),
        text: "report\n".into(),
        overwrite: false,
    };
    app.shell.perform(&app.model, export.clone());
    let record = store.exports(&id(CSC));
    assert_eq!(record.len(), 2);
    let last = record.last().expect("recorded");
    assert_eq!(last.to, out.display().to_string());
    assert!(last.incomplete, "nothing is answered");
    assert_eq!(last.at, app.model.now);

    // Open elsewhere: read-only, nothing written beside the draft.
    let dir = TempDir::new().expect("temp");
    let store = folder(&dir);
    let _held = store.lock(&id(CSC)).expect("lock");
    let mut app = self::app(store.clone(), 80, 24);
    app.open(CSC);
    assert!(matches!(
        app.model.session().expect("session").save,
        SaveState::ReadOnly(_)
    ));
    let out = dir.path().join("report.txt");
    let export = Effect::Export {
        path: out.clone(),
        text: "report\n".into(),
        overwrite: false,
    };
    app.shell.perform(&app.model, export);
    assert!(out.exists(), "the report is written");
    assert_eq!(store.exports(&id(CSC)).len(), 1);
}

/// Every file under the drafts folder with its bytes, lock files aside.
fn files(dir: &TempDir) -> Vec<(String, Vec<u8>)> {
    fn walk(dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_none_or(|e| e != "lock") {
                out.push((
                    path.display().to_string(),
                    std::fs::read(&path).expect("read"),
                ));
            }
        }
    }
    let mut out = Vec::new();
    walk(&dir.path().join("drafts"), &mut out);
    out.sort();
    out
}
