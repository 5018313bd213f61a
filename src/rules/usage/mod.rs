//! Pay-per-use and the account: usage tiers, resource packages, the reserved pool's idle fee, bill
//! precision, and the account's quota, merged payments and bill totals.

pub mod bill_rounding;
pub mod bill_summary;
pub mod merged_payment;
pub mod package_renewal;
pub mod package_usage;
pub mod postpaid_calendar;
pub mod quota;
pub mod reserved_pool;
pub mod usage_charge;
