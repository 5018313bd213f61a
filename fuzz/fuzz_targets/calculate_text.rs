//! The wasm package's entry point (`calculate_text`, JSON text in, JSON text out) and the curve
//! reader on arbitrary bytes: the first byte picks the operation, the rest is the request text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let ops = billcalc::io::ops::OPERATIONS;
    let op = ops[usize::from(pick) % ops.len()].name;
    let _ = billcalc::io::ops::calculate_text(op, text, pick & 0x80 != 0);
    let _ = billcalc::io::ops::curve_text(op, text, None, None);
});
