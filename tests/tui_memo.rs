//! What a frame keeps from the one before or leaves out: regions copied
//! while what they show is the same (the outline, the question's text),
//! and the answers not copied while a text is typed. At every step of a
//! session, the screen drawn with what earlier frames kept is the screen
//! drawn from nothing, and the answers the page is drawn from say what the
//! answers as they stand say.

mod common;

use common::app::{
    CTRL, Result, drawn, go_to, key, new_session, pause, press, rows, screen, type_text,
};
use crossterm::event::{Event, KeyCode};
use quire::flow::Flow;
use quire::tui::App;
use tempfile::TempDir;

/// A step of the session, named.
type Step = (&'static str, Box<dyn Fn(&mut App)>);

/// The screen drawn now, after the frames before, and drawn anew: cells
/// and their styles (colours, bold, dim), and the cursor.
fn assert_same_as_drawn_anew(app: &App, step: &str) {
    let kept = drawn(app).backend().buffer().clone();
    let kept_text = screen(app);
    quire::tui::view::forget_kept();
    let anew = drawn(app).backend().buffer().clone();
    assert_eq!(
        kept_text,
        screen(app),
        "after {step}: the kept regions differ"
    );
    assert_eq!(kept, anew, "after {step}: the kept regions' styles differ");
}

#[rstest::rstest]
fn kept_regions_follow_every_change_they_show(#[values(false, true)] color: bool) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 120, 40)?;
    app.model.theme.color = color;
    let steps: Vec<Step> = vec![
        ("opening", Box::new(|_| {})),
        // The mark of Q1 changes from `·` to `✓`.
        ("answering Q1", Box::new(|a| key(a, KeyCode::Char(' ')))),
        ("going to Q8", Box::new(|a| go_to(a, "q8"))),
        ("entering the box", Box::new(|a| key(a, KeyCode::Tab))),
        // Q8's mark changes with its first character, not with the next.
        ("the first character", Box::new(|a| type_text(a, "W"))),
        (
            "more typing",
            Box::new(|a| type_text(a, "e held sessions.")),
        ),
        (
            "clearing it",
            Box::new(|a| {
                for _ in 0.."We held sessions.".len() {
                    key(a, KeyCode::Backspace);
                }
            }),
        ),
        (
            "the outline hidden",
            Box::new(|a| press(a, KeyCode::Char('o'), CTRL)),
        ),
        (
            "the outline shown",
            Box::new(|a| press(a, KeyCode::Char('o'), CTRL)),
        ),
        (
            "a narrower window",
            Box::new(|a| {
                common::app::event(a, Event::Resize(80, 24));
            }),
        ),
        ("leaving the box", Box::new(|a| key(a, KeyCode::Esc))),
        ("the next question", Box::new(|a| key(a, KeyCode::PageDown))),
        ("French", Box::new(|a| press(a, KeyCode::Char('t'), CTRL))),
        (
            "the outline focused",
            Box::new(|a| key(a, KeyCode::Char('o'))),
        ),
        ("down the outline", Box::new(|a| key(a, KeyCode::Down))),
    ];
    for (step, act) in steps {
        act(&mut app);
        assert_same_as_drawn_anew(&app, step);
    }
    Ok(())
}

/// Whether each question is asked, each field's state, and whether each
/// field is answered.
fn facts(app: &App, answers: &quire::answers::Answers) -> Vec<String> {
    let q = &app.model.questionnaire;
    let flow = Flow::new(q, answers);
    let mut out = Vec::new();
    for (i, question) in q.questions.iter().enumerate() {
        out.push(format!("{} asked {}", question.id, flow.is_asked(i)));
        for k in Flow::fields(question) {
            let answered = answers.get(&k).is_some_and(|v| v.is_answered());
            out.push(format!(
                "{k} {:?} answered {answered}",
                flow.field_state(i, &k)
            ));
        }
    }
    out
}

fn assert_page_drawn_from_the_answers_as_they_stand(app: &App, step: &str) {
    let current = app.model.current_answers().expect("a session");
    let shown = app.model.shown_answers().expect("a session");
    assert_eq!(facts(app, &shown), facts(app, &current), "after {step}");
}

#[test]
fn the_page_is_drawn_from_what_the_answers_as_they_stand_say() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 120, 40)?;
    go_to(&mut app, "q5");
    key(&mut app, KeyCode::Char(' '));
    key(&mut app, KeyCode::Tab);
    let steps: Vec<Step> = vec![
        ("entering Q5's details", Box::new(|_| {})),
        ("the first character", Box::new(|a| type_text(a, "C"))),
        ("a save", Box::new(|a| pause(a, 2))),
        ("more typing", Box::new(|a| type_text(a, "larified."))),
        (
            "clearing it",
            Box::new(|a| {
                for _ in 0.."Clarified.".len() {
                    key(a, KeyCode::Backspace);
                }
            }),
        ),
        ("spaces only", Box::new(|a| type_text(a, "   "))),
        ("a save of spaces", Box::new(|a| pause(a, 2))),
        ("typing again", Box::new(|a| type_text(a, "Done."))),
        ("a save of it", Box::new(|a| pause(a, 2))),
        (
            "a letter taken back",
            Box::new(|a| key(a, KeyCode::Backspace)),
        ),
        ("going to Q8", Box::new(|a| go_to(a, "q8"))),
        ("Q8's box", Box::new(|a| key(a, KeyCode::Tab))),
        (
            "typing in Q8",
            Box::new(|a| type_text(a, "We held sessions.")),
        ),
        ("a save in Q8", Box::new(|a| pause(a, 2))),
        ("more in Q8", Box::new(|a| type_text(a, " Twice."))),
    ];
    let mut borrowed = 0;
    for (step, act) in steps {
        act(&mut app);
        assert_page_drawn_from_the_answers_as_they_stand(&app, step);
        borrowed += usize::from(matches!(
            app.model.shown_answers(),
            Some(std::borrow::Cow::Borrowed(_))
        ));
    }
    // Both ways are taken, each more than once.
    assert!(
        borrowed >= 2,
        "the draft's copy was drawn from {borrowed} times"
    );
    Ok(())
}

/// While typing after a save, the page is drawn from the draft's copy of
/// the answer (see `Model::shown_answers`): what it shows is what it shows
/// once the text typed is saved, but for the header's save state.
#[test]
fn the_page_while_typing_is_the_page_once_saved() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 120, 40)?;
    go_to(&mut app, "q8");
    key(&mut app, KeyCode::Tab);
    type_text(&mut app, "We held sessions.");
    pause(&mut app, 2);
    type_text(&mut app, " Twice, in both languages.");
    let borrowed = matches!(
        app.model.shown_answers(),
        Some(std::borrow::Cow::Borrowed(_))
    );
    assert!(borrowed, "the draft's copy is not the one drawn from");
    let header = |r: &String| r.contains("Saved") || r.contains("Saving") || r.contains("Unsaved");
    let typing: Vec<String> = rows(&app).into_iter().filter(|r| !header(r)).collect();
    pause(&mut app, 2);
    let saved: Vec<String> = rows(&app).into_iter().filter(|r| !header(r)).collect();
    assert_eq!(typing, saved);
    Ok(())
}
