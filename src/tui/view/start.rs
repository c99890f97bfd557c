//! The start screen: the drafts of this questionnaire, then those of
//! other questionnaires and the files that cannot be read, apart.

use super::super::layout::columns;
use super::super::model::{DraftEntry, Group, Model};
use super::{shown, styles, truncate};
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::style::Style;
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
    // Inside the borders, after the cursor's two columns.
    let width = usize::from(area.width.saturating_sub(4));
    let mut items: Vec<ListItem> = Vec::new();
    let mut selected = None;
    let mut group = None;
    for (i, d) in m.drafts.iter().enumerate() {
        // A heading before each group after this questionnaire's drafts.
        if group != Some(d.group()) {
            group = Some(d.group());
            let heading = match d.group() {
                Group::Ours => None,
                Group::Others => {
                    Some("Drafts of other questionnaires (open with --questionnaire FILE)")
                }
                Group::Unreadable => Some("Files that cannot be read (left as they are)"),
            };
            if let Some(h) = heading {
                if !items.is_empty() {
                    items.push(ListItem::new(""));
                }
                items.push(ListItem::new(Line::styled(truncate(h, width + 2), s.dim)));
            }
        }
        if i == m.start_cursor {
            selected = Some(items.len());
        }
        items.push(entry(m, d, width));
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
fn entry<'a>(m: &Model, d: &DraftEntry, width: usize) -> ListItem<'a> {
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
        let mark = format!(" · exported {}", e.last.at.format("%Y-%m-%d %H:%M"));
        second.push(Span::styled(mark, s.good));
        // What calls for a new export first: a narrow screen cuts the end.
        if e.changed_since {
            second.push(Span::styled(" · changed since", s.bad));
        }
        if e.last.incomplete {
            second.push(Span::styled(" · incomplete", s.dim));
        }
    }
    ListItem::new(vec![fit(first, width), fit(Line::from(second), width)])
}

/// `line` cut to `width` columns, ending in `…` when cut: a long id or
/// reason would otherwise run under the border, the end unseen.
fn fit(line: Line<'_>, width: usize) -> Line<'static> {
    let mut left = width;
    let mut spans: Vec<Span<'static>> = Vec::new();
    let total: usize = line.spans.iter().map(|s| columns(&s.content)).sum();
    for span in line.spans {
        let style: Style = span.style;
        let text = span.content.into_owned();
        if total <= width {
            spans.push(Span::styled(text, style));
            continue;
        }
        if left == 0 {
            break;
        }
        let cut = truncate(&text, left);
        left = left.saturating_sub(columns(&cut));
        let ended = cut.ends_with('…') && !text.ends_with('…');
        spans.push(Span::styled(cut, style));
        if ended {
            break;
        }
    }
    Line::from(spans)
}
