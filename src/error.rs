//! One error type for every operation: a stable machine `code`, the `path` of the offending
//! request field (`orders[1].end`, empty when the request as a whole is at fault) and a
//! human message that names the offending value.
//!
//! Codes are part of the public API: they never change meaning once published. The codes of
//! rule refusals follow the documents' refusal cases (docs/rules.md).

use billcalc_derive::{ToJson, Ts};
use std::fmt;

/// Declares the codes once: the enum, its spelling and the list of all.
macro_rules! error_codes {
    ($($(#[doc = $doc:literal])* $code:ident = $text:literal,)*) => {
        /// Stable error codes, in `SCREAMING_SNAKE_CASE` (e.g. `INVALID_PERIOD`): one spelling per
        /// code, the same in the CLI, the npm package, the TypeScript types and the README.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ErrorCode {
            $($(#[doc = $doc])* $code,)*
        }

        impl ErrorCode {
            /// The code as it is written (`INVALID_PERIOD`).
            pub fn as_str(self) -> &'static str {
                match self {
                    $(ErrorCode::$code => $text,)*
                }
            }

            /// Every code.
            pub const ALL: &'static [ErrorCode] = &[$(ErrorCode::$code),*];
        }
    };
}

error_codes! {
    /// The input is not valid JSON / not an object, or a field has the wrong type.
    InvalidInput = "INVALID_INPUT",
    /// A required field is missing.
    MissingField = "MISSING_FIELD",
    /// A field the operation does not know (typo guard: unknown fields are refused).
    UnknownField = "UNKNOWN_FIELD",
    /// The `op` field names no operation.
    UnknownOperation = "UNKNOWN_OPERATION",
    /// A date is not `YYYY-MM-DD` or does not exist (2023-02-30).
    InvalidDate = "INVALID_DATE",
    /// A date before 1970-01-01 or after 9999-12-31.
    DateOutOfRange = "DATE_OUT_OF_RANGE",
    /// A money amount is not a decimal string (or an exactly representable number).
    InvalidMoney = "INVALID_MONEY",
    /// A money amount that must not be negative is negative.
    NegativeMoney = "NEGATIVE_MONEY",
    /// A money amount beyond ±10^12, the range billcalc guarantees exact.
    MoneyOutOfRange = "MONEY_OUT_OF_RANGE",
    /// A number that must be a ratio, factor or count is out of its range.
    InvalidNumber = "INVALID_NUMBER",
    /// A term that is not `NM` (1–120 months) or `NY` (1–10 years).
    UnknownTerm = "UNKNOWN_TERM",
    /// The price table has no price for the term the rule needs.
    PriceNotFound = "PRICE_NOT_FOUND",
    /// End before start, overlapping or unordered orders, or an operation date outside the
    /// orders' term (003 §3.2.7, §3.4).
    InvalidPeriod = "INVALID_PERIOD",
    /// More orders, tiers or items than one request may carry.
    TooManyItems = "TOO_MANY_ITEMS",
    /// 003 §3.2.2.1: the resource cannot be renewed (deleted after the retention period, …).
    RenewalNotAllowed = "RENEWAL_NOT_ALLOWED",
    /// 003 §3.2.2.2: the new expiry would be later than the operation date + 10 years.
    RenewalExceeds10Years = "RENEWAL_EXCEEDS_10_YEARS",
    /// 003 §3.2.2.3: the unified day is not 1–28 or `last`.
    UnifiedDayInvalid = "UNIFIED_DAY_INVALID",
    /// 003 §3.2.2.3: the unified expiry is less than one month after the current expiry.
    UnifiedGapTooShort = "UNIFIED_GAP_TOO_SHORT",
    /// 003 §3.2.7: spec changes apply to prepaid resources only.
    SpecChangeNotPrepaid = "SPEC_CHANGE_NOT_PREPAID",
    /// 003 §3.2.7: disks can only grow.
    DiskShrinkNotAllowed = "DISK_SHRINK_NOT_ALLOWED",
    /// 003 §3.2.6.3, §3.2.6.4: the billing-mode switch is refused (package, expired, …).
    ModeSwitchNotAllowed = "MODE_SWITCH_NOT_ALLOWED",
    /// 003 §3.4.2.3: resource packages cannot be unsubscribed (except CBR and DWS packages).
    PackageNotUnsubscribable = "PACKAGE_NOT_UNSUBSCRIBABLE",
    /// 003 §3.4.2.3: an expired resource cannot be unsubscribed as in use.
    ResourceExpired = "RESOURCE_EXPIRED",
    /// 003 §3.4.2.3, §3.4.3: the resource cannot be unsubscribed (trial, free, one-off, …).
    UnsubscribeNotAllowed = "UNSUBSCRIBE_NOT_ALLOWED",
    /// 003 §3.4.4: no renewal period that has not started yet.
    RenewalPeriodNotUnsubscribable = "RENEWAL_PERIOD_NOT_UNSUBSCRIBABLE",
    /// 003 §3.4.2.2 table 3-5 has no handling-fee rate for this term and consumed time.
    HandlingFeeRateUnknown = "HANDLING_FEE_RATE_UNKNOWN",
    /// 003 §3.2.4.1, §3.2.2.2: the package cannot be renewed (non-resettable and used up without auto-renewal, monthly package renewed by year, …).
    PackageNotRenewable = "PACKAGE_NOT_RENEWABLE",
    /// 003 §3.2.3.1; 001: auto-renewal cannot be set (expires the next day, < 20 days left on a domain, free or trial product, …).
    AutoRenewNotAllowed = "AUTO_RENEW_NOT_ALLOWED",
    /// 003 §9.1.2, §9.1.5: the voucher cannot pay this order (out of its validity, product, region or billing-mode scope; more than one on a prepaid order; with a discount coupon).
    VoucherNotApplicable = "VOUCHER_NOT_APPLICABLE",
    /// 003 §9.1.2, §9.2.1: discounts that may not be combined on one order.
    DiscountNotCombinable = "DISCOUNT_NOT_COMBINABLE",
    /// 003 §8: the document states no tax rate for this country, seller and date.
    TaxRateUnknown = "TAX_RATE_UNKNOWN",
    /// 003 §3.1.1, §5.1.2: more than 30 orders in one merged payment, or a card payment beyond the per-transaction limit.
    PaymentLimitExceeded = "PAYMENT_LIMIT_EXCEEDED",
    /// 003 §1.3: a payment method this customer type cannot use (a prepaid customer's monthly settlement, a postpaid customer's balance, a resale sub-customer's card …).
    PaymentMethodNotAllowed = "PAYMENT_METHOD_NOT_ALLOWED",
    /// 003 §5.2.3: a repayment above the bill's remaining amount due, or an early repayment above the unbilled estimate.
    RepaymentTooHigh = "REPAYMENT_TOO_HIGH",
    /// A rule the documents do not define for this input (docs/rules.md, interpretations).
    NotSupported = "NOT_SUPPORTED",
    /// A defect in billcalc itself (never expected; please report the request).
    Internal = "INTERNAL",
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A refused request ([`Refusal`]: `e.code`, `e.path`, `e.message`). Boxed, so that a `Result` of the rules is no
/// larger than its answer and a refusal passes up by one pointer (in the wasm module, every `?`
/// otherwise copied the three fields: 32 KB of code in all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Refusal>);

/// A refused request: `{ code, path, message }`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
#[json(ts_name = "Error")]
pub struct Refusal {
    /// Stable machine code.
    pub code: ErrorCode,
    /// Path of the offending field in the request (`orders[1].end`); empty for the whole request.
    pub path: String,
    /// Human-readable explanation naming the offending value.
    pub message: String,
}

/// A value the rule needs where the request may leave it out: `MISSING_FIELD` at `path`,
/// saying why it is needed.
pub fn required<T>(value: Option<T>, path: &'static str, why: &'static str) -> Result<T> {
    value.ok_or_else(|| Error::new(ErrorCode::MissingField, path, why))
}

impl Error {
    /// A new error at `path`.
    pub fn new(code: ErrorCode, path: impl Into<String>, message: impl Into<String>) -> Error {
        Error(Box::new(Refusal {
            code,
            path: path.into(),
            message: message.into(),
        }))
    }
}

impl Error {
    /// The same refusal at `path`: a domain check knows the figure at fault, the rule which
    /// request field holds it.
    pub fn at(mut self, path: impl Into<String>) -> Error {
        self.0.path = path.into();
        self
    }

    /// The path under the request field `field`: `[1].end` under `orders` is `orders[1].end`.
    pub fn under(mut self, field: &str) -> Error {
        self.0.path = format!("{field}{}", self.0.path);
        self
    }
}

impl std::ops::Deref for Error {
    type Target = Refusal;
    fn deref(&self) -> &Refusal {
        &self.0
    }
}

impl std::ops::DerefMut for Error {
    fn deref_mut(&mut self) -> &mut Refusal {
        &mut self.0
    }
}

/// `TOO_MANY_ITEMS` at `path` when a list of `n` items is longer than `max` (every list input is
/// capped, so that no request allocates without bound).
pub fn check_count(path: impl Into<String>, n: usize, max: usize, what: &str) -> Result<()> {
    if n > max {
        return Err(Error::new(
            ErrorCode::TooManyItems,
            path,
            format!("{n} {what}; at most {max}"),
        ));
    }
    Ok(())
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.path, self.message)
        }
    }
}

impl std::error::Error for Error {}

/// Result alias used across the crate.
pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    /// One spelling per code: the writer (what the CLI and the package say) and the TypeScript
    /// union say what `as_str` says, for every code (`RENEWAL_EXCEEDS_10_YEARS`, not
    /// `RENEWAL_EXCEEDS10_YEARS`).
    #[test]
    fn every_code_is_spelled_as_as_str_says() {
        use crate::io::ts::{Ts, TsFile};
        let mut file = TsFile::default();
        ErrorCode::declare(&mut file);
        let text = file.text();
        let union = text
            .split("export type ErrorCode = ")
            .nth(1)
            .and_then(|t| t.split(';').next())
            .unwrap_or_default();
        let mut in_union: Vec<String> = union
            .split('|')
            .map(|c| c.trim().trim_matches('"').to_string())
            .collect();
        let mut codes: Vec<String> = ErrorCode::ALL
            .iter()
            .map(|c| c.as_str().to_string())
            .collect();
        for code in ErrorCode::ALL {
            assert_eq!(
                crate::io::write::to_text(code),
                format!("\"{}\"", code.as_str())
            );
        }
        in_union.sort();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "a code listed twice in ErrorCode::ALL");
        assert_eq!(in_union, codes);
    }
}
