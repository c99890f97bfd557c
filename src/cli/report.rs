//! `validate`, `fmt`, `import`, `export`.

use super::{Context, Failure, Outcome, cleaned, read_input, say, shown};
use chrono::{Local, NaiveDate};
use quire::answers::Answers;
use quire::draft::{Draft, DraftStore, reconcile};
use quire::questionnaire::{BUILTIN_NAME, Questionnaire};
use quire::report::formats::{self, Format};
use quire::report::{self, Imported};
use std::path::Path;
use std::process::ExitCode;

pub fn validate(path: Option<&Path>) -> Outcome {
    let name = path.map_or_else(|| BUILTIN_NAME.to_owned(), |p| p.display().to_string());
    match Questionnaire::load(path) {
        Ok(q) => super::emit_for_people(&format!("{name}: valid: {}\n", q.summary())),
        Err(e) => {
            say(&e.to_string());
            if !e.problems.is_empty() {
                let n = e.problems.len();
                say(&format!(
                    "{name}: {n} problem{}",
                    if n == 1 { "" } else { "s" }
                ));
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// Reads a report, printing its warnings as `FILE:LINE: warning: …`;
/// returns its text too (standard input can be read only once).
fn read_report(q: &Questionnaire, path: &Path) -> Result<(String, Imported), Failure> {
    read_report_to_format(q, path, false)
}

/// [`read_report`] for `fmt`, which refuses a report cut short unless
/// told otherwise: the cut is then said once, as the error.
fn read_report_to_format(
    q: &Questionnaire,
    path: &Path,
    refuse_cut: bool,
) -> Result<(String, Imported), Failure> {
    let text = read_input(path)?;
    let name = shown(path);
    let imported = report::import(q, &text)
        .map_err(|e| Failure(format!("{name}:{}: {}", e.line, e.message)))?;
    let cut = imported.cut.as_ref().map(|c| (c.line, c.message.as_str()));
    for w in &imported.warnings {
        if refuse_cut && cut == Some((w.line, w.message.as_str())) {
            continue;
        }
        say(&format!("{name}:{}: warning: {}", w.line, w.message));
    }
    Ok((text, imported))
}

pub fn fmt(cx: &Context, path: &Path, opts: &FmtOptions) -> Outcome {
    let q = cx.questionnaire()?;
    let (text, imported) = read_report_to_format(&q, path, opts.check || !opts.partial)?;
    let name = shown(path);
    if let Some(cut) = &imported.cut
        && (opts.check || !opts.partial)
    {
        let what = if opts.check {
            "a report cut short is never canonical"
        } else {
            "nothing was printed; `--partial` prints what the report holds, and nothing more"
        };
        return Err(Failure(format!(
            "{name}:{}: {}
{what}",
            cut.line, cut.message
        )));
    }
    let out = report::reformat(&q, &imported, opts.date);
    if opts.check {
        if out == text {
            return Ok(ExitCode::SUCCESS);
        }
        let (line, have, want) = first_difference(&text, &out);
        say(&format!(
            "{name}:{line}: not in canonical form: the line reads {have:?}, canonical is {want:?} (run `quire fmt {name}` to see it all)"
        ));
        return Ok(ExitCode::FAILURE);
    }
    super::emit(&out)
}

/// The first line where two texts differ (1-based), and that line in each.
fn first_difference<'a>(have: &'a str, want: &'a str) -> (usize, &'a str, &'a str) {
    let mut a = have.split('\n');
    let mut b = want.split('\n');
    let mut n = 1;
    loop {
        match (a.next(), b.next()) {
            (Some(x), Some(y)) if x == y => n += 1,
            (x, y) => {
                return (
                    n,
                    x.unwrap_or("(end of file)"),
                    y.unwrap_or("(end of file)"),
                );
            }
        }
    }
}

/// Options of `quire fmt`.
pub struct FmtOptions {
    pub check: bool,
    /// Print what a cut-off report holds instead of refusing it.
    pub partial: bool,
    pub date: Option<NaiveDate>,
}

pub fn import(cx: &Context, path: &Path) -> Outcome {
    let q = cx.questionnaire()?;
    let (_, imported) = read_report(&q, path)?;
    let store = cx.store()?;
    let id = store.fresh_id(imported.answers.organization());
    let mut draft = Draft::new(id, &q, quire::draft::now());
    draft.answers = imported.answers;
    store.create_because(&draft, quire::draft::SaveReason::Import)?;
    let (done, total) = draft.progress(&q);
    say(&format!(
        "imported {} into draft {} ({done}/{total} required answers; {})",
        shown(path),
        draft.id,
        store.path(&draft.id).display()
    ));
    super::emit(&format!("{}\n", draft.id))
}

/// What `export` reads: a draft by id, a draft file, or a report file.
fn export_source(cx: &Context, q: &Questionnaire, source: &str) -> Result<Answers, Failure> {
    let path = Path::new(source);
    // An id is also a file name: a file of that name in the working folder
    // must not silently stand in for the draft (nor the draft for it).
    if path.is_file()
        && let Ok(id) = DraftStore::id(source)
    {
        let draft = cx.read_store()?.path(&id);
        if draft.exists() {
            return Err(Failure(format!(
                "`{source}` is both a draft and a file in this folder; say which: `./{source}` for the file, or the draft's path, {}",
                draft.display()
            )));
        }
    }
    if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
        let draft = cleaned(DraftStore::load_path(path)?);
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
    let draft = cleaned(cx.read_store()?.load(&id)?);
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
        say(&format!(
            "warning: {} answer{} of draft `{source}` no longer fit the questionnaire and are not exported ({} new); see `quire drafts show`",
            draft.orphans.len(),
            if draft.orphans.len() == 1 { "" } else { "s" },
            moved.len()
        ));
    }
    Ok(draft.answers)
}

pub struct ExportOptions<'a> {
    pub format: Format,
    pub output: Option<&'a Path>,
    pub allow_incomplete: bool,
    pub force: bool,
    pub date: Option<NaiveDate>,
}

pub fn export(cx: &Context, source: &str, opts: &ExportOptions) -> Outcome {
    let q = cx.questionnaire()?;
    let answers = export_source(cx, &q, source)?;
    let date = opts.date.unwrap_or_else(|| Local::now().date_naive());
    let mut publication = report::publish(&q, &answers, Some(date));
    if let Err(refusal) = publication.permit(opts.allow_incomplete) {
        let mut msg = format!("{refusal}:");
        for m in &publication.missing {
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
    for skipped in &publication.skipped {
        say(&format!("warning: {}", skipped.message()));
    }
    if opts.format != Format::Text {
        publication.text = formats::render(opts.format, &q, &answers, Some(date));
    }
    let Some(out) = opts.output else {
        return super::emit(&publication.text);
    };
    if out.exists() && !opts.force {
        return Err(Failure(format!(
            "{} exists; not overwritten (use --force to replace it)",
            out.display()
        )));
    }
    quire::draft::write_file(out, &publication.text)?;
    say(&format!("wrote {}", out.display()));
    Ok(ExitCode::SUCCESS)
}
