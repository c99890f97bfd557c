//! Drawing the summary view; never changes the model.

use super::keymap::help_line;
use super::model::{Model, Row, Tab, reader_rows, shown};
use crate::summary::render::{self, bar, choice_counts, pct, share, theme_places};
use crate::summary::text_place;
use crate::tui::layout::wrap;
use crate::wording::count_s;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Paragraph, Tabs, Wrap};

/// Below this the lists and bars do not fit: a message says so instead.
pub const MIN_SIZE: (u16, u16) = (60, 16);

struct Styles {
    accent: Style,
    dim: Style,
    bar: Style,
}

fn styles(m: &Model) -> Styles {
    let fg = |c| {
        if m.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    Styles {
        accent: fg(Color::Cyan).add_modifier(Modifier::BOLD),
        dim: if m.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        },
        bar: fg(Color::Cyan),
    }
}

/// The selection: reversed where the focus is, bold elsewhere.
fn highlight(focused: bool) -> Style {
    if focused {
        Style::default().add_modifier(Modifier::REVERSED)
    } else {
        Style::default().add_modifier(Modifier::BOLD)
    }
}

fn block(title: String, focused: bool) -> Block<'static> {
    let b = Block::bordered().title(title);
    if focused {
        b.border_style(Style::default().add_modifier(Modifier::BOLD))
    } else {
        b
    }
}

pub fn view(m: &Model, f: &mut Frame) {
    let area = f.area();
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        let text = format!(
            "The terminal is too small for the summary: {}×{}; it needs at least {}×{}. Make the window larger, or run `quire summary` without --tui for the text.",
            area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
        );
        f.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
        return;
    }
    let st = styles(m);
    let [top, body, foot] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area);
    header(m, f, top, &st);
    match m.tab {
        Tab::Questions => questions(m, f, body, &st),
        Tab::Themes => themes(m, f, body, &st),
        Tab::Dates => dates(m, f, body, &st),
    }
    let help = match &m.note {
        Some(note) => Line::styled(note.clone(), st.accent),
        None => Line::styled(help_line(m.reader.is_some()), st.dim),
    };
    f.render_widget(Paragraph::new(help), foot);
    if m.reader.is_some() {
        reader(
            m,
            f,
            Rect {
                height: area.height - 1,
                ..area
            },
            &st,
        );
    }
}

fn header(m: &Model, f: &mut Frame, area: Rect, st: &Styles) {
    let s = &m.summary;
    let mut about = count_s(s.organizations.len(), "organization");
    if !s.left_out.is_empty() {
        about.push_str(&format!(" · {} left out", s.left_out.len()));
    }
    let about = shown(&about);
    let width = u16::try_from(about.chars().count() + 1).unwrap_or(u16::MAX);
    let [left, right] =
        Layout::horizontal([Constraint::Min(1), Constraint::Length(width)]).areas(area);
    let titles = Tab::ALL
        .iter()
        .enumerate()
        .map(|(k, t)| format!("{} {}", k + 1, t.title()));
    let selected = Tab::ALL.iter().position(|t| *t == m.tab);
    f.render_widget(
        Tabs::new(titles)
            .select(selected)
            .highlight_style(st.accent.add_modifier(Modifier::REVERSED)),
        left,
    );
    f.render_widget(Paragraph::new(about).right_aligned(), right);
}

/// The list on the left: a third of the screen.
fn split(area: Rect) -> [Rect; 2] {
    let left = (area.width / 3).clamp(24, 40);
    Layout::horizontal([Constraint::Length(left), Constraint::Min(1)]).areas(area)
}

fn list<'a>(
    items: Vec<ListItem<'a>>,
    title: String,
    selected: usize,
    focused: bool,
) -> (List<'a>, ListState) {
    let empty = items.is_empty();
    let list = List::new(items)
        .block(block(title, focused))
        .highlight_style(highlight(focused));
    let state = ListState::default().with_selected((!empty).then_some(selected));
    (list, state)
}

fn questions(m: &Model, f: &mut Frame, area: Rect, st: &Styles) {
    let s = &m.summary;
    let [left, right] = split(area);
    let items = s
        .questions
        .iter()
        .map(|q| ListItem::new(shown(&format!("Q{} {}", q.number, q.text))))
        .collect();
    let (w, mut state) = list(items, "Questions".into(), m.question, m.focus == 0);
    f.render_stateful_widget(w, left, &mut state);
    let Some(q) = s.questions.get(m.question) else {
        return;
    };
    let inner = right.width.saturating_sub(1) as usize;
    let mut about: Vec<Line> = vec![Line::styled(
        format!("Question {} ({}, {})", q.number, shown(&q.id), q.kind),
        st.accent,
    )];
    about.extend(
        wrap(&shown(&q.text), inner)
            .into_iter()
            .take(if right.height >= 30 { 4 } else { 2 })
            .map(Line::from),
    );
    if let Some(c) = &q.choice {
        about.push(Line::styled(choice_counts(c), st.dim));
    }
    let rows = m.rows();
    let room = right.height.saturating_sub(about.len() as u16);
    let bars_h = (rows.len() as u16 + 2).min(room.saturating_sub(4)).max(3);
    let [top, mid, bottom] = Layout::vertical([
        Constraint::Length(about.len() as u16),
        Constraint::Length(bars_h),
        Constraint::Min(0),
    ])
    .areas(right);
    let top = Rect {
        x: top.x + 1,
        width: top.width.saturating_sub(1),
        ..top
    };
    f.render_widget(Paragraph::new(about), top);
    let bar_w = if right.width >= 90 { 20 } else { 10 };
    let items = rows.iter().map(|r| bar_item(r, bar_w, st)).collect();
    let title = if q.choice.is_some() {
        "Options (chosen by)"
    } else {
        "Answers"
    };
    let (w, mut state) = list(items, title.into(), m.row, m.focus == 1);
    f.render_stateful_widget(w, mid, &mut state);
    // The selected bar's label whole (the bars cut it), then who is behind it.
    let orgs = m.organizations();
    let label = rows.get(m.row).map(|r| shown(&r.label)).unwrap_or_default();
    let label: Vec<Line> = wrap(&label, inner)
        .into_iter()
        .take(usize::from(bottom.height.saturating_sub(3)).min(3))
        .map(|l| Line::styled(l, st.accent))
        .collect();
    let [name, bottom] =
        Layout::vertical([Constraint::Length(label.len() as u16), Constraint::Min(0)])
            .areas(bottom);
    f.render_widget(
        Paragraph::new(label),
        Rect {
            x: name.x + 1,
            width: name.width.saturating_sub(1),
            ..name
        },
    );
    let items = orgs.iter().map(|o| ListItem::new(shown(o))).collect();
    let (w, mut state) = list(
        items,
        count_s(orgs.len(), "organization"),
        m.organization,
        m.focus == 2,
    );
    f.render_stateful_widget(w, bottom, &mut state);
}

/// One bar: the block-character bar of the text summary, the count of
/// what, the percentage, the label.
fn bar_item(r: &Row, width: usize, st: &Styles) -> ListItem<'static> {
    let share = match r.percent {
        Some(p) => format!(" {:>6}", pct(p)),
        None => " ".repeat(7),
    };
    ListItem::new(Line::from(vec![
        Span::styled(bar(r.count, r.of, width), st.bar),
        Span::raw(format!(" {:>2} of {:<2}{share}  ", r.count, r.of)),
        Span::raw(shown(&r.label)),
    ]))
}

/// An item of a sentence under its place: the place on the first row,
/// the sentence wrapped under it.
fn sentence_item(place: String, sentence: &str, width: usize, st: &Styles) -> ListItem<'static> {
    let mut lines: Vec<Line> = wrap(&shown(&place), width)
        .into_iter()
        .map(|l| Line::styled(l, st.accent))
        .collect();
    lines.extend(
        wrap(&format!("“{}”", shown(sentence)), width.saturating_sub(4))
            .into_iter()
            .map(|l| Line::from(format!("  {l}"))),
    );
    ListItem::new(Text::from(lines))
}

fn themes(m: &Model, f: &mut Frame, area: Rect, st: &Styles) {
    let s = &m.summary;
    let total = s.organizations.len();
    let [left, right] = split(area);
    let items = s
        .themes
        .iter()
        .map(|t| ListItem::new(shown(&format!("{:>3}  {}", t.organizations.len(), t.name))))
        .collect();
    let (w, mut state) = list(
        items,
        "Themes (organizations)".into(),
        m.theme,
        m.focus == 0,
    );
    f.render_stateful_widget(w, left, &mut state);
    let Some(t) = s.themes.get(m.theme) else {
        return;
    };
    let inner = right.width.saturating_sub(1) as usize;
    let n = t.organizations.len();
    let mut about = vec![
        Line::styled(shown(&t.name), st.accent),
        Line::from(vec![
            Span::styled(bar(n, total, 10), st.bar),
            Span::raw(format!(" {}", share(t, total))),
        ]),
    ];
    if !t.questions.is_empty() {
        about.extend(
            wrap(&theme_places(t), inner)
                .into_iter()
                .take(3)
                .map(|l| Line::styled(l, st.dim)),
        );
    }
    let [top, bottom] =
        Layout::vertical([Constraint::Length(about.len() as u16), Constraint::Min(0)]).areas(right);
    let top = Rect {
        x: top.x + 1,
        width: top.width.saturating_sub(1),
        ..top
    };
    f.render_widget(Paragraph::new(about), top);
    let width = bottom.width.saturating_sub(2) as usize;
    let items = t
        .excerpts
        .iter()
        .map(|e| {
            sentence_item(
                format!("{} — {}", e.place.organization, text_place(&e.place)),
                &e.sentence,
                width,
                st,
            )
        })
        .collect();
    let (w, mut state) = list(
        items,
        count_s(t.excerpts.len(), "excerpt"),
        m.excerpt,
        m.focus == 1,
    );
    f.render_stateful_widget(w, bottom, &mut state);
}

fn dates(m: &Model, f: &mut Frame, area: Rect, st: &Styles) {
    let s = &m.summary;
    let width = area.width.saturating_sub(2) as usize;
    let items = s
        .target_dates
        .iter()
        .map(|d| {
            sentence_item(
                format!(
                    "{} — {}: {}",
                    d.place.organization,
                    text_place(&d.place),
                    render::dates(d)
                ),
                &d.sentence,
                width,
                st,
            )
        })
        .collect();
    let title = if s.target_dates.is_empty() {
        "Target dates: none found".to_owned()
    } else {
        format!("Target dates ({})", s.target_dates.len())
    };
    let (w, mut state) = list(items, title, m.date, true);
    f.render_stateful_widget(w, area, &mut state);
}

fn reader(m: &Model, f: &mut Frame, area: Rect, st: &Styles) {
    let Some(r) = &m.reader else {
        return;
    };
    let rows = reader_rows(r, area.width);
    let page = area.height.saturating_sub(2) as usize;
    let lines: Vec<Line> = rows
        .iter()
        .skip(r.scroll)
        .take(page)
        .map(|(i, text)| {
            if Some(*i) == r.mark {
                Line::styled(text.clone(), st.accent.add_modifier(Modifier::REVERSED))
            } else {
                Line::raw(text.clone())
            }
        })
        .collect();
    let end = (r.scroll + page).min(rows.len());
    let title = format!(
        "{}  rows {}–{end} of {}",
        r.title,
        (r.scroll + 1).min(end),
        rows.len()
    );
    f.render_widget(Clear, area);
    f.render_widget(Paragraph::new(lines).block(block(title, true)), area);
}
