//! One error type for every operation: a stable machine `code`, the `path` of the offending
//! request field (`orders[1].end`, empty when the request as a whole is at fault) and a
//! human message that names the offending value.
//!
//! Codes are part of the public API: they never change meaning once published. The codes of
//! rule refusals follow RULES.md §18.

use billcalc_derive::{ToJson, Ts};
use std::fmt;

/// Stable error codes, in `SCREAMING_SNAKE_CASE` (e.g. `INVALID_PERIOD`): one spelling per code,
/// the same in the CLI, the npm package, these types and the README (`RENEWAL_EXCEEDS_10_YEARS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    /// The input is not valid JSON / not an object, or a field has the wrong type.
    InvalidInput,
    /// A required field is missing.
    MissingField,
    /// A field the operation does not know (typo guard: unknown fields are refused).
    UnknownField,
    /// The `op` field names no operation.
    UnknownOperation,
    /// A date is not `YYYY-MM-DD` or does not exist (2023-02-30).
    InvalidDate,
    /// A date before 1970-01-01 or after 9999-12-31.
    DateOutOfRange,
    /// A money amount is not a decimal string (or an exactly representable number).
    InvalidMoney,
    /// A money amount that must not be negative is negative.
    NegativeMoney,
    /// A money amount beyond ±10^12, the range billcalc guarantees exact.
    MoneyOutOfRange,
    /// A number that must be a ratio, factor or count is out of its range.
    InvalidNumber,
    /// A term that is not `NM` (1–120 months) or `NY` (1–10 years).
    UnknownTerm,
    /// The price table has no price for the term the rule needs.
    PriceNotFound,
    /// End before start, overlapping or unordered orders, or an operation date outside the
    /// orders' term (003 §3.2.7, §3.4).
    InvalidPeriod,
    /// More orders, tiers or items than one request may carry.
    TooManyItems,
    /// 003 §3.2.2.1: the resource cannot be renewed (deleted after the retention period, …).
    RenewalNotAllowed,
    /// 003 §3.2.2.2: the new expiry would be later than the operation date + 10 years.
    // SCREAMING_SNAKE_CASE puts no underscore before a digit (`RENEWAL_EXCEEDS10_YEARS`): spelled
    // here as `as_str` spells it, for ts-rs.
    RenewalExceeds10Years,
    /// 003 §3.2.2.3: the unified day is not 1–28 or `last`.
    UnifiedDayInvalid,
    /// 003 §3.2.2.3: the unified expiry is less than one month after the current expiry.
    UnifiedGapTooShort,
    /// 003 §3.2.7: spec changes apply to prepaid resources only.
    SpecChangeNotPrepaid,
    /// 003 §3.2.7: disks can only grow.
    DiskShrinkNotAllowed,
    /// 003 §3.2.6.3, §3.2.6.4: the billing-mode switch is refused (package, expired, …).
    ModeSwitchNotAllowed,
    /// 003 §3.4.2.3: resource packages cannot be unsubscribed (except CBR and DWS packages).
    PackageNotUnsubscribable,
    /// 003 §3.4.2.3: an expired resource cannot be unsubscribed as in use.
    ResourceExpired,
    /// 003 §3.4.2.3, §3.4.3: the resource cannot be unsubscribed (trial, free, one-off, …).
    UnsubscribeNotAllowed,
    /// 003 §3.4.4: no renewal period that has not started yet.
    RenewalPeriodNotUnsubscribable,
    /// 003 §3.4.2.2 table 3-5 has no handling-fee rate for this term and consumed time.
    HandlingFeeRateUnknown,
    /// 003 §3.2.4.1, §3.2.2.2: the package cannot be renewed (non-resettable and used up without auto-renewal, monthly package renewed by year, …).
    PackageNotRenewable,
    /// 003 §3.2.3.1; 001: auto-renewal cannot be set (expires the next day, < 20 days left on a domain, free or trial product, …).
    AutoRenewNotAllowed,
    /// 003 §9.1.2, §9.1.5: the voucher cannot pay this order (out of its validity, product, region or billing-mode scope; more than one on a prepaid order; with a discount coupon).
    VoucherNotApplicable,
    /// 003 §9.1.2, §9.2.1: discounts that may not be combined on one order.
    DiscountNotCombinable,
    /// 003 §8: the document states no tax rate for this country, seller and date.
    TaxRateUnknown,
    /// 003 §3.1.1, §5.1.2: more than 30 orders in one merged payment, or a card payment beyond the per-transaction limit.
    PaymentLimitExceeded,
    /// A rule the documents do not define for this input (RULES.md §19).
    NotSupported,
    /// A defect in billcalc itself (never expected; please report the request).
    Internal,
}

impl ErrorCode {
    /// The code as it is serialized (`INVALID_PERIOD`).
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            InvalidInput => "INVALID_INPUT",
            MissingField => "MISSING_FIELD",
            UnknownField => "UNKNOWN_FIELD",
            UnknownOperation => "UNKNOWN_OPERATION",
            InvalidDate => "INVALID_DATE",
            DateOutOfRange => "DATE_OUT_OF_RANGE",
            InvalidMoney => "INVALID_MONEY",
            NegativeMoney => "NEGATIVE_MONEY",
            MoneyOutOfRange => "MONEY_OUT_OF_RANGE",
            InvalidNumber => "INVALID_NUMBER",
            UnknownTerm => "UNKNOWN_TERM",
            PriceNotFound => "PRICE_NOT_FOUND",
            InvalidPeriod => "INVALID_PERIOD",
            TooManyItems => "TOO_MANY_ITEMS",
            RenewalNotAllowed => "RENEWAL_NOT_ALLOWED",
            RenewalExceeds10Years => "RENEWAL_EXCEEDS_10_YEARS",
            UnifiedDayInvalid => "UNIFIED_DAY_INVALID",
            UnifiedGapTooShort => "UNIFIED_GAP_TOO_SHORT",
            SpecChangeNotPrepaid => "SPEC_CHANGE_NOT_PREPAID",
            DiskShrinkNotAllowed => "DISK_SHRINK_NOT_ALLOWED",
            ModeSwitchNotAllowed => "MODE_SWITCH_NOT_ALLOWED",
            PackageNotUnsubscribable => "PACKAGE_NOT_UNSUBSCRIBABLE",
            ResourceExpired => "RESOURCE_EXPIRED",
            UnsubscribeNotAllowed => "UNSUBSCRIBE_NOT_ALLOWED",
            RenewalPeriodNotUnsubscribable => "RENEWAL_PERIOD_NOT_UNSUBSCRIBABLE",
            HandlingFeeRateUnknown => "HANDLING_FEE_RATE_UNKNOWN",
            PackageNotRenewable => "PACKAGE_NOT_RENEWABLE",
            AutoRenewNotAllowed => "AUTO_RENEW_NOT_ALLOWED",
            VoucherNotApplicable => "VOUCHER_NOT_APPLICABLE",
            DiscountNotCombinable => "DISCOUNT_NOT_COMBINABLE",
            TaxRateUnknown => "TAX_RATE_UNKNOWN",
            PaymentLimitExceeded => "PAYMENT_LIMIT_EXCEEDED",
            NotSupported => "NOT_SUPPORTED",
            Internal => "INTERNAL",
        }
    }

    /// Every code.
    pub const ALL: [ErrorCode; 34] = {
        use ErrorCode::*;
        [
            InvalidInput,
            MissingField,
            UnknownField,
            UnknownOperation,
            InvalidDate,
            DateOutOfRange,
            InvalidMoney,
            NegativeMoney,
            MoneyOutOfRange,
            InvalidNumber,
            UnknownTerm,
            PriceNotFound,
            InvalidPeriod,
            TooManyItems,
            RenewalNotAllowed,
            RenewalExceeds10Years,
            UnifiedDayInvalid,
            UnifiedGapTooShort,
            SpecChangeNotPrepaid,
            DiskShrinkNotAllowed,
            ModeSwitchNotAllowed,
            PackageNotUnsubscribable,
            ResourceExpired,
            UnsubscribeNotAllowed,
            RenewalPeriodNotUnsubscribable,
            HandlingFeeRateUnknown,
            PackageNotRenewable,
            AutoRenewNotAllowed,
            VoucherNotApplicable,
            DiscountNotCombinable,
            TaxRateUnknown,
            PaymentLimitExceeded,
            NotSupported,
            Internal,
        ]
    };
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
                crate::io::write::to_text(&code),
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
