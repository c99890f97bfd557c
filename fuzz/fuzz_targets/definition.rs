//! Questionnaire definitions: any text loads or is refused with its
//! problems, never a panic (`quire validate`, `--questionnaire`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // `validate` reads definitions with `read_to_string`: not UTF-8 is refused.
    if let Ok(source) = std::str::from_utf8(data) {
        quire_fuzz::definition(source);
    }
});
