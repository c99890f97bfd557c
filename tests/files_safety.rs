//! The wizard's files under attack and on a full disk: a draft that cannot
//! be locked opens read-only rather than not at all, and answers that cannot
//! be saved are rescued to a new private file that nobody could have planted.

use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::model::{SaveState, Theme};
use quire::tui::msg::Msg;
use quire::tui::{App, to_msg};
use std::path::Path;
use tempfile::TempDir;

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("valid")
}

fn app(store: DraftStore) -> App {
    App::new(builtin(), store, (80, 24), Theme { color: false })
}

fn key(app: &mut App, code: KeyCode) {
    let event = Event::Key(KeyEvent::new(code, KeyModifiers::NONE));
    if let Some(msg) = to_msg(app.model.mode(), event) {
        app.dispatch(msg, &mut |_| Err("no editor".into()));
    }
}

fn type_text(app: &mut App, text: &str) {
    text.chars().for_each(|c| key(app, KeyCode::Char(c)));
}

/// A saved draft with one answer, in a new drafts folder.
fn saved_draft(tmp: &TempDir) -> (DraftStore, Draft) {
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    let id = DraftId::parse("office-0001").expect("id");
    let mut draft = Draft::new(id, &builtin(), quire::draft::now());
    draft
        .answers
        .header
        .insert("organization".into(), "Office".into());
    draft.answers.set(
        FieldKey::main("q1"),
        Value::Choice(vec![Chosen::Option("no".into())]),
    );
    store.save(&draft).expect("save");
    (store, draft)
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o7777
}

/// Whatever stops the lock, the draft opens to be read, with the reason.
#[cfg(unix)]
#[rstest::rstest]
// The lock file cannot be made, as on a full disk or a read-only folder.
#[case::no_lock_file("a folder is in the way", "Is a directory")]
#[case::linked_lock_file("a link to someone's file", "is a symbolic link")]
#[case::linked_draft("the draft is a link", "never writes through")]
fn a_draft_that_cannot_be_locked_opens_read_only(#[case] obstacle: &str, #[case] said: &str) {
    let tmp = TempDir::new().expect("temp dir");
    let (store, draft) = saved_draft(&tmp);
    let lock = store.dir().join("office-0001.lock");
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::write(&elsewhere, "someone's file\n").expect("write");
    match obstacle {
        "a folder is in the way" => std::fs::create_dir(&lock).expect("mkdir"),
        "a link to someone's file" => {
            std::os::unix::fs::symlink(&elsewhere, &lock).expect("symlink")
        }
        _ => {
            std::fs::rename(store.path(&draft.id), &elsewhere).expect("move away");
            std::os::unix::fs::symlink(&elsewhere, store.path(&draft.id)).expect("symlink");
        }
    }
    let before = std::fs::read(&elsewhere).expect("read");
    let mut app = app(store.clone());
    app.open("office-0001");
    let session = app
        .model
        .session()
        .unwrap_or_else(|| panic!("{obstacle}: the draft did not open: {:?}", app.model.status));
    assert_eq!(session.draft.answers, draft.answers, "{obstacle}");
    match &session.save {
        SaveState::ReadOnly(why) => assert!(
            why.starts_with("cannot lock draft office-0001 for editing: ") && why.contains(said),
            "{obstacle}: {why}"
        ),
        other => panic!("{obstacle}: not read-only: {other:?}"),
    }
    // Edits are refused, and quitting writes nothing.
    key(&mut app, KeyCode::Char(' '));
    app.dispatch(Msg::Quit, &mut |_| Err("no editor".into()));
    assert!(app.shell.rescued.is_none(), "nothing to rescue");
    assert_eq!(
        std::fs::read(&elsewhere).expect("read"),
        before,
        "{obstacle}"
    );
}

#[cfg(unix)]
#[test]
fn answers_that_cannot_be_saved_go_to_a_new_private_rescue_file() {
    let tmp = TempDir::new().expect("temp dir");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    let mut app = app(store.clone());
    type_text(&mut app, "Rescue Office");
    key(&mut app, KeyCode::Enter);
    let id = app.model.draft_id().expect("a draft is open").clone();
    // The rescue file used to be named after the draft and the time of its
    // last change, in the shared temporary folder: anyone could plant a
    // file there first, and a second rescue replaced the first.
    let t = DateTime::parse_from_rfc3339("2031-02-03T04:05:06+00:00").expect("date");
    app.dispatch(Msg::Tick(t), &mut |_| Err("no editor".into()));
    let predictable = std::env::temp_dir().join(format!(
        "quire-rescue-{id}-{}.toml",
        t.format("%Y%m%d-%H%M%S")
    ));
    std::fs::write(&predictable, "planted\n").expect("plant");
    std::fs::write(store.path(&id), "this is = not [a draft").expect("break the draft");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "Typed before quitting.");
    assert!(app.dispatch(Msg::Quit, &mut |_| Err("no editor".into())));
    let rescued = app
        .shell
        .rescued
        .clone()
        .expect("rescued")
        .expect("written");
    let planted = std::fs::read_to_string(&predictable);
    let kept = std::fs::read_to_string(&rescued).unwrap_or_default();
    let file_mode = mode(&rescued);
    let _ = std::fs::remove_file(&predictable);
    let _ = std::fs::remove_file(&rescued);
    assert_ne!(rescued, predictable);
    assert_eq!(
        planted.expect("still there"),
        "planted\n",
        "a planted file is never replaced"
    );
    assert_eq!(file_mode, 0o600);
    let name = rescued.file_name().expect("name").to_string_lossy();
    let random = name
        .strip_prefix(&format!("quire-rescue-{id}-"))
        .and_then(|n| n.strip_suffix(".toml"))
        .unwrap_or_else(|| panic!("{name}"));
    assert!(random.len() >= 6, "{name}");
    assert_eq!(rescued.parent(), Some(std::env::temp_dir().as_path()));
    assert!(kept.contains("Typed before quitting."), "{kept}");
}
