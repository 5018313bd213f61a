//! The rules, one module per operation, grouped by family. A rule takes its typed request and
//! answers its typed result with the breakdown rendered from its figures.

pub mod checkout;
pub mod curve;
pub mod lifecycle;
pub mod refunds;
pub mod spec_changes;
pub mod usage;
