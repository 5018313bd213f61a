//! Refunds (003 §3.4): unsubscribing a resource, unsubscribing a reserved instance.

pub(crate) mod in_use;
pub mod never_refundable;
pub mod refund;
pub mod reserved_instance;
pub mod unsubscribe;
