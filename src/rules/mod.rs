//! The rules, one module per operation, grouped by family. A rule takes its typed request and
//! answers its typed result with the breakdown rendered from its figures.

pub mod checkout;
pub mod curve;
pub mod lifecycle;
pub mod refunds;
pub mod spec_changes;
pub mod usage;

use billcalc_derive::{FromJson, Ts};

use crate::domain::breakdown::Breakdown;
use crate::domain::money::RoundingPolicy;
use crate::domain::provider::Provider;
use crate::error::Result;

/// What every request may say besides its figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, Ts)]
#[json(ts_name = "RequestOptions")]
pub struct Options {
    /// The cloud whose rules are asked for (003 is Huawei's; absent = the rules this operation
    /// implements, Huawei's where it serves several). Another provider is refused with
    /// `NOT_SUPPORTED`, never answered by Huawei's rules.
    pub provider: Option<Provider>,
    /// Rounding policy (default `console`).
    #[json(default)]
    pub policy: RoundingPolicy,
}

impl Options {
    /// The provider asked for; Huawei (003) when absent.
    pub fn provider(&self) -> Provider {
        self.provider.unwrap_or_default()
    }
}

/// A request of the operations table (`io::ops`): its options.
pub trait Request {
    /// The provider and rounding policy it asks for.
    fn options(&self) -> Options;
}

/// Run `rule` with its breakdown explained, under the request's rounding policy:
/// `explained(unsubscribe_refund, &req)`. (A rule takes the breakdown to write into:
/// [`Breakdown::silent`] for figures only, as the what-if curve does.)
pub fn explained<Q: Request, A>(rule: fn(&Q, Breakdown) -> Result<A>, req: &Q) -> Result<A> {
    rule(req, Breakdown::new(req.options().policy))
}
