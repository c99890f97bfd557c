//! Draft ids: short slugs that can never name a path outside the drafts folder.

use std::fmt;

/// A validated draft id: lowercase ASCII letters, digits and single dashes,
/// 1 to 64 characters, so never a path separator, `..` or a hidden file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DraftId(String);

impl DraftId {
    /// Accepts a valid id only.
    pub fn parse(s: &str) -> Option<Self> {
        let ok = (1..=64).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !s.starts_with('-')
            && !s.ends_with('-')
            && !s.contains("--");
        ok.then(|| Self(s.to_owned()))
    }

    /// A slug of `name` (accents dropped, other characters to dashes), at
    /// most 40 characters; `draft` when nothing is left.
    pub fn slug(name: &str) -> String {
        let mut out = String::new();
        for c in name.chars().flat_map(fold_accent) {
            if c.is_ascii_alphanumeric() {
                out.push(c.to_ascii_lowercase());
            } else if !out.is_empty() && !out.ends_with('-') {
                out.push('-');
            }
        }
        // Cut long names at a word boundary.
        if out.len() > 40 {
            let cut = out[..40].rfind('-').unwrap_or(40);
            out.truncate(cut);
        }
        let out = out.trim_end_matches('-');
        if out.is_empty() {
            "draft".into()
        } else {
            out.into()
        }
    }

    /// `slug-suffix`, where the suffix tells apart drafts of one organization.
    pub fn with_suffix(slug: &str, suffix: &str) -> Option<Self> {
        Self::parse(&format!("{slug}-{suffix}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Latin letters with accents, as their base letter (French names mostly).
fn fold_accent(c: char) -> impl Iterator<Item = char> {
    let base = match c {
        'à' | 'â' | 'ä' | 'á' | 'À' | 'Â' | 'Ä' | 'Á' => "a",
        'ç' | 'Ç' => "c",
        'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' | 'Ë' => "e",
        'î' | 'ï' | 'í' | 'Î' | 'Ï' | 'Í' => "i",
        'ô' | 'ö' | 'ó' | 'Ô' | 'Ö' | 'Ó' => "o",
        'ù' | 'û' | 'ü' | 'ú' | 'Ù' | 'Û' | 'Ü' | 'Ú' => "u",
        'œ' | 'Œ' => "oe",
        'æ' | 'Æ' => "ae",
        '’' | '\'' => "",
        _ => "",
    };
    let keep = base.is_empty() && !matches!(c, '’' | '\'');
    base.chars().chain(keep.then_some(c))
}

impl fmt::Display for DraftId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Public Safety Canada", "public-safety-canada")]
    #[case(
        "Office of the Privacy Commissioner of Canada",
        "office-of-the-privacy-commissioner-of"
    )]
    #[case("Sécurité publique Canada", "securite-publique-canada")]
    #[case("Canada’s Agency", "canadas-agency")]
    #[case("../../etc/passwd", "etc-passwd")]
    #[case("   ", "draft")]
    #[case("日本", "draft")]
    fn slugs(#[case] name: &str, #[case] want: &str) {
        assert_eq!(DraftId::slug(name), want);
        assert!(DraftId::parse(&DraftId::slug(name)).is_some());
    }

    #[rstest]
    #[case("public-safety-canada-7f3a", true)]
    #[case("a", true)]
    #[case("", false)]
    #[case("..", false)]
    #[case("a/b", false)]
    #[case("a\\b", false)]
    #[case(".hidden", false)]
    #[case("-a", false)]
    #[case("a--b", false)]
    #[case("Upper", false)]
    fn ids(#[case] s: &str, #[case] ok: bool) {
        assert_eq!(DraftId::parse(s).is_some(), ok);
    }
}
