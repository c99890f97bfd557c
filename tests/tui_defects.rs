//! Issue 8's defects on the real wizard, each at 80×24 and 120×40 (the
//! most common terminal and a roomy one), with what a snapshot alone would
//! not catch asserted plainly: the review and the help scrolled to their
//! ends, a long answer after Ctrl-O and after a resize, a word longer than
//! the answer box, Q6's details under seven chosen options, bullets pasted
//! from Word and Outlook, Q5's long follow-up prompt, the too-small screen,
//! and the labels of empty fields.

mod common;

use common::app::{
    Result, answer_everything, event, go_to, key, keys, new_session, rows, screen, type_text,
};
use crossterm::event::{Event, KeyCode};
use quire::tui::App;
use quire::tui::model::Showing;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Widget, Wrap};
use rstest::rstest;
use tempfile::TempDir;

/// Q13's answer on the review: long enough that the report ends well
/// below the first page at either size.
const Q13: &str = "Our next steps, in order:\n\n- a survey of every branch on what the code asks of them\n- sessions for managers on conflicts of interest and on social media\n- a yearly report to the deputy head on what was learned\n\nWe will publish the results on the intranet once the deputy head has read them.";

/// A complete assessment with Q13 answered, on the review.
fn review(w: u16, h: u16) -> Result<(TempDir, App)> {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    answer_everything(&mut app);
    key(&mut app, KeyCode::Esc);
    go_to(&mut app, "q13");
    type_text(&mut app, Q13);
    key(&mut app, KeyCode::Esc);
    key(&mut app, KeyCode::Char('r'));
    assert_eq!(app.model.showing(), Showing::Review, "{}", screen(&app));
    Ok((dir, app))
}

/// The rows inside the frame whose top border holds `title`: from the
/// drawn screen, trailing spaces cut.
fn framed(app: &App, title: &str) -> Vec<String> {
    let rows = rows(app);
    let top = rows
        .iter()
        .position(|r| r.starts_with('┌') && r.contains(title))
        .unwrap_or_else(|| panic!("no frame titled {title:?}:\n{}", screen(app)));
    rows[top + 1..]
        .iter()
        .take_while(|r| !r.starts_with('└'))
        .map(|r| {
            let inside: String = r.chars().skip(1).collect();
            inside.trim_end_matches(['│', ' ']).to_owned()
        })
        .collect()
}

/// `text` wrapped as a frame `width` columns wide inside draws it, row by
/// row, trailing spaces cut: what the frame shows scrolled to each row.
fn as_drawn(text: &str, width: u16) -> Vec<String> {
    let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
    let height = u16::try_from(paragraph.line_count(width)).expect("rows");
    let area = Rect::new(0, 0, width, height);
    let mut buffer = Buffer::empty(area);
    paragraph.render(area, &mut buffer);
    (0..height)
        .map(|y| {
            let row: String = (0..width).map(|x| buffer[(x, y)].symbol()).collect();
            row.trim_end_matches(' ').to_owned()
        })
        .collect()
}

/// Where `window` starts in `rows`, at or after `from`.
fn found_at(rows: &[String], window: &[String], from: usize) -> Option<usize> {
    (from..=rows.len().saturating_sub(window.len())).find(|&i| rows[i..i + window.len()] == *window)
}

/// Pages down the frame titled `title` from its top until the last of
/// `want` (its text as drawn) shows, checking on the drawn screen that
/// each page starts at or before the row after the last one. Returns the
/// row the last page starts at and the number of pages.
fn page_down(app: &mut App, title: &str, want: &[String]) -> (usize, usize) {
    let (mut start, mut end, mut pages) = (0, 0, 0);
    while end < want.len() && pages <= want.len() {
        if pages > 0 {
            key(app, KeyCode::PageDown);
        }
        let shown = framed(app, title);
        let from = if pages == 0 { 0 } else { start + 1 };
        start = found_at(want, &shown, from).unwrap_or_else(|| {
            panic!("not the next rows of the text:\n{}\n{want:#?}", screen(app))
        });
        assert!(
            start <= end,
            "rows {end}..{start} of the text never showed:\n{}",
            screen(app)
        );
        end = start + shown.len();
        pages += 1;
    }
    assert_eq!(end, want.len(), "the end never showed:\n{}", screen(app));
    (start, pages)
}

/// Pages up the frame titled `title` from row `start` to the top,
/// checking that each page ends at or after the row the last one
/// started at.
fn page_up(app: &mut App, title: &str, want: &[String], mut start: usize) {
    while start > 0 {
        key(app, KeyCode::PageUp);
        let shown = framed(app, title);
        let up = found_at(want, &shown, 0).expect("rows of the text");
        assert!(up < start, "PgUp did not go back:\n{}", screen(app));
        assert!(
            up + shown.len() >= start,
            "rows {}..{start} skipped going up:\n{}",
            up + shown.len(),
            screen(app)
        );
        start = up;
    }
    assert_eq!(framed(app, title)[0], want[0]);
}

const REPORT: &str = "report, exactly as it will be exported";

/// PgDn on the review shows the report a page at a time, every row of it
/// (a page scrolled more rows than showed, so rows were skipped), down to
/// its last line ("Date modified"), which could not be reached; PgUp goes
/// back to the top. Checked on the drawn screen.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_review_pages_through_every_row_of_the_report(#[case] w: u16, #[case] h: u16) -> Result {
    let (_dir, mut app) = review(w, h)?;
    let text = quire::tui::update::report_text(&app.model).expect("a report");
    assert!(text.contains("publish the results"), "{text}");
    let want = as_drawn(&text, w - 2);
    let last = want.last().expect("rows").clone();
    assert!(last.starts_with("Date modified"), "{last:?}");
    let (start, pages) = page_down(&mut app, REPORT, &want);
    assert!(pages > 2, "the report fits in two pages: too short a test");
    let bottom = screen(&app);
    assert!(bottom.contains(&last), "{bottom}");
    insta::assert_snapshot!(format!("review_end_{w}x{h}"), bottom);
    // The end stays the end.
    keys(&mut app, KeyCode::PageDown, 3);
    assert_eq!(screen(&app), bottom);
    page_up(&mut app, REPORT, &want, start);
    Ok(())
}

const HELP: &str = "Keys (Esc closes";

/// The help pages down to its last line and stops there (it scrolled on
/// into empty rows, as far as PgDn was pressed); PgUp then goes straight
/// back.
#[rstest]
#[case(80, 24)]
#[case(120, 40)]
fn the_help_stops_at_its_end(#[case] w: u16, #[case] h: u16) -> Result {
    let dir = TempDir::new()?;
    let mut app = new_session(&dir, w, h)?;
    // The whole help, on a terminal as wide and tall enough for it.
    event(&mut app, Event::Resize(w, 400));
    key(&mut app, KeyCode::Char('?'));
    let mut want = framed(&app, HELP);
    while want.last().is_some_and(String::is_empty) {
        want.pop();
    }
    assert!(
        want.last().is_some_and(|l| l.ends_with("saved as you go.")),
        "{want:#?}\n{}",
        screen(&app)
    );
    event(&mut app, Event::Resize(w, h));
    let (start, pages) = page_down(&mut app, HELP, &want);
    assert!(pages > 1, "the help fits: nothing scrolled");
    let bottom = screen(&app);
    insta::assert_snapshot!(format!("help_end_{w}x{h}"), bottom);
    keys(&mut app, KeyCode::PageDown, 5);
    keys(&mut app, KeyCode::Down, 5);
    assert_eq!(screen(&app), bottom, "it scrolled past the end");
    page_up(&mut app, HELP, &want, start);
    Ok(())
}
