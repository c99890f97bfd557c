//! The accessible mode held in memory: lines in, lines out, drafts on disk
//! in a temporary folder. A published report typed line by line exports
//! byte for byte; a draft started in the wizard ends in the accessible
//! mode (and the other way round) with the same result; bad input gets a
//! sentence that stays in the output.

mod common;

use chrono::{DateTime, FixedOffset, NaiveDate};
use common::{accessible_script, asked_fields, asked_questions, builtin, fixture, typed_lines};
use quire::accessible::{Conversation, Ending};
use quire::answers::{Answers, Chosen, FieldKey, Value};
use quire::draft::{DraftId, DraftStore};
use quire::questionnaire::Questionnaire;
use quire::tui::App;
use quire::tui::model::Theme;
use quire::tui::msg::Msg;
use std::path::PathBuf;
use tempfile::TempDir;

const DATE: &str = "2024-06-14";

fn date() -> NaiveDate {
    DATE.parse().expect("date")
}

/// A drafts folder and a folder to export into.
struct Desk {
    dir: TempDir,
}

impl Desk {
    fn new() -> Self {
        Self {
            dir: TempDir::new().expect("temp dir"),
        }
    }

    fn store(&self) -> DraftStore {
        DraftStore::open(self.dir.path().join("drafts")).expect("drafts folder")
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs the accessible mode on `lines`; returns what it wrote.
    fn converse(&self, open: Option<&str>, lines: &[String]) -> (String, Ending) {
        self.converse_editing(open, lines, |_| Err("no editor here".into()))
    }

    fn converse_editing(
        &self,
        open: Option<&str>,
        lines: &[String],
        editor: impl FnMut(&str) -> Result<String, String>,
    ) -> (String, Ending) {
        let input: String = lines.iter().map(|l| format!("{l}\n")).collect();
        let mut out = Vec::new();
        let ending = {
            let mut c = Conversation::new(input.as_bytes(), &mut out).with_editor(editor);
            c.date = Some(date());
            c.run(&builtin(), &self.store(), open).expect("runs")
        };
        (String::from_utf8(out).expect("UTF-8 output"), ending)
    }

    fn only_draft(&self) -> String {
        let ids: Vec<String> = quire::workspace::list(&self.store(), &builtin())
            .into_iter()
            .map(|d| d.id)
            .collect();
        assert_eq!(ids.len(), 1, "drafts: {ids:?}");
        ids[0].clone()
    }

    fn saved(&self, id: &str) -> quire::draft::Draft {
        self.store()
            .load(&DraftId::parse(id).expect("id"))
            .expect("saved draft")
    }
}

fn lines(ls: &[&str]) -> Vec<String> {
    ls.iter().map(|l| (*l).to_owned()).collect()
}

/// The published page as exported on `DATE`: the page has no date and no
/// final line end.
fn expected_export(published: &str) -> String {
    let body = published
        .strip_suffix("Date modified:")
        .expect("the fixture ends with an empty date");
    format!("{body}Date modified: {DATE}\n")
}

fn fixture_answers(name: &str) -> Answers {
    let imported = quire::report::import(&builtin(), &fixture(name)).expect("imports");
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
    imported.answers
}

#[test]
fn a_published_report_typed_line_by_line_exports_byte_for_byte() {
    let q = builtin();
    let want = fixture_answers("public-safety-canada.txt");
    let desk = Desk::new();
    let path = desk.out("report.txt");
    let mut script = vec![want.organization().to_owned()];
    script.extend(accessible_script(&q, &want, None));
    script.extend(lines(&[
        "review",
        "export",
        path.to_str().expect("UTF-8"),
        "quit",
    ]));
    let (said, ending) = desk.converse(None, &script);
    let id = desk.only_draft();
    assert_eq!(
        ending,
        Ending::Closed {
            id: id.clone(),
            read_only: false
        }
    );
    let exported = std::fs::read_to_string(&path).expect("exported");
    assert_eq!(
        exported,
        expected_export(&fixture("public-safety-canada.txt"))
    );
    assert_eq!(desk.saved(&id).answers, want);
    // The review read out the report exactly, between two plain lines.
    assert!(
        said.contains(&format!(
            "The report, exactly as it will be exported:\n{}End of the report.\nNothing is missing.\n",
            expected_export(&fixture("public-safety-canada.txt"))
        )),
        "{said}"
    );
    assert!(said.contains(&format!("Report written to {}.", path.display())));
    assert!(said.contains("Question 4 of 13, required."));
    assert!(!said.contains('\x1b'), "an escape in the output");
}

/// The wizard, driven by messages as the key map sends them.
struct Wizard {
    app: App,
}

impl Wizard {
    fn new(desk: &Desk) -> Self {
        let mut app = App::new(builtin(), desk.store(), (100, 40), Theme { color: false });
        app.model.now =
            DateTime::<FixedOffset>::parse_from_rfc3339("2024-06-14T09:30:00-04:00").expect("date");
        Self { app }
    }

    fn opening(desk: &Desk, id: &str) -> Self {
        let app = App::opening(
            builtin(),
            desk.store(),
            (100, 40),
            Theme { color: false },
            id,
        );
        Self { app }
    }

    fn send(&mut self, msg: Msg) -> bool {
        self.app.dispatch(msg, &mut |_| Err("no editor".into()))
    }

    /// Where the focus is, as a field key.
    fn focus(&self) -> FieldKey {
        let s = self.app.model.session().expect("a draft is open");
        s.focus.clone()
    }

    /// Answers field `key` of question `index` with its value in `want`.
    fn answer(&mut self, q: &Questionnaire, want: &Answers, index: usize, key: &FieldKey) {
        assert_eq!(&self.focus(), key);
        let question = &q.questions[index];
        match want.get(key).filter(|v| v.is_answered()) {
            Some(Value::Choice(chosen)) => {
                let indices: Vec<usize> = chosen
                    .iter()
                    .map(|c| match c {
                        Chosen::Option(id) => question
                            .options
                            .iter()
                            .position(|o| &o.id == id)
                            .expect("option"),
                        Chosen::Unlisted(l) => panic!("unlisted {l:?}"),
                    })
                    .collect();
                for &i in &indices {
                    for _ in 0..i {
                        self.send(Msg::Down);
                    }
                    self.send(Msg::Toggle);
                    for _ in 0..i {
                        self.send(Msg::Up);
                    }
                }
                self.send(Msg::NextField);
            }
            Some(Value::Text(t)) => {
                self.send(Msg::Typed(t.clone()));
                self.send(Msg::NextField);
            }
            None => {
                self.send(Msg::NextField);
            }
        }
    }
}

/// Every field asked for `want`, in order.
fn all_fields(q: &Questionnaire, want: &Answers) -> Vec<(usize, FieldKey)> {
    asked_questions(q, want)
        .into_iter()
        .flat_map(|i| asked_fields(q, want, i).into_iter().map(move |k| (i, k)))
        .collect()
}

#[test]
fn half_in_the_wizard_then_the_rest_in_the_accessible_mode_exports_the_same_report() {
    let q = builtin();
    let want = fixture_answers("public-safety-canada.txt");
    let desk = Desk::new();
    let mut w = Wizard::new(&desk);
    w.send(Msg::Typed(want.organization().to_owned()));
    w.send(Msg::Enter);
    let fields = all_fields(&q, &want);
    let half = fields.len() / 2;
    for (index, key) in &fields[..half] {
        w.answer(&q, &want, *index, key);
    }
    let resume_at = fields[half].1.clone();
    assert_eq!(w.focus(), resume_at);
    assert!(w.send(Msg::Quit), "Quit quits");
    drop(w);
    let id = desk.only_draft();
    assert_eq!(desk.saved(&id).position, Some(resume_at.clone()));

    let path = desk.out("mixed.txt");
    let mut script = accessible_script(&q, &want, Some(&resume_at));
    script.extend(lines(&["export", path.to_str().expect("UTF-8"), "quit"]));
    let (said, _) = desk.converse(Some(&id), &script);
    // It resumed on the field the wizard left, and said which.
    let question = q.question(&resume_at.question).expect("question");
    assert!(
        said.contains(&format!("Question {}", question.number)),
        "{said}"
    );
    let exported = std::fs::read_to_string(&path).expect("exported");
    assert_eq!(
        exported,
        expected_export(&fixture("public-safety-canada.txt"))
    );
    assert_eq!(desk.saved(&id).answers, want);
}

#[test]
fn half_in_the_accessible_mode_then_the_wizard_resumes_on_the_same_field() {
    let q = builtin();
    let want = fixture_answers("public-safety-canada.txt");
    let desk = Desk::new();
    let fields = all_fields(&q, &want);
    let half = fields.len() / 2;
    let mut script = vec![want.organization().to_owned()];
    for (index, key) in &fields[..half] {
        script.extend(typed_lines(&q, &want, *index, key));
    }
    script.push("quit".into());
    desk.converse(None, &script);
    let id = desk.only_draft();
    let resume_at = fields[half].1.clone();
    assert_eq!(desk.saved(&id).position, Some(resume_at.clone()));

    let mut w = Wizard::opening(&desk, &id);
    assert_eq!(w.focus(), resume_at, "the wizard opens on the same field");
    for (index, key) in &fields[half..] {
        w.answer(&q, &want, *index, key);
    }
    w.send(Msg::Quit);
    assert_eq!(desk.saved(&id).answers, want);
    let report = quire::report::render(&q, &desk.saved(&id).answers, Some(date()));
    assert_eq!(
        report,
        expected_export(&fixture("public-safety-canada.txt"))
    );
}

/// A new draft for "Office", then `lines`.
fn new_draft_then(desk: &Desk, then: &[&str]) -> String {
    let mut script = vec!["Office".to_owned()];
    script.extend(lines(then));
    desk.converse(None, &script).0
}

#[test]
fn bad_input_gets_a_sentence_that_stays_printed_and_changes_nothing() {
    let desk = Desk::new();
    let said = new_draft_then(
        &desk,
        &[
            "go 99", "3,x", "1,2", "maybe", "go", "back", "go 6", "2,x", "9", "quit",
        ],
    );
    for sentence in [
        "There is no question 99; questions go from 1 to 13.",
        "3,x: 3 is not an option; choose 1 or 2.",
        "1,2: this question takes one answer; choose 1 or 2 (one number).",
        "\"maybe\" is neither an option number nor a command; choose 1 or 2, or type help.",
        "Say which question to go to, for example go 7; questions go from 1 to 13.",
        "This is the first question; there is nothing before it.",
        "2,x: x is not an option number; choose from 1 to 7.",
        "9 is not an option; choose from 1 to 7.",
    ] {
        assert!(said.contains(sentence), "{sentence:?} not said:\n{said}");
    }
    let id = desk.only_draft();
    assert_eq!(desk.saved(&id).answers.main("q1"), None);
    assert_eq!(desk.saved(&id).position, Some(FieldKey::main("q6")));
}

#[test]
fn the_branching_is_said_and_a_skipped_question_cannot_be_reached() {
    let desk = Desk::new();
    let said = new_draft_then(&desk, &["go 3", "1", "go 4", "back", "2", "quit"]);
    for sentence in [
        "Question 4 is no longer asked because of your answer to Question 3.",
        "Question 5 of 13, required; 12 of the 13 questions are asked with your answers.",
        "Question 4 is not asked, because of your answer to Question 3.",
        "Question 4 is now asked because of your answer to Question 3.",
        "2. My organization is in the process of reviewing its code of conduct.",
    ] {
        assert!(said.contains(sentence), "{sentence:?} not said:\n{said}");
    }
    // After changing Q3 back, Q4 comes next.
    let id = desk.only_draft();
    assert_eq!(desk.saved(&id).position, Some(FieldKey::main("q4")));
}

#[test]
fn enter_keeps_the_answer_and_back_shows_it() {
    let desk = Desk::new();
    let said = new_draft_then(
        &desk,
        &[
            "2",
            "First line.",
            "",
            "- a point",
            ".",
            "back",
            "back",
            "",
            "",
            "quit",
        ],
    );
    let id = desk.only_draft();
    assert!(said.contains("2. No (chosen)"), "{said}");
    assert!(
        said.contains("Your answer now:\nFirst line.\n\n- a point\nEnd of your answer."),
        "{said}"
    );
    let draft = desk.saved(&id);
    assert_eq!(draft.answers.main("q1"), Some(&common::options(&["no"])));
    assert_eq!(
        draft.answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("First line.\n\n- a point".into()))
    );
    assert_eq!(draft.position, Some(FieldKey::main("q2")));
}

#[test]
fn a_dot_alone_on_the_first_line_removes_the_answer_two_dots_type_one() {
    let desk = Desk::new();
    new_draft_then(
        &desk,
        &["2", "Keep this", "..", "and this", ".", "back", ".", "quit"],
    );
    let id = desk.only_draft();
    assert_eq!(
        desk.saved(&id).answers.get(&FieldKey::sub("q1", "if-not")),
        None
    );
    let desk = Desk::new();
    new_draft_then(&desk, &["2", "Keep this", "..", "and this", ".", "quit"]);
    let id = desk.only_draft();
    assert_eq!(
        desk.saved(&id).answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("Keep this\n.\nand this".into()))
    );
}

#[test]
fn an_incomplete_export_is_asked_about_and_a_file_is_never_replaced_unasked() {
    let desk = Desk::new();
    let path = desk.out("incomplete.txt");
    let p = path.to_str().expect("UTF-8");
    std::fs::write(&path, "mine").expect("write");
    let said = new_draft_then(
        &desk,
        &[
            "export", "no", // refused
            "export", "yes", p, "", // exists: Enter is no
            "export", "yes", p, "yes", "quit",
        ],
    );
    assert!(said.contains("13 required answers are missing:\nQuestion 1: Has your organization"));
    assert!(said.contains("Nothing was exported."));
    assert!(said.contains(&format!("Kept {p}; nothing was written.")));
    assert!(said.contains(&format!(
        "Report written to {p}.\nIt is incomplete: 13 required answers are missing."
    )));
    let written = std::fs::read_to_string(&path).expect("written");
    assert!(written.starts_with("Office\n"), "{written}");
}

#[test]
fn edit_opens_the_editor_on_the_answer_with_a_final_newline_and_cleans_what_comes_back() {
    let desk = Desk::new();
    let mut seen = Vec::new();
    let script = lines(&["2", "Before.", ".", "back", "edit", "quit"]);
    let mut script_with_org = vec!["Office".to_owned()];
    script_with_org.extend(script);
    let (said, _) = desk.converse_editing(None, &script_with_org, |text| {
        seen.push(text.to_owned());
        Ok("After,\x1b[31m red.\n".into())
    });
    assert_eq!(seen, ["Before."]);
    assert!(said.contains("Removed 1 escape sequence from the text from the editor."));
    assert!(!said.contains('\x1b'));
    let id = desk.only_draft();
    assert_eq!(
        desk.saved(&id).answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("After, red.".into()))
    );
}

#[test]
fn hostile_text_typed_is_cleaned_and_never_echoed_as_an_escape() {
    let desk = Desk::new();
    let (said, _) = desk.converse(None, &lines(&["Evil\x1b]0;pwned\x07 Office", "quit"]));
    assert!(!said.contains('\x1b'), "{said:?}");
    assert!(said.contains("Removed 1 escape sequence from what you typed."));
    let id = desk.only_draft();
    assert_eq!(desk.saved(&id).answers.organization(), "Evil Office");
}

#[test]
fn the_start_list_opens_a_draft_by_number_where_it_was_left_and_says_why_others_cannot() {
    let desk = Desk::new();
    new_draft_then(&desk, &["go 7", "quit"]);
    let id = desk.only_draft();
    // A draft of another questionnaire in the same folder.
    let mut other = builtin();
    other.id = "other".into();
    let theirs = quire::workspace::create(
        &desk.store(),
        &other,
        Answers::new(),
        quire::draft::now(),
        quire::draft::SaveReason::Create,
    )
    .expect("other draft");
    let their_id = theirs.draft.id.to_string();
    drop(theirs);
    let (said, _) = desk.converse(None, &lines(&["x", "9", "2", "1", "quit"]));
    let mine = if said.contains(&format!("1. {id}:")) {
        1
    } else {
        2
    };
    assert!(
        said.contains(&format!(
            "{}. {their_id}: cannot be opened: a draft of another questionnaire (other).",
            3 - mine
        )),
        "{said}"
    );
    assert!(said.contains(
        "\"x\" is not a draft number or a command; type a number from 1 to 2, new, import or quit."
    ));
    assert!(said.contains("\"9\" is not a draft number"));
    assert!(said.contains(&format!("Draft {id}: Office.")), "{said}");
    assert!(
        said.contains("Question 7 of 13"),
        "resumed at Question 7:\n{said}"
    );
}

#[test]
fn the_end_of_input_saves_and_keeps_a_text_answer_being_typed() {
    let desk = Desk::new();
    let (said, ending) = desk.converse(None, &lines(&["Office", "2", "Half a thought"]));
    assert!(said.contains("End of input: the answer typed so far is kept."));
    let id = desk.only_draft();
    assert!(matches!(ending, Ending::Closed { .. }));
    assert_eq!(
        desk.saved(&id).answers.get(&FieldKey::sub("q1", "if-not")),
        Some(&Value::Text("Half a thought".into()))
    );
}
