//! `{name}` templates: the report's header, footer and heading lines in a
//! definition ("Part {number}. {title}", "Date modified: {date}").
//!
//! One parser for every use: validation (strict: an unclosed or stray brace
//! is an error), rendering (lenient: what is not a placeholder prints as
//! written) and reading a report back (the text around a placeholder).

/// A piece of a template.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    Field(&'a str),
}

/// The pieces of `template`, in order. Lenient: a `{` with no `}` after it
/// is text, and so is a stray `}`.
pub fn pieces(template: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        if open > 0 {
            out.push(Piece::Text(&rest[..open]));
        }
        out.push(Piece::Field(&after[..close]));
        rest = &after[close + 1..];
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    out
}

/// The names between braces in `template`, or what is wrong with its
/// braces (for validation).
pub fn names(template: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    for piece in pieces(template) {
        match piece {
            Piece::Field(name) => out.push(name),
            Piece::Text(text) if text.contains('{') => {
                return Err(format!("unclosed `{{` in \"{template}\""));
            }
            Piece::Text(text) if text.contains('}') => {
                return Err(format!("stray `}}` in \"{template}\""));
            }
            Piece::Text(_) => {}
        }
    }
    Ok(out)
}

/// `template` with each placeholder replaced by `value(name)`; unknown
/// names become empty.
pub fn fill(template: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    for piece in pieces(template) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Field(name) => out.push_str(&value(name).unwrap_or_default()),
        }
    }
    out
}

/// The text before and after placeholder `name` (its first occurrence),
/// to read its value back from a printed line.
pub fn around<'a>(template: &'a str, name: &str) -> Option<(&'a str, &'a str)> {
    let mut offset = 0;
    for piece in pieces(template) {
        match piece {
            Piece::Field(n) if n == name => {
                let end = offset + n.len() + 2;
                return Some((&template[..offset], &template[end..]));
            }
            Piece::Field(n) => offset += n.len() + 2,
            Piece::Text(t) => offset += t.len(),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Part {number}. {title}", Ok(vec!["number", "title"]))]
    #[case("no placeholder", Ok(vec![]))]
    #[case("{a}{b}", Ok(vec!["a", "b"]))]
    #[case("open { brace", Err("unclosed `{` in \"open { brace\"".to_owned()))]
    #[case("close } brace", Err("stray `}` in \"close } brace\"".to_owned()))]
    #[case("{a} then }", Err("stray `}` in \"{a} then }\"".to_owned()))]
    fn names_are_listed_or_the_braces_faulted(
        #[case] template: &str,
        #[case] want: Result<Vec<&str>, String>,
    ) {
        assert_eq!(names(template), want);
    }

    #[test]
    fn filling_replaces_known_names_and_keeps_what_is_not_a_placeholder() {
        let f = |n: &str| (n == "x").then(|| "1".to_owned());
        assert_eq!(fill("a {x} b {y}.", &f), "a 1 b .");
        assert_eq!(fill("open { brace", &f), "open { brace");
        assert_eq!(fill("{x}{x}", &f), "11");
        assert_eq!(fill("", &f), "");
    }

    #[rstest]
    #[case("Date modified: {date}", "date", Some(("Date modified: ", "")))]
    #[case("Team: {team} (lead)", "team", Some(("Team: ", " (lead)")))]
    #[case("{a} and {b}", "b", Some(("{a} and ", "")))]
    #[case("Team: {team}", "date", None)]
    fn the_text_around_a_placeholder(
        #[case] template: &str,
        #[case] name: &str,
        #[case] want: Option<(&str, &str)>,
    ) {
        assert_eq!(around(template, name), want);
    }

    proptest::proptest! {
        #[test]
        fn filling_with_the_names_themselves_gives_the_template_back(template in "[a-z {}.]{0,30}") {
            if names(&template).is_ok() {
                let back = fill(&template, &|n| Some(format!("{{{n}}}")));
                proptest::prop_assert_eq!(back, template);
            }
        }
    }
}
