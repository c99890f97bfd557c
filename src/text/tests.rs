use super::*;
use proptest::prelude::*;
use rstest::rstest;

fn removed(nul: usize, escapes: usize, controls: usize, bidi: usize, invisible: usize) -> Removed {
    Removed {
        nul,
        escapes,
        controls,
        bidi,
        invisible,
    }
}

const NONE: Removed = Removed {
    nul: 0,
    escapes: 0,
    controls: 0,
    bidi: 0,
    invisible: 0,
};

#[rstest]
#[case::plain("plain text", "plain text", NONE)]
#[case::line_ends("a\r\nb\rc", "a\nb\nc", NONE)]
#[case::unicode_line_breaks("a\u{2028}b\u{2029}c", "a\nb\nc", NONE)]
#[case::tab_and_nbsp("tab\there\u{a0}", "tab\there\u{a0}", NONE)]
#[case::sgr_colour("red \u{1b}[31mtext\u{1b}[0m", "red text", removed(0, 2, 0, 0, 0))]
#[case::bell_and_nul("bell\u{7} and nul\u{0}", "bell and nul", removed(1, 0, 1, 0, 0))]
#[case::other_c0("a\u{8}b\u{b}c\u{c}d\u{1f}", "abcd", removed(0, 0, 4, 0, 0))]
#[case::del("a\u{7f}b", "ab", removed(0, 0, 1, 0, 0))]
#[case::c1_nel("a\u{85}b\u{9c}c", "abc", removed(0, 0, 2, 0, 0))]
#[case::right_to_left_override("bidi\u{202e}gnp.exe", "bidignp.exe", removed(0, 0, 0, 1, 0))]
#[case::isolates("\u{2066}a\u{2067}b\u{2068}c\u{2069}", "abc", removed(0, 0, 0, 4, 0))]
#[case::embeddings("\u{202a}a\u{202b}b\u{202c}", "ab", removed(0, 0, 0, 3, 0))]
#[case::marks_kept(
    "\u{5e9}\u{5dc}\u{200f}. a\u{200e}",
    "\u{5e9}\u{5dc}\u{200f}. a\u{200e}",
    NONE
)]
#[case::zero_width_space("pass\u{200b}word", "password", removed(0, 0, 0, 0, 1))]
#[case::word_joiner_and_bom("a\u{2060}b\u{feff}c", "abc", removed(0, 0, 0, 0, 2))]
#[case::joiner_in_ascii("pass\u{200d}wo\u{200c}rd", "password", removed(0, 0, 0, 0, 2))]
#[case::joiner_at_the_edges("\u{200d}é\u{200d}", "é", removed(0, 0, 0, 0, 2))]
#[case::emoji_sequence("👨\u{200d}👩\u{200d}👧", "👨\u{200d}👩\u{200d}👧", NONE)]
#[case::emoji_with_selector("❤\u{fe0f}\u{200d}🔥", "❤\u{fe0f}\u{200d}🔥", NONE)]
#[case::persian_zwnj("می\u{200c}خواهم", "می\u{200c}خواهم", NONE)]
#[case::two_joiners("é\u{200d}\u{200d}é", "éé", removed(0, 0, 0, 0, 2))]
#[case::tags("hi\u{e0001}\u{e0041}\u{e007f}", "hi", removed(0, 0, 0, 0, 3))]
#[case::hangul_filler("a\u{3164}b", "ab", removed(0, 0, 0, 0, 1))]
fn clean_keeps_printable_text(#[case] input: &str, #[case] want: &str, #[case] gone: Removed) {
    let got = clean(input);
    assert_eq!(got.text, want);
    assert_eq!(got.removed, gone);
    assert_eq!(got.first.is_some(), !gone.is_empty());
}

/// The fourteen kinds of escape sequence a tester pasted into quire
/// (issue 11), each removed whole: nothing of it is left to print.
#[rstest]
#[case::osc_0_title("a\u{1b}]0;pwned\u{7}b", "ab", 1)]
#[case::osc_2_title_st("a\u{1b}]2;pwned\u{1b}\\b", "ab", 1)]
#[case::osc_52_clipboard("\u{1b}]52;c;cm0gLXJmIH4=\u{7}ok", "ok", 1)]
#[case::osc_8_hyperlink(
    "\u{1b}]8;;https://evil.example/\u{1b}\\click\u{1b}]8;;\u{1b}\\",
    "click",
    2
)]
#[case::csi_cursor_moves("a\u{1b}[10;20Hb\u{1b}[2Ac\u{1b}[?25l", "abc", 3)]
#[case::csi_clear_screen("\u{1b}[2J\u{1b}[Hx", "x", 2)]
#[case::dcs("\u{1b}P1$qm\u{1b}\\x", "x", 1)]
#[case::apc("\u{1b}_payload\u{1b}\\x", "x", 1)]
#[case::pm("\u{1b}^private\u{7}x", "x", 1)]
#[case::sos("\u{1b}Xstring\u{1b}\\x", "x", 1)]
#[case::csi_8_bit("a\u{9b}2Jb\u{9b}31mc", "abc", 2)]
#[case::osc_8_bit("a\u{9d}0;title\u{9c}b\u{9d}52;c;eA==\u{7}c", "abc", 2)]
#[case::single_shifts("a\u{1b}Nxb\u{1b}OAc\u{8f}yd\u{8e}", "abcd", 4)]
#[case::bracketed_paste_end("pasted\u{1b}[201~\u{1b}[31mmore", "pastedmore", 2)]
#[case::bell_alone("ding\u{7}", "ding", 0)]
#[case::reset("\u{1b}creset", "reset", 1)]
#[case::charset_and_alignment_test("\u{1b}(0\u{1b}#8x", "x", 2)]
#[case::lone_esc_at_end("end\u{1b}", "end", 1)]
#[case::esc_before_non_ascii("\u{1b}é", "é", 1)]
#[case::csi_cut_by_a_line_end("a\u{1b}[12\nb", "a\nb", 1)]
#[case::csi_cut_by_esc("\u{1b}[1;\u{1b}[2Jx", "x", 2)]
fn escape_sequences_are_removed_whole(
    #[case] input: &str,
    #[case] want: &str,
    #[case] escapes: usize,
) {
    let got = clean(input);
    assert_eq!(got.text, want);
    assert_eq!(got.removed.escapes, escapes);
    assert!(!got.removed.is_empty());
}

#[rstest]
#[case::osc("\u{1b}]0;not closed\nnext", "0;not closed\nnext")]
#[case::dcs_at_the_end("x\u{1b}Pdata", "xdata")]
#[case::osc_cut_by_esc("\u{1b}]0;a\u{1b}[31mb", "0;ab")]
#[case::osc_8_bit_cut_by_c1("\u{9d}0;a\u{9b}1mb", "0;ab")]
fn an_unterminated_string_loses_only_its_introducer(#[case] input: &str, #[case] want: &str) {
    assert_eq!(clean(input).text, want);
}

#[test]
fn the_first_removal_is_placed() {
    assert_eq!(clean("abc\u{0}d\u{0}").first, Some(3));
    assert_eq!(clean("é\u{1b}[2J").first, Some(2));
    assert_eq!(clean("a\r\nb").first, None);
}

#[test]
fn a_long_line_of_introducers_is_read_in_linear_time() {
    let hostile = "\u{1b}]".repeat(200_000) + &"\u{9d}x".repeat(200_000);
    let start = std::time::Instant::now();
    let got = clean(&hostile);
    assert_eq!(got.text, "x".repeat(200_000));
    assert_eq!(got.removed.escapes, 400_000);
    // Quadratic work would take minutes; linear takes milliseconds.
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
}

#[rstest]
#[case(NONE, "nothing")]
#[case(removed(3, 0, 0, 0, 0), "3 NUL bytes")]
#[case(removed(0, 1, 0, 0, 0), "1 escape sequence")]
#[case(removed(1, 0, 2, 0, 0), "1 NUL byte and 2 control characters")]
#[case(
    removed(0, 2, 1, 1, 1),
    "2 escape sequences, 1 control character, 1 bidirectional control character and 1 invisible character"
)]
fn removed_says_what_went(#[case] r: Removed, #[case] want: &str) {
    assert_eq!(r.to_string(), want);
}

#[rstest]
#[case::osc_title("a\u{1b}]0;t\u{7}b", "a<ESC>]0;t<BEL>b")]
#[case::nul("\u{0}\u{0}", "<NUL><NUL>")]
#[case::del("\u{7f}", "<DEL>")]
#[case::c1("\u{9b}2J", "<U+009B>2J")]
#[case::bidi("\u{202e}abc", "<U+202E>abc")]
#[case::cr("a\r\nb", "a<CR>\nb")]
#[case::line_separator("a\u{2028}b", "a<U+2028>b")]
#[case::joiner_in_ascii("a\u{200d}b", "a<U+200D>b")]
#[case::tag("\u{e0041}", "<U+E0041>")]
fn visible_names_what_would_not_print(#[case] input: &str, #[case] want: &str) {
    assert_eq!(visible(input), want);
}

#[rstest]
#[case("plain\ttext\nnext line")]
#[case("Sécurité publique Canada — “quotes” 🦀")]
#[case("👨\u{200d}👩\u{200d}👧 می\u{200c}خواهم")]
fn visible_borrows_what_prints_as_itself(#[case] input: &str) {
    assert!(matches!(visible(input), std::borrow::Cow::Borrowed(s) if s == input));
}

#[test]
fn for_stream_changes_only_what_goes_to_a_terminal() {
    let text = "a\u{1b}[2Jb";
    assert_eq!(for_stream(text, false), text);
    assert_eq!(for_stream(text, true), "a<ESC>[2Jb");
}

/// Text made mostly of the characters the rule is about.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("\u{1b}".to_owned()),
        Just("\u{1b}[".to_owned()),
        Just("\u{1b}]".to_owned()),
        Just("\u{1b}\\".to_owned()),
        Just("\u{7}".to_owned()),
        Just("\u{9b}".to_owned()),
        Just("\u{9c}".to_owned()),
        Just("\u{9d}".to_owned()),
        Just("\u{8e}".to_owned()),
        Just("\u{200d}".to_owned()),
        Just("\u{200c}".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\r".to_owned()),
        Just("\r\n".to_owned()),
        Just("\u{2028}".to_owned()),
        "[\\x00-\\x7f]",
        "[\\u{80}-\\u{9f}]",
        "[éß€👨👩🦀\u{fe0f}ی]",
        "\\PC",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![hostile(), any::<String>()]
}

/// What a terminal could act on, or what hides text: never in visible output.
fn acts_on_a_terminal(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn clean_leaves_nothing_visible_would_escape(text in any_text()) {
        let cleaned = clean(&text).text;
        prop_assert_eq!(visible(&cleaned), cleaned.as_str());
    }

    #[test]
    fn clean_is_idempotent(text in any_text()) {
        let once = clean(&text);
        let twice = clean(&once.text);
        prop_assert_eq!(&twice.text, &once.text);
        prop_assert!(twice.removed.is_empty(), "{:?}", twice.removed);
    }

    #[test]
    fn visible_output_cannot_act_on_a_terminal(text in any_text()) {
        let shown = visible(&text);
        prop_assert!(!shown.chars().any(acts_on_a_terminal), "{:?}", shown);
    }

    #[test]
    fn text_visible_leaves_alone_is_kept_by_clean(text in any_text()) {
        if let std::borrow::Cow::Borrowed(_) = visible(&text) {
            let cleaned = clean(&text);
            prop_assert_eq!(cleaned.text, text);
            prop_assert!(cleaned.removed.is_empty());
        }
    }

    #[test]
    fn clean_never_adds_a_character(text in any_text()) {
        // Every kept character comes from the input, in order; only line
        // breaks become line feeds.
        let kept = clean(&text).text;
        let normalised: String = text
            .replace("\r\n", "\n")
            .chars()
            .map(|c| if matches!(c, '\r' | '\u{2028}' | '\u{2029}') { '\n' } else { c })
            .collect();
        let mut rest = normalised.chars();
        for c in kept.chars() {
            prop_assert!(rest.any(|r| r == c), "{:?} not in order in {:?}", c, text);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn clean_changes_nothing_of_what_is_clean(text in any_text()) {
        if is_clean(&text) {
            prop_assert_eq!(clean(&text).text, text);
        }
    }
}

#[rstest]
#[case(
    "plain	text
",
    true
)]
#[case("Sécurité — 🦀", true)]
#[case("a\r\nb", false)]
#[case("\u{1b}[2J", false)]
#[case("👨\u{200d}👩", false)]
fn is_clean_is_cheap_and_cautious(#[case] text: &str, #[case] want: bool) {
    assert_eq!(is_clean(text), want);
}
