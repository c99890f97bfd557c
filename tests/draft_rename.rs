//! Renaming drafts and recording exports, through the library: the
//! journal, the history, the lock and the files beside a draft follow it;
//! a taken name, a draft open elsewhere and links are refused with
//! nothing changed.

mod common;

use quire::answers::{FieldKey, Value};
use quire::draft::{Draft, DraftError, DraftId, DraftStore, DraftWriter, SaveReason};
use std::collections::BTreeMap;
use std::path::Path;

fn id(s: &str) -> DraftId {
    DraftId::parse(s).expect("valid id")
}

fn store() -> (tempfile::TempDir, DraftStore) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    (tmp, store)
}

/// Every path under `dir`, with the bytes of files (links by target).
/// Lock files are left out: OS-lock bookkeeping, left by every command
/// that locks a draft, which never block anyone.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            let rel = path.strip_prefix(root).expect("under root");
            let m = std::fs::symlink_metadata(&path).expect("metadata");
            if path.extension().is_some_and(|e| e == "lock") && !m.file_type().is_symlink() {
                continue;
            }
            let bytes = if m.file_type().is_symlink() {
                let target = std::fs::read_link(&path).expect("link");
                format!("-> {}", target.display()).into_bytes()
            } else if m.is_dir() {
                walk(root, &path, out);
                b"/".to_vec()
            } else {
                std::fs::read(&path).expect("read")
            };
            out.insert(rel.display().to_string(), bytes);
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

/// A draft of the built-in questionnaire with an organization and an answer.
fn draft(name: &str) -> Draft {
    let q = common::builtin();
    let mut d = Draft::new(id(name), &q, quire::draft::now());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    d.answers.set(FieldKey::main("q8"), text("First words."));
    d
}

/// Saves three whole versions, then leaves one change in the journal only,
/// as a wizard killed while typing does. Returns the answers as they stand.
fn with_history_and_journal(store: &DraftStore, name: &str) -> Draft {
    let mut d = draft(name);
    store.create(&d).expect("create");
    for n in 1..=2 {
        d.answers
            .set(FieldKey::main("q8"), text(&format!("Edit number {n}.")));
        store.save(&d).expect("save");
    }
    let lock = store.lock(&d.id).expect("lock");
    let (mut writer, opened) = DraftWriter::open(store, lock, &d.id).expect("open");
    assert_eq!(opened, d);
    d.answers
        .set(FieldKey::main("q8"), text("Typed, only in the journal."));
    writer.save(&d, SaveReason::Pause).expect("journal");
    assert!(
        store.journal_path(&d.id).exists(),
        "the change is in the journal"
    );
    // Killed: the lock goes with the process, the journal stays.
    drop(writer);
    d
}

#[test]
fn a_rename_moves_the_journal_history_lock_and_side_files() {
    let (_tmp, store) = store();
    let (old, new) = (id("public-safety-canada-7f3a"), id("psc-2025"));
    let answers = with_history_and_journal(&store, old.as_str());
    let history: Vec<Vec<u8>> = store
        .history(&old)
        .iter()
        .map(|v| std::fs::read(&v.path).expect("read"))
        .collect();
    assert!(!history.is_empty());
    store
        .remember_export_folder(&old, Path::new("/srv/out"))
        .expect("folder");
    store
        .record_export(
            &old,
            &answers.answers,
            Path::new("/srv/out/r.txt"),
            false,
            quire::draft::now(),
        )
        .expect("record");

    store.rename(&old, &new).expect("rename");

    // The answers, the journal's last change included, are under the new
    // name, which the file now says; nothing is left under the old one.
    let renamed = store.load(&new).expect("load");
    assert_eq!(renamed.answers, answers.answers);
    assert_eq!(renamed.updated, answers.updated);
    assert_eq!(renamed.created, answers.created);
    let file = std::fs::read_to_string(store.path(&new)).expect("read");
    assert!(file.contains("\nid = \"psc-2025\"\n"), "{file}");
    assert!(!store.journal_path(&new).exists(), "folded into the file");
    for gone in [
        store.path(&old),
        store.journal_path(&old),
        store.dir().join(format!("{old}.lock")),
        store.folders_path(&old),
        store.exports_path(&old),
        store.dir().join("history").join(old.as_str()),
    ] {
        assert!(!gone.exists(), "{} is left", gone.display());
    }
    assert!(!store.knows(&old).expect("knows"));
    // The history, the folder and the exports follow the draft.
    let moved: Vec<Vec<u8>> = store
        .history(&new)
        .iter()
        .map(|v| std::fs::read(&v.path).expect("read"))
        .collect();
    assert_eq!(moved, history);
    assert_eq!(
        store.last_export_folder(&new),
        Some(Path::new("/srv/out").to_owned())
    );
    let exported = store.exported(&new, &renamed.answers).expect("exported");
    assert!(!exported.changed_since);
    // A version kept before the rename comes back under the new name.
    let restored = store.restore_version(&new, 1).expect("restore");
    assert_eq!(restored.id, new);
    assert_eq!(store.load(&new).expect("load").id, new);
    // The draft opens for editing under its new name.
    let lock = store.lock(&new).expect("lock");
    DraftWriter::open(&store, lock, &new).expect("open");
}

#[test]
fn a_draft_open_in_a_wizard_is_not_renamed() {
    let (tmp, store) = store();
    let d = draft("open-0001");
    store.create(&d).expect("create");
    let before = files(tmp.path());
    let _held = store.lock(&d.id).expect("lock");
    let err = store.rename(&d.id, &id("other-0001")).expect_err("locked");
    assert!(matches!(err, DraftError::Locked { .. }), "{err:?}");
    assert_eq!(files(tmp.path()), before);
}

#[rstest::rstest]
#[case::a_draft("draft")]
#[case::a_journal_alone("journal")]
#[case::a_draft_in_the_trash("trash")]
#[case::a_history("history")]
fn a_name_taken_is_refused_and_nothing_changes(#[case] by: &str) {
    let (tmp, store) = store();
    let (old, new) = (draft("first-0001"), draft("second-0001"));
    store.create(&old).expect("create");
    match by {
        "draft" => store.create(&new).expect("create"),
        "journal" => std::fs::write(store.journal_path(&new.id), "x").expect("write"),
        "trash" => {
            store.create(&new).expect("create");
            store.trash(&new.id).expect("trash");
        }
        _ => {
            store.create(&new).expect("create");
            store.save(&draft("second-0001")).expect("save");
            let mut changed = new.clone();
            changed.answers.set(FieldKey::main("q9"), text("x"));
            store.save(&changed).expect("save");
            store.trash(&new.id).expect("trash");
            store.untrash(&new.id).expect("untrash");
            std::fs::remove_file(store.path(&new.id)).expect("remove");
            assert!(store.knows(&new.id).expect("knows"));
        }
    }
    let before = files(tmp.path());
    let err = store.rename(&old.id, &new.id).expect_err("taken");
    assert!(
        matches!(&err, DraftError::NameTaken { id, .. } if id == "second-0001"),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("the name `second-0001` is taken: "),
        "{err}"
    );
    assert_eq!(files(tmp.path()), before, "nothing changed");
}

#[test]
fn a_missing_draft_or_the_same_name_is_refused() {
    let (tmp, store) = store();
    let d = draft("only-0001");
    store.create(&d).expect("create");
    let before = files(tmp.path());
    assert!(matches!(
        store.rename(&id("none-0001"), &id("x-0001")),
        Err(DraftError::NotFound(_))
    ));
    let same = store.rename(&d.id, &d.id).expect_err("same");
    assert_eq!(same.to_string(), "draft `only-0001` already has that name");
    assert_eq!(files(tmp.path()), before);
}

#[test]
fn an_unreadable_draft_is_not_renamed() {
    let (tmp, store) = store();
    let d = draft("broken-0001");
    store.create(&d).expect("create");
    std::fs::write(store.path(&d.id), "format = 1\nid = [").expect("break");
    let before = files(tmp.path());
    let err = store
        .rename(&d.id, &id("fixed-0001"))
        .expect_err("unreadable");
    assert!(matches!(err, DraftError::Parse { .. }), "{err:?}");
    assert_eq!(files(tmp.path()), before);
}

#[cfg(unix)]
#[rstest::rstest]
#[case::the_draft("draft")]
#[case::its_journal("journal")]
#[case::its_history("history")]
#[case::the_new_lock("lock")]
fn links_are_refused_and_nothing_moves(#[case] what: &str) {
    let (tmp, store) = store();
    let elsewhere = tmp.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    let d = draft("linked-0001");
    let new = id("renamed-0001");
    let link = match what {
        "draft" => {
            let target = elsewhere.join("linked-0001.toml");
            std::fs::write(&target, quire::draft::to_toml(&d)).expect("write");
            let link = store.path(&d.id);
            std::os::unix::fs::symlink(&target, &link).expect("link");
            link
        }
        "journal" => {
            store.create(&d).expect("create");
            let link = store.journal_path(&d.id);
            std::os::unix::fs::symlink(elsewhere.join("j"), &link).expect("link");
            link
        }
        "history" => {
            store.create(&d).expect("create");
            std::fs::create_dir(store.dir().join("history")).expect("mkdir");
            let link = store.dir().join("history").join("linked-0001");
            std::os::unix::fs::symlink(&elsewhere, &link).expect("link");
            link
        }
        _ => {
            store.create(&d).expect("create");
            let link = store.dir().join("renamed-0001.lock");
            std::os::unix::fs::symlink(elsewhere.join("l"), &link).expect("link");
            link
        }
    };
    let before = files(tmp.path());
    let err = store.rename(&d.id, &new).expect_err("a link");
    match &err {
        DraftError::Link { path, .. } => assert_eq!(path, &link),
        other => panic!("expected a refused link, got {other:?}"),
    }
    assert_eq!(files(tmp.path()), before, "nothing moved or written");
}

#[test]
fn the_listing_groups_drafts_of_other_questionnaires_and_says_what_was_exported() {
    let (_tmp, store) = store();
    let ours = draft("ours-0001");
    store.create(&ours).expect("create");
    let mut theirs = draft("theirs-0001");
    theirs.questionnaire.id = "retrospective".into();
    store.create(&theirs).expect("create");
    std::fs::write(store.dir().join("broken-0001.toml"), "not a draft").expect("write");
    store
        .record_export(
            &ours.id,
            &ours.answers,
            Path::new("/srv/r.txt"),
            true,
            quire::draft::now(),
        )
        .expect("record");

    let listing = store.listing(&common::builtin().id).expect("listing");
    let ids = |e: &[quire::draft::Entry]| -> Vec<String> {
        e.iter().map(|e| e.draft.id.to_string()).collect()
    };
    assert_eq!(ids(&listing.ours), ["ours-0001"]);
    assert_eq!(ids(&listing.others), ["theirs-0001"]);
    assert_eq!(listing.unreadable.len(), 1);
    assert_eq!(listing.unreadable[0].0, "broken-0001");
    let exported = listing.ours[0].exported.as_ref().expect("exported");
    assert!(exported.last.incomplete && !exported.changed_since);
    assert_eq!(listing.others[0].exported, None);

    // A change to the answers after the export is seen; a change of
    // position or time alone is not.
    let mut moved = ours.clone();
    moved.position = Some(FieldKey::main("q3"));
    moved.updated += chrono::Duration::minutes(5);
    store.save(&moved).expect("save");
    let listing = store.listing(&common::builtin().id).expect("listing");
    assert!(!listing.ours[0].exported.as_ref().expect("e").changed_since);
    moved.answers.set(FieldKey::main("q9"), text("Later."));
    store.save(&moved).expect("save");
    let listing = store.listing(&common::builtin().id).expect("listing");
    assert!(listing.ours[0].exported.as_ref().expect("e").changed_since);
}

#[cfg(unix)]
#[test]
fn the_exports_record_is_private_and_never_written_through_a_link() {
    use std::os::unix::fs::PermissionsExt;
    let (tmp, store) = store();
    let d = draft("private-0001");
    store.create(&d).expect("create");
    let record = |store: &DraftStore| {
        store.record_export(
            &d.id,
            &d.answers,
            Path::new("/srv/r.txt"),
            false,
            quire::draft::now(),
        )
    };
    record(&store).expect("record");
    let mode = std::fs::metadata(store.exports_path(&d.id))
        .expect("metadata")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let target = tmp.path().join("elsewhere");
    std::fs::write(&target, "kept").expect("write");
    std::fs::remove_file(store.exports_path(&d.id)).expect("remove");
    std::os::unix::fs::symlink(&target, store.exports_path(&d.id)).expect("link");
    assert!(matches!(record(&store), Err(DraftError::Link { .. })));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "kept");
}
