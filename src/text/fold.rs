//! [`fold`]: the form in which text is compared when searching it, so
//! that what web pages and word processors do to text (accents typed or
//! not, curly quotes, no-break spaces, hyphens of every width) does not
//! hide a match.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// How [`fold`] treats case and dashes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Folding {
    /// Lower-case everything (acronyms are compared as written).
    pub lowercase: bool,
    /// Dashes and hyphens become spaces ("anti-racism" reads as "anti
    /// racism"); otherwise they all become `-` ("2024–25" reads "2024-25").
    pub dashes_to_spaces: bool,
}

impl Folding {
    /// Phrases of a codebook: case, accents, quotes and hyphens forgiven.
    pub const PHRASE: Folding = Folding {
        lowercase: true,
        dashes_to_spaces: true,
    };
    /// Acronyms: as [`Folding::PHRASE`], but case kept.
    pub const ACRONYM: Folding = Folding {
        lowercase: false,
        dashes_to_spaces: true,
    };
    /// Dates: lower case, every dash a `-`.
    pub const DATE: Folding = Folding {
        lowercase: true,
        dashes_to_spaces: false,
    };
}

/// Text in its folded form, with where each folded byte came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub text: String,
    /// For each byte of `text`, the byte range of the original character
    /// it came from.
    origin: Vec<(usize, usize)>,
}

impl Folded {
    /// The original text behind folded bytes `start..end` (a match).
    pub fn original<'a>(&self, original: &'a str, start: usize, end: usize) -> &'a str {
        if start >= end || end > self.origin.len() {
            return "";
        }
        &original[self.origin[start].0..self.origin[end - 1].1]
    }
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

/// The folded form of one character (after decomposition).
fn fold_char(c: char, how: Folding, out: &mut String) {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{B4}' => {
            out.push('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '«' | '»' => {
            out.push('"')
        }
        'œ' => out.push_str("oe"),
        'Œ' => out.push_str(if how.lowercase { "oe" } else { "OE" }),
        'æ' => out.push_str("ae"),
        'Æ' => out.push_str(if how.lowercase { "ae" } else { "AE" }),
        'ß' => out.push_str("ss"),
        c if is_dash(c) => out.push(if how.dashes_to_spaces { ' ' } else { '-' }),
        c if how.lowercase => out.extend(c.to_lowercase()),
        c => out.push(c),
    }
}

/// `text` folded as `how` says: accents removed (é → e), curly quotes and
/// apostrophes straightened, runs of white space (no-break spaces too) one
/// space, dashes one kind, and case too unless acronyms are compared.
pub fn fold(text: &str, how: Folding) -> Folded {
    let mut out = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut piece = String::new();
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if c.is_whitespace() || (how.dashes_to_spaces && is_dash(c)) {
            // One space for a run; the run's end is where the space ends.
            if out.text.ends_with(' ') {
                if let Some(last) = out.origin.last_mut() {
                    last.1 = end;
                }
            } else {
                out.text.push(' ');
                out.origin.push((at, end));
            }
            continue;
        }
        if c.is_ascii() && !matches!(c, '`' | '-') {
            // Most text is ASCII: no decomposition to look up.
            out.text.push(if how.lowercase {
                c.to_ascii_lowercase()
            } else {
                c
            });
            out.origin.push((at, end));
            continue;
        }
        piece.clear();
        for d in std::iter::once(c).nfd() {
            if !is_combining_mark(d) {
                fold_char(d, how, &mut piece);
            }
        }
        out.text.push_str(&piece);
        out.origin
            .extend(std::iter::repeat_n((at, end), piece.len()));
    }
    out
}

/// The folded text alone.
pub fn folded(text: &str, how: Folding) -> String {
    fold(text, how).text
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Équité", "equite")]
    #[case("l’IA générative", "l'ia generative")]
    #[case("anti‑racism", "anti racism")]
    #[case("anti - racism", "anti racism")]
    #[case("safe\u{a0}\u{a0}space", "safe space")]
    #[case("“safe space”", "\"safe space\"")]
    #[case("Œuvre", "oeuvre")]
    #[case("naïve café", "naive cafe")]
    fn phrases_fold_case_accents_quotes_and_dashes(#[case] text: &str, #[case] want: &str) {
        assert_eq!(folded(text, Folding::PHRASE), want);
    }

    #[test]
    fn acronyms_keep_case_and_dates_keep_dashes() {
        assert_eq!(folded("l’IA", Folding::ACRONYM), "l'IA");
        assert_eq!(folded("2024–25 Été", Folding::DATE), "2024-25 ete");
    }

    #[test]
    fn a_match_maps_back_to_the_text_as_written() {
        let text = "d’ici févr.\u{a0} 2025";
        let f = fold(text, Folding::DATE);
        let start = f.text.find("fevr").unwrap();
        let end = f.text.len();
        assert_eq!(f.original(text, start, end), "févr.\u{a0} 2025");
        assert_eq!(f.original(text, 0, 0), "");
    }
}
