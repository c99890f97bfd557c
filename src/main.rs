//! The `quire` command line: wires subcommands to the core.

use chrono::NaiveDate;
use clap::{Parser, Subcommand};
use quire::questionnaire::{BUILTIN_NAME, Questionnaire};
use quire::report::{self, Mode};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Fill in questionnaires in the terminal and publish the report.
#[derive(Parser)]
#[command(name = "quire", version, about)]
struct Cli {
    /// Questionnaire definition to use instead of the built-in one.
    #[arg(long, global = true, value_name = "FILE")]
    questionnaire: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Check a questionnaire definition and report every problem.
    Validate {
        /// The definition to check (default: the built-in questionnaire).
        file: Option<PathBuf>,
    },
    /// Print a report in the canonical format (lossless).
    Fmt {
        /// The report file, or `-` for standard input.
        report: PathBuf,
        /// Exit with status 1 if the report is not already canonical.
        #[arg(long)]
        check: bool,
        /// Set "Date modified" (YYYY-MM-DD) instead of keeping the report's.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<NaiveDate>,
    },
}

/// A failure the user has to act on, already worded for them.
struct Failure(String);

type Outcome = Result<ExitCode, Failure>;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match &cli.command {
        Some(Command::Validate { file }) => {
            validate(file.as_deref().or(cli.questionnaire.as_deref()))
        }
        Some(Command::Fmt {
            report,
            check,
            date,
        }) => fmt(&cli, report, *check, *date),
        None => Err(Failure(
            "the wizard is not built yet; see `quire --help` for the commands".into(),
        )),
    };
    match outcome {
        Ok(code) => code,
        Err(Failure(msg)) => {
            eprintln!("quire: {msg}");
            ExitCode::FAILURE
        }
    }
}

fn load(path: Option<&Path>) -> Result<Questionnaire, Failure> {
    let loaded = match path {
        Some(p) => Questionnaire::from_file(p),
        None => Questionnaire::builtin(),
    };
    loaded.map_err(|e| Failure(format!("invalid questionnaire\n{e}")))
}

fn validate(path: Option<&Path>) -> Outcome {
    let name = path.map_or_else(|| BUILTIN_NAME.to_owned(), |p| p.display().to_string());
    let loaded = match path {
        Some(p) => Questionnaire::from_file(p),
        None => Questionnaire::builtin(),
    };
    match loaded {
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

fn read_input(path: &Path) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if path == Path::new("-") {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    String::from_utf8(bytes).map_err(|e| {
        Failure(format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        ))
    })
}

fn fmt(cli: &Cli, path: &Path, check: bool, date: Option<NaiveDate>) -> Outcome {
    let q = load(cli.questionnaire.as_deref())?;
    let text = read_input(path)?;
    let shown = if path == Path::new("-") {
        "<stdin>".into()
    } else {
        path.display().to_string()
    };
    let imported = report::import(&q, &text)
        .map_err(|e| Failure(format!("{shown}:{}: {}", e.line, e.message)))?;
    for w in &imported.warnings {
        eprintln!("{shown}:{}: warning: {}", w.line, w.message);
    }
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
        eprintln!("{shown}: not in canonical form (run `quire fmt {shown}` to see it)");
        return Ok(ExitCode::FAILURE);
    }
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| Failure(format!("cannot write the report: {e}")))?;
    Ok(ExitCode::SUCCESS)
}
