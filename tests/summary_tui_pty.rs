//! `quire summary --tui` end to end in an 80×24 pseudo-terminal: the
//! binary draws the summary, opens a report and quits on `q`, or on
//! SIGTERM, leaving the terminal as it found it (the alternate screen
//! left, the cursor shown, canonical mode and echo back).

#![cfg(unix)]

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const STEP: Duration = Duration::from_secs(10);
const LEAVE_ALTERNATE_SCREEN: &str = "\x1b[?1049l";
const SHOW_CURSOR: &str = "\x1b[?25h";

struct Output {
    parser: vt100::Parser,
    raw: Vec<u8>,
}

struct View {
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    master: Box<dyn MasterPty + Send>,
    output: Arc<Mutex<Output>>,
}

fn spawn() -> View {
    let pty = native_pty_system()
        .openpty(PtySize {
            rows: 24,
            cols: 80,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_quire"));
    cmd.args(["summary", "--tui"]);
    for r in common::REPORTS {
        cmd.arg(format!("{}/tests/fixtures/{r}", env!("CARGO_MANIFEST_DIR")));
    }
    cmd.env_clear();
    if let Some(path) = std::env::var_os("PATH") {
        cmd.env("PATH", path);
    }
    cmd.env("TERM", "xterm-256color");
    cmd.env("NO_COLOR", "1");
    let child = pty.slave.spawn_command(cmd).expect("spawn quire");
    drop(pty.slave);
    let mut reader = pty.master.try_clone_reader().expect("reader");
    let writer = pty.master.take_writer().expect("writer");
    let output = Arc::new(Mutex::new(Output {
        parser: vt100::Parser::new(
            std::num::NonZeroU16::new(24).unwrap(),
            std::num::NonZeroU16::new(80).unwrap(),
            0,
        ),
        raw: Vec::new(),
    }));
    let shared = Arc::clone(&output);
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            let mut o = shared.lock().expect("lock");
            o.parser.process(&buf[..n]);
            o.raw.extend_from_slice(&buf[..n]);
        }
    });
    View {
        child,
        writer,
        master: pty.master,
        output,
    }
}

mod common;

impl View {
    fn screen(&self) -> String {
        self.output.lock().expect("lock").parser.screen().contents()
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write");
        self.writer.flush().expect("flush");
    }

    #[track_caller]
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.screen().contains(text) {
            assert!(
                start.elapsed() < STEP,
                "timed out waiting for {text:?}; the screen:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the exit; then checks the terminal is restored.
    #[track_caller]
    fn assert_quit_cleanly(&mut self) {
        let start = Instant::now();
        let status = loop {
            if let Some(s) = self.child.try_wait().expect("try_wait") {
                break s;
            }
            assert!(
                start.elapsed() < STEP,
                "quire did not exit:\n{}",
                self.screen()
            );
            std::thread::sleep(Duration::from_millis(20));
        };
        assert!(status.success(), "exit status {status:?}");
        std::thread::sleep(Duration::from_millis(100));
        let raw = String::from_utf8_lossy(&self.output.lock().expect("lock").raw).into_owned();
        let tail = &raw[raw.rfind("1 Questions").unwrap_or(0)..];
        assert!(tail.contains(LEAVE_ALTERNATE_SCREEN), "{tail:?}");
        assert!(tail.contains(SHOW_CURSOR), "{tail:?}");
        let termios = self.master.get_termios().expect("termios");
        let modes = format!("{:?}", termios.local_flags);
        for mode in ["ICANON", "ECHO", "ISIG"] {
            assert!(modes.contains(mode), "raw mode left on: {modes}");
        }
    }
}

impl Drop for View {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[test]
fn browse_open_a_report_and_quit() {
    let mut v = spawn();
    v.wait_for("4 organizations");
    v.wait_for("Q1 Has your organization");
    // Question 12, its first bar (Yes), its first organization, its report.
    v.send(&"\x1b[B".repeat(11));
    v.wait_for("Question 12 (q12, yes-no)");
    v.send("\r");
    v.wait_for("2 organizations");
    v.send("\r\r");
    v.wait_for("(read-only)");
    v.send("\x1b");
    v.wait_for("Q1 Has your organization");
    v.send("q");
    v.assert_quit_cleanly();
}

#[test]
fn sigterm_restores_the_terminal() {
    let mut v = spawn();
    v.wait_for("4 organizations");
    let pid = v.child.process_id().expect("pid");
    let status = std::process::Command::new("sh")
        .args(["-c", "kill -TERM \"$1\"", "sh", &pid.to_string()])
        .status()
        .expect("sh");
    assert!(status.success());
    v.assert_quit_cleanly();
}
