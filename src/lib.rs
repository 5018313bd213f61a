//! # billcalc
//!
//! Exact previews of prepaid cloud billing: what a customer pays or gets back before they click.
//! The rules are those of the published billing guides (Huawei Cloud's, cited "003 §3.2.7", is
//! the main one; `RULES.md` is the English digest).
//!
//! - Money is [`money::Money`] (`rust_decimal::Decimal`), never a float.
//! - Every result carries a [`breakdown::Breakdown`]: line items with their formulas.
//! - Every refusal is an [`error::Error`] with a stable code and the offending field's path.
//!
//! ```
//! use billcalc::ops::unsubscribe::{unsubscribe_refund, UnsubscribeRequest};
//! let req: UnsubscribeRequest = serde_json::from_str(r#"{
//!   "scenario": "inUse", "date": "2022-09-02",
//!   "orders": [{"start": "2022-08-19", "end": "2022-09-19", "term": "1M", "paidCash": "110.00"}]
//! }"#).unwrap();
//! let res = unsubscribe_refund(&req).unwrap();
//! assert_eq!(res.refund.to_string(), "50.87");
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

pub mod breakdown;
pub mod calendar;
pub mod curve;
pub mod error;
pub mod exact;
pub mod handling_fee;
pub mod input;
pub mod money;
pub mod ops;
pub mod order;
pub mod output;
pub mod price;
pub mod provider;
pub mod sorting;
pub mod term;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::{Error, ErrorCode, Result};
pub use money::{Money, RoundingPolicy};
pub use ops::calculate;
pub use ops::convert_currency::convert_currency;
pub use ops::discount::best_discount;
pub use ops::downgrade::downgrade_refund;
pub use ops::expansion::expansion_cost;
pub use ops::payment::payment_split;
pub use ops::quote::quote;
pub use ops::reserved_instance::reserved_instance_refund;
pub use ops::switch::switch_to_on_demand;
pub use ops::unified_expiry::unified_expiry;
pub use ops::unsubscribe::unsubscribe_refund;
pub use ops::upgrade::upgrade_cost;
pub use ops::usage_charge::usage_charge;
pub use ops::voucher::select_voucher;
