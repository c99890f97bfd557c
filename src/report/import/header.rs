//! The header: the lines before the first heading, read against the
//! `header` templates of the report layout.

use super::Reader;
use super::anchors::{is_blank, loose};

impl Reader<'_> {
    pub(super) fn header(&mut self, region: &[(usize, &str)]) {
        let q = self.q;
        let is_field = |name: &str| q.header_fields.iter().any(|f| f.id == name);
        // Lines that name no header field are known text (`{title}` too).
        let known: Vec<Option<String>> = q
            .layout
            .header
            .iter()
            .map(|t| {
                let names =
                    crate::questionnaire::placeholders(t.value.as_str()).unwrap_or_default();
                (!names.iter().any(|n| is_field(n))).then(|| {
                    super::super::fill(t.value.as_str(), &|name| {
                        (name == "title").then(|| q.title.to_string())
                    })
                })
            })
            .collect();
        let mut lines = region.iter().filter(|(_, l)| !is_blank(l)).peekable();
        for (i, template) in q.layout.header.iter().enumerate() {
            let template = template.value.as_str();
            if let Some(expected) = &known[i] {
                let matches = lines
                    .peek()
                    .is_some_and(|(_, l)| loose(l) == loose(expected));
                if matches {
                    lines.next();
                } else if !expected.trim().is_empty() {
                    let at = lines.peek().map_or(1, |(n, _)| *n);
                    self.warn(at, format!("the header line \"{expected}\" is missing"));
                }
                continue;
            }
            let names = crate::questionnaire::placeholders(template).unwrap_or_default();
            let Some(name) = names.into_iter().find(|n| is_field(n)) else {
                continue;
            };
            // A field left empty prints no line: the next line is then one
            // of the known lines that follow.
            let next_is_known = lines.peek().is_some_and(|(_, l)| {
                known[i + 1..]
                    .iter()
                    .flatten()
                    .any(|k| !k.trim().is_empty() && loose(l) == loose(k))
            });
            if next_is_known {
                continue;
            }
            let Some(&(n, line)) = lines.next() else {
                break;
            };
            let (prefix, suffix) = crate::template::around(template, name).unwrap_or(("", ""));
            let line = line.trim_end_matches([' ', '\t']);
            // `Team: {team}` with no team prints as `Team:`.
            let empty = suffix.trim().is_empty() && line == prefix.trim_end();
            let value = if empty {
                ""
            } else {
                match line
                    .strip_prefix(prefix)
                    .and_then(|v| v.strip_suffix(suffix))
                {
                    Some(v) => v,
                    None => {
                        self.warn(n, format!("the header line does not read \"{template}\"; taken whole as {{{name}}}"));
                        line.trim()
                    }
                }
            };
            if !value.is_empty() {
                self.answers
                    .header
                    .insert(name.to_owned(), value.to_owned());
            }
        }
        for (n, line) in lines {
            self.warn(
                *n,
                format!("\"{line}\" is not part of the report's header; ignored"),
            );
        }
    }
}
