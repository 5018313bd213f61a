//! The WebAssembly bindings: the only module that knows about JS.
//!
//! What crosses the boundary is JSON text: the JS wrapper (`js/api.js`) turns the caller's plain
//! object into JSON, the core answers with JSON, and the wrapper parses it back into a plain
//! object. Measured here, that is faster than building JS objects field by field through
//! serde-wasm-bindgen (about 1.8 µs against 2.6 µs of crossing cost a call) and gives a smaller
//! module (one JSON reader for every request type); it also refuses unknown fields, which
//! serde-wasm-bindgen's struct reader cannot see. A refusal is thrown as a real `Error` carrying
//! `code`, `path` and `message`.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::curve as curves;
use crate::error::{Error, ErrorCode, Result};

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Record panic messages so that the JS wrapper can report one (a panic traps the module; the
/// wrapper turns the trap into an `Error` with code `INTERNAL`).
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info.to_string();
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The message of the last panic, if any (read by the JS wrapper after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.borrow().clone())
}

/// A coded error as a JS `Error` with `code`, `path` and `message`.
fn js_error(e: Error) -> JsValue {
    let err = js_sys::Error::new(&e.message);
    err.set_name("BillcalcError");
    let obj: &JsValue = err.as_ref();
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(obj, &"code".into(), &e.code.as_str().into());
    let _ = js_sys::Reflect::set(obj, &"path".into(), &e.path.as_str().into());
    err.into()
}

/// Run operation `op` (`unsubscribeRefund`, …) on a JSON request (without `op`); returns the
/// JSON response. With `explain` false the response has no `breakdown` (the wrapper asks for it
/// again, explained, only when the caller reads it).
#[wasm_bindgen(js_name = calculateJson)]
pub fn calculate_json(
    op: &str,
    request: &str,
    explain: bool,
) -> std::result::Result<String, JsValue> {
    crate::ops::calculate_text(op, request, explain).map_err(js_error)
}

/// What-if curve in one call: the amount of `op` in integer cents for every day of `from..=to`
/// (default: the orders' life), `null` where the operation refuses that day. Returns JSON
/// `{from, to, cents, refusals}`.
#[wasm_bindgen(js_name = curveJson)]
pub fn curve_json(
    op: &str,
    request: &str,
    from: Option<String>,
    to: Option<String>,
) -> std::result::Result<String, JsValue> {
    let day = |key: &str, v: Option<String>| -> Result<Option<chrono::NaiveDate>> {
        v.map(|s| {
            crate::calendar::parse_date(&s).map_err(|(code, msg)| {
                Error::new(
                    ErrorCode::from_code(code).unwrap_or(ErrorCode::InvalidDate),
                    key,
                    msg,
                )
            })
        })
        .transpose()
    };
    let from = day("from", from).map_err(js_error)?;
    let to = day("to", to).map_err(js_error)?;
    let op = curves::CurveOp::from_text(op, request).map_err(js_error)?;
    let c = curves::curve(op, from, to).map_err(js_error)?;
    Ok(crate::output::to_text(&c))
}

/// Request bytes the fast path takes at most (a larger request takes the JSON path).
const FAST_INPUT_BYTES: usize = 16 * 1024;
/// Answer slots of the fast path: the head and 64 orders (more take the JSON path).
const FAST_OUTPUT_SLOTS: usize = crate::fast::HEAD_SLOTS + 64 * crate::fast::ORDER_SLOTS;

/// The positional fast path of `unsubscribeRefund` (see `crate::fast`): two buffers inside the
/// module's memory that the package writes the request's fields into and reads the figures from,
/// so that a call allocates and decodes nothing. The buffers never move (fixed length); the
/// package re-creates its views of them when the memory grows.
#[wasm_bindgen]
pub struct FastPath {
    input: Vec<u8>,
    output: Vec<f64>,
    /// The orders of the last request, kept for their allocation.
    orders: Vec<crate::order::Order>,
}

#[wasm_bindgen]
impl FastPath {
    /// Both buffers, zeroed.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> FastPath {
        FastPath {
            input: vec![0; FAST_INPUT_BYTES],
            output: vec![0.0; FAST_OUTPUT_SLOTS],
            orders: Vec::new(),
        }
    }

    /// Address of the request buffer in the module's memory.
    #[wasm_bindgen(js_name = inputPtr)]
    pub fn input_ptr(&self) -> *const u8 {
        self.input.as_ptr()
    }

    /// Length of the request buffer in bytes.
    #[wasm_bindgen(js_name = inputLength)]
    pub fn input_length(&self) -> usize {
        self.input.len()
    }

    /// Address of the answer buffer (f64 slots) in the module's memory.
    #[wasm_bindgen(js_name = outputPtr)]
    pub fn output_ptr(&self) -> *const f64 {
        self.output.as_ptr()
    }

    /// Length of the answer buffer in slots.
    #[wasm_bindgen(js_name = outputLength)]
    pub fn output_length(&self) -> usize {
        self.output.len()
    }

    /// `unsubscribeRefund` on the first `len` bytes of the request buffer; returns the number
    /// of answer slots written, or 0 when the JSON path must answer (any refusal or oddity).
    #[wasm_bindgen(js_name = unsubscribeRefund)]
    pub fn unsubscribe_refund(&mut self, len: usize) -> usize {
        let Some(text) = self
            .input
            .get(..len)
            .and_then(|b| std::str::from_utf8(b).ok())
        else {
            return 0;
        };
        crate::fast::unsubscribe_figures_reusing(text, &mut self.output, &mut self.orders)
            .unwrap_or(0)
    }
}

/// The module's memory (the fast path's buffers live in it).
#[wasm_bindgen(js_name = wasmMemory)]
pub fn wasm_memory() -> JsValue {
    wasm_bindgen::memory()
}

/// The breakdown of a positional `unsubscribeRefund`, as JSON.
#[wasm_bindgen(js_name = unsubscribePositionalBreakdown)]
pub fn unsubscribe_positional_breakdown(encoded: &str) -> Option<String> {
    crate::fast::unsubscribe_positional_breakdown(encoded).ok()
}
