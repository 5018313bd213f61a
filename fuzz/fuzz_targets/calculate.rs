//! The CLI's entry point on arbitrary bytes: any JSON the bytes parse to, through
//! `billcalc::calculate`. Must never panic, hang or allocate without bound.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(data) {
        let _ = billcalc::calculate(value);
    }
});
