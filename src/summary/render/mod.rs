//! A [`Summary`] written out: text for a terminal (the default), Markdown,
//! an HTML page, CSV and JSON. Plain functions over the summary; none
//! knows of terminals (the CLI passes text through `text::visible`).

mod csv;
mod html;
mod markdown;
mod text;

use super::{ChoiceTally, DateFinding, Summary, ThemeSummary};
use crate::wording::count_s;
use unicode_width::UnicodeWidthStr;

/// The output formats of `quire summary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Text,
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Json,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }
}

/// The summary in `format`.
pub fn render(summary: &Summary, format: Format) -> String {
    match format {
        Format::Text => text::render(summary),
        Format::Markdown => markdown::render(summary),
        Format::Html => html::render(summary),
        Format::Csv => csv::render(summary),
        Format::Json => json(summary),
    }
}

fn json(summary: &Summary) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(summary).unwrap_or_default();
    out.push('\n');
    out
}

/// A percentage as shown: "75%", "66.7%".
pub(crate) fn pct(p: f64) -> String {
    if p.fract() == 0.0 {
        format!("{p:.0}%")
    } else {
        format!("{p:.1}%")
    }
}

/// "A; B; C", or "none".
pub(crate) fn names(list: &[String]) -> String {
    if list.is_empty() {
        "none".into()
    } else {
        list.join("; ")
    }
}

/// The dates one sentence states, as written: "March 2025, 2026".
pub(crate) fn dates(d: &DateFinding) -> String {
    let dates: Vec<&str> = d.dates.iter().map(|m| m.value.as_str()).collect();
    dates.join(", ")
}

/// How many of the `total` organizations mention a theme: "2 of 5
/// organizations (40%)".
pub(crate) fn share(t: &ThemeSummary, total: usize) -> String {
    let n = t.organizations.len();
    format!(
        "{n} of {total} organizations ({})",
        pct(super::percent(n, total))
    )
}

/// The questions a theme is mentioned in, for a table cell: "Q1, Q4".
pub(crate) fn theme_questions(t: &ThemeSummary) -> String {
    let qs: Vec<String> = t
        .questions
        .iter()
        .map(|q| format!("Q{}", q.question))
        .collect();
    qs.join(", ")
}

/// The questions a theme is mentioned in, with how often: "In: Q1 (2
/// organizations, 3 excerpts); Q4 (1 organization, 1 excerpt)".
pub(crate) fn theme_places(t: &ThemeSummary) -> String {
    let places: Vec<String> = t
        .questions
        .iter()
        .map(|q| {
            format!(
                "Q{} ({}, {})",
                q.question,
                count_s(q.organizations, "organization"),
                count_s(q.excerpts, "excerpt")
            )
        })
        .collect();
    format!("In: {}", places.join("; "))
}

/// The one-line counts of a choice question.
pub(crate) fn choice_counts(t: &ChoiceTally) -> String {
    let mut out = format!(
        "answered {} · no response {} · not reached {}",
        t.answered.len(),
        t.no_response.len(),
        t.not_reached.len()
    );
    if !t.several.is_empty() {
        out.push_str(&format!(
            " · several options on a single choice {}",
            t.several.len()
        ));
    }
    out
}

/// `text` wrapped to `width` columns (display width), each line starting
/// with `indent`; a word longer than a line is cut.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let room = width.saturating_sub(indent.width()).max(10);
    let mut out = String::new();
    let mut line = String::new();
    let flush = |line: &mut String, out: &mut String| {
        out.push_str(indent);
        out.push_str(line.trim_end());
        out.push('\n');
        line.clear();
    };
    for word in text.split_whitespace() {
        let mut word = word.to_owned();
        while word.width() > room {
            if !line.is_empty() {
                flush(&mut line, &mut out);
            }
            let mut head = String::new();
            let mut rest = word.chars();
            for c in rest.by_ref() {
                head.push(c);
                if head.width() >= room {
                    break;
                }
            }
            line.push_str(&head);
            flush(&mut line, &mut out);
            word = rest.collect();
        }
        if word.is_empty() {
            continue;
        }
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            flush(&mut line, &mut out);
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&word);
    }
    if !line.is_empty() || out.is_empty() {
        flush(&mut line, &mut out);
    }
    out
}

/// A horizontal bar of `width` cells for `part` of `whole`, in eighths of
/// a cell, the rest shaded so the scale shows.
pub(crate) fn bar(part: usize, whole: usize, width: usize) -> String {
    const EIGHTHS: [char; 8] = [' ', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];
    let eighths = (part * width * 8 + whole / 2)
        .checked_div(whole)
        .unwrap_or(0);
    let full = eighths / 8;
    let mut out: String = "█".repeat(full);
    let mut cells = full;
    if !eighths.is_multiple_of(8) && cells < width {
        out.push(EIGHTHS[eighths % 8]);
        cells += 1;
    }
    out.push_str(&"░".repeat(width - cells));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(0, 4, "░░░░░░░░")]
    #[case(4, 4, "████████")]
    #[case(2, 4, "████░░░░")]
    #[case(1, 3, "██▋░░░░░")]
    #[case(0, 0, "░░░░░░░░")]
    fn bars_fill_their_share(#[case] part: usize, #[case] whole: usize, #[case] want: &str) {
        assert_eq!(bar(part, whole, 8), want);
        assert_eq!(want.chars().count(), 8);
    }

    #[test]
    fn wrapping_keeps_within_the_width_and_indents() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        let out = wrap(text, 20, "  ");
        assert!(
            out.lines().all(|l| l.width() <= 20 && l.starts_with("  ")),
            "{out}"
        );
        assert_eq!(out.split_whitespace().collect::<Vec<_>>().join(" "), text);
        let long = wrap(&"x".repeat(50), 20, "  ");
        assert!(long.lines().all(|l| l.width() <= 20), "{long}");
    }

    #[rstest]
    #[case(75.0, "75%")]
    #[case(66.7, "66.7%")]
    #[case(0.0, "0%")]
    fn percentages_show_a_decimal_only_when_there_is_one(#[case] p: f64, #[case] want: &str) {
        assert_eq!(pct(p), want);
    }
}
