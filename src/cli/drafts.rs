//! `quire drafts …`: list, show, remove, history, restore.

use super::{Context, Failure, Outcome, ask, cleaned, say};
use chrono::{DateTime, FixedOffset, Local};
use quire::answers::{Chosen, Value};
use quire::draft::{
    Diff, Draft, DraftId, DraftStore, Entry, Exported, TextKey, TranslationState, reconcile,
};
use quire::flow::{FieldState, Flow};
use quire::questionnaire::Questionnaire;
use quire::report::freetext;
use std::fmt::Write as _;
use std::io::BufRead;
use std::process::ExitCode;

/// Appends a line to a buffer; output is written once, at the end.
macro_rules! line {
    ($o:expr, $($arg:tt)*) => {{
        let _ = writeln!($o, $($arg)*);
    }};
}

/// Lines of an answer, indented; a blank line stays empty rather than
/// holding the indent (trailing spaces that diffs and copies carry).
fn indented(o: &mut String, indent: &str, lines: Vec<String>) {
    for l in lines {
        if l.is_empty() {
            o.push('\n');
        } else {
            line!(o, "{indent}{l}");
        }
    }
}

/// `2026-11-23 14:02 (3 hours ago)`, in local time.
pub fn when(t: DateTime<FixedOffset>, now: DateTime<Local>) -> String {
    let local = t.with_timezone(&Local);
    let secs = (now.fixed_offset() - t).num_seconds();
    let ago = match secs {
        s if s < 0 => "in the future".to_owned(),
        s if s < 60 => "just now".to_owned(),
        s if s < 3600 => plural(s / 60, "minute"),
        s if s < 86_400 => plural(s / 3600, "hour"),
        s => plural(s / 86_400, "day"),
    };
    format!("{} ({ago})", local.format("%Y-%m-%d %H:%M"))
}

fn plural(n: i64, unit: &str) -> String {
    // Only counts of one or more come here: past times, in whole units.
    let n = usize::try_from(n).unwrap_or_default();
    format!("{} ago", quire::wording::count_s(n, unit))
}

/// The cells of a table, each column as wide as its widest cell.
fn table(o: &mut String, rows: &[Vec<String>]) {
    let columns = rows.first().map_or(0, Vec::len);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        line!(o, "{}", line.join("  ").trim_end());
    }
}

/// `2026-11-24 10:02`, `…, changed since`, `…, incomplete`; `no` when
/// never exported.
pub fn exported(e: Option<&Exported>) -> String {
    let Some(e) = e else {
        return "no".into();
    };
    let mut out = e
        .last
        .at
        .with_timezone(&Local)
        .format("%Y-%m-%d %H:%M")
        .to_string();
    if e.last.incomplete {
        out.push_str(", incomplete");
    }
    if e.changed_since {
        out.push_str(", changed since");
    }
    out
}

pub fn list(cx: &Context) -> Outcome {
    let mut o = String::new();
    let q = cx.questionnaire()?;
    let store = cx.read_store()?;
    let listing = store.listing(&q.id)?;
    if listing.is_empty() {
        line!(o, "no drafts in {}", store.dir().display());
        return super::emit_for_people(&o);
    }
    let now = Local::now();
    // Progress only for drafts of this questionnaire: it is counted
    // against its questions.
    let row = |e: &Entry, progress: bool| {
        let d = cleaned(e.draft.clone());
        let mut cells = vec![
            d.id.to_string(),
            d.organization().to_owned(),
            format!("{} v{}", d.questionnaire.id, d.questionnaire.version),
        ];
        if progress {
            let (done, total) = d.progress(&q);
            cells.push(format!("{done}/{total}"));
        }
        cells.push(exported(e.exported.as_ref()));
        cells.push(when(d.updated, now));
        cells
    };
    if listing.ours.is_empty() {
        line!(o, "no drafts of {} in {}", q.id, store.dir().display());
    } else {
        let mut rows = vec![vec![
            "ID".to_owned(),
            "ORGANIZATION".into(),
            "QUESTIONNAIRE".into(),
            "REQUIRED".into(),
            "EXPORTED".into(),
            "LAST SAVED".into(),
        ]];
        rows.extend(listing.ours.iter().map(|e| row(e, true)));
        table(&mut o, &rows);
    }
    if !listing.others.is_empty() {
        line!(
            o,
            "\nDrafts of other questionnaires (open them with --questionnaire FILE):"
        );
        let mut rows = vec![vec![
            "ID".to_owned(),
            "ORGANIZATION".into(),
            "QUESTIONNAIRE".into(),
            "EXPORTED".into(),
            "LAST SAVED".into(),
        ]];
        rows.extend(listing.others.iter().map(|e| row(e, false)));
        table(&mut o, &rows);
    }
    if !listing.unreadable.is_empty() {
        line!(
            o,
            "\nFiles that cannot be read (quire leaves them as they are):"
        );
        for (id, error) in &listing.unreadable {
            line!(o, "{id}  UNREADABLE: {error}");
        }
    }
    super::emit_for_people(&o)
}

fn value_lines(question: &quire::questionnaire::Question, value: &Value) -> Vec<String> {
    match value {
        Value::Choice(c) if c.is_empty() => vec!["(no option chosen)".into()],
        Value::Choice(c) => c
            .iter()
            .map(|c| match c {
                Chosen::Option(id) => format!(
                    "• {}",
                    question
                        .option(id)
                        .map_or(id.as_str(), |o| o.label.as_str())
                ),
                Chosen::Unlisted(l) => format!("• {l} (not an option of this question)"),
            })
            .collect(),
        Value::Text(t) => {
            let mut out = String::new();
            freetext::render(&freetext::parse(t), &mut out);
            out.lines().map(str::to_owned).collect()
        }
    }
}

pub fn show(cx: &Context, id: &str) -> Outcome {
    let mut o = String::new();
    let q = cx.questionnaire()?;
    let store = cx.read_store()?;
    let mut draft = cleaned(store.load(&DraftStore::id(id)?)?);
    quire::workspace::check(&q, &draft).map_err(|e| Failure(e.named(id).to_string()))?;
    // Shown as it would open now; the file itself is not changed.
    let moved = reconcile(&mut draft, &q);
    let flow = Flow::new(&q, &draft.answers);
    let source = draft.source_language(&q).to_owned();
    let others: Vec<String> = q
        .languages
        .iter()
        .filter(|l| **l != source)
        .cloned()
        .collect();
    // Each answer's translation is shown once a translation exists.
    let bilingual = !draft.translations.is_empty() || draft.language.is_some();
    line!(
        o,
        "Draft {} · {} · {} v{}",
        draft.id,
        draft.organization(),
        q.id,
        q.version
    );
    line!(o, "Last saved {}", when(draft.updated, Local::now()));
    for p in 0..q.parts.len() {
        line!(o, "\n{}", quire::report::part_heading(&q, p));
        for (i, question) in q.questions.iter().enumerate().filter(|(_, x)| x.part == p) {
            line!(o, "\n  Question {}", question.number);
            for key in Flow::fields(question) {
                let state = flow.field_state(i, &key);
                let label = key.field.as_ref().map(|f| match question.follow_up(f) {
                    Some(fu) => fu.prompt.to_string(),
                    None => question
                        .comment
                        .as_ref()
                        .map_or_else(|| "Comment".to_owned(), |c| c.label.to_string()),
                });
                if let Some(label) = &label {
                    line!(o, "    {label}");
                }
                let value = draft.answers.get(&key).filter(|v| v.is_answered());
                match (value, state) {
                    (Some(v), FieldState::Skipped) => {
                        line!(o, "    (skipped by branching; kept, prints as N/A)");
                        indented(&mut o, "      ", value_lines(question, v));
                    }
                    (Some(v), _) => indented(&mut o, "    ", value_lines(question, v)),
                    (None, FieldState::Required) => line!(o, "    MISSING (required)"),
                    (None, FieldState::Optional) if key.field.is_none() || label.is_some() => {
                        line!(o, "    (no answer)")
                    }
                    (None, _) => {}
                }
                if bilingual {
                    for lang in &others {
                        let key = TextKey::Answer(key.clone());
                        if let Some(state) = draft.translation_state(&q, lang, &key) {
                            line!(o, "    [{lang}: {}]", state.word());
                            if let Some(t) = draft.translations.get(lang, &key) {
                                indented(
                                    &mut o,
                                    "      ",
                                    t.text.lines().map(str::to_owned).collect(),
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    translations(&mut o, &q, &draft, &others);
    let missing = flow.missing();
    o.push('\n');
    if missing.is_empty() {
        line!(o, "Nothing required is missing: ready to export.");
    } else {
        line!(o, "Missing ({}):", missing.len());
        for m in &missing {
            let at = if m.number == 0 {
                "Header".to_owned()
            } else {
                format!("Question {}", m.number)
            };
            line!(o, "  {at}: {}", m.prompt);
        }
    }
    if !draft.orphans.is_empty() {
        line!(
            o,
            "\nAnswers that no longer fit the questionnaire ({}; kept in the draft file):",
            draft.orphans.len()
        );
        for orphan in &draft.orphans {
            let new = if moved.contains(orphan) {
                " [changed since last opened]"
            } else {
                ""
            };
            line!(o, "  {}: {}{new}", orphan.key, orphan.reason);
            if let Some(question) = q.question(&orphan.key.question) {
                indented(&mut o, "      ", value_lines(question, &orphan.value));
            } else if let Value::Text(t) = &orphan.value {
                indented(&mut o, "      ", t.lines().map(str::to_owned).collect());
            }
        }
    }
    super::emit_for_people(&o)
}

/// One line per other language: how many translations stand where, then
/// the ones that keep its report from being published.
fn translations(o: &mut String, q: &Questionnaire, draft: &Draft, others: &[String]) {
    for lang in others {
        let states = draft.translation_states(q, lang);
        if states.is_empty() {
            continue;
        }
        let count = |s: TranslationState| states.iter().filter(|(_, x)| *x == s).count();
        line!(
            o,
            "\nTranslations into `{lang}` (answers written in `{}`): {} done, {} same text, {} outdated, {} missing",
            draft.source_language(q),
            count(TranslationState::Done),
            count(TranslationState::SameText),
            count(TranslationState::Outdated),
            count(TranslationState::Missing)
        );
        for issue in draft.translation_issues(q, lang) {
            line!(o, "  {}", issue.message());
        }
    }
}

fn confirm(question: &str) -> bool {
    ask(&format!("{question} [y/N] "));
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line).is_ok()
        && matches!(line.trim(), "y" | "Y" | "yes" | "Yes")
}

pub fn rm(cx: &Context, id: &str, yes: bool) -> Outcome {
    let store = cx.store()?;
    let id = DraftStore::id(id)?;
    if !store.path(&id).exists() {
        return Err(Failure(format!(
            "no draft `{id}` (see `quire drafts` for the list)"
        )));
    }
    let draft = store.load(&id);
    let _lock = store.lock(&id)?;
    let name = match &draft {
        Ok(d) => format!("draft {} ({})", id, d.organization()),
        Err(_) => format!("draft {id} (unreadable)"),
    };
    if !store.path(&id).exists() {
        return Err(Failure(format!(
            "no draft `{id}` (see `quire drafts` for the list)"
        )));
    }
    if !yes && !confirm(&format!("Move {name} to the trash?")) {
        say(&format!("kept {name}"));
        return Ok(ExitCode::FAILURE);
    }
    let to = store.trash(&id)?;
    say(&format!(
        "moved {name} to {} (bring it back with `quire drafts restore {id}`)",
        to.display()
    ));
    Ok(ExitCode::SUCCESS)
}

/// Changes listed under each version of `quire drafts history`; beyond,
/// how many more.
const CHANGES_SHOWN: usize = 8;

/// The lines saying what a version changed, indented under it.
fn change_lines(o: &mut String, diff: &Diff) {
    const INDENT: &str = "      ";
    match diff {
        Diff::Changes(changes) if changes.is_empty() => {
            line!(o, "{INDENT}no change to the answers");
        }
        Diff::Changes(changes) => {
            for c in changes.iter().take(CHANGES_SHOWN) {
                line!(o, "{INDENT}{c}");
            }
            if changes.len() > CHANGES_SHOWN {
                line!(o, "{INDENT}… and {} more", changes.len() - CHANGES_SHOWN);
            }
        }
        Diff::Oldest => line!(o, "{INDENT}the oldest version kept"),
        Diff::Unreadable(why) => line!(o, "{INDENT}cannot be read: {why}"),
        Diff::OlderUnreadable => {
            line!(
                o,
                "{INDENT}(the version before it cannot be read to compare)"
            )
        }
    }
}

pub fn history(cx: &Context, id: &str) -> Outcome {
    let mut o = String::new();
    let store = cx.read_store()?;
    let id = DraftStore::id(id)?;
    if !store.knows(&id)? {
        return Err(Failure(format!(
            "no draft `{id}` (see `quire drafts` for the list)"
        )));
    }
    let q = cx.questionnaire()?;
    let history = store.history_changes(&q, &id);
    if history.steps.is_empty() {
        line!(o, "draft {id} has no earlier versions");
        return super::emit_for_people(&o);
    }
    let now = Local::now();
    // What restoring version 1 would take back: the draft as it is now.
    if let (Some(changes), Ok(draft)) = (&history.since_newest, store.load(&id)) {
        line!(
            o,
            "now  {}  {}",
            when(draft.updated, now),
            store.path(&id).display()
        );
        change_lines(&mut o, &Diff::Changes(changes.clone()));
    }
    for step in &history.steps {
        let v = &step.version;
        let saved = v
            .saved
            .map_or_else(|| "unreadable".to_owned(), |t| when(t, now));
        let why = v
            .why
            .map_or(String::new(), |w| format!("{}  ", w.describe()));
        line!(o, "{:>3}  {saved}  {why}{}", v.n, v.path.display());
        change_lines(&mut o, &step.diff);
    }
    super::emit_for_people(&o)
}

pub fn rename(cx: &Context, old: &str, new: &str) -> Outcome {
    let store = cx.store()?;
    let old = DraftStore::id(old)?;
    let new = DraftId::parse(new).ok_or_else(|| {
        Failure(format!(
            "`{new}` is not a draft id: ids are lowercase letters, digits and single dashes (for example `{}`)",
            DraftId::slug(new)
        ))
    })?;
    store.rename(&old, &new)?;
    say(&format!(
        "renamed draft {old} to {new} (its organization and answers are unchanged; open it with `quire open {new}`)"
    ));
    Ok(ExitCode::SUCCESS)
}

pub fn restore(cx: &Context, id: &str, version: Option<usize>) -> Outcome {
    let store = cx.store()?;
    let id = DraftStore::id(id)?;
    match version {
        None => {
            store.untrash(&id)?;
            say(&format!("restored draft {id} from the trash"));
        }
        Some(n) => {
            if !store.knows(&id)? {
                return Err(Failure(format!(
                    "no draft `{id}` (see `quire drafts` for the list)"
                )));
            }
            let existed = store.path(&id).exists();
            let _lock = store.lock(&id)?;
            store.restore_version(&id, n)?;
            if existed {
                say(&format!(
                    "restored version {n} of draft {id}; the version it replaced is now version 1 of its history"
                ));
            } else {
                say(&format!("restored version {n} of draft {id}"));
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}
