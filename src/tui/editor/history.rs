//! The answer's undo history, kept by the editor rather than by the text
//! area: a long answer is edited through a window that is rebuilt when the
//! cursor nears its edge, and the text area's own history went with it.
//! Changes are recorded at byte offsets in the whole answer, so they hold
//! whatever the window is.

use std::collections::VecDeque;

/// At most this many steps are kept: older ones are forgotten first.
pub const MAX_STEPS: usize = 200;
/// At most this many bytes of text are kept across the steps (an answer
/// cleared and retyped many times over must not grow without bound).
pub const MAX_BYTES: usize = 8 * 1024 * 1024;

/// One change to the answer: `removed` replaced by `inserted` at byte
/// `at`, the cursor at `cursor_before`, then at `cursor_after`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub at: usize,
    pub removed: String,
    pub inserted: String,
    pub cursor_before: usize,
    pub cursor_after: usize,
}

impl Change {
    /// The change that turns `before` into `after` (the text around the
    /// cursor), found as the part between what they share at each end.
    /// The shared start stops at the cursor: a letter typed next to the
    /// same letter is recorded where it was typed.
    pub fn between(
        before: &str,
        after: &str,
        offset: usize,
        (cursor_before, cursor_after): (usize, usize),
    ) -> Option<Self> {
        if before == after {
            return None;
        }
        let limit = cursor_before.min(cursor_after).saturating_sub(offset);
        let mut start = common_prefix(before, after).min(limit);
        while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
            start -= 1;
        }
        let room = before.len().min(after.len()) - start;
        let mut tail = common_suffix(&before[start..], &after[start..]).min(room);
        while !before.is_char_boundary(before.len() - tail)
            || !after.is_char_boundary(after.len() - tail)
        {
            tail -= 1;
        }
        Some(Self {
            at: offset + start,
            removed: before[start..before.len() - tail].to_owned(),
            inserted: after[start..after.len() - tail].to_owned(),
            cursor_before,
            cursor_after,
        })
    }

    fn bytes(&self) -> usize {
        self.removed.len() + self.inserted.len()
    }

    /// Applies the change to `text` (forward), or takes it back; returns
    /// where the cursor goes. `None`, and `text` untouched, when `text` is
    /// not one the change was recorded against (what it replaces is not
    /// there): a step applied to another text would change the user's
    /// words unseen.
    pub fn apply(&self, text: &mut String, forward: bool) -> Option<usize> {
        let (from, to, cursor) = if forward {
            (&self.removed, &self.inserted, self.cursor_after)
        } else {
            (&self.inserted, &self.removed, self.cursor_before)
        };
        let range = self.at..self.at + from.len();
        if text.get(range.clone()) != Some(from.as_str()) {
            return None;
        }
        text.replace_range(range, to);
        Some(cursor)
    }
}

/// The most bytes typing read in one burst can hold and still be keys
/// typed by hand (a frame's worth at any typing speed); more is a paste.
const BURST: usize = 64;

/// How a change joins the one before it into one undo step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Group {
    /// Characters typed one by one: a word and the spaces after it are
    /// one step.
    Typing,
    /// Characters deleted one by one (Backspace, Delete).
    Deleting,
    /// A step of its own (a paste, a word or line deleted, a clear).
    Alone,
}

#[derive(Debug, Default)]
pub struct History {
    done: VecDeque<(Change, Group)>,
    undone: Vec<Change>,
    /// The bytes of text the steps in `done` hold.
    bytes: usize,
}

impl History {
    /// Records a change just made; what was undone can no longer be redone.
    /// Typing read in one burst is recorded a word at a time, as if typed
    /// key by key: how much an undo takes back does not hang on timing. A
    /// long burst is a paste the terminal did not bracket: one step.
    pub fn record(&mut self, change: Change, group: Group) {
        if group == Group::Typing && change.removed.is_empty() && change.inserted.len() <= BURST {
            for word in words(&change) {
                self.record_one(word, group);
            }
            return;
        }
        self.record_one(change, group);
    }

    fn record_one(&mut self, change: Change, group: Group) {
        self.undone.clear();
        self.bytes += change.bytes();
        let joined = self.done.back_mut().is_some_and(|(last, last_group)| {
            *last_group == group
                && last.cursor_after == change.cursor_before
                && join(last, &change, group)
        });
        if !joined {
            self.done.push_back((change, group));
        }
        self.trim();
    }

    /// The change to take back, if any.
    pub fn undo(&mut self) -> Option<Change> {
        let (change, _) = self.done.pop_back()?;
        self.bytes -= change.bytes();
        self.undone.push(change.clone());
        Some(change)
    }

    /// The change to make again, if any.
    pub fn redo(&mut self) -> Option<Change> {
        let change = self.undone.pop()?;
        self.bytes += change.bytes();
        // A redone step never joins the typing that follows.
        self.done.push_back((change.clone(), Group::Alone));
        Some(change)
    }

    /// Ends the step being typed: what is typed next is a step of its own
    /// (after the cursor moved, or when the field is come back to).
    pub fn seal(&mut self) {
        if let Some((_, group)) = self.done.back_mut() {
            *group = Group::Alone;
        }
    }

    /// The bytes of text the steps hold.
    pub fn bytes(&self) -> usize {
        self.bytes + self.undone.iter().map(Change::bytes).sum::<usize>()
    }

    /// Whether there is nothing to undo or redo.
    pub fn is_empty(&self) -> bool {
        self.done.is_empty() && self.undone.is_empty()
    }

    /// How many steps undo can take back.
    #[cfg(test)]
    pub fn steps(&self) -> usize {
        self.done.len()
    }

    fn trim(&mut self) {
        while self.done.len() > MAX_STEPS || (self.bytes > MAX_BYTES && self.done.len() > 1) {
            if let Some((old, _)) = self.done.pop_front() {
                self.bytes -= old.bytes();
            }
        }
    }
}

/// Joins `next` onto `last` when both are of the same run of typing or of
/// deleting; returns whether it did.
fn join(last: &mut Change, next: &Change, group: Group) -> bool {
    match group {
        Group::Typing => {
            let word_starts = !next.inserted.starts_with(char::is_whitespace)
                && last.inserted.ends_with(char::is_whitespace);
            // Typing over a selection (what it replaced is `removed`) goes
            // on into the same step.
            if !next.removed.is_empty() || next.at != last.at + last.inserted.len() || word_starts {
                return false;
            }
            last.inserted.push_str(&next.inserted);
        }
        Group::Deleting => {
            if !last.inserted.is_empty() || !next.inserted.is_empty() {
                return false;
            }
            if next.at + next.removed.len() == last.at {
                // Backspace: the removed text grows to the left.
                last.removed.insert_str(0, &next.removed);
                last.at = next.at;
            } else if next.at == last.at {
                // Delete: to the right.
                last.removed.push_str(&next.removed);
            } else {
                return false;
            }
        }
        Group::Alone => return false,
    }
    last.cursor_after = next.cursor_after;
    true
}

/// An insertion cut where each word starts (a letter after a space), each
/// piece with the cursor where it would have been when typed key by key.
fn words(change: &Change) -> Vec<Change> {
    let text = &change.inserted;
    let mut starts = vec![0];
    let mut after_space = false;
    for (i, c) in text.char_indices() {
        if after_space && !c.is_whitespace() {
            starts.push(i);
        }
        after_space = c.is_whitespace();
    }
    if starts.len() == 1 {
        return vec![change.clone()];
    }
    starts.push(text.len());
    starts
        .windows(2)
        .map(|w| Change {
            at: change.at + w[0],
            removed: String::new(),
            inserted: text[w[0]..w[1]].to_owned(),
            cursor_before: if w[0] == 0 {
                change.cursor_before
            } else {
                change.at + w[0]
            },
            cursor_after: if w[1] == text.len() {
                change.cursor_after
            } else {
                change.at + w[1]
            },
        })
        .collect()
}

fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

fn common_suffix(a: &str, b: &str) -> usize {
    a.bytes()
        .rev()
        .zip(b.bytes().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn typed(history: &mut History, text: &mut String, cursor: &mut usize, s: &str) {
        for c in s.chars() {
            let before = text.clone();
            text.insert(*cursor, c);
            let change =
                Change::between(&before, text, 0, (*cursor, *cursor + c.len_utf8())).unwrap();
            *cursor += c.len_utf8();
            history.record(change, Group::Typing);
        }
    }

    /// Replaces `range` of `text` with `insert`, and records the change,
    /// the cursor going from `cursors.0` to `cursors.1`.
    fn edit(
        h: &mut History,
        text: &mut String,
        range: std::ops::Range<usize>,
        insert: &str,
        cursors: (usize, usize),
        group: Group,
    ) {
        let before = text.clone();
        text.replace_range(range, insert);
        h.record(Change::between(&before, text, 0, cursors).unwrap(), group);
    }

    #[test]
    fn typing_is_undone_a_word_at_a_time() {
        let (mut h, mut text, mut cursor) = (History::default(), String::new(), 0);
        typed(&mut h, &mut text, &mut cursor, "hello big world");
        assert_eq!(h.steps(), 3);
        let mut undo = |text: &mut String| h.undo().unwrap().apply(text, false).unwrap();
        assert_eq!(undo(&mut text), 10);
        assert_eq!(text, "hello big ");
        undo(&mut text);
        assert_eq!(text, "hello ");
        undo(&mut text);
        assert_eq!(text, "");
    }

    #[test]
    fn a_letter_typed_beside_the_same_letter_is_recorded_where_it_was_typed() {
        let c = Change::between("aa", "aaa", 0, (1, 2)).unwrap();
        assert_eq!((c.at, c.inserted.as_str()), (1, "a"));
        let c = Change::between("xaab", "xab", 10, (13, 12)).unwrap();
        assert_eq!((c.at, c.removed.as_str()), (12, "a"));
    }

    #[test]
    fn backspaces_in_a_row_are_one_step_and_delete_keys_too() {
        let mut h = History::default();
        let mut text = String::from("abcdef");
        for cursor in [6, 5, 4] {
            let deleted = cursor - 1..cursor;
            edit(
                &mut h,
                &mut text,
                deleted,
                "",
                (cursor, cursor - 1),
                Group::Deleting,
            );
        }
        assert_eq!(text, "abc");
        for _ in 0..2 {
            edit(&mut h, &mut text, 0..1, "", (0, 0), Group::Deleting);
        }
        assert_eq!(text, "c");
        assert_eq!(h.steps(), 2);
        h.undo().unwrap().apply(&mut text, false).unwrap();
        assert_eq!(text, "abc");
        h.undo().unwrap().apply(&mut text, false).unwrap();
        assert_eq!(text, "abcdef");
    }

    #[test]
    fn a_change_is_not_applied_to_a_text_it_was_not_recorded_against() {
        let c = Change::between("Kept.", "Kept. More", 0, (5, 10)).unwrap();
        let mut other = String::from("Other text");
        assert_eq!(c.apply(&mut other, false), None);
        assert_eq!(other, "Other text");
        let mut short = String::from("Kept");
        assert_eq!(c.apply(&mut short, false), None, "no panic past the end");
        let mut same = String::from("Kept. More");
        assert_eq!(c.apply(&mut same, false), Some(5));
        assert_eq!(same, "Kept.");
    }

    #[test]
    fn a_burst_of_typing_is_undone_a_word_at_a_time_as_if_typed_key_by_key() {
        let mut h = History::default();
        let mut text = String::from("hel");
        h.record(
            Change::between("", "hel", 0, (0, 3)).unwrap(),
            Group::Typing,
        );
        let burst = Change::between("hel", "hello world again", 0, (3, 17)).unwrap();
        h.record(burst, Group::Typing);
        text.push_str("lo world again");
        assert_eq!(h.steps(), 3);
        let mut undo = |text: &mut String| h.undo().unwrap().apply(text, false).unwrap();
        assert_eq!(undo(&mut text), 12);
        assert_eq!(text, "hello world ");
        assert_eq!(undo(&mut text), 6);
        assert_eq!(text, "hello ");
        assert_eq!(undo(&mut text), 0);
        assert_eq!(text, "");
    }

    #[test]
    fn a_long_burst_is_a_paste_undone_at_once() {
        let mut h = History::default();
        let long = "word ".repeat(40);
        h.record(
            Change::between("", &long, 0, (0, long.len())).unwrap(),
            Group::Typing,
        );
        assert_eq!(h.steps(), 1);
    }

    #[test]
    fn typing_over_a_selection_is_one_step_with_what_follows() {
        let mut h = History::default();
        let mut text = String::from("a selected b");
        edit(&mut h, &mut text, 2..10, "n", (10, 3), Group::Typing);
        edit(&mut h, &mut text, 3..3, "ew", (3, 5), Group::Typing);
        assert_eq!(text, "a new b");
        assert_eq!(h.steps(), 1);
        h.undo().unwrap().apply(&mut text, false).unwrap();
        assert_eq!(text, "a selected b");
    }

    #[test]
    fn typing_after_a_seal_is_a_step_of_its_own() {
        let (mut h, mut text, mut cursor) = (History::default(), String::new(), 0);
        typed(&mut h, &mut text, &mut cursor, "one");
        h.seal();
        typed(&mut h, &mut text, &mut cursor, "two");
        assert_eq!(h.steps(), 2);
        h.undo().unwrap().apply(&mut text, false).unwrap();
        assert_eq!(text, "one");
    }

    #[test]
    fn a_new_change_forgets_what_was_undone() {
        let (mut h, mut text, mut cursor) = (History::default(), String::new(), 0);
        typed(&mut h, &mut text, &mut cursor, "one two");
        h.undo().unwrap().apply(&mut text, false).unwrap();
        cursor = text.len();
        typed(&mut h, &mut text, &mut cursor, "!");
        assert!(h.redo().is_none());
    }

    #[test]
    fn what_is_undone_then_forgotten_is_not_counted_against_the_limit() {
        let mut h = History::default();
        let big = "y".repeat(MAX_BYTES / 2);
        let paste = |h: &mut History, s: &str| {
            h.record(
                Change {
                    at: 0,
                    removed: String::new(),
                    inserted: s.to_owned(),
                    cursor_before: 0,
                    cursor_after: s.len(),
                },
                Group::Alone,
            )
        };
        paste(&mut h, &big);
        h.undo();
        // Typed over: the undone paste is gone, and so are its bytes.
        paste(&mut h, "a");
        paste(&mut h, &big);
        paste(&mut h, "b");
        assert_eq!(h.steps(), 3, "nothing forgotten: {} bytes", h.bytes());
        assert_eq!(h.bytes(), big.len() + 2);
    }

    #[test]
    fn old_steps_are_forgotten_past_the_limits() {
        let mut h = History::default();
        for i in 0..MAX_STEPS + 10 {
            let c = Change {
                at: i,
                removed: String::new(),
                inserted: "x".into(),
                cursor_before: i,
                cursor_after: i + 1,
            };
            h.record(c, Group::Alone);
        }
        assert_eq!(h.steps(), MAX_STEPS);
        let big = "y".repeat(MAX_BYTES / 2 + 1);
        for _ in 0..3 {
            let c = Change {
                at: 0,
                removed: String::new(),
                inserted: big.clone(),
                cursor_before: 0,
                cursor_after: 0,
            };
            h.record(c, Group::Alone);
        }
        assert!(h.bytes() <= MAX_BYTES, "{} bytes kept", h.bytes());
        assert_eq!(h.undo().unwrap().inserted.len(), big.len());
    }

    proptest! {
        /// Whatever the edits, undoing them all gives back the first text
        /// and redoing them all the last, byte for byte.
        #[test]
        fn undo_and_redo_give_back_every_text(
            start in "[ab \n\r\u{e9}\u{7814}\u{1f600}\u{200d}]{0,20}",
            edits in prop::collection::vec((0usize..60, 0usize..6, "[ab \r\n\u{e9}\u{7814}\u{1f600}\u{200d}]{0,3}", 0usize..3), 1..30),
        ) {
            let mut h = History::default();
            let mut text = start.clone();
            for (at, len, insert, group) in edits {
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) { at -= 1; }
                let mut end = (at + len).min(text.len());
                while !text.is_char_boundary(end) { end += 1; }
                let before = text.clone();
                text.replace_range(at..end, &insert);
                let cursors = (end, at + insert.len());
                let group = [Group::Typing, Group::Deleting, Group::Alone][group];
                if let Some(c) = Change::between(&before, &text, 0, cursors) {
                    let mut check = before.clone();
                    prop_assert!(c.apply(&mut check, true).is_some());
                    prop_assert_eq!(&check, &text);
                    h.record(c, group);
                }
            }
            let last = text.clone();
            while let Some(c) = h.undo() { prop_assert!(c.apply(&mut text, false).is_some()); }
            prop_assert_eq!(&text, &start);
            while let Some(c) = h.redo() { prop_assert!(c.apply(&mut text, true).is_some()); }
            prop_assert_eq!(&text, &last);
        }
    }
}
