//! `view`: draws the model. It changes nothing.
//!
//! One file per screen or region; this one lays out the frame and draws
//! the bars and dialogs every screen shares.

mod field;
mod help;
mod memo;
mod outline;
pub(super) mod prompt;
mod question;
mod review;
mod side;
mod start;
mod theme;
mod versions;

pub(super) use help::help_lines;
pub(super) use review::review_text;
pub(super) use theme::{Styles, shown, styles};

use super::keymap;
use super::layout::{self, columns};
use super::model::{MIN_HEIGHT, MIN_WIDTH, Model, Overlay, Page, SaveState, Screen};
use crate::answers::Answers;
use crate::flow::Flow;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph, Wrap};

/// The answers as they stand and their flow, computed once a frame.
pub(super) struct Current<'a> {
    pub(super) answers: &'a Answers,
    pub(super) flow: Flow<'a>,
}

/// Forgets what was kept from earlier frames (see `memo`), so that the
/// next frame is drawn whole: for tests that check the kept regions.
#[doc(hidden)]
pub fn forget_kept() {
    memo::forget();
}

/// Draws the whole screen.
pub fn view(m: &Model, f: &mut Frame) {
    let answers = m.shown_answers();
    let current = answers.as_deref().map(|a| Current {
        answers: a,
        flow: Flow::new(&m.questionnaire, a),
    });
    let cur = current.as_ref();
    let area = f.area();
    if m.too_small() {
        too_small(m, f, area);
        return;
    }
    if let Some(Overlay::Help { scroll }) = &m.overlay {
        help::help(m, *scroll, f, area);
        return;
    }
    let layout::Bands {
        header: header_area,
        body,
        status: status_area,
        footer: footer_area,
        part_shares_number_row,
    } = layout::bands(m, area);
    f.render_widget(Paragraph::new(header_lines(m, header_area)), header_area);
    match (&m.screen, cur) {
        (Screen::Start, _) => start::start(m, f, body),
        (Screen::Versions(v), _) => versions::versions(m, v, f, body),
        (Screen::Session(s), Some(cur)) => match s.page {
            Page::Question => {
                question::question(m, s, cur, f, body, part_shares_number_row);
            }
            Page::Review => review::review(m, s, cur, f, body),
        },
        // A session always has answers: nothing to draw without.
        (Screen::Session(_), None) => {}
    }
    status(m, cur, f, status_area);
    footer(m, f, footer_area);
    match &m.overlay {
        Some(Overlay::Prompt(p)) => prompt::prompt(m, p, f, area),
        Some(Overlay::ExportAnyway(q)) => prompt::export_anyway(m, q, f, area),
        Some(Overlay::Confirm(c)) => {
            let text = format!(
                "{} exists. Replace it?",
                shown(&c.path.display().to_string())
            );
            dialog(m, f, area, "Replace the file?", vec![Line::from(text)]);
        }
        Some(Overlay::Ask(a)) => {
            dialog(m, f, area, &a.title, vec![Line::from(shown(&a.question))]);
        }
        Some(Overlay::Help { .. }) | None => {}
    }
}

fn too_small(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let text = Text::from(vec![
        Line::styled("Terminal too small", s.bad),
        Line::from(format!(
            "{}×{}: quire needs at least {MIN_WIDTH}×{MIN_HEIGHT}.",
            m.size.0, m.size.1
        )),
        Line::from("Enlarge the window; your answers are saved."),
    ]);
    let height = 3.min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    let rect = Rect::new(area.x, y, area.width, height);
    f.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}

/// The title bar's texts as drawn: the questionnaire's title, and on the
/// right the draft's organization and save state.
pub(super) fn title_bar(m: &Model) -> (String, String) {
    let right = match m.session() {
        Some(session) => {
            let save = match &session.save {
                SaveState::Saved(t) => format!("Saved {}", t.format("%H:%M")),
                SaveState::Pending => "Saving…".into(),
                SaveState::Failed(_) => "NOT SAVED".into(),
                SaveState::ReadOnly(_) => "Read-only".into(),
            };
            let language = if m.bilingual() {
                format!("{} · ", crate::workspace::language::name(&session.language))
            } else {
                String::new()
            };
            format!(
                "{} · {language}{save} ",
                shown(session.draft.organization())
            )
        }
        None => String::new(),
    };
    (shown(m.texts().title.as_str()), right)
}

/// The title bar, drawn in `area` (its band): the questionnaire's title,
/// and the draft's organization and save state on the right; on two rows
/// when `layout::title_rows` gives it two.
fn header_lines(m: &Model, area: Rect) -> Vec<Line<'static>> {
    let s = styles(m);
    let (title, right) = title_bar(m);
    let save_style = match m.session().map(|x| &x.save) {
        Some(SaveState::Failed(_)) => s.bad,
        _ => s.dim,
    };
    let width = usize::from(area.width);
    let badge = Span::styled(" quire ", s.accent.add_modifier(Modifier::REVERSED));
    let room = layout::title_room(area.width, columns(&right));
    if area.height == 1 {
        let title = truncate(&title, room);
        let pad = width.saturating_sub(columns(&title) + columns(&right) + 8);
        return vec![Line::from(vec![
            badge,
            Span::raw(" "),
            Span::styled(title, s.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, save_style),
        ])];
    }
    // Two rows: the title wrapped under the badge, the right side at the
    // end of the second row.
    let rows = layout::wrap(&title, width.saturating_sub(8).max(1));
    let first = rows.first().cloned().unwrap_or_default();
    let rest = truncate(&rows[1..].join(" "), room);
    let pad = width.saturating_sub(8 + columns(&rest) + columns(&right));
    vec![
        Line::from(vec![badge, Span::raw(" "), Span::styled(first, s.title)]),
        Line::from(vec![
            Span::raw(" ".repeat(8)),
            Span::styled(rest, s.title),
            Span::raw(" ".repeat(pad)),
            Span::styled(right, save_style),
        ]),
    ]
}

/// A status message as drawn, after a space of margin.
pub(super) fn status_text(text: &str) -> String {
    format!(" {}", shown(text))
}

fn status(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let s = styles(m);
    if let Some(text) = &m.status {
        f.render_widget(
            Paragraph::new(Span::styled(status_text(text), s.bad)).wrap(Wrap { trim: false }),
            area,
        );
        return;
    }
    let Some(Current { flow, .. }) = cur else {
        return;
    };
    let total = flow.required_count();
    let done = total - flow.missing().len();
    let ratio = if total == 0 {
        1.0
    } else {
        done as f64 / total as f64
    };
    let filled = if m.theme.color {
        s.good
    } else {
        Style::default().add_modifier(Modifier::REVERSED)
    };
    let gauge = LineGauge::default()
        .filled_style(filled)
        .unfilled_style(s.dim)
        .label(format!(" {done} of {total} required answers "))
        .ratio(ratio);
    f.render_widget(gauge, area);
}

/// The most useful keys of the mode, as many as fit. The key to the help
/// always has a place: whatever does not fit is listed there.
fn footer(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let hints = keymap::hints(m.mode(), m.bilingual());
    let len = |(key, what): &(&str, &str)| columns(key) + columns(what) + 3;
    let help = hints.iter().position(|(_, what)| *what == "keys");
    let reserved = help.map_or(0, |i| len(&hints[i]));
    let mut shown = Vec::new();
    let mut width = 1;
    for (i, hint) in hints.iter().enumerate() {
        if Some(i) == help {
            continue;
        }
        if width + len(hint) + reserved > usize::from(area.width) {
            break;
        }
        width += len(hint);
        shown.push(*hint);
    }
    if let Some(i) = help {
        // In its place in the table when everything fits, else last.
        let at = hints[..i]
            .iter()
            .filter(|h| shown.contains(h))
            .count()
            .min(shown.len());
        shown.insert(at, hints[i]);
    }
    let mut spans = vec![Span::raw(" ")];
    for (key, what) in shown {
        spans.push(Span::styled(key, s.accent));
        spans.push(Span::styled(format!(" {what}  "), s.dim));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// Puts the terminal's cursor where the text area's cursor is drawn (after
/// it was drawn: its scroll position is recorded while drawing), if that
/// is inside `area`.
pub(super) fn place_cursor(input: &ratatui_textarea::TextArea<'static>, area: Rect, f: &mut Frame) {
    let cursor = input.screen_cursor();
    let (top, left) = input.scroll_offset();
    let row = cursor.row.checked_sub(usize::from(top));
    let col = cursor.col.checked_sub(usize::from(left));
    let (Some(mut row), Some(mut col)) = (row, col) else {
        return;
    };
    let (width, height) = (usize::from(area.width), usize::from(area.height));
    let mut in_margin = false;
    if col >= width && width > 0 {
        if cursor.char.is_some() {
            // On the space a full row broke at, which hangs past the row's
            // end: shown just after the row's text, in the box's border
            // column, as a word processor shows it in the margin. At the
            // next row's start it looked like the place after the space.
            (col, in_margin) = (width, true);
        } else if row + 1 < height {
            // After the last character of a full row: where the next
            // character goes, at the start of the next row, not hidden.
            (row, col) = (row + 1, 0);
        } else {
            col = width - 1;
        }
    }
    if row < height && (col < width || in_margin) {
        // Both are under the area's size, a u16.
        f.set_cursor_position((area.x + row_col(col), area.y + row_col(row)));
    }
}

fn row_col(n: usize) -> u16 {
    u16::try_from(n).unwrap_or(u16::MAX)
}

/// `text` cut to `max` display columns, ending in `…` when cut.
pub(super) fn truncate(text: &str, max: usize) -> String {
    if columns(text) <= max {
        return text.to_owned();
    }
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if width + w + 1 > max {
            break;
        }
        out.push(c);
        width += w;
    }
    out.push('…');
    out
}

pub(super) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let w = width.min(area.width);
    let h = height.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// The keys of the current mode, as a dialog's last line.
pub(super) fn hint_line(m: &Model) -> Line<'static> {
    let s = styles(m);
    let hints: Vec<Span> = keymap::hints(m.mode(), m.bilingual())
        .into_iter()
        .flat_map(|(k, w)| {
            [
                Span::styled(k, s.accent),
                Span::styled(format!(" {w}   "), s.dim),
            ]
        })
        .collect();
    Line::from(hints)
}

pub(super) fn dialog(m: &Model, f: &mut Frame, area: Rect, title: &str, mut lines: Vec<Line>) {
    let s = styles(m);
    lines.push(Line::from(""));
    lines.push(hint_line(m));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {title} "))
        .border_style(s.accent);
    let paragraph = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    // As tall as the wrapped text (a long path takes several rows), so
    // that the keys at the bottom are never cut off.
    let rows = paragraph.line_count(64.min(area.width).saturating_sub(2).max(1));
    let rect = centered(area, 64, u16::try_from(rows).unwrap_or(u16::MAX));
    f.render_widget(Clear, rect);
    f.render_widget(paragraph, rect);
}
