//! Writing a translation: the answer box's title says where the
//! translation stands (live, as it is typed), and side by side the source
//! answer is drawn, read-only, beside it.

use super::super::model::{Model, Session};
use super::{shown, styles};
use crate::answers::FieldKey;
use crate::draft::{TextKey, TranslationState};
use crate::workspace::language;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

/// An answer longer than this is shown beside its translation by a window
/// of lines, not whole: wrapping it all on every frame would cost its size
/// at each key.
const WHOLE_SOURCE_BYTES: usize = 16 * 1024;

/// The answer box's title while a translation is written: the language and
/// the state the translation has as typed.
pub(super) fn title(m: &Model, key: &FieldKey) -> Option<String> {
    let lang = language::name(m.translating()?);
    let state = m.translation_state(&TextKey::Answer(key.clone()));
    Some(match state {
        Some(TranslationState::Outdated) => {
            format!(" {lang} translation: outdated (Esc, c: still valid) ")
        }
        Some(TranslationState::SameText) => {
            format!(" {lang} translation: same text as the answer ")
        }
        Some(state) => format!(" {lang} translation: {} ", state.word()),
        None => format!(" {lang} translation (the answer is empty) "),
    })
}

/// The area of the answer box split in two when side by side: the source
/// answer's on the left, the translation's on the right.
pub(super) fn split(m: &Model, area: Rect) -> (Option<Rect>, Rect) {
    if !m.side_by_side_shown() || area.width < 40 {
        return (None, area);
    }
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(area);
    (Some(left), right)
}

/// The source answer of `key`, read-only, scrolled along with the
/// translation's cursor.
pub(super) fn source(m: &Model, session: &Session, key: &FieldKey, f: &mut Frame, area: Rect) {
    let s = styles(m);
    let q = &m.questionnaire;
    let from = language::name(session.draft.source_language(q));
    let text = session
        .draft
        .source_text(&TextKey::Answer(key.clone()))
        .unwrap_or_default();
    let block = Block::default()
        .borders(Borders::ALL)
        .title(format!(" {from} answer (read-only) "))
        .border_style(s.dim);
    if text.trim().is_empty() {
        f.render_widget(
            Paragraph::new(format!("(no {from} answer)"))
                .style(s.dim)
                .block(block),
            area,
        );
        return;
    }
    // Where the translation's cursor is, as a share of its lines: the
    // source is shown at the same share.
    let share = session.editor.as_ref().map_or(0.0, |e| {
        let lines = e.area.lines().len().max(1);
        e.area.cursor().0 as f64 / lines as f64
    });
    let height = usize::from(area.height.saturating_sub(2));
    let lines: Vec<&str> = text.split('\n').collect();
    let (shown_text, scroll) = if text.len() <= WHOLE_SOURCE_BYTES {
        let paragraph = Paragraph::new(shown(text)).wrap(Wrap { trim: false });
        let rows = paragraph.line_count(area.width.saturating_sub(2).max(1));
        let at = (share * rows as f64) as usize;
        let scroll = at
            .saturating_sub(height / 2)
            .min(rows.saturating_sub(height));
        (shown(text), scroll)
    } else {
        let at = (share * lines.len() as f64) as usize;
        let start = at.saturating_sub(height / 2);
        let end = (start + height * 2).min(lines.len());
        (shown(&lines[start..end].join("\n")), 0)
    };
    f.render_widget(
        Paragraph::new(shown_text)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((u16::try_from(scroll).unwrap_or(u16::MAX), 0)),
        area,
    );
}
