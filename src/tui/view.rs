//! `view`: draws the model. It changes nothing.

use super::keymap::{self, KEYMAP, Mode};
use super::model::{MIN_HEIGHT, MIN_WIDTH, Model, SaveState, Screen, Session, single};
use super::update::issues_in;
use crate::answers::{Answers, Chosen, FieldKey, Value};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Question;
use crate::report::{self, freetext};
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{
    Block, Borders, Clear, LineGauge, List, ListItem, ListState, Paragraph, Wrap,
};

/// Text from a definition, a draft or the user as drawn: whatever would
/// not print as itself is shown by name (`crate::text::visible`), so that
/// no control, bidirectional override or invisible character reaches a cell.
pub(super) fn shown(text: &str) -> String {
    crate::text::visible(text).into_owned()
}

/// Report text as drawn: [`shown`], and each tab as the spaces to its tab
/// stop. A widget drops a tab (a control character) while the exported
/// file keeps it; this is how the file shows in a terminal.
fn shown_printed(text: &str) -> String {
    crate::text::expand_tabs(&shown(text)).into_owned()
}

/// Styles, with or without colour (NO_COLOR).
pub(super) struct Styles {
    pub accent: Style,
    pub dim: Style,
    pub bad: Style,
    good: Style,
    selected: Style,
    pub title: Style,
}

pub(super) fn styles(m: &Model) -> Styles {
    let color = |c: Color| {
        if m.theme.color {
            Style::default().fg(c)
        } else {
            Style::default()
        }
    };
    Styles {
        accent: color(Color::Cyan).add_modifier(Modifier::BOLD),
        dim: if m.theme.color {
            Style::default().fg(Color::DarkGray)
        } else {
            Style::default().add_modifier(Modifier::DIM)
        },
        bad: color(Color::Yellow).add_modifier(Modifier::BOLD),
        good: color(Color::Green),
        selected: Style::default().add_modifier(Modifier::REVERSED),
        title: Style::default().add_modifier(Modifier::BOLD),
    }
}

/// The answers as they stand and their flow, computed once a frame.
struct Current<'a> {
    answers: &'a Answers,
    flow: Flow<'a>,
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
    if m.help {
        help(m, f, area);
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
        Screen::Start => start(m, f, body),
        Screen::Question => question(m, cur, f, body),
        Screen::Review => review(m, cur, f, body),
    }
    status(m, cur, f, status_area);
    footer(m, f, footer_area);
    if let Some(p) = &m.prompt {
        super::prompt_view::prompt(m, p, f, area);
    }
    if let Some(q) = &m.incomplete {
        super::prompt_view::export_anyway(m, q, f, area);
    }
    if let Some(c) = &m.confirm {
        let text = format!(
            "{} exists. Replace it?",
            shown(&c.path.display().to_string())
        );
        dialog(m, f, area, "Replace the file?", vec![Line::from(text)]);
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

fn truncate(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn start(m: &Model, f: &mut Frame, area: Rect) {
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

/// The mark of a question in the outline.
fn mark(
    flow: &Flow,
    answers: &crate::answers::Answers,
    i: usize,
    q: &Question,
) -> (&'static str, bool) {
    if !flow.is_asked(i) {
        return ("–", false);
    }
    let missing = Flow::fields(q).iter().any(|k| {
        flow.field_state(i, k) == FieldState::Required
            && !answers.get(k).is_some_and(Value::is_answered)
    });
    if missing {
        ("!", true)
    } else if answers
        .get(&FieldKey::main(&q.id))
        .is_some_and(Value::is_answered)
    {
        ("✓", false)
    } else {
        ("·", false)
    }
}

fn outline(m: &Model, cur: &Current, session: &Session, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (answers, flow) = (cur.answers, &cur.flow);
    let q = &m.questionnaire;
    let width = usize::from(area.width.saturating_sub(2));
    let mut lines = Vec::new();
    let mut current_line = 0;
    for (p, part) in q.parts.iter().enumerate() {
        lines.push(Line::styled(
            truncate(
                &format!("{}. {}", report::roman(p + 1), shown(part.title.as_str())),
                width,
            ),
            s.title,
        ));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            let (mark, bad) = mark(flow, answers, i, question);
            let current = i == session.question;
            let text = truncate(
                &format!(
                    " {mark} {:>2} {}",
                    question.number,
                    shown(question.text.as_str())
                ),
                width,
            );
            let style = match (current, bad, mark) {
                (true, ..) => s.selected,
                (_, true, _) => s.bad,
                (_, _, "–") => s.dim,
                _ => Style::default(),
            };
            if current {
                current_line = lines.len();
            }
            lines.push(Line::styled(text, style));
        }
    }
    let height = usize::from(area.height.saturating_sub(2));
    let scroll = current_line.saturating_sub(height / 2) as u16;
    let block = Block::default().borders(Borders::RIGHT).title(" Outline ");
    f.render_widget(Paragraph::new(lines).block(block).scroll((scroll, 0)), area);
}

/// Lines a text takes when wrapped to `width` (an estimate by words).
fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    text.split('\n')
        .map(|line| {
            let mut rows = 1;
            let mut col = 0;
            for word in line.split(' ') {
                let w = word.chars().count();
                if col > 0 && col + 1 + w > width {
                    rows += 1;
                    col = w;
                } else {
                    col += if col > 0 { 1 } else { 0 } + w;
                }
                while col > width {
                    rows += 1;
                    col -= width;
                }
            }
            rows
        })
        .sum::<usize>()
        .try_into()
        .unwrap_or(u16::MAX)
}

fn question(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let (Some(session), Some(cur)) = (&m.session, cur) else {
        return;
    };
    let content = if m.outline_shown() {
        let [left, right] =
            Layout::horizontal([Constraint::Length(32), Constraint::Min(20)]).areas(area);
        outline(m, cur, session, f, left);
        right
    } else {
        area
    };
    let content = content.inner(ratatui::layout::Margin::new(1, 0));
    let s = styles(m);
    let q = &m.questionnaire;
    let question = &q.questions[session.question];
    let (answers, flow) = (cur.answers, &cur.flow);
    let asked = q
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| flow.is_asked(*i))
        .count();
    let text = shown(question.text.as_str());
    let text_height = wrapped_height(&text, content.width)
        .min(content.height / 3)
        .max(1);
    let instruction = question.instruction.as_ref().map(|t| shown(t.as_str()));
    let [
        part_area,
        number_area,
        text_area,
        instruction_area,
        fields_area,
    ] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(text_height),
        Constraint::Length(if instruction.is_some() { 1 } else { 0 }),
        Constraint::Min(1),
    ])
    .spacing(0)
    .areas(content);
    f.render_widget(
        Paragraph::new(Span::styled(
            truncate(
                &format!(
                    "Part {}. {}",
                    report::roman(question.part + 1),
                    shown(q.parts[question.part].title.as_str())
                ),
                usize::from(part_area.width),
            ),
            s.dim,
        )),
        part_area,
    );
    let skipped = if flow.is_asked(session.question) {
        String::new()
    } else {
        "  (skipped by the branching: prints as N/A)".into()
    };
    f.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(
                format!("Question {} of {}", question.number, q.questions.len()),
                s.accent,
            ),
            Span::styled(format!("  ·  {asked} asked{skipped}"), s.dim),
        ])),
        number_area,
    );
    f.render_widget(
        Paragraph::new(Span::styled(text, s.title)).wrap(Wrap { trim: true }),
        text_area,
    );
    if let Some(instr) = instruction {
        f.render_widget(
            Paragraph::new(Span::styled(instr, s.dim.add_modifier(Modifier::ITALIC))),
            instruction_area,
        );
    }
    fields(m, session, flow, answers, f, fields_area);
}

/// The rows a focused text field wants at least: six rows of text, the
/// box's borders and a few lines of prompt.
const TEXT_BOX_MIN: u16 = 12;

/// The fields of the question: the focused one expanded, the others as one
/// or two summary lines.
fn fields(
    m: &Model,
    session: &Session,
    flow: &Flow,
    answers: &crate::answers::Answers,
    f: &mut Frame,
    area: Rect,
) {
    let question = &m.questionnaire.questions[session.question];
    let focusable = m.focusable_in(flow, session.question);
    let focused = focusable.get(session.field).map(|(k, _)| k.clone());
    let keys = Flow::fields(question);
    let mut summaries: Vec<(FieldKey, Vec<Line>)> = keys
        .iter()
        .filter(|k| Some(*k) != focused.as_ref())
        .map(|k| {
            (
                k.clone(),
                summary(m, question, flow, answers, session.question, k),
            )
        })
        .collect();
    let height = |summaries: &[(FieldKey, Vec<Line>)]| -> u16 {
        summaries.iter().map(|(_, l)| l.len() as u16).sum()
    };
    // A text box gets at least six rows (and its borders and prompt): the
    // options chosen above it fold to their first line before it shrinks
    // (Q6's details box had two rows at 80×24).
    let text_focused = focused
        .as_ref()
        .is_some_and(|k| k.field.is_some() || !question.kind.is_choice());
    if text_focused && area.height.saturating_sub(height(&summaries) + 1) < TEXT_BOX_MIN {
        for (_, lines) in &mut summaries {
            if lines.len() > 2 {
                let more = format!("  (and {} more ▸)", lines.len() - 2);
                lines.truncate(2);
                let first: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
                let room = usize::from(area.width).saturating_sub(more.chars().count());
                lines[1] = Line::from(vec![
                    Span::raw(truncate(&first, room)),
                    Span::styled(more, styles(m).dim),
                ]);
            }
        }
    }
    let summary_height = height(&summaries);
    let available = area
        .height
        .saturating_sub(summary_height + 1)
        .max(3.min(area.height));
    // A list of options takes what it needs; a text editor takes the rest.
    let focus_height = match &focused {
        Some(k) if k.field.is_none() && question.kind.is_choice() => {
            let width = usize::from(area.width.saturating_sub(6)).max(10);
            let options: usize = question
                .options
                .iter()
                .map(|o| textwrap(&shown(o.label.as_str()), width).len())
                .sum();
            let unlisted = match answers.get(k) {
                Some(Value::Choice(c)) => c
                    .iter()
                    .filter(|c| matches!(c, Chosen::Unlisted(_)))
                    .count(),
                _ => 0,
            };
            available.min(u16::try_from(options + unlisted + 2).unwrap_or(u16::MAX))
        }
        _ => available,
    };
    // Fields keep their order: summaries above and below the focused one.
    let mut y = area.y + 1;
    let bottom = area.y + area.height;
    for key in &keys {
        if y >= bottom {
            break;
        }
        if Some(key) == focused.as_ref() {
            let h = focus_height.min(bottom - y);
            let rect = Rect::new(area.x, y, area.width, h);
            let state = flow.field_state(session.question, key);
            expanded(m, session, question, key, state, f, rect);
            y += h;
            continue;
        }
        let Some((_, lines)) = summaries.iter().find(|(k, _)| k == key) else {
            continue;
        };
        let h = (lines.len() as u16).min(bottom - y);
        f.render_widget(
            Paragraph::new(lines.clone()),
            Rect::new(area.x, y, area.width, h),
        );
        y += h;
    }
}

fn field_label(question: &Question, key: &FieldKey) -> String {
    match &key.field {
        None if question.kind.is_choice() => "Answer".into(),
        None => "Answer".into(),
        Some(f) => match question.follow_up(f) {
            Some(fu) => shown(fu.prompt.as_str()),
            None => question
                .comment
                .as_ref()
                .map_or_else(|| "Comment".into(), |c| shown(c.label.as_str())),
        },
    }
}

fn state_note(state: FieldState) -> &'static str {
    match state {
        FieldState::Required => "required",
        FieldState::Optional => "optional",
        FieldState::Skipped => "not asked: prints N/A",
    }
}

fn summary<'a>(
    m: &Model,
    question: &Question,
    flow: &Flow,
    answers: &crate::answers::Answers,
    index: usize,
    key: &FieldKey,
) -> Vec<Line<'a>> {
    let s = styles(m);
    let state = flow.field_state(index, key);
    let width = usize::from(
        m.size
            .0
            .saturating_sub(if m.outline_shown() { 36 } else { 4 }),
    );
    let full = field_label(question, key);
    // A label that says "optional" already is not told so twice.
    let note = if state == FieldState::Optional && full.to_lowercase().contains("optional") {
        String::new()
    } else {
        format!("  ({})", state_note(state))
    };
    let label = truncate(&full, width.saturating_sub(note.chars().count() + 2));
    let head = Line::from(vec![
        Span::styled(
            label,
            if state == FieldState::Skipped {
                s.dim
            } else {
                Style::default().add_modifier(Modifier::UNDERLINED)
            },
        ),
        Span::styled(note, s.dim),
    ]);
    let value = answers.get(key).filter(|v| v.is_answered());
    let body = match value {
        Some(Value::Choice(chosen)) => chosen
            .iter()
            .map(|c| {
                Line::from(format!(
                    "  • {}",
                    truncate(&choice_label(question, c), width.saturating_sub(4))
                ))
            })
            .collect(),
        Some(Value::Text(t)) => {
            let first = shown(t.lines().next().unwrap_or(""));
            let more = if t.lines().count() > 1 { " …" } else { "" };
            vec![Line::from(format!(
                "  {}{more}",
                truncate(&first, width.saturating_sub(6))
            ))]
        }
        None if state == FieldState::Required => vec![Line::styled("  (missing)", s.bad)],
        None => vec![Line::styled(
            crate::report::empty_field_prints(
                &m.questionnaire,
                question,
                key,
                state == FieldState::Skipped,
            )
            .map_or_else(
                || "  (left out when empty)".to_owned(),
                |t| format!("  {t}"),
            ),
            s.dim,
        )],
    };
    let mut lines = vec![head];
    lines.extend(body);
    lines
}

fn choice_label(question: &Question, c: &Chosen) -> String {
    match c {
        Chosen::Option(id) => question
            .option(id)
            .map_or_else(|| shown(id), |o| shown(o.label.as_str())),
        Chosen::Unlisted(label) => format!("{} (not an option)", shown(label)),
    }
}

fn expanded(
    m: &Model,
    session: &Session,
    question: &Question,
    key: &FieldKey,
    state: FieldState,
    f: &mut Frame,
    area: Rect,
) {
    let s = styles(m);
    if key.field.is_none() && question.kind.is_choice() {
        let chosen = match session.draft.answers.get(key) {
            Some(Value::Choice(c)) => c.clone(),
            _ => vec![],
        };
        let width = usize::from(area.width.saturating_sub(6)).max(10);
        let items: Vec<ListItem> = question
            .options
            .iter()
            .map(|o| {
                let on = chosen.contains(&Chosen::Option(o.id.clone()));
                let mark = match (single(question.kind), on) {
                    (true, true) => "(•)",
                    (true, false) => "( )",
                    (false, true) => "[x]",
                    (false, false) => "[ ]",
                };
                let label = shown(o.label.as_str());
                let lines: Vec<Line> = textwrap(&label, width)
                    .into_iter()
                    .enumerate()
                    .map(|(i, l)| {
                        Line::from(if i == 0 {
                            format!("{mark} {l}")
                        } else {
                            format!("    {l}")
                        })
                    })
                    .collect();
                ListItem::new(lines)
            })
            .collect();
        let unlisted: Vec<String> = chosen
            .iter()
            .filter_map(|c| match c {
                Chosen::Unlisted(l) => Some(format!(
                    "{} (from an imported report; not an option)",
                    shown(l)
                )),
                Chosen::Option(_) => None,
            })
            .collect();
        let title = if single(question.kind) {
            " Choose one "
        } else {
            " Choose all that apply "
        };
        let rows: usize = items.iter().map(ListItem::height).sum();
        let mut block = Block::default()
            .borders(Borders::ALL)
            .title(title)
            .border_style(s.accent);
        if rows + 2 > usize::from(area.height) {
            block = block.title_bottom(Line::from(" more options: ↑↓ ").right_aligned());
        }
        let list = List::new(items).block(block).highlight_style(s.selected);
        let mut state = ListState::default().with_selected(Some(session.option_cursor));
        let list_area = if unlisted.is_empty() {
            area
        } else {
            let [a, b] = Layout::vertical([
                Constraint::Min(3),
                Constraint::Length(unlisted.len() as u16),
            ])
            .areas(area);
            f.render_widget(Paragraph::new(unlisted.join("\n")).style(s.bad), b);
            a
        };
        f.render_stateful_widget(list, list_area, &mut state);
        return;
    }
    let Some(editor) = &session.editor else {
        return;
    };
    let label = field_label(question, key);
    // The whole prompt (it was cut at three lines, without a sign), unless
    // the answer box would get fewer than six rows: then its last line
    // ends in "…".
    let prompt_lines = if key.field.is_some() {
        textwrap(&label, usize::from(area.width.max(1)))
    } else {
        Vec::new()
    };
    let room = usize::from(area.height.saturating_sub(6)).max(1);
    let prompt_height = u16::try_from(prompt_lines.len().min(room)).unwrap_or(u16::MAX);
    let [prompt_area, rest] =
        Layout::vertical([Constraint::Length(prompt_height), Constraint::Min(1)]).areas(area);
    if prompt_height > 0 {
        let mut shown_lines: Vec<String> = prompt_lines.iter().take(room).cloned().collect();
        if prompt_lines.len() > room
            && let Some(last) = shown_lines.last_mut()
        {
            let keep = usize::from(area.width).saturating_sub(1);
            *last = format!("{}…", last.chars().take(keep).collect::<String>());
        }
        f.render_widget(
            Paragraph::new(Text::styled(shown_lines.join("\n"), s.title)),
            prompt_area,
        );
    }
    let preview = rest.height >= 14;
    let [edit_area, preview_area] = if preview {
        Layout::vertical([Constraint::Percentage(60), Constraint::Percentage(40)]).areas(rest)
    } else {
        [rest, Rect::default()]
    };
    let prints = crate::report::empty_field_prints(
        &m.questionnaire,
        question,
        key,
        state == FieldState::Skipped,
    );
    let title = if editor.is_blank() {
        match (state, prints.clone()) {
            // Export refuses it empty (unless asked for an incomplete one).
            (FieldState::Required, _) => " Your answer (required) ".to_owned(),
            (FieldState::Optional, Some(t)) => {
                format!(" Your answer (optional; empty prints {t}) ")
            }
            (FieldState::Optional, None) => {
                " Your answer (optional; left out when empty) ".to_owned()
            }
            (FieldState::Skipped, Some(t)) => format!(" Your answer (not asked; prints {t}) "),
            (FieldState::Skipped, None) => " Your answer (not asked; left out) ".to_owned(),
        }
    } else {
        " Your answer ".to_owned()
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .title(title)
        .border_style(s.accent);
    let inner = block.inner(edit_area);
    f.render_widget(block, edit_area);
    f.render_widget(&editor.area, inner);
    if preview {
        let empty = prints.unwrap_or_else(|| "(nothing: left out of the report)".into());
        let printed = preview_window(&editor.area, usize::from(preview_area.height), &empty);
        let block = Block::default()
            .borders(Borders::TOP)
            .title(" Prints as ")
            .border_style(s.dim);
        f.render_widget(
            Paragraph::new(printed)
                .block(block)
                .style(s.dim)
                .wrap(Wrap { trim: false }),
            preview_area,
        );
    }
}

/// How the part of the answer around the cursor prints: rendering only a
/// window keeps a keystroke cheap in a long answer.
fn preview_window(area: &ratatui_textarea::TextArea, height: usize, empty: &str) -> String {
    let lines = area.lines();
    if lines.iter().all(|l| l.trim().is_empty()) {
        return empty.into();
    }
    let size: usize = lines.iter().map(String::len).sum();
    if size <= 4096 {
        let mut printed = String::new();
        freetext::render(&freetext::parse(&lines.join("\n")), &mut printed);
        return shown_printed(&printed);
    }
    let row = area.cursor().0.min(lines.len().saturating_sub(1));
    let mut start = row.saturating_sub(height / 2);
    // Start at a block boundary, so that a list is not read as paragraphs.
    let floor = start.saturating_sub(40);
    while start > floor && !lines[start - 1].trim().is_empty() {
        start -= 1;
    }
    let end = (row + height * 2).min(lines.len());
    let mut printed = String::new();
    if start > 0 {
        printed.push_str("…\n");
    }
    freetext::render(
        &freetext::parse(&lines[start..end].join("\n")),
        &mut printed,
    );
    if end < lines.len() {
        printed.push_str("\n…");
    }
    shown_printed(&printed)
}

/// Word wrap for option labels.
fn textwrap(text: &str, width: usize) -> Vec<String> {
    let mut out = vec![String::new()];
    for word in text.split(' ') {
        let last = out.last_mut().expect("never empty");
        if !last.is_empty() && last.chars().count() + 1 + word.chars().count() > width {
            out.push(word.to_owned());
        } else {
            if !last.is_empty() {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    out
}

fn review(m: &Model, cur: Option<&Current>, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let (Some(session), Some(cur)) = (&m.session, cur) else {
        return;
    };
    let text = report::render(&m.questionnaire, cur.answers, Some(m.now.date_naive()));
    let list = issues_in(m, &cur.flow);
    // A third of the screen, at least 3 rows. Not `clamp`: it panics when the
    // frame is under 9 rows, which happens before a resize message arrives
    // (the model still holds the old size, so the too-small screen is not up).
    let list_height = u16::try_from(list.len())
        .unwrap_or(u16::MAX)
        .saturating_add(2)
        .min(area.height / 3)
        .max(3);
    let [report_area, issues_area] =
        Layout::vertical([Constraint::Min(3), Constraint::Length(list_height)]).areas(area);
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" The report, exactly as it will be exported ");
    f.render_widget(
        Paragraph::new(shown_printed(&text))
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((session.review.scroll, 0)),
        report_area,
    );
    if list.is_empty() {
        let block = Block::default().borders(Borders::ALL).title(" Ready ");
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Nothing is missing. ", s.good),
                Span::raw("Press "),
                Span::styled("e", s.accent),
                Span::raw(" to export."),
            ]))
            .block(block),
            issues_area,
        );
        return;
    }
    let width = usize::from(area.width.saturating_sub(4));
    let items: Vec<ListItem> = list
        .iter()
        .map(|i| ListItem::new(truncate(&shown(&i.text), width)))
        .collect();
    let title = format!(
        " Before export: {} item{} ",
        list.len(),
        if list.len() == 1 { "" } else { "s" }
    );
    let widget = List::new(items)
        .block(
            Block::default()
                .borders(Borders::ALL)
                .title(title)
                .border_style(s.bad),
        )
        .highlight_style(s.selected)
        .highlight_symbol("▸ ");
    let mut state = ListState::default().with_selected(Some(session.review.cursor));
    f.render_stateful_widget(widget, issues_area, &mut state);
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

fn dialog(m: &Model, f: &mut Frame, area: Rect, title: &str, mut lines: Vec<Line>) {
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

/// Whether help label `a` already names key `b` (`PgUp/PgDn` names `PgUp`,
/// `↑↓` names `↓`).
fn covers(a: &str, b: &str) -> bool {
    a == b || a.split('/').any(|t| t == b) || (a == "↑↓" && (b == "↑" || b == "↓"))
}

fn help(m: &Model, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let mut sections = vec![
        (Mode::Start, "Start screen"),
        (Mode::Choice, "Question, choosing options"),
        (Mode::Text, "Question, writing text"),
        (Mode::Review, "Review"),
        (Mode::Prompt, "Prompts"),
        (Mode::Confirm, "Confirmations"),
        (Mode::ExportAnyway, "Exporting with answers missing"),
        (Mode::Help, "This help"),
    ];
    // The keys of the screen the help was opened from come first.
    let here = m.screen_mode();
    sections.sort_by_key(|(mode, _)| *mode != here);
    let mut lines = Vec::new();
    for (mode, name) in sections {
        lines.push(Line::styled(name, s.title));
        let mut seen: Vec<&str> = Vec::new();
        for b in KEYMAP.iter().filter(|b| b.modes.contains(&mode)) {
            // `↓` is listed with `↑↓`, `PgUp` with `PgUp/PgDn`.
            if seen.iter().any(|l| covers(l, b.label)) {
                continue;
            }
            seen.push(b.label);
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<10}", b.label), s.accent),
                Span::raw(b.help),
            ]));
        }
        lines.push(Line::from(""));
    }
    lines.push(Line::styled(
        "Lists in answers: write `- item` or `1. item`, two spaces more per level. Everything is saved as you go.",
        s.dim,
    ));
    let block = Block::default()
        .borders(Borders::ALL)
        .title(" Keys (Esc closes, PgUp/PgDn scroll) ");
    f.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((m.help_scroll, 0)),
        area,
    );
}
