//! Who may pay how (003 §1.3 table, §1.2; docs/rules.md): the payment methods a customer type
//! may use to buy an order and to auto-renew one.

use billcalc_derive::{FromJson, ToJson, Ts};

use crate::error::{Error, ErrorCode, Result};

/// 003 §1.3: the customer types of the payment-method table (a row, or rows that read alike).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
#[json(ts_name = "PayingCustomerType")]
pub enum CustomerType {
    /// A direct customer, a consultant-sales sub-customer or an enterprise master, prepaid:
    /// buys by balance, bound card or online payment; auto-renews by balance (and, §3.2.3.1, the
    /// bound card: interpretation A30).
    Prepaid,
    /// The same, postpaid, qualified online (card bound), on monthly settlement: buys by bound
    /// card or online payment; auto-renews by bound card or the month's bill.
    PostpaidOnline,
    /// The same, postpaid, qualified offline (with an account manager): buys by bound card,
    /// online payment or the month's bill; auto-renews by bound card or the month's bill.
    PostpaidOffline,
    /// A partner's resale sub-customer (postpaid, monthly settlement): everything goes on the
    /// month's bill, settled with the partner (§5.2.2).
    ResaleSubCustomer,
    /// An enterprise sub-customer without unified finance, prepaid: the balance only.
    EnterpriseSubPrepaid,
    /// An enterprise sub-customer without unified finance, postpaid: the month's bill only.
    EnterpriseSubPostpaid,
    /// An enterprise sub-customer under unified finance: pays nothing itself, its enterprise
    /// master settles.
    EnterpriseSubUnified,
}

/// A way to pay (003 §1.3 columns).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// 余额支付: the account balance (cash, then credit).
    Balance,
    /// 已绑信用卡支付: the bound credit card.
    BoundCard,
    /// 在线支付: online payment on the payment page (any card).
    Online,
    /// 月度账单结算: on the month's bill, charged after it is issued on the 3rd of the next month.
    MonthlySettlement,
}

/// What is paid: an order bought (下单购买方式) or an auto-renewal (订单自动续订方式).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paying {
    /// An order bought (or paid automatically, 003 §3.3.2).
    Order,
    /// An auto-renewal deduction (003 §3.2.3.1).
    AutoRenewal,
}

impl Method {
    /// The method in customer words.
    pub fn words(self) -> &'static str {
        match self {
            Method::Balance => "the balance",
            Method::BoundCard => "the bound card",
            Method::Online => "online payment",
            Method::MonthlySettlement => "the month's bill (monthly settlement)",
        }
    }
}

use Method::{Balance, BoundCard, MonthlySettlement, Online};

impl CustomerType {
    /// 003 §1.3: the methods the table ticks for this type (the table as written; the card of a
    /// prepaid auto-renewal is interpretation A30, see [`CustomerType::card_renews`]).
    pub fn methods(self, paying: Paying) -> &'static [Method] {
        match (self, paying) {
            (CustomerType::Prepaid, Paying::Order) => &[Balance, BoundCard, Online],
            (CustomerType::Prepaid, Paying::AutoRenewal) => &[Balance],
            (CustomerType::PostpaidOnline, Paying::Order) => &[BoundCard, Online],
            (CustomerType::PostpaidOffline, Paying::Order) => {
                &[BoundCard, Online, MonthlySettlement]
            }
            (CustomerType::PostpaidOnline | CustomerType::PostpaidOffline, Paying::AutoRenewal) => {
                &[BoundCard, MonthlySettlement]
            }
            (CustomerType::ResaleSubCustomer | CustomerType::EnterpriseSubPostpaid, _) => {
                &[MonthlySettlement]
            }
            (CustomerType::EnterpriseSubPrepaid, _) => &[Balance],
            (CustomerType::EnterpriseSubUnified, _) => &[],
        }
    }

    /// Whether the type may use `method` for `paying` — the table, and the bound card of a
    /// prepaid auto-renewal (003 §3.2.3.1 and its example; the §1.3 table lists the balance only:
    /// interpretation A30).
    pub fn may(self, paying: Paying, method: Method) -> bool {
        self.methods(paying).contains(&method)
            || (method == BoundCard && paying == Paying::AutoRenewal && self.card_renews())
    }

    /// A30: a prepaid customer's auto-renewal takes the bound card for what the balance cannot
    /// pay (003 §3.2.3.1), though the §1.3 table ticks the balance only.
    pub fn card_renews(self) -> bool {
        self == CustomerType::Prepaid
    }

    /// Whether the type may use `method` at all (to buy or to auto-renew).
    fn ever(self, method: Method) -> bool {
        self.may(Paying::Order, method) || self.may(Paying::AutoRenewal, method)
    }

    /// The type in customer words.
    pub fn words(self) -> &'static str {
        match self {
            CustomerType::Prepaid => "a prepaid customer",
            CustomerType::PostpaidOnline => "a postpaid customer qualified online",
            CustomerType::PostpaidOffline => "a postpaid customer qualified offline",
            CustomerType::ResaleSubCustomer => "a partner's resale sub-customer",
            CustomerType::EnterpriseSubPrepaid => "a prepaid enterprise sub-customer",
            CustomerType::EnterpriseSubPostpaid => "a postpaid enterprise sub-customer",
            CustomerType::EnterpriseSubUnified => {
                "an enterprise sub-customer under unified finance"
            }
        }
    }

    /// Whether the type is on monthly settlement (every postpaid row of 003 §1.3 is).
    pub fn monthly_settlement(self) -> bool {
        self.ever(MonthlySettlement)
    }
}

/// The payers a request names (balances, card, settlement), with the paths they were given at.
pub struct NamedPayers<'a> {
    /// Cash balance above zero, and its path.
    pub cash: (bool, &'a str),
    /// Credit line above zero, and its path.
    pub credit: (bool, &'a str),
    /// A card is bound, and the path.
    pub card: (bool, &'a str),
    /// Month-end settlement, and the path.
    pub settlement: (bool, &'a str),
}

/// 003 §1.3: refuse a payer the customer type can never use (structured error at its path); an
/// enterprise sub-customer under unified finance pays nothing itself (error at `type_path`).
pub fn check_payers(ty: CustomerType, named: &NamedPayers, type_path: &str) -> Result<()> {
    if ty == CustomerType::EnterpriseSubUnified {
        return Err(Error::new(
            ErrorCode::PaymentMethodNotAllowed,
            type_path,
            "an enterprise sub-customer under unified finance pays no order itself: its \
             enterprise master settles (003 §1.3)",
        ));
    }
    let refused = [
        (named.cash, Balance, "pay from a cash balance"),
        (named.credit, Balance, "pay from a credit line"),
        (named.card, BoundCard, "pay with a bound card"),
        (
            named.settlement,
            MonthlySettlement,
            "use monthly settlement",
        ),
    ];
    for ((given, path), method, what) in refused {
        if given && !ty.ever(method) {
            return Err(Error::new(
                ErrorCode::PaymentMethodNotAllowed,
                path,
                format!("{} cannot {what} (003 §1.3)", ty.words()),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn s1_3_table_rows() {
        use CustomerType::*;
        // Ticks per row: buy (balance, card, online, settlement), auto-renew (same columns).
        let row = |t: CustomerType, p| {
            [Balance, BoundCard, Online, MonthlySettlement].map(|m| t.methods(p).contains(&m))
        };
        let (o, a) = (Paying::Order, Paying::AutoRenewal);
        assert_eq!(row(PostpaidOnline, o), [false, true, true, false]);
        assert_eq!(row(PostpaidOnline, a), [false, true, false, true]);
        assert_eq!(row(PostpaidOffline, o), [false, true, true, true]);
        assert_eq!(row(PostpaidOffline, a), [false, true, false, true]);
        assert_eq!(row(Prepaid, o), [true, true, true, false]);
        assert_eq!(row(Prepaid, a), [true, false, false, false]);
        assert_eq!(row(ResaleSubCustomer, o), [false, false, false, true]);
        assert_eq!(row(EnterpriseSubPostpaid, a), [false, false, false, true]);
        assert_eq!(row(EnterpriseSubPrepaid, a), [true, false, false, false]);
        assert_eq!(row(EnterpriseSubUnified, o), [false; 4]);
        // A30: the prepaid auto-renewal's card, from §3.2.3.1.
        assert!(Prepaid.may(a, BoundCard) && !EnterpriseSubPrepaid.may(a, BoundCard));
        assert!(PostpaidOnline.monthly_settlement() && !Prepaid.monthly_settlement());
    }
}
