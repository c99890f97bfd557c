//! The terminal backend: ratatui's crossterm backend, writing less.
//!
//! Over SSH every byte of a keystroke's echo is on the wire, and every
//! write a packet. ratatui's crossterm backend writes a frame in three
//! writes (the cells, then showing the cursor, then moving it, each
//! flushed), ends every frame with 13 bytes of colour and attribute
//! resets (also a frame that changed nothing), shows the cursor again on
//! every frame, and moves the terminal's cursor to the first changed cell
//! even when it is there already. This one gathers a frame and writes it
//! once, and leaves out what the terminal already has: the drawing itself
//! is still ratatui's.

use crossterm::cursor::{Hide, MoveTo, Show};
use crossterm::queue;
use crossterm::style::{
    Attribute, Color, SetAttribute, SetBackgroundColor, SetForegroundColor, SetUnderlineColor,
};
use ratatui::backend::{Backend, ClearType, CrosstermBackend, WindowSize};
use ratatui::buffer::Cell;
use ratatui::layout::{Position, Size};
use std::cell::RefCell;
use std::io::{self, Write};
use std::rc::Rc;

/// A backend for `out` that writes each frame in one write, and only what
/// changes the screen.
pub struct Lean<W: Write> {
    /// Draws into `staged`.
    inner: CrosstermBackend<Staged>,
    /// The frame's bytes, until it is flushed.
    staged: Staged,
    out: W,
    /// Whether the terminal's cursor is shown, when known.
    shown: Option<bool>,
    /// Where the terminal's cursor is, when known.
    at: Option<Position>,
    /// The terminal's size, until [`Lean::resized`]: ratatui asks for it
    /// on every frame, and crossterm opens `/dev/tty` to answer.
    size: std::cell::Cell<Option<Size>>,
}

/// The ends ratatui's backend gives every frame: colours (and the
/// underline colour, when built with it) and attributes back to the
/// default. As crossterm writes them: with `NO_COLOR` set, its colour
/// resets are written differently.
fn reset_tails() -> [Vec<u8>; 2] {
    let (mut with_underline, mut without) = (Vec::new(), Vec::new());
    // Writing to a Vec cannot fail.
    let _ = queue!(
        with_underline,
        SetForegroundColor(Color::Reset),
        SetBackgroundColor(Color::Reset),
        SetUnderlineColor(Color::Reset),
        SetAttribute(Attribute::Reset)
    );
    let _ = queue!(
        without,
        SetForegroundColor(Color::Reset),
        SetBackgroundColor(Color::Reset),
        SetAttribute(Attribute::Reset)
    );
    [with_underline, without]
}

/// Bytes written and not yet sent, shared by the wrapped backend (which
/// writes them) and [`Lean`] (which trims and sends them).
#[derive(Clone, Default)]
struct Staged(Rc<RefCell<Vec<u8>>>);

impl Write for Staged {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }

    /// Sending is [`Lean`]'s, once a frame.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

fn move_to(p: Position) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = queue!(bytes, MoveTo(p.x, p.y));
    bytes
}

impl<W: Write> Lean<W> {
    pub fn new(out: W) -> Self {
        let staged = Staged::default();
        Self {
            inner: CrosstermBackend::new(staged.clone()),
            staged,
            out,
            shown: None,
            at: None,
            size: std::cell::Cell::new(None),
        }
    }

    /// The terminal was resized: its size is asked for again.
    pub fn resized(&mut self) {
        self.size.set(None);
    }

    /// The terminal's state is no longer known (after a clear, or output
    /// that is not a frame).
    fn forget(&mut self) {
        self.at = None;
    }
}

impl<W: Write> Backend for Lean<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut content = content.peekable();
        // Nothing changed: nothing to write, not even the resets.
        let Some(&(x, y, _)) = content.peek() else {
            return Ok(());
        };
        let start = self.staged.0.borrow().len();
        self.inner.draw(content)?;
        let at = self.at.take();
        let mut staged = self.staged.0.borrow_mut();
        // The first changed cell is where the cursor already is (typing
        // at the end of a line): no need to move it there.
        let first = move_to(Position { x, y });
        if at == Some(Position { x, y }) && staged[start..].starts_with(&first) {
            staged.drain(start..start + first.len());
        }
        // One reset instead of three or four: `ESC[0m` resets colours too.
        if let Some(tail) = reset_tails().into_iter().find(|t| staged.ends_with(t)) {
            let keep = staged.len() - tail.len();
            staged.truncate(keep);
            let _ = queue!(*staged, SetAttribute(Attribute::Reset));
        }
        Ok(())
    }

    fn append_lines(&mut self, n: u16) -> io::Result<()> {
        self.forget();
        self.inner.append_lines(n)
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(false) {
            queue!(self.staged, Hide)?;
            self.shown = Some(false);
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        if self.shown != Some(true) {
            queue!(self.staged, Show)?;
            self.shown = Some(true);
        }
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        // The terminal answers for what it was sent: send it first.
        self.flush()?;
        self.inner.get_cursor_position()
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let p = position.into();
        if self.at != Some(p) {
            queue!(self.staged, MoveTo(p.x, p.y))?;
            self.at = Some(p);
        }
        Ok(())
    }

    fn clear(&mut self) -> io::Result<()> {
        self.forget();
        self.inner.clear()
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        self.forget();
        self.inner.clear_region(clear_type)
    }

    fn size(&self) -> io::Result<Size> {
        if let Some(size) = self.size.get() {
            return Ok(size);
        }
        let size = self.inner.size()?;
        self.size.set(Some(size));
        Ok(size)
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        self.inner.window_size()
    }

    fn flush(&mut self) -> io::Result<()> {
        let staged = std::mem::take(&mut *self.staged.0.borrow_mut());
        if !staged.is_empty() {
            self.out.write_all(&staged)?;
        }
        self.out.flush()
    }
}

impl<W: Write> Drop for Lean<W> {
    /// What ratatui's terminal queues as it is dropped (the cursor shown
    /// again) still reaches the terminal; if the terminal is gone there is
    /// no one to tell.
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::Terminal;
    use ratatui::style::{Modifier, Style};

    /// What the terminal was sent, kept after the terminal is gone.
    #[derive(Clone, Default)]
    struct Wire(Rc<RefCell<Vec<u8>>>);

    impl Write for Wire {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            self.0.borrow_mut().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    /// A frame: text at places, in a style, and the cursor.
    #[derive(Debug, Clone)]
    struct Frame {
        texts: Vec<(u16, u16, String, bool)>,
        cursor: Option<(u16, u16)>,
    }

    const W: u16 = 20;
    const H: u16 = 6;

    fn frame() -> impl Strategy<Value = Frame> {
        let text = (0..W, 0..H, "[a-c é]{0,6}", any::<bool>());
        (
            proptest::collection::vec(text, 0..4),
            proptest::option::of((0..W, 0..H)),
        )
            .prop_map(|(texts, cursor)| Frame { texts, cursor })
    }

    fn draw<B: Backend>(t: &mut Terminal<B>, frame: &Frame) {
        let _ = t.draw(|f| {
            for (x, y, text, dim) in &frame.texts {
                let style = if *dim {
                    Style::default().add_modifier(Modifier::DIM)
                } else {
                    Style::default()
                };
                f.buffer_mut().set_string(*x, *y, text, style);
            }
            if let Some(c) = frame.cursor {
                f.set_cursor_position(c);
            }
        });
    }

    fn fixed(w: u16, h: u16) -> ratatui::TerminalOptions {
        ratatui::TerminalOptions {
            viewport: ratatui::Viewport::Fixed(ratatui::layout::Rect::new(0, 0, w, h)),
        }
    }

    /// The screen, cursor and cursor visibility the bytes leave on a
    /// terminal.
    fn seen(bytes: &[u8]) -> (String, (u16, u16), bool, Vec<Option<bool>>) {
        let nz = |n: u16| std::num::NonZero::new(n).expect("not zero");
        let mut parser = vt100::Parser::new(nz(H), nz(W), 0);
        parser.process(bytes);
        let s = parser.screen();
        let dims = (0..H)
            .flat_map(|y| (0..W).map(move |x| (y, x)))
            .map(|(y, x)| s.cell(y, x).map(|c| c.dim()))
            .collect();
        (s.contents(), s.cursor_position(), s.hide_cursor(), dims)
    }

    /// Both backends through the same frames: what each sent.
    fn sent(frames: &[Frame]) -> (Vec<u8>, Vec<u8>) {
        let lean_wire = Wire::default();
        let mut lean =
            Terminal::with_options(Lean::new(lean_wire.clone()), fixed(W, H)).expect("terminal");
        let plain_wire = Wire::default();
        let mut plain =
            Terminal::with_options(CrosstermBackend::new(plain_wire.clone()), fixed(W, H))
                .expect("terminal");
        for f in frames {
            draw(&mut lean, f);
            draw(&mut plain, f);
        }
        // Both before the terminals are dropped (dropping shows the
        // cursor again).
        let plain_bytes = plain_wire.0.borrow().clone();
        let lean_bytes = lean_wire.0.borrow().clone();
        (lean_bytes, plain_bytes)
    }

    proptest! {
        /// Whatever the frames, the terminal shows what ratatui's own
        /// backend would leave on it: the same text, styles, cursor place
        /// and cursor visibility; in no more bytes.
        #[test]
        fn the_screen_is_what_ratatuis_backend_leaves(frames in proptest::collection::vec(frame(), 1..6)) {
            let (lean, plain) = sent(&frames);
            let mut lean_so_far = Vec::new();
            let mut plain_so_far = Vec::new();
            // Frame by frame, not only at the end.
            for n in 1..=frames.len() {
                let (l, p) = sent(&frames[..n]);
                lean_so_far = l;
                plain_so_far = p;
                prop_assert_eq!(seen(&lean_so_far), seen(&plain_so_far));
            }
            prop_assert!(lean.len() <= plain.len(), "{} > {}", lean.len(), plain.len());
            prop_assert_eq!(lean_so_far, lean);
            prop_assert_eq!(plain_so_far, plain);
        }
    }

    #[test]
    fn a_frame_that_changes_nothing_writes_nothing() {
        let wire = Wire::default();
        let mut t = Terminal::with_options(Lean::new(wire.clone()), fixed(W, H)).expect("t");
        let f = Frame {
            texts: vec![(0, 0, "abc".into(), true)],
            cursor: Some((3, 0)),
        };
        draw(&mut t, &f);
        let before = wire.0.borrow().len();
        assert!(before > 0);
        draw(&mut t, &f);
        assert_eq!(
            wire.0.borrow().len(),
            before,
            "an unchanged frame wrote bytes"
        );
    }

    #[test]
    fn a_typed_character_at_the_cursor_is_written_without_moving_there() {
        let wire = Wire::default();
        let mut t = Terminal::with_options(Lean::new(wire.clone()), fixed(W, H)).expect("t");
        let mut f = Frame {
            texts: vec![(0, 1, "ab".into(), false)],
            cursor: Some((2, 1)),
        };
        draw(&mut t, &f);
        let before = wire.0.borrow().len();
        f.texts[0].2 = "abc".into();
        f.cursor = Some((3, 1));
        draw(&mut t, &f);
        let typed = wire.0.borrow()[before..].to_vec();
        // The character, one attribute reset, the cursor moved after it;
        // the cursor is not shown again.
        assert_eq!(
            typed,
            b"c\x1b[0m\x1b[2;4H".to_vec(),
            "{:?}",
            String::from_utf8_lossy(&typed)
        );
    }

    #[test]
    fn a_frame_is_one_write() {
        #[derive(Default)]
        struct Writes(usize, Vec<u8>);
        impl Write for Writes {
            fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
                self.0 += 1;
                self.1.extend_from_slice(buf);
                Ok(buf.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let mut t = Terminal::with_options(Lean::new(Writes::default()), fixed(W, H)).expect("t");
        let f = Frame {
            texts: vec![(0, 0, "abc".into(), true), (4, 3, "de".into(), false)],
            cursor: Some((1, 2)),
        };
        draw(&mut t, &f);
        assert_eq!(t.backend().out.0, 1);
    }
}
