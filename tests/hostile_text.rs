//! Text that could act on a terminal or hide itself (issue 11, items 5 and
//! 9): escape sequences, C1 controls, NUL bytes, bidirectional overrides
//! and invisible characters, from every source quire reads: a published
//! report (`import`, `fmt`), a draft file edited by hand (`drafts`, `drafts
//! show`, `export`, the wizard), and the wizard's keys, pastes and
//! `$EDITOR`. None of it may be printed, kept or published; every removal
//! is said.

mod common;

use assert_cmd::Command;
use chrono::DateTime;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, Orphan};
use quire::report;
use quire::tui::App;
use quire::tui::model::{Model, Showing, Theme};
use quire::tui::msg::{Effect, Msg, Opened};
use quire::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// The fourteen kinds of escape sequence of issue 11. Each is removed
/// whole: nothing of it is left in the text.
const SEQUENCES: [(&str, &str); 14] = [
    (
        "OSC 0 and 2 titles",
        "\u{1b}]0;pwned\u{7}\u{1b}]2;pwned\u{1b}\\",
    ),
    ("OSC 52 clipboard write", "\u{1b}]52;c;cm0gLXJmIH4K\u{7}"),
    (
        "OSC 8 hyperlink",
        "\u{1b}]8;;https://evil.example/\u{1b}\\\u{1b}]8;;\u{1b}\\",
    ),
    ("CSI cursor moves", "\u{1b}[10;20H\u{1b}[2A\u{1b}[?25l"),
    ("CSI 2J", "\u{1b}[2J\u{1b}[3J\u{1b}[H"),
    ("DCS", "\u{1b}P1$qm\u{1b}\\"),
    ("APC", "\u{1b}_payload\u{1b}\\"),
    ("PM", "\u{1b}^private\u{1b}\\"),
    ("SOS", "\u{1b}Xstring\u{1b}\\"),
    ("8-bit CSI", "\u{9b}2J"),
    ("8-bit OSC", "\u{9d}52;c;eA==\u{9c}"),
    ("SS2 and SS3", "\u{1b}Nx\u{1b}OA\u{8e}y\u{8f}z"),
    ("bracketed paste end marker", "\u{1b}[201~"),
    ("BEL", "\u{7}\u{7}"),
];

/// What acts on a terminal or hides text: never in what quire prints,
/// keeps or publishes.
fn hostile(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200b}' | '\u{feff}')
}

fn assert_harmless(what: &str, text: &str) {
    let bad: Vec<char> = text.chars().filter(|c| hostile(*c)).collect();
    assert!(bad.is_empty(), "{what} holds {bad:?}:\n{text}");
}

fn utf8(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

const FIXTURE: &str = "public-safety-canada.txt";

/// `report` with `insert` put into line `line` (1-based) after `at` chars.
fn with_inserted(report: &str, line: usize, at: usize, insert: &str) -> String {
    let mut lines: Vec<String> = report.split('\n').map(str::to_owned).collect();
    let l = &mut lines[line - 1];
    let byte = l.char_indices().nth(at).map_or(l.len(), |(i, _)| i);
    l.insert_str(byte, insert);
    lines.join("\n")
}

/// Public Safety Canada's report with an OSC title change and an override
/// in its organization line (1), an OSC 52 clipboard write, an 8-bit CSI
/// and a zero-width space in its Question 4 answer (41), and NUL bytes
/// across its Question 5 description (51).
fn hostile_report() -> String {
    let mut r = common::fixture(FIXTURE);
    assert!(
        r.lines()
            .nth(40)
            .expect("line 41")
            .starts_with("Public Safety (PS)")
    );
    assert!(
        r.lines()
            .nth(50)
            .expect("line 51")
            .starts_with("As stated above")
    );
    r = with_inserted(&r, 1, 20, "\u{202e}");
    r = with_inserted(&r, 1, 13, "\u{1b}]0;pwned\u{7}");
    r = with_inserted(&r, 41, 7, "\u{1b}]52;c;cm0gLXJmIH4K\u{7}");
    r = with_inserted(&r, 41, 30, "\u{9b}2J\u{200b}");
    for at in [0, 3, 6] {
        r = with_inserted(&r, 51, at, "\u{0}");
    }
    r
}

// ---------------------------------------------------------------------------
// The fourteen kinds, read from a report and pasted in the wizard

#[rstest]
fn each_kind_of_sequence_in_a_report_is_removed_whole_and_said(
    #[values(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)] kind: usize,
) {
    let (name, sequence) = SEQUENCES[kind];
    let q = common::builtin();
    let original = common::fixture(FIXTURE);
    let hostile = with_inserted(&original, 41, 12, sequence);
    let imported = report::import(&q, &hostile).expect("imports");
    let on_41: Vec<&str> = imported
        .warnings
        .iter()
        .filter(|w| w.line == 41)
        .map(|w| w.message.as_str())
        .collect();
    assert!(
        matches!(on_41.as_slice(), [m] if m.ends_with("removed, the first at column 13")),
        "{name}: {on_41:?}"
    );
    assert_eq!(report::reformat(&q, &imported, None), original, "{name}");
}

/// A draft of the built-in questionnaire, for the wizard.
fn draft(answers: &[(&str, Value)]) -> Draft {
    let q = common::builtin();
    let now = DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date");
    let mut d = Draft::new(DraftId::parse("hostile-0001").expect("id"), &q, now);
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    for (key, value) in answers {
        d.answers
            .set(FieldKey::parse(key).expect("key"), value.clone());
    }
    d.position = Some(FieldKey::main("q8"));
    d
}

/// The wizard's model with `d` open (as the shell hands it over).
fn opened(d: Draft) -> Model {
    let q = common::builtin();
    let mut m = Model::new(q, vec![], d.updated, (100, 40), Theme { color: false });
    let opened = Opened {
        draft: Box::new(d),
        read_only: None,
        orphans_moved: vec![],
        note: None,
        export_folder: None,
        version: None,
    };
    assert_eq!(update(&mut m, Msg::Opened(Ok(opened))), vec![]);
    m
}

fn editor_text(m: &Model) -> String {
    m.session()
        .and_then(|s| s.editor.as_ref())
        .map(|e| e.text())
        .expect("an editor")
}

#[rstest]
fn each_kind_of_sequence_pasted_is_removed_and_said(
    #[values(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13)] kind: usize,
) {
    let (name, sequence) = SEQUENCES[kind];
    let mut m = opened(draft(&[]));
    update(&mut m, Msg::Paste(format!("before {sequence}after")));
    assert_eq!(editor_text(&m), "before after", "{name}");
    let status = m.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Removed ") && status.ends_with(" from the pasted text."),
        "{name}: {status}"
    );
}

// ---------------------------------------------------------------------------
// The wizard: typed C1 controls, $EDITOR

fn key(c: char) -> Event {
    Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// The answers a save effect carries.
fn saved(effects: &[Effect]) -> Option<&Draft> {
    effects.iter().find_map(|e| match e {
        Effect::Save(d, _) => Some(&**d),
        _ => None,
    })
}

#[test]
fn typed_c1_controls_are_neither_kept_nor_exported() {
    // One key at a time, as a slow typist.
    let mut m = opened(draft(&[]));
    for c in ['a', '\u{9b}', 'b', '\u{85}'] {
        let Event::Key(k) = key(c) else {
            unreachable!()
        };
        update(&mut m, Msg::Key(k));
    }
    assert_eq!(editor_text(&m), "ab");
    assert_eq!(
        m.status.as_deref(),
        Some("Removed 1 control character from the typed text.")
    );
    // A burst, typed as one edit by the real application.
    let tmp = TempDir::new().expect("temp dir");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    let d = draft(&[]);
    store.create(&d).expect("create");
    let mut app = App::new(common::builtin(), store, (100, 40), Theme { color: false });
    app.open("hostile-0001");
    let mut no_editor = |_: &str| Err("no editor".to_owned());
    app.handle(
        "x\u{9b}31my\u{9d}0;t\u{9c}z".chars().map(key),
        &mut no_editor,
    );
    assert_eq!(editor_text(&app.model), "xyz");
    assert_eq!(
        app.model.status.as_deref(),
        Some("Removed 2 escape sequences from the typed text.")
    );
    app.dispatch(Msg::Quit, &mut no_editor);
    let kept = app.shell.store.load(&d.id).expect("saved");
    assert_eq!(kept.answers.main("q8"), Some(&Value::Text("xyz".into())));
    let published = report::publish(&common::builtin(), &kept.answers, None).text;
    assert_harmless("the published report", &published);
}

#[test]
fn text_from_the_editor_is_cleaned_and_said() {
    let mut m = opened(draft(&[]));
    let effects = update(
        &mut m,
        Msg::Edited(Ok("mine\u{1b}]52;c;eA==\u{7}\r\n\u{202e}second\u{0}".into())),
    );
    assert_eq!(editor_text(&m), "mine\nsecond");
    assert_eq!(
        saved(&effects).and_then(|d| d.answers.main("q8")),
        Some(&Value::Text("mine\nsecond".into()))
    );
    assert_eq!(
        m.status.as_deref(),
        Some(
            "Removed 1 NUL byte, 1 escape sequence and 1 bidirectional control character from the text from the editor."
        )
    );
}

#[test]
fn a_joiner_typed_alone_is_kept_only_if_it_joins() {
    let mut m = opened(draft(&[]));
    // Persian: ZWNJ between two letters, typed key by key.
    for c in ['م', 'ی', '\u{200c}', 'خ', ' ', 'a', '\u{200d}', 'b'] {
        let Event::Key(k) = key(c) else {
            unreachable!()
        };
        update(&mut m, Msg::Key(k));
    }
    update(&mut m, Msg::Review);
    let q8 = m.session().expect("session").draft.answers.main("q8");
    assert_eq!(q8, Some(&Value::Text("می\u{200c}خ ab".into())));
}

// ---------------------------------------------------------------------------
// The wizard's screen

/// A draft holding hostile text everywhere the wizard shows text.
fn hostile_draft() -> Draft {
    let mut d = draft(&[
        (
            "q8",
            Value::Text(
                "Clipboard\u{1b}]52;c;eA==\u{7} clear\u{1b}[2J c1\u{9b}31m \u{202e}gnp.exe nul\u{0}\nsecond line\u{1b}]0;title\u{7}"
                    .into(),
            ),
        ),
        (
            "q3",
            Value::Choice(vec![Chosen::Unlisted("Partly\u{1b}[31m\u{202e}".into())]),
        ),
        ("q9", Value::Text("\u{9d}8;;x\u{9c}link\u{200b}".into())),
    ]);
    d.answers.header.insert(
        "organization".into(),
        "Evil\u{1b}]0;pwned\u{7} Org\u{202e}\u{0}".into(),
    );
    d.orphans.push(Orphan {
        key: FieldKey::main("q14"),
        value: Value::Text("set aside\u{1b}[5m\u{2066}".into()),
        reason: "gone\u{7}".into(),
    });
    d
}

/// Every cell of the screen: none may hold a hostile character.
fn assert_screen_harmless(what: &str, m: &Model) {
    let (w, h) = m.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(m, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    for y in 0..h {
        for x in 0..w {
            let symbol = buffer[(x, y)].symbol();
            assert!(
                !symbol.chars().any(hostile),
                "{what}: cell ({x}, {y}) holds {symbol:?}\n{}",
                terminal.backend()
            );
        }
    }
}

#[test]
fn no_cell_of_the_wizard_holds_a_hostile_character() {
    // The draft as it is on disk, listed and opened by the real application.
    let tmp = TempDir::new().expect("temp dir");
    let store = DraftStore::open(tmp.path().join("drafts")).expect("store");
    store.create(&hostile_draft()).expect("create");
    let mut app = App::new(common::builtin(), store, (100, 40), Theme { color: false });
    assert_screen_harmless("start screen", &app.model);
    app.open("hostile-0001");
    assert_eq!(app.model.showing(), Showing::Question);
    let status = app.model.status.clone().unwrap_or_default();
    assert!(
        status.starts_with("Removed ") && status.contains("answer q8"),
        "{status}"
    );
    assert_screen_harmless("question 8, opened", &app.model);
    // The view's own guard: the same draft handed over uncleaned, on every
    // screen that shows its text.
    let mut m = opened(hostile_draft());
    assert_screen_harmless("question 8", &m);
    update(&mut m, Msg::PrevQuestion);
    update(&mut m, Msg::PrevQuestion);
    update(&mut m, Msg::PrevQuestion);
    update(&mut m, Msg::PrevQuestion);
    assert_screen_harmless("question 3 (unlisted label)", &m);
    update(&mut m, Msg::Review);
    assert_eq!(m.showing(), Showing::Review);
    assert_screen_harmless("review", &m);
    m.size = (60, 16);
    assert_screen_harmless("review, small", &m);
}

// ---------------------------------------------------------------------------
// The command line

struct Sandbox {
    tmp: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let tmp = TempDir::new().expect("temp dir");
        std::fs::create_dir(tmp.path().join("home")).expect("home");
        Self { tmp }
    }

    fn dir(&self) -> PathBuf {
        self.tmp.path().join("drafts")
    }

    fn quire(&self) -> Command {
        let mut cmd = Command::cargo_bin("quire").expect("binary");
        cmd.current_dir(self.tmp.path())
            .env("HOME", self.tmp.path().join("home"))
            .env("XDG_DATA_HOME", self.tmp.path().join("home/.local/share"))
            .env("QUIRE_DRAFTS_DIR", self.dir())
            .env("TZ", "UTC");
        cmd
    }

    fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.tmp.path().join(name);
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// Runs quire; returns stdout and stderr, which must hold nothing
    /// hostile, and whether it succeeded.
    fn run(&self, args: &[&str]) -> (String, String, bool) {
        let out = self.quire().args(args).output().expect("runs");
        let (stdout, stderr) = (utf8(&out.stdout), utf8(&out.stderr));
        assert_harmless(&format!("stdout of {args:?}"), &stdout);
        assert_harmless(&format!("stderr of {args:?}"), &stderr);
        (stdout, stderr, out.status.success())
    }
}

fn lines_with<'a>(text: &'a str, needle: &str) -> Vec<&'a str> {
    text.lines().filter(|l| l.contains(needle)).collect()
}

#[test]
fn import_of_a_hostile_report_says_each_line_and_makes_a_clean_draft() {
    let s = Sandbox::new();
    let path = s.write("hostile.txt", hostile_report().as_bytes());
    let (id, stderr, ok) = s.run(&["import", &path.display().to_string()]);
    assert!(ok, "{stderr}");
    let id = id.trim_end();
    assert_eq!(
        lines_with(&stderr, "warning"),
        [
            format!(
                "{}:1: warning: 1 escape sequence and 1 bidirectional control character removed, the first at column 14",
                path.display()
            ),
            format!(
                "{}:41: warning: 2 escape sequences and 1 invisible character removed, the first at column 8",
                path.display()
            ),
            format!(
                "{}:51: warning: 3 NUL bytes removed, the first at column 1 (the file may be binary or UTF-16)",
                path.display()
            ),
        ]
    );
    // The draft holds the report's text without any of it, and exports as
    // the clean report does.
    let file = std::fs::read_to_string(s.dir().join(format!("{id}.toml"))).expect("draft");
    assert_harmless("the draft file", &file);
    assert!(!file.contains("\\u00") && !file.contains("\\e"), "{file}");
    let clean = s.write("clean.txt", common::fixture(FIXTURE).as_bytes());
    let (clean_id, _, _) = s.run(&["import", &clean.display().to_string()]);
    let export = |id: &str| s.run(&["export", id.trim_end(), "--date", "2024-08-23"]).0;
    assert_eq!(export(id), export(&clean_id));
}

#[test]
fn fmt_of_a_hostile_report_prints_the_clean_canonical_report() {
    let s = Sandbox::new();
    let path = s.write("hostile.txt", hostile_report().as_bytes());
    let (out, stderr, ok) = s.run(&["fmt", &path.display().to_string()]);
    assert!(ok, "{stderr}");
    assert_eq!(out, common::fixture(FIXTURE));
    assert_eq!(lines_with(&stderr, "removed").len(), 3, "{stderr}");
    // Never canonical: what was removed is a difference, said without the
    // characters themselves.
    let (_, stderr, ok) = s.run(&["fmt", "--check", &path.display().to_string()]);
    assert!(!ok);
    assert!(stderr.contains(":1: not in canonical form"), "{stderr}");
}

#[test]
fn a_file_of_nul_bytes_is_refused_with_the_hint() {
    let s = Sandbox::new();
    let path = s.write(
        "binary.bin",
        b"\x00\x01\x02\x00garbage\x00\x1b[2J\x00\n\x00\x00",
    );
    let (_, stderr, ok) = s.run(&["import", &path.display().to_string()]);
    assert!(!ok);
    assert!(
        stderr.contains("(the file holds NUL bytes: it may be binary or UTF-16)"),
        "{stderr}"
    );
    assert!(!s.dir().exists() || std::fs::read_dir(s.dir()).expect("dir").count() == 0);
}

/// A draft file as someone could write it by hand: TOML escapes put any
/// control in a string.
const HAND_EDITED: &str = r#"format = 1
id = "hostile-0001"
created = "2024-11-23T14:02:11-05:00"
updated = "2024-11-24T09:30:52-05:00"

[questionnaire]
id = "values-ethics-self-assessment"
version = "2024.1\u001b[2J"
digest = "sha256:d0841e2b"

[header]
organization = "Evil\u001b]0;pwned\u0007 Org\u202e"

[answers.q1]
choice = ["yes"]

[answers.q8]
text = "Clipboard\u001b]52;c;cm0gLXJmIH4K\u0007 write\u009b2J\nnul\u0000\u0000"

[answers.q12]
choice = [{ unlisted = "Partly\u001b[5m\u2066" }]

[[orphan]]
key = "q14"
reason = "gone\u0007"
text = "set aside\u001bc"
"#;

#[test]
fn a_hand_edited_draft_is_shown_and_exported_clean_and_left_as_it_is() {
    let s = Sandbox::new();
    DraftStore::open(s.dir()).expect("store");
    let path = s.dir().join("hostile-0001.toml");
    std::fs::write(&path, HAND_EDITED).expect("write");
    let warned = |stderr: &str| {
        assert_eq!(
            lines_with(stderr, "warning: draft hostile-0001"),
            [
                "warning: draft hostile-0001: header `organization`: 1 escape sequence and 1 bidirectional control character removed (the draft file is left as it is)",
                "warning: draft hostile-0001: answer q12: 1 escape sequence and 1 bidirectional control character removed (the draft file is left as it is)",
                "warning: draft hostile-0001: answer q8: 2 NUL bytes and 2 escape sequences removed (the draft file is left as it is)",
                "warning: draft hostile-0001: set-aside q14: 1 escape sequence and 1 control character removed (the draft file is left as it is)",
            ],
            "{stderr}"
        );
    };
    let (list, stderr, ok) = s.run(&["drafts"]);
    assert!(ok, "{stderr}");
    warned(&stderr);
    assert!(list.contains("Evil Org"), "{list}");
    // Not an answer, so not cleaned: shown by name.
    assert!(list.contains("v2024.1<ESC>[2J"), "{list}");
    let (show, stderr, ok) = s.run(&["drafts", "show", "hostile-0001"]);
    assert!(ok, "{stderr}");
    warned(&stderr);
    assert!(show.contains("Clipboard write\n    nul\n"), "{show}");
    assert!(show.contains("• Partly (not an option"), "{show}");
    assert!(show.contains("set aside"), "{show}");
    let (report, stderr, ok) = s.run(&["export", "hostile-0001", "--allow-incomplete"]);
    assert!(ok, "{stderr}");
    warned(&stderr);
    assert!(report.starts_with("Evil Org\n"), "{report}");
    assert!(report.contains("\nClipboard write\nnul\n"), "{report}");
    assert_eq!(std::fs::read_to_string(&path).expect("draft"), HAND_EDITED);
}

#[test]
fn file_names_in_messages_are_shown_by_name() {
    let s = Sandbox::new();
    let (_, stderr, ok) = s.run(&["fmt", "no\u{1b}]0;such\u{7}file.txt"]);
    assert!(!ok);
    assert!(
        stderr.contains("cannot read no<ESC>]0;such<BEL>file.txt"),
        "{stderr}"
    );
    let bad = Path::new("bad\u{1b}[2J.toml");
    let (_, stderr, ok) = s.run(&["validate", &bad.display().to_string()]);
    assert!(!ok);
    assert!(stderr.contains("bad<ESC>[2J.toml"), "{stderr}");
}
