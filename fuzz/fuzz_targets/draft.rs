//! Draft files: any text parses or is refused, and a draft that parses
//! writes out and reads back the same (see `quire_fuzz::draft`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Drafts are read with `read_to_string`: not UTF-8 is refused.
    if let Ok(text) = std::str::from_utf8(data) {
        quire_fuzz::draft(text);
    }
});
