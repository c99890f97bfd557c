//! The draft journal and its writer: an autosave appends the change, the
//! draft file is written whole only now and then, and whatever a kill,
//! a stale or a damaged journal leaves, nothing is lost or invented.

use chrono::{DateTime, FixedOffset};
use quire::answers::{Answers, FieldKey, Value};
use quire::draft::{
    Draft, DraftError, DraftId, DraftStore, DraftWriter, QuestionnaireRef, SaveReason,
};
use std::path::Path;
use tempfile::TempDir;

const NASTY: &str = "Tabs\there, \"quotes\", a back\\slash,\r\nCRLF, lone \r CR, NUL \u{0}, ESC \u{1b}, BOM \u{feff}, LS \u{2028}, emoji 🦀, é\n[not.a.table]\n";

fn store() -> (TempDir, DraftStore) {
    let tmp = TempDir::new().expect("tmp");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    (tmp, store)
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("date")
}

fn draft(id: &str, answer: &str) -> Draft {
    let mut answers = Answers::new();
    answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    answers.set(FieldKey::main("q8"), Value::Text(answer.into()));
    Draft {
        id: DraftId::parse(id).expect("id"),
        questionnaire: QuestionnaireRef {
            id: "values-ethics-self-assessment".into(),
            version: "2024.1".into(),
            digest: "sha256:00".into(),
        },
        created: at("2026-12-07T10:00:00+00:00"),
        updated: at("2026-12-07T10:00:00+00:00"),
        position: None,
        language: None,
        answers,
        translations: Default::default(),
        orphans: vec![],
    }
}

/// `d` with `more` typed at the end of its q8 answer, a little later.
fn typed(d: &Draft, more: &str) -> Draft {
    let mut d = d.clone();
    let Some(Value::Text(t)) = d.answers.main("q8").cloned() else {
        panic!("no text")
    };
    d.answers
        .set(FieldKey::main("q8"), Value::Text(format!("{t}{more}")));
    d.updated += chrono::Duration::milliseconds(1500);
    d.position = Some(FieldKey::main("q8"));
    d
}

fn created(store: &DraftStore, d: &Draft) -> DraftWriter {
    let lock = store.lock(&d.id).expect("lock");
    DraftWriter::create(store, lock, d, SaveReason::Create).expect("create")
}

#[cfg(unix)]
fn inode(path: &Path) -> u64 {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).expect("meta").ino()
}

fn versions(store: &DraftStore, id: &DraftId) -> usize {
    store.history(id).len()
}

#[test]
fn a_pause_appends_the_change_and_leaves_a_big_draft_file_alone() {
    let (_tmp, store) = store();
    // A 4 MB answer: every pause used to write it twice.
    let big = "All work and no play. ".repeat(200_000);
    let mut d = draft("big-0001", &big);
    let mut writer = created(&store, &d);
    let path = store.path(&d.id);
    let file_bytes = std::fs::metadata(&path).expect("meta").len();
    #[cfg(unix)]
    let before = inode(&path);
    for word in ["Jack ", "went ", "up ", "the ", "hill."] {
        d = typed(&d, word);
        writer.save(&d, SaveReason::Pause).expect("save");
    }
    #[cfg(unix)]
    assert_eq!(inode(&path), before, "the draft file was not rewritten");
    assert_eq!(std::fs::metadata(&path).expect("meta").len(), file_bytes);
    let journal = std::fs::metadata(store.journal_path(&d.id))
        .expect("journal")
        .len();
    assert!(
        journal < 2_000,
        "the journal holds the changes only: {journal} bytes"
    );
    assert_eq!(versions(&store, &d.id), 0, "no version for a pause");
    // Readers see the draft as it was last saved.
    assert_eq!(store.load(&d.id).expect("load"), d);
    assert_eq!(DraftStore::load_path(&path).expect("load"), d);
    // Quitting writes it whole: one file again, the old one a version.
    d = typed(&d, " The end.");
    writer.save(&d, SaveReason::Quit).expect("quit");
    assert!(!store.journal_path(&d.id).exists());
    assert_eq!(store.load(&d.id).expect("load"), d);
    let history = store.history(&d.id);
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].why, Some(SaveReason::Create));
}

#[test]
fn text_that_toml_must_escape_survives_the_journal() {
    let (_tmp, store) = store();
    let mut d = draft("nasty-0001", "Start.");
    let mut writer = created(&store, &d);
    d = typed(&d, NASTY);
    writer.save(&d, SaveReason::Pause).expect("save");
    let mut e = d.clone();
    // A change in the middle, across multi-byte characters.
    e.answers
        .set(FieldKey::main("q8"), Value::Text(NASTY.replace("é", "è ü")));
    e.answers
        .set(FieldKey::sub("q8", "comment"), Value::Text(NASTY.into()));
    writer.save(&e, SaveReason::Field).expect("save");
    assert!(store.journal_path(&d.id).exists(), "journaled");
    assert_eq!(store.load(&d.id).expect("load"), e);
}

#[test]
fn a_record_cut_off_by_a_kill_is_ignored_and_folded_away_on_open() {
    let (_tmp, store) = store();
    let mut d = draft("cut-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Pause).expect("save");
    let full = typed(&d, " Three.");
    writer.save(&full, SaveReason::Pause).expect("save");
    drop(writer);
    let jpath = store.journal_path(&d.id);
    let bytes = std::fs::read(&jpath).expect("journal");
    let last = bytes[..bytes.len() - 1]
        .iter()
        .rposition(|b| *b == b'@')
        .expect("a record");
    // Every cut inside the last record: the draft is as of the one before.
    for cut in last..bytes.len() {
        std::fs::write(&jpath, &bytes[..cut]).expect("cut");
        assert_eq!(store.load(&d.id).expect("load"), d, "cut at {cut}");
    }
    // Opening for editing folds the journal into the draft file.
    let lock = store.lock(&d.id).expect("lock");
    let (_writer, opened) = DraftWriter::open(&store, lock, &d.id).expect("open");
    assert_eq!(opened, d);
    assert!(!jpath.exists());
    assert_eq!(store.load(&d.id).expect("load"), d);
    assert_eq!(store.history(&d.id)[0].why, Some(SaveReason::Create));
}

#[test]
fn a_damaged_journal_is_refused_and_never_overwritten() {
    let (_tmp, store) = store();
    let mut d = draft("damaged-0001", "One.");
    let mut writer = created(&store, &d);
    for word in [" Two.", " Three."] {
        d = typed(&d, word);
        writer.save(&d, SaveReason::Pause).expect("save");
    }
    drop(writer);
    let jpath = store.journal_path(&d.id);
    let mut bytes = std::fs::read(&jpath).expect("journal");
    let first = bytes.iter().position(|b| *b == b'@').expect("record");
    // A byte of the first change's payload, with the second after it.
    bytes[first + 40] ^= 0x20;
    std::fs::write(&jpath, &bytes).expect("damage");
    let draft_before = std::fs::read(store.path(&d.id)).expect("read");
    match store.load(&d.id) {
        Err(DraftError::Journal { path, line, .. }) => {
            assert_eq!(path, jpath);
            assert_eq!(line, 2);
        }
        other => panic!("expected a journal error, got {other:?}"),
    }
    let message = store.load(&d.id).unwrap_err().to_string();
    assert!(message.contains("will not overwrite"), "{message}");
    // Neither a save nor opening for editing writes over it.
    assert!(matches!(
        store.save(&typed(&d, " Four.")),
        Err(DraftError::UnreadableOnDisk { .. })
    ));
    let lock = store.lock(&d.id).expect("lock");
    assert!(DraftWriter::open(&store, lock, &d.id).is_err());
    assert_eq!(std::fs::read(&jpath).expect("journal"), bytes);
    assert_eq!(
        std::fs::read(store.path(&d.id)).expect("read"),
        draft_before
    );
}

#[test]
fn a_journal_of_an_older_draft_file_is_stale_and_ignored() {
    let (_tmp, store) = store();
    let mut d = draft("stale-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Pause).expect("save");
    drop(writer);
    let journal = std::fs::read(store.journal_path(&d.id)).expect("journal");
    // The draft file written whole by another tool (or a kill after the
    // rename, before the journal was removed): the journal is history.
    let other = draft("stale-0001", "Replaced by hand.");
    store.save(&other).expect("save");
    std::fs::write(store.journal_path(&d.id), &journal).expect("put back");
    assert_eq!(store.load(&d.id).expect("load"), other);
}

#[test]
fn listing_trash_and_restore_carry_the_journaled_changes() {
    let (_tmp, store) = store();
    let mut d = draft("carry-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Pause).expect("save");
    drop(writer);
    let listed = store.list().expect("list");
    assert!(matches!(&listed[..], [quire::draft::Listed::Draft(l)] if **l == d));
    store.trash(&d.id).expect("trash");
    assert!(!store.journal_path(&d.id).exists());
    store.untrash(&d.id).expect("untrash");
    assert_eq!(store.load(&d.id).expect("load"), d);
    // Restoring version 1 (the file as created) keeps the journaled state
    // as a version, so the restore can be undone.
    let created_state = draft("carry-0001", "One.");
    store.save(&created_state).expect("save");
    assert!(!store.journal_path(&d.id).exists(), "folded into the file");
    let undo = store.history(&d.id);
    assert_eq!(
        DraftStore::load_path(&undo[0].path).expect("version"),
        d,
        "the journaled state is a version"
    );
    store.restore_version(&d.id, 1).expect("restore");
    assert_eq!(store.load(&d.id).expect("load"), d);
}

#[test]
fn a_small_draft_is_written_whole_on_a_structural_change() {
    let (_tmp, store) = store();
    let mut d = draft("header-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Pause).expect("save");
    assert!(store.journal_path(&d.id).exists());
    // The header is not journaled: the draft is written whole.
    d.answers
        .header
        .insert("organization".into(), "Sécurité publique".into());
    writer.save(&d, SaveReason::Field).expect("save");
    assert!(!store.journal_path(&d.id).exists());
    assert_eq!(store.load(&d.id).expect("load"), d);
    // The version is the file as it was last written whole.
    assert_eq!(
        DraftStore::load_path(&store.history(&d.id)[0].path).expect("v"),
        draft("header-0001", "One.")
    );
}

#[cfg(unix)]
#[test]
fn a_linked_journal_is_never_written_through() {
    let (tmp, store) = store();
    let d = draft("linked-0001", "One.");
    drop(created(&store, &d));
    let target = tmp.path().join("precious.txt");
    std::fs::write(&target, "precious\n").expect("write");
    std::os::unix::fs::symlink(&target, store.journal_path(&d.id)).expect("symlink");
    match store.lock(&d.id) {
        Err(DraftError::Link { path, .. }) => assert_eq!(path, store.journal_path(&d.id)),
        other => panic!("expected a link error, got {other:?}"),
    }
    // A whole save replaces neither the link nor what it points to.
    assert!(store.save(&typed(&d, " Two.")).is_err());
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "precious\n"
    );
}

#[test]
fn drafts_history_says_why_each_version_was_saved() {
    let (_tmp, store) = store();
    let mut d = draft("why-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Quit).expect("quit");
    d.answers
        .header
        .insert("organization".into(), "Renamed".into());
    writer.save(&d, SaveReason::Field).expect("field");
    let out = assert_cmd::Command::cargo_bin("quire")
        .expect("binary")
        .args(["drafts", "history", "why-0001"])
        .env("QUIRE_DRAFTS_DIR", store.dir())
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("UTF-8");
    // The versions (numbered lines), newest first, each followed by what
    // it changed; the draft as it is now comes first.
    let versions: Vec<&str> = text
        .lines()
        .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        .collect();
    assert_eq!(versions.len(), 2, "{text}");
    assert!(versions[0].contains("  quit  "), "{text}");
    assert!(versions[1].contains("  created  "), "{text}");
    assert!(text.starts_with("now "), "{text}");
    assert!(text.contains("Q8 answer +5 chars"), "{text}");
}

#[test]
fn a_draft_file_changed_by_hand_while_open_is_kept_as_a_version() {
    let (_tmp, store) = store();
    let mut d = draft("hand-0001", "One.");
    let mut writer = created(&store, &d);
    d = typed(&d, " Two.");
    writer.save(&d, SaveReason::Pause).expect("save");
    // Someone edits the file in another editor (the journal, tied to the
    // old file, is stale from now on).
    let by_hand = draft("hand-0001", "Edited by hand, and longer.");
    std::fs::write(store.path(&d.id), quire::draft::to_toml(&by_hand)).expect("edit");
    d = typed(&d, " Three.");
    writer.save(&d, SaveReason::Pause).expect("save");
    // The wizard's text is what the draft holds, written whole rather than
    // journaled onto a file it no longer knows; the hand edit is a version.
    assert!(!store.journal_path(&d.id).exists());
    assert_eq!(store.load(&d.id).expect("load"), d);
    let versions: Vec<Draft> = store
        .history(&d.id)
        .iter()
        .map(|v| DraftStore::load_path(&v.path).expect("version"))
        .collect();
    assert!(versions.contains(&by_hand), "{versions:?}");
}
