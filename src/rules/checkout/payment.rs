//! Who pays an order (003 §3.2.3.1, §3.3.2, §13.1.2.1; docs/rules.md): one discount, then one
//! voucher, then the account balance (cash, then credit), then — for auto-renewals — the bound
//! card, or month-end settlement for customers who have it.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::messages::{maybe, Figure, Msg};
use crate::domain::money::{Money, Ratio};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::checkout::customer_type::{self, CustomerType, Method, NamedPayers, Paying};
use crate::rules::checkout::discount::{
    self, ChosenDiscount, DiscountCandidate, DiscountKind, DiscountOffers,
};
use crate::rules::checkout::voucher::{
    self, AppliedVoucher, RejectedVoucher, Voucher, VoucherChoice, VoucherOrder, VoucherRule,
};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// 003 §5.1.2: most a card may be charged in one USD transaction.
pub const CARD_TRANSACTION_LIMIT_USD: Decimal = Decimal::from_parts(20_000, 0, 0, false, 0);

/// Which payment flow (they differ in the voucher rule and the last payer).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PaymentFlow {
    /// 003 §3.2.3.1: auto-renewal — discount, voucher, balance (cash, credit), bound card.
    #[default]
    AutoRenewal,
    /// 003 §3.3.2: auto-payment of an order (purchase, manual renewal, upgrade …) — discount,
    /// voucher, balance or month-end settlement; what is not covered stays "pending payment".
    OrderPayment,
    /// 003 §13.1.2.1: the old auto-renewal — voucher by expiry order, balance only, no card.
    OldAutoRenewal,
}

/// A discount the order already has (the customer's choice).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct GivenDiscount {
    /// Business, partner, promotion or coupon.
    pub kind: DiscountKind,
    /// The factor (`"0.9"`).
    pub factor: Ratio,
}

/// Request of `paymentSplit`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct PaymentSplitRequest {
    /// `autoRenewal` (default), `orderPayment` or `oldAutoRenewal`.
    #[json(default)]
    pub flow: PaymentFlow,
    /// The order's list amount.
    pub list_amount: Money,
    /// The payment date (vouchers and promotions must be valid on it).
    pub date: NaiveDate,
    /// The term paid for: with `offers`, a partner discount does not apply to products of two
    /// years or more (003 §9.2.1).
    pub term: Option<crate::domain::term::Term>,
    /// The discount the order carries (at most one, 003 §3.3.2) — or give `offers`.
    #[json(default)]
    pub discounts: Vec<GivenDiscount>,
    /// The discounts on offer, for the system's best-discount choice (003 §3.2.3.1).
    pub offers: Option<DiscountOffers>,
    /// The order, for the vouchers' restrictions.
    #[json(default)]
    pub order: VoucherOrder,
    /// The customer's vouchers.
    #[json(default)]
    pub vouchers: Vec<Voucher>,
    /// The voucher picked on the payment page, instead of the automatic choice.
    pub voucher_id: Option<String>,
    /// Cash balance (default 0).
    #[json(default)]
    pub cash_balance: Money,
    /// Credit line left (default 0).
    #[json(default)]
    pub credit_balance: Money,
    /// Whether a credit card is bound (auto-renewal charges it last).
    #[json(default)]
    pub card_bound: bool,
    /// Whether the customer has month-end settlement (preferred for order payments, 003 §3.3.2,
    /// and the month's bill pays auto-renewals, 003 §1.3).
    #[json(default)]
    pub monthly_settlement: bool,
    /// Who the customer is, for the methods they may use (003 §1.3). Absent: the payers the
    /// request names are used as given — balance then card for an auto-renewal (§3.2.3.1), the
    /// month's bill when `monthlySettlement` is set (§1.3, §3.3.2).
    pub customer_type: Option<CustomerType>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// Whether the order is paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum PaymentStatus {
    /// Fully paid.
    Paid,
    /// The auto-renewal deduction failed (`shortfall` could not be covered): nothing is taken,
    /// and it is retried the next day at 03:00 (003 §3.2.3.1, §13.1.2.1).
    Failed,
    /// The automatic payment failed (`shortfall` could not be covered): nothing is taken and the
    /// whole order (`unpaid`) waits on the pending-payment page (003 §3.3.2 table 3-2).
    PendingPayment,
}

/// Who pays an amount, and whether the payment goes through (003 §3.2.3.1, §3.3.2).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct Payers {
    /// Taken from the cash balance (0 unless `paid`).
    pub cash: Money,
    /// Taken from the credit line (0 unless `paid`).
    pub credit: Money,
    /// Put on month-end settlement (0 unless `paid`).
    pub monthly_settlement: Money,
    /// Charged to the bound card (0 unless `paid`).
    pub card: Money,
    /// Not collected: 0 when `paid`, else the whole `payable` (a failed payment takes nothing).
    pub unpaid: Money,
    /// What the balance, the settlement and the card could not cover — why the payment failed
    /// (0 when `paid`).
    pub shortfall: Money,
    /// `paid`, `failed` (auto-renewal: retried the next day) or `pendingPayment` (order payment).
    pub status: PaymentStatus,
    /// Why it is not paid (null when `paid`).
    pub unpaid_because: Option<UnpaidBecause>,
}

/// Why a payment does not go through (003 §3.2.3.1, §3.3.2, §5.1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum UnpaidBecause {
    /// The balance (cash, then credit) or settlement is short, and no card pays the rest.
    BalanceShort,
    /// An order's automatic payment takes only the balance or month-end settlement, never the
    /// bound card (003 §3.3.2); the customer may pay the pending order by hand, with the bound
    /// card among the payment page's methods (003, 后付费说明 1.3 table: a prepaid order may be paid
    /// "已绑信用卡支付").
    CardNotForOrders,
    /// The rest is above one card transaction's limit (003 §5.1.2): the card is not charged.
    CardOverLimit,
}

/// Result of `paymentSplit`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct PaymentSplitResponse {
    /// The discount applied, if any.
    pub discount: Option<ChosenDiscount>,
    /// The discount amount.
    pub discount_amount: Money,
    /// The order amount after the discount, half up to cents.
    pub amount_due: Money,
    /// The voucher(s) used.
    pub vouchers: Vec<AppliedVoucher>,
    /// What the vouchers pay.
    pub voucher_total: Money,
    /// What is left after discount and voucher: the money the customer pays.
    pub payable: Money,
    /// Who pays it: cash, credit, settlement, card, what is unpaid and why.
    #[json(flatten)]
    pub payers: Payers,
    /// The candidates of the automatic discount choice (empty when `discounts` was given).
    pub discount_candidates: Vec<DiscountCandidate>,
    /// Vouchers that could not pay, and why.
    pub rejected_vouchers: Vec<RejectedVoucher>,
    /// Lines: list amount, discount, voucher (they add up to `payable`); facts: who pays it.
    pub breakdown: Breakdown,
}

/// 003 §3.2.3.1 example: 2000 USD, business 0.9, voucher 100, balance 1000, card bound →
/// `2000 × 0.9 − 100 = 1700 = 1000 (balance) + 700 (card)`.
///
/// A payment the payers cannot cover takes nothing: 003 §3.2.3.1, a failed auto-renewal deduction
/// is retried the next day (without the card, the 1700 above fails 700 short: cash, credit and
/// card 0, `unpaid` 1700, `shortfall` 700, status `failed`); 003 §3.3.2 table 3-2, a failed
/// automatic order payment leaves the order pending payment (status `pendingPayment`).
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn payment_split(req: &PaymentSplitRequest, mut b: Breakdown) -> Result<PaymentSplitResponse> {
    if let Some(ty) = req.customer_type {
        let named = NamedPayers {
            cash: (req.cash_balance.is_positive(), "cashBalance"),
            credit: (req.credit_balance.is_positive(), "creditBalance"),
            card: (req.card_bound, "cardBound"),
            settlement: (req.monthly_settlement, "monthlySettlement"),
        };
        customer_type::check_payers(ty, &named, "customerType")?;
    }
    // 1. One discount.
    let (chosen, candidates) = one_discount(req)?;
    let amount_due = chosen.as_ref().map_or(req.list_amount, |c| {
        discount::discounted(req.list_amount, c.factor)
    });
    b.line_msg(req.list_amount, || {
        crate::msg!("payment.listAmount", amount = req.list_amount)
    });
    if let Some(c) = &chosen {
        discount::explain_discount(&mut b, req.list_amount, c, amount_due);
    }

    // 2. One voucher (discount first, then voucher: 003 §9.1.5).
    let vouchers = one_voucher(req, chosen.as_ref(), amount_due, &mut b)?;
    let voucher_total: Money = vouchers.applied.iter().map(|a| a.amount).sum();
    let payable = amount_due - voucher_total;

    // 3. Balance (cash, then credit) or month-end settlement; 4. the bound card.
    let funds = Funds {
        cash: req.cash_balance,
        credit: req.credit_balance,
        card_bound: req.card_bound,
        monthly_settlement: req.monthly_settlement,
        customer: req.customer_type,
    };
    let payers = who_pays(
        payable,
        req.flow,
        &funds,
        voucher_total.is_positive(),
        &mut b,
    );
    let status = payers.status;
    // A failed auto-renewal takes nothing: the voucher's locked amount is released, its balance
    // is what it was (003 §3.2.3.1 "自动解锁该额度").
    let mut applied = vouchers.applied;
    if status == PaymentStatus::Failed {
        applied.iter_mut().for_each(|v| v.balance_left += v.amount);
    }
    Ok(PaymentSplitResponse {
        discount_amount: req.list_amount - amount_due,
        discount: chosen,
        amount_due,
        vouchers: applied,
        voucher_total,
        payable,
        payers,
        discount_candidates: candidates,
        rejected_vouchers: vouchers.rejected,
        breakdown: b,
    })
}

/// Step 1 (003 §3.2.3.1, §3.3.2): one discount — the order's own, or the best of the offers;
/// two are refused (a business discount combines with nothing, 003 §9.2.1).
fn one_discount(
    req: &PaymentSplitRequest,
) -> Result<(Option<ChosenDiscount>, Vec<DiscountCandidate>)> {
    match (&req.offers, req.discounts.as_slice()) {
        (Some(_), [_, ..]) => Err(Error::new(
            ErrorCode::InvalidInput,
            "offers",
            "give either the order's discount (discounts) or the offers to choose from (offers)",
        )),
        (Some(offers), []) => {
            let list = req.list_amount;
            let mut order = discount::DiscountedOrder {
                date: req.date,
                term: req.term,
                amount_with: &mut |f| Ok(discount::discounted(list, f)),
            };
            discount::check_offers(offers, &|m| format!("offers.{m}"))?;
            discount::choose(&mut order, offers)
        }
        (None, []) => Ok((None, Vec::new())),
        (None, [d]) => {
            discount::check_factor(d.factor, "discounts[0].factor")?;
            let c = ChosenDiscount {
                kind: d.kind,
                id: None,
                factor: d.factor,
            };
            Ok((Some(c), Vec::new()))
        }
        (None, [first, second, ..]) => {
            let business = [first.kind, second.kind].contains(&DiscountKind::Business);
            Err(Error::new(
                ErrorCode::DiscountNotCombinable,
                "discounts[1]",
                if business {
                    "a business discount cannot be combined with partner or promotion discounts or \
                     discount coupons (003 §9.2.1)"
                } else {
                    "one discount per order (003 §3.2.3.1, §3.3.2)"
                },
            ))
        }
    }
}

/// Step 2 (003 §9.1.5): one voucher on the discounted amount, under the flow's voucher rule (the
/// old auto-renewal's by expiry order, 003 §13.1.2.1), explained into `b`.
fn one_voucher(
    req: &PaymentSplitRequest,
    chosen: Option<&ChosenDiscount>,
    amount_due: Money,
    b: &mut Breakdown,
) -> Result<VoucherChoice> {
    let mut order = req.order.clone();
    order.discounted |= chosen.is_some_and(|c| c.kind != DiscountKind::Coupon);
    order.discount_coupon |= chosen.is_some_and(|c| c.kind == DiscountKind::Coupon);
    let rule = match req.flow {
        PaymentFlow::OldAutoRenewal => VoucherRule::Old,
        _ => VoucherRule::Current,
    };
    let balance = req.cash_balance + req.credit_balance;
    let vouchers = voucher::choose(
        amount_due,
        req.date,
        rule,
        balance,
        &order,
        &req.vouchers,
        req.voucher_id.as_deref(),
        "",
    )?;
    voucher::explain(b, &vouchers, rule, req.voucher_id.is_some());
    Ok(vouchers)
}

/// What pays an amount: the account's balances, month-end settlement and bound card.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Funds {
    /// Cash balance.
    pub cash: Money,
    /// Credit line left.
    pub credit: Money,
    /// A card is bound (it pays auto-renewals, 003 §3.2.3.1).
    pub card_bound: bool,
    /// Month-end settlement, preferred for an order (003 §3.3.2) and an auto-renewal (§1.3).
    pub monthly_settlement: bool,
    /// The customer type, when given: only the methods it may use pay (003 §1.3).
    pub customer: Option<CustomerType>,
}

/// Which payers a flow uses for the customer, in order (003 §1.3, §3.2.3.1, §3.3.2, §13.1.2.1).
#[derive(Debug, Clone, Copy)]
struct Chain {
    /// The month's bill pays the whole amount.
    settlement: bool,
    /// The balance (cash, then credit).
    balance: bool,
    /// The bound card, for what the balance cannot pay.
    card: bool,
}

/// 003 §1.3: the month's bill when the customer may use it for this payment (the old
/// auto-renewal, 003 §13.1.2.1, knows only the balance); else the balance, then — for an
/// auto-renewal — the bound card. Without a customer type, the payers the request names.
fn chain(flow: PaymentFlow, funds: &Funds) -> Chain {
    let paying = match flow {
        PaymentFlow::OrderPayment => Paying::Order,
        _ => Paying::AutoRenewal,
    };
    let may = |m: Method| funds.customer.map_or(true, |t| t.may(paying, m));
    let settles = match funds.customer {
        Some(t) => t.may(paying, Method::MonthlySettlement),
        None => funds.monthly_settlement,
    };
    Chain {
        settlement: settles && flow != PaymentFlow::OldAutoRenewal,
        balance: may(Method::Balance),
        card: flow == PaymentFlow::AutoRenewal && funds.card_bound && may(Method::BoundCard),
    }
}

/// Take from `available` what is `left` to pay.
fn take(left: &mut Money, available: Money) -> Money {
    let part = available.min(*left).max0();
    *left -= part;
    part
}

/// Steps 3 and 4 of a payment (003 §3.2.3.1, §3.3.2, §13.1.2.1): who pays `payable` — balance
/// (cash, then credit) or month-end settlement, then the bound card for an auto-renewal — in one
/// deduction that succeeds or takes nothing. `voucher_used` says whether a voucher's locked amount
/// is released on failure.
pub(crate) fn who_pays(
    payable: Money,
    flow: PaymentFlow,
    funds: &Funds,
    voucher_used: bool,
    b: &mut Breakdown,
) -> Payers {
    let could = could_pay(payable, flow, funds);
    // … then one deduction of the whole amount, which succeeds or takes nothing: a failed
    // auto-renewal deduction leaves the balances as they were and releases the voucher's locked
    // amount, and is retried the next day (003 §3.2.3.1 "支付失败…自动解锁该额度", "每天凌晨3:00
    // 尝试一次扣款"); a failed automatic order payment leaves the whole order pending payment, paid
    // by hand (003 §3.3.2 table 3-2 "自动支付下单-支付失败 → 待支付").
    let shortfall = could.shortfall;
    let status = match (shortfall.is_positive(), flow) {
        (false, _) => PaymentStatus::Paid,
        (true, PaymentFlow::OrderPayment) => PaymentStatus::PendingPayment,
        (true, _) => PaymentStatus::Failed,
    };
    let paid = status == PaymentStatus::Paid;
    explain_who_pays(payable, flow, &could, paid, b);
    explain_payment_flow(payable, flow, funds, voucher_used, &could, paid, b);
    explain_customer(flow, funds, &could, b);
    let taken = |part: Money| if paid { part } else { Money::ZERO };
    let unpaid_because = match (paid, flow) {
        (true, _) => None,
        (false, PaymentFlow::OrderPayment) if funds.card_bound => {
            Some(UnpaidBecause::CardNotForOrders)
        }
        (false, _) if could.card_refused => Some(UnpaidBecause::CardOverLimit),
        (false, _) => Some(UnpaidBecause::BalanceShort),
    };
    Payers {
        cash: taken(could.cash),
        credit: taken(could.credit),
        monthly_settlement: taken(could.settlement),
        card: taken(could.card),
        unpaid: if paid { Money::ZERO } else { payable },
        shortfall,
        status,
        unpaid_because,
    }
}

/// What each payer could pay, before the deduction succeeds or fails.
struct CouldPay {
    /// From the cash balance.
    cash: Money,
    /// From the credit line.
    credit: Money,
    /// On month-end settlement.
    settlement: Money,
    /// On the bound card.
    card: Money,
    /// What none of them covers.
    shortfall: Money,
    /// The card was not charged: the rest is above one card transaction's limit (003 §5.1.2).
    card_refused: bool,
}

/// Steps 3 and 4, first what each could pay: month-end settlement when the customer has it for
/// this payment (003 §1.3, §3.3.2), else the cash balance, then the credit line; then, for an
/// auto-renewal, the bound card for the rest up to one transaction's limit (003 §3.2.3.1,
/// §5.1.2).
fn could_pay(payable: Money, flow: PaymentFlow, funds: &Funds) -> CouldPay {
    let chain = chain(flow, funds);
    let mut left = payable;
    let (mut cash, mut credit, mut settlement, mut card) =
        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
    if chain.settlement {
        settlement = take(&mut left, payable);
    } else if chain.balance {
        cash = take(&mut left, funds.cash);
        credit = take(&mut left, funds.credit);
    }
    let mut card_refused = false;
    if chain.card && left.is_positive() {
        if left.0 > CARD_TRANSACTION_LIMIT_USD {
            card_refused = true;
        } else {
            let rest = left;
            card = take(&mut left, rest);
        }
    }
    CouldPay {
        cash,
        credit,
        settlement,
        card,
        shortfall: left,
        card_refused,
    }
}

/// Who pays (or could have paid) as facts, and what is taken when the deduction fails (003
/// §3.2.3.1, §3.3.2 table 3-2).
fn explain_who_pays(
    payable: Money,
    flow: PaymentFlow,
    could: &CouldPay,
    paid: bool,
    b: &mut Breakdown,
) {
    let shortfall = could.shortfall;
    b.fact_msg(|| {
        let could_pay = [
            ("payment.byCash", could.cash),
            ("payment.byCredit", could.credit),
            ("payment.bySettlement", could.settlement),
            ("payment.byCard", could.card),
        ];
        let mut parts: Vec<Msg> = could_pay
            .iter()
            .filter(|(_, part)| part.is_positive())
            .map(|(key, part)| Msg::new(key).with("amount", Figure::Text(part.to_string())))
            .collect();
        if shortfall.is_positive() {
            parts.push(crate::msg!("payment.short", amount = shortfall));
        }
        // The parts joined by " + ", each a clause of its own.
        let mut sum = Msg::new("payment.nothingLeft");
        for (i, p) in parts.into_iter().enumerate() {
            sum = if i == 0 {
                p
            } else {
                crate::msg!("payment.plus", left = sum, right = p)
            };
        }
        let key = if paid {
            "payment.whoPays"
        } else {
            "payment.whoCouldPay"
        };
        Msg::new(key)
            .with("payable", Figure::Text(payable.to_string()))
            .with("parts", Figure::Msg(sum))
            .with("value", Figure::Text(payable.to_string()))
    });
    if !paid {
        b.fact_msg(|| {
            let why = match flow {
                PaymentFlow::OrderPayment => "payment.orderFails",
                _ => "payment.deductionFails",
            };
            Msg::new(why).with("value", Figure::Text(Money::ZERO.to_string()))
        });
    }
}

/// The flow's payment order as a note; the card over its limit (003 §5.1.2); a failed payment
/// and what follows it (003 §3.2.3.1, §3.3.2, §13.1.2.1).
fn explain_payment_flow(
    payable: Money,
    flow: PaymentFlow,
    funds: &Funds,
    voucher_used: bool,
    could: &CouldPay,
    paid: bool,
    b: &mut Breakdown,
) {
    let shortfall = could.shortfall;
    b.note_msg(|| {
        Msg::new(match flow {
            PaymentFlow::AutoRenewal => "payment.orderAutoRenewal",
            PaymentFlow::OrderPayment => "payment.orderOrderPayment",
            PaymentFlow::OldAutoRenewal => "payment.orderOldAutoRenewal",
        })
    });
    if could.card_refused {
        b.note_msg(|| {
            crate::msg!(
                "payment.cardOverLimit",
                shortfall = shortfall,
                limit = CARD_TRANSACTION_LIMIT_USD,
                more = shortfall - Money(CARD_TRANSACTION_LIMIT_USD)
            )
        });
    }
    if !paid {
        b.note_msg(|| failed_payment_note(payable, flow, funds, voucher_used, shortfall));
    }
}

/// Who the customer is and what that allows (003 §1.3), the month's bill (003 §1.2), and the
/// bound card of a prepaid auto-renewal against the §1.3 table (interpretation A30).
fn explain_customer(flow: PaymentFlow, funds: &Funds, could: &CouldPay, b: &mut Breakdown) {
    let paying = match flow {
        PaymentFlow::OrderPayment => Paying::Order,
        _ => Paying::AutoRenewal,
    };
    if let Some(t) = funds.customer {
        b.note_msg(|| {
            let names: Vec<&str> = t.methods(paying).iter().map(|m| m.words()).collect();
            let (customer, methods) = (t.words(), names.join(" or "));
            match paying {
                Paying::Order => crate::msg!(
                    "payment.customerBuys",
                    customer = customer,
                    methods = methods
                ),
                Paying::AutoRenewal => crate::msg!(
                    "payment.customerRenews",
                    customer = customer,
                    methods = methods
                ),
            }
        });
        let chain = chain(flow, funds);
        if !chain.settlement && !chain.balance && !chain.card {
            b.note_msg(|| Msg::new("payment.byHand"));
        }
    }
    if could.settlement.is_positive() {
        b.note_msg(|| crate::msg!("payment.onTheBill", amount = could.settlement));
    }
    let prepaid = funds
        .customer
        .map_or(!funds.monthly_settlement, |t| t.card_renews());
    if flow == PaymentFlow::AutoRenewal && prepaid && could.card.is_positive() {
        b.note_msg(|| crate::msg!("payment.cardRenews", card = could.card));
    }
}

/// A failed payment: an order waits as pending payment (003 §3.3.2); an auto-renewal takes
/// nothing, releases the voucher's locked amount and is retried the next day (003 §3.2.3.1,
/// §13.1.2.1).
fn failed_payment_note(
    payable: Money,
    flow: PaymentFlow,
    funds: &Funds,
    voucher_used: bool,
    shortfall: Money,
) -> Msg {
    match flow {
        PaymentFlow::OrderPayment => crate::msg!(
            "payment.orderPending",
            shortfall = shortfall,
            payable = payable
        ),
        _ => {
            let source = if flow == PaymentFlow::OldAutoRenewal {
                "003 §13.1.2.1"
            } else {
                "003 §3.2.3.1"
            };
            let no_card = (flow == PaymentFlow::AutoRenewal && !funds.card_bound)
                .then(|| Msg::new("payment.noCardBound"));
            let released = voucher_used.then(|| Msg::new("payment.voucherReleased"));
            crate::msg!(
                "payment.autoRenewalFails",
                source = source,
                shortfall = shortfall,
                noCard = maybe(no_card),
                released = maybe(released)
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;

    fn pay(req: PaymentSplitRequest) -> PaymentSplitResponse {
        explained(payment_split, &req).unwrap()
    }
    use rust_decimal_macros::dec;

    #[test]
    fn s3_2_3_1_auto_renew_payment_example() {
        // 2000 × 0.9 − 100 = 1700 = 1000 (balance) + 700 (card).
        let req = PaymentSplitRequest {
            flow: PaymentFlow::AutoRenewal,
            list_amount: Money(dec!(2000)),
            date: "2020-11-27".parse().unwrap(),
            term: None,
            discounts: vec![GivenDiscount {
                kind: DiscountKind::Business,
                factor: Ratio(dec!(0.9)),
            }],
            offers: None,
            order: VoucherOrder::default(),
            vouchers: vec![Voucher {
                id: "v100".into(),
                balance: Money(dec!(100)),
                valid_from: "2020-01-01".parse().unwrap(),
                valid_to: "2020-12-31".parse().unwrap(),
                products: None,
                excluded_products: vec![],
                regions: None,
                billing_modes: None,
                combines_with_discounts: true,
            }],
            voucher_id: None,
            cash_balance: Money(dec!(600)),
            credit_balance: Money(dec!(400)),
            card_bound: true,
            monthly_settlement: false,
            customer_type: None,
            options: Options {
                provider: None,
                policy: crate::RoundingPolicy::Document,
            },
        };
        let r = pay(req);
        assert_eq!(r.amount_due.0, dec!(1800.00));
        assert_eq!(r.payable.0, dec!(1700.00));
        assert_eq!((r.payers.cash + r.payers.credit).0, dec!(1000.00));
        assert_eq!(r.payers.card.0, dec!(700.00));
        assert_eq!(r.payers.status, PaymentStatus::Paid);
        assert_eq!(
            r.breakdown.lines.iter().map(|l| l.amount).sum::<Money>(),
            r.payable
        );
        assert!(r.payers.shortfall.0.is_zero() && r.payers.unpaid.0.is_zero());
    }

    fn example() -> PaymentSplitRequest {
        crate::io::read::read_text(
            r#"{"flow": "autoRenewal", "listAmount": "2000", "date": "2020-11-27",
                "discounts": [{"kind": "business", "factor": "0.9"}],
                "vouchers": [{"id": "v100", "balance": "100", "validFrom": "2020-01-01",
                              "validTo": "2020-12-31"}],
                "cashBalance": "600", "creditBalance": "400", "cardBound": true}"#,
        )
        .unwrap()
    }

    fn taken(r: &PaymentSplitResponse) -> Money {
        r.payers.cash + r.payers.credit + r.payers.monthly_settlement + r.payers.card
    }

    #[test]
    fn s3_2_3_1_failed_deduction_takes_nothing() {
        // The example without a card: the balance's 1000 cannot pay 1700 alone; the deduction
        // fails 700 short and takes nothing (retried the next day at 03:00).
        let r = pay(PaymentSplitRequest {
            card_bound: false,
            ..example()
        });
        assert_eq!(r.payers.status, PaymentStatus::Failed);
        assert_eq!(r.payable.0, dec!(1700.00));
        assert_eq!(taken(&r), Money::ZERO);
        assert_eq!(
            (r.payers.cash.0, r.payers.credit.0, r.payers.card.0),
            (dec!(0), dec!(0), dec!(0))
        );
        assert_eq!(r.payers.shortfall.0, dec!(700.00));
        assert_eq!(r.payers.unpaid, r.payable);
        assert_eq!(
            r.breakdown.facts[0].formula,
            "1700.00 = 600.00 (cash) + 400.00 (credit) + 700.00 (short)"
        );
        assert_eq!(r.breakdown.facts[1].value, "0.00");
        assert!(r
            .breakdown
            .notes
            .iter()
            .any(|n| n.contains("left as they were")
                && n.contains("retried the next day")
                && n.contains("no card is bound")
                && n.contains("locked amount is released")));
        // The lines still explain the payable amount.
        assert_eq!(
            r.breakdown.lines.iter().map(|l| l.amount).sum::<Money>(),
            r.payable
        );
    }

    #[test]
    fn s5_1_2_card_limit_exceeded_takes_nothing() {
        // 30,000 due, 1,000 in the balance: the card would take 29,000, above one transaction's
        // 20,000 USD: the deduction fails 29,000 short and takes nothing, the balance included.
        let r = pay(PaymentSplitRequest {
            list_amount: Money(dec!(30000)),
            discounts: vec![],
            vouchers: vec![],
            ..example()
        });
        assert_eq!(r.payers.status, PaymentStatus::Failed);
        assert_eq!(taken(&r), Money::ZERO);
        assert_eq!(r.payers.shortfall.0, dec!(29000.00));
        assert_eq!(r.payers.unpaid.0, dec!(30000.00));
        assert!(r
            .breakdown
            .notes
            .iter()
            .any(|n| n.contains("20000 USD limit") && n.contains("covers 9000.00 more")));
        // At the limit the card pays.
        let r = pay(PaymentSplitRequest {
            list_amount: Money(dec!(21000)),
            discounts: vec![],
            vouchers: vec![],
            ..example()
        });
        assert_eq!(r.payers.status, PaymentStatus::Paid);
        assert_eq!(r.payers.card.0, dec!(20000.00));
    }

    #[test]
    fn s13_1_2_1_old_auto_renewal_fails_without_taking_the_balance() {
        let r = pay(PaymentSplitRequest {
            flow: PaymentFlow::OldAutoRenewal,
            ..example()
        });
        // No voucher lets the balance pay (100 + 1000 < 1800), so none is used (003 §13.1.2.1:
        // "选用一张可成功抵扣续费金额的券"): 1800 against 1000, 800 short, nothing taken.
        assert_eq!(r.payers.status, PaymentStatus::Failed);
        assert!(r.vouchers.is_empty());
        assert_eq!(taken(&r), Money::ZERO);
        assert_eq!(r.payers.shortfall.0, dec!(800.00));
        assert_eq!(r.payers.unpaid.0, dec!(1800.00));
    }

    #[test]
    fn s3_3_2_failed_auto_payment_leaves_the_whole_order_pending() {
        // Table 3-2: automatic payment failed → the order is "pending payment", paid by hand:
        // nothing is taken from the 1000 balance; the order waits for 1700.
        let r = pay(PaymentSplitRequest {
            flow: PaymentFlow::OrderPayment,
            ..example()
        });
        assert_eq!(r.payers.status, PaymentStatus::PendingPayment);
        assert_eq!(taken(&r), Money::ZERO);
        assert_eq!(r.payers.shortfall.0, dec!(700.00));
        assert_eq!(r.payers.unpaid.0, dec!(1700.00));
        assert!(r
            .breakdown
            .notes
            .iter()
            .any(|n| n.contains("pending-payment page for 1700.00")));
    }
}
