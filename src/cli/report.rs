//! `validate`, `fmt`, `import`, `export`.

use super::{Context, Failure, Outcome, cleaned, read_input, say, shown};
use chrono::{Local, NaiveDate};
use quire::draft::{Draft, DraftStore, reconcile};
use quire::questionnaire::{BUILTIN_NAME, Questionnaire};
use quire::report::answers_file::{self, AnswersFile};
use quire::report::formats::{self, Format};
use quire::report::{self, Imported};
use quire::wording;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Checks a definition. Texts that lack a declared language or are marked
/// unofficial are listed as warnings, or as problems with
/// `strict_languages`.
pub fn validate(path: Option<&Path>, strict_languages: bool) -> Outcome {
    let name = path.map_or_else(|| BUILTIN_NAME.to_owned(), |p| p.display().to_string());
    match Questionnaire::load(path) {
        Ok(q) => {
            let warning = if strict_languages { "" } else { "warning: " };
            for n in &q.language_notes {
                say(&format!(
                    "{name}:{}:{}: {warning}{}",
                    n.location.line, n.location.column, n.message
                ));
            }
            let missing = q.language_notes.iter().filter(|n| !n.unofficial).count();
            let unofficial = q.language_notes.len() - missing;
            if !q.language_notes.is_empty() {
                say(&format!(
                    "{name}: {} and {} (languages: {})",
                    wording::count_s(missing, "missing translation"),
                    wording::count_s(unofficial, "unofficial translation"),
                    q.languages.join(", ")
                ));
                if strict_languages {
                    say(&format!(
                        "{name}: not valid with --strict-languages: every text needs an official text in each language"
                    ));
                    return Ok(ExitCode::FAILURE);
                }
            }
            super::emit_for_people(&format!("{name}: valid: {}\n", q.summary()))
        }
        Err(e) => {
            say(&e.to_string());
            if !e.problems.is_empty() {
                let n = e.problems.len();
                say(&format!("{name}: {}", wording::count_s(n, "problem")));
            }
            Ok(ExitCode::FAILURE)
        }
    }
}

/// A report as read: its text, its language, what it says.
struct Read {
    text: String,
    language: String,
    imported: Imported,
}

/// "French (fr)" for the languages quire knows the name of.
pub fn language_name(code: &str) -> String {
    match code {
        "en" => "English (en)".to_owned(),
        "fr" => "French (fr)".to_owned(),
        other => format!("`{other}`"),
    }
}

/// Reads a report in any of the questionnaire's languages, printing its
/// warnings as `FILE:LINE: warning: …`; returns its text too (standard
/// input can be read only once). `fmt` refuses a report cut short unless
/// told otherwise: the cut is then said once, as the error.
fn read_report_to_format(
    q: &Questionnaire,
    path: &Path,
    refuse_cut: bool,
) -> Result<Read, Failure> {
    let text = read_input(path)?;
    report_of_text(q, path, text, refuse_cut)
}

/// [`read_report_to_format`] of a text already read.
fn report_of_text(
    q: &Questionnaire,
    path: &Path,
    text: String,
    refuse_cut: bool,
) -> Result<Read, Failure> {
    let name = shown(path);
    let (language, imported) = report::import_any(q, &text)
        .map_err(|e| Failure(format!("{name}:{}: {}", e.line, e.message)))?;
    let cut = imported.cut.as_ref().map(|c| (c.line, c.message.as_str()));
    for w in &imported.warnings {
        if refuse_cut && cut == Some((w.line, w.message.as_str())) {
            continue;
        }
        say(&format!("{name}:{}: warning: {}", w.line, w.message));
    }
    Ok(Read {
        text,
        language,
        imported,
    })
}

/// An answers file (the JSON export, or TOML answers), its warnings said
/// as `FILE:LINE:COL: warning: …`; every problem in it is the failure.
fn read_answers_file(q: &Questionnaire, path: &Path, text: &str) -> Result<AnswersFile, Failure> {
    let name = shown(path);
    let file = answers_file::read(q, &name, text).map_err(|e| {
        let n = e.problems.len();
        Failure(format!(
            "{e}\n{name}: {}; nothing was written",
            wording::count_s(n, "problem")
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

/// The language a draft made from `file` is written in: `None` for the
/// questionnaire's primary language, as for an imported page.
fn file_language(q: &Questionnaire, file: &AnswersFile) -> Option<String> {
    file.language.clone().filter(|l| l != q.primary_language())
}

/// `quire import EXPORT.json`: a new draft of the JSON export.
fn import_json(cx: &Context, q: &Questionnaire, path: &Path, text: &str) -> Outcome {
    let file = read_answers_file(q, path, text)?;
    let store = cx.store()?;
    let id = store.fresh_id(file.answers.organization());
    let mut draft = Draft::new(id, q, quire::draft::now());
    draft.language = file_language(q, &file);
    draft.answers = file.answers;
    store.create_because(&draft, quire::draft::SaveReason::Import)?;
    let (done, total) = draft.progress(q);
    say(&format!(
        "imported {} into draft {} ({done}/{total} required answers; {})",
        shown(path),
        draft.id,
        store.path(&draft.id).display()
    ));
    super::emit(&format!("{}\n", draft.id))
}

pub fn fmt(cx: &Context, path: &Path, opts: &FmtOptions) -> Outcome {
    let q = cx.questionnaire()?;
    let Read {
        text,
        language,
        imported,
    } = read_report_to_format(&q, path, opts.check || !opts.partial)?;
    // Printed back in the language it is written in.
    let q = q.in_language(&language).unwrap_or(q);
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

/// `quire import`: one page into a new draft, the two pages of one
/// report (two languages) into one draft, or a page into an existing
/// draft (`into`) as the translation of its answers.
pub fn import(cx: &Context, paths: &[PathBuf], into: Option<&str>) -> Outcome {
    let q = cx.questionnaire()?;
    if into.is_some() && paths.len() != 1 {
        return Err(Failure(
            "--into takes one page: the page to pair with the draft's answers".into(),
        ));
    }
    let mut pages = Vec::new();
    for path in paths {
        let text = read_input(path)?;
        if answers_file::is_json(&text) {
            if paths.len() != 1 || into.is_some() {
                return Err(Failure(format!(
                    "{}: a JSON export is a whole report: import it alone, without --into",
                    shown(path)
                )));
            }
            return import_json(cx, &q, path, &text);
        }
        pages.push((path, report_of_text(&q, path, text, false)?));
    }
    if let Some(id) = into {
        let (path, page) = &pages[0];
        return import_into(cx, &q, id, path, page);
    }
    let primary = q.primary_language();
    // The page in the primary language is the source; the other one its
    // translation.
    if let [(a, x), (b, y)] = pages.as_slice()
        && x.language == y.language
    {
        return Err(Failure(format!(
            "{} and {} are both in {}; give the two pages of one report, one per language ({})",
            shown(a),
            shown(b),
            language_name(&x.language),
            q.languages.join(", ")
        )));
    }
    pages.sort_by_key(|(_, p)| p.language != primary);
    let (path, source) = &pages[0];
    let store = cx.store()?;
    let id = store.fresh_id(source.imported.answers.organization());
    let mut draft = Draft::new(id, &q, quire::draft::now());
    draft.answers = source.imported.answers.clone();
    draft.language = (source.language != primary).then(|| source.language.clone());
    // One page in the primary language is said as before: no language.
    let mut names = vec![if pages.len() == 1 && source.language == primary {
        shown(path)
    } else {
        format!("{} ({})", shown(path), source.language)
    }];
    if let Some((other_path, other)) = pages.get(1) {
        pair(&q, &mut draft, other_path, other)?;
        names.push(format!("{} ({})", shown(other_path), other.language));
    }
    store.create_because(&draft, quire::draft::SaveReason::Import)?;
    let (done, total) = draft.progress(&q);
    say(&format!(
        "imported {} into draft {} ({done}/{total} required answers; {})",
        names.join(" and "),
        draft.id,
        store.path(&draft.id).display()
    ));
    super::emit(&format!("{}\n", draft.id))
}

/// Pairs a page with a draft, saying what one of them lacks.
fn pair(q: &Questionnaire, draft: &mut Draft, path: &Path, page: &Read) -> Result<(), Failure> {
    let notes = draft
        .pair(q, &page.language, &page.imported.answers)
        .map_err(|e| Failure(format!("{}: {e}", shown(path))))?;
    for note in notes {
        say(&format!("{}: warning: {note}", shown(path)));
    }
    Ok(())
}

fn import_into(cx: &Context, q: &Questionnaire, id: &str, path: &Path, page: &Read) -> Outcome {
    let store = cx.store()?;
    let id = DraftStore::id(id)?;
    let _lock = store.lock(&id)?;
    let mut draft = super::cleaned(store.load(&id)?);
    quire::workspace::check(q, &draft).map_err(|e| Failure(e.to_string()))?;
    reconcile(&mut draft, q);
    pair(q, &mut draft, path, page)?;
    draft.updated = quire::draft::now();
    store.save_because(&draft, quire::draft::SaveReason::Import)?;
    let states = draft.translation_states(q, &page.language);
    let done = states.iter().filter(|(_, s)| s.is_publishable()).count();
    say(&format!(
        "paired {} ({}) with draft {id} ({done}/{} translations into {} done)",
        shown(path),
        page.language,
        states.len(),
        page.language
    ));
    super::emit(&format!("{id}\n"))
}

/// What `export` reads: a draft by id, a draft file, or a report file.
fn export_source(cx: &Context, q: &Questionnaire, source: &str) -> Result<Draft, Failure> {
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
        let text = read_input(path)?;
        if answers_file::is_json(&text) {
            let file = read_answers_file(q, path, &text)?;
            let id = DraftStore::id("report").map_err(|e| Failure(e.to_string()))?;
            let mut draft = Draft::new(id, q, quire::draft::now());
            draft.language = Some(
                file.language
                    .clone()
                    .unwrap_or_else(|| q.primary_language().to_owned()),
            );
            draft.answers = file.answers;
            return Ok(draft);
        }
        let read = report_of_text(q, path, text, false)?;
        let id = DraftStore::id("report").map_err(|e| Failure(e.to_string()))?;
        let mut draft = Draft::new(id, q, quire::draft::now());
        draft.answers = read.imported.answers;
        draft.language = Some(read.language);
        return Ok(draft);
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
fn checked(q: &Questionnaire, mut draft: Draft, source: &str) -> Result<Draft, Failure> {
    quire::workspace::check(q, &draft).map_err(|e| Failure(e.named(source).to_string()))?;
    let moved = reconcile(&mut draft, q);
    let n = draft.orphans.len();
    if n > 0 {
        say(&format!(
            "warning: {} of draft `{source}` no longer fit the questionnaire and {} not exported ({} new); see `quire drafts show`",
            wording::count_s(n, "answer"),
            wording::agree(n, "is", "are"),
            moved.len()
        ));
    }
    Ok(draft)
}

pub struct ExportOptions<'a> {
    pub format: Format,
    pub output: Option<&'a Path>,
    pub allow_incomplete: bool,
    pub force: bool,
    pub date: Option<NaiveDate>,
    /// A language of the questionnaire, or `both` for each of them; `None`:
    /// the language the draft is written in.
    pub lang: Option<&'a str>,
}

/// The languages `--lang` asks for.
fn export_languages(
    q: &Questionnaire,
    draft: &Draft,
    lang: Option<&str>,
) -> Result<Vec<String>, Failure> {
    match lang {
        None => Ok(vec![draft.source_language(q).to_owned()]),
        Some("both" | "all") => Ok(q.languages.clone()),
        Some(l) if q.has_language(l) => Ok(vec![l.to_owned()]),
        Some(l) => Err(Failure(format!(
            "the questionnaire has no language `{l}`; --lang takes one of {}, or `both`",
            q.languages.join(", ")
        ))),
    }
}

/// `FILE` with `.LANG` before its extension: `report.txt` → `report.fr.txt`.
pub fn path_in(path: &Path, lang: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let name = match path.extension() {
        Some(ext) => format!("{stem}.{lang}.{}", ext.to_string_lossy()),
        None => format!("{stem}.{lang}"),
    };
    path.with_file_name(name)
}

pub fn export(cx: &Context, source: &str, opts: &ExportOptions) -> Outcome {
    let q = cx.questionnaire()?;
    let draft = export_source(cx, &q, source)?;
    let languages = export_languages(&q, &draft, opts.lang)?;
    let date = opts.date.unwrap_or_else(|| Local::now().date_naive());
    let mut publications = Vec::new();
    for lang in &languages {
        let mut publication = report::publish_in(&q, &draft, lang, Some(date))
            .ok_or_else(|| Failure(format!("the questionnaire has no language `{lang}`")))?;
        // The same report in another format: the questionnaire's words and
        // the answers in this language, as the text has them.
        if opts.format != Format::Text
            && let Some(ql) = q.in_language(lang)
        {
            publication.text =
                formats::render(opts.format, &ql, &draft.answers_in(&q, lang), Some(date));
        }
        publications.push((lang, publication));
    }
    let refused: Vec<_> = publications
        .iter()
        .filter_map(|(lang, p)| p.permit(opts.allow_incomplete).err().map(|r| (lang, p, r)))
        .collect();
    if !refused.is_empty() {
        let mut msg = String::new();
        for (k, (lang, publication, refusal)) in refused.iter().enumerate() {
            if k > 0 {
                msg.push('\n');
            }
            if languages.len() > 1 {
                msg.push_str(&format!("the {} report: ", language_name(lang)));
            }
            msg.push_str(&format!("{refusal}:"));
            // Missing answers are the same in every language: listed once.
            if k == 0 {
                for m in &publication.missing {
                    let at = if m.number == 0 {
                        "Header".to_owned()
                    } else {
                        format!("Question {}", m.number)
                    };
                    msg.push_str(&format!("\n  {at} ({}): {}", m.key, m.prompt));
                }
            }
            for t in &publication.untranslated {
                msg.push_str(&format!("\n  {}", t.message()));
            }
        }
        let translate = if refused.iter().any(|(_, p, _)| !p.untranslated.is_empty()) {
            " (or translate them: `quire import EN.txt FR.txt` pairs two pages, the wizard edits translations)"
        } else {
            ""
        };
        msg.push_str(&format!(
            "\nanswer them{translate}, or export anyway with --allow-incomplete"
        ));
        return Err(Failure(msg));
    }
    if let Some((_, p)) = publications.first() {
        for skipped in &p.skipped {
            say(&format!("warning: {}", skipped.message()));
        }
    }
    for (lang, p) in &publications {
        if let Some(untranslated) = wording::untranslated(p.untranslated.len()) {
            say(&format!(
                "warning: the {} report is incomplete: {untranslated} (the text in {} is printed where one is missing)",
                language_name(lang),
                draft.source_language(&q)
            ));
        }
        let untranslated = q
            .language_notes
            .iter()
            .filter(|n| !n.unofficial && n.language == **lang)
            .count();
        if untranslated > 0 {
            say(&format!(
                "warning: the questionnaire has no `{lang}` text for {untranslated} of its texts; they are printed in `{}` (see `quire validate`)",
                q.primary_language()
            ));
        }
    }
    let Some(out) = opts.output else {
        if publications.len() > 1 {
            return Err(Failure(format!(
                "--lang {} writes {} reports: give -o FILE to write {}",
                opts.lang.unwrap_or("both"),
                publications.len(),
                languages
                    .iter()
                    .map(|l| format!("FILE.{l}.{}", opts.format.extension()))
                    .collect::<Vec<_>>()
                    .join(" and ")
            )));
        }
        return super::emit(&publications[0].1.text);
    };
    let targets: Vec<PathBuf> = if publications.len() > 1 {
        languages.iter().map(|l| path_in(out, l)).collect()
    } else {
        vec![out.to_path_buf()]
    };
    // Every file is checked before any is written: both reports or none.
    for target in &targets {
        if target.exists() && !opts.force {
            return Err(Failure(format!(
                "{} exists; not overwritten (use --force to replace it)",
                target.display()
            )));
        }
    }
    for (target, (_, p)) in targets.iter().zip(&publications) {
        quire::draft::write_file(target, &p.text)?;
        say(&format!("wrote {}", target.display()));
        record_export(cx, source, target, p.permit(false).is_err());
    }
    Ok(ExitCode::SUCCESS)
}

/// Records a report written from a draft given by id beside the draft
/// (`ID.exports`), for `quire drafts` and the start screen. Only exports
/// to a file are recorded: a report printed is often a look at it (`|
/// less`), not a publication; nor is a draft given by its file path. A
/// record that cannot be written is said, the report being written.
fn record_export(cx: &Context, source: &str, written: &Path, incomplete: bool) {
    let by_id = !Path::new(source).is_file() && source != "-";
    let Some(id) = by_id.then(|| DraftStore::id(source).ok()).flatten() else {
        return;
    };
    let recorded = cx.read_store().and_then(|store| {
        // The answers as the file holds them, before cleaning and
        // reconciling: what listings compare with.
        let draft = store.load(&id)?;
        let to = std::path::absolute(written).unwrap_or_else(|_| written.to_owned());
        store.record_export(&id, &draft.answers, &to, incomplete, quire::draft::now())?;
        Ok(())
    });
    if let Err(Failure(e)) = recorded {
        say(&format!(
            "warning: the report was written, but the export could not be recorded beside the draft: {e}"
        ));
    }
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
            let language = file_language(&q, &file);
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
            draft.language = language;
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
            if let Some(lang) = &file.language
                && lang != draft.source_language(&q)
            {
                return Err(Failure(format!(
                    "{name} holds answers in {}, but draft {id} is written in {}; nothing was written",
                    language_name(lang),
                    language_name(draft.source_language(&q))
                )));
            }
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
