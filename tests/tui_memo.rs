//! Regions of the wizard copied from the frame before (the outline, the
//! question's text) while what they show is the same: at every step of a
//! session, the screen drawn with what earlier frames kept is the screen
//! drawn from nothing.

mod common;

use common::app::{CTRL, Result, go_to, key, new_session, press, screen, type_text};
use crossterm::event::{Event, KeyCode};
use quire::tui::App;
use tempfile::TempDir;

/// A step of the session, named.
type Step = (&'static str, Box<dyn Fn(&mut App)>);

/// The screen drawn now, after the frames before, and drawn anew.
fn assert_same_as_drawn_anew(app: &App, step: &str) {
    let kept = screen(app);
    quire::tui::view::forget_kept();
    let anew = screen(app);
    assert_eq!(kept, anew, "after {step}: the kept regions differ");
}

#[test]
fn kept_regions_follow_every_change_they_show() -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, 120, 40)?;
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
