//! `validate`, `fmt`, `import`, `export`.

use super::{Context, Failure, Outcome, read_input, shown};
use chrono::{Local, NaiveDate};
use quire::answers::Answers;
use quire::draft::{Draft, DraftStore, reconcile};
use quire::flow::Flow;
use quire::questionnaire::{BUILTIN_NAME, Questionnaire};
use quire::report::{self, Imported, Mode};
use std::path::Path;
use std::process::ExitCode;

pub fn validate(path: Option<&Path>) -> Outcome {
    let name = path.map_or_else(|| BUILTIN_NAME.to_owned(), |p| p.display().to_string());
    match Questionnaire::load(path) {
        Ok(q) => {
            println!("{name}: valid: {}", q.summary());
            Ok(ExitCode::SUCCESS)
        }
        Err(e) => {
            eprintln!("{e}");
            if !e.problems.is_empty() {
                let n = e.problems.len();
                eprintln!("{name}: {n} problem{}", if n == 1 { "" } else { "s" });
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Reads a report, printing its warnings as `FILE:LINE: warning: …`;
/// returns its text too (standard input can be read only once).
fn read_report(q: &Questionnaire, path: &Path) -> Result<(String, Imported), Failure> {
    let text = read_input(path)?;
    let name = shown(path);
    let imported = report::import(q, &text)
        .map_err(|e| Failure(format!("{name}:{}: {}", e.line, e.message)))?;
    for w in &imported.warnings {
        eprintln!("{name}:{}: warning: {}", w.line, w.message);
    }
    Ok((text, imported))
}

pub fn fmt(cx: &Context, path: &Path, check: bool, date: Option<NaiveDate>) -> Outcome {
    let q = cx.questionnaire()?;
    let (text, imported) = read_report(&q, path)?;
    let out = report::render(
        &q,
        &imported.answers,
        date.or(imported.date),
        Mode::Verbatim,
    );
    if check {
        if out == text {
            return Ok(ExitCode::SUCCESS);
        }
        let name = shown(path);
        eprintln!("{name}: not in canonical form (run `quire fmt {name}` to see it)");
        return Ok(ExitCode::FAILURE);
    }
    super::emit(&out)
}

pub fn import(cx: &Context, path: &Path) -> Outcome {
    let q = cx.questionnaire()?;
    let (_, imported) = read_report(&q, path)?;
    let store = cx.store()?;
    let id = store.fresh_id(imported.answers.organization());
    let mut draft = Draft::new(id, &q, quire::draft::now());
    draft.answers = imported.answers;
    store.create(&draft)?;
    let (done, total) = draft.progress(&q);
    eprintln!(
        "imported {} into draft {} ({done}/{total} required answers; {})",
        shown(path),
        draft.id,
        store.path(&draft.id).display()
    );
    println!("{}", draft.id);
    Ok(ExitCode::SUCCESS)
}

/// What `export` reads: a draft by id, a draft file, or a report file.
fn export_source(cx: &Context, q: &Questionnaire, source: &str) -> Result<Answers, Failure> {
    let path = Path::new(source);
    if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
        let draft = DraftStore::load_path(path)?;
        return checked(q, draft, source);
    }
    if path.is_file() || source == "-" {
        let (_, imported) = read_report(q, path)?;
        return Ok(imported.answers);
    }
    let id = DraftStore::id(source).map_err(|_| {
        Failure(format!(
            "no draft or file `{source}` (see `quire drafts` for the drafts)"
        ))
    })?;
    let draft = cx.store()?.load(&id)?;
    checked(q, draft, source)
}

/// The answers of a draft, reconciled with `q` in memory (the file is not
/// changed by an export).
fn checked(q: &Questionnaire, mut draft: Draft, source: &str) -> Result<Answers, Failure> {
    if draft.questionnaire.id != q.id {
        return Err(Failure(format!(
            "draft `{source}` answers questionnaire `{}`, not `{}`; pass its definition with --questionnaire",
            draft.questionnaire.id, q.id
        )));
    }
    let moved = reconcile(&mut draft, q);
    if !draft.orphans.is_empty() {
        eprintln!(
            "warning: {} answer{} of draft `{source}` no longer fit the questionnaire and are not exported ({} new); see `quire drafts show`",
            draft.orphans.len(),
            if draft.orphans.len() == 1 { "" } else { "s" },
            moved.len()
        );
    }
    Ok(draft.answers)
}

pub struct ExportOptions<'a> {
    pub output: Option<&'a Path>,
    pub allow_incomplete: bool,
    pub force: bool,
    pub date: Option<NaiveDate>,
}

pub fn export(cx: &Context, source: &str, opts: &ExportOptions) -> Outcome {
    let q = cx.questionnaire()?;
    let answers = export_source(cx, &q, source)?;
    let missing = Flow::new(&q, &answers).missing();
    if !missing.is_empty() && !opts.allow_incomplete {
        let mut msg = format!(
            "{} required answer{} missing:",
            missing.len(),
            if missing.len() == 1 { " is" } else { "s are" }
        );
        for m in &missing {
            let at = if m.number == 0 {
                "Header".to_owned()
            } else {
                format!("Question {}", m.number)
            };
            msg.push_str(&format!("\n  {at} ({}): {}", m.key, m.prompt));
        }
        msg.push_str("\nanswer them, or export anyway with --allow-incomplete");
        return Err(Failure(msg));
    }
    let date = opts.date.unwrap_or_else(|| Local::now().date_naive());
    let text = report::render(&q, &answers, Some(date), Mode::Publish);
    let Some(out) = opts.output else {
        return super::emit(&text);
    };
    if out.exists() && !opts.force {
        return Err(Failure(format!(
            "{} exists; not overwritten (use --force to replace it)",
            out.display()
        )));
    }
    quire::draft::write_file(out, &text)?;
    eprintln!("wrote {}", out.display());
    Ok(ExitCode::SUCCESS)
}
