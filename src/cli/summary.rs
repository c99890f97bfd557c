//! `quire summary`: the synthesis across many reports and drafts.

use super::{Context, Failure, Outcome, say};
use quire::draft::DraftStore;
use quire::questionnaire::themes_from_file;
use quire::summary::{self, Input, render::Format};
use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

/// The status when the summary was written but some inputs were left out.
pub const SOME_LEFT_OUT: u8 = 3;

pub struct SummaryOptions<'a> {
    pub paths: &'a [String],
    pub format: Format,
    pub themes: Option<&'a Path>,
    /// The interactive view instead of `format`.
    pub tui: bool,
}

pub fn summary(cx: &Context, opts: &SummaryOptions) -> Outcome {
    // Said before anything is read: the view cannot draw into a pipe.
    if opts.tui && (!std::io::stdout().is_terminal() || !std::io::stdin().is_terminal()) {
        return Err(Failure(
            "--tui needs a terminal, and standard input or output is not one; to write the summary to a file or a pipe, leave out --tui (--format text, markdown, html, csv or json)".into(),
        ));
    }
    let q = cx.questionnaire()?;
    let themes = match opts.themes {
        Some(path) => themes_from_file(path, &q.languages)
            .map_err(|e| Failure(format!("invalid codebook\n{e}")))?,
        None => q.analysis.themes.clone(),
    };
    let collected = summary::collect(opts.paths);
    // Drafts named by id are looked up in the drafts folder, read only.
    let store = if collected
        .inputs
        .iter()
        .any(|i| matches!(i, Input::DraftId(_)))
    {
        Some(cx.read_store()?)
    } else {
        None::<DraftStore>
    };
    let read = summary::load(&q, &collected.inputs, store.as_ref());
    let documents = opts.tui.then(|| quire::summary_view::documents(&q, &read));
    let mut s = summary::summarize(&q, &themes, read);
    let mut left_out = collected.left_out;
    left_out.append(&mut s.left_out);
    s.left_out = left_out;
    let mut notes = collected.notes;
    notes.append(&mut s.notes);
    s.notes = notes;
    for l in &s.left_out {
        say(&format!("{}: left out: {}", l.source, l.reason));
    }
    for n in &s.notes {
        say(&format!("note: {n}"));
    }
    if s.organizations.is_empty() {
        return Err(Failure(format!(
            "nothing to summarize: none of the {} given could be read as a report or draft of \"{}\"",
            if s.left_out.len() == 1 {
                "input".to_owned()
            } else {
                format!("{} inputs", s.left_out.len())
            },
            q.title
        )));
    }
    let left_out = s.left_out.len();
    let counted = s.organizations.len();
    if let Some(documents) = documents {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        let model = quire::summary_view::Model::new(s, documents, (80, 24), color);
        quire::summary_view::run(model).map_err(|e| Failure(format!("terminal error: {e}")))?;
    } else {
        let out = summary::render::render(&s, opts.format);
        super::emit(&out)?;
    }
    if left_out == 0 {
        Ok(ExitCode::SUCCESS)
    } else {
        say(&format!(
            "{left_out} of {} inputs left out (listed above); the summary counts the others",
            left_out + counted
        ));
        Ok(ExitCode::from(SOME_LEFT_OUT))
    }
}
