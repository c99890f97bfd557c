//! The report as one standalone, accessible HTML page (WCAG 2.1 AA): the
//! definition's language on `<html>`, a `<title>`, `h1` for the header
//! lines (organization and title), `h2` for parts, `h3` for questions,
//! real nested `ul`/`ol`, the not-applicable and no-response lines marked
//! with a class, a footer with the date. No script, no external asset: a
//! little inline CSS.
//!
//! Every piece of text is escaped (`&`, `<`, `>`, `"`, `'`): an answer
//! holding `<script>` shows `<script>`.

use super::outline::{List, Outline, Printed, QuestionOut, nest};
use crate::report::fill;
use crate::report::freetext::Block;
use std::fmt::Write;

/// Contrast: text #1b1b1b on #ffffff is 17:1; the muted #4d4d4d is 8.5:1
/// (AA asks 4.5:1). Answer paragraphs keep their spaces and line breaks
/// (`pre-wrap`), as the canonical text does.
const STYLE: &str = "\
body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",Arial,sans-serif;\
line-height:1.5;color:#1b1b1b;background:#fff;max-width:48rem;margin:0 auto;padding:1rem}\
h1{font-size:1.75rem;line-height:1.25}\
h2{font-size:1.4rem;margin-top:2.5rem;border-bottom:1px solid #4d4d4d}\
h3{font-size:1.15rem;margin-top:1.75rem}\
.question-text,.prompt{font-weight:bold}\
.answer p,.chosen li{white-space:pre-wrap;overflow-wrap:anywhere}\
.not-applicable,.no-response{font-style:italic;color:#4d4d4d}\
footer{margin-top:3rem;border-top:1px solid #4d4d4d;color:#1b1b1b}";

/// The HTML page.
pub fn render(outline: &Outline) -> String {
    let mut h = String::with_capacity(32 * 1024);
    let header: Vec<&str> = outline
        .header
        .iter()
        .map(String::as_str)
        .filter(|l| !l.trim().is_empty())
        .collect();
    let title = if header.is_empty() {
        outline.questionnaire.title.to_string()
    } else {
        header.join(" – ")
    };
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<header>\n<h1>",
        escape(outline.language()),
        escape(&title)
    );
    if header.is_empty() {
        h.push_str(&escape(&title));
    }
    for (i, line) in header.iter().enumerate() {
        if i > 0 {
            h.push_str("<br>\n");
        }
        let _ = write!(h, "<span class=\"header-line\">{}</span>", escape(line));
    }
    h.push_str("</h1>\n</header>\n<main>\n");
    for part in &outline.parts {
        let _ = writeln!(
            h,
            "<section class=\"part\" id=\"part-{}\">\n<h2>{}</h2>",
            escape(&part.part.id),
            escape(&part.heading)
        );
        for question in &part.questions {
            self::question(&mut h, outline, question);
        }
        h.push_str("</section>\n");
    }
    h.push_str("</main>\n<footer>\n");
    footer(&mut h, outline);
    h.push_str("</footer>\n</body>\n</html>\n");
    h
}

fn question(h: &mut String, outline: &Outline, question: &QuestionOut) {
    let _ = writeln!(
        h,
        "<section class=\"question\" id=\"question-{}\">\n<h3>{}</h3>\n<p class=\"question-text\">{}</p>",
        escape(&question.question.id),
        escape(&question.heading),
        escape(question.question.text.as_str())
    );
    printed(h, outline, &question.answer);
    if let Some(comment) = &question.comment {
        h.push_str("<div class=\"answer comment\">\n");
        blocks(h, comment);
        h.push_str("</div>\n");
    }
    for f in &question.follow_ups {
        let _ = writeln!(
            h,
            "<div class=\"follow-up\" id=\"question-{}-{}\">\n<p class=\"prompt\">{}</p>",
            escape(&question.question.id),
            escape(&f.follow_up.id),
            escape(f.follow_up.prompt.as_str())
        );
        printed(h, outline, &f.answer);
        h.push_str("</div>\n");
    }
    h.push_str("</section>\n");
}

fn printed(h: &mut String, outline: &Outline, printed: &Printed) {
    match printed {
        Printed::Chosen(chosen) => {
            h.push_str("<ul class=\"chosen\">\n");
            for c in chosen {
                let class = if c.option.is_none() {
                    " class=\"unlisted\""
                } else {
                    ""
                };
                let _ = writeln!(h, "<li{class}>{}</li>", escape(&c.label));
            }
            h.push_str("</ul>\n");
        }
        Printed::Text(b) => {
            h.push_str("<div class=\"answer\">\n");
            blocks(h, b);
            h.push_str("</div>\n");
        }
        Printed::NoResponse => {
            let _ = writeln!(
                h,
                "<p class=\"no-response\">{}</p>",
                escape(&outline.no_response())
            );
        }
        Printed::NotApplicable => {
            let _ = writeln!(
                h,
                "<p class=\"not-applicable\">{}</p>",
                escape(&outline.not_applicable())
            );
        }
    }
}

fn blocks(h: &mut String, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Paragraph(lines) => {
                let _ = writeln!(h, "<p>{}</p>", escape(&lines.join("\n")));
            }
            Block::List(items) => {
                for list in nest(items) {
                    self::list(h, &list);
                }
            }
        }
    }
}

fn list(h: &mut String, list: &List) {
    h.push_str(if list.numbered { "<ol>\n" } else { "<ul>\n" });
    for item in &list.items {
        // The number as written: an answer's numbers are never renumbered.
        match item.number.and_then(|n| n.parse::<u32>().ok()) {
            Some(n) => {
                let _ = write!(h, "<li value=\"{n}\">");
            }
            None => h.push_str("<li>"),
        }
        h.push_str(&escape(item.text));
        if !item.children.is_empty() {
            h.push('\n');
            for child in &item.children {
                self::list(h, child);
            }
        }
        h.push_str("</li>\n");
    }
    h.push_str(if list.numbered { "</ol>\n" } else { "</ul>\n" });
}

/// The footer lines, the date in a `<time>` element.
fn footer(h: &mut String, outline: &Outline) {
    let q = outline.questionnaire;
    let date = outline.date.map(|d| d.format("%Y-%m-%d").to_string());
    for template in &q.layout.footer {
        let line = fill(&escape(template.value.as_str()), &|name| match name {
            "date" => Some(
                date.as_ref()
                    .map(|d| format!("<time datetime=\"{d}\">{d}</time>"))
                    .unwrap_or_default(),
            ),
            "title" => Some(escape(q.title.as_str())),
            field => outline.answers.header.get(field).map(|v| escape(v)),
        });
        let line = line.trim_end_matches([' ', '\t']);
        if !line.trim().is_empty() {
            let _ = writeln!(h, "<p>{line}</p>");
        }
    }
}

/// Text as HTML character data or an attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(
        "<script>alert('x')</script>",
        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
    )]
    #[case("Fish & chips", "Fish &amp; chips")]
    #[case("&amp;", "&amp;amp;")]
    #[case("\"quoted\"", "&quot;quoted&quot;")]
    #[case("plain é — ’", "plain é — ’")]
    fn escape_makes_text_literal(#[case] text: &str, #[case] want: &str) {
        assert_eq!(escape(text), want);
    }
}
