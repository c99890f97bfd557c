//! The summary as one standalone HTML page an analyst can share: the same
//! tables as the Markdown, with SVG bar charts. No scripts, no external
//! assets; every piece of text from reports is escaped. The tables carry
//! every figure, so the charts are hidden from screen readers (they would
//! only repeat the table) and the table is what assistive technology reads.

use super::{choice_counts, dates, names, pct, theme_questions};
use crate::report::formats::html::escape;
use crate::summary::{ChoiceTally, Summary, text_place};
use crate::wording::count_s;
use std::fmt::Write as _;

const STYLE: &str = "body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem;line-height:1.5;color:#1b1b1b;background:#fff}\
table{border-collapse:collapse;margin:0.5rem 0 1rem}th,td{border:1px solid #6b6b6b;padding:0.25rem 0.5rem;text-align:left;vertical-align:top}\
td.n{text-align:right}svg{display:block;margin:0.5rem 0}blockquote{margin:0.25rem 0 0.75rem 1rem}";

/// Horizontal bars, one per option; hidden from assistive technology, as
/// the table before it holds the same figures.
fn chart(c: &ChoiceTally) -> String {
    let rows = c.options.len();
    let (label_w, bar_w, row_h) = (40, 400, 22);
    let height = rows * row_h + 4;
    let width = label_w + bar_w + 60;
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" aria-hidden=\"true\" focusable=\"false\">"
    );
    let answered = c.answered.len();
    for (k, o) in c.options.iter().enumerate() {
        let y = k * row_h + 2;
        let n = o.organizations.len();
        let w = (n * bar_w).checked_div(answered).unwrap_or(0);
        let _ = write!(
            svg,
            "<text x=\"0\" y=\"{}\" font-size=\"14\" fill=\"#1b1b1b\">{}</text><rect x=\"{label_w}\" y=\"{y}\" width=\"{bar_w}\" height=\"16\" fill=\"#e6e6e6\"/><rect x=\"{label_w}\" y=\"{y}\" width=\"{w}\" height=\"16\" fill=\"#26374a\"/><text x=\"{}\" y=\"{}\" font-size=\"14\" fill=\"#1b1b1b\">{n}</text>",
            y + 13,
            k + 1,
            label_w + bar_w + 8,
            y + 13
        );
    }
    svg.push_str("</svg>");
    svg
}

pub fn render(s: &Summary) -> String {
    let total = s.organizations.len();
    let title = format!(
        "Summary of {}: {}",
        count_s(total, "organization"),
        s.questionnaire.title
    );
    let mut out = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n<h1>{}</h1>\n<p>{} v{}</p>\n",
        escape(&title),
        escape(&title),
        escape(&s.questionnaire.id),
        escape(&s.questionnaire.version)
    );
    out.push_str("<h2>Organizations</h2>\n<table>\n<thead><tr><th scope=\"col\">Organization</th><th scope=\"col\">Source</th><th scope=\"col\">Cut off</th></tr></thead>\n<tbody>\n");
    for o in &s.organizations {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&o.name),
            escape(&o.source),
            escape(o.cut.as_deref().unwrap_or("no"))
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for (title, items) in [
        (
            "Left out (not counted)",
            s.left_out
                .iter()
                .map(|l| format!("{}: {}", l.source, l.reason))
                .collect::<Vec<_>>(),
        ),
        ("Notes", s.notes.clone()),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "<h2>{title}</h2>\n<ul>");
        for i in items {
            let _ = writeln!(out, "<li>{}</li>", escape(&i));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h2>Questions</h2>\n");
    for q in &s.questions {
        let _ = writeln!(
            out,
            "<h3>Question {} ({})</h3>\n<p>{}</p>",
            q.number,
            q.kind,
            escape(&q.text)
        );
        if let Some(c) = &q.choice {
            let _ = writeln!(out, "<p>{}</p>", escape(&choice_counts(c)));
            let _ = writeln!(
                out,
                "<table>\n<caption>Question {}: options chosen, of {} that answered</caption>\n<thead><tr><th scope=\"col\">#</th><th scope=\"col\">Option</th><th scope=\"col\">Chosen by</th><th scope=\"col\">Share</th><th scope=\"col\">Organizations</th></tr></thead>\n<tbody>",
                q.number,
                count_s(c.answered.len(), "organization")
            );
            for (k, o) in c.options.iter().enumerate() {
                let label = match o.id {
                    Some(_) => escape(&o.label),
                    None => format!("{} (not an option)", escape(&o.label)),
                };
                let _ = writeln!(
                    out,
                    "<tr><td class=\"n\">{}</td><th scope=\"row\">{label}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                    k + 1,
                    o.organizations.len(),
                    pct(o.percent),
                    escape(&names(&o.organizations))
                );
            }
            out.push_str("</tbody>\n</table>\n");
            out.push_str(&chart(c));
            out.push('\n');
            for (label, list) in [
                ("No response", &c.no_response),
                ("Not reached", &c.not_reached),
                ("Several options on a single choice", &c.several),
            ] {
                if !list.is_empty() {
                    let _ = writeln!(out, "<p>{label}: {}</p>", escape(&names(list)));
                }
            }
        }
        if !q.texts.is_empty() {
            let _ = writeln!(
                out,
                "<table>\n<caption>Question {}: text answers</caption>\n<thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Answered</th><th scope=\"col\">N/A</th><th scope=\"col\">Not reached</th></tr></thead>\n<tbody>",
                q.number
            );
            for t in &q.texts {
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                    escape(&t.field),
                    t.answered.len(),
                    t.not_applicable.len(),
                    t.not_reached.len()
                );
            }
            out.push_str("</tbody>\n</table>\n");
        }
    }
    out.push_str("<h2>Target dates</h2>\n");
    if s.target_dates.is_empty() {
        out.push_str("<p>None found.</p>\n");
    } else {
        out.push_str("<table>\n<thead><tr><th scope=\"col\">Organization</th><th scope=\"col\">Where</th><th scope=\"col\">Dates</th><th scope=\"col\">Sentence</th></tr></thead>\n<tbody>\n");
        for d in &s.target_dates {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&d.place.organization),
                escape(&text_place(&d.place)),
                escape(&dates(d)),
                escape(&d.sentence)
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("<h2>Themes</h2>\n<table>\n<thead><tr><th scope=\"col\">Theme</th><th scope=\"col\">Organizations</th><th scope=\"col\">Share</th><th scope=\"col\">Questions</th></tr></thead>\n<tbody>\n");
    for t in &s.themes {
        let _ = writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
            escape(&t.name),
            t.organizations.len(),
            pct(crate::summary::percent(t.organizations.len(), total)),
            theme_questions(t)
        );
    }
    out.push_str("</tbody>\n</table>\n");
    for t in s.themes.iter().filter(|t| !t.excerpts.is_empty()) {
        let _ = writeln!(out, "<h3>{}</h3>", escape(&t.name));
        for e in &t.excerpts {
            let _ = writeln!(
                out,
                "<p><strong>{}</strong>, {}:</p>\n<blockquote><p>{}</p></blockquote>",
                escape(&e.place.organization),
                escape(&text_place(&e.place)),
                escape(&e.sentence)
            );
        }
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}
