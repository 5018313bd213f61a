//! Refunds (003 §3.4): unsubscribing a resource, unsubscribing a reserved instance.

pub mod reserved_instance;
pub mod unsubscribe;
