//! The draft store as a library: file round trips, atomic saves, history,
//! trash, ids, permissions and locks; and a property: any draft written
//! as TOML reads back equal.

use chrono::{DateTime, FixedOffset, TimeZone};
use proptest::prelude::*;
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::draft::{
    Draft, DraftError, DraftId, DraftStore, FORMAT, Listed, Orphan, QuestionnaireRef, SaveReason,
    TextKey, Translation, Translations, parse, retention, to_toml,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn at(rfc3339: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(rfc3339).expect("date")
}

fn id(s: &str) -> DraftId {
    DraftId::parse(s).expect("valid id")
}

fn text(v: &str) -> Value {
    Value::Text(v.into())
}

fn options(ids: &[&str]) -> Value {
    Value::Choice(ids.iter().map(|o| Chosen::Option((*o).into())).collect())
}

/// Text that TOML has to escape or quote with care.
const NASTY: &str = "Tabs\there, \"quotes\", 'single', a back\\slash \\n (not a newline), C:\\path\\,\n\"\"\" three quotes, ''' three apostrophes, \"\"\"\"\" five,\r\nCRLF, lone \r CR, NUL \u{0}, ESC \u{1b}, DEL \u{7f}, BOM \u{feff}, LS \u{2028}, emoji 🦀, # not a comment\n[not.a.table]\nkey = \"not a key\"\n\n\n";

/// A draft with every kind of answer the file has to hold.
fn every_kind(draft_id: &str) -> Draft {
    let mut answers = Answers::new();
    answers
        .header
        .insert("organization".into(), "Sécurité publique Canada".into());
    answers
        .header
        .insert("contact \"name\"".into(), "O’Brien\ttab".into());
    answers.set(FieldKey::main("q1"), options(&["yes"]));
    answers.set(FieldKey::main("q2"), options(&["no"]));
    answers.set(
        FieldKey::sub("q2", "if-not"),
        text("By March\u{a0}2025 – at the latest."),
    );
    answers.set(
        FieldKey::main("q3"),
        Value::Choice(vec![
            Chosen::Option("reviewing".into()),
            Chosen::Unlisted("Partly, \"mostly\" \\ so".into()),
        ]),
    );
    answers.set(
        FieldKey::main("q6"),
        options(&["executive-discussions", "all-staff", "communications"]),
    );
    answers.set(FieldKey::main("q7"), Value::Choice(vec![]));
    answers.set(
        FieldKey::sub("q5", "description"),
        text("Intro:\n\n- first\n  - nested\n1. numbered\n\nEnd."),
    );
    answers.set(FieldKey::main("q8"), text(NASTY));
    answers.set(FieldKey::main("q9"), text(""));
    answers.set(FieldKey::main("q10"), text(" \n\u{a0}\t"));
    answers.set(
        FieldKey::main("q12"),
        Value::Choice(vec![Chosen::Unlisted("Partly".into())]),
    );
    answers.set(FieldKey::sub("q12", "comment"), text("\nLeading newline."));
    Draft {
        id: id(draft_id),
        questionnaire: QuestionnaireRef {
            id: "values-ethics-self-assessment".into(),
            version: "2024.1".into(),
            digest: "sha256:00ff".into(),
        },
        created: at("2024-11-23T14:02:11-05:00"),
        updated: at("2024-11-24T09:30:52+05:30"),
        position: Some(FieldKey::sub("q5", "description")),
        language: None,
        answers,
        translations: Translations::default(),
        orphans: vec![
            Orphan {
                key: FieldKey::main("q14"),
                value: text(NASTY),
                reason: "question `q14` is no longer in the questionnaire".into(),
            },
            Orphan {
                key: FieldKey::sub("q1", "why"),
                value: Value::Choice(vec![
                    Chosen::Option("red".into()),
                    Chosen::Unlisted("Crimson \"red\"".into()),
                ]),
                reason: "Question 1 no longer has a follow-up `why`".into(),
            },
            Orphan {
                key: FieldKey::main("q15"),
                value: Value::Choice(vec![]),
                reason: String::new(),
            },
        ],
    }
}

fn store() -> (tempfile::TempDir, DraftStore) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    (tmp, store)
}

/// Every file under `dir` by relative path, with its bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).expect("read dir") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("under root");
                out.insert(
                    rel.display().to_string(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The draft `d` after edit number `n`.
fn edited(d: &Draft, n: u32) -> Draft {
    let mut d = d.clone();
    d.answers
        .set(FieldKey::main("q13"), text(&format!("Edit number {n}.")));
    d.updated = FixedOffset::west_opt(5 * 3600)
        .expect("offset")
        .with_ymd_and_hms(2025, 1, 1, 0, 0, 0)
        .single()
        .expect("date")
        + chrono::Duration::minutes(i64::from(n));
    d
}

// ---------------------------------------------------------------------------
// The file

#[test]
fn every_kind_of_answer_round_trips_through_the_store() {
    let (_tmp, store) = store();
    let draft = every_kind("every-kind-0001");
    store.create(&draft).expect("create");
    let loaded = store.load(&draft.id).expect("load");
    assert_eq!(loaded, draft);
    // And the text itself.
    let written = std::fs::read_to_string(store.path(&draft.id)).expect("read");
    assert_eq!(written, to_toml(&draft));
    assert_eq!(parse(&written).ok(), Some(draft));
}

#[test]
fn the_file_is_readable_toml_with_a_header_and_natural_key_order() {
    let draft = every_kind("every-kind-0001");
    let text = to_toml(&draft);
    assert!(
        text.starts_with("# quire draft: answers in progress. Format: docs/draft-format.md\n"),
        "{text}"
    );
    assert!(text.contains(&format!("\nformat = {FORMAT}\n")));
    assert!(text.contains("\nid = \"every-kind-0001\"\n"));
    assert!(text.contains("\nposition = \"q5.description\"\n"));
    assert!(text.contains("\n[questionnaire]\n"));
    // q2 before q10, as a person reads them.
    let q2 = text.find("[answers.q2]").expect("q2");
    let q10 = text.find("[answers.q10]").expect("q10");
    let q12 = text.find("answers.q12").expect("q12");
    assert!(q2 < q10 && q10 < q12, "{text}");
    // Plain TOML: any TOML reader gets the same text back.
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    assert_eq!(
        value["answers"]["q8"]["text"].as_str(),
        Some(NASTY),
        "{text}"
    );
}

#[test]
fn a_handwritten_draft_as_the_docs_show_it_reads() {
    let draft = DraftStore::load_path(&fixture("drafts/handwritten-7f3a.toml")).expect("reads");
    assert_eq!(draft.id, id("handwritten-7f3a"));
    assert_eq!(draft.organization(), "Handwritten Agency");
    assert_eq!(draft.position, Some(FieldKey::sub("q5", "description")));
    assert_eq!(
        draft.answers.main("q12"),
        Some(&Value::Choice(vec![Chosen::Unlisted("Partly".into())]))
    );
    assert_eq!(
        draft.answers.main("q4"),
        Some(&text("The review ends in December 2024."))
    );
    assert_eq!(draft.orphans.len(), 1);
    assert_eq!(draft.orphans[0].key, FieldKey::main("q14"));
    // Written back, it reads the same.
    assert_eq!(parse(&to_toml(&draft)).ok(), Some(draft));
}

#[test]
fn unreadable_files_are_placed_by_line_and_column() {
    for (name, line, column, message) in [
        (
            "drafts/newer-format.toml",
            4,
            10,
            "unknown draft format 2; this quire reads format 1",
        ),
        ("drafts/not-toml.toml", 7, 6, ""),
    ] {
        let path = fixture(name);
        match DraftStore::load_path(&path) {
            Err(DraftError::Parse {
                path: p,
                line: l,
                column: c,
                message: m,
            }) => {
                assert_eq!((p, l, c), (path.clone(), line, column), "{m}");
                assert!(m.starts_with(message), "{m}");
            }
            other => panic!("{name}: expected a parse error, got {other:?}"),
        }
    }
}

// ---------------------------------------------------------------------------
// Saves and history

#[test]
fn a_save_that_changes_nothing_writes_nothing() {
    let (_tmp, store) = store();
    let draft = every_kind("same-0001");
    store.save(&draft).expect("first save");
    let before = files(store.dir());
    #[cfg(unix)]
    let inode = {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(store.path(&draft.id))
            .expect("meta")
            .ino()
    };
    store.save(&draft).expect("second save");
    store.save(&draft.clone()).expect("third save");
    assert_eq!(files(store.dir()), before);
    assert!(store.history(&draft.id).is_empty());
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let now = std::fs::metadata(store.path(&draft.id))
            .expect("meta")
            .ino();
        assert_eq!(now, inode, "the file was not replaced");
    }
}

#[test]
fn history_keeps_the_last_versions_newest_first_and_restore_is_exact() {
    let (_tmp, store) = store();
    let base = every_kind("history-0001");
    // Saves this close together keep the newest few (see the thinning of
    // older versions in `versions_are_thinned_by_age`).
    const HISTORY_LEN: usize = retention::ALWAYS;
    let saves = (HISTORY_LEN as u32) + 5;
    let mut texts = Vec::new();
    for n in 0..saves {
        let d = edited(&base, n);
        store.save(&d).expect("save");
        texts.push(std::fs::read(store.path(&d.id)).expect("read"));
        // At most HISTORY_LEN versions at any time.
        let kept = store.history(&d.id).len();
        assert_eq!(kept, (n as usize).min(HISTORY_LEN), "after save {n}");
    }
    let last = texts.len() - 1;
    let history = store.history(&base.id);
    assert_eq!(history.len(), HISTORY_LEN);
    for v in &history {
        // Version 1 is what the last save replaced, and so on back.
        assert_eq!(
            std::fs::read(&v.path).expect("read"),
            texts[last - v.n],
            "version {}",
            v.n
        );
        assert_eq!(v.saved, Some(edited(&base, (last - v.n) as u32).updated));
    }
    let numbers: Vec<usize> = history.iter().map(|v| v.n).collect();
    assert_eq!(numbers, (1..=HISTORY_LEN).collect::<Vec<_>>());

    // Restore version 3: the exact bytes of that save come back, and what
    // it replaced becomes version 1.
    let restored = store.restore_version(&base.id, 3).expect("restore");
    assert_eq!(restored, edited(&base, (last - 3) as u32));
    assert_eq!(
        std::fs::read(store.path(&base.id)).expect("read"),
        texts[last - 3]
    );
    let history = store.history(&base.id);
    assert_eq!(history.len(), HISTORY_LEN, "still pruned");
    assert_eq!(std::fs::read(&history[0].path).expect("read"), texts[last]);
    assert_eq!(
        std::fs::read(&history[1].path).expect("read"),
        texts[last - 1],
        "the old version 1 is now version 2"
    );
    // A restore can be undone.
    store.restore_version(&base.id, 1).expect("undo");
    assert_eq!(
        std::fs::read(store.path(&base.id)).expect("read"),
        texts[last]
    );
}

/// Versions saved over days: the last minutes are kept densely, then one an
/// hour, then one a day (the policy itself: `src/draft/retention.rs`).
#[test]
fn versions_are_thinned_by_age_across_sessions() {
    use std::time::{Duration, SystemTime};
    let (_tmp, store) = store();
    let base = every_kind("aged-0001");
    // Ages of versions 1.toml (oldest) to 12.toml, in minutes.
    let ages_min: [u64; 12] = [
        4 * 1440 + 60,
        4 * 1440,
        3 * 1440,
        280,
        250,
        110,
        100,
        5,
        4,
        2,
        1,
        0,
    ];
    store.save(&edited(&base, 0)).expect("save");
    for n in 1..=ages_min.len() as u32 {
        store
            .save_because(&edited(&base, n), SaveReason::Pause)
            .expect("save");
        // Aged as each is made: pruning then sees the ages a real history
        // would have had.
        for (i, age) in ages_min.iter().enumerate().take(n as usize) {
            let path = store
                .dir()
                .join(format!("history/aged-0001/{}.toml", i + 1));
            if let Ok(file) = std::fs::File::options().write(true).open(&path) {
                let when = SystemTime::now() - Duration::from_secs(age * 60 + 1);
                file.set_modified(when).expect("age");
            }
        }
    }
    let mut left: Vec<u64> = std::fs::read_dir(store.dir().join("history/aged-0001"))
        .expect("history")
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml")?.parse().ok())
        .collect();
    left.sort_unstable();
    // 12, 11, 10 always; 9 and 8 are recent, a half-minute apart; 7 and 6
    // share an hour (6 goes); 5 and 4 share one (4 goes); 3, then 2 and 1
    // share a day (1 goes).
    assert_eq!(left, vec![2, 3, 5, 7, 8, 9, 10, 11, 12]);
    // Each version says why it was saved (the first, by `save`, does not).
    let reasons: Vec<_> = store.history(&base.id).iter().map(|v| v.why).collect();
    assert!(
        reasons.iter().all(|w| *w == Some(SaveReason::Pause)),
        "{reasons:?}"
    );
}

#[test]
fn restore_of_a_version_not_kept_changes_nothing() {
    let (_tmp, store) = store();
    let base = every_kind("history-0001");
    for n in 0..3 {
        store.save(&edited(&base, n)).expect("save");
    }
    let before = files(store.dir());
    for n in [0, 3, 100] {
        match store.restore_version(&base.id, n) {
            Err(DraftError::NoSuchVersion { id, n: m }) => {
                assert_eq!((id, m), (base.id.to_string(), n))
            }
            other => panic!("version {n}: expected NoSuchVersion, got {other:?}"),
        }
    }
    assert_eq!(files(store.dir()), before);
}

#[test]
fn save_never_replaces_a_file_that_became_unreadable() {
    let bad: [&[u8]; 5] = [
        b"format = 1\nid = \"x\n",
        b"",
        b"format = 2\n",
        b"\xff\xfe not UTF-8",
        b"# only a comment\n",
    ];
    for bytes in bad {
        let (_tmp, store) = store();
        let draft = every_kind("unreadable-0001");
        store.save(&draft).expect("save");
        store.save(&edited(&draft, 1)).expect("save");
        std::fs::write(store.path(&draft.id), bytes).expect("spoil");
        let before = files(store.dir());
        let err = store
            .save(&edited(&draft, 2))
            .expect_err("an unreadable file is not replaced");
        let shown = err.to_string();
        assert!(
            shown.contains(&store.path(&draft.id).display().to_string()),
            "{shown}"
        );
        if std::str::from_utf8(bytes).is_ok() {
            assert!(
                matches!(err, DraftError::UnreadableOnDisk { .. }),
                "{err:?}"
            );
            assert!(shown.contains("quire will not overwrite it"), "{shown}");
        }
        assert_eq!(
            files(store.dir()),
            before,
            "{:?}",
            String::from_utf8_lossy(bytes)
        );
        assert!(store.create(&draft).is_err());
        assert_eq!(files(store.dir()), before);
    }
}

#[test]
fn create_never_replaces_a_draft() {
    let (_tmp, store) = store();
    let draft = every_kind("create-0001");
    store.create(&draft).expect("create");
    let before = files(store.dir());
    match store.create(&edited(&draft, 1)) {
        Err(DraftError::Exists(id)) => assert_eq!(id, "create-0001"),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert_eq!(files(store.dir()), before);
}

#[test]
fn saves_leave_no_temporary_files() {
    let (_tmp, store) = store();
    let a = every_kind("tidy-0001");
    let b = every_kind("tidy-0002");
    for n in 0..(retention::ALWAYS as u32 + 3) {
        store.save(&edited(&a, n)).expect("save a");
        store.save(&edited(&b, n)).expect("save b");
    }
    store.restore_version(&a.id, 2).expect("restore");
    store.trash(&b.id).expect("trash");
    store.untrash(&b.id).expect("untrash");
    store.trash(&b.id).expect("trash");
    let names: Vec<String> = files(store.dir()).into_keys().collect();
    let expected_dirs = ["history/tidy-0001/", "history/tidy-0002/"];
    for name in &names {
        let ok = name == "tidy-0001.toml"
            || name == "trash/tidy-0002.toml"
            || expected_dirs.iter().any(|d| {
                name.strip_prefix(d)
                    .and_then(|n| n.strip_suffix(".toml"))
                    .is_some_and(|n| n.parse::<u32>().is_ok())
            });
        assert!(ok, "unexpected file {name} in {names:?}");
    }
    assert_eq!(names.len(), 1 + 1 + 2 * retention::ALWAYS, "{names:?}");
}

/// A save killed between writing its temporary copy and renaming it leaves
/// a hidden copy of the whole draft beside it (`.NAME.XXXXXX`).
#[test]
fn opening_to_write_removes_stale_temporary_copies_and_nothing_else() {
    use std::time::{Duration, SystemTime};
    let (_tmp, store) = store();
    let draft = every_kind("tidy-0001");
    store.save(&draft).expect("save");
    store.save(&edited(&draft, 1)).expect("save");
    let dir = store.dir();
    std::fs::create_dir(dir.join("trash")).expect("mkdir");
    let stale = [
        ".tidy-0001.toml.Ab3dE9",
        ".gone-0002.toml.QWERTY",
        "history/tidy-0001/.2.toml.Zz9Yy8",
    ];
    let kept = [
        // Too young: maybe another quire's save in progress.
        ".tidy-0001.toml.fresh1",
        // Not named as a temporary copy of a draft or a version.
        ".tidy-0001.toml.Ab3dE",
        ".tidy-0001.toml.Ab3dE9x",
        ".notes.txt.Ab3dE9",
        ".Upper.toml.Ab3dE9",
        "tidy-0001.toml.Ab3dE9",
        ".gitignore",
        "history/tidy-0001/.notes.toml.Ab3dE9",
        "trash/.tidy-0001.toml.Ab3dE9",
    ];
    let two_hours_ago = SystemTime::now() - Duration::from_secs(2 * 3600);
    for name in stale.iter().chain(&kept) {
        let path = dir.join(name);
        std::fs::write(&path, "a copy of a whole draft").expect("write");
        if *name != ".tidy-0001.toml.fresh1" {
            let file = std::fs::File::options()
                .write(true)
                .open(&path)
                .expect("open");
            file.set_modified(two_hours_ago).expect("age");
        }
    }
    // A folder named like a copy is not a copy.
    std::fs::create_dir(dir.join(".tidy-0001.toml.Folder")).expect("mkdir");
    std::fs::File::open(dir.join(".tidy-0001.toml.Folder"))
        .and_then(|f| f.set_modified(two_hours_ago))
        .expect("age");

    DraftStore::open_read_only(dir).expect("open to read");
    for name in &stale {
        assert!(dir.join(name).exists(), "reading removed {name}");
    }
    DraftStore::open(dir).expect("open to write");
    for name in &stale {
        assert!(!dir.join(name).exists(), "{name} is left");
    }
    for name in kept.iter().chain(&[".tidy-0001.toml.Folder"]) {
        assert!(dir.join(name).exists(), "{name} was removed");
    }
    assert_eq!(store.load(&draft.id).expect("load"), edited(&draft, 1));
    assert_eq!(store.history(&draft.id).len(), 1);
}

// ---------------------------------------------------------------------------
// Ids

#[test]
fn new_id_is_a_slug_and_never_reuses_an_id() {
    let (_tmp, store) = store();
    let org = "Sécurité publique Canada";
    let first = store.new_id(org, 42);
    assert!(
        first.as_str().starts_with("securite-publique-canada-"),
        "{first}"
    );
    assert_eq!(first.as_str().len(), "securite-publique-canada-".len() + 4);
    assert_eq!(store.new_id(org, 42), first, "free: the seed decides");

    // Taken by a draft.
    let mut draft = every_kind("securite-publique-canada-0000");
    draft.id = first.clone();
    store.create(&draft).expect("create");
    let second = store.new_id(org, 42);
    assert_ne!(second, first);

    // Taken by a draft in the trash.
    store.trash(&first).expect("trash");
    assert_ne!(store.new_id(org, 42), first);

    // Taken by a draft whose only trace is its history.
    draft.id = second.clone();
    store.save(&draft).expect("save");
    store.save(&edited(&draft, 1)).expect("save");
    std::fs::remove_file(store.path(&second)).expect("remove");
    let third = store.new_id(org, 42);
    assert!(third != first && third != second, "{third}");
}

#[test]
fn new_ids_for_many_drafts_are_distinct() {
    let (_tmp, store) = store();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..50 {
        let new = store.new_id("Public Safety Canada", 7);
        let mut d = every_kind("x-0000");
        d.id = new.clone();
        store.create(&d).expect("create");
        assert!(seen.insert(new));
    }
}

#[test]
fn ids_that_could_leave_the_folder_are_refused() {
    for bad in [
        "../etc",
        "..",
        "a/b",
        "A/B",
        "a\\b",
        "/etc/passwd",
        ".hidden",
        "",
        "-a",
        "a-",
        "a--b",
        "Upper",
        "a b",
        "a.toml",
        "é",
    ] {
        match DraftStore::id(bad) {
            Err(e @ DraftError::InvalidId(_)) => assert_eq!(
                e.to_string(),
                format!("`{bad}` is not a draft id: ids are lowercase letters, digits and dashes")
            ),
            other => panic!("{bad:?}: expected InvalidId, got {other:?}"),
        }
    }
    let (_tmp, store) = store();
    let ok = DraftStore::id("public-safety-canada-7f3a").expect("valid");
    assert_eq!(store.path(&ok).parent(), Some(store.dir()));
}

// ---------------------------------------------------------------------------
// Trash

#[test]
fn a_trashed_draft_can_be_brought_back() {
    let (_tmp, store) = store();
    let draft = every_kind("trash-0001");
    store.save(&draft).expect("save");
    store.save(&edited(&draft, 1)).expect("save");
    let bytes = std::fs::read(store.path(&draft.id)).expect("read");
    let to = store.trash(&draft.id).expect("trash");
    assert_eq!(to, store.dir().join("trash/trash-0001.toml"));
    assert!(!store.path(&draft.id).exists());
    assert_eq!(std::fs::read(&to).expect("read"), bytes);
    assert!(matches!(
        store.load(&draft.id),
        Err(DraftError::NotFound(_))
    ));
    assert_eq!(store.history(&draft.id).len(), 1, "the history stays");
    assert!(
        store
            .list()
            .expect("list")
            .iter()
            .all(|l| !matches!(l, Listed::Draft(d) if d.id == draft.id)),
        "a trashed draft is not listed"
    );

    store.untrash(&draft.id).expect("untrash");
    assert_eq!(std::fs::read(store.path(&draft.id)).expect("read"), bytes);
    assert!(!to.exists());
    match store.untrash(&draft.id) {
        Err(DraftError::NotInTrash(id)) => assert_eq!(id, "trash-0001"),
        other => panic!("expected NotInTrash, got {other:?}"),
    }
}

#[test]
fn untrash_never_replaces_a_draft() {
    let (_tmp, store) = store();
    let draft = every_kind("trash-0001");
    store.save(&draft).expect("save");
    store.trash(&draft.id).expect("trash");
    store
        .save(&edited(&draft, 1))
        .expect("a new draft with that id");
    let before = files(store.dir());
    match store.untrash(&draft.id) {
        Err(DraftError::Exists(id)) => assert_eq!(id, "trash-0001"),
        other => panic!("expected Exists, got {other:?}"),
    }
    assert_eq!(files(store.dir()), before);
}

#[test]
fn trash_of_a_missing_draft_is_an_error() {
    let (_tmp, store) = store();
    match store.trash(&id("missing-0001")) {
        Err(DraftError::NotFound(id)) => assert_eq!(id, "missing-0001"),
        other => panic!("expected NotFound, got {other:?}"),
    }
    assert!(files(store.dir()).is_empty());
}

#[test]
fn trash_never_replaces_a_trashed_draft() {
    let (_tmp, store) = store();
    let draft = every_kind("trash-0001");
    store.save(&draft).expect("save");
    store.trash(&draft.id).expect("trash");
    let trashed = std::fs::read(store.dir().join("trash/trash-0001.toml")).expect("read");
    store
        .save(&edited(&draft, 1))
        .expect("a new draft with that id");
    // Refused, or kept aside: either way the first trashed draft survives.
    let _ = store.trash(&draft.id);
    assert!(
        files(store.dir()).values().any(|b| *b == trashed),
        "the draft trashed first is lost"
    );
}

// ---------------------------------------------------------------------------
// Listing

#[test]
fn list_reads_every_draft_reports_unreadable_ones_and_skips_the_rest() {
    let (_tmp, store) = store();
    for name in ["b-0001", "a-0001"] {
        store.save(&every_kind(name)).expect("save");
    }
    std::fs::write(store.dir().join("c-0001.toml"), "format = 1\nid = ").expect("write");
    std::fs::write(store.dir().join("notes.txt"), "not a draft").expect("write");
    std::fs::write(store.dir().join("a-0001.lock"), "pid = 1\n").expect("write");
    store
        .save(&edited(&every_kind("a-0001"), 1))
        .expect("history");
    store.save(&every_kind("d-0001")).expect("save");
    store.trash(&id("d-0001")).expect("trash");
    let before = files(store.dir());
    let listed = store.list().expect("list");
    let summary: Vec<(String, bool)> = listed
        .iter()
        .map(|l| match l {
            Listed::Draft(d) => (d.id.to_string(), true),
            Listed::Unreadable { id, error } => {
                assert!(
                    matches!(error, DraftError::Parse { line: 2, .. }),
                    "{error:?}"
                );
                (id.clone(), false)
            }
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("a-0001".to_owned(), true),
            ("b-0001".to_owned(), true),
            ("c-0001".to_owned(), false)
        ]
    );
    assert_eq!(files(store.dir()), before, "listing changes nothing");
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    use std::os::unix::ffi::OsStrExt;
    let c = std::ffi::CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    let made = unsafe { libc::mkfifo(c.as_ptr(), 0o600) };
    assert_eq!(made, 0, "mkfifo {}", path.display());
}

/// A FIFO would block the reader until someone writes to it: the listing,
/// the wizard's start screen and `drafts show` hung. Only regular files are
/// read (a link to one included); the others are listed with the reason.
#[cfg(unix)]
#[test]
fn list_reads_only_regular_files_and_names_what_the_others_are() {
    let (tmp, store) = store();
    let dir = store.dir();
    let draft = every_kind("regular-0001");
    store.save(&draft).expect("save");
    let outside = tmp.path().join("linked.toml");
    std::fs::write(&outside, to_toml(&every_kind("linked-0001"))).expect("write");
    std::os::unix::fs::symlink(&outside, dir.join("linked-0001.toml")).expect("symlink");
    mkfifo(&dir.join("fifo-0001.toml"));
    let fifo_elsewhere = tmp.path().join("fifo");
    mkfifo(&fifo_elsewhere);
    std::os::unix::fs::symlink(&fifo_elsewhere, dir.join("to-fifo-0001.toml")).expect("symlink");
    std::os::unix::fs::symlink("/dev/zero", dir.join("device-0001.toml")).expect("symlink");
    std::fs::create_dir(dir.join("folder-0001.toml")).expect("mkdir");
    let _socket =
        std::os::unix::net::UnixListener::bind(dir.join("socket-0001.toml")).expect("socket");

    let listed: Vec<(String, Result<String, String>)> = store
        .list()
        .expect("list")
        .into_iter()
        .map(|l| match l {
            Listed::Draft(d) => (d.id.to_string(), Ok(d.organization().to_owned())),
            Listed::Unreadable { id, error } => (id, Err(error.to_string())),
        })
        .collect();
    let reason = |id: &str, what: &str| {
        Err(format!(
            "{}: {what}, not a regular file: quire reads drafts from regular files only",
            dir.join(format!("{id}.toml")).display()
        ))
    };
    let org = Ok("Sécurité publique Canada".to_owned());
    assert_eq!(
        listed,
        [
            ("device-0001".into(), reason("device-0001", "a device")),
            (
                "fifo-0001".into(),
                reason("fifo-0001", "a FIFO (named pipe)")
            ),
            ("folder-0001".into(), reason("folder-0001", "a folder")),
            ("linked-0001".into(), org.clone()),
            ("regular-0001".into(), org),
            ("socket-0001".into(), reason("socket-0001", "a socket")),
            (
                "to-fifo-0001".into(),
                reason("to-fifo-0001", "a FIFO (named pipe)")
            ),
        ]
    );
    match store.load(&id("fifo-0001")) {
        Err(e @ DraftError::Io { .. }) => assert!(e.to_string().contains("a FIFO"), "{e}"),
        other => panic!("expected an error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Permissions

#[cfg(unix)]
#[test]
fn folders_quire_makes_are_private_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o7777;
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("drafts");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let store = DraftStore::open(&dir).expect("open");
    // The user's folder is theirs: a shared folder keeps its sticky bit,
    // `$HOME` its mode. The CLI warns instead (see `open_to_others`).
    assert_eq!(mode(&dir), 0o755, "an existing folder keeps its mode");
    let nested = DraftStore::open(tmp.path().join("a/b/drafts")).expect("open nested");
    assert_eq!(mode(nested.dir()), 0o700);
    assert_eq!(mode(&tmp.path().join("a/b")), 0o700, "made by quire too");

    let draft = every_kind("private-0001");
    store.save(&draft).expect("save");
    // A file that was readable by others before is private after a save.
    std::fs::set_permissions(
        store.path(&draft.id),
        std::fs::Permissions::from_mode(0o644),
    )
    .expect("chmod");
    store.save(&edited(&draft, 1)).expect("save");
    store.trash(&draft.id).expect("trash");
    store.untrash(&draft.id).expect("untrash");
    let _lock = store.lock(&draft.id).expect("lock");
    for entry in files(store.dir()).keys() {
        let path = store.dir().join(entry);
        if entry.ends_with(".lock") {
            continue;
        }
        assert_eq!(mode(&path), 0o600, "{entry}");
    }
    for sub in ["history", "history/private-0001", "trash"] {
        assert_eq!(mode(&store.dir().join(sub)), 0o700, "{sub}");
    }
    assert_eq!(mode(&dir), 0o755, "still");
}

// ---------------------------------------------------------------------------
// Links: drafts folders are kept in git or shared folders, which carry
// symbolic links; quire never writes, chmods or deletes through one.

/// A folder outside the drafts folder, with files an attacker would like
/// quire to change: its mode, names and bytes, to check they stay.
#[cfg(unix)]
struct Victim {
    dir: PathBuf,
}

#[cfg(unix)]
impl Victim {
    fn new(tmp: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let dir = tmp.join("victim");
        std::fs::create_dir(&dir).expect("mkdir");
        for n in 1..=12 {
            std::fs::write(dir.join(format!("{n}.toml")), format!("precious {n}\n"))
                .expect("write");
        }
        std::fs::write(dir.join("file"), "precious\n").expect("write");
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        Self { dir }
    }

    /// Mode of the folder, and every file with its bytes and mode.
    fn state(&self) -> (u32, BTreeMap<String, (Vec<u8>, u32)>) {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o7777;
        let files = std::fs::read_dir(&self.dir)
            .expect("read dir")
            .map(|e| {
                let p = e.expect("entry").path();
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                (name, (std::fs::read(&p).expect("read"), mode(&p)))
            })
            .collect();
        (mode(&self.dir), files)
    }
}

#[cfg(unix)]
fn is_link(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

#[cfg(unix)]
fn assert_link_refused<T: std::fmt::Debug>(result: Result<T, DraftError>, link: &Path) {
    match result {
        Err(e @ DraftError::Link { .. }) => {
            let DraftError::Link { path, .. } = &e else {
                unreachable!()
            };
            assert_eq!(path, link);
            let message = e.to_string();
            assert!(
                message.starts_with(&format!("{} is a symbolic link", link.display())),
                "{message}"
            );
        }
        other => panic!(
            "expected a refused link at {}, got {other:?}",
            link.display()
        ),
    }
}

#[cfg(unix)]
#[test]
fn a_linked_lock_file_is_refused_and_its_target_left_alone() {
    let (tmp, store) = store();
    let victim = Victim::new(tmp.path());
    let before = victim.state();
    let draft = every_kind("linked-0001");
    store.save(&draft).expect("save");
    let lock = store.dir().join("linked-0001.lock");
    std::os::unix::fs::symlink(victim.dir.join("file"), &lock).expect("symlink");
    assert_link_refused(store.lock(&draft.id), &lock);
    assert_eq!(victim.state(), before, "the link's target is untouched");
    assert!(is_link(&lock), "the link itself is left for the user");
}

#[cfg(unix)]
#[rstest::rstest]
#[case::history("history")]
#[case::history_of_the_draft("history/linked-0001")]
#[case::trash("trash")]
fn a_linked_subfolder_is_refused_and_its_target_left_alone(#[case] sub: &str) {
    let (tmp, store) = store();
    let victim = Victim::new(tmp.path());
    let before = victim.state();
    let draft = every_kind("linked-0001");
    store.save(&draft).expect("save");
    let link = store.dir().join(sub);
    std::fs::create_dir_all(link.parent().expect("parent")).expect("mkdir");
    std::os::unix::fs::symlink(&victim.dir, &link).expect("symlink");
    let draft_bytes = std::fs::read(store.path(&draft.id)).expect("read");

    // A save keeps the old version in the history; a trash keeps an older
    // trashed draft there: both need the linked folder, and are refused.
    let refused = match sub {
        "trash" => store.trash(&draft.id).map(|_| ()),
        _ => store.save(&edited(&draft, 1)),
    };
    assert_link_refused(refused, &link);
    if sub != "trash" {
        assert_link_refused(store.restore_version(&draft.id, 1), &link);
        assert_link_refused(store.knows(&draft.id), &link);
        assert!(
            store.history(&draft.id).is_empty(),
            "nothing read through it"
        );
    } else {
        assert_link_refused(store.untrash(&draft.id), &link);
        assert_link_refused(store.knows(&draft.id), &link);
    }
    assert_eq!(
        victim.state(),
        before,
        "no file changed, deleted or chmodded"
    );
    assert_eq!(
        std::fs::read(store.path(&draft.id)).expect("read"),
        draft_bytes,
        "the draft is as it was"
    );
    assert!(is_link(&link));
}

#[cfg(unix)]
#[test]
fn a_linked_draft_is_read_but_never_written_through_or_replaced() {
    let (tmp, store) = store();
    let draft = every_kind("linked-0001");
    let target = tmp.path().join("elsewhere.toml");
    std::fs::write(&target, to_toml(&draft)).expect("write");
    let link = store.path(&draft.id);
    std::os::unix::fs::symlink(&target, &link).expect("symlink");

    assert_eq!(store.load(&draft.id).expect("read through the link"), draft);
    assert!(matches!(
        store.list().expect("list").as_slice(),
        [Listed::Draft(d)] if **d == draft
    ));
    assert!(store.knows(&draft.id).expect("knows"));
    assert_link_refused(store.save(&edited(&draft, 1)), &link);
    assert_link_refused(store.lock(&draft.id), &link);
    assert_link_refused(store.trash(&draft.id), &link);
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        to_toml(&draft),
        "the target is not written"
    );
    assert!(is_link(&link), "the link is not replaced");
    assert!(
        !store.dir().join("history").exists(),
        "nothing was kept: nothing was saved"
    );
}

#[cfg(unix)]
#[test]
fn a_drafts_folder_reached_through_a_link_works() {
    // `~/drafts -> /mnt/share/drafts`: the folder the user named is theirs.
    let tmp = tempfile::tempdir().expect("temp dir");
    let real = tmp.path().join("real");
    std::fs::create_dir(&real).expect("mkdir");
    let link = tmp.path().join("drafts");
    std::os::unix::fs::symlink(&real, &link).expect("symlink");
    let store = DraftStore::open(&link).expect("open through the link");
    let draft = every_kind("through-0001");
    store.save(&draft).expect("save");
    store.save(&edited(&draft, 1)).expect("save again");
    let lock = store.lock(&draft.id).expect("lock");
    drop(lock);
    assert_eq!(store.history(&draft.id).len(), 1);
    store.trash(&draft.id).expect("trash");
    store.untrash(&draft.id).expect("untrash");
    assert!(real.join("through-0001.toml").is_file());
    assert!(real.join("history/through-0001/1.toml").is_file());
    assert!(is_link(&link));
}

// ---------------------------------------------------------------------------
// Locks

#[test]
fn a_held_lock_names_its_holder_and_frees_on_drop() {
    let (_tmp, store) = store();
    let draft = every_kind("locked-0001");
    store.save(&draft).expect("save");
    let lock = store.lock(&draft.id).expect("lock");
    assert_eq!(lock.path(), store.dir().join("locked-0001.lock"));
    match store.lock(&draft.id) {
        Err(e @ DraftError::Locked { .. }) => {
            let DraftError::Locked { id, holder } = &e else {
                unreachable!()
            };
            assert_eq!(id, "locked-0001");
            assert_eq!(holder.pid, Some(std::process::id()));
            assert!(
                e.to_string().starts_with(&format!(
                    "draft `locked-0001` is open in another quire (process {}",
                    std::process::id()
                )),
                "{e}"
            );
        }
        other => panic!("expected Locked, got {other:?}"),
    }
    // Another draft is not locked by it.
    store.lock(&id("other-0001")).expect("other draft");
    drop(lock);
    store.lock(&draft.id).expect("free after drop");
}

#[test]
fn a_lock_file_left_by_a_dead_process_does_not_block() {
    let (_tmp, store) = store();
    let draft = every_kind("stale-0001");
    store.save(&draft).expect("save");
    let path = store.dir().join("stale-0001.lock");
    for stale in [
        "pid = 999999\n",
        "pid = 999999\nhost = \"gone\"\n",
        "",
        "garbage",
    ] {
        std::fs::write(&path, stale).expect("stale lock file");
        let lock = store.lock(&draft.id).expect("a stale lock file is free");
        let note = std::fs::read_to_string(&path).expect("read");
        assert!(
            note.starts_with(&format!("pid = {}\n", std::process::id())),
            "the new holder is recorded: {note:?}"
        );
        drop(lock);
    }
}

// ---------------------------------------------------------------------------
// Property: any draft, written and read back, is the same draft.

/// Text that stresses TOML strings: any Unicode, or pieces TOML escapes.
fn any_text() -> impl Strategy<Value = String> {
    let piece = proptest::sample::select(vec![
        "\"\"\"",
        "'''",
        "\"",
        "'",
        "\\",
        "\\n",
        "\n",
        "\r\n",
        "\r",
        "\t",
        "\u{a0}",
        "\u{0}",
        "\u{1b}",
        "\u{7f}",
        "\u{80}",
        "\u{feff}",
        "\u{2028}",
        "\u{10ffff}",
        "é",
        "🦀",
        " ",
        "#",
        "=",
        "[",
        "]",
        "{",
        "}",
        ",",
        "a",
        "- ",
        "1. ",
    ]);
    prop_oneof![
        2 => any::<String>(),
        2 => proptest::collection::vec(piece, 0..24).prop_map(|p| p.concat()),
        1 => "\\PC{0,30}",
    ]
}

fn any_key() -> impl Strategy<Value = FieldKey> {
    let part = "[A-Za-z0-9_-]{1,8}";
    (part, proptest::option::of(part)).prop_map(|(q, f)| match f {
        Some(f) => FieldKey::sub(&q, &f),
        None => FieldKey::main(&q),
    })
}

fn any_value() -> impl Strategy<Value = Value> {
    let chosen = prop_oneof![
        any_text().prop_map(Chosen::Option),
        any_text().prop_map(Chosen::Unlisted),
    ];
    prop_oneof![
        proptest::collection::vec(chosen, 0..4).prop_map(Value::Choice),
        any_text().prop_map(Value::Text),
    ]
}

/// A time to the second (as drafts record it) in any whole-minute offset.
fn any_time() -> impl Strategy<Value = DateTime<FixedOffset>> {
    (0i64..4_102_444_800, -(24 * 60 - 1)..(24 * 60)).prop_map(|(secs, minutes)| {
        let offset = FixedOffset::east_opt(minutes * 60).expect("offset");
        DateTime::from_timestamp(secs, 0)
            .expect("time")
            .with_timezone(&offset)
    })
}

fn any_draft() -> impl Strategy<Value = Draft> {
    let draft_id = "[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
        .prop_map(|s| DraftId::parse(&s).expect("generated ids are valid"));
    let questionnaire =
        (any_text(), any_text(), any_text()).prop_map(|(id, version, digest)| QuestionnaireRef {
            id,
            version,
            digest,
        });
    let answers = (
        proptest::collection::btree_map(any_text(), any_text(), 0..4),
        proptest::collection::vec((any_key(), any_value()), 0..8),
    )
        .prop_map(|(header, fields)| {
            let mut a = Answers::new();
            a.header = header;
            for (k, v) in fields {
                a.set(k, v);
            }
            a
        });
    let orphans = proptest::collection::vec(
        (any_key(), any_value(), any_text()).prop_map(|(key, value, reason)| Orphan {
            key,
            value,
            reason,
        }),
        0..4,
    );
    let text_key = prop_oneof![
        "[a-z][a-z0-9_-]{0,8}".prop_map(TextKey::Header),
        any_key().prop_map(TextKey::Answer),
    ];
    let translations = proptest::collection::vec(
        (
            prop_oneof![Just("fr"), Just("en"), Just("fr-CA")],
            text_key,
            any_text(),
            any_text(),
        ),
        0..6,
    )
    .prop_map(|items| {
        let mut t = Translations::default();
        for (lang, key, text, source) in items {
            t.set(lang, key, Translation { text, source });
        }
        t
    });
    let language = proptest::option::of(prop_oneof![Just("fr".to_owned()), Just("en".to_owned())]);
    (
        draft_id,
        questionnaire,
        any_time(),
        any_time(),
        proptest::option::of(any_key()),
        (language, answers, translations),
        orphans,
    )
        .prop_map(
            |(
                id,
                questionnaire,
                created,
                updated,
                position,
                (language, answers, translations),
                orphans,
            )| Draft {
                id,
                questionnaire,
                created,
                updated,
                position,
                language,
                answers,
                translations,
                orphans,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn any_draft_reads_back_equal(draft in any_draft()) {
        let text = to_toml(&draft);
        let back = parse(&text).map_err(|e| {
            TestCaseError::fail(format!("{}:{}: {}\n{text}", e.line, e.column, e.message))
        })?;
        prop_assert_eq!(&back, &draft, "{}", text);
        // Writing it again gives the same text: a save of an unchanged
        // draft is recognised as such.
        prop_assert_eq!(to_toml(&back), text);
    }
}
