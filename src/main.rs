//! The `quire` command line: wires subcommands to the core.

mod cli;

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use cli::report::{ExportOptions, FmtOptions};
use cli::summary::SummaryOptions;
use cli::{Context, Failure, drafts, report};
use quire::report::formats::Format as ExportFormat;
use quire::summary::render::Format;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Fill in questionnaires in the terminal and publish the report.
#[derive(Parser)]
#[command(name = "quire", version, about)]
struct Cli {
    /// Questionnaire definition to use instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    questionnaire: Option<PathBuf>,
    /// Folder of drafts (default: $QUIRE_DRAFTS_DIR, else the user's data folder).
    #[arg(long, global = true, value_name = "DIR")]
    drafts_dir: Option<PathBuf>,
    /// Ask the questions line by line, for screen readers and plain
    /// terminals (also QUIRE_ACCESSIBLE=1, ACCESSIBLE=1, or TERM=dumb).
    #[arg(long, global = true)]
    accessible: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a questionnaire definition and report every problem.
    Validate {
        /// The definition to check (default: the built-in questionnaire).
        file: Option<PathBuf>,
        /// Treat texts that lack a language, or whose translation is marked
        /// unofficial, as errors rather than warnings.
        #[arg(long)]
        strict_languages: bool,
    },
    /// Print a report in the canonical format (lossless).
    Fmt {
        /// The report file, or `-` for standard input.
        report: PathBuf,
        /// Exit with status 1 if the report is not already canonical.
        #[arg(long)]
        check: bool,
        /// Print what a report cut short holds (its canonical form up to the
        /// cut, and nothing after) instead of refusing it.
        #[arg(long)]
        partial: bool,
        /// Set "Date modified" (YYYY-MM-DD) instead of keeping the report's.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
    /// Create a draft from a published report (or the two pages of one
    /// report, one per language) or a JSON export; prints the draft's id.
    Import {
        /// The report file or JSON export, or `-` for standard input; a second file in the
        /// questionnaire's other language is paired with the first.
        #[arg(required = true, num_args = 1..=2, value_name = "REPORT")]
        reports: Vec<PathBuf>,
        /// Pair the page with this draft's answers, as their translation,
        /// instead of creating a draft.
        #[arg(long, value_name = "ID")]
        into: Option<String>,
    },
    /// Render the report of a draft (by id or file), a report file or a
    /// JSON export, in the canonical text or another format.
    Export {
        /// A draft id, a draft file (.toml), a report file or a JSON export.
        source: String,
        /// text (the canonical report), markdown, html, json or csv.
        #[arg(long, short = 'f', value_name = "FORMAT", default_value = "text")]
        format: ExportFormat,
        /// Write to FILE instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
        /// Export even when required answers are missing.
        #[arg(long)]
        allow_incomplete: bool,
        /// Replace FILE if it exists.
        #[arg(long)]
        force: bool,
        /// "Date modified" (default: today).
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
        /// The report's language: a language of the questionnaire (`en`,
        /// `fr`), or `both` (with -o FILE: FILE.en.txt and FILE.fr.txt).
        /// Default: the language the draft is written in.
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
    },
    /// Fill a draft from an answers file (the JSON export, or TOML answers
    /// by question id) without the wizard; prints the draft's id.
    #[command(group(clap::ArgGroup::new("into").required(true).args(["new", "draft"])))]
    Fill {
        /// The answers file (JSON or TOML), or `-` for standard input.
        answers: PathBuf,
        /// Create a new draft for this organization.
        #[arg(long, value_name = "ORG")]
        new: Option<String>,
        /// Fill this existing draft: the answers the file gives replace the
        /// draft's (the version before is kept in its history).
        #[arg(long, value_name = "ID")]
        draft: Option<String>,
    },
    /// Open a draft in the wizard (`quire` alone shows the start screen).
    Open {
        /// The draft's id (see `quire drafts`).
        id: String,
    },
    /// Summarize many reports and drafts: counts per option, target dates,
    /// themes with their excerpts (see docs/summary.md).
    ///
    /// Exit status: 0, or 3 when the summary was written but some inputs
    /// could not be read (each is listed with the reason).
    Summary {
        /// Reports, draft files (.toml), draft ids, or folders of them.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: SummaryFormat,
        /// A codebook of themes to use instead of the questionnaire's.
        #[arg(long, value_name = "FILE")]
        themes: Option<PathBuf>,
        /// Browse the summary in the terminal: bars of each question, the
        /// organizations behind a bar, themes with their excerpts, target
        /// dates, and the reports they come from (read-only).
        #[arg(long, conflicts_with = "format")]
        tui: bool,
    },
    /// List, show, rename, remove and restore drafts.
    Drafts {
        #[command(subcommand)]
        command: Option<DraftsCommand>,
    },
}

/// The formats of `quire summary`.
#[derive(Clone, Copy, clap::ValueEnum)]
enum SummaryFormat {
    Text,
    Markdown,
    Html,
    Csv,
    Json,
}

impl From<SummaryFormat> for Format {
    fn from(f: SummaryFormat) -> Self {
        match f {
            SummaryFormat::Text => Format::Text,
            SummaryFormat::Markdown => Format::Markdown,
            SummaryFormat::Html => Format::Html,
            SummaryFormat::Csv => Format::Csv,
            SummaryFormat::Json => Format::Json,
        }
    }
}

#[derive(Subcommand)]
enum DraftsCommand {
    /// List drafts with their progress (the default).
    List,
    /// Print a draft's answers and what is still missing.
    Show { id: String },
    /// Move a draft to the trash.
    Rm {
        id: String,
        /// Do not ask for confirmation.
        #[arg(long, short)]
        yes: bool,
    },
    /// Give a draft another id (its file name; the organization, an answer, is unchanged).
    #[command(visible_alias = "mv")]
    Rename { old: String, new: String },
    /// List the earlier versions kept of a draft, with what each changed.
    History { id: String },
    /// Bring back a draft from the trash, or version N of its history.
    Restore { id: String, version: Option<usize> },
}

fn run(cli: &Cli) -> cli::Outcome {
    let cx = Context {
        questionnaire: cli.questionnaire.as_deref(),
        drafts_dir: cli.drafts_dir.as_deref(),
    };
    match &cli.command {
        Some(Command::Validate {
            file,
            strict_languages,
        }) => report::validate(file.as_deref().or(cx.questionnaire), *strict_languages),
        Some(Command::Fmt {
            report,
            check,
            partial,
            date,
        }) => report::fmt(
            &cx,
            report,
            &FmtOptions {
                check: *check,
                partial: *partial,
                date: *date,
            },
        ),
        Some(Command::Import { reports, into }) => report::import(&cx, reports, into.as_deref()),
        Some(Command::Export {
            source,
            format,
            output,
            allow_incomplete,
            force,
            date,
            lang,
        }) => report::export(
            &cx,
            source,
            &ExportOptions {
                format: *format,
                output: output.as_deref(),
                allow_incomplete: *allow_incomplete,
                force: *force,
                date: *date,
                lang: lang.as_deref(),
            },
        ),
        Some(Command::Fill {
            answers,
            new,
            draft,
        }) => {
            let into = match (new, draft) {
                (Some(org), _) => report::FillInto::New(org),
                (None, Some(id)) => report::FillInto::Draft(id),
                // clap requires one of them.
                (None, None) => return Err(Failure("say --new ORG or --draft ID".into())),
            };
            report::fill(&cx, answers, &into)
        }
        Some(Command::Open { id }) => front_end(cli, &cx, Some(id)),
        Some(Command::Summary {
            paths,
            format,
            themes,
            tui,
        }) => cli::summary::summary(
            &cx,
            &SummaryOptions {
                paths,
                format: (*format).into(),
                themes: themes.as_deref(),
                tui: *tui,
            },
        ),
        Some(Command::Drafts { command }) => match command {
            None | Some(DraftsCommand::List) => drafts::list(&cx),
            Some(DraftsCommand::Show { id }) => drafts::show(&cx, id),
            Some(DraftsCommand::Rm { id, yes }) => drafts::rm(&cx, id, *yes),
            Some(DraftsCommand::Rename { old, new }) => drafts::rename(&cx, old, new),
            Some(DraftsCommand::History { id }) => drafts::history(&cx, id),
            Some(DraftsCommand::Restore { id, version }) => drafts::restore(&cx, id, *version),
        },
        None => front_end(cli, &cx, None),
    }
}

/// The wizard, or the accessible mode when asked for or when the terminal
/// cannot do full screen.
fn front_end(cli: &Cli, cx: &Context, open: Option<&str>) -> cli::Outcome {
    match quire::accessible::wanted(cli.accessible, |name| std::env::var_os(name)) {
        Some(why) => cli::accessible(cx, open, why),
        None => cli::wizard(cx, open),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli) {
        Ok(code) => code,
        Err(Failure(msg)) => {
            // Not eprintln!: after a hang-up there is no terminal to print to.
            let _ = writeln!(std::io::stderr(), "quire: {}", quire::text::visible(&msg));
            ExitCode::FAILURE
        }
    }
}
