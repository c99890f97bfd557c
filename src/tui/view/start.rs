//! The start screen: the drafts of this questionnaire.

use super::super::model::Model;
use super::{shown, styles};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Borders, List, ListItem, ListState, Paragraph};

pub(super) fn start(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let block = Block::default().borders(Borders::ALL).title(" Drafts ");
    if m.drafts.is_empty() {
        let text = Text::from(vec![
            Line::from(""),
            Line::from("No drafts yet."),
            Line::from(""),
            Line::from(vec![
                Span::styled("n", s.accent),
                Span::raw(" starts a new assessment; "),
                Span::styled("i", s.accent),
                Span::raw(" imports a published report."),
            ]),
        ]);
        f.render_widget(
            Paragraph::new(text)
                .block(block)
                .alignment(Alignment::Center),
            area,
        );
        return;
    }
    let items: Vec<ListItem> = m
        .drafts
        .iter()
        .map(|d| {
            let progress = d
                .progress
                .map_or_else(|| "?".into(), |(a, b)| format!("{a}/{b} required"));
            let saved = d.updated.map_or_else(String::new, |t| {
                format!("saved {}", t.format("%Y-%m-%d %H:%M"))
            });
            let first = match &d.unreadable {
                None => Line::from(vec![
                    Span::styled(shown(&d.organization), s.title),
                    Span::styled(format!("   {progress}   {saved}"), s.dim),
                ]),
                Some(why) => Line::from(vec![
                    Span::styled(shown(&d.id), s.title),
                    Span::styled(format!("   cannot be read: {}", shown(why)), s.bad),
                ]),
            };
            ListItem::new(vec![
                first,
                Line::styled(format!("  {}", shown(&d.id)), s.dim),
            ])
        })
        .collect();
    let list = List::new(items)
        .block(block)
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(m.start_cursor));
    f.render_stateful_widget(list, area, &mut state);
}
