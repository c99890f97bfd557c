//! The summary as Markdown: tables an analyst can paste into a document.

use super::{choice_counts, dates, names, pct, theme_questions};
use crate::summary::{Summary, text_place};
use crate::wording::count_s;
use std::fmt::Write as _;

/// User text inside a Markdown table cell or line: what Markdown would
/// read as markup is escaped, and a line end would break the table.
pub(crate) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

pub fn render(s: &Summary) -> String {
    let mut out = String::new();
    let total = s.organizations.len();
    let _ = writeln!(
        out,
        "# Summary of {}\n\n{} ({} v{})\n",
        count_s(total, "organization"),
        escape(&s.questionnaire.title),
        escape(&s.questionnaire.id),
        escape(&s.questionnaire.version)
    );
    out.push_str("## Organizations\n\n| Organization | Source | Cut off |\n|---|---|---|\n");
    for o in &s.organizations {
        let _ = writeln!(
            out,
            "| {} | {} | {} |",
            escape(&o.name),
            escape(&o.source),
            o.cut.as_deref().map_or_else(String::new, escape)
        );
    }
    if !s.left_out.is_empty() {
        out.push_str("\n## Left out (not counted)\n\n");
        for l in &s.left_out {
            let _ = writeln!(out, "- {}: {}", escape(&l.source), escape(&l.reason));
        }
    }
    if !s.notes.is_empty() {
        out.push_str("\n## Notes\n\n");
        for n in &s.notes {
            let _ = writeln!(out, "- {}", escape(n));
        }
    }
    out.push_str("\n## Questions\n");
    for q in &s.questions {
        let _ = writeln!(
            out,
            "\n### Question {} ({})\n\n{}\n",
            q.number,
            q.kind,
            escape(&q.text)
        );
        if let Some(c) = &q.choice {
            let _ = writeln!(out, "{}\n", choice_counts(c));
            out.push_str("| Option | Chosen by | Share of those who answered | Organizations |\n|---|---:|---:|---|\n");
            for o in &c.options {
                let label = match o.id {
                    Some(_) => escape(&o.label),
                    None => format!("{} (not an option)", escape(&o.label)),
                };
                let _ = writeln!(
                    out,
                    "| {label} | {} | {} | {} |",
                    o.organizations.len(),
                    pct(o.percent),
                    escape(&names(&o.organizations))
                );
            }
            for (label, list) in [
                ("No response", &c.no_response),
                ("Not reached", &c.not_reached),
                ("Several options on a single choice", &c.several),
            ] {
                if !list.is_empty() {
                    let _ = writeln!(out, "\n{label}: {}", escape(&names(list)));
                }
            }
            out.push('\n');
        }
        if !q.texts.is_empty() {
            out.push_str("| Field | Answered | N/A | Not reached |\n|---|---:|---:|---:|\n");
            for t in &q.texts {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    escape(&t.field),
                    t.answered.len(),
                    t.not_applicable.len(),
                    t.not_reached.len()
                );
            }
        }
    }
    out.push_str("\n## Target dates\n\n");
    if s.target_dates.is_empty() {
        out.push_str("None found.\n");
    } else {
        out.push_str("| Organization | Where | Dates | Sentence |\n|---|---|---|---|\n");
        for d in &s.target_dates {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} |",
                escape(&d.place.organization),
                escape(&text_place(&d.place)),
                dates(d),
                escape(&d.sentence)
            );
        }
    }
    out.push_str(
        "\n## Themes\n\n| Theme | Organizations | Share | Questions |\n|---|---:|---:|---|\n",
    );
    for t in &s.themes {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            escape(&t.name),
            t.organizations.len(),
            pct(crate::summary::percent(t.organizations.len(), total)),
            theme_questions(t)
        );
    }
    for t in s.themes.iter().filter(|t| !t.excerpts.is_empty()) {
        let _ = writeln!(out, "\n### {}\n", escape(&t.name));
        for e in &t.excerpts {
            let _ = writeln!(
                out,
                "- **{}**, {}: “{}”",
                escape(&e.place.organization),
                escape(&text_place(&e.place)),
                escape(&e.sentence)
            );
        }
    }
    out
}
