//! The domain: money and exact figures, the calendar and its periods, terms, price tables, orders,
//! handling fees, provider profiles and the breakdown. No JSON, no I/O.

pub mod breakdown;
pub mod calendar;
pub mod exact;
pub mod handling_fee;
pub mod map;
pub mod messages;
pub mod money;
pub mod order;
pub mod price;
pub mod provider;
pub mod sorting;
pub mod term;
