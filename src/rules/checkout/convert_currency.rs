//! Currency conversion for display and payment (003 §5.2.1, §5.2.3, §6.1.1, §6.1.4, §7.2.3.1;
//! docs/rules.md): `amount × rate`, rounded half up to 2 decimals, the yen alone to whole units
//! (003 §6.1.1, §6.1.4, §7.2.3.1: "换算值根据四舍五入保留两位小数，其中日元会根据四舍五入保留整数").

use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::money::{round_half_up, show, Money, Ratio};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// Currencies shown in whole units: 003 §6.1.1, §6.1.4, §7.2.3.1 name the yen only; every other
/// currency (KRW, IDR, CLP, VND included) keeps two decimals.
pub const WHOLE_UNIT_CURRENCIES: [&str; 1] = ["JPY"];

/// A currency to show an amount in, and its rate.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct DisplayCurrency {
    /// Units of the target currency per account-currency unit (EUR 0.83721).
    pub rate: Ratio,
    /// ISO 4217 code of the target currency (`EUR`, `JPY`…).
    pub currency: String,
}

/// Request of `convertCurrency`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct ConvertRequest {
    /// The amount in the account currency (USD).
    pub amount: Money,
    /// The currency and its rate.
    #[json(flatten)]
    pub to: DisplayCurrency,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Result of `convertCurrency`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct ConvertResponse {
    /// The converted amount as shown: half up to 2 decimals, whole yen (`"83.72"`, `"425"`).
    pub converted: String,
    /// `amount × rate`, exact.
    pub exact: Money,
    /// Decimals kept (2, or 0 for the yen).
    pub decimals: u32,
    /// The currency code, upper case.
    pub currency: String,
    /// Line items and formulas (they add up to `converted`).
    pub breakdown: Breakdown,
}

/// 003 §5.2.1: 100 USD × 0.83721 = 83.721 → 83.72 EUR; 003 §5.2.3: 2.87 × 147.911 = 424.50… → 425 JPY.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn convert_currency(req: &ConvertRequest, b: Breakdown) -> Result<ConvertResponse> {
    convert(req.amount, &req.to, b)
}

/// [`convert_currency`] of `amount` into `to` (the cart's display currency too).
pub(crate) fn convert(
    amount: Money,
    to: &DisplayCurrency,
    mut b: Breakdown,
) -> Result<ConvertResponse> {
    let currency = to.currency.trim().to_ascii_uppercase();
    if currency.len() != 3 || !currency.bytes().all(|c| c.is_ascii_uppercase()) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "currency",
            format!(
                "\"{}\" is not an ISO 4217 code such as EUR",
                crate::domain::money::clip(&to.currency)
            ),
        ));
    }
    if to.rate.0 <= Decimal::ZERO {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            "rate",
            "the exchange rate must be above 0",
        ));
    }
    let decimals = if WHOLE_UNIT_CURRENCIES.contains(&currency.as_str()) {
        0
    } else {
        2
    };
    let exact = amount * to.rate.0;
    let converted = Money(round_half_up(exact.0, decimals));
    b.line_msg(converted, || {
        crate::msg!(
            "convert.amount",
            amount = amount,
            currency = &currency,
            rate = show(to.rate.0),
            exact = show(exact.0),
            converted = converted,
            decimals = decimals
        )
    });
    Ok(ConvertResponse {
        converted: converted.0.to_string(),
        exact,
        decimals,
        currency,
        breakdown: b,
    })
}
