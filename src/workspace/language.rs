//! The language questions and answers are shown in: what the wizard's
//! language key and the accessible mode's `lang` command share. A draft's
//! answers are written in its source language; in another of the
//! questionnaire's languages a text answer is its translation
//! (`docs/draft-format.md`, "Translations").

use crate::questionnaire::Questionnaire;

/// A language's name in itself, for people: `English`, `français`; an
/// unknown code as it is.
pub fn name(code: &str) -> String {
    match code {
        "en" => "English".to_owned(),
        "fr" => "français".to_owned(),
        other => other.to_owned(),
    }
}

/// The questionnaire's languages as a list to read: `en (English) and fr
/// (français)`.
pub fn listed(q: &Questionnaire) -> String {
    let names: Vec<String> = q
        .languages
        .iter()
        .map(|l| match name(l) {
            n if n == *l => l.clone(),
            n => format!("{l} ({n})"),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The language `typed` names: a code (`fr`) or a name (`French`,
/// `français`, `francais`), in any case. The error names the
/// questionnaire's languages.
pub fn resolve(q: &Questionnaire, typed: &str) -> Result<String, String> {
    let t = typed.trim().to_lowercase();
    let alias = match t.as_str() {
        "english" | "anglais" => "en",
        "french" | "français" | "francais" => "fr",
        other => other,
    };
    if q.has_language(alias) {
        return Ok(alias.to_owned());
    }
    Err(if q.languages.len() < 2 {
        format!(
            "\"{}\": this questionnaire has one language only, {}.",
            typed.trim(),
            listed(q)
        )
    } else {
        format!(
            "\"{}\" is not one of this questionnaire's languages; it has {}.",
            typed.trim(),
            listed(q)
        )
    })
}

/// The language after `current` among the questionnaire's (round the
/// list): with two, the other one.
pub fn next(q: &Questionnaire, current: &str) -> String {
    let at = q.languages.iter().position(|l| l == current).unwrap_or(0);
    q.languages
        .get((at + 1) % q.languages.len().max(1))
        .cloned()
        .unwrap_or_else(|| current.to_owned())
}

/// The file name an export proposes for the report in `language`: the
/// organization's slug, and in a language other than the questionnaire's
/// primary one its code before the extension (`public-safety-canada.fr.txt`,
/// as `quire export --lang both` names the two files).
pub fn report_name(q: &Questionnaire, organization: &str, language: &str) -> String {
    let slug = crate::draft::DraftId::slug(organization);
    if language == q.primary_language() {
        format!("{slug}.txt")
    } else {
        format!("{slug}.{language}.txt")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("fr", Ok("fr"))]
    #[case(" EN ", Ok("en"))]
    #[case("French", Ok("fr"))]
    #[case("français", Ok("fr"))]
    #[case("english", Ok("en"))]
    #[case(
        "de",
        Err(
            "\"de\" is not one of this questionnaire's languages; it has en (English) and fr (français)."
        )
    )]
    fn languages_are_named_by_code_or_name(#[case] typed: &str, #[case] want: Result<&str, &str>) {
        let q = Questionnaire::builtin().unwrap();
        assert_eq!(
            resolve(&q, typed),
            want.map(str::to_owned).map_err(str::to_owned)
        );
    }

    #[test]
    fn the_next_language_goes_round() {
        let q = Questionnaire::builtin().unwrap();
        assert_eq!(next(&q, "en"), "fr");
        assert_eq!(next(&q, "fr"), "en");
    }
}
