//! `quire import`, `quire export` and `quire drafts …`: every outcome and
//! every error path, with the drafts folder checked byte for byte.
//!
//! Every command runs in a sandbox: a temporary folder holds the drafts
//! (`QUIRE_DRAFTS_DIR`), the home folder (`HOME`, `XDG_DATA_HOME`) and the
//! working folder, so the real data folder is never touched.

use assert_cmd::Command;
use chrono::{DateTime, Duration};
use predicates::prelude::*;
use quire::answers::{FieldKey, Value};
use quire::draft::{DraftId, DraftStore};
use rstest::rstest;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Every file under `dir` by relative path, with its bytes. Lock files are
/// left out: they are OS-lock bookkeeping whose text names the last holder.
type Files = BTreeMap<String, Vec<u8>>;

fn files_under(dir: &Path) -> Files {
    fn walk(root: &Path, dir: &Path, out: &mut Files) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else if path.extension().is_none_or(|e| e != "lock") {
                let rel = path.strip_prefix(root).expect("under root");
                out.insert(
                    rel.display().to_string(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    let mut out = Files::new();
    walk(dir, dir, &mut out);
    out
}

/// Every path under `dir`, folders and lock files included.
fn tree(dir: &Path) -> Vec<String> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.expect("entry").path();
            out.push(
                path.strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string(),
            );
            if path.is_dir() {
                walk(root, &path, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path)
        .expect("metadata")
        .permissions()
        .mode()
        & 0o777
}

struct Sandbox {
    tmp: TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let tmp = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir(tmp.path().join("home")).expect("home");
        Self { tmp }
    }

    fn root(&self) -> &Path {
        self.tmp.path()
    }

    /// The drafts folder (created by the first command that needs it).
    fn dir(&self) -> PathBuf {
        self.root().join("drafts")
    }

    fn home(&self) -> PathBuf {
        self.root().join("home")
    }

    /// `quire`, confined to the sandbox, in UTC.
    fn quire(&self) -> Command {
        Command::from_std(self.std_quire())
    }

    /// [`Sandbox::quire`] as a standard command, for what assert_cmd does
    /// not offer (setting limits in the child).
    fn std_quire(&self) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin!("quire"));
        cmd.current_dir(self.root())
            .env("HOME", self.home())
            .env("XDG_DATA_HOME", self.home().join(".local/share"))
            .env("QUIRE_DRAFTS_DIR", self.dir())
            .env("TZ", "UTC");
        cmd
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir().join(format!("{id}.toml"))
    }

    fn store(&self) -> DraftStore {
        DraftStore::open(self.dir()).expect("store")
    }

    fn files(&self) -> Files {
        files_under(&self.dir())
    }

    /// Imports a report file, returning the new draft's id.
    fn import(&self, report: &Path) -> String {
        let out = self
            .quire()
            .arg("import")
            .arg(report)
            .output()
            .expect("runs");
        assert!(
            out.status.success(),
            "import failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .trim_end()
            .to_owned()
    }

    fn import_fixture(&self, name: &str) -> String {
        self.import(&fixture(name))
    }

    /// Writes `text` into the sandbox as `name`, returning its path.
    fn write(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root().join(name);
        std::fs::write(&path, text).expect("write");
        path
    }

    /// Puts a draft file in the drafts folder as `ID.toml`.
    fn put_draft(&self, id: &str, text: &str) -> PathBuf {
        // Private, as quire makes it: a folder open to others is warned about.
        if !self.dir().exists() {
            self.store();
        }
        let path = self.path(id);
        std::fs::write(&path, text).expect("write draft");
        path
    }
}

/// Public Safety Canada's report cut before Part III: questions 6 to 13
/// are missing, 7 of them required.
fn truncated_report() -> String {
    let text = read(&fixture("public-safety-canada.txt"));
    let cut = text.find("Part III.").expect("Part III");
    text[..cut].to_owned()
}

/// The built-in definition with option `reviewing` of Question 3 renamed
/// and Question 13 removed.
fn changed_questionnaire(sandbox: &Sandbox) -> PathBuf {
    let src = read(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("questionnaire.toml"));
    let renamed = src
        .replacen("id = \"reviewing\"", "id = \"under-review\"", 1)
        .replace("is = \"reviewing\"", "is = \"under-review\"");
    assert_ne!(renamed, src);
    let cut = renamed
        .find("[[part.question]]\nid = \"q13\"")
        .expect("q13 in the definition");
    sandbox.write("changed.toml", &renamed[..cut])
}

const ID_PATTERN: &str = r"^public-safety-canada-[0-9a-f]{4}\n$";

// ---------------------------------------------------------------------------
// import

#[test]
fn import_prints_only_the_id_and_creates_a_private_draft() {
    let s = Sandbox::new();
    let out = s
        .quire()
        .arg("import")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .success()
        .stdout(predicate::str::is_match(ID_PATTERN).expect("regex"))
        .stderr(predicate::str::contains("(14/14 required answers;"));
    let id = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    let id = id.trim_end();
    let path = s.path(id);
    assert!(path.is_file(), "{} exists", path.display());
    assert_eq!(
        s.files().keys().collect::<Vec<_>>(),
        [&format!("{id}.toml")],
        "one file per draft, nothing else"
    );
    let text = read(&path);
    assert!(text.contains("format = 1\n"));
    assert!(text.contains(&format!("id = \"{id}\"\n")));
    assert!(text.contains("organization = \"Public Safety Canada\"\n"));
    #[cfg(unix)]
    {
        assert_eq!(mode(&s.dir()), 0o700, "drafts folder is private");
        assert_eq!(mode(&path), 0o600, "draft file is private");
    }
}

#[test]
fn import_reads_standard_input() {
    let s = Sandbox::new();
    let out = s
        .quire()
        .args(["import", "-"])
        .write_stdin(read(&fixture("privacy-commissioner-canada.txt")))
        .assert()
        .success()
        .stdout(
            predicate::str::is_match(r"^office-of-the-privacy-commissioner-of-[0-9a-f]{4}\n$")
                .expect("regex"),
        )
        .stderr(predicate::str::contains("imported <stdin> into draft"));
    let id = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(s.path(id.trim_end()).is_file());
}

#[test]
fn importing_one_report_twice_gives_two_drafts() {
    let s = Sandbox::new();
    let a = s.import_fixture("public-safety-canada.txt");
    let b = s.import_fixture("public-safety-canada.txt");
    assert_ne!(a, b);
    assert_eq!(s.files().len(), 2);
}

#[test]
fn import_of_a_lenient_report_warns_on_stderr_and_keeps_the_label() {
    let s = Sandbox::new();
    let text = read(&fixture("public-safety-canada.txt")).replacen(
        "identity factors?\n\n  • Yes",
        "identity factors?\n\n  • Partly",
        1,
    );
    let line = text
        .lines()
        .position(|l| l == "  • Partly")
        .expect("edited")
        + 1;
    let report = s.write("lenient.txt", &text);
    let out = s
        .quire()
        .arg("import")
        .arg(&report)
        .assert()
        .success()
        .stdout(predicate::str::is_match(ID_PATTERN).expect("regex"))
        .stderr(predicate::str::contains(format!(
            "{}:{line}: warning: \"Partly\" is not an option of Question 12",
            report.display()
        )));
    let id = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    let id = id.trim_end();
    assert!(read(&s.path(id)).contains("unlisted = \"Partly\"\n"));
    s.quire()
        .args(["drafts", "show", id])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "  Question 12\n    • Partly (not an option of this question)\n",
        ));
}

#[rstest]
#[case::not_a_report(
    fixture("not-a-report.txt"),
    "not-a-report.txt:1: this is not a report"
)]
#[case::missing_file(PathBuf::from("no/such/report.txt"), "cannot read no/such/report.txt")]
fn import_errors_create_nothing(#[case] report: PathBuf, #[case] message: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .arg("import")
        .arg(&report)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(message));
    assert_eq!(s.files(), before, "drafts folder unchanged");
    assert!(s.path(&id).is_file());
}

#[test]
fn drafts_dir_flag_overrides_the_environment() {
    let s = Sandbox::new();
    let flag_dir = s.root().join("from-flag");
    s.quire()
        .arg("--drafts-dir")
        .arg(&flag_dir)
        .arg("import")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .success();
    assert_eq!(files_under(&flag_dir).len(), 1);
    assert!(
        !s.dir().exists(),
        "QUIRE_DRAFTS_DIR is not used with --drafts-dir"
    );
    // The flag works after the subcommand too (it is global).
    s.quire()
        .args(["drafts", "list", "--drafts-dir"])
        .arg(&flag_dir)
        .assert()
        .success()
        .stdout(predicate::str::contains("Public Safety Canada"));
}

#[cfg(target_os = "linux")]
#[test]
fn without_flag_or_variable_drafts_go_to_the_user_data_folder() {
    let s = Sandbox::new();
    s.quire()
        .env_remove("QUIRE_DRAFTS_DIR")
        .env_remove("XDG_DATA_HOME")
        .arg("import")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .success();
    let data = s.home().join(".local/share/quire/drafts");
    assert_eq!(files_under(&data).len(), 1, "{}", data.display());
    assert!(!s.dir().exists());
    // An empty variable counts as unset.
    s.quire()
        .env("QUIRE_DRAFTS_DIR", "")
        .env_remove("XDG_DATA_HOME")
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains("Public Safety Canada"));
}

#[cfg(unix)]
#[test]
fn an_existing_drafts_folder_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    std::fs::create_dir(s.dir()).expect("mkdir");
    std::fs::set_permissions(s.dir(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let id = s.import_fixture("public-safety-canada.txt");
    assert_eq!(mode(&s.dir()), 0o755);
    assert_eq!(
        mode(&s.path(&id)),
        0o600,
        "the draft is private all the same"
    );
}

// ---------------------------------------------------------------------------
// The drafts folder's mode, and commands that only read it

/// Every path under `dir` and `dir` itself, with its mode and times: what a
/// command that only reads must leave as it found it.
#[cfg(unix)]
fn stat_tree(dir: &Path) -> Vec<(String, u32, u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    std::iter::once(String::new())
        .chain(tree(dir))
        .map(|rel| {
            let m = std::fs::symlink_metadata(dir.join(&rel)).expect("metadata");
            (rel, m.mode(), m.size(), m.mtime(), m.mtime_nsec())
        })
        .collect()
}

/// The commands that only read the drafts folder, on draft `id`.
fn read_only_commands(id: &str) -> Vec<Vec<String>> {
    [
        vec!["drafts"],
        vec!["drafts", "list"],
        vec!["drafts", "show", id],
        vec!["drafts", "history", id],
        vec!["export", id],
    ]
    .into_iter()
    .map(|args| args.into_iter().map(str::to_owned).collect())
    .collect()
}

#[cfg(unix)]
#[test]
fn reading_commands_write_nothing_in_a_read_only_folder() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 2);
    std::fs::set_permissions(s.dir(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    // Tests may run as root, whom modes do not stop: what is checked is that
    // nothing was written, made or changed, not that a write failed.
    let before = stat_tree(&s.dir());
    for args in read_only_commands(&id) {
        s.quire()
            .args(&args)
            .assert()
            .success()
            .stderr(predicate::str::contains("warning: the drafts folder").count(1));
        assert_eq!(stat_tree(&s.dir()), before, "after {args:?}");
    }
    std::fs::set_permissions(s.dir(), std::fs::Permissions::from_mode(0o700)).expect("chmod");
}

#[test]
fn reading_commands_make_no_drafts_folder() {
    let s = Sandbox::new();
    s.quire()
        .arg("drafts")
        .assert()
        .success()
        .stdout(format!("no drafts in {}\n", s.dir().display()))
        .stderr("");
    for args in read_only_commands("public-safety-canada-7f3a")
        .into_iter()
        .skip(2)
    {
        s.quire().args(&args).assert().code(1).stdout("").stderr(
            "quire: no draft `public-safety-canada-7f3a` (see `quire drafts` for the list)\n",
        );
    }
    assert!(!s.dir().exists(), "nothing was made");
    assert!(tree(s.root()).iter().all(|p| !p.contains("drafts")));
}

#[cfg(unix)]
#[test]
fn a_shared_folder_keeps_its_sticky_bit_and_is_warned_about_once() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    std::fs::create_dir(s.dir()).expect("mkdir");
    std::fs::set_permissions(s.dir(), std::fs::Permissions::from_mode(0o1777)).expect("chmod");
    let warning = format!(
        "warning: the drafts folder {dir} is open to other users (mode 1777): they can see which drafts it holds and add files to it. Drafts are still written private (0600); if the folder is not shared on purpose, `chmod 700 {dir}`\n",
        dir = s.dir().display()
    );
    let out = s
        .quire()
        .arg("import")
        .arg(fixture("public-safety-canada.txt"))
        .assert()
        .success()
        .stderr(predicate::str::starts_with(warning.as_str()))
        .get_output()
        .clone();
    let id = String::from_utf8(out.stdout).expect("UTF-8");
    let id = id.trim_end();
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(stderr.matches("warning: the drafts folder").count(), 1);
    make_versions(&s, id, 1);
    for args in [
        ["drafts", "restore", id, "1"].as_slice(),
        &["drafts", "rm", "--yes", id],
        &["drafts", "restore", id],
    ] {
        s.quire()
            .args(args)
            .assert()
            .success()
            .stderr(predicate::str::starts_with(warning.as_str()));
    }
    s.quire().arg("drafts").assert().success().stderr(warning);
    assert_eq!(mode(&s.dir()), 0o1777 & 0o777);
    assert_eq!(
        std::fs::metadata(s.dir())
            .expect("metadata")
            .permissions()
            .mode()
            & 0o7777,
        0o1777,
        "the sticky bit stays"
    );
    assert_eq!(mode(&s.path(id)), 0o600);
    assert_eq!(mode(&s.dir().join("history")), 0o700, "made by quire");
}

#[cfg(unix)]
#[rstest]
#[case::private(0o700, None)]
#[case::searchable(0o711, None)]
#[case::readable(0o755, Some("they can see which drafts it holds."))]
#[case::group_writable(0o730, Some("they can add files to it."))]
fn only_a_folder_others_can_read_or_write_is_warned_about(
    #[case] folder_mode: u32,
    #[case] said: Option<&str>,
) {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    std::fs::create_dir(s.dir()).expect("mkdir");
    std::fs::set_permissions(s.dir(), std::fs::Permissions::from_mode(folder_mode)).expect("chmod");
    let assert = s.quire().arg("drafts").assert().success();
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).expect("UTF-8");
    match said {
        None => assert_eq!(stderr, ""),
        Some(what) => assert!(
            stderr.starts_with(&format!(
                "warning: the drafts folder {} is open to other users (mode {folder_mode:04o}): {what}",
                s.dir().display()
            )),
            "{stderr}"
        ),
    }
    assert_eq!(mode(&s.dir()), folder_mode);
}

// ---------------------------------------------------------------------------
// drafts (list)

#[test]
fn list_shows_id_organization_questionnaire_progress_and_when() {
    let s = Sandbox::new();
    let ps = s.import_fixture("public-safety-canada.txt");
    let csc = s.import_fixture("correctional-service-canada.txt");
    let out = s.quire().arg("drafts").output().expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    let header = lines[0];
    let columns = [
        "ID",
        "ORGANIZATION",
        "QUESTIONNAIRE",
        "REQUIRED",
        "LAST SAVED",
    ];
    let at: Vec<usize> = columns
        .iter()
        .map(|c| header.find(c).unwrap_or_else(|| panic!("{c} in {header}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{header}");
    // Sorted by id: correctional-… before public-safety-….
    let rows = [
        (lines[1], &csc, "Correctional Service of Canada", "13/13"),
        (lines[2], &ps, "Public Safety Canada", "14/14"),
    ];
    let when = regex_lite(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(just now\)$");
    for (row, id, organization, progress) in rows {
        // Every cell starts under its heading.
        assert_eq!(&row[..id.len()], id.as_str(), "{row}");
        assert!(row[at[1]..].starts_with(organization), "{row}");
        assert!(
            row[at[2]..].starts_with("values-ethics-self-assessment v2024.1"),
            "{row}"
        );
        assert!(row[at[3]..].starts_with(progress), "{row}");
        assert!(when.eval(&row[at[4]..]), "{row}");
    }
}

fn regex_lite(pattern: &str) -> impl Predicate<str> {
    predicate::str::is_match(pattern).expect("regex")
}

#[test]
fn list_of_an_empty_folder_says_so() {
    let s = Sandbox::new();
    s.quire()
        .arg("drafts")
        .assert()
        .success()
        .stdout(format!("no drafts in {}\n", s.dir().display()));
}

#[rstest]
#[case::utc("UTC", "2020-01-02 08:04")]
#[case::eastern("EST5", "2020-01-02 03:04")]
#[case::east_of_greenwich("CET-1", "2020-01-02 09:04")]
fn list_shows_last_saved_in_local_time_and_how_long_ago(#[case] tz: &str, #[case] shown: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let store = s.store();
    let id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&id).expect("load");
    // Saved in another offset than the one it is shown in.
    draft.updated = DateTime::parse_from_rfc3339("2020-01-02T10:04:05+02:00").expect("date");
    store.save(&draft).expect("save");
    let days = (quire::draft::now() - draft.updated).num_days();
    s.quire()
        .env("TZ", tz)
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "  {shown} ({days} days ago)\n"
        )));
}

#[rstest]
#[case::minutes(Duration::minutes(5), "(5 minutes ago)")]
#[case::one_hour(Duration::minutes(61), "(1 hour ago)")]
#[case::hours(Duration::hours(3), "(3 hours ago)")]
#[case::one_day(Duration::hours(25), "(1 day ago)")]
fn list_says_how_long_ago(#[case] ago: Duration, #[case] said: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let store = s.store();
    let id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&id).expect("load");
    draft.updated = quire::draft::now() - ago;
    store.save(&draft).expect("save");
    s.quire()
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains(said));
}

/// The first bytes of an imported draft, cut inside a multi-line string.
fn truncate_draft(path: &Path) -> String {
    let text = read(path);
    let inside = text.find("text = \"\"\"\n").expect("a multi-line text") + 20;
    let cut = text[..inside].to_owned();
    std::fs::write(path, &cut).expect("truncate");
    cut
}

#[test]
fn list_marks_unreadable_drafts_with_place_and_reason_and_lists_the_others() {
    let s = Sandbox::new();
    let ps = s.import_fixture("public-safety-canada.txt");
    let csc = s.import_fixture("correctional-service-canada.txt");
    truncate_draft(&s.path(&ps));
    let newer = s.put_draft(
        "newer-format-0001",
        &read(&fixture("drafts/newer-format.toml")),
    );
    let bad = s.put_draft("not-toml-0001", &read(&fixture("drafts/not-toml.toml")));
    let before = s.files();
    let out = s.quire().arg("drafts").output().expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains(&format!(
            "\n{csc}  Correctional Service of Canada  values-ethics-self-assessment v2024.1  13/13"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "newer-format-0001  UNREADABLE: {}:4:10: unknown draft format 2; this quire reads format 1",
            newer.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "not-toml-0001  UNREADABLE: {}:7:6: ",
            bad.display()
        )),
        "{stdout}"
    );
    let truncated = format!(
        r"(?m)^{}  UNREADABLE: {}:\d+:\d+: \S",
        ps,
        regex_escape(&s.path(&ps).display().to_string())
    );
    assert!(regex_lite(&truncated).eval(&stdout), "{stdout}");
    assert_eq!(s.files(), before, "listing never changes a file");
}

fn regex_escape(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            let special = "\\.+*?()|[]{}^$#&-~".contains(c);
            special.then_some('\\').into_iter().chain([c])
        })
        .collect()
}

/// A FIFO named like a draft hung `quire drafts` (and the start screen)
/// until someone wrote to it.
#[cfg(unix)]
#[test]
fn list_and_show_name_a_fifo_and_never_open_it() {
    use std::os::unix::ffi::OsStrExt;
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let fifo = s.dir().join("waiting-0001.toml");
    let c = std::ffi::CString::new(fifo.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    let reason = format!(
        "{}: a FIFO (named pipe), not a regular file: quire reads drafts from regular files only",
        fifo.display()
    );
    let out = s.quire().arg("drafts").assert().success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).expect("UTF-8");
    assert!(stdout.contains(&id), "{stdout}");
    assert!(
        stdout.ends_with(&format!("waiting-0001  UNREADABLE: {reason}\n")),
        "{stdout}"
    );
    s.quire()
        .args(["drafts", "show", "waiting-0001"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!("quire: {reason}\n"));
}

#[test]
fn list_progress_counts_what_export_would_count() {
    // Under a definition where a chosen option no longer exists, that answer
    // is an orphan: the list must not call the draft complete when export
    // refuses it for a missing answer.
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let changed = changed_questionnaire(&s);
    s.quire()
        .arg("--questionnaire")
        .arg(&changed)
        .args(["export", &id])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("  Question 3 (q3): "));
    let out = s
        .quire()
        .arg("--questionnaire")
        .arg(&changed)
        .arg("drafts")
        .output()
        .expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        !stdout.contains("14/14") && !stdout.contains("13/13"),
        "a draft export refuses is not listed as complete:\n{stdout}"
    );
}

// ---------------------------------------------------------------------------
// drafts show

#[test]
fn show_prints_parts_questions_and_answers_of_a_complete_draft() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    let out = s
        .quire()
        .args(["drafts", "show", &id])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.starts_with(&format!(
            "Draft {id} · Public Safety Canada · values-ethics-self-assessment v2024.1\nLast saved "
        )),
        "{stdout}"
    );
    for expected in [
        "\nPart I. Values and ethics training plans\n\n  Question 1\n    • Yes\n",
        "\nPart II. Codes of conduct\n",
        "  Question 3\n    • My organization is in the process of reviewing its code of conduct.\n",
        "\nPart IV. Additional information\n",
        "  Question 13\n    PS has taken several actions",
    ] {
        assert!(stdout.contains(expected), "{expected:?} in\n{stdout}");
    }
    assert!(stdout.ends_with("\nNothing required is missing: ready to export.\n"));
    assert!(!stdout.contains("MISSING"));
    // Blank lines between paragraphs of an answer are empty, not indents.
    assert!(
        stdout.contains("\n\n    "),
        "paragraphs of answers:\n{stdout}"
    );
    let padded: Vec<&str> = stdout
        .lines()
        .filter(|l| !l.is_empty() && l.trim().is_empty())
        .collect();
    assert!(padded.is_empty(), "lines of spaces only: {padded:?}");
    assert_eq!(s.files(), before);
}

#[test]
fn show_marks_what_is_missing() {
    let s = Sandbox::new();
    let report = s.write("truncated.txt", &truncated_report());
    let id = s.import(&report);
    let out = s
        .quire()
        .args(["drafts", "show", &id])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("  Question 8\n    MISSING (required)\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("  Question 13\n    (no answer)\n"),
        "{stdout}"
    );
    assert_eq!(stdout.matches("MISSING (required)").count(), 7, "{stdout}");
    assert!(stdout.contains(
        "\nMissing (7):\n  Question 6: What activities or actions has your organization undertaken"
    ));
    assert!(stdout.contains(
        "\n  Question 12: Will these indicators be disaggregated by identity factors?\n"
    ));
}

#[test]
fn show_lists_answers_that_no_longer_fit_a_changed_questionnaire() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let changed = changed_questionnaire(&s);
    let before = s.files();
    let out = s
        .quire()
        .arg("--questionnaire")
        .arg(&changed)
        .args(["drafts", "show", &id])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("\n  Question 3\n    MISSING (required)\n"),
        "{stdout}"
    );
    assert!(stdout.contains(
        "\nMissing (1):\n  Question 3: Has your organization reviewed its code of conduct?\n"
    ));
    assert!(
        stdout.contains(
            "\nAnswers that no longer fit the questionnaire (2; kept in the draft file):\n"
        )
    );
    assert!(stdout.contains(
        "\n  q3: Question 3 no longer has the option `reviewing` (removed or renamed) [changed since last opened]\n      • reviewing\n"
    ), "{stdout}");
    assert!(stdout.contains(
        "\n  q13: question `q13` is no longer in the questionnaire [changed since last opened]\n      PS has taken several actions to advance"
    ), "{stdout}");
    assert_eq!(s.files(), before, "show never writes the draft");
}

#[test]
fn show_lists_orphans_kept_in_the_file_and_unlisted_labels() {
    let s = Sandbox::new();
    s.put_draft(
        "handwritten-7f3a",
        &read(&fixture("drafts/handwritten-7f3a.toml")),
    );
    let before = s.files();
    let out = s
        .quire()
        .args(["drafts", "show", "handwritten-7f3a"])
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(stdout.contains("  Question 4\n    The review ends in December 2024.\n"));
    assert!(stdout.contains("  Question 12\n    • Partly (not an option of this question)\n"));
    assert!(stdout.ends_with(
        "\nAnswers that no longer fit the questionnaire (1; kept in the draft file):\n  q14: question `q14` is no longer in the questionnaire\n      An answer to a question that was removed.\n"
    ), "{stdout}");
    assert_eq!(s.files(), before);
}

#[test]
fn show_works_while_the_draft_is_open_elsewhere() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let _lock = s
        .store()
        .lock(&DraftStore::id(&id).expect("id"))
        .expect("lock");
    s.quire()
        .args(["drafts", "show", &id])
        .assert()
        .success()
        .stdout(predicate::str::contains("Public Safety Canada"));
}

#[test]
fn show_of_a_missing_draft_is_an_error() {
    let s = Sandbox::new();
    s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .args(["drafts", "show", "no-such-draft-0000"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("quire: no draft `no-such-draft-0000` (see `quire drafts` for the list)\n");
    assert_eq!(s.files(), before);
}

#[test]
fn show_with_another_questionnaire_is_an_error() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    for args in [vec!["drafts", "show", &id], vec!["export", &id]] {
        s.quire()
            .arg("--questionnaire")
            .arg(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/retrospective.toml"))
            .args(&args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "quire: draft `{id}` answers questionnaire `values-ethics-self-assessment`, not `"
            )))
            .stderr(predicate::str::contains(
                "pass its definition with --questionnaire",
            ));
    }
    assert_eq!(s.files(), before);
}

#[test]
fn an_invalid_questionnaire_is_an_error() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    let bad = s.write("bad.toml", "this is not a questionnaire");
    for args in [
        vec!["drafts", "show", &id],
        vec!["drafts"],
        vec!["export", &id],
    ] {
        s.quire()
            .arg("--questionnaire")
            .arg(&bad)
            .args(&args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::starts_with(
                "quire: invalid questionnaire\n",
            ));
    }
    assert_eq!(s.files(), before);
}

// ---------------------------------------------------------------------------
// Unreadable draft files: reported with file, line and column, never changed.

/// An unreadable draft of each kind, put in the folder as `ID.toml`: its id,
/// and the `:line:column: message` start expected after its path (`None`
/// where the place depends on where the file was cut).
fn unreadable(s: &Sandbox, kind: &str) -> (String, Option<String>) {
    match kind {
        "newer-format" => {
            s.put_draft(
                "newer-format-0001",
                &read(&fixture("drafts/newer-format.toml")),
            );
            (
                "newer-format-0001".into(),
                Some(":4:10: unknown draft format 2; this quire reads format 1 (was it written by a newer quire?)".into()),
            )
        }
        "not-toml" => {
            s.put_draft("not-toml-0001", &read(&fixture("drafts/not-toml.toml")));
            ("not-toml-0001".into(), Some(":7:6: ".into()))
        }
        "truncated" => {
            let id = s.import_fixture("public-safety-canada.txt");
            let cut = truncate_draft(&s.path(&id));
            // The file ends inside a string: the error is at its end.
            let last = cut.lines().last().expect("lines");
            let line = cut.lines().count();
            (id, Some(format!(":{line}:{}: ", last.chars().count() + 1)))
        }
        "no-format" => {
            let text = read(&fixture("drafts/handwritten-7f3a.toml")).replace("format = 1\n", "");
            s.put_draft("no-format-0001", &text);
            (
                "no-format-0001".into(),
                Some(":1:1: missing `format`: this is not a quire draft".into()),
            )
        }
        "unknown-key" => {
            let text = read(&fixture("drafts/handwritten-7f3a.toml"))
                .replace("[answers.q1]\n", "[answers.q1]\nchoise = [\"no\"]\n");
            s.put_draft("unknown-key-0001", &text);
            (
                "unknown-key-0001".into(),
                Some(":19:1: unknown field `choise`, expected `choice` or `text`".into()),
            )
        }
        "empty" => {
            s.put_draft("empty-0001", "");
            (
                "empty-0001".into(),
                Some(":1:1: missing `format`: this is not a quire draft".into()),
            )
        }
        other => panic!("no kind {other}"),
    }
}

#[rstest]
fn unreadable_drafts_are_reported_never_changed(
    #[values(
        "newer-format",
        "not-toml",
        "truncated",
        "no-format",
        "unknown-key",
        "empty"
    )]
    kind: &str,
    #[values("show", "export", "export-path", "list")] command: &str,
) {
    let s = Sandbox::new();
    let other = s.import_fixture("correctional-service-canada.txt");
    let (id, place) = unreadable(&s, kind);
    let path = s.path(&id);
    let before = s.files();
    let path_arg = path.display().to_string();
    let args: Vec<&str> = match command {
        "show" => vec!["drafts", "show", &id],
        "export" => vec!["export", &id, "--allow-incomplete"],
        "export-path" => vec!["export", &path_arg, "--allow-incomplete"],
        _ => vec!["drafts"],
    };
    let out = s.quire().args(&args).output().expect("runs");
    let (stream, prefix) = if command == "list" {
        assert!(out.status.success());
        (out.stdout, format!("{id}  UNREADABLE: {}", path.display()))
    } else {
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        (out.stderr, format!("quire: {}", path.display()))
    };
    let text = String::from_utf8(stream).expect("UTF-8");
    let at = text
        .find(&prefix)
        .unwrap_or_else(|| panic!("{prefix:?} in {text:?}"));
    let rest = &text[at + prefix.len()..];
    match &place {
        Some(place) => assert!(rest.starts_with(place.as_str()), "{place:?} at {rest:?}"),
        None => assert!(
            regex_lite(r"^:\d+:\d+: \S").eval(rest),
            "line and column in {rest:?}"
        ),
    }
    if command == "list" {
        assert!(text.contains(&format!("{other}  Correctional Service of Canada")));
    }
    assert_eq!(s.files(), before, "the unreadable file is never changed");
    // The other draft still opens.
    s.quire()
        .args(["drafts", "show", &other])
        .assert()
        .success();
}

/// Problems TOML itself does not see are placed on the line that has them
/// too, not at the start of the file.
#[rstest]
#[case::invalid_id("id = \"handwritten-7f3a\"\n", "id = \"Bad Id\"\n", &[5])]
#[case::invalid_answer_key("[answers.q1]\n", "[answers.\"q1..x\"]\n", &[18, 19])]
#[case::choice_and_text("choice = [\"yes\"]\n", "choice = [\"yes\"]\ntext = \"Yes.\"\n", &[18, 19, 20])]
#[case::invalid_position("position = \"q5.description\"\n", "position = \"q5..x\"\n", &[8])]
fn semantic_problems_are_placed_on_their_line(
    #[case] from: &str,
    #[case] to: &str,
    #[case] lines: &[usize],
) {
    let s = Sandbox::new();
    let text = read(&fixture("drafts/handwritten-7f3a.toml")).replacen(from, to, 1);
    let path = s.put_draft("handwritten-7f3a", &text);
    let out = s
        .quire()
        .args(["drafts", "show", "handwritten-7f3a"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    let prefix = format!("quire: {}:", path.display());
    let rest = stderr
        .strip_prefix(&prefix)
        .unwrap_or_else(|| panic!("{prefix} in {stderr}"));
    let line: usize = rest
        .split(':')
        .next()
        .and_then(|l| l.parse().ok())
        .expect("a line number");
    assert!(lines.contains(&line), "line {line} of {lines:?}: {stderr}");
}

#[test]
fn restoring_a_version_over_an_unreadable_draft_keeps_its_bytes_in_the_history() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let store = s.store();
    let draft_id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&draft_id).expect("load");
    draft
        .answers
        .set(FieldKey::main("q13"), Value::Text("Edited.".into()));
    store.save(&draft).expect("save");
    let cut = truncate_draft(&s.path(&id));
    s.quire()
        .args(["drafts", "restore", &id, "1"])
        .assert()
        .success();
    let history = store.history(&draft_id);
    assert_eq!(history.len(), 2);
    assert_eq!(read(&history[0].path), cut, "the unreadable bytes are kept");
}

// ---------------------------------------------------------------------------
// drafts rm, and restore from the trash

#[rstest]
#[case::no("n\n")]
#[case::nothing_typed("")]
#[case::just_enter("\n")]
#[case::other("sure\n")]
fn rm_without_confirmation_keeps_the_draft(#[case] answer: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .args(["drafts", "rm", &id])
        .write_stdin(answer)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "Move draft {id} (Public Safety Canada) to the trash? [y/N] "
        )))
        .stderr(predicate::str::contains(format!(
            "kept draft {id} (Public Safety Canada)"
        )));
    assert_eq!(s.files(), before);
}

#[rstest]
#[case::y(&[], "y\n")]
#[case::yes_typed(&[], "yes\n")]
#[case::flag(&["--yes"], "")]
#[case::short_flag(&["-y"], "")]
fn rm_moves_to_the_trash_and_restore_brings_it_back(#[case] flags: &[&str], #[case] answer: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let other = s.import_fixture("correctional-service-canada.txt");
    let bytes = std::fs::read(s.path(&id)).expect("read");
    s.quire()
        .args(["drafts", "rm", &id])
        .args(flags)
        .write_stdin(answer)
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "moved draft {id} (Public Safety Canada) to {} (bring it back with `quire drafts restore {id}`)",
            s.dir().join("trash").join(format!("{id}.toml")).display()
        )));
    assert!(!s.path(&id).exists());
    assert_eq!(
        std::fs::read(s.dir().join("trash").join(format!("{id}.toml"))).expect("in the trash"),
        bytes
    );
    let listed = s.quire().arg("drafts").output().expect("runs");
    let listed = String::from_utf8(listed.stdout).expect("UTF-8");
    assert!(!listed.contains(&id) && listed.contains(&other), "{listed}");
    s.quire()
        .args(["drafts", "show", &id])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(format!("no draft `{id}`")));

    s.quire()
        .args(["drafts", "restore", &id])
        .assert()
        .success()
        .stdout("")
        .stderr(format!("restored draft {id} from the trash\n"));
    assert_eq!(std::fs::read(s.path(&id)).expect("back"), bytes);
    assert!(!s.dir().join("trash").join(format!("{id}.toml")).exists());
    s.quire()
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains(id.as_str()));
}

#[test]
fn rm_of_an_unreadable_draft_moves_its_bytes_unchanged() {
    let s = Sandbox::new();
    let (id, _) = unreadable(&s, "not-toml");
    let bytes = std::fs::read(s.path(&id)).expect("read");
    s.quire()
        .args(["drafts", "rm", &id, "--yes"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "moved draft {id} (unreadable)"
        )));
    assert_eq!(
        std::fs::read(s.dir().join("trash").join(format!("{id}.toml"))).expect("trash"),
        bytes
    );
    s.quire()
        .args(["drafts", "restore", &id])
        .assert()
        .success();
    assert_eq!(std::fs::read(s.path(&id)).expect("back"), bytes);
}

#[test]
fn rm_of_a_missing_draft_is_an_error() {
    let s = Sandbox::new();
    s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .args(["drafts", "rm", "no-such-draft-0000", "--yes"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("quire: no draft `no-such-draft-0000` (see `quire drafts` for the list)\n");
    assert_eq!(s.files(), before);
}

#[test]
fn a_failed_command_on_a_missing_draft_leaves_no_file() {
    let s = Sandbox::new();
    s.import_fixture("public-safety-canada.txt");
    let before = tree(&s.dir());
    for args in [
        ["drafts", "rm", "no-such-draft-0000", "--yes"].as_slice(),
        &["drafts", "restore", "no-such-draft-0000", "1"],
    ] {
        s.quire().args(args).assert().code(1);
        assert_eq!(tree(&s.dir()), before, "after {args:?}");
    }
}

#[test]
fn restore_from_the_trash_errors() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    // Not in the trash.
    s.quire()
        .args(["drafts", "restore", &id])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!("quire: draft `{id}` is not in the trash\n"));
    s.quire()
        .args(["drafts", "restore", "no-such-draft-0000"])
        .assert()
        .code(1)
        .stderr("quire: draft `no-such-draft-0000` is not in the trash\n");
    assert_eq!(s.files(), before);

    // In the trash, and a draft with that id exists again: neither is replaced.
    s.quire()
        .args(["drafts", "rm", &id, "--yes"])
        .assert()
        .success();
    let trashed = s.dir().join("trash").join(format!("{id}.toml"));
    let newer = read(&trashed).replace("Public Safety Canada", "Public Safety Canada (again)");
    std::fs::write(s.path(&id), &newer).expect("write");
    let before = s.files();
    s.quire()
        .args(["drafts", "restore", &id])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: a draft `{id}` exists already; it is not replaced\n"
        ));
    assert_eq!(s.files(), before);
}

#[test]
fn rm_never_replaces_a_draft_in_the_trash() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let store = s.store();
    let draft_id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&draft_id).expect("load");
    draft
        .answers
        .set(FieldKey::main("q13"), Value::Text("Latest.".into()));
    store.save(&draft).expect("save");
    let latest = std::fs::read(s.path(&id)).expect("read");
    // The latest version goes to the trash; an older one is brought back
    // from the history and removed in turn.
    s.quire()
        .args(["drafts", "rm", &id, "--yes"])
        .assert()
        .success();
    s.quire()
        .args(["drafts", "restore", &id, "1"])
        .assert()
        .success();
    let _ = s.quire().args(["drafts", "rm", &id, "--yes"]).output();
    // Whatever the second rm did, the latest version must still exist
    // somewhere in the drafts folder.
    assert!(
        s.files().values().any(|bytes| *bytes == latest),
        "the trashed latest version was lost"
    );
}

// ---------------------------------------------------------------------------
// drafts history, restore ID N

/// Saves `n` edits of draft `id` through the library: the history then
/// holds `n` versions. Returns the bytes of the draft after each save,
/// the import first.
fn make_versions(s: &Sandbox, id: &str, n: usize) -> Vec<Vec<u8>> {
    let store = s.store();
    let id = DraftStore::id(id).expect("id");
    let mut saved = vec![std::fs::read(store.path(&id)).expect("read")];
    for i in 1..=n {
        let mut draft = store.load(&id).expect("load");
        draft.answers.set(
            FieldKey::main("q13"),
            Value::Text(format!("Edit number {i}.")),
        );
        draft.updated = quire::draft::now() - Duration::hours((n - i) as i64 + 1);
        store.save(&draft).expect("save");
        saved.push(std::fs::read(store.path(&id)).expect("read"));
    }
    saved
}

#[test]
fn history_lists_versions_newest_first_and_restore_brings_one_back() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let saved = make_versions(&s, &id, 3);
    let history_dir = s.dir().join("history").join(&id);
    let out = s
        .quire()
        .args(["drafts", "history", &id])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    // The draft as it is now, then each version, each followed by what it
    // changed from the one before.
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 8, "{stdout}");
    assert!(
        lines[0].starts_with("now  ") && lines[0].ends_with(&s.path(&id).display().to_string()),
        "{stdout}"
    );
    assert_eq!(lines[1], "      Q13 answer +1 −1 chars", "{stdout}");
    let versions: Vec<&str> = [lines[2], lines[4], lines[6]].to_vec();
    // Version 1 is the one the last save replaced: the second edit, saved
    // 2 hours ago; version 3 is the import.
    for (line, (n, file)) in versions.iter().zip([(1, 3), (2, 2), (3, 1)]) {
        assert!(line.starts_with(&format!("  {n}  ")), "{line}");
        assert!(
            line.ends_with(&format!(
                "  {}",
                history_dir.join(format!("{file}.toml")).display()
            )),
            "{line}"
        );
    }
    assert!(versions[0].contains("(2 hours ago)"), "{}", versions[0]);
    assert!(versions[2].contains("(just now)"), "{}", versions[2]);
    assert_eq!(lines[3], "      Q13 answer +1 −1 chars", "{stdout}");
    assert!(lines[5].starts_with("      Q13 answer "), "{stdout}");
    assert_eq!(lines[7], "      the oldest version kept", "{stdout}");

    // Bring back version 2 (the first edit).
    s.quire()
        .args(["drafts", "restore", &id, "2"])
        .assert()
        .success()
        .stdout("")
        .stderr(predicate::str::contains(format!(
            "restored version 2 of draft {id}"
        )));
    assert_eq!(std::fs::read(s.path(&id)).expect("read"), saved[1]);
    // What it replaced is now version 1: the restore can be undone. Four
    // versions saved within seconds are thinned to the newest three.
    let history = s.store().history(&DraftStore::id(&id).expect("id"));
    assert_eq!(history.len(), 3);
    assert_eq!(
        history[0].why, None,
        "saved by the library's plain save, which gives no reason"
    );
    assert_eq!(std::fs::read(&history[0].path).expect("read"), saved[3]);
    s.quire()
        .args(["drafts", "restore", &id, "1"])
        .assert()
        .success();
    assert_eq!(std::fs::read(s.path(&id)).expect("read"), saved[3]);
}

#[test]
fn history_of_a_draft_never_saved_twice_is_empty() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    s.quire()
        .args(["drafts", "history", &id])
        .assert()
        .success()
        .stdout(format!("draft {id} has no earlier versions\n"));
}

#[rstest]
#[case::zero("0")]
#[case::beyond("4")]
#[case::far_beyond("1000")]
fn restore_of_a_version_not_in_the_history_is_an_error(#[case] n: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 3);
    let before = s.files();
    s.quire()
        .args(["drafts", "restore", &id, n])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: draft `{id}` has no version {n} in its history (see `quire drafts history {id}`)\n"
        ));
    assert_eq!(s.files(), before);
}

#[rstest]
#[case::negative("-1")]
#[case::word("latest")]
fn restore_of_a_version_that_is_not_a_number_is_a_usage_error(#[case] n: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .args(["drafts", "restore", &id, n])
        .assert()
        .code(2)
        .stdout("");
    assert_eq!(s.files(), before);
}

// ---------------------------------------------------------------------------
// Locks

#[test]
fn a_draft_open_elsewhere_is_not_removed_or_restored() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 2);
    let store = s.store();
    let draft_id = DraftStore::id(&id).expect("id");
    let lock = store.lock(&draft_id).expect("lock");
    let before = s.files();
    let holder = format!(
        "quire: draft `{id}` is open in another quire (process {} on ",
        std::process::id()
    );
    for args in [
        ["drafts", "rm", &id, "--yes"].as_slice(),
        &["drafts", "restore", &id, "1"],
        &["drafts", "rename", &id, "elsewhere-0001"],
    ] {
        s.quire()
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::starts_with(holder.as_str()))
            .stderr(predicate::str::contains(
                "close it there, or open it read-only",
            ));
        assert_eq!(s.files(), before, "after {args:?}");
    }
    // Once the other quire is gone, both work.
    drop(lock);
    for args in [
        ["drafts", "restore", &id, "1"].as_slice(),
        &["drafts", "rm", &id, "--yes"],
    ] {
        // Another test of this process may be starting a quire at that
        // moment: between its fork and its exec the child holds a copy of
        // every open file, the lock's too, for a few microseconds. Only
        // that "open in another quire" is tried again, a few times.
        let mut tries = 0;
        loop {
            let out = s.quire().args(args).output().expect("runs");
            let stderr = String::from_utf8_lossy(&out.stderr);
            if out.status.success() {
                break;
            }
            tries += 1;
            assert!(
                tries < 20 && stderr.contains("is open in another quire"),
                "{args:?}: {stderr}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    }
}

#[test]
fn a_lock_file_left_by_a_dead_process_does_not_block() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 1);
    std::fs::write(
        s.dir().join(format!("{id}.lock")),
        "pid = 999999\nhost = \"gone\"\n",
    )
    .expect("stale lock");
    s.quire()
        .args(["drafts", "restore", &id, "1"])
        .assert()
        .success();
    s.quire()
        .args(["drafts", "rm", &id, "--yes"])
        .assert()
        .success();
}

// ---------------------------------------------------------------------------
// Links in the drafts folder: never followed where quire writes

#[cfg(unix)]
#[test]
fn a_linked_lock_file_is_refused_and_its_target_left_alone() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 1);
    let target = s.write("precious.txt", "precious\n");
    let lock = s.dir().join(format!("{id}.lock"));
    std::os::unix::fs::symlink(&target, &lock).expect("symlink");
    let before = s.files();
    for args in [
        ["drafts", "rm", &id, "--yes"].as_slice(),
        &["drafts", "restore", &id, "1"],
        &["drafts", "rename", &id, "elsewhere-0001"],
    ] {
        s.quire()
            .args(args)
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "quire: {} is a symbolic link; quire does not follow links inside the drafts folder, where it writes: remove the link (quire makes the lock file itself)\n",
                lock.display()
            ));
        assert_eq!(read(&target), "precious\n", "after {args:?}");
        assert_eq!(s.files(), before, "after {args:?}");
    }
}

#[cfg(unix)]
#[rstest]
#[case::history("history", &["drafts", "history", "{id}"])]
#[case::history_restore("history", &["drafts", "restore", "{id}", "1"])]
#[case::trash("trash", &["drafts", "rm", "--yes", "{id}"])]
#[case::trash_restore("trash", &["drafts", "restore", "{id}"])]
fn a_linked_subfolder_is_refused_by_name(#[case] sub: &str, #[case] args: &[&str]) {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let elsewhere = s.root().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("mkdir");
    std::fs::write(elsewhere.join("1.toml"), "precious\n").expect("write");
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let link = s.dir().join(sub);
    std::os::unix::fs::symlink(&elsewhere, &link).expect("symlink");
    let args: Vec<String> = args.iter().map(|a| a.replace("{id}", &id)).collect();
    s.quire()
        .args(&args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: {} is a symbolic link; quire does not follow links inside the drafts folder, where it writes and deletes files: replace the link with a real folder, or remove it\n",
            link.display()
        ));
    assert_eq!(mode(&elsewhere), 0o755, "not chmodded");
    assert_eq!(tree(&elsewhere), ["1.toml"], "nothing made or removed");
    assert_eq!(read(&elsewhere.join("1.toml")), "precious\n");
    assert!(s.path(&id).is_file(), "the draft stays");
}

#[cfg(unix)]
#[test]
fn a_drafts_folder_that_is_a_link_to_a_folder_works() {
    let s = Sandbox::new();
    let real = s.root().join("share");
    std::fs::create_dir(&real).expect("mkdir");
    std::os::unix::fs::symlink(&real, s.dir()).expect("symlink");
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 2);
    s.quire()
        .arg("drafts")
        .assert()
        .success()
        .stdout(predicate::str::contains(&id));
    s.quire()
        .args(["drafts", "restore", &id, "1"])
        .assert()
        .success();
    s.quire()
        .args(["drafts", "rm", &id, "--yes"])
        .assert()
        .success();
    assert!(real.join("trash").join(format!("{id}.toml")).is_file());
    assert!(real.join("history").join(&id).is_dir());
}

/// Runs `quire args` where no file may grow (RLIMIT_FSIZE 0), as on a full
/// disk: files can still be made, renamed and locked, not written to.
#[cfg(target_os = "linux")]
fn on_a_full_disk(s: &Sandbox, args: &[&str]) -> std::process::Output {
    use std::os::unix::process::CommandExt;
    let mut cmd = s.std_quire();
    cmd.args(args);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            // Past the limit a write fails with EFBIG, once SIGXFSZ (which
            // would kill the process) is ignored.
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let none = libc::rlimit {
                rlim_cur: 0,
                rlim_max: libc::RLIM_INFINITY,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &none) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("runs")
}

#[cfg(target_os = "linux")]
#[test]
fn a_draft_with_no_lock_file_yet_is_locked_on_a_full_disk() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let lock = s.dir().join(format!("{id}.lock"));
    assert!(!lock.exists());
    // The lock file is made, but the pid cannot be written into it: the
    // lock is held all the same, and the draft goes to the trash (a rename).
    let out = on_a_full_disk(&s, &["drafts", "rm", "--yes", &id]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(s.dir().join("trash").join(format!("{id}.toml")).is_file());
    assert_eq!(read(&lock), "", "nothing could be written");
    // Listing only reads: it works as well.
    let out = on_a_full_disk(&s, &["drafts", "history", &id]);
    assert!(out.status.success());
}

// ---------------------------------------------------------------------------
// Invalid ids

#[rstest]
fn invalid_ids_are_refused_and_nothing_is_created(
    #[values("../etc", "A/B", "a/b", "../x", "..", ".hidden", "Upper", "a--b", "")] id: &str,
    #[values("show", "rm", "history", "restore", "restore-version")] command: &str,
) {
    let s = Sandbox::new();
    s.import_fixture("public-safety-canada.txt");
    let before = tree(s.root());
    let files = files_under(s.root());
    let args: Vec<&str> = match command {
        "show" => vec!["drafts", "show", id],
        "rm" => vec!["drafts", "rm", id, "--yes"],
        "history" => vec!["drafts", "history", id],
        "restore" => vec!["drafts", "restore", id],
        _ => vec!["drafts", "restore", id, "1"],
    };
    s.quire()
        .current_dir(s.dir())
        .args(&args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: `{id}` is not a draft id: ids are lowercase letters, digits and dashes\n"
        ));
    assert_eq!(tree(s.root()), before, "nothing created or removed");
    assert_eq!(files_under(s.root()), files);
}

#[rstest]
#[case::parent("../etc")]
#[case::nested("A/B")]
#[case::upper("Upper")]
fn export_of_an_invalid_id_that_is_no_file_is_refused(#[case] id: &str) {
    let s = Sandbox::new();
    s.import_fixture("public-safety-canada.txt");
    let before = tree(s.root());
    s.quire()
        .current_dir(s.dir())
        .args(["export", id])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: no draft or file `{id}` (see `quire drafts` for the drafts)\n"
        ));
    assert_eq!(tree(s.root()), before);
}

// ---------------------------------------------------------------------------
// export

/// The canonical report of a fixture with "Date modified" set to `date`.
fn canonical(s: &Sandbox, name: &str, date: &str) -> String {
    let out = s
        .quire()
        .args(["fmt", "--date", date])
        .arg(fixture(name))
        .output()
        .expect("runs");
    assert!(out.status.success());
    // `fmt` keeps a published page's missing final line end; an export
    // always ends with one.
    let mut text = String::from_utf8(out.stdout).expect("UTF-8");
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[rstest]
#[case("public-safety-canada.txt")]
#[case("privacy-commissioner-canada.txt")]
fn export_of_an_imported_report_is_the_published_report(#[case] name: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture(name);
    let before = s.files();
    let published =
        read(&fixture(name)).replacen("\nDate modified:", "\nDate modified: 2024-08-23", 1);
    s.quire()
        .args(["export", &id, "--date", "2024-08-23"])
        .assert()
        .success()
        .stdout(format!("{published}\n"))
        .stderr("");
    assert_eq!(s.files(), before, "export never writes the draft");
}

#[rstest]
#[case("public-safety-canada.txt")]
#[case("privacy-commissioner-canada.txt")]
#[case("correctional-service-canada.txt")]
#[case("canada-school-of-public-service.flat.txt")]
fn export_of_a_draft_its_file_and_the_report_agree(#[case] name: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture(name);
    let want = canonical(&s, name, "2023-12-31");
    // Draft file copied out of the drafts folder.
    let copy = s.root().join("copy.toml");
    std::fs::copy(s.path(&id), &copy).expect("copy");
    for source in [
        id.clone(),
        s.path(&id).display().to_string(),
        copy.display().to_string(),
        "copy.toml".into(),
        fixture(name).display().to_string(),
    ] {
        s.quire()
            .args(["export", &source, "--date", "2023-12-31"])
            .assert()
            .success()
            .stdout(want.clone());
    }
    s.quire()
        .args(["export", "-", "--date", "2023-12-31"])
        .write_stdin(read(&fixture(name)))
        .assert()
        .success()
        .stdout(want);
}

#[test]
fn export_dates_the_report_today_by_default() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = chrono::Utc::now().date_naive();
    let out = s.quire().args(["export", &id]).output().expect("runs");
    let after = chrono::Utc::now().date_naive();
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        [before, after]
            .iter()
            .any(|d| stdout.ends_with(&format!("\nDate modified: {d}\n"))),
        "{}",
        &stdout[stdout.len() - 40..]
    );
}

#[test]
fn export_refuses_an_incomplete_draft_and_lists_what_is_missing() {
    let s = Sandbox::new();
    let report = s.write("truncated.txt", &truncated_report());
    let id = s.import(&report);
    let before = s.files();
    let out = s
        .quire()
        .args(["export", &id, "--date", "2024-08-23"])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(
        stderr.starts_with("quire: 7 required answers are missing:\n"),
        "{stderr}"
    );
    let listed: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("  Question "))
        .collect();
    let numbers: Vec<String> = listed
        .iter()
        .map(|l| l.split(':').next().expect("number").trim().to_owned())
        .collect();
    assert_eq!(
        numbers,
        [
            "Question 6 (q6)",
            "Question 7 (q7)",
            "Question 8 (q8)",
            "Question 9 (q9)",
            "Question 10 (q10)",
            "Question 11 (q11)",
            "Question 12 (q12)"
        ]
    );
    assert!(stderr.contains(
        "\n  Question 12 (q12): Will these indicators be disaggregated by identity factors?\n"
    ));
    assert!(stderr.ends_with("\nanswer them, or export anyway with --allow-incomplete\n"));
    // Also to a file: nothing is written.
    let output = s.root().join("out.txt");
    s.quire()
        .args(["export", &id, "-o"])
        .arg(&output)
        .assert()
        .code(1);
    assert!(!output.exists());
    assert_eq!(s.files(), before);

    // --allow-incomplete exports what there is.
    s.quire()
        .args(["export", &id, "--allow-incomplete", "--date", "2024-08-23"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Question 8\n\nWhat recurring themes",
        ))
        .stdout(predicate::str::contains("\n\nNo response submitted.\n\n"))
        .stdout(predicate::str::ends_with(
            "Page details\n\nDate modified: 2024-08-23\n",
        ));
    assert_eq!(s.files(), before);
}

#[test]
fn export_of_a_draft_with_orphans_warns_that_they_are_left_out() {
    let s = Sandbox::new();
    s.put_draft(
        "handwritten-7f3a",
        &read(&fixture("drafts/handwritten-7f3a.toml")),
    );
    s.quire()
        .args(["export", "handwritten-7f3a", "--allow-incomplete"])
        .assert()
        .success()
        .stdout(predicate::str::contains("An answer to a question that was removed").not())
        .stderr(predicate::str::contains(
            "warning: 1 answer of draft `handwritten-7f3a` no longer fit the questionnaire and is not exported (0 new); see `quire drafts show`\n",
        ));
}

#[test]
fn export_to_a_file_never_replaces_one_without_force() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let drafts = s.files();
    let output = s.root().join("report.txt");
    s.quire()
        .args(["export", &id, "--date", "2024-08-23", "-o"])
        .arg(&output)
        .assert()
        .success()
        .stdout("")
        .stderr(format!("wrote {}\n", output.display()));
    let first = canonical(&s, "public-safety-canada.txt", "2024-08-23");
    assert_eq!(read(&output), first);

    // An existing file is kept, whatever is in it.
    for existing in [first.as_str(), "someone else's file\n"] {
        std::fs::write(&output, existing).expect("write");
        s.quire()
            .args(["export", &id, "--date", "2025-01-01", "--output"])
            .arg(&output)
            .assert()
            .code(1)
            .stdout("")
            .stderr(format!(
                "quire: {} exists; not overwritten (use --force to replace it)\n",
                output.display()
            ));
        assert_eq!(read(&output), existing);
    }

    s.quire()
        .args(["export", &id, "--date", "2025-01-01", "--force", "-o"])
        .arg(&output)
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        read(&output),
        canonical(&s, "public-safety-canada.txt", "2025-01-01")
    );
    // The draft and its history are untouched: only the two exports made
    // are recorded beside it, the refused ones are not.
    let mut after = s.files();
    let record = after
        .remove(&format!("{id}.exports"))
        .expect("the exports are recorded");
    assert_eq!(after, drafts, "export never writes the draft");
    let exports = s.store().exports(&DraftStore::id(&id).expect("id"));
    assert_eq!(exports.len(), 2, "{}", String::from_utf8_lossy(&record));
    assert!(exports.iter().all(|e| e.to == output.display().to_string()));
    assert!(exports.iter().all(|e| !e.incomplete));
}

/// Where `export -o` writes: a new file, a private file replaced with
/// `--force`, a link to a file elsewhere, a dangling link.
#[cfg(unix)]
#[rstest]
#[case::new_file("new", false)]
#[case::private_file("private", true)]
#[case::link("link", true)]
#[case::dangling_link("dangling", false)]
fn an_export_is_a_plain_0644_file_whatever_was_there(#[case] there: &str, #[case] force: bool) {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let output = s.root().join("report.txt");
    let target = s.write("elsewhere.txt", "someone's file\n");
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    match there {
        "private" => {
            std::fs::copy(&target, &output).expect("copy");
        }
        "link" => std::os::unix::fs::symlink(&target, &output).expect("symlink"),
        "dangling" => std::os::unix::fs::symlink(s.root().join("gone"), &output).expect("symlink"),
        _ => {}
    }
    let mut cmd = s.quire();
    cmd.args(["export", &id, "--date", "2024-08-23", "-o"])
        .arg(&output);
    if force {
        cmd.arg("--force");
    }
    cmd.assert().success();
    // A file the test makes itself shows the umask, which may narrow 0644.
    let fresh = s.write("fresh.txt", "");
    let expected = mode(&fresh) & 0o644;
    let meta = std::fs::symlink_metadata(&output).expect("metadata");
    assert!(
        meta.file_type().is_file(),
        "a link is replaced, never written through"
    );
    assert_eq!(meta.permissions().mode() & 0o7777, expected);
    assert_eq!(
        read(&output),
        canonical(&s, "public-safety-canada.txt", "2024-08-23")
    );
    assert_eq!(
        read(&target),
        "someone's file\n",
        "the link's target is untouched"
    );
    assert_eq!(mode(&target), 0o600);
}

#[test]
fn export_of_a_name_that_is_both_a_draft_and_a_file_asks_which() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    // A report saved under the draft's name, in the working folder.
    s.write(&id, &read(&fixture("correctional-service-canada.txt")));
    s.quire()
        .args(["export", &id, "--date", "2024-08-23"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(format!(
            "quire: `{id}` is both a draft and a file in this folder; say which: `./{id}` for the file, or the draft's path, {}\n",
            s.path(&id).display()
        ));
    let file = canonical(&s, "correctional-service-canada.txt", "2024-08-23");
    let draft = canonical(&s, "public-safety-canada.txt", "2024-08-23");
    s.quire()
        .args(["export", &format!("./{id}"), "--date", "2024-08-23"])
        .assert()
        .success()
        .stdout(file);
    s.quire()
        .args(["export", "--date", "2024-08-23"])
        .arg(s.path(&id))
        .assert()
        .success()
        .stdout(draft.clone());
    // With no such file, the id is the draft, as always.
    std::fs::remove_file(s.root().join(&id)).expect("remove");
    s.quire()
        .args(["export", &id, "--date", "2024-08-23"])
        .assert()
        .success()
        .stdout(draft);
}

#[test]
fn export_errors() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let before = s.files();
    s.quire()
        .args(["export", "no-such-draft-0000"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("quire: no draft `no-such-draft-0000` (see `quire drafts` for the list)\n");
    s.quire()
        .args(["export", "no/such/file.toml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "no draft or file `no/such/file.toml`",
        ));
    s.quire()
        .args(["export", &id, "--date", "23/08/2024"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("--date"));
    s.quire()
        .arg("export")
        .arg(fixture("not-a-report.txt"))
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "not-a-report.txt:1: this is not a report",
        ));
    assert_eq!(s.files(), before);
}

#[test]
fn the_cli_writes_what_the_library_writes() {
    // A draft imported by the CLI is exactly the library's file for that
    // draft: both agree on the format, and a save of it changes nothing.
    let s = Sandbox::new();
    let id = s.import_fixture("correctional-service-canada.txt");
    let store = s.store();
    let draft_id: DraftId = DraftStore::id(&id).expect("id");
    let draft = store.load(&draft_id).expect("load");
    assert_eq!(
        read(&s.path(&id)),
        quire::draft::to_toml_because(&draft, Some(quire::draft::SaveReason::Import))
    );
    assert_eq!(draft.created, draft.updated, "a new draft");
    let before = s.files();
    store.save(&draft).expect("save");
    assert_eq!(s.files(), before);
}

#[test]
fn a_drafts_folder_that_is_a_file_is_an_error() {
    let s = Sandbox::new();
    let file = s.write("not-a-folder", "someone's file\n");
    for args in [
        vec!["import", "-"],
        vec!["drafts"],
        vec!["drafts", "show", "x-0001"],
        vec!["export", "x-0001"],
    ] {
        s.quire()
            .env("QUIRE_DRAFTS_DIR", &file)
            .args(&args)
            .write_stdin(read(&fixture("public-safety-canada.txt")))
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "quire: {}: ",
                file.display()
            )));
        assert_eq!(read(&file), "someone's file\n");
    }
}

// ---------------------------------------------------------------------------
// drafts rename, the grouped list, the exported column, history's changes

#[rstest]
#[case::rename("rename")]
#[case::mv("mv")]
fn rename_gives_a_draft_another_id_with_its_history(#[case] verb: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    make_versions(&s, &id, 2);
    let draft = read(&s.path(&id));
    let history = s.store().history(&DraftStore::id(&id).expect("id"));
    let out = s
        .quire()
        .args(["export", &id, "--date", "2024-08-23"])
        .output()
        .expect("runs");
    let exported = String::from_utf8(out.stdout).expect("UTF-8");
    s.quire()
        .args(["drafts", verb, &id, "psc-2025"])
        .assert()
        .success()
        .stdout("")
        .stderr(format!(
            "renamed draft {id} to psc-2025 (its organization and answers are unchanged; open it with `quire open psc-2025`)\n"
        ));
    assert!(!s.path(&id).exists());
    // The same file but for the id it names.
    assert_eq!(
        read(&s.path("psc-2025")),
        draft.replace(&id, "psc-2025"),
        "only the id changes"
    );
    let moved = s.store().history(&DraftStore::id("psc-2025").expect("id"));
    assert_eq!(moved.len(), history.len());
    let out = s.quire().arg("drafts").output().expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.contains("\npsc-2025  Public Safety Canada  "),
        "{stdout}"
    );
    assert!(!stdout.contains(&id), "{stdout}");
    s.quire()
        .args(["drafts", "history", "psc-2025"])
        .assert()
        .success()
        .stdout(predicate::str::contains("  1  "));
    s.quire()
        .args(["export", "psc-2025", "--date", "2024-08-23"])
        .assert()
        .success()
        .stdout(exported);
}

#[rstest]
#[case::not_an_id(
    "PSC 2025",
    "quire: `PSC 2025` is not a draft id: ids are lowercase letters, digits and single dashes (for example `psc-2025`)\n"
)]
#[case::a_path(
    "../elsewhere",
    "quire: `../elsewhere` is not a draft id: ids are lowercase letters, digits and single dashes (for example `elsewhere`)\n"
)]
#[case::same("SAME", "quire: draft `SAME` already has that name\n")]
#[case::taken(
    "correctional",
    "quire: the name `CSC` is taken: a draft has it; choose another\n"
)]
#[case::missing_old(
    "missing",
    "quire: no draft `nothing-0001` (see `quire drafts` for the list)\n"
)]
fn rename_errors_change_nothing(#[case] new: &str, #[case] message: &str) {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let csc = s.import_fixture("correctional-service-canada.txt");
    let (old, new) = match new {
        "SAME" => (id.clone(), id.clone()),
        "correctional" => (id.clone(), csc.clone()),
        "missing" => ("nothing-0001".to_owned(), "other-0001".to_owned()),
        other => (id.clone(), other.to_owned()),
    };
    let message = message.replace("SAME", &id).replace("CSC", &csc);
    let before = s.files();
    s.quire()
        .args(["drafts", "rename", &old, &new])
        .assert()
        .code(1)
        .stdout("")
        .stderr(message);
    assert_eq!(s.files(), before);
}

#[test]
fn list_groups_drafts_of_other_questionnaires_apart() {
    let s = Sandbox::new();
    let ps = s.import_fixture("public-safety-canada.txt");
    let other = read(&fixture("drafts/handwritten-7f3a.toml")).replace(
        "id = \"values-ethics-self-assessment\"",
        "id = \"retrospective\"",
    );
    s.put_draft("retro-0001", &other);
    s.put_draft("not-toml-0001", &read(&fixture("drafts/not-toml.toml")));
    let out = s.quire().arg("drafts").output().expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[1].starts_with(&ps), "{stdout}");
    assert_eq!(lines[2], "", "{stdout}");
    assert_eq!(
        lines[3],
        "Drafts of other questionnaires (open them with --questionnaire FILE):"
    );
    assert!(lines[4].starts_with("ID "), "{stdout}");
    assert!(!lines[4].contains("REQUIRED"), "no progress for them");
    assert!(
        lines[5].starts_with("retro-0001  Handwritten Agency  retrospective v2024.1  no  "),
        "{stdout}"
    );
    assert_eq!(lines[6], "");
    assert_eq!(
        lines[7],
        "Files that cannot be read (quire leaves them as they are):"
    );
    assert!(
        lines[8].starts_with("not-toml-0001  UNREADABLE: "),
        "{stdout}"
    );
    assert_eq!(lines.len(), 9, "{stdout}");
    assert!(!stdout.contains("retro-0001  UNREADABLE"), "{stdout}");

    // Only other questionnaires' drafts: said, then listed.
    std::fs::remove_file(s.path(&ps)).expect("remove");
    let out = s.quire().arg("drafts").output().expect("runs");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    assert!(
        stdout.starts_with(&format!(
            "no drafts of values-ethics-self-assessment in {}\n\nDrafts of other questionnaires",
            s.dir().display()
        )),
        "{stdout}"
    );
}

#[test]
fn list_says_when_a_draft_was_exported_and_whether_it_changed_since() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let exported_cell = |s: &Sandbox| {
        let out = s.quire().arg("drafts").output().expect("runs");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        let lines: Vec<&str> = stdout.lines().collect();
        let at = lines[0].find("EXPORTED").expect("column");
        let end = lines[0].find("LAST SAVED").expect("column");
        lines[1][at..end].trim_end().to_owned()
    };
    assert_eq!(exported_cell(&s), "no");
    // Printed to standard output: a look, not recorded.
    s.quire().args(["export", &id]).assert().success();
    assert_eq!(exported_cell(&s), "no");
    let output = s.root().join("report.txt");
    s.quire()
        .args(["export", &id, "-o"])
        .arg(&output)
        .assert()
        .success();
    let when = regex_lite(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$");
    let cell = exported_cell(&s);
    assert!(when.eval(&cell), "{cell}");
    let record = s.store().exports(&DraftStore::id(&id).expect("id"));
    assert_eq!(record.len(), 1);
    assert_eq!(record[0].to, output.display().to_string());

    // A required answer removed after the export.
    let store = s.store();
    let draft_id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&draft_id).expect("load");
    draft.answers.remove(&FieldKey::main("q1"));
    store.save(&draft).expect("save");
    let cell = exported_cell(&s);
    assert!(cell.ends_with(", changed since"), "{cell}");

    // Exported incomplete: said so, and the changes are in the export.
    std::fs::remove_file(&output).expect("remove");
    s.quire()
        .args(["export", &id, "--allow-incomplete", "-o"])
        .arg(&output)
        .assert()
        .success();
    let cell = exported_cell(&s);
    assert!(cell.ends_with(", incomplete"), "{cell}");
}

#[test]
fn an_export_that_cannot_be_recorded_is_still_written_and_says_so() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    // A folder where the record would go: it cannot be written.
    std::fs::create_dir(s.dir().join(format!("{id}.exports"))).expect("mkdir");
    let output = s.root().join("report.txt");
    s.quire()
        .args(["export", &id, "--date", "2024-08-23", "-o"])
        .arg(&output)
        .assert()
        .success()
        .stderr(predicate::str::starts_with(format!(
            "wrote {}\nwarning: the report was written, but the export could not be recorded beside the draft: ",
            output.display()
        )));
    assert_eq!(
        read(&output),
        canonical(&s, "public-safety-canada.txt", "2024-08-23")
    );
}

#[test]
fn history_says_what_each_version_changed() {
    let s = Sandbox::new();
    let id = s.import_fixture("public-safety-canada.txt");
    let store = s.store();
    let draft_id = DraftStore::id(&id).expect("id");
    let mut draft = store.load(&draft_id).expect("load");
    draft.answers.set(
        FieldKey::main("q1"),
        Value::Choice(vec![quire::answers::Chosen::Option("no".into())]),
    );
    store.save(&draft).expect("save");
    draft.answers.remove(&FieldKey::main("q13"));
    store.save(&draft).expect("save");
    let out = s
        .quire()
        .args(["drafts", "history", &id])
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stdout = String::from_utf8(out.stdout).expect("UTF-8");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].starts_with("now  "), "{stdout}");
    assert!(
        lines[1].starts_with("      Q13 answer removed ("),
        "{stdout}"
    );
    assert!(lines[2].starts_with("  1  "), "{stdout}");
    assert_eq!(lines[3], "      Q1 answer: Yes → No", "{stdout}");
    assert!(lines[4].starts_with("  2  "), "{stdout}");
    assert!(lines[4].contains("  imported  "), "{stdout}");
    assert_eq!(lines[5], "      the oldest version kept", "{stdout}");
}

#[test]
fn history_errors() {
    let s = Sandbox::new();
    s.quire()
        .args(["drafts", "history", "nothing-0001"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("quire: no draft `nothing-0001` (see `quire drafts` for the list)\n");
    s.quire()
        .args(["drafts", "history", "Not/An/Id"])
        .assert()
        .code(1)
        .stderr(
            "quire: `Not/An/Id` is not a draft id: ids are lowercase letters, digits and dashes\n",
        );
}
