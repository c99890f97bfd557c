//! End to end in a real pseudo-terminal: the `quire` binary runs in an
//! 80×24 pty, its output is read by a background thread into a vt100
//! parser, and each step waits for the expected text on the parsed screen
//! (with a generous timeout: the CI machine may be loaded).
//!
//! Every test has its own sandbox: drafts folder (`QUIRE_DRAFTS_DIR`), home
//! and working folder in a temporary directory.

#![cfg(unix)]

use assert_cmd::Command;
use portable_pty::{Child, CommandBuilder, ExitStatus, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use tempfile::TempDir;

const ROWS: u16 = 24;
const COLS: u16 = 80;
/// How long one step may take: the screen to show something, the process
/// to exit. Generous, for a loaded machine; a passing run takes far less.
const STEP: Duration = Duration::from_secs(10);
const POLL: Duration = Duration::from_millis(20);

const ENTER: &str = "\r";
const TAB: &str = "\t";
const DOWN: &str = "\x1b[B";
const CTRL_C: &str = "\x03";

/// What leaving the terminal must write.
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const CLEAR_SCREEN: &str = "\x1b[2J";
const BRACKETED_PASTE_OFF: &str = "\x1b[?2004l";
const SHOW_CURSOR: &str = "\x1b[?25h";
/// Local modes that raw mode turns off and leaving it turns back on.
const COOKED: [&str; 3] = ["ICANON", "ECHO", "ISIG"];

/// A temporary home, drafts folder and working folder.
struct Sandbox {
    dir: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let dir = TempDir::new().expect("temp dir");
        for sub in ["home", "drafts", "work"] {
            std::fs::create_dir(dir.path().join(sub)).expect("mkdir");
        }
        Self { dir }
    }

    fn path(&self, sub: &str) -> PathBuf {
        self.dir.path().join(sub)
    }

    fn drafts(&self) -> PathBuf {
        self.path("drafts")
    }

    /// The ids of the drafts in the folder.
    fn draft_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = std::fs::read_dir(self.drafts())
            .expect("drafts folder")
            .filter_map(|e| {
                let path = e.expect("entry").path();
                (path.extension()? == "toml")
                    .then(|| path.file_stem()?.to_str().map(str::to_owned))?
            })
            .collect();
        ids.sort();
        ids
    }

    /// The one draft of the folder.
    fn only_draft(&self) -> String {
        let ids = self.draft_ids();
        assert_eq!(ids.len(), 1, "drafts: {ids:?}");
        ids[0].clone()
    }

    /// The draft as saved (its file with its journal), as TOML.
    fn draft_file(&self, id: &str) -> String {
        let path = self.drafts().join(format!("{id}.toml"));
        let draft = quire::draft::DraftStore::load_path(&path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        quire::draft::to_toml(&draft)
    }

    /// `quire drafts show ID`, which must succeed.
    fn show(&self, id: &str) -> String {
        let out = Command::cargo_bin("quire")
            .expect("binary")
            .args(["drafts", "show", id])
            .env_clear()
            .env("HOME", self.path("home"))
            .env("QUIRE_DRAFTS_DIR", self.drafts())
            .current_dir(self.path("work"))
            .output()
            .expect("runs");
        assert!(out.status.success(), "{out:?}");
        String::from_utf8(out.stdout).expect("UTF-8")
    }

    /// Starts the wizard (`quire` with `args`) in an 80×24 pty.
    fn spawn(&self, args: &[&str]) -> Wizard {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_quire"));
        cmd.args(args);
        cmd.env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            cmd.env("PATH", path);
        }
        cmd.env("HOME", self.path("home"));
        cmd.env("QUIRE_DRAFTS_DIR", self.drafts());
        cmd.env("TERM", "xterm-256color");
        cmd.env("NO_COLOR", "1");
        cmd.cwd(self.path("work"));
        let child = pty.slave.spawn_command(cmd).expect("spawn quire");
        // Only the child holds the terminal side now: reading gives end of
        // file once it exits.
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("reader");
        let writer = pty.master.take_writer().expect("writer");
        let output = Arc::new(Mutex::new(Output {
            parser: vt100::Parser::new(nonzero(ROWS), nonzero(COLS), 0),
            raw: Vec::new(),
            eof: false,
            stop: false,
        }));
        let shared = Arc::clone(&output);
        let thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => {
                        let mut o = shared.lock().expect("output lock");
                        o.parser.process(&buf[..n]);
                        o.raw.extend_from_slice(&buf[..n]);
                        if o.stop {
                            break;
                        }
                    }
                }
            }
            shared.lock().expect("output lock").eof = true;
        });
        Wizard {
            child,
            writer: Some(writer),
            master: Some(pty.master),
            output,
            reader: Some(thread),
        }
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("not zero")
}

/// Everything the wizard wrote.
struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
    /// Set when the reader has stopped (end of file, or asked to).
    eof: bool,
    /// Asks the reader to stop after its next read.
    stop: bool,
}

/// A running `quire` in a pty.
struct Wizard {
    child: Box<dyn Child + Send + Sync>,
    /// `None` once the terminal is hung up.
    writer: Option<Box<dyn Write + Send>>,
    master: Option<Box<dyn MasterPty + Send>>,
    output: Arc<Mutex<Output>>,
    reader: Option<JoinHandle<()>>,
}

impl Wizard {
    fn screen(&self) -> String {
        self.output
            .lock()
            .expect("output lock")
            .parser
            .screen()
            .contents()
    }

    /// How many bytes the wizard has written so far.
    fn written(&self) -> usize {
        self.output.lock().expect("output lock").raw.len()
    }

    /// The bytes written from offset `from` on.
    fn raw_since(&self, from: usize) -> String {
        String::from_utf8_lossy(&self.output.lock().expect("output lock").raw[from..]).into_owned()
    }

    /// Types keys (bytes as a terminal sends them).
    fn send(&mut self, keys: &str) {
        let writer = self.writer.as_mut().expect("the terminal is open");
        writer.write_all(keys.as_bytes()).expect("write to pty");
        writer.flush().expect("flush pty");
    }

    /// Waits until `pred` holds for the screen.
    #[track_caller]
    fn wait_until(&self, what: &str, pred: impl Fn(&str) -> bool) {
        let start = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return;
            }
            if start.elapsed() > STEP {
                panic!("timed out after {STEP:?} waiting for {what}; the screen:\n{screen}");
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits until every text is on the screen.
    #[track_caller]
    fn wait_for(&self, texts: &[&str]) {
        self.wait_until(&format!("{texts:?}"), |s| {
            texts.iter().all(|t| s.contains(t))
        });
    }

    /// Waits for the process to exit, whatever the status.
    #[track_caller]
    fn wait_gone(&mut self) -> ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            if start.elapsed() > STEP {
                panic!("quire did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(POLL);
        }
    }

    /// Waits for the process to exit, then for its last output.
    #[track_caller]
    fn wait_exit(&mut self) -> ExitStatus {
        let status = self.wait_gone();
        self.join_reader();
        status
    }

    /// Waits for the reader thread to stop.
    #[track_caller]
    fn join_reader(&mut self) {
        let start = Instant::now();
        while !self.output.lock().expect("output lock").eof {
            assert!(start.elapsed() < STEP, "the reader did not stop");
            std::thread::sleep(POLL);
        }
        if let Some(t) = self.reader.take() {
            t.join().expect("reader thread");
        }
    }

    /// Closes the terminal, as closing its window does: `keys` are typed
    /// last (they must change the screen, so that the reader wakes up and
    /// lets go of its end; they may be lost), then every descriptor of the
    /// pty's master side is closed. The kernel hangs up the terminal:
    /// SIGHUP, and reading or writing it fails from then on.
    fn hang_up(&mut self, keys: &str) {
        self.output.lock().expect("output lock").stop = true;
        self.send(keys);
        self.join_reader();
        self.writer = None;
        self.master = None;
    }

    /// The terminal's local modes (`ICANON`, `ECHO`, …), as termios says.
    fn local_modes(&self) -> Vec<String> {
        let master = self.master.as_ref().expect("the terminal is open");
        let termios = master.get_termios().expect("termios of the pty");
        // Printed as `LocalFlags(ECHO | ICANON | …)`.
        format!("{:?}", termios.local_flags)
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty() && *w != "LocalFlags")
            .map(str::to_owned)
            .collect()
    }

    fn pid(&self) -> u32 {
        self.child.process_id().expect("pid")
    }
}

impl Drop for Wizard {
    /// A failed test must not leave its quire running.
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// After quitting: the exit status is 0, the output from `from` on leaves
/// the alternate screen, turns bracketed paste off and shows the cursor,
/// and the terminal is back in canonical mode with echo.
#[track_caller]
fn assert_quit_cleanly(w: &mut Wizard, from: usize) {
    let status = w.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(status.signal(), None);
    let tail = w.raw_since(from);
    for (name, seq) in [
        ("leave the alternate screen", LEAVE_ALTERNATE_SCREEN),
        ("bracketed paste off", BRACKETED_PASTE_OFF),
        ("show the cursor", SHOW_CURSOR),
    ] {
        assert!(
            tail.contains(seq),
            "no {name} ({seq:?}) after quitting: {tail:?}"
        );
    }
    // The wizard's screen is blanked before it is left: tmux, after a
    // resize, showed rows of it (answers) on the shell's screen.
    let leave = tail.rfind(LEAVE_ALTERNATE_SCREEN).unwrap_or(0);
    let cleared = tail[..leave].rfind(CLEAR_SCREEN);
    // Nothing but a cursor move between the two.
    let only_a_move = |t: &str| {
        t.is_empty()
            || (t.starts_with("\x1b[")
                && t.ends_with('H')
                && t[2..t.len() - 1]
                    .chars()
                    .all(|c| c.is_ascii_digit() || c == ';'))
    };
    assert!(
        cleared.is_some_and(|c| only_a_move(&tail[c + CLEAR_SCREEN.len()..leave])),
        "the screen is not cleared just before it is left: {tail:?}"
    );
    let modes = w.local_modes();
    for mode in COOKED {
        assert!(
            modes.iter().any(|m| m == mode),
            "raw mode left on: {modes:?}"
        );
    }
}

#[test]
fn answers_branch_quit_and_resume_on_the_same_field() {
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);

    // No drafts: the organization is asked at once.
    w.wait_for(&["New assessment", "Organization name"]);
    let modes = w.local_modes();
    for mode in COOKED {
        assert!(
            !modes.iter().any(|m| m == mode),
            "not in raw mode: {modes:?}"
        );
    }
    w.send("Pty Test Office");
    w.wait_for(&["Pty Test Office"]);
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Choose one"]);

    // Q1: Yes (Enter on the first option) goes to the follow-up; PgDn on.
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Your answer"]);
    w.send("\x1b[6~");
    w.wait_for(&["Question 2 of 13", "Choose one"]);

    // Q2: No, then its follow-up.
    w.send(DOWN);
    w.send(ENTER);
    w.wait_for(&["Question 2 of 13", "Your answer"]);
    w.send("By the spring of 2025.");
    w.wait_for(&["By the spring of 2025."]);
    w.send(TAB);
    w.wait_for(&["Question 3 of 13", "Choose one"]);

    // Q3 "in the process of reviewing" asks Q4.
    w.send(DOWN);
    w.send(ENTER);
    w.wait_for(&["Question 4 of 13", "13 asked", "Your answer"]);
    w.send("Target: December 2025.");
    w.wait_for(&["Target: December 2025."]);
    w.send(TAB);
    w.wait_for(&["Question 5 of 13", "Choose one"]);

    // Q5: the first option, then into its description.
    w.send(ENTER);
    w.wait_for(&["Question 5 of 13", "Your answer"]);
    w.send("Clarified expected behaviours");
    w.wait_for(&["Clarified expected behaviours"]);

    // Ctrl-C quits, saving what was typed.
    let before_quit = w.written();
    w.send(CTRL_C);
    assert_quit_cleanly(&mut w, before_quit);
    let said = w.raw_since(before_quit);
    drop(w);

    let id = sandbox.only_draft();
    // Where the draft is, and how to go on, once the terminal is back.
    assert!(
        said.contains(&format!("Saved draft {id}; resume with: quire open {id}")),
        "{said:?}"
    );
    let shown = sandbox.show(&id);
    for text in [
        "Pty Test Office",
        "By the spring of 2025.",
        "My organization is in the process of reviewing its code of conduct.",
        "Target: December 2025.",
        "Yes, my organization updated its code of conduct.",
        "Clarified expected behaviours",
    ] {
        assert!(
            shown.contains(text),
            "{text:?} not in `drafts show`:\n{shown}"
        );
    }

    // Again: the start screen lists the draft; Enter resumes it on Q5's
    // description, with the text in the editor.
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Drafts", "Pty Test Office", "required", &id]);
    w.send(ENTER);
    w.wait_for(&[
        "Question 5 of 13",
        "Your answer",
        "Clarified expected behaviours",
    ]);
    assert!(
        !w.screen().contains("Choose one"),
        "the options are focused, not the description:\n{}",
        w.screen()
    );
    // Typing goes on at the end of the answer.
    w.send(" and risks.");
    w.wait_for(&["Clarified expected behaviours and risks."]);
    let before_quit = w.written();
    w.send(CTRL_C);
    assert_quit_cleanly(&mut w, before_quit);
    drop(w);

    let shown = sandbox.show(&id);
    assert!(
        shown.contains("Clarified expected behaviours and risks."),
        "{shown}"
    );
}

/// Types `text` into the focused editor and waits for it on screen, making
/// sure it is not saved yet: the autosave comes half a second after the
/// first unsaved key, and a loaded machine may let it run first; then more
/// is typed.
/// Returns all that was typed.
fn type_unsaved(sandbox: &Sandbox, w: &mut Wizard, id: &str, text: &str) -> String {
    let mut typed = text.to_owned();
    w.send(&typed);
    w.wait_for(&[&typed]);
    let mut tries = 0;
    while sandbox.draft_file(id).contains(&typed) {
        tries += 1;
        assert!(tries < 10, "the autosave always came first");
        let more = format!(" then{tries}");
        w.send(&more);
        typed.push_str(&more);
        w.wait_for(&[&typed]);
    }
    typed
}

/// Sends SIGTERM to a process of this test.
fn sigterm(pid: u32) {
    let status = std::process::Command::new("sh")
        .args(["-c", "kill -TERM \"$1\"", "sh", &pid.to_string()])
        .status()
        .expect("sh");
    assert!(status.success(), "kill -TERM {pid}: {status}");
}

#[test]
fn sigterm_saves_the_text_being_typed_and_restores_the_terminal() {
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Organization name"]);
    w.send("Signal Office");
    w.wait_for(&["Signal Office"]);
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Choose one"]);
    // Yes, then into the follow-up's editor.
    w.send(ENTER);
    w.wait_for(&["Your answer"]);
    let id = sandbox.only_draft();

    // SIGTERM as soon as the text is on screen, before the autosave.
    let typed = type_unsaved(&sandbox, &mut w, &id, "Typed just before the signal");
    let before_signal = w.written();
    sigterm(w.pid());
    assert_quit_cleanly(&mut w, before_signal);
    drop(w);

    let file = sandbox.draft_file(&id);
    assert!(file.contains(&typed), "{typed:?} not saved:\n{file}");
    let shown = sandbox.show(&id);
    assert!(shown.contains(&typed), "{shown}");
}

#[test]
fn closing_the_terminal_saves_the_text_being_typed() {
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Organization name"]);
    w.send("Hangup Office");
    w.wait_for(&["Hangup Office"]);
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Choose one"]);
    w.send(ENTER);
    w.wait_for(&["Your answer"]);
    let id = sandbox.only_draft();

    // Close the window as soon as the text is on screen, before the
    // autosave.
    let typed = type_unsaved(&sandbox, &mut w, &id, "Typed before the window closed");
    w.hang_up(".");
    let status = w.wait_gone();
    drop(w);

    let file = sandbox.draft_file(&id);
    assert!(
        file.contains(&typed),
        "{typed:?} not saved (exit {status:?}); the draft:\n{file}"
    );
}

#[test]
fn a_burst_of_keys_without_bracketed_paste_is_absorbed_and_ctrl_c_still_quits() {
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Organization name"]);
    w.send("Burst Office");
    w.wait_for(&["Burst Office"]);
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Choose one"]);
    w.send(ENTER);
    w.wait_for(&["Your answer"]);
    let id = sandbox.only_draft();

    // 32 KB of keys at once, lines ended by Enter as a terminal sends them
    // when a paste is not bracketed (a typing tool, an old terminal): one
    // frame per key used to freeze the wizard for minutes, Ctrl-C included.
    let lines: Vec<String> = (0..640)
        .map(|i| format!("burst line {i:04} with enough words to be long"))
        .collect();
    w.send(&lines.join(ENTER));
    w.send(CTRL_C);
    let status = w.wait_exit();
    assert!(status.success(), "exit status {status:?}");
    drop(w);

    let shown = sandbox.show(&id);
    let last = lines.last().expect("lines");
    assert!(
        shown.contains(last),
        "the burst's last line was not saved:\n{shown}"
    );
    let file = sandbox.draft_file(&id);
    assert!(
        file.contains(&lines.join("\n")),
        "the burst is not in the draft whole and in order"
    );
}

/// A small random generator: the crash test's moments are random but can
/// be replayed from the seed it prints.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The text of the Q1 follow-up answer in the draft as saved.
fn q1_answer(sandbox: &Sandbox, id: &str) -> String {
    let path = sandbox.drafts().join(format!("{id}.toml"));
    let draft = quire::draft::DraftStore::load_path(&path)
        .unwrap_or_else(|e| panic!("unreadable after a kill: {}: {e}", path.display()));
    draft
        .answers
        .iter()
        .find(|(k, _)| k.question == "q1" && k.field.is_some())
        .map_or_else(String::new, |(_, v)| match v {
            quire::answers::Value::Text(t) => t.clone(),
            quire::answers::Value::Choice(_) => String::new(),
        })
}

/// The files of the drafts folder, relative, that a draft may have: its
/// file, journal, lock and numbered versions. Anything else (a temporary
/// copy left by a killed save above all) is returned.
fn unexpected_files(sandbox: &Sandbox, id: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut walk = vec![sandbox.drafts()];
    while let Some(dir) = walk.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if entry.file_type().expect("type").is_dir() {
                walk.push(path);
                continue;
            }
            let rel = path
                .strip_prefix(sandbox.drafts())
                .expect("inside")
                .to_string_lossy()
                .into_owned();
            let version = rel
                .strip_prefix(&format!("history/{id}/"))
                .and_then(|n| n.strip_suffix(".toml"))
                .is_some_and(|n| n.parse::<u64>().is_ok());
            let own = [".toml", ".journal", ".lock"]
                .iter()
                .any(|ext| rel == format!("{id}{ext}"));
            if !own && !version {
                out.push(rel);
            }
        }
    }
    out
}

/// SIGKILL at random moments while a scripted typist works: after each
/// kill the draft reads, holds everything typed more than a second before
/// the kill and nothing that was not typed, and the next start leaves no
/// temporary copy behind. `QUIRE_CRASH_KILLS` and `QUIRE_CRASH_SEED` change
/// the count and replay a run.
#[test]
fn kill_9_while_typing_loses_nothing_typed_a_second_before() {
    let kills: usize = std::env::var("QUIRE_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(30);
    let seed = std::env::var("QUIRE_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
                | 1
        });
    eprintln!("crash test: QUIRE_CRASH_SEED={seed} QUIRE_CRASH_KILLS={kills}");
    let mut rng = Rng(seed);
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Organization name"]);
    w.send("Crash Office");
    w.wait_for(&["Crash Office"]);
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13", "Choose one"]);
    w.send(ENTER);
    w.wait_for(&["Your answer"]);
    let id = sandbox.only_draft();
    let mut first = Some(w);
    // What the answer holds for sure after the last kill.
    let mut saved = String::new();
    for kill in 0..kills {
        let mut w = match first.take() {
            Some(w) => w,
            None => {
                let w = sandbox.spawn(&["open", &id]);
                w.wait_for(&["Question 1 of 13"]);
                // Opening folded the journal into the draft and changed
                // nothing, and the lock's holder removed what the kill left.
                assert_eq!(
                    q1_answer(&sandbox, &id),
                    saved,
                    "kill {kill}: opening changed it"
                );
                let stray = unexpected_files(&sandbox, &id);
                assert!(stray.is_empty(), "kill {kill}: left behind: {stray:?}");
                w
            }
        };
        if w.screen().contains("Choose one") {
            w.send(TAB);
        }
        w.wait_until("the follow-up's editor", |s| {
            s.contains("Your answer") && !s.contains("Choose one")
        });
        // When each piece was sent, and how much was typed by then.
        let mut sent: Vec<(Instant, usize)> = Vec::new();
        let mut typed = saved.clone();
        let run = Duration::from_millis(300 + rng.below(2000));
        let start = Instant::now();
        let mut word = 0;
        while start.elapsed() < run {
            let piece = format!("k{kill}w{word} ");
            word += 1;
            w.send(&piece);
            typed.push_str(&piece);
            sent.push((Instant::now(), typed.len()));
            // Mostly quick keys, now and then a pause longer than a second.
            let gap = match rng.below(10) {
                0 => 1000 + rng.below(800),
                _ => rng.below(150),
            };
            std::thread::sleep(Duration::from_millis(gap));
        }
        let killed_at = Instant::now();
        // SAFETY: kill(2) on the pid of our own child, which is running.
        let rc = unsafe { libc::kill(w.pid() as libc::pid_t, libc::SIGKILL) };
        assert_eq!(rc, 0, "kill failed");
        w.wait_gone();
        drop(w);
        let answer = q1_answer(&sandbox, &id);
        assert!(
            typed.starts_with(&answer),
            "kill {kill} (seed {seed}): the draft holds what was not typed:\n{answer:?}\ntyped:\n{typed:?}"
        );
        let must = sent
            .iter()
            .filter(|(t, _)| killed_at.duration_since(*t) > Duration::from_secs(1))
            .map(|(_, len)| *len)
            .max()
            .unwrap_or(saved.len());
        assert!(
            answer.len() >= must,
            "kill {kill} (seed {seed}): lost text typed more than a second before the kill:\nhas {answer:?}\nmust hold {:?}",
            &typed[..must]
        );
        saved = answer;
    }
}

/// Nothing happening, nothing written: idle redraws sent cursor updates
/// four times a second (a packet stream over SSH for as long as quire was
/// open). A key is still drawn at once.
#[test]
fn an_idle_wizard_writes_nothing_to_the_terminal() {
    let sandbox = Sandbox::new();
    let mut w = sandbox.spawn(&[]);
    w.wait_for(&["Organization name"]);
    std::thread::sleep(Duration::from_millis(300));
    let before = w.written();
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(w.raw_since(before), "", "written while idle for 1.5 s");
    w.send("Idle Office");
    w.wait_for(&["Idle Office"]);
    let before = w.written();
    w.send(ENTER);
    w.wait_for(&["Question 1 of 13"]);
    // The draft is saved on creation; after that, quiet again.
    std::thread::sleep(Duration::from_millis(800));
    let settled = w.written();
    assert!(settled > before);
    std::thread::sleep(Duration::from_millis(1500));
    assert_eq!(w.raw_since(settled), "", "written while idle on a question");
    w.send(CTRL_C);
    w.wait_exit();
}
