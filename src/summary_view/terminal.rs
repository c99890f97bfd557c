//! The summary view in the real terminal: raw mode and the alternate
//! screen, restored on every way out (the end, an error, a panic, a
//! signal). Small equivalents of the wizard's helpers, without its
//! autosave and external editor.

use super::keymap::lookup;
use super::model::Model;
use super::update::{Msg, update};
use super::view::view;
use crossterm::event::{self, Event, KeyEventKind};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

fn enter() -> io::Result<ratatui::DefaultTerminal> {
    crossterm::terminal::enable_raw_mode()?;
    crossterm::execute!(io::stdout(), crossterm::terminal::EnterAlternateScreen)?;
    ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(io::stdout()))
}

/// Never panics, never prints: it runs in the panic hook too.
fn leave() {
    let _ = crossterm::terminal::disable_raw_mode();
    let _ = crossterm::execute!(
        io::stdout(),
        crossterm::terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
}

/// Shows `model` until the user quits (or a signal asks to).
pub fn run(mut model: Model) -> io::Result<()> {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGHUP,
        signal_hook::consts::SIGINT,
    ] {
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

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    m: &mut Model,
    stop: &AtomicBool,
) -> io::Result<()> {
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
            Event::Resize(w, h) => Some(Msg::Resize(w, h)),
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
