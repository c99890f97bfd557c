//! What the view would work out again on every frame for the same result:
//! a region whose content did not change is copied from the frame before,
//! and a text's wrapping is kept per width. A keystroke's echo waits for
//! the whole frame, and most of it (the outline above all) does not change
//! while one types. Nothing here changes what is drawn: a region is copied
//! only when everything it was drawn from is the same.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::rc::Rc;

/// Texts kept wrapped at most: a questionnaire's question and part texts
/// at a few widths.
const WRAPPED_MAX: usize = 512;

/// Rows of a text, wrapped, by the text's hash and the width.
type Wrapped = HashMap<(u64, u16), Rc<Vec<String>>>;

thread_local! {
    static DRAWN: RefCell<HashMap<&'static str, (u64, Buffer)>> = RefCell::new(HashMap::new());
    static WRAPPED: RefCell<Wrapped> = RefCell::new(HashMap::new());
    static COUNTED: RefCell<HashMap<(u64, u16), usize>> = RefCell::new(HashMap::new());
}

fn hash_of(what: impl Hash) -> u64 {
    let mut h = DefaultHasher::new();
    what.hash(&mut h);
    h.finish()
}

/// Draws `region` of `buf` (its `area`) with `draw`, or copies what `draw`
/// drew there last time when `inputs` (everything the drawing depends on)
/// and the area are the same. `buf`'s area starts blank, as on every frame.
pub(super) fn region(
    region: &'static str,
    inputs: impl Hash,
    area: Rect,
    buf: &mut Buffer,
    draw: impl FnOnce(Rect, &mut Buffer),
) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    let key = hash_of((inputs, area));
    DRAWN.with_borrow_mut(|drawn| {
        let kept = drawn
            .get(region)
            .filter(|(k, b)| *k == key && b.area == area);
        if let Some((_, kept)) = kept {
            copy(kept, buf);
            return;
        }
        let mut own = Buffer::empty(area);
        draw(area, &mut own);
        copy(&own, buf);
        drawn.insert(region, (key, own));
    });
}

/// Forgets everything kept on this thread.
pub(super) fn forget() {
    DRAWN.with_borrow_mut(HashMap::clear);
    WRAPPED.with_borrow_mut(HashMap::clear);
    COUNTED.with_borrow_mut(HashMap::clear);
}

/// Copies `from`'s cells over `to`'s, row by row (`from` inside `to`).
fn copy(from: &Buffer, to: &mut Buffer) {
    let a = from.area;
    let width = usize::from(a.width);
    for (r, y) in (a.top()..a.bottom()).enumerate() {
        let start = to.index_of(a.x, y);
        to.content[start..start + width]
            .clone_from_slice(&from.content[r * width..(r + 1) * width]);
    }
}

/// The value kept in `kept` for `text` at `width`, or `work`'s, kept.
fn kept<V: Clone>(
    kept: &mut HashMap<(u64, u16), V>,
    text: &str,
    width: u16,
    work: impl FnOnce() -> V,
) -> V {
    let key = (hash_of(text), width);
    if let Some(v) = kept.get(&key) {
        return v.clone();
    }
    if kept.len() >= WRAPPED_MAX {
        kept.clear();
    }
    let v = work();
    kept.insert(key, v.clone());
    v
}

/// [`super::super::layout::wrap`] of `text` made visible
/// ([`super::shown`]), kept per text and width.
pub(super) fn wrapped(text: &str, width: usize) -> Rc<Vec<String>> {
    let columns = u16::try_from(width).unwrap_or(u16::MAX);
    WRAPPED.with_borrow_mut(|k| {
        kept(k, text, columns, || {
            Rc::new(super::super::layout::wrap(&super::shown(text), width))
        })
    })
}

/// The rows `text` takes wrapped by ratatui's paragraph (trimmed) at
/// `width`, kept per text and width.
pub(super) fn paragraph_rows(text: &str, width: u16) -> usize {
    COUNTED.with_borrow_mut(|k| {
        kept(k, text, width, || {
            ratatui::widgets::Paragraph::new(text)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .line_count(width)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Style};
    use ratatui::widgets::{Paragraph, Widget};

    fn draw(text: &str, color: Color, area: Rect, buf: &mut Buffer) -> usize {
        let mut calls = 0;
        region("test", (text, color), area, buf, |area, b| {
            calls += 1;
            Paragraph::new(text)
                .style(Style::default().fg(color))
                .render(area, b);
        });
        calls
    }

    #[test]
    fn a_region_drawn_from_the_same_inputs_is_copied_and_the_same() {
        let whole = Rect::new(0, 0, 10, 4);
        let area = Rect::new(2, 1, 5, 2);
        let mut first = Buffer::empty(whole);
        assert_eq!(draw("abc", Color::Red, area, &mut first), 1);
        let mut second = Buffer::empty(whole);
        assert_eq!(draw("abc", Color::Red, area, &mut second), 0);
        assert_eq!(first, second);
        let mut direct = Buffer::empty(whole);
        Paragraph::new("abc")
            .style(Style::default().fg(Color::Red))
            .render(area, &mut direct);
        assert_eq!(first, direct);
    }

    #[test]
    fn other_inputs_or_another_area_draw_again() {
        let whole = Rect::new(0, 0, 10, 4);
        let area = Rect::new(2, 1, 5, 2);
        let mut buf = Buffer::empty(whole);
        assert_eq!(draw("abc", Color::Red, area, &mut buf), 1);
        assert_eq!(draw("abd", Color::Red, area, &mut buf), 1);
        assert_eq!(draw("abd", Color::Blue, area, &mut buf), 1);
        assert_eq!(draw("abd", Color::Blue, Rect::new(1, 1, 5, 2), &mut buf), 1);
        assert_eq!(draw("abd", Color::Blue, Rect::new(1, 1, 5, 2), &mut buf), 0);
    }

    #[test]
    fn a_region_past_the_buffer_is_cut_to_it() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 2));
        draw("abcdef", Color::Red, Rect::new(2, 1, 6, 3), &mut buf);
        assert_eq!(buf[(2, 1)].symbol(), "a");
        assert_eq!(buf[(3, 1)].symbol(), "b");
    }

    #[test]
    fn paragraph_rows_are_the_paragraphs_own_count() {
        let text = "a question long enough to wrap over a few rows of a narrow box";
        for width in [1, 5, 12, 80] {
            let want = Paragraph::new(text)
                .wrap(ratatui::widgets::Wrap { trim: true })
                .line_count(width);
            assert_eq!(paragraph_rows(text, width), want, "width {width}");
            assert_eq!(paragraph_rows(text, width), want, "width {width}, kept");
        }
    }

    #[test]
    fn wrapping_is_kept_per_width() {
        let a = wrapped("one two three", 7);
        assert_eq!(*a, ["one two", "three"]);
        assert!(Rc::ptr_eq(&a, &wrapped("one two three", 7)));
        assert_eq!(*wrapped("one two three", 20), ["one two three"]);
        assert_eq!(
            *wrapped("one\u{1b}two", 20),
            [super::super::shown("one\u{1b}two")]
        );
    }
}
