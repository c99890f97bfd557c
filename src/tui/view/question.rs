//! A question: its text, and its fields (the focused one expanded).

use super::super::layout::{columns, outline_width, question_width, wrap};
use super::super::model::{Model, Session};
use super::field::expanded;
use super::outline::outline;
use super::{Current, memo, shown, styles, truncate};
use crate::answers::{Chosen, FieldKey, Value};
use crate::draft::{TextKey, TranslationState};
use crate::flow::{FieldState, Flow};
use crate::questionnaire::Question;
use crate::report;
use crate::workspace::language;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget, Wrap};

/// `shared`: the part goes on the question number's row
/// ([`super::super::layout::Bands::part_shares_number_row`]).
pub(super) fn question(
    m: &Model,
    session: &Session,
    cur: &Current,
    f: &mut Frame,
    area: Rect,
    shared: bool,
) {
    let content = if m.outline_shown() {
        let [left, right] = Layout::horizontal([
            Constraint::Length(outline_width(m.size.0)),
            Constraint::Min(20),
        ])
        .areas(area);
        outline(m, cur, session, f, left);
        right
    } else {
        area
    };
    let content = content.inner(ratatui::layout::Margin::new(1, 0));
    let s = styles(m);
    let q = m.texts();
    let question = &q.questions[session.question];
    let (answers, flow) = (cur.answers, &cur.flow);
    let asked = q
        .questions
        .iter()
        .enumerate()
        .filter(|(i, _)| flow.is_asked(*i))
        .count();
    let text = shown(question.text.as_str());
    // Measured by the wrapper that draws it.
    let text_height = u16::try_from(memo::paragraph_rows(&text, content.width))
        .unwrap_or(u16::MAX)
        .min(content.height / 3)
        .max(1);
    let instruction = question.instruction.as_ref().map(|t| shown(t.as_str()));
    // Below 30 rows a title on two rows takes the part's own row: the
    // part follows the question's number (`shared`).
    let [
        part_area,
        number_area,
        text_area,
        instruction_area,
        fields_area,
    ] = Layout::vertical([
        Constraint::Length(u16::from(!shared)),
        Constraint::Length(1),
        Constraint::Length(text_height),
        Constraint::Length(if instruction.is_some() { 1 } else { 0 }),
        Constraint::Min(1),
    ])
    .spacing(0)
    .areas(content);
    let part = format!(
        "Part {}. {}",
        report::roman(question.part + 1),
        shown(q.parts[question.part].title.as_str())
    );
    if !shared {
        f.render_widget(
            Paragraph::new(Span::styled(
                truncate(&part, usize::from(part_area.width)),
                s.dim,
            )),
            part_area,
        );
    }
    let skipped = if flow.is_asked(session.question) {
        String::new()
    } else {
        "  (skipped by the branching: prints as N/A)".into()
    };
    let number = format!("Question {} of {}", question.number, q.questions.len());
    let count = format!("  ·  {asked} asked{skipped}");
    let mut line = vec![Span::styled(number, s.accent), Span::styled(count, s.dim)];
    if shared {
        // The number and what is asked first: what is cut, if anything,
        // is the end of the part's title, which the outline also shows.
        let room = usize::from(number_area.width)
            .saturating_sub(line.iter().map(|x| columns(&x.content)).sum::<usize>() + 5);
        if room > 8 {
            line.push(Span::styled(
                format!("  ·  {}", truncate(&part, room)),
                s.dim,
            ));
        }
    }
    f.render_widget(Paragraph::new(Line::from(line)), number_area);
    // The same while one types: copied.
    let style = s.title;
    memo::region(
        "question text",
        (&text, style),
        text_area,
        f.buffer_mut(),
        |area, buf| {
            Paragraph::new(Span::styled(text.as_str(), style))
                .wrap(Wrap { trim: true })
                .render(area, buf);
        },
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
    let question = &m.texts().questions[session.question];
    let focusable = m.focusable_in(flow, session.question);
    let focused = focusable
        .iter()
        .find(|(k, _)| *k == session.focus)
        .or(focusable.first())
        .map(|(k, _)| k.clone());
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
    // Tight: the blank row above the fields goes too, which leaves Q6's
    // details room for the "Prints as" preview at 80×24.
    let tight = text_focused && area.height.saturating_sub(height(&summaries) + 1) < TEXT_BOX_MIN;
    let gap = u16::from(!tight);
    if tight {
        for (_, lines) in &mut summaries {
            if lines.len() > 2 {
                let more = format!("  (and {} more ▸)", lines.len() - 2);
                lines.truncate(2);
                let first: String = lines[1].spans.iter().map(|s| s.content.as_ref()).collect();
                let room =
                    usize::from(area.width).saturating_sub(super::super::layout::columns(&more));
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
        .saturating_sub(summary_height + gap)
        .max(3.min(area.height));
    // A list of options takes what it needs; a text editor takes the rest.
    let focus_height = match &focused {
        Some(k) if k.field.is_none() && question.kind.is_choice() => {
            let width = usize::from(area.width.saturating_sub(6)).max(10);
            let options: usize = question
                .options
                .iter()
                .map(|o| wrap(&shown(o.label.as_str()), width).len())
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
    let mut y = area.y + gap;
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

pub(super) fn field_label(question: &Question, key: &FieldKey) -> String {
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
    let width = usize::from(question_width(m.size.0, m.outline_shown()));
    let full = field_label(question, key);
    // A label that says "optional" already is not told so twice.
    let note = if state == FieldState::Optional && full.to_lowercase().contains("optional") {
        String::new()
    } else {
        format!("  ({})", state_note(state))
    };
    let label = truncate(
        &full,
        width.saturating_sub(super::super::layout::columns(&note) + 2),
    );
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
    // In a translation, a text answer is its translation, with its state.
    let is_text = key.field.is_some() || !question.kind.is_choice();
    let translated = m.translating().filter(|_| is_text);
    if let Some(language) = translated {
        let text_key = TextKey::Answer(key.clone());
        let translation = m
            .session()
            .and_then(|s| s.draft.translations.get(language, &text_key))
            .map(|t| t.text.clone())
            .filter(|t| !t.trim().is_empty());
        let state = m.translation_state(&text_key);
        if value.is_some() || translation.is_some() {
            let mut lines = vec![head];
            let tag = state.map_or(String::new(), |st| format!("  [{}]", st.word()));
            let bad = matches!(
                state,
                Some(TranslationState::Missing | TranslationState::Outdated)
            );
            let line = match translation {
                Some(t) => {
                    let first = shown(t.lines().next().unwrap_or(""));
                    let more = if t.lines().count() > 1 { " …" } else { "" };
                    format!(
                        "  {}{more}",
                        truncate(&first, width.saturating_sub(8 + columns(&tag)))
                    )
                }
                None => format!("  (no {} translation yet)", language::name(language)),
            };
            lines.push(Line::from(vec![
                Span::raw(line),
                Span::styled(tag, if bad { s.bad } else { s.dim }),
            ]));
            return lines;
        }
    }
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
                m.texts(),
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
