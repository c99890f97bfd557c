//! Published reports, canonical and `.flat`: import never panics, and what
//! `fmt` prints of a report that imports is a fixed point (see
//! `quire_fuzz::report`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use quire::questionnaire::Questionnaire;
use std::sync::OnceLock;

fn builtin() -> &'static Questionnaire {
    static Q: OnceLock<Questionnaire> = OnceLock::new();
    Q.get_or_init(|| Questionnaire::builtin().expect("the built-in questionnaire is valid"))
}

fuzz_target!(|data: &[u8]| {
    if let Some(text) = quire_fuzz::text_of(data) {
        quire_fuzz::report(builtin(), text);
    }
});
