//! The summary view in the real terminal: taken and given back as the
//! wizard does (`crate::tui::terminal`), on every way out (the end, an
//! error, a panic, a signal).

use super::keymap::lookup;
use super::model::Model;
use super::update::{Msg, update};
use super::view::view;
use crate::tui::terminal::{QUIT_SIGNALS, Term, enter, leave};
use crossterm::event::{self, Event, KeyEventKind};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Shows `model` until the user quits (or a signal asks to).
pub fn run(mut model: Model) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in QUIT_SIGNALS {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = enter()?;
    let result = event_loop(&mut terminal, &mut model, &stop);
    leave();
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    result
}

fn event_loop(terminal: &mut Term, m: &mut Model, stop: &AtomicBool) -> io::Result<()> {
    let size = terminal.size()?;
    m.size = (size.width, size.height);
    let mut dirty = true;
    while !stop.load(Ordering::Relaxed) {
        if dirty {
            terminal.draw(|f| view(m, f))?;
            dirty = false;
        }
        // Polled, so that a signal is seen even with no key.
        if !event::poll(Duration::from_millis(250))? {
            continue;
        }
        let msg = match event::read()? {
            Event::Key(k) if k.kind != KeyEventKind::Release => lookup(m.reader.is_some(), &k),
            Event::Resize(w, h) => {
                terminal.backend_mut().resized();
                Some(Msg::Resize(w, h))
            }
            _ => None,
        };
        if let Some(msg) = msg {
            if update(m, msg) {
                break;
            }
            dirty = true;
        }
    }
    Ok(())
}
