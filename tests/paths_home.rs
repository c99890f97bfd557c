//! `~` and the documents folder as the real environment gives them: `HOME`
//! and the XDG user folders are set for this process, so this file holds a
//! single test (nothing else runs while the environment changes). Linux
//! only: elsewhere the documents folder is not read from XDG settings.
#![cfg(target_os = "linux")]

mod common;

use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::paths::Places;
use quire::tui::model::Theme;
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};
use std::path::Path;
use tempfile::TempDir;

const ID: &str = "office-of-examples-1a2b";

fn press(app: &mut App, code: KeyCode, modifiers: KeyModifiers) {
    let msg = to_msg(app.model.mode(), Event::Key(KeyEvent::new(code, modifiers)))
        .expect("a key that means something");
    assert!(!app.dispatch(msg, &mut |_| Err("no editor".into())));
}

fn value(app: &App) -> String {
    app.model.prompt().expect("a prompt").value()
}

/// The export prompt of the complete draft, with the places of the
/// environment as the wizard reads them.
fn export_prompt(drafts: &Path) -> App {
    let store = DraftStore::open(drafts).expect("store");
    let mut app = App::new(common::builtin(), store, (80, 24), Theme { color: false });
    app.model.places = Places::from_env();
    app.open(ID);
    assert!(!app.dispatch(Msg::Review, &mut |_| Err("no editor".into())));
    press(&mut app, KeyCode::Char('e'), KeyModifiers::NONE);
    app
}

#[test]
fn home_and_documents_come_from_the_environment() {
    let home = TempDir::new().expect("temp dir");
    let drafts = TempDir::new().expect("temp dir");
    std::fs::create_dir_all(home.path().join(".config")).expect("config");
    std::fs::create_dir(home.path().join("Papers")).expect("documents");
    std::fs::write(
        home.path().join(".config/user-dirs.dirs"),
        "XDG_DOCUMENTS_DIR=\"$HOME/Papers\"\n",
    )
    .expect("user dirs");
    // SAFETY: this test binary runs this one test; no other thread reads
    // or writes the environment meanwhile.
    unsafe {
        std::env::set_var("HOME", home.path());
        std::env::remove_var("XDG_CONFIG_HOME");
    }
    let places = Places::from_env();
    assert_eq!(places.home.as_deref(), Some(home.path()));
    assert_eq!(places.documents, Some(home.path().join("Papers")));

    let store = DraftStore::open(drafts.path()).expect("store");
    let q = common::builtin();
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), &q, quire::draft::now());
    d.answers = common::synthetic_answers();
    store.save(&d).expect("save");

    // The export starts in the documents folder, written with `~`, and
    // goes there.
    let mut app = export_prompt(drafts.path());
    assert_eq!(value(&app), "~/Papers/office-of-examples.txt");
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(home.path().join("Papers/office-of-examples.txt").is_file());
    drop(app);

    // Without a documents folder, home; `~/` typed by hand is home too.
    std::fs::remove_file(home.path().join(".config/user-dirs.dirs")).expect("remove");
    std::fs::remove_file(store.folders_path(&DraftId::parse(ID).expect("id")))
        .expect("forget the folder");
    let mut app = export_prompt(drafts.path());
    assert_eq!(value(&app), "~/office-of-examples.txt");
    press(&mut app, KeyCode::Home, KeyModifiers::NONE);
    press(&mut app, KeyCode::Char('k'), KeyModifiers::CONTROL);
    for c in "~/Pa".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(value(&app), "~/Papers/");
    for c in "by-hand.txt".chars() {
        press(&mut app, KeyCode::Char(c), KeyModifiers::NONE);
    }
    press(&mut app, KeyCode::Enter, KeyModifiers::NONE);
    assert!(home.path().join("Papers/by-hand.txt").is_file());
}
