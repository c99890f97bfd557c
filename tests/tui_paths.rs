//! The import and export prompts: Tab completion read from a real folder
//! through the shell, `~`, the folder an export starts in and its memory
//! across sessions, errors shown whole, and an export with answers missing.
//! The real `App` runs on a temporary drafts folder, fed key events through
//! the key map; the user's places (home, documents, current folder) are
//! given by each test, never read from the machine running it.

mod common;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::FieldKey;
use quire::draft::{Draft, DraftId, DraftStore};
use quire::paths::Places;
use quire::tui::keymap::Mode;
use quire::tui::model::{Found, Model, Showing, Theme};
use quire::tui::msg::{Effect, Msg};
use quire::tui::update::update;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const ID: &str = "office-of-examples-1a2b";

/// The time every test runs at: Tuesday 5 November 2024, 14:02.
fn fixed_now() -> chrono::DateTime<chrono::FixedOffset> {
    chrono::DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

/// The wizard on the drafts of `dir/drafts`, at 80×24, at a fixed time.
fn app(dir: &Path, places: Places) -> App {
    let store = DraftStore::open(dir.join("drafts")).expect("store");
    let mut app = App::new(common::builtin(), store, (80, 24), Theme { color: false });
    app.model.now = fixed_now();
    app.model.places = places;
    app
}

/// A draft of the synthetic assessment in `dir/drafts`: complete, or with
/// the answers of `remove` taken out.
fn draft_in(dir: &Path, remove: &[&str]) {
    let store = DraftStore::open(dir.join("drafts")).expect("store");
    let q = common::builtin();
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), &q, fixed_now());
    d.answers = common::synthetic_answers();
    for key in remove {
        d.answers.remove(&FieldKey::parse(key).expect("key"));
    }
    store.save(&d).expect("save");
}

/// The wizard with the draft open, on the review screen.
fn on_review(dir: &Path, places: Places) -> App {
    let mut app = app(dir, places);
    app.open(ID);
    assert!(app.model.session().is_some(), "{:?}", app.model.status);
    dispatch(&mut app, Msg::Review);
    assert_eq!(app.model.showing(), Showing::Review);
    app
}

fn dispatch(app: &mut App, msg: Msg) {
    let quit = app.dispatch(msg, &mut |_| Err("no editor".into()));
    assert!(!quit, "the wizard quit");
}

/// A key as the event loop sends it: through the key map.
fn press(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    let msg = to_msg(app.model.mode(), event).expect("a key that means something");
    dispatch(app, msg);
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| press(app, KeyCode::Char(c)));
}

/// Empties the prompt (Home, then Ctrl-K deletes to the end).
fn clear_prompt(app: &mut App) {
    press(app, KeyCode::Home);
    let event = Event::Key(KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL));
    let msg = to_msg(app.model.mode(), event).expect("typing");
    dispatch(app, msg);
    assert_eq!(value(app), "");
}

fn value(app: &App) -> String {
    app.model.prompt().expect("a prompt").value()
}

fn found(app: &App) -> Option<Found> {
    app.model.prompt().expect("a prompt").found.clone()
}

fn error(app: &App) -> Option<String> {
    app.model.prompt().and_then(|p| p.error.clone())
}

/// The screen as text.
fn screen(app: &App) -> String {
    let (w, h) = app.model.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(&app.model, f))
        .expect("draw");
    format!("{}", terminal.backend())
}

/// A folder to complete in: two reports, a folder of them, a hidden file.
fn folder_of_reports() -> TempDir {
    let dir = TempDir::new().expect("temp dir");
    for name in [
        "report-2023.txt",
        "report-2024.txt",
        ".hidden.txt",
        "notes.md",
    ] {
        std::fs::write(dir.path().join(name), "x").expect("write");
    }
    std::fs::create_dir(dir.path().join("reports")).expect("folder");
    std::fs::write(dir.path().join("reports/old.txt"), "x").expect("write");
    dir
}

fn places_in(current: &Path) -> Places {
    Places {
        home: Some(PathBuf::from("/home/ana")),
        documents: None,
        current: Some(current.to_owned()),
    }
}

/// Start screen, `i`: the import prompt.
fn import_prompt(dir: &Path, places: Places) -> App {
    let mut app = app(dir, places);
    // No drafts: the wizard asks for a new assessment first.
    press(&mut app, KeyCode::Esc);
    press(&mut app, KeyCode::Char('i'));
    assert_eq!(app.model.mode(), Mode::Prompt);
    app
}

// ---------------------------------------------------------------------------
// Completion

#[test]
fn tab_completes_what_the_folder_s_names_share_then_lists_them() {
    let files = folder_of_reports();
    let drafts = TempDir::new().expect("temp dir");
    let mut app = import_prompt(drafts.path(), places_in(files.path()));
    type_text(&mut app, "r");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "report");
    assert_eq!(
        found(&app),
        Some(Found::Several(vec![
            "report-2023.txt".into(),
            "report-2024.txt".into(),
            "reports/".into(),
        ]))
    );
    // Typing hides the list; the next Tab completes the one match, a
    // folder with its separator, and a Tab more lists inside it.
    type_text(&mut app, "s");
    assert_eq!(found(&app), None);
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "reports/");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "reports/old.txt");
    assert_eq!(found(&app), None);
}

#[test]
fn tab_says_when_nothing_matches_or_the_folder_cannot_be_read() {
    let files = folder_of_reports();
    let drafts = TempDir::new().expect("temp dir");
    let mut app = import_prompt(drafts.path(), places_in(files.path()));
    type_text(&mut app, "zz");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "zz");
    assert_eq!(
        found(&app),
        Some(Found::Nothing(
            "Nothing in the current folder starts with \"zz\".".into()
        ))
    );
    clear_prompt(&mut app);
    type_text(&mut app, "no-such-folder/x");
    press(&mut app, KeyCode::Tab);
    let Some(Found::Nothing(why)) = found(&app) else {
        panic!("expected why, got {:?}", found(&app));
    };
    assert!(why.starts_with("Cannot list "), "{why}");
    assert!(why.contains("no-such-folder"), "{why}");
}

#[test]
fn hidden_names_complete_only_after_a_dot() {
    let files = folder_of_reports();
    let drafts = TempDir::new().expect("temp dir");
    let mut app = import_prompt(drafts.path(), places_in(files.path()));
    press(&mut app, KeyCode::Tab);
    let Some(Found::Several(names)) = found(&app) else {
        panic!("a list");
    };
    assert!(!names.iter().any(|n| n.starts_with('.')), "{names:?}");
    type_text(&mut app, ".");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), ".hidden.txt");
}

#[cfg(unix)]
#[test]
fn a_name_that_would_act_on_the_terminal_is_never_completed_nor_drawn() {
    let files = TempDir::new().expect("temp dir");
    std::fs::write(files.path().join("evil\u{1b}]0;owned\u{7}.txt"), "x").expect("write");
    std::fs::write(files.path().join("even.txt"), "x").expect("write");
    let drafts = TempDir::new().expect("temp dir");
    let mut app = import_prompt(drafts.path(), places_in(files.path()));
    type_text(&mut app, "ev");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "even.txt");
    assert!(!screen(&app).contains('\u{1b}'));
}

#[test]
fn an_answer_for_text_changed_since_is_dropped() {
    let mut m = Model::new(
        common::builtin(),
        vec![],
        quire::draft::now(),
        (80, 24),
        Theme { color: false },
    );
    update(&mut m, Msg::Back);
    update(&mut m, Msg::Import);
    update(&mut m, Msg::Typed("rep".into()));
    let effects = update(&mut m, Msg::Complete);
    assert_eq!(
        effects,
        vec![Effect::List {
            folder: PathBuf::from("."),
            typed: "rep".into(),
        }]
    );
    // A key typed before the listing came back.
    update(&mut m, Msg::Typed("x".into()));
    let entries = Ok(vec![quire::paths::Entry::file("report.txt")]);
    update(
        &mut m,
        Msg::Listed {
            typed: "rep".into(),
            entries,
        },
    );
    assert_eq!(m.prompt().expect("prompt").value(), "repx");
}

#[test]
fn tab_in_the_organization_prompt_does_nothing() {
    let drafts = TempDir::new().expect("temp dir");
    let mut app = app(drafts.path(), Places::default());
    type_text(&mut app, "Office");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "Office");
    assert_eq!(found(&app), None);
}

// ---------------------------------------------------------------------------
// `~`

#[test]
fn a_tilde_is_the_home_folder_in_completion_and_import() {
    let home = folder_of_reports();
    let drafts = TempDir::new().expect("temp dir");
    let places = Places {
        home: Some(home.path().to_owned()),
        documents: None,
        current: Some(drafts.path().to_owned()),
    };
    let mut app = import_prompt(drafts.path(), places);
    type_text(&mut app, "~");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "~/");
    type_text(&mut app, "notes");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "~/notes.md");
    // Importing it reads it from home (it is no report: the error says
    // which file was read, in the prompt).
    press(&mut app, KeyCode::Enter);
    let e = error(&app).expect("an error in the prompt");
    let notes = home.path().join("notes.md");
    assert!(e.contains(&notes.display().to_string()), "{e}");
    assert_eq!(app.model.mode(), Mode::Prompt);
}

// ---------------------------------------------------------------------------
// Where an export starts, and its memory

#[test]
fn an_export_starts_in_documents_else_home_never_the_current_folder() {
    let drafts = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let mut places = Places {
        home: Some("/home/ana".into()),
        documents: Some("/home/ana/Documents".into()),
        current: Some("/work/quire-checkout".into()),
    };
    let mut app = on_review(drafts.path(), places.clone());
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(value(&app), "~/Documents/office-of-examples.txt");
    press(&mut app, KeyCode::Esc);
    places.documents = None;
    app.model.places = places;
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(value(&app), "~/office-of-examples.txt");
}

#[test]
fn the_last_folder_is_remembered_after_reopening_the_draft() {
    let drafts = TempDir::new().expect("temp dir");
    let out = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let places = Places {
        home: Some("/home/ana".into()),
        documents: None,
        current: None,
    };
    let mut app = on_review(drafts.path(), places.clone());
    press(&mut app, KeyCode::Char('e'));
    clear_prompt(&mut app);
    let target = out.path().join("psc.txt");
    type_text(&mut app, &target.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.status,
        Some(format!("Report written to {}", target.display()))
    );
    assert!(std::fs::read_to_string(&target).is_ok());
    // The next export in this session starts there.
    press(&mut app, KeyCode::Char('e'));
    let again = out.path().join("office-of-examples.txt");
    assert_eq!(value(&app), again.display().to_string());
    press(&mut app, KeyCode::Esc);
    assert!(app.dispatch(Msg::Quit, &mut |_| Err("no editor".into())));
    drop(app);
    // So does the first of the next session, and the draft file is
    // untouched by it (old quire builds still read it).
    let mut app = on_review(drafts.path(), places.clone());
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(value(&app), again.display().to_string());
    let store = DraftStore::open(drafts.path().join("drafts")).expect("store");
    let file =
        std::fs::read_to_string(store.path(&DraftId::parse(ID).expect("id"))).expect("draft file");
    assert!(!file.contains(&out.path().display().to_string()), "{file}");
    // A folder removed since is not proposed.
    press(&mut app, KeyCode::Esc);
    assert!(app.dispatch(Msg::Quit, &mut |_| Err("no editor".into())));
    drop(app);
    let gone = out.path().to_owned();
    drop(out);
    let mut app = on_review(drafts.path(), places);
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(value(&app), "~/office-of-examples.txt");
    assert!(!gone.exists());
}

#[test]
fn a_folder_typed_with_a_final_slash_gets_the_proposed_name() {
    let drafts = TempDir::new().expect("temp dir");
    let out = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    clear_prompt(&mut app);
    type_text(&mut app, &format!("{}/", out.path().display()));
    press(&mut app, KeyCode::Enter);
    assert!(out.path().join("office-of-examples.txt").is_file());
}

#[test]
fn a_read_only_draft_remembers_its_folder_only_for_the_session() {
    let drafts = TempDir::new().expect("temp dir");
    let out = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let store = DraftStore::open(drafts.path().join("drafts")).expect("store");
    let id = DraftId::parse(ID).expect("id");
    let _held = store.lock(&id).expect("lock");
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    clear_prompt(&mut app);
    type_text(&mut app, &out.path().join("r.txt").display().to_string());
    press(&mut app, KeyCode::Enter);
    assert!(out.path().join("r.txt").is_file());
    assert_eq!(store.last_export_folder(&id), None);
    press(&mut app, KeyCode::Char('e'));
    let in_session = out.path().join("office-of-examples.txt");
    assert_eq!(value(&app), in_session.display().to_string());
}

// ---------------------------------------------------------------------------
// Errors, whole

#[test]
fn an_export_that_cannot_be_written_comes_back_to_the_prompt_with_the_error() {
    let drafts = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    clear_prompt(&mut app);
    let target = "/nonexistent-quire-folder/with/a/rather/long/path/to/the/office-of-examples.txt";
    type_text(&mut app, target);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.model.mode(), Mode::Prompt);
    assert_eq!(value(&app), target);
    let e = error(&app).expect("the error");
    assert!(e.starts_with(&format!("Export failed: {target}: ")), "{e}");
    insta::assert_snapshot!("export_error_wrapped", screen(&app));
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.model.mode(), Mode::Review);
}

#[test]
fn an_import_that_fails_says_why_in_its_prompt_whole() {
    let drafts = TempDir::new().expect("temp dir");
    let mut app = import_prompt(drafts.path(), Places::default());
    let target = "/nonexistent-quire-folder/with/a/rather/long/path/to/the/published-report.txt";
    type_text(&mut app, target);
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.model.mode(), Mode::Prompt);
    let e = error(&app).expect("the error");
    assert!(e.starts_with(&format!("Cannot read {target}: ")), "{e}");
    insta::assert_snapshot!("import_error_wrapped", screen(&app));
}

// ---------------------------------------------------------------------------
// Export with answers missing

#[test]
fn export_with_answers_missing_asks_first_and_writes_only_when_confirmed() {
    let drafts = TempDir::new().expect("temp dir");
    let out = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &["q8", "q9", "q10"]);
    let target = out.path().join("incomplete.txt");
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    assert_eq!(app.model.mode(), Mode::ExportAnyway);
    assert!(app.model.prompt().is_none(), "no path asked yet");
    let shown = screen(&app);
    assert!(
        shown.contains("3 required answers are missing: export anyway"),
        "{shown}"
    );
    // No: back to the review, nothing written.
    press(&mut app, KeyCode::Char('n'));
    assert_eq!(app.model.mode(), Mode::Review);
    assert!(!target.exists());
    // Yes: the path is asked, and the incomplete report written.
    press(&mut app, KeyCode::Char('e'));
    press(&mut app, KeyCode::Char('y'));
    assert_eq!(app.model.mode(), Mode::Prompt);
    clear_prompt(&mut app);
    type_text(&mut app, &target.display().to_string());
    press(&mut app, KeyCode::Enter);
    let written = std::fs::read_to_string(&target).expect("written");
    let answers = app.model.current_answers().expect("answers");
    let want = quire::report::render(
        &app.model.questionnaire,
        &answers,
        Some(app.model.now.date_naive()),
    );
    assert_eq!(written, want);
    assert_eq!(
        app.model.status,
        Some(format!(
            "Report written to {}  Incomplete: 3 required answers are missing.",
            target.display()
        ))
    );
}

#[test]
fn the_cli_and_the_wizard_refuse_by_the_same_rule() {
    // `quire export` without --allow-incomplete names the same count as the
    // wizard's question.
    let drafts = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &["q8", "q9", "q10"]);
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    let wizard = app.model.incomplete().expect("asked").refusal.clone();
    let cli = assert_cmd::Command::cargo_bin("quire")
        .expect("binary")
        .args(["--drafts-dir"])
        .arg(drafts.path().join("drafts"))
        .args(["export", ID])
        .output()
        .expect("run");
    assert!(!cli.status.success());
    let stderr = String::from_utf8_lossy(&cli.stderr);
    assert!(stderr.contains(&format!("{wizard}:")), "{stderr}");
}

// ---------------------------------------------------------------------------
// Snapshots at 80×24

#[test]
fn snapshot_export_prompt_in_documents() {
    let drafts = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let places = Places {
        home: Some("/home/ana".into()),
        documents: Some("/home/ana/Documents".into()),
        current: Some("/work/quire".into()),
    };
    let mut app = on_review(drafts.path(), places);
    press(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("export_prompt_in_documents", screen(&app));
    // A relative path says where it goes.
    clear_prompt(&mut app);
    type_text(&mut app, "office.txt");
    insta::assert_snapshot!("export_prompt_relative", screen(&app));
}

#[test]
fn snapshot_completion_list() {
    let files = TempDir::new().expect("temp dir");
    for i in 0..40 {
        std::fs::write(files.path().join(format!("report-{i:02}.txt")), "x").expect("write");
    }
    std::fs::create_dir(files.path().join("reports")).expect("folder");
    let drafts = TempDir::new().expect("temp dir");
    let places = Places {
        home: Some(files.path().to_owned()),
        documents: None,
        current: Some("/work/quire".into()),
    };
    let mut app = import_prompt(drafts.path(), places);
    type_text(&mut app, "~/r");
    press(&mut app, KeyCode::Tab);
    assert_eq!(value(&app), "~/report");
    insta::assert_snapshot!("import_completion_list", screen(&app));
}

#[test]
fn snapshot_export_anyway() {
    let drafts = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &["q8", "q9", "q10"]);
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    insta::assert_snapshot!("export_anyway_three_missing", screen(&app));
}

#[test]
fn replacing_a_file_with_a_long_path_shows_the_path_and_the_keys() {
    let drafts = TempDir::new().expect("temp dir");
    let out = TempDir::new().expect("temp dir");
    draft_in(drafts.path(), &[]);
    let deep = out
        .path()
        .join("a-folder-with-a-long-name/and-another-one-inside-it/and-a-third");
    std::fs::create_dir_all(&deep).expect("folders");
    let target = deep.join("office-of-examples-self-assessment-2024.txt");
    std::fs::write(&target, "an earlier report\n").expect("write");
    let mut app = on_review(drafts.path(), Places::default());
    press(&mut app, KeyCode::Char('e'));
    clear_prompt(&mut app);
    type_text(&mut app, &target.display().to_string());
    press(&mut app, KeyCode::Enter);
    assert_eq!(app.model.mode(), Mode::Confirm);
    let shown = screen(&app);
    // The box's inside (columns 9 to 70 of 80), its rows joined: the whole
    // path, wrapped, then the question.
    let inside: String = shown
        .lines()
        .map(|l| {
            l.trim_matches('"')
                .chars()
                .skip(9)
                .take(62)
                .collect::<String>()
        })
        .map(|l| l.trim_end().to_owned())
        .collect();
    assert!(inside.contains(&target.display().to_string()), "{shown}");
    assert!(inside.contains("exists. Replace it?"), "{shown}");
    // The keys inside the box, not only in the footer.
    assert!(shown.contains("│y replace"), "{shown}");
}
