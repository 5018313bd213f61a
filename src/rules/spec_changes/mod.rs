//! Spec changes of prepaid resources (003 §3.2.7): upgrade, downgrade, disk expansion.

pub mod downgrade;
pub mod expansion;
pub(crate) mod remaining;
pub mod upgrade;
