//! What a summary reads: published reports (canonical or `.flat`, whole or
//! cut off), drafts by file or id, and folders of them, searched in a
//! fixed order. A file that cannot be read is left out with the reason;
//! it never stops the others.

use super::parallel;
use crate::answers::{Answers, Value};
use crate::draft::{DraftId, DraftStore, reconcile};
use crate::questionnaire::Questionnaire;
use crate::report::{self, Piece};
use serde::Serialize;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// A report larger than this is not a self-assessment (the published ones
/// are under 20 KB): it is left out rather than read into memory.
pub const MAX_BYTES: u64 = 8 * 1024 * 1024;

/// Folders deeper than this are not searched (a loop of bind mounts).
const MAX_DEPTH: usize = 32;

/// One thing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A published report (any name but `.toml`).
    Report(PathBuf),
    /// A draft file.
    DraftFile(PathBuf),
    /// A draft of the drafts folder, by id.
    DraftId(DraftId),
}

impl Input {
    /// How the input is named in the summary and its messages.
    pub fn name(&self) -> String {
        match self {
            Input::Report(p) | Input::DraftFile(p) => p.display().to_string(),
            Input::DraftId(id) => format!("draft {id}"),
        }
    }
}

/// An input that is not counted, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LeftOut {
    pub source: String,
    pub reason: String,
}

/// What the paths given name: inputs in order, and what was passed over.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    pub left_out: Vec<LeftOut>,
    /// Files passed over on purpose (said, but not an error).
    pub notes: Vec<String>,
}

/// One organization's answers, as read.
#[derive(Debug, Clone)]
pub struct Submission {
    pub source: String,
    pub answers: Answers,
    /// The last piece a cut-off report holds; `None` when it is whole.
    pub reached: Option<Piece>,
    /// Where a cut-off report stops, in words.
    pub cut: Option<String>,
    /// The report's text, to tell on which line an excerpt is (none for
    /// a draft).
    pub text: Option<String>,
    /// The language its text answers are in (the questionnaire's primary
    /// language unless a page, export or draft says otherwise).
    pub language: String,
}

/// The inputs that `paths` name, folders searched (sorted by name, links to
/// folders not followed). A path that is not a file or folder but reads as
/// a draft id names a draft.
pub fn collect(paths: &[String]) -> Collected {
    let mut out = Collected::default();
    let mut seen = HashSet::new();
    for arg in paths {
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => walk(path, 0, &mut out, &mut seen),
            Ok(m) if m.is_file() => add_file(path, &mut out, &mut seen),
            Ok(_) => out.left_out.push(LeftOut {
                source: arg.clone(),
                reason: "not a regular file or a folder (a device or a pipe?)".into(),
            }),
            Err(_) if std::fs::symlink_metadata(path).is_ok() => out.left_out.push(LeftOut {
                source: arg.clone(),
                reason: "a link to nothing (broken link)".into(),
            }),
            Err(e) => match DraftId::parse(arg) {
                Some(id) if !arg.contains(['/', '.']) => out.inputs.push(Input::DraftId(id)),
                _ => out.left_out.push(LeftOut {
                    source: arg.clone(),
                    reason: format!("cannot read it: {e}"),
                }),
            },
        }
    }
    out
}

fn add_file(path: &Path, out: &mut Collected, seen: &mut HashSet<PathBuf>) {
    // The same file named twice (or through a link) is read once.
    let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    if !seen.insert(real) {
        out.notes.push(format!(
            "{}: the same file was given twice; read once",
            path.display()
        ));
        return;
    }
    if path.extension().is_some_and(|e| e == "toml") {
        out.inputs.push(Input::DraftFile(path.to_owned()));
    } else {
        out.inputs.push(Input::Report(path.to_owned()));
    }
}

/// Whether a folder holds drafts (`ID.toml`): its `history` and `trash`
/// are then earlier and removed versions, not more organizations.
fn is_drafts_folder(entries: &[(String, PathBuf)]) -> bool {
    entries.iter().any(|(name, _)| {
        name.strip_suffix(".toml")
            .and_then(DraftId::parse)
            .is_some()
    })
}

fn walk(dir: &Path, depth: usize, out: &mut Collected, seen: &mut HashSet<PathBuf>) {
    if depth > MAX_DEPTH {
        out.left_out.push(LeftOut {
            source: dir.display().to_string(),
            reason: format!("folders nested more than {MAX_DEPTH} deep are not searched"),
        });
        return;
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            out.left_out.push(LeftOut {
                source: dir.display().to_string(),
                reason: format!("cannot read the folder: {e}"),
            });
            return;
        }
    };
    let mut entries: Vec<(String, PathBuf)> = entries
        .flatten()
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .collect();
    entries.sort();
    let drafts = is_drafts_folder(&entries);
    for (name, path) in &entries {
        if name.starts_with('.') {
            continue;
        }
        let Ok(link) = std::fs::symlink_metadata(path) else {
            continue;
        };
        let followed = std::fs::metadata(path);
        let source = path.display().to_string();
        match followed {
            Err(_) => out.left_out.push(LeftOut {
                source,
                reason: "a link to nothing (broken link)".into(),
            }),
            Ok(m) if m.is_dir() => {
                if link.file_type().is_symlink() {
                    out.notes.push(format!(
                        "{source}: a link to a folder, not followed (links can loop); name the folder itself to read it"
                    ));
                } else if drafts && (name == "history" || name == "trash") {
                    continue;
                } else {
                    walk(path, depth + 1, out, seen);
                }
            }
            Ok(m) if m.is_file() => {
                let ext = Path::new(name)
                    .extension()
                    .map(|e| e.to_string_lossy().to_lowercase());
                match ext.as_deref() {
                    Some("txt" | "toml" | "json") => add_file(path, out, seen),
                    // A draft's journal and lock are read with the draft.
                    Some("journal" | "lock") => {}
                    _ => out.left_out.push(LeftOut {
                        source,
                        reason: "not a report (.txt) or a draft (.toml); name it on its own to read it as a report".into(),
                    }),
                }
            }
            Ok(_) => out.left_out.push(LeftOut {
                source,
                reason: "not a regular file (a device or a pipe?)".into(),
            }),
        }
    }
}

/// Reads a regular file of at most [`MAX_BYTES`] as UTF-8 text; a file cut
/// inside its last character is read up to it.
fn read_text(path: &Path) -> Result<String, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // A pipe swapped in for the file must not block the summary.
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options
        .open(path)
        .map_err(|e| format!("cannot read it: {e}"))?;
    let m = file
        .metadata()
        .map_err(|e| format!("cannot read it: {e}"))?;
    if !m.is_file() {
        return Err("not a regular file (a device or a pipe?)".into());
    }
    if m.len() > MAX_BYTES {
        return Err(format!(
            "{} bytes: too large for a report (at most {MAX_BYTES})",
            m.len()
        ));
    }
    let mut bytes = Vec::with_capacity(m.len() as usize);
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read it: {e}"))?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if e.utf8_error().error_len().is_none() => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).map_err(|_| "not UTF-8 text".into())
        }
        Err(e) => Err(format!(
            "not UTF-8 text (invalid byte at offset {}): not a report?",
            e.utf8_error().valid_up_to()
        )),
    }
}

fn read_report(q: &Questionnaire, path: &Path) -> Result<Submission, String> {
    let text = read_text(path)?;
    // A JSON export holds the answers as the draft did: no report lines to
    // point excerpts at, as for a draft.
    if report::answers_file::is_json(&text) {
        let name = path.display().to_string();
        let file = report::answers_file::read(q, &name, &text).map_err(|e| {
            e.problems.first().map_or_else(
                || e.to_string(),
                |(at, d)| format!("line {}, column {}: {}", at.line, at.column, d.message),
            )
        })?;
        return Ok(Submission {
            source: name,
            answers: file.answers,
            reached: None,
            cut: None,
            text: None,
            language: file
                .language
                .unwrap_or_else(|| q.primary_language().to_owned()),
        });
    }
    // A page in any of the questionnaire's languages: its answers are read
    // in the page's language (choices are option ids, the same in all).
    let (language, imported) =
        report::import_any(q, &text).map_err(|e| format!("line {}: {}", e.line, e.message))?;
    Ok(Submission {
        source: path.display().to_string(),
        answers: imported.answers,
        reached: imported.cut.as_ref().map(|c| c.reached),
        cut: imported.cut.map(|c| c.message),
        text: Some(text),
        language,
    })
}

/// A draft error without the path it starts with (the summary names the
/// file already): "line 4, column 10: …".
fn without_path(path: &Path, e: crate::draft::DraftError) -> String {
    let full = e.to_string();
    let Some(rest) = full.strip_prefix(&path.display().to_string()) else {
        return full;
    };
    let rest = rest.trim_start_matches(':');
    let mut parts = rest.splitn(3, ':');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(l), Some(c), Some(m)) if l.parse::<usize>().is_ok() && c.parse::<usize>().is_ok() => {
            format!("line {l}, column {c}:{m}")
        }
        _ => rest.trim().to_owned(),
    }
}

/// Reads a draft, or a report (`read_report`).
fn read_draft(
    q: &Questionnaire,
    input: &Input,
    store: Option<&DraftStore>,
) -> Result<Submission, String> {
    let mut draft = match input {
        Input::DraftFile(path) => DraftStore::load_path(path).map_err(|e| without_path(path, e))?,
        Input::DraftId(id) => match store {
            Some(store) => store.load(id).map_err(|e| e.to_string())?,
            None => return Err("no drafts folder to look the draft up in".into()),
        },
        Input::Report(path) => return read_report(q, path),
    };
    // The reason follows the source's name, so it names only the two
    // questionnaires, and says how to summarize such a draft.
    crate::workspace::check(q, &draft).map_err(|e| {
        format!(
            "a draft of questionnaire `{}`, not `{}`; summarize it with its definition (--questionnaire)",
            e.answers, e.expected
        )
    })?;
    // Text a hand-edited draft holds that no report could print is left
    // out, as everywhere else; answers that no longer fit are not counted.
    draft.clean();
    reconcile(&mut draft, q);
    let language = draft.source_language(q).to_owned();
    Ok(Submission {
        source: input.name(),
        answers: draft.answers,
        reached: None,
        cut: None,
        text: None,
        language,
    })
}

/// Reads every input, on every core; results in the order of `inputs`.
/// The two pages of one organization (one per language) count once: see
/// [`pair_languages`].
pub fn load(
    q: &Questionnaire,
    inputs: &[Input],
    store: Option<&DraftStore>,
) -> Vec<Result<Submission, LeftOut>> {
    let mut read = parallel::map(inputs, |input| {
        read_draft(q, input, store).map_err(|reason| LeftOut {
            source: input.name(),
            reason,
        })
    });
    pair_languages(q, &mut read);
    read
}

/// A file's name less its folder, extension and a language tag
/// (`psc.en.txt`, `psc-fr.txt`, `psc_fra.txt` all give `psc`): two pages
/// of one organization are usually named so.
fn pairing_stem(source: &str) -> Option<String> {
    let stem = Path::new(source)
        .file_stem()?
        .to_string_lossy()
        .to_lowercase();
    let stem = stem.strip_suffix(".txt").unwrap_or(&stem).to_owned();
    for tag in ["en", "fr", "eng", "fra", "english", "french", "francais"] {
        for sep in ['.', '-', '_'] {
            if let Some(base) = stem.strip_suffix(&format!("{sep}{tag}")) {
                return Some(base.to_owned());
            }
        }
    }
    None
}

/// The choices of a submission, which are the same in every language.
fn choices(q: &Questionnaire, sub: &Submission) -> Vec<Option<Value>> {
    q.questions
        .iter()
        .filter(|x| x.kind.is_choice())
        .map(|x| sub.answers.main(&x.id).cloned())
        .collect()
}

/// The English and French pages of one organization are one organization:
/// a page in another language than an earlier input's, named like it but
/// for a language tag (`psc.en.txt`, `psc.fr.txt`) and with exactly the
/// same choices, is counted under the earlier one's name, and so once
/// (the organization's name is translated on the other page, so names
/// alone cannot tell). Nothing is guessed beyond that: two pages that do
/// not meet all three conditions count as two organizations.
pub fn pair_languages(q: &Questionnaire, read: &mut [Result<Submission, LeftOut>]) {
    for later in 1..read.len() {
        let (before, rest) = read.split_at_mut(later);
        let Ok(sub) = &mut rest[0] else { continue };
        let Some(stem) = pairing_stem(&sub.source) else {
            continue;
        };
        let mine = choices(q, sub);
        let partner = before.iter().flatten().find(|other| {
            other.language != sub.language
                && pairing_stem(&other.source).as_deref() == Some(stem.as_str())
                && choices(q, other) == mine
        });
        if let Some(other) = partner {
            let name = other.answers.organization().to_owned();
            sub.answers.header.insert("organization".into(), name);
        }
    }
}
