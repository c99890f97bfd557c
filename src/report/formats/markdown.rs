//! The report in Markdown (CommonMark): headings for parts and questions,
//! chosen options as a list, lists in answers as nested Markdown lists.
//!
//! Everything printed is text, never markup: characters that Markdown
//! would read as markup are escaped with `\`, so an answer holding `*`,
//! `<b>` or `# title` shows exactly that.

use super::outline::{List, Outline, Printed, QuestionOut, nest};
use crate::report::freetext::Block;

/// The Markdown report.
pub fn render(outline: &Outline) -> String {
    let mut out = Md::default();
    let mut header = outline.header.iter().filter(|l| !l.trim().is_empty());
    if let Some(first) = header.next() {
        out.block(&format!("# {}", inline(first)));
    }
    for line in header {
        out.block(&paragraph_line(line));
    }
    for part in &outline.parts {
        out.block(&format!("## {}", inline(&part.heading)));
        for question in &part.questions {
            out.question(outline, question);
        }
    }
    out.block("---");
    for line in outline.footer.iter().filter(|l| !l.trim().is_empty()) {
        out.block(&paragraph_line(line));
    }
    out.text.push('\n');
    out.text
}

#[derive(Default)]
struct Md {
    text: String,
}

impl Md {
    /// Blocks are separated by one empty line.
    fn block(&mut self, block: &str) {
        if !self.text.is_empty() {
            self.text.push_str("\n\n");
        }
        self.text.push_str(block);
    }

    fn question(&mut self, outline: &Outline, question: &QuestionOut) {
        self.block(&format!("### {}", inline(&question.heading)));
        self.block(&paragraph(question.question.text.as_str().lines()));
        self.printed(outline, &question.answer);
        if let Some(comment) = &question.comment {
            self.blocks(comment);
        }
        for f in &question.follow_ups {
            self.block(&format!("**{}**", inline(f.follow_up.prompt.as_str())));
            self.printed(outline, &f.answer);
        }
    }

    fn printed(&mut self, outline: &Outline, printed: &Printed) {
        match printed {
            Printed::Chosen(chosen) => {
                let items: Vec<String> = chosen
                    .iter()
                    .map(|c| format!("- {}", inline(&c.label)))
                    .collect();
                self.block(&items.join("\n"));
            }
            Printed::Text(blocks) => self.blocks(blocks),
            Printed::NoResponse => self.block(&format!("*{}*", inline(&outline.no_response()))),
            Printed::NotApplicable => {
                self.block(&format!("*{}*", inline(&outline.not_applicable())))
            }
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for block in blocks {
            match block {
                Block::Paragraph(lines) => self.block(&paragraph(lines.iter().map(String::as_str))),
                Block::List(items) => {
                    let mut lines = Vec::new();
                    for list in nest(items) {
                        list_lines(&list, 0, &mut lines);
                    }
                    self.block(&lines.join("\n"));
                }
            }
        }
    }
}

/// A list's lines; nested lists are indented to their parent's text.
fn list_lines(list: &List, indent: usize, out: &mut Vec<String>) {
    for item in &list.items {
        let marker = match item.number {
            Some(n) => format!("{n}."),
            None => "-".to_owned(),
        };
        out.push(format!(
            "{}{marker} {}",
            " ".repeat(indent),
            inline(item.text.trim_start())
        ));
        for child in &item.children {
            list_lines(child, indent + marker.len() + 1, out);
        }
    }
}

/// Lines of one paragraph, each kept on its own line (a hard break, `\`
/// at the end of every line but the last).
fn paragraph<'a>(lines: impl Iterator<Item = &'a str>) -> String {
    let lines: Vec<String> = lines.map(paragraph_line).collect();
    lines.join("\\\n")
}

/// One line of a paragraph: escaped, and its leading white space written
/// as character references, which Markdown does not read as indentation
/// (four spaces would start a code block).
fn paragraph_line(line: &str) -> String {
    let body = line.trim_start_matches([' ', '\t']);
    let mut out = String::with_capacity(line.len() + 8);
    for c in line[..line.len() - body.len()].chars() {
        out.push_str(if c == '\t' { "&#9;" } else { "&#32;" });
    }
    out.push_str(&inline(body));
    out
}

/// Text escaped so that Markdown shows it as it is: punctuation that can
/// start markup anywhere, and what starts a block at the start of a line
/// (`-`, `+`, `=`, `1.`, `1)`).
pub fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let start = text.len() - text.trim_start_matches(' ').len();
    let digits = text[start..]
        .chars()
        .take_while(char::is_ascii_digit)
        .count();
    for (i, c) in text.char_indices() {
        let at_start = i == start;
        let after_digits = digits > 0 && i == start + digits;
        let escape = matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '$' | '^'
        ) || (at_start && matches!(c, '-' | '+' | '='))
            || (after_digits && matches!(c, '.' | ')'));
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case::plain("Plain words, e.g. this.", "Plain words, e.g. this.")]
    #[case::emphasis("*a* _b_ **c**", "\\*a\\* \\_b\\_ \\*\\*c\\*\\*")]
    #[case::html("<script>alert(1)</script>", "\\<script\\>alert(1)\\</script\\>")]
    #[case::entity("Fish &amp; chips", "Fish \\&amp; chips")]
    #[case::heading("# not a heading", "\\# not a heading")]
    #[case::bullet_at_start("- not a bullet", "\\- not a bullet")]
    #[case::dash_inside("well - kept", "well - kept")]
    #[case::number_at_start("1. not a number", "1\\. not a number")]
    #[case::paren_number("12) not a number", "12\\) not a number")]
    #[case::year_inside("in 2024. Then", "in 2024. Then")]
    #[case::link("[x](http://e.com)", "\\[x\\](http://e.com)")]
    #[case::code("`rm -rf`", "\\`rm -rf\\`")]
    #[case::backslash("C:\\dir", "C:\\\\dir")]
    #[case::table("a | b", "a \\| b")]
    #[case::quote("> quoted", "\\> quoted")]
    #[case::setext("===", "\\===")]
    #[case::math("$x$", "\\$x\\$")]
    fn inline_escapes_markup(#[case] text: &str, #[case] want: &str) {
        assert_eq!(inline(text), want);
    }

    #[test]
    fn indented_paragraph_lines_never_become_code() {
        assert_eq!(paragraph_line("    code?"), "&#32;&#32;&#32;&#32;code?");
        assert_eq!(paragraph_line("\tx"), "&#9;x");
    }

    #[test]
    fn paragraph_lines_keep_their_breaks() {
        assert_eq!(paragraph(["one", "two"].into_iter()), "one\\\ntwo");
    }
}
