//! The CLI's entry point on arbitrary bytes: the JSON reader, then `billcalc::io::ops::calculate_json`
//! on whatever it reads. Must never panic, hang or allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(request) = billcalc::io::read::parse_text(text) {
            let _ = billcalc::io::ops::calculate_json(request);
        }
    }
});
