//! Paying an order: the discount the system picks, the voucher, the payment split, taxes and the
//! display currency.

pub mod cart;
pub mod convert_currency;
pub mod discount;
pub mod payment;
pub mod tax;
pub mod voucher;
