//! The versions screen: the kept versions of a draft, newest first, with
//! what each changed from the one before, to choose one to open or
//! restore.

use super::super::model::{Model, Versions};
use super::{shown, styles, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph, Wrap};

pub(super) fn versions(m: &Model, v: &Versions, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let now = match &v.since_newest {
        Some(changes) => format!("Now, compared with version 1: {}", shown(changes)),
        None => "The draft as it is now cannot be compared with version 1.".into(),
    };
    let [top, list_area] =
        Layout::vertical([Constraint::Length(2), Constraint::Min(1)]).areas(area);
    f.render_widget(
        Paragraph::new(Line::styled(now, s.dim)).wrap(Wrap { trim: false }),
        top,
    );
    // The changes fill the row: wrapped to the width, they would make a
    // long list of few versions.
    let width = usize::from(list_area.width.saturating_sub(8));
    let items: Vec<ListItem> = v
        .rows
        .iter()
        .map(|r| {
            let saved = r.saved.map_or_else(
                || "unreadable".to_owned(),
                |t| t.format("%Y-%m-%d %H:%M").to_string(),
            );
            let why = r.why.map_or(String::new(), |w| format!("   {w}"));
            ListItem::new(vec![
                Line::from(vec![
                    Span::styled(format!("{:>2}  ", r.n), s.accent),
                    Span::styled(saved, s.title),
                    Span::styled(why, s.dim),
                ]),
                Line::styled(
                    format!("    {}", truncate(&shown(&r.changes), width)),
                    s.dim,
                ),
            ])
        })
        .collect();
    let title = format!(
        " Versions of {} ({}) ",
        shown(&v.organization),
        shown(&v.id)
    );
    let list = List::new(items)
        .block(Block::default().borders(Borders::ALL).title(title))
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(v.cursor));
    f.render_stateful_widget(list, list_area, &mut state);
}
