//! Editing an answer in the user's own editor (`$VISUAL`, else `$EDITOR`,
//! else `vi`), for every front end: the text goes out in a temporary file
//! with a final newline and comes back less it. The caller cleans what
//! comes back by the one rule (`crate::text::clean`) and says what was
//! removed. A front end that owns the terminal gives it up around [`run`].

/// The text written for the external editor: with a final newline, so that
/// a line the editor appends is not glued to the last one.
pub fn for_external_editor(text: &str) -> String {
    if text.is_empty() || text.ends_with('\n') {
        text.to_owned()
    } else {
        format!("{text}\n")
    }
}

/// The text read back from the external editor, less the final newline
/// that editors add.
pub fn from_external_editor(text: &str) -> &str {
    text.strip_suffix("\r\n")
        .or_else(|| text.strip_suffix('\n'))
        .unwrap_or(text)
}

/// The editor the user chose: `$VISUAL`, else `$EDITOR`, else `vi`.
pub fn editor_command() -> String {
    let set = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    set("VISUAL")
        .or_else(|| set("EDITOR"))
        .unwrap_or_else(|| "vi".into())
}

/// Runs the user's editor on `text` in a private temporary file and
/// returns the file as the editor left it (final newline included), or
/// why it could not.
pub fn run(text: &str) -> Result<String, String> {
    let file = tempfile::Builder::new()
        .prefix("quire-answer-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| e.to_string())?;
    std::fs::write(file.path(), for_external_editor(text)).map_err(|e| e.to_string())?;
    let editor = editor_command();
    // Through the shell, so that `EDITOR="code --wait"` works.
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("sh")
        .arg(file.path())
        .status()
        .map_err(|e| format!("cannot run {editor}: {e}"))?;
    if !status.success() {
        return Err(format!("{editor} exited with {status}"));
    }
    std::fs::read_to_string(file.path()).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("", "")]
    #[case("one", "one\n")]
    #[case("- a\n- b", "- a\n- b\n")]
    #[case("ends\n", "ends\n")]
    fn the_file_gets_a_final_newline_and_it_is_taken_back(
        #[case] text: &str,
        #[case] written: &str,
    ) {
        assert_eq!(for_external_editor(text), written);
        assert_eq!(
            from_external_editor(written),
            text.strip_suffix('\n').unwrap_or(text)
        );
        assert_eq!(from_external_editor("crlf\r\n"), "crlf");
    }
}
