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

use crate::error::{Error, Result};

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
    crate::io::ops::calculate_text(op, request, explain).map_err(js_error)
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
            crate::domain::calendar::parse_date(&s)
                .map_err(|(code, msg)| Error::new(code, key, msg))
        })
        .transpose()
    };
    let from = day("from", from).map_err(js_error)?;
    let to = day("to", to).map_err(js_error)?;
    crate::io::ops::curve_text(op, request, from, to).map_err(js_error)
}
