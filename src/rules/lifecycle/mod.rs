//! Buying and keeping a resource: quotes and renewals, the unified expiry day, the auto-renewal
//! schedule, the billing-mode switch.

pub mod auto_renewal;
pub mod compare_terms;
pub mod quote;
pub mod switch;
pub mod timeline;
pub mod unified_expiry;
