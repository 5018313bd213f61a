//! Paying an order: the discount the system picks, the voucher, the payment split, taxes and the
//! display currency.

pub mod cart;
pub mod convert_currency;
pub mod customer_type;
pub mod discount;
pub mod invoice;
pub mod payment;
pub mod tax;
pub mod voucher;
