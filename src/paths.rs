//! File paths as people type them: `~`, completion, and where an export
//! starts. Every front end that asks for a path shares these rules.
//!
//! Pure: what the file system holds comes in as arguments (the places of
//! the user, a folder's entries), so every rule is tested with tables and
//! no disk. Reading the folder is the caller's job (the wizard's shell).

use std::path::{MAIN_SEPARATOR, Path, PathBuf, is_separator};

/// Where a person's files are, as this process sees them. Any of them may
/// be unknown (no home folder in a service account, a deleted current
/// folder); every rule here still gives an answer then.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    /// What `~` stands for.
    pub home: Option<PathBuf>,
    /// The user's documents folder (`XDG_DOCUMENTS_DIR` on Linux), when it
    /// exists.
    pub documents: Option<PathBuf>,
    /// What relative paths are relative to.
    pub current: Option<PathBuf>,
}

impl Places {
    /// The places of this user and process. Reads the environment (`HOME`,
    /// the XDG user folders) and checks that the documents folder exists:
    /// a folder named in a settings file but never made is no place to
    /// propose.
    pub fn from_env() -> Self {
        let user = directories::UserDirs::new();
        Self {
            home: user.as_ref().map(|u| u.home_dir().to_owned()),
            documents: user
                .as_ref()
                .and_then(|u| u.document_dir())
                .filter(|d| d.is_dir())
                .map(Path::to_owned),
            current: std::env::current_dir().ok(),
        }
    }
}

/// `typed` with a leading `~` or `~/` replaced by the home folder. `~user`
/// is left as typed: quire does not look up other users' folders. Without
/// a home folder nothing is replaced.
pub fn expand(typed: &str, home: Option<&Path>) -> PathBuf {
    let Some(home) = home else {
        return PathBuf::from(typed);
    };
    match typed.strip_prefix('~') {
        Some("") => home.to_owned(),
        Some(rest) if rest.starts_with(is_separator) => {
            let rest = rest.trim_start_matches(is_separator);
            if rest.is_empty() {
                home.to_owned()
            } else {
                home.join(rest)
            }
        }
        _ => PathBuf::from(typed),
    }
}

/// The file `typed` names: `~` expanded, a relative path taken from the
/// current folder (as a shell and `quire export -o` take it). Without a
/// known current folder a relative path stays relative.
pub fn resolve(typed: &str, places: &Places) -> PathBuf {
    let path = expand(typed, places.home.as_deref());
    match &places.current {
        Some(current) if path.is_relative() => current.join(path),
        _ => path,
    }
}

/// Whether `typed` is taken from the current folder: neither absolute nor
/// starting at home. The prompt says so, since the current folder is not
/// on the screen.
pub fn is_relative(typed: &str) -> bool {
    !typed.is_empty() && !typed.starts_with('~') && Path::new(typed).is_relative()
}

/// `path` as a person types it: under the home folder as `~/…`. `None`
/// when the path is not Unicode text, which no prompt can hold.
pub fn typed_form(path: &Path, home: Option<&Path>) -> Option<String> {
    if let Some(home) = home
        && let Ok(rest) = path.strip_prefix(home)
    {
        let rest = rest.to_str()?;
        return Some(if rest.is_empty() {
            "~".to_owned()
        } else {
            format!("~{MAIN_SEPARATOR}{rest}")
        });
    }
    path.to_str().map(str::to_owned)
}

/// The folder an export starts in: the one last used for this draft, else
/// the documents folder, else home. Never the current folder, unless
/// nothing else is known: quire is often started inside a source checkout,
/// where a report written by surprise gets committed with the code.
pub fn export_folder<'a>(last: Option<&'a Path>, places: &'a Places) -> Option<&'a Path> {
    last.or(places.documents.as_deref())
        .or(places.home.as_deref())
}

/// What an export prompt starts with: `name` in `folder`, as typed
/// (`~/Documents/name.txt`). Just `name` when there is no folder, or when
/// the folder's path is not plain text (a prompt holds only text that is
/// shown as itself).
pub fn export_proposal(folder: Option<&Path>, name: &str, home: Option<&Path>) -> String {
    folder
        .and_then(|f| typed_form(&f.join(name), home))
        .filter(|t| crate::text::is_clean(t))
        .unwrap_or_else(|| name.to_owned())
}

/// The file to export to when `typed` names a folder by ending with a
/// separator: `name` in it, as a save dialog does.
pub fn export_target(typed: &str, name: &str) -> String {
    if typed.ends_with(is_separator) || typed == "~" {
        let sep = if typed == "~" {
            MAIN_SEPARATOR.to_string()
        } else {
            String::new()
        };
        format!("{typed}{sep}{name}")
    } else {
        typed.to_owned()
    }
}

/// `typed` cut after its last separator: the folder as typed (separator
/// included) and the start of a name in it.
pub fn split(typed: &str) -> (&str, &str) {
    match typed.rfind(is_separator) {
        Some(i) => {
            let at = i + typed[i..].chars().next().map_or(1, char::len_utf8);
            typed.split_at(at)
        }
        None => ("", typed),
    }
}

/// The folder whose entries complete `typed`.
pub fn completion_folder(typed: &str, places: &Places) -> PathBuf {
    match split(typed).0 {
        "" => places.current.clone().unwrap_or_else(|| PathBuf::from(".")),
        folder => resolve(folder, places),
    }
}

/// An entry of a folder, as completion needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: String,
    /// A folder, or a link to one.
    pub folder: bool,
}

impl Entry {
    pub fn file(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            folder: false,
        }
    }

    pub fn folder(name: &str) -> Self {
        Self {
            name: name.to_owned(),
            folder: true,
        }
    }

    /// The name as completed and listed: a folder ends with a separator.
    fn shown(&self) -> String {
        if self.folder {
            format!("{}{MAIN_SEPARATOR}", self.name)
        } else {
            self.name.clone()
        }
    }
}

/// What Tab does to a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    /// The path as typed, completed as far as the matches agree.
    pub text: String,
    /// The entries that still match when there are several, in order
    /// (folders end with a separator); empty when there is one or none.
    pub candidates: Vec<String>,
    /// How many entries match.
    pub matches: usize,
}

/// Completes `typed` from the entries of its folder (`completion_folder`):
/// to the longest start the matching names share; a single match whole,
/// a folder with its separator so that the next Tab goes inside it.
///
/// Hidden names (`.git`) match only once a dot is typed. Names that are not
/// plain text (control characters, bidirectional overrides) are left out:
/// nobody can type them, and the prompt would have to draw them.
pub fn complete(typed: &str, entries: &[Entry]) -> Completion {
    if typed == "~" {
        return Completion {
            text: format!("~{MAIN_SEPARATOR}"),
            candidates: vec![],
            matches: 1,
        };
    }
    let (folder, start) = split(typed);
    let mut matching: Vec<&Entry> = entries
        .iter()
        .filter(|e| e.name.starts_with(start) && !e.name.is_empty())
        .filter(|e| start.starts_with('.') || !e.name.starts_with('.'))
        .filter(|e| crate::text::is_clean(&e.name) && !e.name.contains(is_separator))
        .collect();
    matching.sort_by(|a, b| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.name.cmp(&b.name))
    });
    let text = match matching.as_slice() {
        [] => typed.to_owned(),
        [one] => format!("{folder}{}", one.shown()),
        many => format!(
            "{folder}{}",
            common_start(many.iter().map(|e| e.name.as_str()))
        ),
    };
    Completion {
        text,
        matches: matching.len(),
        candidates: if matching.len() > 1 {
            matching.iter().map(|e| e.shown()).collect()
        } else {
            vec![]
        },
    }
}

/// The longest start all `names` share, cut at a character boundary.
fn common_start<'a>(mut names: impl Iterator<Item = &'a str>) -> &'a str {
    let Some(first) = names.next() else {
        return "";
    };
    let mut len = first.len();
    for name in names {
        len = first
            .char_indices()
            .zip(name.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8())
            .min(len);
    }
    &first[..len]
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn places() -> Places {
        Places {
            home: Some("/home/ana".into()),
            documents: Some("/home/ana/Documents".into()),
            current: Some("/work/quire".into()),
        }
    }

    #[rstest]
    #[case::home("~", "/home/ana")]
    #[case::home_slash("~/", "/home/ana")]
    #[case::under_home("~/reports/a.txt", "/home/ana/reports/a.txt")]
    #[case::double_slash("~//a.txt", "/home/ana/a.txt")]
    #[case::other_user("~bob/a.txt", "~bob/a.txt")]
    #[case::tilde_inside("a/~/b", "a/~/b")]
    #[case::absolute("/tmp/a.txt", "/tmp/a.txt")]
    #[case::relative("a.txt", "a.txt")]
    #[case::empty("", "")]
    fn expand_replaces_only_a_leading_tilde(#[case] typed: &str, #[case] want: &str) {
        assert_eq!(
            expand(typed, Some(Path::new("/home/ana"))),
            PathBuf::from(want)
        );
    }

    #[test]
    fn without_a_home_folder_the_tilde_stays() {
        assert_eq!(expand("~/a.txt", None), PathBuf::from("~/a.txt"));
    }

    #[rstest]
    #[case::relative("a.txt", "/work/quire/a.txt")]
    #[case::dot_dot("../a.txt", "/work/quire/../a.txt")]
    #[case::home("~/a.txt", "/home/ana/a.txt")]
    #[case::absolute("/tmp/a.txt", "/tmp/a.txt")]
    fn resolve_takes_relative_paths_from_the_current_folder(
        #[case] typed: &str,
        #[case] want: &str,
    ) {
        assert_eq!(resolve(typed, &places()), PathBuf::from(want));
    }

    #[rstest]
    #[case("a.txt", true)]
    #[case("./a.txt", true)]
    #[case("~/a.txt", false)]
    #[case("/a.txt", false)]
    #[case("", false)]
    fn relative_paths_are_told_apart(#[case] typed: &str, #[case] want: bool) {
        assert_eq!(is_relative(typed), want);
    }

    #[rstest]
    #[case::under_home("/home/ana/Documents", Some("~/Documents"))]
    #[case::home_itself("/home/ana", Some("~"))]
    #[case::elsewhere("/srv/reports", Some("/srv/reports"))]
    #[case::home_prefix_only("/home/anabel", Some("/home/anabel"))]
    fn typed_form_shortens_home(#[case] path: &str, #[case] want: Option<&str>) {
        assert_eq!(
            typed_form(Path::new(path), Some(Path::new("/home/ana"))).as_deref(),
            want
        );
    }

    #[rstest]
    #[case::last_folder_first(Some("/srv/out"), true, true, Some("/srv/out"))]
    #[case::then_documents(None, true, true, Some("/home/ana/Documents"))]
    #[case::then_home(None, false, true, Some("/home/ana"))]
    #[case::never_the_current_folder(None, false, false, None)]
    fn export_folder_prefers_the_last_then_documents_then_home(
        #[case] last: Option<&str>,
        #[case] documents: bool,
        #[case] home: bool,
        #[case] want: Option<&str>,
    ) {
        let mut p = places();
        if !documents {
            p.documents = None;
        }
        if !home {
            p.home = None;
        }
        assert_eq!(export_folder(last.map(Path::new), &p), want.map(Path::new));
    }

    #[rstest]
    #[case::documents(Some("/home/ana/Documents"), "~/Documents/psc.txt")]
    #[case::elsewhere(Some("/srv/out"), "/srv/out/psc.txt")]
    #[case::nowhere(None, "psc.txt")]
    #[case::not_plain_text(Some("/srv/\u{1b}[31mred"), "psc.txt")]
    fn export_proposal_names_the_folder(#[case] folder: Option<&str>, #[case] want: &str) {
        let home = Some(Path::new("/home/ana"));
        assert_eq!(
            export_proposal(folder.map(Path::new), "psc.txt", home),
            want
        );
    }

    #[rstest]
    #[case("~/Documents/", "~/Documents/psc.txt")]
    #[case("~", "~/psc.txt")]
    #[case("/tmp/out.txt", "/tmp/out.txt")]
    #[case("out", "out")]
    fn a_folder_gets_the_proposed_name(#[case] typed: &str, #[case] want: &str) {
        assert_eq!(export_target(typed, "psc.txt"), want);
    }

    #[rstest]
    #[case("~/Doc", ("~/", "Doc"))]
    #[case("/", ("/", ""))]
    #[case("report", ("", "report"))]
    #[case("a/b/", ("a/b/", ""))]
    #[case("é/ü", ("é/", "ü"))]
    fn split_cuts_after_the_last_separator(#[case] typed: &str, #[case] want: (&str, &str)) {
        assert_eq!(split(typed), want);
    }

    #[rstest]
    #[case("", "/work/quire")]
    #[case("re", "/work/quire")]
    #[case("~/", "/home/ana")]
    #[case("~/Doc", "/home/ana")]
    #[case("out/re", "/work/quire/out")]
    #[case("/tmp/x", "/tmp")]
    fn completion_lists_the_typed_folder(#[case] typed: &str, #[case] want: &str) {
        // `Path` equality ignores a trailing separator.
        assert_eq!(completion_folder(typed, &places()), PathBuf::from(want));
    }

    fn folder() -> Vec<Entry> {
        vec![
            Entry::folder("reports"),
            Entry::folder("research"),
            Entry::file("review.txt"),
            Entry::file("Budget.ods"),
            Entry::folder(".git"),
            Entry::file(".hidden.txt"),
            Entry::file("bad\u{1b}[2Jname.txt"),
            Entry::file("été.txt"),
            Entry::file("étage.txt"),
        ]
    }

    #[rstest]
    #[case::common_start("~/r", "~/re", &["reports/", "research/", "review.txt"])]
    #[case::still_ambiguous("~/re", "~/re", &["reports/", "research/", "review.txt"])]
    #[case::one_folder("~/rep", "~/reports/", &[])]
    #[case::one_file("~/rev", "~/review.txt", &[])]
    #[case::case_sensitive("~/b", "~/b", &[])]
    #[case::no_match("~/x", "~/x", &[])]
    #[case::hidden_only_with_a_dot("~/.", "~/.", &[".git/", ".hidden.txt"])]
    #[case::everything_but_hidden("", "", &["Budget.ods", "reports/", "research/", "review.txt", "étage.txt", "été.txt"])]
    #[case::never_a_name_that_is_not_text("ba", "ba", &[])]
    #[case::by_characters_not_bytes("ét", "ét", &["étage.txt", "été.txt"])]
    #[case::tilde_alone("~", "~/", &[])]
    fn complete_extends_to_what_the_matches_share(
        #[case] typed: &str,
        #[case] want: &str,
        #[case] candidates: &[&str],
    ) {
        let got = complete(typed, &folder());
        assert_eq!(got.text, want);
        assert_eq!(got.candidates, candidates);
    }

    #[test]
    fn common_start_of_nothing_is_nothing() {
        assert_eq!(common_start(std::iter::empty()), "");
        assert_eq!(common_start(["abc", "abd"].into_iter()), "ab");
        assert_eq!(common_start(["é1", "é2"].into_iter()), "é");
        assert_eq!(common_start(["x", "y"].into_iter()), "");
    }
}
