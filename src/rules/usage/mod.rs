//! Pay-per-use and the account: usage tiers, resource packages, the reserved pool's idle fee, bill
//! precision, and the account's quota, merged payments and bill totals.

pub mod account;
pub mod bill_rounding;
pub mod package;
pub mod reserved_pool;
pub mod usage_charge;
