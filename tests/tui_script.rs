//! The wizard driven by key events only, as a user at the keyboard would:
//! every key goes through the key map (`quire::tui::to_msg`) and
//! `App::dispatch`, drafts are real files in a temporary folder, and the
//! report is exported through the export prompt.
//!
//! The main script answers the whole values-and-ethics questionnaire with
//! the answers of a real published report, typed character by character,
//! and checks that the exported file is that report, byte for byte.

use chrono::{DateTime, FixedOffset};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::draft::{DraftId, DraftStore};
use quire::flow::Flow;
use quire::questionnaire::{Kind, Questionnaire};
use quire::tui::keymap::Mode;
use quire::tui::model::{Showing, Theme};
use quire::tui::msg::Msg;
use quire::tui::update::issues;
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

const NONE: KeyModifiers = KeyModifiers::NONE;
const WIDTH: u16 = 100;
const HEIGHT: u16 = 40;
/// The model's clock for the whole script: the footer's "Date modified".
const NOW: &str = "2024-06-14T09:30:00-04:00";
const DATE: &str = "2024-06-14";

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("built-in questionnaire is valid")
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The wizard on an empty drafts folder, with a fixed clock, and a folder
/// to export into.
struct Wizard {
    app: App,
    q: Questionnaire,
    drafts: TempDir,
    out: TempDir,
}

impl Wizard {
    fn new() -> Self {
        let drafts = TempDir::new().expect("temp dir");
        let out = TempDir::new().expect("temp dir");
        let store = DraftStore::open(drafts.path().join("drafts")).expect("drafts folder");
        let mut app = App::new(builtin(), store, (WIDTH, HEIGHT), Theme { color: false });
        app.model.now = DateTime::<FixedOffset>::parse_from_rfc3339(NOW).expect("date");
        Self {
            app,
            q: builtin(),
            drafts,
            out,
        }
    }

    fn mode(&self) -> Mode {
        self.app.model.mode()
    }

    /// Sends one key event through the key map; returns the message it
    /// became, if any.
    fn key(&mut self, code: KeyCode, modifiers: KeyModifiers) -> Option<Msg> {
        let event = Event::Key(KeyEvent::new(code, modifiers));
        let msg = to_msg(self.mode(), event)?;
        let quit = self
            .app
            .dispatch(msg.clone(), &mut |_| Err("no editor".into()));
        assert!(!quit, "key {code:?} {modifiers:?} quit the wizard");
        Some(msg)
    }

    /// A key that must mean something in the current mode.
    #[track_caller]
    fn press(&mut self, code: KeyCode) {
        let mode = self.mode();
        let msg = self.key(code, NONE);
        assert!(msg.is_some(), "{code:?} does nothing in {mode:?}");
    }

    #[track_caller]
    fn ctrl(&mut self, c: char) {
        self.key(KeyCode::Char(c), KeyModifiers::CONTROL);
    }

    #[track_caller]
    fn times(&mut self, code: KeyCode, n: usize) {
        for _ in 0..n {
            self.press(code);
        }
    }

    /// Types text one key at a time, as a terminal reports it: a capital
    /// letter with Shift, a line end as Enter. Every key must reach the
    /// editor or prompt as typing.
    #[track_caller]
    fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            assert_ne!(
                c, '\t',
                "a tab cannot be typed: Tab moves to the next field"
            );
            let (code, modifiers) = match c {
                '\n' => (KeyCode::Enter, NONE),
                c if c.is_uppercase() => (KeyCode::Char(c), KeyModifiers::SHIFT),
                c => (KeyCode::Char(c), NONE),
            };
            let mode = self.mode();
            let msg = self.key(code, modifiers);
            assert!(
                matches!(msg, Some(Msg::Key(_))),
                "{c:?} was not typed in {mode:?}: it became {msg:?}"
            );
        }
    }

    /// Where the focus is: question index and field index.
    fn at(&self) -> (usize, usize) {
        let s = self.app.model.session().expect("a draft is open");
        (s.question, self.app.model.field_index())
    }

    #[track_caller]
    fn assert_at(&self, question: usize, field: usize) {
        assert_eq!(self.app.model.showing(), Showing::Question);
        let (qi, fi) = self.at();
        assert_eq!(
            (self.q.questions[qi].id.as_str(), fi),
            (self.q.questions[question].id.as_str(), field),
            "focus is on the wrong question or field"
        );
    }

    fn answers(&self) -> Answers {
        self.app.model.current_answers().expect("a draft is open")
    }

    fn status(&self) -> String {
        self.app.model.status.clone().unwrap_or_default()
    }

    /// The screen as the terminal would show it, one string per row.
    fn screen(&self) -> String {
        let mut terminal = Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("terminal");
        terminal
            .draw(|f| quire::tui::view::view(&self.app.model, f))
            .expect("draw");
        let buffer = terminal.backend().buffer();
        let mut out = String::new();
        for y in 0..HEIGHT {
            let row: String = (0..WIDTH).map(|x| buffer[(x, y)].symbol()).collect();
            out.push_str(row.trim_end());
            out.push('\n');
        }
        out
    }

    #[track_caller]
    fn assert_screen_shows(&self, text: &str) {
        let screen = self.screen();
        assert!(screen.contains(text), "{text:?} not on screen:\n{screen}");
    }

    /// Answers the organization prompt of an empty drafts folder.
    fn new_assessment(&mut self, organization: &str) {
        assert_eq!(self.mode(), Mode::Prompt, "an empty folder asks at once");
        self.assert_screen_shows("Organization name");
        self.type_text(organization);
        self.press(KeyCode::Enter);
        assert!(self.app.model.session().is_some(), "{}", self.status());
        assert_eq!(self.app.model.prompt().map(|p| p.kind), None);
    }

    /// Chooses the options of the focused choice field with the arrows:
    /// one option with Enter (which also moves on), several with Space,
    /// walking from the last one up.
    fn choose(&mut self, kind: Kind, indices: &[usize]) {
        assert_eq!(self.mode(), Mode::Choice);
        let cursor = |w: &Self| w.app.model.session().map(|s| s.option_cursor);
        if kind == Kind::MultipleChoice {
            let mut at = cursor(self).expect("cursor");
            for &i in indices.iter().rev() {
                let code = if i > at { KeyCode::Down } else { KeyCode::Up };
                self.times(code, i.abs_diff(at));
                at = i;
                self.press(KeyCode::Char(' '));
            }
        } else {
            let [i] = indices else {
                panic!("one option on a single choice, not {indices:?}")
            };
            let at = cursor(self).expect("cursor");
            let code = if *i > at { KeyCode::Down } else { KeyCode::Up };
            self.times(code, i.abs_diff(at));
            self.press(KeyCode::Enter);
        }
    }

    /// Leaves the field: Tab to the next field, or PgDn to the next
    /// question when the fields left are to stay empty.
    fn move_on(&mut self, rest_empty: bool) {
        self.press(if rest_empty {
            KeyCode::PageDown
        } else {
            KeyCode::Tab
        });
    }

    /// Answers question `index` with `want`'s values, field by field, and
    /// moves on with Enter, Tab or PgDn.
    fn answer(&mut self, index: usize, want: &Answers) {
        let question = self.q.questions[index].clone();
        let fields = Flow::fields(&question);
        let has = |k: &FieldKey| want.get(k).is_some_and(Value::is_answered);
        for (f, key) in fields.iter().enumerate() {
            self.assert_at(index, f);
            if f == 0 {
                let title = format!("Question {} of", question.number);
                self.assert_screen_shows(&title);
            }
            let rest_empty = !fields[f + 1..].iter().any(has);
            let value = want.get(key).filter(|v| v.is_answered());
            match (value, key.field.is_none() && question.kind.is_choice()) {
                (Some(Value::Choice(chosen)), true) => {
                    let indices: Vec<usize> = chosen
                        .iter()
                        .map(|c| match c {
                            Chosen::Option(id) => question
                                .options
                                .iter()
                                .position(|o| &o.id == id)
                                .expect("option of the question"),
                            Chosen::Unlisted(l) => panic!("unlisted option {l:?}"),
                        })
                        .collect();
                    self.choose(question.kind, &indices);
                    if question.kind == Kind::MultipleChoice {
                        // Space stays on the options.
                        self.move_on(rest_empty);
                    } else if rest_empty && f + 1 < fields.len() {
                        // Enter went to the next field, which stays empty.
                        self.assert_at(index, f + 1);
                        self.press(KeyCode::PageDown);
                    }
                    if rest_empty {
                        break;
                    }
                }
                (Some(Value::Text(text)), false) => {
                    assert_eq!(self.mode(), Mode::Text);
                    self.type_text(text);
                    // The editor keeps the cursor, at the end, in view.
                    let last = text.split_whitespace().last().unwrap_or_default();
                    self.assert_screen_shows(last);
                    self.move_on(rest_empty);
                    if rest_empty {
                        break;
                    }
                }
                (None, _) => {
                    self.move_on(rest_empty);
                    if rest_empty {
                        break;
                    }
                }
                (Some(v), _) => panic!("cannot type {v:?} into {key}"),
            }
        }
        // Every field of the question now holds what the report says.
        let got = self
            .app
            .model
            .session()
            .expect("draft")
            .draft
            .answers
            .clone();
        for key in &fields {
            assert_eq!(
                got.get(key).filter(|v| v.is_answered()),
                want.get(key).filter(|v| v.is_answered()),
                "answer of {key} after typing it"
            );
        }
    }

    /// From the review screen: `e`, replace the proposed file name with
    /// `path`, Enter. Returns the status line.
    fn export(&mut self, path: &Path) -> String {
        assert_eq!(self.mode(), Mode::Review);
        self.press(KeyCode::Char('e'));
        assert_eq!(self.mode(), Mode::Prompt);
        self.assert_screen_shows("Write the report to:");
        let proposed = self.app.model.prompt().expect("prompt").value();
        assert!(proposed.ends_with(".txt"), "proposed name {proposed:?}");
        // Home, then Ctrl-K deletes to the end of the line.
        self.key(KeyCode::Home, NONE);
        self.ctrl('k');
        assert_eq!(self.app.model.prompt().expect("prompt").value(), "");
        self.type_text(path.to_str().expect("UTF-8 path"));
        self.press(KeyCode::Enter);
        let error = self.app.model.prompt().and_then(|p| p.error.clone());
        assert_eq!(error, None, "the export prompt refused");
        self.status()
    }

    /// The draft as saved on disk.
    fn saved(&self) -> quire::draft::Draft {
        let id: DraftId = self.app.model.draft_id().expect("draft").clone();
        DraftStore::open(self.drafts.path().join("drafts"))
            .expect("store")
            .load(&id)
            .expect("saved draft")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.out.path().join(name)
    }
}

/// The questions the flow asks for these answers, in order.
fn asked(q: &Questionnaire, answers: &Answers) -> Vec<usize> {
    let flow = Flow::new(q, answers);
    (0..q.questions.len())
        .filter(|&i| flow.is_asked(i))
        .collect()
}

#[rstest]
#[case::privacy_commissioner("privacy-commissioner-canada.txt")]
#[case::public_safety("public-safety-canada.txt")]
fn typing_a_published_report_exports_it_byte_for_byte(#[case] name: &str) {
    let published = fixture(name);
    let q = builtin();
    let imported = quire::report::import(&q, &published).expect("the fixture imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    let want = imported.answers;
    let organization = want.header.get("organization").expect("organization");

    let mut w = Wizard::new();
    w.new_assessment(organization);
    let order = asked(&q, &want);
    assert_eq!(
        w.at().0,
        order[0],
        "the wizard starts at the first question"
    );
    for (n, &index) in order.iter().enumerate() {
        w.answer(index, &want);
        match order.get(n + 1) {
            Some(&next) => w.assert_at(next, 0),
            None => assert_eq!(
                w.app.model.showing(),
                Showing::Review,
                "after the last question"
            ),
        }
    }
    // The branching: the report of the Privacy Commissioner says Q3 is
    // reviewed, which skips Q4; Public Safety's is reviewing, which asks it.
    let q4 = q.question_index("q4").expect("q4");
    let reviewed = want.main("q3").is_some_and(|v| v.has_option("reviewed"));
    assert_eq!(order.contains(&q4), !reviewed);

    assert_eq!(w.mode(), Mode::Review);
    assert_eq!(issues(&w.app.model), vec![], "nothing is missing");
    w.assert_screen_shows("nothing is missing");
    assert_eq!(w.answers(), want, "the answers typed are the report's");

    let path = w.out("report.txt");
    let status = w.export(&path);
    assert!(status.starts_with("Report written to"), "status: {status}");
    let exported = std::fs::read(&path).expect("exported file");

    // The published page has no date and no final line end; the export
    // dates the footer with the model's day and ends with a line end.
    let body = published
        .strip_suffix("Date modified:")
        .expect("the fixture ends with an empty date");
    let expected = format!("{body}Date modified: {DATE}\n");
    if exported != expected.as_bytes() {
        let got = String::from_utf8_lossy(&exported);
        let line = got
            .lines()
            .zip(expected.lines())
            .position(|(a, b)| a != b)
            .map_or(0, |i| i + 1);
        panic!(
            "export differs from {name} at line {line}:\n got: {:?}\nwant: {:?}",
            got.lines().nth(line.saturating_sub(1)),
            expected.lines().nth(line.saturating_sub(1)),
        );
    }
    // And the draft on disk holds every answer.
    assert_eq!(w.saved().answers, want);
}

#[test]
fn reviewed_code_of_conduct_skips_question_4_which_prints_na() {
    let q = builtin();
    let index = |id: &str| q.question_index(id).expect("question");
    let (q3, q4, q5) = (index("q3"), index("q4"), index("q5"));
    let mut w = Wizard::new();
    w.new_assessment("Branching Office");

    // Q1 and Q2: Yes, with Enter on the first option; the follow-ups stay
    // empty (PgDn).
    for question in [index("q1"), index("q2")] {
        w.assert_at(question, 0);
        w.press(KeyCode::Enter);
        w.assert_at(question, 1);
        assert_eq!(w.mode(), Mode::Text);
        w.press(KeyCode::PageDown);
    }

    // Q3 "in the process of reviewing": Q4 is asked next; answer it.
    w.assert_at(q3, 0);
    w.press(KeyCode::Down);
    w.press(KeyCode::Enter);
    w.assert_at(q4, 0);
    w.assert_screen_shows("13 asked");
    w.type_text("By March 2025.");
    // Back to Q3 and change it to "reviewed": Q4 is no longer asked.
    w.press(KeyCode::PageUp);
    w.assert_at(q3, 0);
    w.press(KeyCode::Up);
    w.press(KeyCode::Enter);
    w.assert_at(q5, 0);
    w.assert_screen_shows("Question 5 of 13");
    w.assert_screen_shows("12 asked");
    let answers = w.answers();
    assert!(!Flow::new(&q, &answers).is_asked(q4));
    // Going back from Q5 passes over Q4 too.
    w.press(KeyCode::PageUp);
    w.assert_at(q3, 0);
    w.press(KeyCode::PageDown);
    w.assert_at(q5, 0);

    // The rest, briefly.
    w.press(KeyCode::Enter);
    w.type_text("Clarified the expected behaviours.");
    w.press(KeyCode::Tab);
    for id in ["q6", "q7"] {
        w.assert_at(index(id), 0);
        w.press(KeyCode::Char(' '));
        w.press(KeyCode::PageDown);
    }
    for id in ["q8", "q9", "q10", "q11"] {
        w.assert_at(index(id), 0);
        w.type_text(&format!("Answer to {id}."));
        w.press(KeyCode::Tab);
    }
    w.assert_at(index("q12"), 0);
    w.press(KeyCode::Enter);
    w.press(KeyCode::PageDown);
    w.assert_at(index("q13"), 0);
    w.press(KeyCode::PageDown);
    assert_eq!(w.mode(), Mode::Review);

    // The answer typed into Q4 is kept, listed, and published as written
    // with a note; discarding it from the review makes Q4 print N/A.
    let listed: Vec<String> = issues(&w.app.model).into_iter().map(|i| i.text).collect();
    assert_eq!(
        listed,
        ["Question 4 skipped by Q3, yet answered: published as written (d discards)"]
    );
    let q4_text = q.questions[q4].text.as_str();
    let path = w.out("branching.txt");
    let status = w.export(&path);
    assert!(status.starts_with("Report written to"), "status: {status}");
    assert!(
        status.contains("Note: Question 4 is answered although the branching skips it"),
        "status: {status}"
    );
    let report = std::fs::read_to_string(&path).expect("exported");
    assert!(
        report.contains(&format!(
            "Question 4\n\n{q4_text}\n\nBy March 2025.\n\nQuestion 5\n"
        )),
        "{report}"
    );
    assert!(report.contains("  • Yes, my organization has reviewed its code of conduct.\n"));
    assert_eq!(
        w.saved().answers.main("q4"),
        Some(&Value::Text("By March 2025.".into())),
        "an answer on a skipped question is kept in the draft"
    );
    w.press(KeyCode::Char('d'));
    assert!(issues(&w.app.model).is_empty());
    let path = w.out("branching-discarded.txt");
    w.export(&path);
    let report = std::fs::read_to_string(&path).expect("exported");
    assert!(
        report.contains(&format!("Question 4\n\n{q4_text}\n\nN/A\n\nQuestion 5\n")),
        "{report}"
    );
    assert_eq!(w.saved().answers.main("q4"), None, "discarded");
}
