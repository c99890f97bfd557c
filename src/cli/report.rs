//! `validate`, `fmt`, `import`, `export`.

use super::{Context, Failure, Outcome, cleaned, read_input, say, shown};
use chrono::{Local, NaiveDate};
use quire::answers::Answers;
use quire::draft::{Draft, DraftStore, reconcile};
use quire::questionnaire::{BUILTIN_NAME, Questionnaire};
use quire::report::answers_file::{self, AnswersFile};
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
/// returns its text too (standard input can be read only once). `fmt`
/// refuses a report cut short unless told otherwise: the cut is then said
/// once, as the error (`refuse_cut`).
fn read_report_to_format(
    q: &Questionnaire,
    path: &Path,
    refuse_cut: bool,
) -> Result<(String, Imported), Failure> {
    let text = read_input(path)?;
    let imported = import_report(q, path, &text, refuse_cut)?;
    Ok((text, imported))
}

/// [`read_report_to_format`] of a text already read.
fn import_report(
    q: &Questionnaire,
    path: &Path,
    text: &str,
    refuse_cut: bool,
) -> Result<Imported, Failure> {
    let name = shown(path);
    let imported = report::import(q, text)
        .map_err(|e| Failure(format!("{name}:{}: {}", e.line, e.message)))?;
    let cut = imported.cut.as_ref().map(|c| (c.line, c.message.as_str()));
    for w in &imported.warnings {
        if refuse_cut && cut == Some((w.line, w.message.as_str())) {
            continue;
        }
        say(&format!("{name}:{}: warning: {}", w.line, w.message));
    }
    Ok(imported)
}

/// An answers file (the JSON export, or TOML answers), its warnings said
/// as `FILE:LINE:COL: warning: …`; every problem in it is the failure.
fn read_answers_file(q: &Questionnaire, path: &Path, text: &str) -> Result<AnswersFile, Failure> {
    let name = shown(path);
    let file = answers_file::read(q, &name, text).map_err(|e| {
        let n = e.problems.len();
        Failure(format!(
            "{e}\n{name}: {n} problem{}; nothing was written",
            if n == 1 { "" } else { "s" }
        ))
    })?;
    for (at, w) in &file.warnings {
        say(&format!(
            "{name}:{}:{}: warning: {}",
            at.line, at.column, w.message
        ));
    }
    Ok(file)
}

/// The answers of a published report or of a JSON export (told apart by
/// their first character).
fn read_answers(q: &Questionnaire, path: &Path) -> Result<Answers, Failure> {
    let text = read_input(path)?;
    if answers_file::is_json(&text) {
        return Ok(read_answers_file(q, path, &text)?.answers);
    }
    Ok(import_report(q, path, &text, false)?.answers)
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
    let answers = read_answers(&q, path)?;
    let store = cx.store()?;
    let id = store.fresh_id(answers.organization());
    let mut draft = Draft::new(id, &q, quire::draft::now());
    draft.answers = answers;
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
        return read_answers(q, path);
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
    quire::workspace::check(q, &draft).map_err(|e| Failure(e.named(source).to_string()))?;
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

/// Which draft `quire fill` fills.
pub enum FillInto<'a> {
    /// A new draft for this organization.
    New(&'a str),
    /// An existing draft, by id.
    Draft(&'a str),
}

/// The header field that names the respondent: `organization`, else the
/// first one.
fn organization_field(q: &Questionnaire) -> Option<&str> {
    q.header_fields
        .iter()
        .find(|f| f.id == "organization")
        .or(q.header_fields.first())
        .map(|f| f.id.as_str())
}

/// `quire fill ANSWERS --new ORG | --draft ID`: a draft filled from an
/// answers file, without the wizard. Nothing is written unless the whole
/// file is good; a file that names another organization is refused (never
/// misattribute answers).
pub fn fill(cx: &Context, path: &Path, into: &FillInto) -> Outcome {
    let q = cx.questionnaire()?;
    let text = read_input(path)?;
    let file = read_answers_file(&q, path, &text)?;
    let name = shown(path);
    let store = cx.store()?;
    let (draft, created) = match into {
        FillInto::New(org) => {
            let cleaned = quire::text::clean(org);
            if !cleaned.removed.is_empty() {
                say(&format!(
                    "warning: --new: {} removed from the organization's name",
                    cleaned.removed
                ));
            }
            let org = cleaned.text.trim().to_owned();
            if org.is_empty() {
                return Err(Failure("--new needs the organization's name".into()));
            }
            let mut answers = file.answers;
            if let Some(field) = organization_field(&q) {
                if let Some(given) = answers.header.get(field)
                    && given.trim() != org
                {
                    return Err(Failure(format!(
                        "{name} gives the {field} \"{given}\", not \"{org}\" (--new); nothing was written: correct one of them"
                    )));
                }
                answers.header.insert(field.to_owned(), org.clone());
            }
            let mut draft = Draft::new(store.fresh_id(&org), &q, quire::draft::now());
            draft.answers = answers;
            store.create_because(&draft, quire::draft::SaveReason::Import)?;
            (draft, true)
        }
        FillInto::Draft(id) => {
            let id = DraftStore::id(id)?;
            // The wizard may have this draft open: wait for nobody, refuse.
            let _lock = store.lock(&id)?;
            let mut draft = cleaned(store.load(&id)?);
            quire::workspace::check(&q, &draft).map_err(|e| Failure(e.to_string()))?;
            for (field, value) in &file.answers.header {
                if let Some(had) = draft.answers.header.get(field)
                    && !had.trim().is_empty()
                    && had.trim() != value.trim()
                {
                    return Err(Failure(format!(
                        "{name} gives the {field} \"{value}\", but draft {id} is for \"{had}\"; nothing was written"
                    )));
                }
            }
            reconcile(&mut draft, &q);
            draft.answers.header.extend(file.answers.header.clone());
            for (key, value) in file.answers.iter() {
                draft.answers.set(key.clone(), value.clone());
            }
            draft.updated = quire::draft::now();
            store.save_because(&draft, quire::draft::SaveReason::Import)?;
            (draft, false)
        }
    };
    let (done, total) = draft.progress(&q);
    let flow = quire::flow::Flow::new(&q, &draft.answers);
    for skipped in report::publish::skipped_answers(&q, &flow) {
        say(&format!("warning: {}", skipped.message()));
    }
    say(&format!(
        "{} draft {} from {name} ({done}/{total} required answers; {})",
        if created { "created" } else { "filled" },
        draft.id,
        store.path(&draft.id).display()
    ));
    super::emit(&format!("{}\n", draft.id))
}
