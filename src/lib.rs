//! # billcalc
//!
//! Exact previews of prepaid cloud billing: what a customer pays or gets back before they click.
//! The rules are those of the published billing guides (Huawei Cloud's, cited "003 §3.2.7", is
//! the main one; `docs/rules.md` is the project's English digest).
//!
//! - Money is [`domain::money::Money`] (`rust_decimal::Decimal`), never a float.
//! - Every result carries a [`domain::breakdown::Breakdown`]: line items with their formulas.
//! - Every refusal is an [`error::Error`] with a stable code and the offending field's path.
//!
//! Requests are read by the crate's own readers ([`io::read::read_text`], with the same coded
//! errors as the npm package and the CLI) and answered by their rule ([`explained`] runs it with
//! its breakdown), or handed whole to [`calculate`] with their `op`:
//!
//! ```
//! use billcalc::explained;
//! use billcalc::rules::refunds::unsubscribe::{unsubscribe_refund, UnsubscribeRequest};
//! let req: UnsubscribeRequest = billcalc::io::read::read_text(r#"{
//!   "scenario": "inUse", "date": "2022-09-02",
//!   "orders": [{"start": "2022-08-19", "end": "2022-09-19", "term": "1M", "paidCash": "110.00"}]
//! }"#)?;
//! let res = explained(unsubscribe_refund, &req)?;
//! assert_eq!(res.refund.to_string(), "50.87");
//!
//! // The same through the one entry point, and a refusal with its code and path.
//! let answer = billcalc::calculate(serde_json::json!({
//!   "op": "downgradeRefund", "date": "2018-11-24",
//!   "orders": [{"start": "2018-11-01", "end": "2018-11-30", "term": "1M", "paidCash": "120"}],
//!   "newPrices": {"1M": "90"}
//! }))?;
//! assert_eq!(answer["refund"], "10.00");
//! let refused = billcalc::calculate(serde_json::json!({
//!   "op": "downgradeRefund", "date": "2018-11-24",
//!   "orders": [{"start": "2018-11-01", "end": "2018-10-01", "term": "1M", "paidCash": "120"}],
//!   "newPrices": {"1M": "90"}
//! }));
//! let e = refused.unwrap_err();
//! assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_PERIOD", "orders[0].end"));
//! # Ok::<(), billcalc::Error>(())
//! ```

#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing
    )
)]

pub mod domain;
pub mod error;
pub mod io;
pub mod rules;

pub use domain::money::{Money, RoundingPolicy};
pub use error::{Error, ErrorCode, Result};
pub use io::ops::calculate;
pub use rules::explained;

/// The wasm module's allocator: talc, smaller in the module than the default dlmalloc (and
/// faster); the module is single-threaded.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
