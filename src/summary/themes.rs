//! Finding a codebook's themes in a sentence: every phrase, folded (see
//! [`crate::text::fold`]), on word boundaries, so that "AI" is found in
//! "use of AI." but not in "said" or "maintain".

use crate::questionnaire::Theme;
use crate::text::{Folding, fold};
use aho_corasick::AhoCorasick;

/// One search over all the phrases of one folding.
struct Search {
    automaton: AhoCorasick,
    /// For each pattern, its theme.
    theme_of: Vec<usize>,
    folding: Folding,
}

impl Search {
    fn new(themes: &[Theme], acronyms: bool) -> Option<Self> {
        let mut patterns = Vec::new();
        let mut theme_of = Vec::new();
        let folding = if acronyms {
            Folding::ACRONYM
        } else {
            Folding::PHRASE
        };
        for (t, theme) in themes.iter().enumerate() {
            for p in theme.phrases.iter().filter(|p| p.acronym == acronyms) {
                let folded = fold(&p.text, folding).text.trim().to_owned();
                if folded.chars().any(char::is_alphanumeric) {
                    patterns.push(folded);
                    theme_of.push(t);
                }
            }
        }
        if patterns.is_empty() {
            return None;
        }
        // Phrases come from a validated codebook; an automaton that cannot
        // be built (far beyond any codebook's size) finds nothing.
        let automaton = AhoCorasick::new(&patterns).ok()?;
        Some(Self {
            automaton,
            theme_of,
            folding,
        })
    }

    fn find(&self, sentence: &str, out: &mut Vec<(usize, String)>) {
        let folded = fold(sentence, self.folding);
        let text = folded.text.as_str();
        for m in self.automaton.find_overlapping_iter(text) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let written = folded.original(sentence, m.start(), m.end()).trim();
            out.push((self.theme_of[m.pattern().as_usize()], written.to_owned()));
        }
    }
}

/// Finds the themes of a codebook in sentences.
pub struct Matcher {
    phrases: Option<Search>,
    acronyms: Option<Search>,
}

/// A theme found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The theme's index in the codebook.
    pub theme: usize,
    /// The words that mention it, as written in the sentence, in order
    /// and once each.
    pub words: Vec<String>,
}

impl Matcher {
    pub fn new(themes: &[Theme]) -> Self {
        Self {
            phrases: Search::new(themes, false),
            acronyms: Search::new(themes, true),
        }
    }

    /// The themes `sentence` mentions, in codebook order.
    pub fn find(&self, sentence: &str) -> Vec<Found> {
        let mut hits = Vec::new();
        for search in [&self.phrases, &self.acronyms].into_iter().flatten() {
            search.find(sentence, &mut hits);
        }
        let mut out: Vec<Found> = Vec::new();
        hits.sort_by_key(|(t, _)| *t);
        for (theme, word) in hits {
            match out.last_mut() {
                Some(f) if f.theme == theme => {
                    if !f.words.contains(&word) {
                        f.words.push(word);
                    }
                }
                _ => out.push(Found {
                    theme,
                    words: vec![word],
                }),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{Phrase, Span, Text};
    use rstest::rstest;

    fn theme(name: &str, phrases: &[&str], acronyms: &[&str]) -> Theme {
        let phrase = |text: &&str, acronym| Phrase {
            text: (*text).to_owned(),
            language: None,
            acronym,
            span: Span::default(),
        };
        Theme {
            name: Text::new(name),
            phrases: phrases
                .iter()
                .map(|p| phrase(p, false))
                .chain(acronyms.iter().map(|p| phrase(p, true)))
                .collect(),
            span: Span::default(),
        }
    }

    fn codebook() -> Vec<Theme> {
        vec![
            theme(
                "AI",
                &[
                    "artificial intelligence",
                    "generative AI",
                    "intelligence artificielle",
                ],
                &["AI", "IA"],
            ),
            theme("EDI", &["equity, diversity and inclusion"], &["EDI"]),
            theme("Anti-racism", &["anti-racism"], &[]),
            theme(
                "Safe spaces",
                &["safe space", "safe spaces", "psychological safety"],
                &[],
            ),
            theme("Social media", &["social media", "médias sociaux"], &[]),
            theme("COI", &["conflict of interest", "conflits d'intérêts"], &[]),
        ]
    }

    /// Which themes (by name) a sentence mentions.
    fn names(sentence: &str) -> Vec<String> {
        let book = codebook();
        Matcher::new(&book)
            .find(sentence)
            .into_iter()
            .map(|f| book[f.theme].name.to_string())
            .collect()
    }

    #[rstest]
    #[case::acronym("Guidance on the use of AI tools.", &["AI"])]
    #[case::acronym_at_end("Guidance on AI.", &["AI"])]
    #[case::said("He said so.", &[])]
    #[case::maintain("We maintain trust.", &[])]
    #[case::ai_lower_case("Waikiki ai ai.", &[])]
    #[case::french_jai("J’ai parlé aux gestionnaires.", &[])]
    #[case::french_ia("L’IA générative pose des questions.", &["AI"])]
    #[case::long_form_case("ARTIFICIAL Intelligence is new.", &["AI"])]
    #[case::edi("Our EDI network met.", &["EDI"])]
    #[case::edit("We edit the code. Edited.", &[])]
    #[case::edi_in_word("MEDIA and EDIFICE.", &[])]
    #[case::edi_spelled("Equity, Diversity and Inclusion matters.", &["EDI"])]
    #[case::hyphen_space("An anti racism lens.", &["Anti-racism"])]
    #[case::non_breaking_hyphen("An anti‑racism lens.", &["Anti-racism"])]
    #[case::en_dash("An anti–racism lens.", &["Anti-racism"])]
    #[case::no_hyphen_is_another_word("Antiracism.", &[])]
    #[case::curly_quotes("Foster a “safe space” for all.", &["Safe spaces"])]
    #[case::plural_listed("Create safe spaces.", &["Safe spaces"])]
    #[case::accents_missing("Les medias sociaux.", &["Social media"])]
    #[case::accents_present("Les médias sociaux.", &["Social media"])]
    #[case::curly_apostrophe_fr("Les conflits d’intérêts.", &["COI"])]
    #[case::two_themes("Social media and AI.", &["AI", "Social media"])]
    #[case::prefix_only("Socially mediated.", &[])]
    #[case::no_break_space("social\u{a0}media posts", &["Social media"])]
    #[case::line_inside("psychological\n safety", &["Safe spaces"])]
    fn themes_are_found_on_word_boundaries(#[case] sentence: &str, #[case] want: &[&str]) {
        assert_eq!(names(sentence), want);
    }

    #[test]
    fn the_words_found_are_quoted_as_written_once_each() {
        let book = codebook();
        let found = Matcher::new(&book).find("Generative AI, AI and AI again; l’IA.");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].words, ["Generative AI", "AI", "IA"]);
    }

    #[test]
    fn an_empty_codebook_finds_nothing() {
        assert!(Matcher::new(&[]).find("AI everywhere").is_empty());
    }
}
