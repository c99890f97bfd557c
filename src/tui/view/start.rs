//! The start screen: the drafts of this questionnaire, then those of
//! other questionnaires and the files that cannot be read, apart.

use super::super::model::{DraftEntry, Group, Model};
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
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected = None;
    let mut group = None;
    for (i, d) in m.drafts.iter().enumerate() {
        // A heading before each group after this questionnaire's drafts.
        if group != Some(d.group()) {
            group = Some(d.group());
            let heading = match d.group() {
                Group::Ours => None,
                Group::Others => Some(
                    "Drafts of other questionnaires (start quire with --questionnaire FILE for them)",
                ),
                Group::Unreadable => Some("Files that cannot be read (left as they are)"),
            };
            if let Some(h) = heading {
                if !items.is_empty() {
                    items.push(ListItem::new(""));
                }
                items.push(ListItem::new(Line::styled(h, s.dim)));
            }
        }
        if i == m.start_cursor {
            selected = Some(items.len());
        }
        items.push(entry(m, d));
    }
    let list = List::new(items)
        .block(block)
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(selected);
    f.render_stateful_widget(list, area, &mut state);
}

/// One draft: what it is and how far, then its id and when it was
/// exported.
fn entry<'a>(m: &Model, d: &DraftEntry) -> ListItem<'a> {
    let s = styles(m);
    let saved = d.updated.map_or_else(String::new, |t| {
        format!("saved {}", t.format("%Y-%m-%d %H:%M"))
    });
    let first = match (d.group(), &d.unreadable) {
        (Group::Ours, _) => {
            let progress = d
                .progress
                .map_or_else(|| "?".into(), |(a, b)| format!("{a}/{b} required"));
            Line::from(vec![
                Span::styled(shown(&d.organization), s.title),
                Span::styled(format!("   {progress}   {saved}"), s.dim),
            ])
        }
        (Group::Others, _) => Line::from(vec![
            Span::styled(shown(&d.organization), s.title),
            Span::styled(
                format!(
                    "   questionnaire {}   {saved}",
                    shown(d.questionnaire.as_deref().unwrap_or_default())
                ),
                s.dim,
            ),
        ]),
        (Group::Unreadable, why) => Line::from(vec![
            Span::styled(shown(&d.id), s.title),
            Span::styled(
                format!(
                    "   cannot be read: {}",
                    shown(why.as_deref().unwrap_or_default())
                ),
                s.bad,
            ),
        ]),
    };
    let mut second = vec![Span::styled(format!("  {}", shown(&d.id)), s.dim)];
    if let Some(e) = &d.exported {
        let mut mark = format!(" · exported {}", e.last.at.format("%Y-%m-%d %H:%M"));
        if e.last.incomplete {
            mark.push_str(" (incomplete)");
        }
        second.push(Span::styled(mark, s.good));
        if e.changed_since {
            second.push(Span::styled(", changed since", s.dim));
        }
    }
    ListItem::new(vec![first, Line::from(second)])
}
