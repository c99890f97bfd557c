//! Sequences of messages through `quire::tui::update::update`: the model
//! and the effects that come out, without drawing. Where an effect has to
//! be performed (creating a draft, writing a file), the real `App` runs on
//! a temporary drafts folder.

use chrono::{DateTime, FixedOffset, TimeDelta};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use quire::answers::{Chosen, FieldKey, Value};
use quire::draft::{Draft, DraftId, DraftStore, SaveReason};
use quire::questionnaire::Questionnaire;
use quire::report;
use quire::tui::editing::Edit;
use quire::tui::keymap::Mode;
use quire::tui::model::{Model, SaveState, Showing, Theme};
use quire::tui::msg::{Effect, ExportOutcome, Msg, Opened};
use quire::tui::update::{ReviewEntry, issues, review_entries, update};
use quire::tui::{App, to_msg};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rstest::rstest;
use std::path::PathBuf;
use tempfile::TempDir;

const ID: &str = "public-safety-canada-7f3a";

fn t0() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2024-11-05T14:02:00-05:00").expect("date")
}

fn at(millis: i64) -> DateTime<FixedOffset> {
    t0() + TimeDelta::milliseconds(millis)
}

fn builtin() -> Questionnaire {
    Questionnaire::builtin().expect("the built-in questionnaire is valid")
}

fn options(ids: &[&str]) -> Value {
    Value::Choice(ids.iter().map(|o| Chosen::Option((*o).into())).collect())
}

fn text(t: &str) -> Value {
    Value::Text(t.into())
}

/// A draft of Public Safety Canada with these answers, resuming at
/// `position` (a field key such as `q6` or `q5.description`).
fn draft(q: &Questionnaire, position: Option<&str>, answers: &[(&str, Value)]) -> Draft {
    let mut d = Draft::new(DraftId::parse(ID).expect("id"), q, t0());
    d.answers
        .header
        .insert("organization".into(), "Public Safety Canada".into());
    for (key, value) in answers {
        d.answers
            .set(FieldKey::parse(key).expect("key"), value.clone());
    }
    d.position = position.map(|p| FieldKey::parse(p).expect("key"));
    d
}

/// Every required answer of the built-in questionnaire (Q3 reviewed, so Q4
/// is skipped).
fn complete() -> Vec<(&'static str, Value)> {
    vec![
        ("q1", options(&["yes"])),
        ("q2", options(&["yes"])),
        ("q3", options(&["reviewed"])),
        ("q5", options(&["updated"])),
        ("q5.description", text("Clarified expected behaviours.")),
        ("q6", options(&["all-staff"])),
        ("q7", options(&["onboarding"])),
        ("q8", text("Social media.")),
        ("q9", text("Case studies.")),
        ("q10", text("Small groups.")),
        ("q11", text("The PSES.")),
        ("q12", options(&["yes"])),
    ]
}

/// A model with the draft open (as the shell reports it), at 80×24.
fn opened_with(q: Questionnaire, d: Draft, read_only: Option<&str>) -> Model {
    let mut m = Model::new(q, vec![], t0(), (80, 24), Theme { color: false });
    let effects = update(
        &mut m,
        Msg::Opened(Ok(Opened {
            draft: Box::new(d),
            read_only: read_only.map(str::to_owned),
            orphans_moved: vec![],
            note: None,
            export_folder: None,
            version: None,
        })),
    );
    assert_eq!(effects, vec![]);
    assert_eq!(m.showing(), Showing::Question);
    m
}

fn opened(position: Option<&str>, answers: &[(&str, Value)]) -> Model {
    let q = builtin();
    let d = draft(&q, position, answers);
    opened_with(q, d, None)
}

fn key(c: char) -> Msg {
    Msg::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE))
}

/// Sends messages, expecting none of them to have an effect.
fn quietly(m: &mut Model, msgs: impl IntoIterator<Item = Msg>) {
    for msg in msgs {
        let shown = format!("{msg:?}");
        assert_eq!(update(m, msg), vec![], "{shown} had effects");
    }
}

fn typing(m: &mut Model, s: &str) {
    quietly(m, s.chars().map(key));
}

/// The question (by id) and field index in focus.
fn focus(m: &Model) -> (String, usize) {
    let s = m.session().expect("a session");
    (
        m.questionnaire.questions[s.question].id.clone(),
        m.field_index(),
    )
}

fn editor_text(m: &Model) -> Option<String> {
    m.session()?.editor.as_ref().map(|e| e.text())
}

fn editor_key(m: &Model) -> Option<String> {
    Some(m.session()?.editor.as_ref()?.key.to_string())
}

fn answer(m: &Model, key: &str) -> Option<Value> {
    m.session()?
        .draft
        .answers
        .get(&FieldKey::parse(key)?)
        .cloned()
}

/// The one draft saved by these effects.
fn saved(effects: &[Effect]) -> &Draft {
    match effects {
        [Effect::Save(d, _)] => d,
        other => panic!("expected exactly one Save, got {other:?}"),
    }
}

/// Why the one save of these effects is made.
fn saved_because(effects: &[Effect]) -> SaveReason {
    match effects {
        [Effect::Save(_, why)] => *why,
        other => panic!("expected exactly one Save, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------
// Typing and autosave

#[test]
fn typing_is_saved_half_a_second_after_the_first_unsaved_key() {
    let mut m = opened(Some("q8"), &[]);
    assert_eq!(m.mode(), Mode::Text);
    typing(&mut m, "Th");
    assert!(matches!(
        m.session().map(|s| &s.save),
        Some(SaveState::Pending)
    ));
    assert_eq!(update(&mut m, Msg::Tick(at(300))), vec![]);
    typing(&mut m, "em");
    assert_eq!(update(&mut m, Msg::Tick(at(499))), vec![]);
    typing(&mut m, "es");
    // Typing on does not put the save off: someone typing without a pause
    // is saved all the same.
    let effects = update(&mut m, Msg::Tick(at(500)));
    let d = saved(&effects);
    assert_eq!(saved_because(&effects), SaveReason::Pause);
    assert_eq!(d.answers.main("q8"), Some(&text("Themes")));
    assert_eq!(d.updated, at(500));
    // Saved once: later ticks do nothing.
    assert_eq!(update(&mut m, Msg::Tick(at(5000))), vec![]);
    assert_eq!(update(&mut m, Msg::Saved(Ok(at(500)))), vec![]);
    assert!(matches!(
        m.session().map(|s| &s.save),
        Some(SaveState::Saved(t)) if *t == at(500)
    ));
    // The next key starts the wait again.
    typing(&mut m, ".");
    assert_eq!(update(&mut m, Msg::Tick(at(5499))), vec![]);
    assert_eq!(
        saved(&update(&mut m, Msg::Tick(at(5500))))
            .answers
            .main("q8"),
        Some(&text("Themes."))
    );
}

#[test]
fn typing_then_undoing_everything_saves_nothing_new() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    typing(&mut m, "xy");
    quietly(&mut m, [Msg::Undo, Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("Kept."));
    // The text is what was committed: nothing to write.
    assert_eq!(update(&mut m, Msg::Tick(at(2000))), vec![]);
}

#[test]
fn typing_undone_back_to_the_saved_text_does_not_stay_on_saving() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    typing(&mut m, "xy");
    assert_eq!(
        m.session().map(|s| s.save.clone()),
        Some(SaveState::Pending)
    );
    quietly(&mut m, [Msg::Undo, Msg::Undo]);
    assert_eq!(update(&mut m, Msg::Tick(at(2000))), vec![]);
    assert!(
        matches!(m.session().map(|s| &s.save), Some(SaveState::Saved(_))),
        "the header says Saved, not Saving…"
    );
}

#[test]
fn esc_leaves_the_answer_box_and_enter_or_a_paste_goes_back_in() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    assert_eq!(m.mode(), Mode::Text);
    typing(&mut m, "!");
    let effects = update(&mut m, Msg::Back);
    assert_eq!(m.mode(), Mode::Browse);
    assert_eq!(saved(&effects).answers.main("q8"), Some(&text("Kept.!")));
    // Letters are keys now: `x` is not typed, and says so.
    quietly(&mut m, [Msg::Unbound("x".into())]);
    assert!(
        m.status
            .as_deref()
            .is_some_and(|s| s.contains("Enter writes"))
    );
    assert_eq!(editor_text(&m).as_deref(), Some("Kept.!"));
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(m.mode(), Mode::Text);
    quietly(&mut m, [Msg::Back, Msg::Paste(" More.".into())]);
    assert_eq!(m.mode(), Mode::Text);
    assert_eq!(editor_text(&m).as_deref(), Some("Kept.! More."));
}

#[test]
fn the_outline_takes_the_focus_and_enter_goes_to_a_question_that_is_asked() {
    // Q3 "reviewed" skips Q4.
    let mut m = opened(
        Some("q1"),
        &[("q1", options(&["yes"])), ("q3", options(&["reviewed"]))],
    );
    quietly(&mut m, [Msg::FocusOutline]);
    assert_eq!(m.mode(), Mode::Outline);
    assert!(
        m.outline_shown(),
        "shown while it has the focus, at any width"
    );
    // Down to Q4, which is not asked: Enter says why and stays.
    quietly(&mut m, [Msg::Down, Msg::Down, Msg::Down, Msg::Enter]);
    assert!(
        m.status
            .as_deref()
            .is_some_and(|s| s.contains("Question 4 is not asked")),
        "{:?}",
        m.status
    );
    assert_eq!(m.mode(), Mode::Outline);
    quietly(&mut m, [Msg::Down, Msg::Enter]);
    assert_eq!(m.mode(), Mode::Choice);
    assert_eq!(focus(&m), ("q5".into(), 0));
    // Esc gives the focus back without moving.
    quietly(&mut m, [Msg::FocusOutline, Msg::LastQuestion, Msg::Back]);
    assert_eq!(focus(&m), ("q5".into(), 0));
    assert_eq!(m.mode(), Mode::Choice);
}

#[test]
fn blank_text_removes_the_answer() {
    let mut m = opened(Some("q8"), &[("q8", text("x"))]);
    quietly(&mut m, [Msg::Edit(Edit::Backspace), key(' ')]);
    let effects = update(&mut m, Msg::Tick(at(1000)));
    assert_eq!(saved(&effects).answers.main("q8"), None);
}

// ---------------------------------------------------------------------------
// Choices

#[test]
fn toggle_keeps_the_definitions_order() {
    let mut m = opened(Some("q6"), &[]);
    assert_eq!(m.mode(), Mode::Choice);
    quietly(&mut m, [Msg::Down, Msg::Down, Msg::Down]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, [Msg::Up, Msg::Up, Msg::Up]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, (0..5).map(|_| Msg::Down));
    let effects = update(&mut m, Msg::Toggle);
    let want = options(&[
        "executive-discussions",
        "specific-topics",
        "performance-management",
    ]);
    assert_eq!(saved(&effects).answers.main("q6"), Some(&want));
    assert_eq!(answer(&m, "q6"), Some(want));
    // Toggling again takes it out, the others keep their order.
    saved(&update(&mut m, Msg::Toggle));
    assert_eq!(
        answer(&m, "q6"),
        Some(options(&["executive-discussions", "specific-topics"]))
    );
}

#[test]
fn the_option_cursor_stays_in_the_list() {
    let mut m = opened(Some("q3"), &[]);
    quietly(&mut m, [Msg::Up, Msg::Down, Msg::Down, Msg::Down]);
    assert_eq!(m.session().map(|s| s.option_cursor), Some(1));
}

#[rstest]
#[case::single_choice("q3", "reviewed", "reviewing")]
#[case::yes_no("q1", "yes", "no")]
fn single_choice_replaces(#[case] question: &str, #[case] first: &str, #[case] second: &str) {
    let mut m = opened(Some(question), &[]);
    saved(&update(&mut m, Msg::Toggle));
    assert_eq!(answer(&m, question), Some(options(&[first])));
    quietly(&mut m, [Msg::Down]);
    saved(&update(&mut m, Msg::Toggle));
    assert_eq!(answer(&m, question), Some(options(&[second])));
    // Space on the chosen option clears the answer.
    saved(&update(&mut m, Msg::Toggle));
    assert_eq!(answer(&m, question), None);
}

#[test]
fn enter_on_a_single_choice_chooses_and_moves_to_the_next_field() {
    let mut m = opened(Some("q1"), &[]);
    quietly(&mut m, [Msg::Down]);
    let effects = update(&mut m, Msg::Enter);
    assert_eq!(saved(&effects).answers.main("q1"), Some(&options(&["no"])));
    assert_eq!(saved_because(&effects), SaveReason::Choice);
    assert_eq!(focus(&m), ("q1".into(), 1));
    assert_eq!(editor_key(&m).as_deref(), Some("q1.if-not"));
    assert_eq!(m.mode(), Mode::Text);
}

#[test]
fn enter_on_the_chosen_option_keeps_it_and_moves_on() {
    let mut m = opened(Some("q1"), &[("q1", options(&["yes"]))]);
    assert_eq!(update(&mut m, Msg::Enter), vec![]);
    assert_eq!(answer(&m, "q1"), Some(options(&["yes"])));
    assert_eq!(focus(&m), ("q1".into(), 1));
}

#[rstest]
#[case::reviewed_skips_q4(0, "q5")]
#[case::reviewing_asks_q4(1, "q4")]
fn enter_on_the_last_field_goes_to_the_next_asked_question(
    #[case] downs: usize,
    #[case] next: &str,
) {
    let mut m = opened(Some("q3"), &[]);
    quietly(&mut m, (0..downs).map(|_| Msg::Down));
    saved(&update(&mut m, Msg::Enter));
    assert_eq!(focus(&m), (next.into(), 0));
}

// ---------------------------------------------------------------------------
// Moving between fields and questions

#[rstest]
#[case::q3_reviewed_skips_q4("reviewed", "q5")]
#[case::q3_reviewing_asks_q4("reviewing", "q4")]
fn tab_on_the_last_field_goes_to_the_next_asked_question(#[case] q3: &str, #[case] next: &str) {
    let mut m = opened(Some("q3"), &[("q3", options(&[q3]))]);
    assert_eq!(update(&mut m, Msg::NextField), vec![]);
    assert_eq!(focus(&m), (next.into(), 0));
}

#[test]
fn tab_and_shift_tab_walk_the_fields() {
    let mut m = opened(Some("q1"), &[]);
    quietly(&mut m, [Msg::NextField]);
    assert_eq!(focus(&m), ("q1".into(), 1));
    quietly(&mut m, [Msg::NextField]);
    assert_eq!(focus(&m), ("q2".into(), 0));
    // Back from the first field: the previous question's last field.
    quietly(&mut m, [Msg::PrevField]);
    assert_eq!(focus(&m), ("q1".into(), 1));
    quietly(&mut m, [Msg::PrevField, Msg::PrevField]);
    assert_eq!(focus(&m), ("q1".into(), 0), "nothing before question 1");
}

#[test]
fn tab_commits_the_text_with_one_save() {
    let mut m = opened(Some("q5.description"), &[("q5", options(&["updated"]))]);
    assert_eq!(focus(&m), ("q5".into(), 1));
    typing(&mut m, "Clarified.");
    let effects = update(&mut m, Msg::NextField);
    assert_eq!(
        saved(&effects)
            .answers
            .get(&FieldKey::sub("q5", "description")),
        Some(&text("Clarified."))
    );
    assert_eq!(saved_because(&effects), SaveReason::Field);
    assert_eq!(focus(&m), ("q6".into(), 0));
}

#[rstest]
#[case::reviewed("reviewed", "q3")]
#[case::reviewing("reviewing", "q4")]
fn pgup_and_pgdn_skip_skipped_questions(#[case] q3: &str, #[case] before_q5: &str) {
    let mut m = opened(Some("q5"), &[("q3", options(&[q3]))]);
    assert_eq!(update(&mut m, Msg::PrevQuestion), vec![]);
    assert_eq!(focus(&m).0, before_q5);
    quietly(&mut m, [Msg::NextQuestion]);
    assert_eq!(focus(&m).0, "q5");
    // From Q3 forward.
    let mut m = opened(Some("q3"), &[("q3", options(&[q3]))]);
    quietly(&mut m, [Msg::NextQuestion]);
    let after_q3 = if q3 == "reviewed" { "q5" } else { "q4" };
    assert_eq!(focus(&m).0, after_q3);
}

#[test]
fn shift_tab_into_a_question_lands_on_its_last_field() {
    let mut m = opened(Some("q13"), &[]);
    quietly(&mut m, [Msg::PrevField]);
    assert_eq!(focus(&m), ("q12".into(), 1));
    assert_eq!(editor_key(&m).as_deref(), Some("q12.comment"));
}

#[test]
fn next_question_on_the_last_question_shows_the_review() {
    let mut m = opened(Some("q13"), &[]);
    assert_eq!(update(&mut m, Msg::NextQuestion), vec![]);
    assert_eq!(m.showing(), Showing::Review);
    assert_eq!(m.mode(), Mode::Review);
    // And back.
    quietly(&mut m, [Msg::Back]);
    assert_eq!(m.showing(), Showing::Question);
    assert_eq!(focus(&m).0, "q13");
}

#[test]
fn tab_on_the_last_field_of_the_last_question_shows_the_review() {
    let mut m = opened(Some("q13"), &[]);
    typing(&mut m, "Nothing more.");
    let effects = update(&mut m, Msg::NextField);
    assert_eq!(
        saved(&effects).answers.main("q13"),
        Some(&text("Nothing more."))
    );
    assert_eq!(m.showing(), Showing::Review);
}

#[test]
fn prev_question_on_the_first_question_stays() {
    let mut m = opened(Some("q1"), &[]);
    quietly(&mut m, [Msg::PrevQuestion]);
    assert_eq!(focus(&m), ("q1".into(), 0));
    assert_eq!(m.showing(), Showing::Question);
}

// ---------------------------------------------------------------------------
// Quitting

#[test]
fn quit_commits_the_editor_and_saves_the_position() {
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "Unsaved words");
    let effects = update(&mut m, Msg::Quit);
    let [Effect::Save(d, SaveReason::Quit), Effect::Quit] = effects.as_slice() else {
        panic!("expected [Save, Quit], got {effects:?}");
    };
    assert_eq!(d.answers.main("q8"), Some(&text("Unsaved words")));
    assert_eq!(d.position, Some(FieldKey::main("q8")));
    assert!(m.quitting);
}

#[test]
fn quit_on_a_follow_up_saves_that_field_as_the_position() {
    let mut m = opened(Some("q1.if-not"), &[("q1", options(&["no"]))]);
    let effects = update(&mut m, Msg::Quit);
    let [Effect::Save(d, SaveReason::Quit), Effect::Quit] = effects.as_slice() else {
        panic!("expected [Save, Quit], got {effects:?}");
    };
    assert_eq!(d.position, Some(FieldKey::sub("q1", "if-not")));
}

#[test]
fn quit_without_a_draft_only_quits() {
    let mut m = Model::new(builtin(), vec![], t0(), (80, 24), Theme { color: false });
    assert_eq!(update(&mut m, Msg::Quit), vec![Effect::Quit]);
}

/// A questionnaire whose first follow-up can be skipped while a later
/// field of the same question is asked.
const SKIPPED_FOLLOW_UP: &str = r#"
format = 1
id = "tools-check"
version = "1"
title = "Tools check"
languages = ["en"]

[report]
header = ["{title}"]
footer = ["Date: {date}"]

[[part]]
id = "tools"
title = "Tools"

[[part.question]]
id = "tools"
kind = "yes-no"
required = true
text = "Do you have every tool you need?"

[[part.question.follow_up]]
id = "missing"
prompt = "Which tools are missing?"
ask_when = { question = "tools", is = "no" }

[[part.question.follow_up]]
id = "notes"
prompt = "Anything else?"
"#;

#[test]
fn quit_after_a_skipped_follow_up_saves_the_field_in_focus() {
    let q = Questionnaire::from_toml(SKIPPED_FOLLOW_UP, "tools-check.toml").expect("valid");
    let mut d = Draft::new(DraftId::parse("tools-0001").expect("id"), &q, t0());
    d.answers.set(FieldKey::main("tools"), options(&["yes"]));
    let mut m = opened_with(q, d, None);
    quietly(&mut m, [Msg::NextField]);
    assert_eq!(editor_key(&m).as_deref(), Some("tools.notes"));
    let effects = update(&mut m, Msg::Quit);
    let [Effect::Save(d, SaveReason::Quit), Effect::Quit] = effects.as_slice() else {
        panic!("expected [Save, Quit], got {effects:?}");
    };
    assert_eq!(d.position, Some(FieldKey::sub("tools", "notes")));
}

// ---------------------------------------------------------------------------
// Read-only sessions

#[test]
fn a_read_only_session_refuses_edits_with_a_status() {
    let q = builtin();
    let d = draft(&q, Some("q3"), &[]);
    let mut m = opened_with(q, d, Some("draft is being edited by ana@host (pid 42)"));
    assert_eq!(
        m.status.as_deref(),
        Some("Read-only: draft is being edited by ana@host (pid 42)")
    );
    assert_eq!(update(&mut m, Msg::Toggle), vec![]);
    assert_eq!(answer(&m, "q3"), None);
    assert_eq!(
        m.status.as_deref(),
        Some("This draft is open read-only: another quire is editing it.")
    );
    // Enter chooses nothing but moves on: moving around is allowed.
    assert_eq!(update(&mut m, Msg::Enter), vec![]);
    assert_eq!(answer(&m, "q3"), None);
    assert_eq!(focus(&m).0, "q4");
    m.status = None;
    typing(&mut m, "abc");
    quietly(&mut m, [Msg::Paste("pasted".into()), Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some(""));
    assert!(m.status.as_deref().is_some_and(|s| s.contains("read-only")));
    assert_eq!(update(&mut m, Msg::ExternalEditor), vec![]);
    assert_eq!(update(&mut m, Msg::Tick(at(5000))), vec![]);
    // Quitting writes nothing.
    assert_eq!(update(&mut m, Msg::Quit), vec![Effect::Quit]);
}

// ---------------------------------------------------------------------------
// Pasting

#[test]
fn paste_keeps_printable_text_newlines_and_tabs_only() {
    let mut m = opened(Some("q8"), &[]);
    let pasted = "Themes:\u{1b}[31m red\u{1b}[0m\r\n- social\tmedia\u{7}\u{0}\r- \u{1b}[2Jconflicts\u{8}\u{7f}";
    quietly(&mut m, [Msg::Paste(pasted.into())]);
    let got = editor_text(&m).expect("an editor");
    assert_eq!(got, "Themes: red\n- social\tmedia\n- conflicts");
    assert!(
        got.chars()
            .all(|c| !c.is_control() || c == '\n' || c == '\t')
    );
    let effects = update(&mut m, Msg::Tick(at(1000)));
    assert_eq!(saved(&effects).answers.main("q8"), Some(&text(&got)));
}

#[test]
fn paste_in_a_prompt_is_one_line() {
    let mut m = Model::new(builtin(), vec![], t0(), (80, 24), Theme { color: false });
    assert_eq!(m.mode(), Mode::Prompt);
    quietly(
        &mut m,
        [Msg::Paste("Public\r\nSafety\tCanada\u{1b}[2J\u{7}".into())],
    );
    assert_eq!(
        m.prompt().map(|p| p.value()).as_deref(),
        Some("Public Safety Canada")
    );
    assert_eq!(
        update(&mut m, Msg::Enter),
        vec![Effect::Create(vec![(
            "organization".into(),
            "Public Safety Canada".into()
        )])]
    );
}

#[test]
fn paste_on_a_choice_question_does_nothing() {
    let mut m = opened(Some("q3"), &[]);
    quietly(&mut m, [Msg::Paste("reviewed".into())]);
    assert_eq!(answer(&m, "q3"), None);
}

// ---------------------------------------------------------------------------
// Export

#[test]
fn export_with_answers_missing_asks_before_the_path() {
    let mut m = opened(Some("q12"), &[("q1", options(&["yes"]))]);
    quietly(&mut m, [Msg::Review, Msg::Export]);
    assert_eq!(m.mode(), Mode::ExportAnyway);
    assert!(m.prompt().is_none(), "no path is asked yet");
    let asked = m.incomplete().expect("the question");
    assert_eq!(asked.refusal, "12 required answers are missing");
    assert_eq!(asked.missing.len(), 12);
    quietly(&mut m, [Msg::Back]);
    assert_eq!(m.mode(), Mode::Review);
}

#[test]
fn export_when_complete_emits_the_published_report() {
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    assert_eq!(issues(&m), vec![]);
    quietly(&mut m, [Msg::Export]);
    let effects = update(&mut m, Msg::Enter);
    let answers = m.current_answers().expect("answers");
    let want = report::render(&m.questionnaire, &answers, Some(t0().date_naive()));
    assert_eq!(
        effects,
        vec![Effect::Export {
            path: PathBuf::from("public-safety-canada.txt"),
            text: want.clone(),
            overwrite: false,
        }]
    );
    assert!(want.starts_with("Public Safety Canada\n"), "{want}");
    assert!(want.contains("Date modified: 2024-11-05"), "{want}");
    assert!(m.prompt().is_none());
}

#[test]
fn export_includes_text_still_being_typed() {
    let mut answers = complete();
    answers.retain(|(k, _)| *k != "q11");
    let mut m = opened(Some("q11"), &answers);
    typing(&mut m, "Pulse surveys.");
    let effects = update(&mut m, Msg::Review);
    saved(&effects);
    quietly(&mut m, [Msg::Export]);
    let effects = update(&mut m, Msg::Enter);
    let [Effect::Export { text, .. }] = effects.as_slice() else {
        panic!("expected an export, got {effects:?}");
    };
    assert!(text.contains("Pulse surveys."));
}

fn exists(m: &mut Model) -> PathBuf {
    let path = PathBuf::from("/reports/public-safety-canada.txt");
    quietly(
        m,
        [Msg::Exported(ExportOutcome::Exists {
            path: path.clone(),
            text: "the report\n".into(),
        })],
    );
    assert_eq!(m.mode(), Mode::Confirm);
    path
}

fn press(m: &mut Model, c: char) -> Vec<Effect> {
    let msg = to_msg(
        m.mode(),
        Event::Key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)),
    )
    .expect("a bound key");
    update(m, msg)
}

#[test]
fn an_existing_file_is_replaced_only_after_y() {
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    let path = exists(&mut m);
    // Other keys do nothing while asking.
    assert_eq!(update(&mut m, Msg::Export), vec![]);
    assert_eq!(update(&mut m, Msg::Quit).last(), Some(&Effect::Quit));
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    exists(&mut m);
    assert_eq!(
        press(&mut m, 'y'),
        vec![Effect::Export {
            path,
            text: "the report\n".into(),
            overwrite: true,
        }]
    );
    assert!(m.confirm().is_none());
}

#[test]
fn an_existing_file_is_kept_after_n() {
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    let path = exists(&mut m);
    assert_eq!(press(&mut m, 'n'), vec![]);
    assert!(m.confirm().is_none());
    assert_eq!(
        m.status,
        Some(format!("Kept {}; nothing was written.", path.display()))
    );
    assert_eq!(m.mode(), Mode::Review);
}

#[test]
fn esc_also_keeps_an_existing_file() {
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    exists(&mut m);
    let msg = to_msg(
        m.mode(),
        Event::Key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE)),
    )
    .expect("Esc is bound");
    assert_eq!(update(&mut m, msg), vec![]);
    assert!(m.confirm().is_none());
}

#[test]
fn export_outcomes_are_reported_in_the_status_line() {
    let mut m = opened(Some("q13"), &complete());
    // The folder is remembered for the draft's next export.
    assert_eq!(
        update(
            &mut m,
            Msg::Exported(ExportOutcome::Written("/reports/psc.txt".into()))
        ),
        vec![Effect::RememberFolder {
            id: DraftId::parse(ID).expect("id"),
            folder: "/reports".into(),
        }]
    );
    assert_eq!(
        m.status.as_deref(),
        Some("Report written to /reports/psc.txt")
    );
    quietly(
        &mut m,
        [Msg::Exported(ExportOutcome::Failed(
            "permission denied".into(),
        ))],
    );
    assert_eq!(
        m.status.as_deref(),
        Some("Export failed: permission denied")
    );
}

// ---------------------------------------------------------------------------
// The external editor

#[test]
fn the_external_editor_gets_the_text_and_its_result_is_cleaned_and_saved() {
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "draft");
    assert_eq!(
        update(&mut m, Msg::ExternalEditor),
        vec![Effect::OpenEditor("draft".into())]
    );
    let effects = update(
        &mut m,
        Msg::Edited(Ok("draft\r\nsecond \u{1b}[1mline\u{1b}[0m\n".into())),
    );
    // The final newline the editor adds is not part of the answer.
    let want = "draft\nsecond line";
    assert_eq!(saved(&effects).answers.main("q8"), Some(&text(want)));
    assert_eq!(editor_text(&m).as_deref(), Some(want));
}

#[test]
fn an_external_edit_is_one_undo_step() {
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "ab");
    update(&mut m, Msg::ExternalEditor);
    update(&mut m, Msg::Edited(Ok("rewritten\nwhole\n".into())));
    typing(&mut m, "!");
    assert_eq!(editor_text(&m).as_deref(), Some("rewritten\nwhole!"));
    // Undo: the "!", then the whole external edit at once.
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("rewritten\nwhole"));
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("ab"));
    quietly(&mut m, [Msg::Redo]);
    assert_eq!(editor_text(&m).as_deref(), Some("rewritten\nwhole"));
    // Undone again, then typing: the external edit cannot be redone over it.
    quietly(&mut m, [Msg::Undo]);
    typing(&mut m, "c");
    quietly(&mut m, [Msg::Redo]);
    assert_eq!(editor_text(&m).as_deref(), Some("abc"));
}

#[test]
fn a_failed_editor_keeps_the_text_and_says_so() {
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "my words");
    assert_eq!(
        update(&mut m, Msg::Edited(Err("vi exited with 1".into()))),
        vec![]
    );
    assert_eq!(editor_text(&m).as_deref(), Some("my words"));
    assert_eq!(
        m.status.as_deref(),
        Some("The editor failed (vi exited with 1); your text is unchanged.")
    );
    // The typed text is still saved after the pause.
    let effects = update(&mut m, Msg::Tick(at(1000)));
    assert_eq!(saved(&effects).answers.main("q8"), Some(&text("my words")));
}

// ---------------------------------------------------------------------------
// Saving

#[test]
fn a_failed_save_is_shown() {
    let mut m = opened(Some("q3"), &[]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, [Msg::Saved(Err("disk full".into()))]);
    assert!(matches!(
        m.session().map(|s| &s.save),
        Some(SaveState::Failed(e)) if e == "disk full"
    ));
    assert!(m.status.as_deref().is_some_and(|s| s.contains("disk full")));
}

/// The loop sleeps until `wake_at`: nothing is due when all is saved, the
/// autosave half a second after the first key, a failed save's retry. It
/// woke four times a second, with nothing to do.
#[test]
fn the_loop_wakes_only_when_a_save_is_due() {
    let mut m = opened(Some("q8"), &[]);
    assert_eq!(m.wake_at(), None, "nothing is due");
    quietly(&mut m, [Msg::Tick(at(100))]);
    typing(&mut m, "Themes");
    assert_eq!(m.wake_at(), Some(at(600)), "the autosave");
    saved(&update(&mut m, Msg::Tick(at(600))));
    assert_eq!(m.wake_at(), None, "saved: nothing is due");
    quietly(
        &mut m,
        [Msg::Tick(at(700)), Msg::Saved(Err("disk full".into()))],
    );
    let retry = m.session().and_then(|s| s.retry_at);
    assert!(retry.is_some_and(|t| t > at(700)));
    assert_eq!(m.wake_at(), retry, "the retry of the failed save");
    // Typing before the retry: the autosave comes first.
    quietly(&mut m, [Msg::Tick(at(800))]);
    typing(&mut m, ".");
    assert_eq!(m.wake_at(), Some(at(1300)));
}

/// After a failed save, a change typed and taken back leaves nothing to
/// save: the retry is no longer due, and the loop, which waits for keys
/// no longer than the next thing due, is not told to wake at a moment
/// already past (it read no key while told so).
#[test]
fn a_retry_no_longer_needed_is_not_due() {
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "Themes");
    saved(&update(&mut m, Msg::Tick(at(600))));
    quietly(&mut m, [Msg::Saved(Err("disk full".into()))]);
    let retry = m.session().and_then(|s| s.retry_at).expect("a retry");
    // Typed and taken back: the text is the one the failed save held.
    typing(&mut m, "x");
    quietly(&mut m, [Msg::Edit(Edit::Backspace)]);
    for later in [
        retry,
        retry + TimeDelta::seconds(5),
        retry + TimeDelta::minutes(5),
    ] {
        let effects = update(&mut m, Msg::Tick(later));
        let due = m.wake_at();
        assert!(
            due.is_none_or(|t| t > later) || !effects.is_empty(),
            "at {later}: due at {due:?}, with nothing to do"
        );
    }
}

#[test]
fn a_successful_save_clears_the_failure_message() {
    let mut m = opened(Some("q3"), &[]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, [Msg::Saved(Err("disk full".into()))]);
    quietly(&mut m, [Msg::Down]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, [Msg::Saved(Ok(t0()))]);
    assert!(matches!(
        m.session().map(|s| &s.save),
        Some(SaveState::Saved(_))
    ));
    assert_eq!(m.status, None, "the header says Saved; the status line too");
}

// ---------------------------------------------------------------------------
// The review list

#[test]
fn review_enter_jumps_to_the_question_and_field_of_the_item() {
    let mut m = opened(Some("q1"), &[("q1", options(&["no"]))]);
    quietly(&mut m, [Msg::Review]);
    let list: Vec<String> = issues(&m).iter().map(|i| i.key.to_string()).collect();
    assert_eq!(
        list,
        [
            "q1.if-not",
            "q2",
            "q3",
            "q4",
            "q5",
            "q5.description",
            "q6",
            "q7",
            "q8",
            "q9",
            "q10",
            "q11",
            "q12"
        ]
    );
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(m.showing(), Showing::Question);
    assert_eq!(focus(&m), ("q1".into(), 1));
    assert_eq!(editor_key(&m).as_deref(), Some("q1.if-not"));
    // The sixth item: Q5's follow-up, its second field.
    quietly(&mut m, [Msg::Review]);
    quietly(&mut m, (0..5).map(|_| Msg::Down));
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(focus(&m), ("q5".into(), 1));
    assert_eq!(editor_key(&m).as_deref(), Some("q5.description"));
    // A choice question: the list of options takes focus.
    quietly(&mut m, [Msg::Review, Msg::Up]);
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(focus(&m), ("q5".into(), 0));
    assert_eq!(m.mode(), Mode::Choice);
}

#[test]
fn review_lists_an_answer_on_a_skipped_question_and_jumps_to_it() {
    let mut answers = complete();
    answers.push(("q4", text("By March.")));
    let mut m = opened(Some("q13"), &answers);
    quietly(&mut m, [Msg::Review]);
    let list = issues(&m);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].key, FieldKey::main("q4"));
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(focus(&m), ("q4".into(), 0));
    assert_eq!(editor_text(&m).as_deref(), Some("By March."));
}

#[test]
fn the_review_cursor_stays_in_the_list() {
    let mut m = opened(Some("q1"), &[("q1", options(&["no"]))]);
    quietly(&mut m, [Msg::Review]);
    let entries = review_entries(&m);
    // The issues, the translations to do (the organization's name in
    // French), then every question asked.
    let answers = m.current_answers().expect("answers");
    let flow = quire::flow::Flow::new(&m.questionnaire, &answers);
    let asked = (0..m.questionnaire.questions.len())
        .filter(|&i| flow.is_asked(i))
        .count();
    assert_eq!(issues(&m).len(), 13);
    let translations = entries
        .iter()
        .filter(|e| matches!(e, ReviewEntry::Translation { .. }))
        .count();
    assert_eq!(translations, 1);
    assert_eq!(entries.len(), 13 + translations + asked);
    quietly(&mut m, (0..60).map(|_| Msg::Down));
    assert_eq!(
        m.session().map(|s| s.review.cursor),
        Some(entries.len() - 1)
    );
    // A page is what the report's frame shows.
    let page = quire::tui::layout::review_of(&m)
        .expect("a review")
        .scroll
        .page();
    quietly(&mut m, [Msg::ScrollDown, Msg::ScrollDown, Msg::ScrollUp]);
    assert_eq!(m.session().map(|s| s.review.scroll), Some(page));
}

/// The screen as drawn, row by row.
fn drawn_rows(m: &Model) -> Vec<String> {
    let (w, h) = m.size;
    let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
    terminal
        .draw(|f| quire::tui::view::view(m, f))
        .expect("draw");
    let buffer = terminal.backend().buffer();
    (0..h)
        .map(|y| (0..w).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// Scrolled to the end, the report's last line is drawn on the last row
/// of its frame, and PgDn goes no further. (The scroll was measured by
/// an estimate of the rows, not on the screen.)
#[test]
fn review_scrolling_stops_at_the_end_of_the_report() {
    let mut m = opened(Some("q13"), &complete());
    quietly(&mut m, [Msg::Review]);
    quietly(&mut m, (0..50).map(|_| Msg::ScrollDown));
    let end = drawn_rows(&m);
    let last_row = end
        .iter()
        .position(|r| r.starts_with('└'))
        .expect("the report's frame");
    assert!(
        end[last_row - 1].starts_with("│Date modified: 2024-11-05 "),
        "{end:#?}"
    );
    let scroll = m.session().map_or(0, |s| s.review.scroll);
    assert!(scroll > 0, "the report is longer than its frame");
    quietly(&mut m, (0..10).map(|_| Msg::ScrollDown));
    assert_eq!(drawn_rows(&m), end, "it stopped");
    assert_eq!(m.session().map(|s| s.review.scroll), Some(scroll));
    quietly(&mut m, [Msg::ScrollUp]);
    assert!(
        m.session().is_some_and(|s| s.review.scroll < scroll),
        "one PgUp goes back"
    );
    assert_ne!(drawn_rows(&m), end, "and shows it");
}

#[test]
fn enter_on_the_review_list_after_it_shrank_stays_in_the_list() {
    let mut m = opened(Some("q1"), &[("q1", options(&["no"]))]);
    quietly(&mut m, [Msg::Review]);
    let before = review_entries(&m).len();
    quietly(&mut m, (0..60).map(|_| Msg::Down));
    // The last entry is the last question asked.
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(focus(&m), ("q13".into(), 0));
    // Answering Q1 "yes" asks fewer follow-ups: the list shrinks under the
    // cursor, which comes back on its last entry.
    quietly(&mut m, [Msg::FirstQuestion, Msg::Up]);
    saved(&update(&mut m, Msg::Toggle));
    quietly(&mut m, [Msg::Review]);
    let n = review_entries(&m).len();
    assert!(n < before, "the list shrank: {n}");
    assert_eq!(m.session().map(|s| s.review.cursor), Some(n - 1));
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(m.showing(), Showing::Question, "Enter went nowhere");
    assert_eq!(focus(&m), ("q13".into(), 0));
}

#[test]
fn the_review_list_goes_to_any_question_not_only_those_with_problems() {
    let mut m = opened(Some("q1"), &complete());
    quietly(&mut m, [Msg::Review]);
    assert_eq!(issues(&m), vec![], "nothing is missing");
    let entries = review_entries(&m);
    let q5 = m.questionnaire.question_index("q5").expect("q5");
    let at = entries
        .iter()
        .position(|e| *e == ReviewEntry::Question(q5))
        .expect("Q5 is listed");
    quietly(&mut m, (0..at).map(|_| Msg::Down));
    quietly(&mut m, [Msg::Enter]);
    assert_eq!(m.showing(), Showing::Question);
    assert_eq!(focus(&m), ("q5".into(), 0));
}

// ---------------------------------------------------------------------------
// The start screen and the real shell

fn app(dir: &TempDir) -> App {
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let mut app = App::new(builtin(), store, (80, 24), Theme { color: false });
    app.model.now = t0();
    app
}

fn dispatch(app: &mut App, msg: Msg) -> bool {
    app.dispatch(msg, &mut |_| Err("no editor".into()))
}

fn app_key(app: &mut App, code: KeyCode) {
    let msg = to_msg(
        app.model.mode(),
        Event::Key(KeyEvent::new(code, KeyModifiers::NONE)),
    )
    .expect("a key that means something");
    assert!(!dispatch(app, msg));
}

fn app_type(app: &mut App, s: &str) {
    for c in s.chars() {
        app_key(app, KeyCode::Char(c));
    }
}

#[test]
fn enter_in_the_organization_prompt_creates_the_draft() {
    let dir = TempDir::new().expect("temp dir");
    let mut app = app(&dir);
    assert_eq!(app.model.mode(), Mode::Prompt);
    app_key(&mut app, KeyCode::Enter);
    assert_eq!(
        app.model.prompt().and_then(|p| p.error.as_deref()),
        Some("Organization name is required.")
    );
    app_type(&mut app, "Sécurité publique Canada");
    app_key(&mut app, KeyCode::Enter);
    assert_eq!(app.model.showing(), Showing::Question);
    assert!(app.model.prompt().is_none());
    assert_eq!(app.model.status, None);
    let id = app.model.draft_id().expect("a draft").clone();
    assert!(
        id.as_str().starts_with("securite-publique-canada-"),
        "{id:?}"
    );
    let on_disk = app.shell.store.load(&id).expect("the draft is on disk");
    assert_eq!(on_disk.organization(), "Sécurité publique Canada");
    assert_eq!(on_disk.created, t0());
    // An answer goes to disk at once.
    app_key(&mut app, KeyCode::Char(' '));
    let on_disk = app.shell.store.load(&id).expect("the draft is on disk");
    assert_eq!(on_disk.answers.main("q1"), Some(&options(&["yes"])));
    // Quitting keeps the place.
    assert!(dispatch(&mut app, Msg::Quit));
    let on_disk = app.shell.store.load(&id).expect("the draft is on disk");
    assert_eq!(on_disk.position, Some(FieldKey::main("q1")));
}

#[test]
fn resuming_a_draft_goes_back_to_its_position() {
    let dir = TempDir::new().expect("temp dir");
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let q = builtin();
    store
        .save(&draft(
            &q,
            Some("q5.description"),
            &[("q5", options(&["updated"]))],
        ))
        .expect("save");
    let mut app = app(&dir);
    assert_eq!(app.model.mode(), Mode::Start);
    app_key(&mut app, KeyCode::Enter);
    assert_eq!(focus(&app.model), ("q5".into(), 1));
    assert_eq!(editor_key(&app.model).as_deref(), Some("q5.description"));
}

#[test]
fn a_draft_held_by_another_quire_opens_read_only() {
    let dir = TempDir::new().expect("temp dir");
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let q = builtin();
    store.save(&draft(&q, Some("q3"), &[])).expect("save");
    let _held = store.lock(&DraftId::parse(ID).expect("id")).expect("lock");
    let mut app = app(&dir);
    app.open(ID);
    assert!(matches!(
        app.model.session().map(|s| &s.save),
        Some(SaveState::ReadOnly(_))
    ));
    app_key(&mut app, KeyCode::Char(' '));
    let on_disk = store.load(&DraftId::parse(ID).expect("id")).expect("load");
    assert_eq!(on_disk.answers.main("q3"), None);
    assert!(dispatch(&mut app, Msg::Quit));
}

#[test]
fn exporting_over_a_file_writes_only_after_y() {
    let dir = TempDir::new().expect("temp dir");
    let store = DraftStore::open(dir.path().join("drafts")).expect("store");
    let q = builtin();
    store
        .save(&draft(&q, Some("q13"), &complete()))
        .expect("save");
    let target = dir.path().join("report.txt");
    std::fs::write(&target, "an earlier report\n").expect("write");
    let mut app = app(&dir);
    app.open(ID);
    assert_eq!(app.model.mode(), Mode::Text);
    assert!(!dispatch(&mut app, Msg::Review));
    let export = |app: &mut App| {
        app_key(app, KeyCode::Char('e'));
        for _ in 0.."public-safety-canada.txt".len() {
            app_key(app, KeyCode::Backspace);
        }
        app_type(app, &target.display().to_string());
        app_key(app, KeyCode::Enter);
        assert_eq!(app.model.mode(), Mode::Confirm);
    };
    export(&mut app);
    app_key(&mut app, KeyCode::Char('n'));
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "an earlier report\n"
    );
    export(&mut app);
    app_key(&mut app, KeyCode::Char('y'));
    let written = std::fs::read_to_string(&target).expect("read");
    assert!(written.starts_with("Public Safety Canada\n"), "{written}");
    assert_eq!(
        app.model.status,
        Some(format!("Report written to {}", target.display()))
    );
}

/// Keys typed while the "terminal too small" screen hides the answer do not
/// reach it (issue 8, item 7); once the window is big again they do, and
/// quitting works all along.
#[test]
fn keys_typed_on_the_too_small_screen_change_nothing() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    quietly(&mut m, [Msg::Resize(40, 10)]);
    assert!(m.too_small());
    typing(&mut m, "blind");
    quietly(
        &mut m,
        [
            Msg::Typed("a burst".into()),
            Msg::Paste("a paste".into()),
            Msg::NextField,
            Msg::Review,
        ],
    );
    assert_eq!(editor_text(&m).as_deref(), Some("Kept."));
    assert_eq!(focus(&m), ("q8".into(), 0));
    quietly(&mut m, [Msg::Resize(80, 24)]);
    typing(&mut m, "!");
    assert_eq!(editor_text(&m).as_deref(), Some("Kept.!"));
    quietly(&mut m, [Msg::Resize(40, 10)]);
    let effects = update(&mut m, Msg::Quit);
    assert!(effects.contains(&Effect::Quit), "{effects:?}");
}

/// The message the key map gives `code` in the current mode.
fn pressed(m: &Model, code: KeyCode, mods: KeyModifiers) -> Msg {
    to_msg(m.mode(), Event::Key(KeyEvent::new(code, mods))).expect("a bound key")
}

#[test]
fn g_home_end_and_shift_g_go_to_the_first_and_last_question_asked() {
    let mut m = opened(Some("q5"), &[("q3", options(&["reviewed"]))]);
    assert_eq!(m.mode(), Mode::Choice);
    let msg = pressed(&m, KeyCode::Char('g'), KeyModifiers::NONE);
    update(&mut m, msg);
    assert_eq!(focus(&m), ("q1".into(), 0));
    let msg = pressed(&m, KeyCode::Char('G'), KeyModifiers::SHIFT);
    update(&mut m, msg);
    assert_eq!(focus(&m).0, "q13");
    // q13 takes text: Home and End are the editor's there; back by PgUp.
    quietly(&mut m, [Msg::PrevQuestion]);
    let msg = pressed(&m, KeyCode::Home, KeyModifiers::NONE);
    update(&mut m, msg);
    assert_eq!(focus(&m), ("q1".into(), 0));
    let msg = pressed(&m, KeyCode::End, KeyModifiers::NONE);
    update(&mut m, msg);
    assert_eq!(focus(&m).0, "q13");
}

#[test]
fn a_number_then_enter_goes_to_that_question() {
    let mut m = opened(Some("q1"), &[("q3", options(&["reviewed"]))]);
    let digits = |m: &mut Model, s: &str| {
        for c in s.chars() {
            let msg = pressed(m, KeyCode::Char(c), KeyModifiers::NONE);
            assert!(matches!(msg, Msg::Digit(_)), "{msg:?}");
            update(m, msg);
        }
    };
    digits(&mut m, "11");
    assert!(
        m.status
            .as_deref()
            .is_some_and(|s| s.contains("question 11"))
    );
    update(&mut m, Msg::Enter);
    assert_eq!(focus(&m).0, "q11");
    // Back to a question with options (digits are text in an editor).
    while m.mode() != Mode::Choice {
        update(&mut m, Msg::PrevQuestion);
    }
    // Question 4 is not asked when Q3 says the review is done.
    digits(&mut m, "4");
    update(&mut m, Msg::Enter);
    assert!(
        m.status.as_deref().is_some_and(|s| s.contains("not asked")),
        "{:?}",
        m.status
    );
    digits(&mut m, "99");
    assert!(
        m.status
            .as_deref()
            .is_some_and(|s| s.contains("13 questions"))
    );
    digits(&mut m, "07");
    update(&mut m, Msg::Enter);
    assert_eq!(focus(&m).0, "q7");
    // Esc forgets the number: Enter then chooses, as usual.
    let at = focus(&m);
    assert_eq!(m.mode(), Mode::Choice);
    digits(&mut m, "2");
    let msg = pressed(&m, KeyCode::Esc, KeyModifiers::NONE);
    update(&mut m, msg);
    update(&mut m, Msg::Enter);
    assert_ne!(focus(&m).0, "q2");
    assert_eq!(focus(&m).0, at.0, "Enter chose an option here");
}

/// From Q8's answer box to Q9 and back: the answer saved on leaving and
/// in the box on coming back is `kept`.
fn leave_q8_and_come_back(m: &mut Model, kept: &str) {
    let left = update(m, Msg::NextQuestion);
    assert_eq!(saved(&left).answers.main("q8"), Some(&text(kept)));
    assert_eq!(focus(m).0, "q9");
    update(m, Msg::PrevQuestion);
    assert_eq!(editor_key(m).as_deref(), Some("q8"));
    assert_eq!(editor_text(m).as_deref(), Some(kept));
}

/// Leaving a field and coming back keeps its undo: the editor is made
/// anew for each field, the history is kept beside it.
#[test]
fn undo_takes_back_typing_done_before_leaving_the_field() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    typing(&mut m, " More");
    leave_q8_and_come_back(&mut m, "Kept. More");
    // Typed on coming back: a step of its own, not joined to " More".
    typing(&mut m, "over");
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("Kept. More"));
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(
        editor_text(&m).as_deref(),
        Some("Kept. "),
        "a word at a time"
    );
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("Kept."));
    // Taking it back is an edit like any other: saved when leaving.
    let left = update(&mut m, Msg::NextQuestion);
    assert_eq!(saved(&left).answers.main("q8"), Some(&text("Kept.")));
}

/// A cursor move ends the word being typed for undo, even when the cursor
/// comes back to where it was.
#[test]
fn typing_after_a_cursor_move_is_undone_apart() {
    use quire::tui::editing::{Edit, Move};
    let mut m = opened(Some("q8"), &[]);
    typing(&mut m, "one");
    quietly(
        &mut m,
        [
            Msg::Edit(Edit::go(Move::Left)),
            Msg::Edit(Edit::go(Move::Right)),
        ],
    );
    typing(&mut m, "two");
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("one"));
}

/// A text changed when kept (a joiner typed on its own is removed then) is
/// not the one the field's undo history ends at: coming back, undo has
/// nothing to take back rather than steps recorded on another text.
#[test]
fn undo_is_dropped_when_the_kept_text_was_cleaned() {
    let mut m = opened(Some("q8"), &[("q8", text("Kept."))]);
    typing(&mut m, " a\u{200d}");
    leave_q8_and_come_back(&mut m, "Kept. a");
    quietly(&mut m, [Msg::Undo]);
    assert_eq!(editor_text(&m).as_deref(), Some("Kept. a"));
}
