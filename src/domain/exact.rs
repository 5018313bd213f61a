//! Exact figures: ratios of days and hours, and the amounts computed from them, as fractions of
//! two integers until a rule rounds. The type lives in the `billcalc-exact` crate (`exact/`),
//! which the release profile builds for speed (docs/PERFORMANCE.md); a figure too large to be
//! computed exactly is refused here with `MONEY_OUT_OF_RANGE`.

pub use billcalc_exact::{Exact, Rounding, TooLarge, SHOWN_DECIMALS};

use crate::error::{Error, ErrorCode};

impl From<TooLarge> for Error {
    fn from(_: TooLarge) -> Error {
        Error::new(ErrorCode::MoneyOutOfRange, "", TooLarge::MESSAGE)
    }
}
