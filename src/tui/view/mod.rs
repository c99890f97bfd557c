//! `view`: draws the model. It changes nothing.
//!
//! One file per screen or region; this one lays out the frame and draws
//! the bars and dialogs every screen shares.

mod field;
mod help;
mod outline;
pub(super) mod prompt;
mod question;
mod review;
mod start;
mod theme;

pub(super) use theme::{Styles, shown, styles};

use super::keymap;
use super::model::{MIN_HEIGHT, MIN_WIDTH, Model, Overlay, SaveState, Screen};
use crate::answers::Answers;
use crate::flow::Flow;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, Clear, LineGauge, Paragraph, Wrap};

/// The answers as they stand and their flow, computed once a frame.
pub(super) struct Current<'a> {
    pub(super) answers: &'a Answers,
    pub(super) flow: Flow<'a>,
}

/// Draws the whole screen.
pub fn view(m: &Model, f: &mut Frame) {
    let answers = m.current_answers();
    let current = answers.as_ref().map(|a| Current {
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
    let [header_area, body, status_area, footer_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(m, f, header_area);
    match m.screen {
        Screen::Start => start::start(m, f, body),
        Screen::Question => question::question(m, cur, f, body),
        Screen::Review => review::review(m, cur, f, body),
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

fn header(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let right = match &m.session {
        Some(session) => {
            let save = match &session.save {
                SaveState::Saved(t) => format!("Saved {}", t.format("%H:%M")),
                SaveState::Pending => "Saving…".into(),
                SaveState::Failed(_) => "NOT SAVED".into(),
                SaveState::ReadOnly(_) => "Read-only".into(),
            };
            format!("{} · {save} ", shown(session.draft.organization()))
        }
        None => String::new(),
    };
    let width = usize::from(area.width);
    let room = width.saturating_sub(right.chars().count() + 9);
    let title = truncate(&shown(m.questionnaire.title.as_str()), room);
    let pad = width.saturating_sub(title.chars().count() + right.chars().count() + 8);
    let save_style = match m.session.as_ref().map(|x| &x.save) {
        Some(SaveState::Failed(_)) => s.bad,
        _ => s.dim,
    };
    let line = Line::from(vec![
        Span::styled(" quire ", s.accent.add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
        Span::styled(title, s.title),
        Span::raw(" ".repeat(pad)),
        Span::styled(right, save_style),
    ]);
    f.render_widget(Paragraph::new(line), area);
}

fn status(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let s = styles(m);
    if let Some(text) = &m.status {
        f.render_widget(
            Paragraph::new(Span::styled(format!(" {}", shown(text)), s.bad)),
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

fn footer(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let mut spans = vec![Span::raw(" ")];
    let mut width = 1;
    for (key, what) in keymap::hints(m.mode()) {
        let len = key.chars().count() + what.chars().count() + 3;
        if width + len > usize::from(area.width) {
            break;
        }
        width += len;
        spans.push(Span::styled(key, s.accent));
        spans.push(Span::styled(format!(" {what}  "), s.dim));
    }
    f.render_widget(Paragraph::new(Line::from(spans)), area);
}

pub(super) fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
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
    let hints: Vec<Span> = keymap::hints(m.mode())
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
