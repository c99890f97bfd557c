//! The terminal wizard: model, messages, `update` (no I/O), `view` (no state
//! changes), one key map. The loop in `run` performs the effects.

pub mod backend;
mod drafts;
pub mod editing;
pub mod editor;
pub mod keymap;
pub mod layout;
pub mod model;
pub mod msg;
mod path_prompt;
pub mod saver;
pub mod shell;
mod start;
pub mod terminal;
pub mod update;
pub mod view;

use crate::draft::DraftStore;
use crate::questionnaire::Questionnaire;
use crossterm::event::{self, Event, KeyEventKind};
use keymap::Mode;
use model::{Model, Theme};
use msg::{Effect, Msg};
use shell::{Next, Shell};
use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The message for a terminal event in a mode: the key map first; in an
/// editor or a prompt, other keys are typing.
pub fn to_msg(mode: Mode, event: Event) -> Option<Msg> {
    match event {
        Event::Key(key) if key.kind != KeyEventKind::Release => {
            keymap::lookup(mode, &key).or_else(|| unbound(mode, key))
        }
        Event::Paste(text) => Some(Msg::Paste(text)),
        Event::Resize(w, h) => Some(Msg::Resize(w, h)),
        _ => None,
    }
}

/// A key the key map does not bind: in an answer box or a prompt, a
/// character is typed; any other key, and a letter in an answer box left
/// with Esc, is said to do nothing there (rather than being dropped
/// silently, or acted on by a binding nobody listed).
fn unbound(mode: Mode, key: crossterm::event::KeyEvent) -> Option<Msg> {
    use crossterm::event::KeyModifiers;
    let plain = matches!(key.code, crossterm::event::KeyCode::Char(_))
        && (key.modifiers - KeyModifiers::SHIFT).is_empty();
    match mode {
        Mode::Text | Mode::Prompt if plain => Some(Msg::Key(key)),
        Mode::Text | Mode::Prompt | Mode::Browse => Some(Msg::Unbound(keymap::name(&key))),
        _ => None,
    }
}

/// The time, to the millisecond: autosave is due a second after the last
/// key, not at the next whole second.
fn clock() -> chrono::DateTime<chrono::FixedOffset> {
    use chrono::SubsecRound;
    chrono::Local::now().fixed_offset().trunc_subsecs(3)
}

/// The character a key not bound in `mode` types, if it only types one:
/// plain and shifted characters, and in a text field Enter and Ctrl-J
/// (a line feed) for a new line.
fn typed_char(mode: Mode, key: &crossterm::event::KeyEvent) -> Option<char> {
    use crossterm::event::{KeyCode, KeyModifiers};
    let text = mode == Mode::Text;
    match key.code {
        KeyCode::Char(c) if (key.modifiers - KeyModifiers::SHIFT).is_empty() => Some(c),
        KeyCode::Enter if text && key.modifiers.is_empty() => Some('\n'),
        KeyCode::Char('j') if text && key.modifiers == KeyModifiers::CONTROL => Some('\n'),
        _ => None,
    }
}

/// How a wizard session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Farewell {
    /// No draft was open.
    Nothing,
    /// Draft `id` was saved (or opened read-only) and closed.
    Closed { id: String, read_only: bool },
    /// The draft could not be saved: where the answers went instead.
    Unsaved(String),
}

/// The model and the shell that performs its effects.
pub struct App {
    pub model: Model,
    pub shell: Shell,
    /// Effects performed so far: a tick that performs none changed
    /// nothing on screen.
    effects: u64,
}

impl App {
    /// The wizard on the drafts of `store`.
    pub fn new(q: Questionnaire, store: DraftStore, size: (u16, u16), theme: Theme) -> Self {
        let shell = Shell::new(store);
        let drafts = shell.entries(&q);
        let model = Model::new(q, drafts, clock(), size, theme);
        Self {
            model,
            shell,
            effects: 0,
        }
    }

    /// Applies a message and performs every effect it leads to, feeding
    /// their results back. `editor` runs the external editor. Returns
    /// whether the wizard is to quit.
    pub fn dispatch(
        &mut self,
        msg: Msg,
        editor: &mut dyn FnMut(&str) -> Result<String, String>,
    ) -> bool {
        let mut queue = vec![msg];
        let mut quit = false;
        while let Some(msg) = queue.pop() {
            for effect in update::update(&mut self.model, msg) {
                self.effects += 1;
                match self.shell.perform(&self.model, effect) {
                    Next::Msg(m) => queue.insert(0, m),
                    Next::Editor(text) => queue.insert(0, Msg::Edited(editor(&text))),
                    Next::Quit => quit = true,
                    Next::Nothing => {}
                }
            }
        }
        quit
    }

    /// Handles a batch of terminal events, read together because they
    /// arrived faster than frames are drawn. A run of plain typing in a text
    /// field or prompt becomes one `Typed` edit, so that a burst of keys
    /// (a typing tool, a paste without bracketed paste) costs one edit and
    /// one frame rather than one frame per key. Returns whether to quit.
    pub fn handle(
        &mut self,
        events: impl IntoIterator<Item = Event>,
        editor: &mut dyn FnMut(&str) -> Result<String, String>,
    ) -> bool {
        let mut typed = String::new();
        for event in events {
            let mode = self.model.mode();
            let Some(msg) = to_msg(mode, event) else {
                continue;
            };
            if let Msg::Key(key) = &msg
                && let Some(c) = typed_char(mode, key)
            {
                typed.push(c);
                continue;
            }
            if !typed.is_empty() && self.dispatch(Msg::Typed(std::mem::take(&mut typed)), editor) {
                return true;
            }
            if self.dispatch(msg, editor) {
                return true;
            }
        }
        !typed.is_empty() && self.dispatch(Msg::Typed(typed), editor)
    }

    /// Cuts the window of a long answer again if the box it was cut for
    /// has changed width since (it is first cut before the box is drawn).
    /// Returns whether it did, and the frame is to be drawn again.
    pub fn settle_editor(&mut self) -> bool {
        self.model
            .session_mut()
            .and_then(|s| s.editor.as_mut())
            .is_some_and(|e| e.stale() && e.follow_cursor())
    }

    /// How the session ended, for the line printed once the terminal is
    /// back.
    pub fn farewell(&self) -> Farewell {
        if let Some(note) = self.rescue_note() {
            return Farewell::Unsaved(note);
        }
        match self.model.session() {
            Some(s) => Farewell::Closed {
                id: s.draft.id.to_string(),
                read_only: matches!(s.save, model::SaveState::ReadOnly(_)),
            },
            None => Farewell::Nothing,
        }
    }

    /// What to tell the user when quitting could not save the draft.
    pub fn rescue_note(&self) -> Option<String> {
        match self.shell.rescued.as_ref()? {
            Ok(path) => Some(format!(
                "the draft could not be saved when quitting; your answers are in {} (copy it over the draft, or `quire export {}`)",
                path.display(),
                path.display()
            )),
            Err(e) => Some(format!(
                "the draft could not be saved when quitting, nor rescued: {e}"
            )),
        }
    }

    /// Opens a draft by id, as `quire open ID` does.
    pub fn open(&mut self, id: &str) {
        if let Next::Msg(m) = self.shell.perform(&self.model, Effect::Open(id.to_owned())) {
            self.dispatch(m, &mut |_| Err("no editor while opening".into()));
        }
    }

    /// The wizard opening draft `id` (`quire open ID`). The other drafts
    /// are listed only if it cannot be opened and the start screen shows:
    /// reading every draft first delayed the first frame by the size of
    /// the whole folder (seconds with a 50 MB draft in it).
    pub fn opening(
        q: Questionnaire,
        store: DraftStore,
        size: (u16, u16),
        theme: Theme,
        id: &str,
    ) -> Self {
        let mut app = Self {
            model: Model::new(q, Vec::new(), clock(), size, theme),
            shell: Shell::new(store),
            effects: 0,
        };
        app.open(id);
        if app.model.session().is_none() {
            app.model.drafts = app.shell.entries(&app.model.questionnaire);
        }
        app
    }
}

/// The longest the loop waits for a key at a time: a quit signal is
/// looked at between two waits, since nothing can wake crossterm's wait.
/// Always bounded: crossterm's wait without a bound never returns once
/// the terminal is gone (crossterm issue 793), and a closed window must
/// still save and quit on SIGHUP.
const SIGNAL_CHECK: Duration = Duration::from_millis(500);

/// The wait while a background save is under way: its result comes back
/// on a channel crossterm's wait does not watch.
const SAVE_CHECK: Duration = Duration::from_millis(10);

/// The shortest wait for a key: crossterm's wait of zero reads nothing
/// (neither the terminal nor what it has parsed already), so a loop told
/// that something is due now would read no key at all.
const SHORTEST_WAIT: Duration = Duration::from_millis(1);

/// How long crossterm may look for more input once a key is read. Not
/// zero (see `SHORTEST_WAIT`); it never blocks in poll(2), which is given
/// whole milliseconds, and spins at most this long when nothing is left.
/// If it is over before crossterm looks, what is left comes with the next
/// wait, at once: a frame more, nothing lost.
const MORE_INPUT: Duration = Duration::from_micros(20);

/// The terminal events waiting to be read, the first waited for at most
/// `wait`, and whether the terminal is gone (the events read before it
/// went are kept). Keys are read on the loop's own thread: a reader thread
/// that handed them over cost a second wake-up (about a tenth of a
/// millisecond) on the way to each echo.
fn read_events(wait: Duration) -> (Vec<Event>, bool) {
    let mut events = Vec::new();
    match event::poll(wait.max(SHORTEST_WAIT)) {
        Ok(true) => {}
        Ok(false) => return (events, false),
        Err(_) => return (events, true),
    }
    // Everything that is waiting is handled before the next frame: one
    // frame per key froze the wizard for seconds after a burst of typing.
    // Bounded so that an endless stream still gets frames.
    let deadline = std::time::Instant::now() + Duration::from_millis(50);
    loop {
        match event::read() {
            Ok(ev) => events.push(ev),
            Err(_) => return (events, true),
        }
        if std::time::Instant::now() >= deadline {
            return (events, false);
        }
        match event::poll(MORE_INPUT) {
            Ok(true) => {}
            Ok(false) => return (events, false),
            Err(_) => return (events, true),
        }
    }
}

/// Runs `$VISUAL` / `$EDITOR` (else `vi`) on `text`, the terminal suspended.
fn external_editor(terminal: &mut terminal::Term, text: &str) -> Result<String, String> {
    terminal::leave();
    let result = crate::external_editor::run(text);
    match terminal::enter() {
        Ok(t) => *terminal = t,
        Err(e) => return Err(format!("cannot restore the terminal: {e}")),
    }
    let _ = terminal.clear();
    result
}

/// Runs the wizard in this terminal; `open` resumes a draft directly.
/// Returns a message for the user when the answers could not be saved at
/// the end, saying where they were rescued to.
pub fn run(q: Questionnaire, store: DraftStore, open: Option<&str>) -> io::Result<Farewell> {
    // Installed before the terminal is touched, so that a panic anywhere
    // leaves the terminal usable.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        terminal::leave();
        previous(info);
    }));
    let stop = Arc::new(AtomicBool::new(false));
    for signal in terminal::QUIT_SIGNALS {
        signal_hook::flag::register(signal, Arc::clone(&stop))?;
    }
    let mut terminal = terminal::enter()?;
    let result = event_loop(&mut terminal, q, store, open, &stop);
    terminal::leave();
    // ratatui's Terminal shows the cursor when dropped and prints to stderr
    // if it cannot, which panics when the terminal is gone (window closed).
    if terminal.show_cursor().is_err() {
        std::mem::forget(terminal);
    }
    result
}

fn event_loop(
    terminal: &mut terminal::Term,
    q: Questionnaire,
    store: DraftStore,
    open: Option<&str>,
    stop: &AtomicBool,
) -> io::Result<Farewell> {
    let size = terminal.size()?;
    let theme = Theme {
        color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
    };
    let size = (size.width, size.height);
    let mut app = match open {
        Some(id) => App::opening(q, store, size, theme, id),
        None => App::new(q, store, size, theme),
    };
    // Only the real terminal session reads where the user's files are:
    // tests build `App` with none known, or with their own.
    app.model.places = crate::paths::Places::from_env();
    // Saves go to a thread of their own: a save (an fsync, now and then
    // the whole draft written) used to hold up the key that came with it.
    let (saved_tx, saved) = std::sync::mpsc::channel();
    app.shell.save_in_background(move |result| {
        let _ = saved_tx.send(result);
    });
    let editor = external_editor;
    let mut changed = true;
    let mut drawn_day = None;
    loop {
        if stop.load(Ordering::Relaxed) {
            app.dispatch(Msg::Quit, &mut |_| Err("quitting".into()));
            return Ok(app.farewell());
        }
        // Only when something changed: idle redraws sent a stream of
        // cursor updates (a packet every quarter second over SSH).
        let day = app.model.now.date_naive();
        if (changed || drawn_day != Some(day))
            && let Err(e) = terminal.draw(|f| view::view(&app.model, f))
        {
            // The terminal is gone: keep what was typed, then stop.
            app.dispatch(Msg::Quit, &mut |_| Err("quitting".into()));
            return Err(e);
        }
        drawn_day = Some(day);
        // A window of a long answer cut before the box's width was known
        // is cut again for it, and drawn again at once.
        if changed && app.settle_editor() {
            continue;
        }
        // Woken for the next autosave, or at least every half second for
        // a quit signal, the clock in the header and retried saves.
        // In this order: a save that ends after `saving` is read has sent
        // its result before, and results already in (those of a draft
        // left, whose saves were waited for) are not left to wait.
        let saving = app.shell.saving();
        let mut results: Vec<saver::Saved> = saved.try_iter().collect();
        let wait = if results.is_empty() {
            app.model
                .wake_at()
                .map_or(SIGNAL_CHECK, |t| (t - clock()).to_std().unwrap_or_default())
                .min(if saving { SAVE_CHECK } else { SIGNAL_CHECK })
        } else {
            Duration::ZERO
        };
        // The terminal gone: what was typed is kept, then the loop stops.
        let (events, gone) = read_events(wait);
        results.extend(saved.try_iter());
        if events.iter().any(|e| matches!(e, Event::Resize(..))) {
            terminal.backend_mut().resized();
        }
        let mut editor = |text: &str| editor(terminal, text);
        let before = app.effects;
        changed = !events.is_empty() || !results.is_empty();
        for result in results {
            app.dispatch(Msg::Saved(result), &mut editor);
        }
        if app.dispatch(Msg::Tick(clock()), &mut editor)
            || app.handle(events, &mut editor)
            || (gone && app.dispatch(Msg::Quit, &mut editor))
        {
            return Ok(app.farewell());
        }
        changed |= app.effects != before;
    }
}
