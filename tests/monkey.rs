//! The monkey: random sessions of what a terminal can send the wizard
//! (keys with any modifiers, pastes of hostile text, bursts of typing,
//! resizes from 1×1 to 300×100, the clock) through the real `update`, each
//! step drawn by the real `view` on ratatui's `TestBackend` at the
//! terminal's size of the moment. After every step: no panic (a panic
//! loses the user's terminal), and no cell of the screen holds a control
//! character or ESC (which would drive the user's terminal).
//!
//! The effects `update` asks for are answered by a shell kept in memory
//! (below): the real one writes drafts and exports to disk, and a monkey
//! typing an export path must not write over files of the machine that
//! runs the tests. Its answers are built from the real core (import,
//! drafts) and carry hostile text too, as a real disk, editor or report can.
//!
//! `cargo test --test monkey` runs a few dozen sessions; for a long run,
//! `QUIRE_MONKEY_CASES=20000 cargo test --release --test monkey`
//! (docs/fuzzing.md).

mod common;

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, Orphan};
use quire::questionnaire::Questionnaire;
use quire::report;
use quire::tui::model::{DraftEntry, Model, Theme, VersionRow, Versions};
use quire::tui::msg::{Done, Effect, ExportOutcome, Msg, Opened};
use quire::tui::to_msg;
use quire::tui::update::update;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::path::PathBuf;

/// Sessions in one `cargo test`: enough to cross every screen, small
/// enough for a few seconds of a debug build.
const CI_CASES: u32 = 16;

/// Hostile text: terminal escape sequences (OSC 52 clipboard, title,
/// clear screen, CSI with C1), bidi overrides, zero-width characters,
/// NUL, DEL, line ends of every kind, wide and combining characters.
const HOSTILE: &[&str] = &[
    "\u{1b}]52;c;aGVsbG8=\u{7}",
    "\u{1b}]0;pwned\u{1b}\\",
    "\u{1b}[2J\u{1b}[H",
    "\u{1b}[31mred\u{1b}[0m",
    "\u{9b}31m",
    "\u{1b}",
    "\u{9d}0;t\u{9c}",
    "\u{202e}txt.exe\u{202c}",
    "\u{200b}\u{200d}\u{2060}\u{feff}",
    "\0",
    "\u{7f}",
    "\r\n",
    "\r",
    "\t",
    "\u{85}\u{2028}\u{2029}",
    "研究 ✓ 👩‍👩‍👧",
    "e\u{301}\u{301}\u{301}",
    "\n\n\n",
    "- item\n  1. sub",
];

fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        2 => proptest::collection::vec(proptest::sample::select(HOSTILE), 1..6).prop_map(|v| v.concat()),
        2 => any::<String>(),
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}a ]{1,40}",
        // A long paste, past the editor's window of whole lines.
        1 => (1usize..3000).prop_map(|n| "word \u{1b}[1m ".repeat(n)),
    ]
}

/// One thing that happens to the wizard.
#[derive(Debug, Clone)]
enum Step {
    /// A key event, through the key map as the event loop sends it.
    Key(KeyEvent),
    /// A bracketed paste.
    Paste(String),
    /// A burst of keys typed faster than frames are drawn.
    Typed(String),
    /// The terminal changes size; the wizard hears of it now, or only
    /// after the next step (a key handled between the two).
    Resize { w: u16, h: u16, late: bool },
    /// Time passes (milliseconds) and the loop ticks.
    Tick(i64),
}

fn code() -> impl Strategy<Value = KeyCode> {
    // 'q' and Ctrl-C end a session: they come, but rarely, from `any`.
    let bound = proptest::sample::select(
        &[
            ' ', 'j', 'k', 'r', 'e', 'd', 'n', 'i', 'y', 'o', 'z', '?', 'a', 'x',
        ][..],
    );
    // The keys that move on (Enter, Tab, Space, PgDn) come often, so
    // that sessions get past the start screen to the questions and review.
    let onward = proptest::sample::select(
        &[
            KeyCode::Enter,
            KeyCode::Tab,
            KeyCode::Char(' '),
            KeyCode::PageDown,
        ][..],
    );
    prop_oneof![
        6 => bound.prop_map(KeyCode::Char),
        6 => onward,
        2 => any::<char>().prop_map(KeyCode::Char),
        1 => "[\u{0}-\u{1f}\u{7f}-\u{9f}]".prop_map(|s| KeyCode::Char(s.chars().next().unwrap_or('\0'))),
        10 => proptest::sample::select(vec![
            KeyCode::Enter, KeyCode::Tab, KeyCode::BackTab, KeyCode::Esc,
            KeyCode::Up, KeyCode::Down, KeyCode::Left, KeyCode::Right,
            KeyCode::PageUp, KeyCode::PageDown, KeyCode::Home, KeyCode::End,
            KeyCode::Backspace, KeyCode::Delete, KeyCode::Insert, KeyCode::Null,
            KeyCode::F(1), KeyCode::F(2), KeyCode::F(10), KeyCode::F(12),
            KeyCode::CapsLock, KeyCode::Menu,
        ]),
    ]
}

fn modifiers() -> impl Strategy<Value = KeyModifiers> {
    prop_oneof![
        8 => Just(KeyModifiers::NONE),
        2 => Just(KeyModifiers::CONTROL),
        1 => Just(KeyModifiers::SHIFT),
        1 => Just(KeyModifiers::ALT),
        1 => (0u8..=255).prop_map(KeyModifiers::from_bits_truncate),
    ]
}

fn key() -> impl Strategy<Value = KeyEvent> {
    let kind = prop_oneof![
        8 => Just(KeyEventKind::Press),
        1 => Just(KeyEventKind::Repeat),
        1 => Just(KeyEventKind::Release),
    ];
    (code(), modifiers(), kind).prop_map(|(code, modifiers, kind)| KeyEvent {
        code,
        modifiers,
        kind,
        state: KeyEventState::NONE,
    })
}

/// Sizes: the tiny, around the "too small" limits, the usual, the huge
/// (rarer: a debug build takes some 16 ms to draw 300×100).
fn size() -> impl Strategy<Value = (u16, u16)> {
    prop_oneof![
        3 => (1u16..=20, 1u16..=20),
        3 => (55u16..=65, 12u16..=20),
        2 => prop_oneof![Just((80, 24)), Just((120, 40))],
        1 => (1u16..=300, 1u16..=100),
        1 => prop_oneof![Just((300, 100)), Just((300, 1)), Just((1, 100))],
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let time = prop_oneof![0i64..300, 900i64..1200, 4_000i64..7_000, Just(86_400_000)];
    prop_oneof![
        30 => key().prop_map(Step::Key),
        3 => hostile().prop_map(Step::Paste),
        3 => hostile().prop_map(Step::Typed),
        2 => (size(), any::<bool>()).prop_map(|((w, h), late)| Step::Resize { w, h, late }),
        4 => time.prop_map(Step::Tick),
    ]
}

/// How the shell answers an effect: which report an import reads,
/// whether a save or an export fails, what the editor returns.
type Luck = u8;

/// A session: the drafts on the start screen, the draft opened at once
/// (`quire open ID`) if any, the first terminal size, colours or not, and
/// the steps with the luck of each.
#[derive(Debug, Clone)]
struct Session {
    drafts: Vec<u8>,
    open: Option<u8>,
    size: (u16, u16),
    color: bool,
    steps: Vec<(Step, Luck)>,
}

fn session(max_steps: usize) -> impl Strategy<Value = Session> {
    (
        proptest::collection::vec(0u8..4, 0..4),
        proptest::option::of(0u8..4),
        size(),
        any::<bool>(),
        proptest::collection::vec((step(), any::<Luck>()), 1..max_steps),
    )
        .prop_map(|(drafts, open, size, color, steps)| Session {
            drafts,
            open,
            size,
            color,
            steps,
        })
}

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

/// Drafts the shell holds, by id; `hostile` is stored in their answers,
/// header, orphans and reasons, as a draft file edited by hand can hold it.
fn library(q: &Questionnaire, n: u8) -> Draft {
    let ids = ["plain-1a2b", "hostile-3c4d", "long-5e6f", "orphans-7a8b"];
    let id = ids[usize::from(n) % ids.len()];
    let mut d = Draft::new(DraftId::parse(id).expect("id"), q, t0());
    d.answers = common::synthetic_answers();
    let evil = HOSTILE.concat();
    match n % 4 {
        1 => {
            d.answers.header.insert("organization".into(), evil.clone());
            d.answers
                .set(FieldKey::main("q8"), Value::Text(evil.clone()));
            d.answers.set(
                FieldKey::main("q6"),
                Value::Choice(vec![Chosen::Unlisted(evil.clone())]),
            );
            d.position = FieldKey::parse("q8");
        }
        2 => {
            let long = "A line of a long answer, well past the window.\n".repeat(1500);
            d.answers.set(FieldKey::main("q9"), Value::Text(long));
            d.position = FieldKey::parse("q9");
        }
        3 => {
            d.orphans.push(Orphan {
                key: FieldKey::main("q99"),
                value: Value::Text(evil.clone()),
                reason: evil.clone(),
            });
            d.answers.set(FieldKey::main("q3"), Value::Choice(vec![]));
            d.answers.set(
                FieldKey::main("q4"),
                Value::Text("Kept though skipped".into()),
            );
        }
        _ => {}
    }
    d
}

fn entry(q: &Questionnaire, n: u8) -> DraftEntry {
    let d = library(q, n);
    let evil = HOSTILE.concat();
    DraftEntry {
        id: d.id.to_string(),
        organization: d.organization().to_owned(),
        progress: Some(d.progress(q)),
        updated: Some(d.updated),
        unreadable: (n % 4 == 3).then(|| format!("line 3: {evil}")),
        // A draft of another questionnaire whose id is hostile text.
        questionnaire: (n % 4 == 2).then(|| format!("other {evil}")),
        exported: None,
    }
}

/// Reports an import reads: a published one, a cut one, hostile text in
/// an answer, and a file that is not a report.
fn report_text(q: &Questionnaire, luck: Luck) -> String {
    let published = common::fixture(common::REPORTS[usize::from(luck) % common::REPORTS.len()]);
    match luck % 4 {
        0 => published,
        1 => published[..published.len() / 2].to_owned(),
        2 => {
            let mut a = common::synthetic_answers();
            a.set(FieldKey::main("q9"), Value::Text(HOSTILE.concat()));
            report::render(q, &a, None)
        }
        _ => HOSTILE.concat(),
    }
}

/// The shell, in memory: answers each effect with the message the real
/// shell would send, built from the real core.
struct FakeShell {
    created: u32,
    quit: bool,
}

impl FakeShell {
    fn perform(&mut self, m: &Model, effect: Effect, luck: Luck) -> Option<Msg> {
        let q = &m.questionnaire;
        let evil = HOSTILE.concat();
        let fails = luck.is_multiple_of(5);
        Some(match effect {
            Effect::Save(..) if fails => Msg::Saved(Err(format!("disk full {evil}"))),
            Effect::Save(draft, _) => Msg::Saved(Ok(draft.updated)),
            Effect::Create(_) if fails => Msg::Opened(Err(format!("read-only {evil}"))),
            Effect::Create(header) => {
                self.created += 1;
                let id = DraftId::parse(&format!("new-{}", self.created)).expect("id");
                let mut draft = Draft::new(id, q, m.now);
                draft.answers.header = header.into_iter().collect();
                Msg::Opened(Ok(opened(draft, None)))
            }
            Effect::Import(path) => {
                let text = report_text(q, luck);
                match report::import(q, &text) {
                    Ok(imported) => {
                        self.created += 1;
                        let id = DraftId::parse(&format!("imported-{}", self.created)).expect("id");
                        let mut draft = Draft::new(id, q, m.now);
                        draft.answers = imported.answers;
                        let mut o = opened(draft, None);
                        o.note = imported.warnings.first().map(|w| {
                            format!(
                                "Imported {} (line {}: {})",
                                path.display(),
                                w.line,
                                w.message
                            )
                        });
                        Msg::Opened(Ok(o))
                    }
                    Err(e) => {
                        Msg::Opened(Err(format!("{}:{}: {}", path.display(), e.line, e.message)))
                    }
                }
            }
            Effect::Open(id) => {
                let n = ["plain", "hostile", "long", "orphans"]
                    .iter()
                    .position(|p| id.starts_with(p))
                    .map_or(0, |i| i as u8);
                if fails {
                    Msg::Opened(Err(format!("cannot open {id}: {evil}")))
                } else {
                    let mut draft = library(q, n);
                    let moved = quire::draft::reconcile(&mut draft, q);
                    let read_only = luck
                        .is_multiple_of(3)
                        .then(|| format!("held by pid 1 {evil}"));
                    let mut o = opened(draft, read_only);
                    o.orphans_moved = moved;
                    // A remembered folder edited by hand to hold anything.
                    o.export_folder = luck
                        .is_multiple_of(2)
                        .then(|| PathBuf::from(format!("/srv/{evil}")));
                    Msg::Opened(Ok(o))
                }
            }
            Effect::Export {
                path,
                text,
                overwrite,
            } => Msg::Exported(match luck % 3 {
                0 if !overwrite => ExportOutcome::Exists { path, text },
                1 => ExportOutcome::Failed(format!("permission denied {evil}")),
                _ => ExportOutcome::Written(PathBuf::from("/tmp").join(path)),
            }),
            Effect::List { typed, .. } => Msg::Listed {
                typed,
                entries: if fails {
                    Err(format!("cannot list {evil}"))
                } else {
                    Ok(vec![
                        quire::paths::Entry::file(&format!("r{evil}.txt")),
                        quire::paths::Entry::folder("reports"),
                        quire::paths::Entry::file("report.txt"),
                        quire::paths::Entry::folder(&format!("~{evil}")),
                    ])
                },
            },
            Effect::RememberFolder { .. } => return None,
            Effect::Trash(_) | Effect::Untrash(_) | Effect::Rename { .. } if fails => Msg::Drafts {
                outcome: Err(format!("cannot {evil}")),
                drafts: m.drafts.clone(),
            },
            Effect::Trash(t) => Msg::Drafts {
                drafts: m.drafts.iter().filter(|d| d.id != t.id).cloned().collect(),
                outcome: Ok(Done::Trashed(t)),
            },
            Effect::Untrash(t) => Msg::Drafts {
                drafts: m.drafts.clone(),
                outcome: Ok(Done::Untrashed(t)),
            },
            Effect::Rename { from, to } => Msg::Drafts {
                drafts: m
                    .drafts
                    .iter()
                    .cloned()
                    .map(|mut d| {
                        if d.id == from {
                            d.id.clone_from(&to);
                        }
                        d
                    })
                    .collect(),
                outcome: Ok(Done::Renamed { from, to }),
            },
            Effect::RestoreVersion { id, n } => Msg::Drafts {
                drafts: m.drafts.clone(),
                outcome: Ok(Done::Restored { id, n }),
            },
            Effect::ReadVersions { id, organization } => Msg::VersionsRead(Ok(Versions {
                id,
                organization,
                since_newest: Some(format!("Q8 answer +3 chars {evil}")),
                rows: (1..=luck % 4)
                    .map(|n| VersionRow {
                        n: usize::from(n),
                        saved: Some(m.now),
                        why: Some("pause in typing"),
                        changes: format!("Q{n} answer: {evil} → No"),
                    })
                    .collect(),
                cursor: 0,
            })),
            Effect::OpenVersion { id, n } => {
                let mut o = opened(library(q, 1), Some(format!("version {n} of {id} {evil}")));
                o.version = Some(n);
                Msg::Opened(Ok(o))
            }
            Effect::OpenEditor(text) => Msg::Edited(match luck % 3 {
                0 => Err(format!("vi exited with 1 {evil}")),
                1 => Ok(format!("{text}{evil}")),
                _ => Ok(String::new()),
            }),
            Effect::Quit => {
                self.quit = true;
                return None;
            }
        })
    }
}

fn opened(draft: Draft, read_only: Option<String>) -> Opened {
    Opened {
        draft: Box::new(draft),
        read_only,
        orphans_moved: vec![],
        note: None,
        export_folder: None,
        version: None,
    }
}

/// A character that would drive the terminal if printed: C0 controls and
/// ESC, DEL, C1 controls.
fn drives_the_terminal(c: char) -> bool {
    c < ' ' || ('\u{7f}'..='\u{9f}').contains(&c)
}

/// The first cell of `buffer` that holds a character that drives the
/// terminal, as "(x, y) holds '…'".
fn control_in(buffer: &Buffer) -> Option<String> {
    buffer.content().iter().enumerate().find_map(|(i, cell)| {
        let c = cell.symbol().chars().find(|&c| drives_the_terminal(c))?;
        let (x, y) = buffer.pos_of(i);
        Some(format!("cell ({x}, {y}) holds {c:?}"))
    })
}

/// Draws the model on `terminal`, sized as the terminal is now, and
/// checks every cell.
fn draw(m: &Model, terminal: &mut Terminal<TestBackend>, size: (u16, u16)) -> Result<(), String> {
    let (w, h) = size;
    // `draw` takes the new size from the backend, as from a real terminal.
    terminal.backend_mut().resize(w, h);
    terminal
        .draw(|f| quire::tui::view::view(m, f))
        .map_err(|e| format!("draw at {w}×{h}: {e}"))?;
    match control_in(terminal.backend().buffer()) {
        Some(cell) => Err(format!("{cell} at {w}×{h} on {:?}", m.screen)),
        None => Ok(()),
    }
}

/// Runs a session; returns how many steps it took, or what broke after
/// which step.
fn run(s: &Session) -> Result<usize, String> {
    let q = common::builtin();
    let drafts = s.drafts.iter().map(|&n| entry(&q, n)).collect();
    let mut m = Model::new(q, drafts, t0(), s.size, Theme { color: s.color });
    // The user's folders, named with hostile text too: prompts show them.
    let evil = HOSTILE.concat();
    m.places = quire::paths::Places {
        home: Some(format!("/home/{evil}").into()),
        documents: Some(format!("/home/{evil}/Documents").into()),
        current: Some(format!("/work/{evil}").into()),
    };
    let mut shell = FakeShell {
        created: 0,
        quit: false,
    };
    let mut size = s.size;
    let mut terminal =
        Terminal::new(TestBackend::new(size.0, size.1)).map_err(|e| e.to_string())?;
    let mut late_resize: Option<Msg> = None;
    let mut now = t0();
    if let Some(n) = s.open {
        // As `quire open ID` does before the first frame.
        let id = library(&m.questionnaire, n).id.to_string();
        let mut queue = std::collections::VecDeque::from([Effect::Open(id)]);
        while let Some(effect) = queue.pop_front() {
            if let Some(msg) = shell.perform(&m, effect, 1) {
                queue.extend(update(&mut m, msg));
            }
        }
    }
    draw(&m, &mut terminal, size).map_err(|e| format!("first frame: {e}"))?;
    let mut steps = 0;
    for (n, (step, luck)) in s.steps.iter().enumerate() {
        steps = n + 1;
        let mut msgs = Vec::new();
        msgs.extend(late_resize.take());
        match step {
            Step::Key(key) => msgs.extend(to_msg(m.mode(), Event::Key(*key))),
            Step::Paste(text) => msgs.extend(to_msg(m.mode(), Event::Paste(text.clone()))),
            Step::Typed(text) => msgs.push(Msg::Typed(text.clone())),
            Step::Resize { w, h, late } => {
                size = (*w, *h);
                let msg = to_msg(m.mode(), Event::Resize(*w, *h));
                if *late {
                    late_resize = msg;
                } else {
                    msgs.extend(msg);
                }
            }
            Step::Tick(ms) => {
                now += TimeDelta::milliseconds(*ms);
                msgs.push(Msg::Tick(now));
            }
        }
        // As `App::dispatch`: effects are performed and their answers
        // handled before the next event.
        let mut queue = std::collections::VecDeque::from(msgs);
        while let Some(msg) = queue.pop_front() {
            for effect in update(&mut m, msg) {
                queue.extend(shell.perform(&m, effect, *luck));
            }
        }
        draw(&m, &mut terminal, size).map_err(|e| format!("after step {n} ({step:?}): {e}"))?;
        if shell.quit {
            break;
        }
    }
    Ok(steps)
}

fn cases() -> u32 {
    std::env::var("QUIRE_MONKEY_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(CI_CASES)
}

#[test]
fn the_monkey_never_panics_nor_draws_a_control_character() {
    let cases = cases();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let steps = std::sync::atomic::AtomicUsize::new(0);
    let result = runner.run(&session(120), |s| {
        let n = run(&s).map_err(TestCaseError::fail)?;
        steps.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    eprintln!("monkey: {cases} sessions, {steps:?} steps, each drawn and checked");
}

/// The check on cells is not blind: ratatui drops control characters from
/// text, but a cell set directly holds what it is given.
#[test]
fn the_check_sees_a_control_character_in_a_cell() {
    let mut buffer = Buffer::empty(Rect::new(0, 0, 4, 2));
    assert_eq!(control_in(&buffer), None);
    for c in ["\u{1b}", "\u{7}", "\u{7f}", "\u{9b}", "a\u{85}"] {
        buffer[(3, 1)].set_symbol(c);
        assert_eq!(
            control_in(&buffer).as_deref(),
            Some(format!("cell (3, 1) holds {:?}", c.chars().last().expect("a char")).as_str())
        );
    }
    buffer[(3, 1)].set_symbol("é");
    assert_eq!(control_in(&buffer), None);
}
