//! A cart in one call (`checkout`): each line priced by its own rule (`quote`, `unifiedExpiry`,
//! `upgradeCost`), its discount chosen (003 §3.2.3.1, §3.3.2), its voucher picked (one per
//! prepaid order, current rule), then tax on the subtotal (003 §8), who pays (003 §3.3.2) and the
//! display currency (003 §6.1.4). Nothing is priced here: every figure is an inner rule's answer.
//!
//! Lines are paid in cart order: the voucher balance a line leaves is what the next line sees. A
//! refused line carries its error (its path in the cart: `items[1].term`) and is left out of the
//! totals; the others are answered.

use chrono::NaiveDate;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{end_of_day, expiry_instant, PeriodUnit, UnifiedDay};
use crate::domain::money::{Money, Ratio};
use crate::domain::order::Order;
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::checkout::convert_currency::{convert_currency, ConvertRequest, DisplayCurrency};
use crate::rules::checkout::discount::{self, DiscountKind, DiscountOffers};
use crate::rules::checkout::payment::{payment_split, PaymentFlow, PaymentSplitRequest};
use crate::rules::checkout::payment::{Payers, PaymentSplitResponse};
use crate::rules::checkout::tax::{tax_invoice, TaxProfile, TaxRequest, TaxResponse};
use crate::rules::checkout::voucher::{
    self, AppliedVoucher, BillingMode, Voucher, VoucherOrder, VoucherRule,
};
use crate::rules::lifecycle::auto_renewal::{auto_renewal_schedule, AutoRenewalRequest};
use crate::rules::lifecycle::quote::{default_renewal_term, quote, QuoteKind, QuoteRequest};
use crate::rules::lifecycle::unified_expiry::{unified_expiry, UnifiedExpiryRequest};
use crate::rules::spec_changes::remaining::SpecChange;
use crate::rules::spec_changes::upgrade::{upgrade_cost, UpgradeOffer, UpgradeRequest};
use crate::rules::usage::merged_payment::MAX_MERGED_ORDERS;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// What a cart line buys.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum ItemKind {
    /// A new purchase (`term`, `prices`, `quantity`).
    #[default]
    New,
    /// A renewal, from the grace or retention period too (`currentExpiry`, `term`, `prices`).
    Renewal,
    /// A renewal to the unified expiry day (`currentExpiry`, `renewTerm`, `unifiedDay`, `prices`).
    UnifiedRenewal,
    /// An upgrade of an existing resource (`orders`, `oldPrices`, `newPrices`).
    Upgrade,
}

/// A discount coupon the customer uses on a line (003 §9.1.2: then no voucher on it).
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Coupon {
    /// Its id.
    pub id: Option<String>,
    /// The factor (`"0.85"`).
    pub factor: Ratio,
}

/// One line of the cart; the members its `kind` does not use are refused.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct CartItem {
    /// A name echoed in the answer.
    pub id: Option<String>,
    /// `new` (default), `renewal`, `unifiedRenewal` or `upgrade`.
    #[json(default)]
    pub kind: ItemKind,
    /// The product, for vouchers' scope (`"ECS"`).
    pub product: Option<String>,
    /// The region, for vouchers' scope.
    pub region: Option<String>,
    /// New, renewal: identical resources (default 1).
    pub quantity: Option<u64>,
    /// New, renewal: the term bought (a renewal without one: the console's default, 1Y if
    /// offered, else 1M, else the shortest, 003 §3.2.2.2 step 5).
    pub term: Option<Term>,
    /// New, renewal, unified renewal: prices per term.
    pub prices: Option<PriceTable>,
    /// Renewal, unified renewal: the current expiry date.
    pub current_expiry: Option<NaiveDate>,
    /// Unified renewal: the term renewed before the top-up days (absent: up to the unified day).
    pub renew_term: Option<Term>,
    /// Unified renewal: the day 1–28 or `"last"` (default 1).
    pub unified_day: Option<UnifiedDay>,
    /// Upgrade: the resource's orders.
    pub orders: Option<Vec<Order>>,
    /// Upgrade: prices of the current configuration.
    pub old_prices: Option<PriceTable>,
    /// Upgrade: prices of the new configuration.
    pub new_prices: Option<PriceTable>,
    /// Auto-renewal on for the resource (not for an upgrade): the line says its first attempt.
    #[json(default)]
    pub auto_renew: bool,
    /// A discount coupon instead of the system's choice.
    pub coupon: Option<Coupon>,
}

/// The account's balances.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct CartBalance {
    /// Cash balance (default 0).
    #[json(default)]
    pub cash: Money,
    /// Credit line left (default 0).
    #[json(default)]
    pub credit: Money,
    /// A card is bound: it pays auto-renewals, not an order (003 §3.3.2).
    #[json(default)]
    pub card_bound: bool,
    /// Month-end settlement: preferred for the order (003 §3.3.2).
    #[json(default)]
    pub monthly_settlement: bool,
}

/// Request of `checkout`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct CheckoutRequest {
    /// The order day.
    pub date: NaiveDate,
    /// The lines (at most 30, 003 §3.1.1); one unreadable is refused alone.
    pub items: Vec<Result<CartItem>>,
    /// The discounts on offer (`business`, `partner`, `promotions`).
    #[json(default)]
    pub offers: DiscountOffers,
    /// The customer's vouchers.
    #[json(default)]
    pub vouchers: Vec<Voucher>,
    /// Balances, bound card, month-end settlement.
    #[json(default)]
    pub balance: CartBalance,
    /// The customer's country for tax (absent: no tax asked).
    pub country: Option<String>,
    /// The seller and the customer's tax standing (as `taxInvoice` reads them).
    #[json(flatten)]
    pub tax: TaxProfile,
    /// Show the amount to pay in this currency.
    pub display: Option<DisplayCurrency>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// The discount a line carries, and why.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct LineDiscount {
    /// Business, partner, promotion or coupon.
    pub kind: DiscountKind,
    /// The promotion's or coupon's id.
    pub id: Option<String>,
    /// The factor.
    pub factor: Ratio,
    /// What it takes off.
    pub amount: Money,
    /// Why it was chosen.
    pub reason: String,
}

/// One answered line; a refused one has only `id`, `kind` and `error`.
#[derive(Debug, Clone, Default, PartialEq, Eq, ToJson, Ts)]
pub struct CartLine {
    /// The item's id.
    pub id: Option<String>,
    /// The item's kind (null when it could not be read).
    pub kind: Option<ItemKind>,
    /// The term bought or renewed (a renewal given none: the console's default); for a unified
    /// renewal the term renewed before the top-up days; null for an upgrade.
    pub term: Option<Term>,
    /// List amount before any discount.
    pub list_amount: Option<Money>,
    /// The discount applied.
    pub discount: Option<LineDiscount>,
    /// The voucher that pays part of it.
    pub voucher: Option<AppliedVoucher>,
    /// What is left to pay for the line.
    pub amount_due: Option<Money>,
    /// First day of the new period (new purchase, renewal).
    pub start: Option<NaiveDate>,
    /// Last day of the period (the unchanged one for an upgrade).
    pub end: Option<NaiveDate>,
    /// `end` at 23:59:59.
    pub expires_at: Option<String>,
    /// With `autoRenew`: the first auto-renewal deduction attempt (003 §3.2.3.1).
    pub auto_renewal: Option<String>,
    /// Why the line is refused.
    pub error: Option<Error>,
}

/// The amount to pay in the display currency.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct CartDisplay {
    /// The currency.
    pub currency: String,
    /// The amount, half up to its minor unit.
    pub amount: String,
    /// The rate used.
    pub rate: Ratio,
}

/// Result of `checkout`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct CheckoutResponse {
    /// One per item, in order.
    pub lines: Vec<CartLine>,
    /// The answered lines' list amounts.
    pub list_total: Money,
    /// Their discounts.
    pub discount_total: Money,
    /// Their vouchers.
    pub voucher_total: Money,
    /// `listTotal − discountTotal − voucherTotal`: the subtotal taxed.
    pub total: Money,
    /// Tax on `total` (null without `country`; its breakdown is in the cart's).
    pub tax: Option<TaxResponse>,
    /// Who pays `tax.netPayable` (or `total`).
    pub payment: Payers,
    /// The amount to pay in the display currency.
    pub display: Option<CartDisplay>,
    /// Lines per item (list, discount, voucher), then taxes: they add up to the amount to pay.
    pub breakdown: Breakdown,
}

/// A line priced by its rule: the amount (with the factor given), the period, the billing mode.
struct Priced {
    due: Money,
    breakdown: Breakdown,
    start: Option<NaiveDate>,
    end: NaiveDate,
    yearly: bool,
    term: Option<Term>,
}

/// The members each kind uses (bit 0 new, 1 renewal, 2 unified renewal, 3 upgrade).
fn check_members(item: &CartItem) -> Result<()> {
    let bit = 1u8 << item.kind as u8;
    let given = [
        ("quantity", item.quantity.is_some(), 0b0011),
        ("term", item.term.is_some(), 0b0011),
        ("prices", item.prices.is_some(), 0b0111),
        ("currentExpiry", item.current_expiry.is_some(), 0b0110),
        ("renewTerm", item.renew_term.is_some(), 0b0100),
        ("unifiedDay", item.unified_day.is_some(), 0b0100),
        ("orders", item.orders.is_some(), 0b1000),
        ("oldPrices", item.old_prices.is_some(), 0b1000),
        ("newPrices", item.new_prices.is_some(), 0b1000),
        ("autoRenew", item.auto_renew, 0b0111),
    ];
    let kind = item.kind.json_name();
    match given.iter().find(|(_, on, kinds)| *on && kinds & bit == 0) {
        Some((name, ..)) => Err(Error::new(
            ErrorCode::InvalidInput,
            *name,
            format!("a `{kind}` line does not use `{name}`"),
        )),
        None => Ok(()),
    }
}

/// Price `item` with the discount `factor` (none: the list amount) by its own rule.
fn price(
    item: &CartItem,
    date: NaiveDate,
    o: Options,
    f: Option<Ratio>,
    b: Breakdown,
) -> Result<Priced> {
    let prices = || required(item.prices.clone(), "prices", "the line's prices per term");
    match item.kind {
        ItemKind::New | ItemKind::Renewal => {
            // A renewal without a term: the duration the console offers by default (003
            // §3.2.2.2 step 5).
            let term = match (item.kind, item.term) {
                (_, Some(t)) => t,
                (ItemKind::Renewal, None) => required(
                    item.prices.as_ref().and_then(default_renewal_term),
                    "term",
                    "the term renewed (the price table offers none to default to)",
                )?,
                _ => required(None, "term", "the term bought")?,
            };
            let q = quote(
                &QuoteRequest {
                    kind: match item.kind {
                        ItemKind::New => QuoteKind::New,
                        _ => QuoteKind::Renewal,
                    },
                    date,
                    term,
                    prices: prices()?,
                    quantity: item.quantity.unwrap_or(1),
                    discount: f,
                    start: None,
                    current_expiry: item.current_expiry,
                    options: o,
                },
                b,
            )?;
            let (start, end) = (Some(q.start), q.end);
            let (yearly, term) = (term.is_yearly(), Some(term));
            Ok(Priced {
                due: q.payable,
                breakdown: q.breakdown,
                start,
                end,
                yearly,
                term,
            })
        }
        ItemKind::UnifiedRenewal => {
            let u = unified_expiry(
                &UnifiedExpiryRequest {
                    current_expiry: required(item.current_expiry, "currentExpiry", "its expiry")?,
                    renew_term: item.renew_term,
                    unified_day: item.unified_day.unwrap_or(UnifiedDay::Day(1)),
                    prices: Some(prices()?),
                    discount: f,
                    date: Some(date),
                    options: o,
                },
                b,
            )?;
            let due = u.total.unwrap_or(Money::ZERO);
            let yearly = u.renew_term.map_or(true, Term::is_yearly);
            let (start, end, term) = (None, u.unified_expiry, u.renew_term);
            Ok(Priced {
                due,
                breakdown: u.breakdown,
                start,
                end,
                yearly,
                term,
            })
        }
        ItemKind::Upgrade => {
            let orders = required(item.orders.clone(), "orders", "the resource's orders")?;
            let end = orders.last().map_or(date, |o| o.end);
            let old = required(item.old_prices.clone(), "oldPrices", "the current prices")?;
            let new = required(item.new_prices.clone(), "newPrices", "the new prices")?;
            let c = upgrade_cost(
                &UpgradeRequest {
                    change: SpecChange {
                        date,
                        orders,
                        billing_mode: Default::default(),
                    },
                    old_prices: old,
                    new_prices: new,
                    offer: f.map(|factor| UpgradeOffer::Rate { factor }),
                    options: o,
                },
                b,
            )?;
            let yearly = c.period_unit == PeriodUnit::Years;
            let due = c.cost;
            Ok(Priced {
                due,
                breakdown: c.breakdown,
                start: None,
                end,
                yearly,
                term: None,
            })
        }
    }
}

/// An item rule's refusal at its place in the cart: `term` → `items[1].term`; the cart's own
/// `date` stays `date`.
fn in_item(e: Error, i: usize) -> Error {
    let path = match e.path.as_str() {
        "date" => return e,
        "" => format!("items[{i}]"),
        p => format!("items[{i}].{p}"),
    };
    e.at(path)
}

/// Line `i`: priced, discounted, a voucher picked from `vouchers` (their balances updated).
fn line(
    req: &CheckoutRequest,
    i: usize,
    item: &CartItem,
    vouchers: &mut [Voucher],
    b: &mut Breakdown,
) -> Result<CartLine> {
    check_members(item)?;
    let (date, o) = (req.date, req.options);
    // The list amount: the line's rule without a discount.
    let list = price(item, date, o, None, Breakdown::silent(o.policy))?.due;
    // 003 §3.3.2 ex. 1: a new resource has no earlier order, so no promotion was used on it.
    let mut offers = req.offers.clone();
    if item.kind == ItemKind::New {
        offers.promotions.iter_mut().for_each(|p| p.used_on = None);
    }
    let chosen = match &item.coupon {
        Some(c) => {
            discount::check_factor(c.factor, "coupon.factor")?;
            let why = "the discount coupon the customer chose (003 §9.1.2: no voucher with it)";
            Some((
                DiscountKind::Coupon,
                c.id.clone(),
                c.factor,
                why.to_string(),
            ))
        }
        // Nothing to discount (an upgrade whose fee is 0).
        None if !list.is_positive() => None,
        None => {
            let (chosen, candidates) = discount::choose(list, date, &offers, "offers")?;
            chosen.map(|c| {
                let won = candidates
                    .into_iter()
                    .find(|x| x.eligible && x.kind == c.kind);
                let why = won.map(|x| x.reason).unwrap_or_default();
                (c.kind, c.id, c.factor, why)
            })
        }
    };
    // The amount due: the line's rule with the chosen factor, rounded once.
    let factor = chosen.as_ref().map(|c| c.2);
    let mut priced = price(item, date, o, factor, b.part())?;
    let mut part = std::mem::take(&mut priced.breakdown);
    let discount = chosen.map(|(kind, id, factor, reason)| LineDiscount {
        kind,
        id,
        factor,
        amount: list - priced.due,
        reason,
    });
    // One voucher per prepaid order, the current rule (003 §3.2.3.1, §3.3.2, §9.1.5).
    let order = VoucherOrder {
        product: item.product.clone(),
        region: item.region.clone(),
        billing_mode: if priced.yearly {
            BillingMode::Yearly
        } else {
            BillingMode::Monthly
        },
        discounted: factor.is_some() && item.coupon.is_none(),
        discount_coupon: item.coupon.is_some(),
        ..VoucherOrder::default()
    };
    let rule = VoucherRule::Current;
    let choice = voucher::choose(
        priced.due,
        date,
        rule,
        Money::ZERO,
        &order,
        vouchers,
        None,
        "",
    )?;
    voucher::explain(&mut part, &choice, rule, false);
    if let Some(d) = &discount {
        part.note_with(|| format!("items[{i}]: {} × {}: {}", d.kind.name(), d.factor, d.reason));
    }
    let applied = choice.applied.into_iter().next();
    if let Some(a) = &applied {
        if let Some(v) = vouchers.iter_mut().find(|v| v.id == a.id) {
            v.balance = a.balance_left;
        }
    }
    let auto_renewal = if item.auto_renew {
        let schedule = AutoRenewalRequest {
            options: o,
            rules: Default::default(),
            product_kind: Default::default(),
            expiry: end_of_day(priced.end),
            purchase_term: priced.term,
            renewal_term: None,
            deduction_days_before: None,
            deduction_day_set_on: None,
            manual_renewal: None,
            now: None,
            trial: false,
        };
        Some(auto_renewal_schedule(&schedule, Breakdown::silent(o.policy))?.first_attempt)
    } else {
        None
    };
    let due = priced.due - applied.as_ref().map_or(Money::ZERO, |a| a.amount);
    b.absorb(part, &format!("items[{i}]"), None);
    Ok(CartLine {
        id: item.id.clone(),
        kind: Some(item.kind),
        term: priced.term,
        list_amount: Some(list),
        discount,
        voucher: applied,
        amount_due: Some(due),
        start: priced.start,
        end: Some(priced.end),
        expires_at: Some(expiry_instant(priced.end)),
        auto_renewal,
        error: None,
    })
}

/// 003 §3.2.3.1, §3.3.2, §8: a cart in one call — see the module's documentation.
///
/// Example: a 1M ECS at 100 with a business 0.8 and a voucher of 30 → list 100, discount 20,
/// voucher 30, due 50; in Singapore (GST 9 %) 54.50 to pay, from the cash balance.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn checkout(req: &CheckoutRequest, mut b: Breakdown) -> Result<CheckoutResponse> {
    let n = req.items.len();
    if n > MAX_MERGED_ORDERS {
        return Err(Error::new(
            ErrorCode::PaymentLimitExceeded,
            "items",
            format!("{n} items; one payment holds at most {MAX_MERGED_ORDERS} orders (003 §3.1.1)"),
        ));
    }
    // The cart's own members are checked once: a fault there refuses the cart.
    discount::choose(Money::ZERO, req.date, &req.offers, "offers")?;
    let order = VoucherOrder::default();
    let rule = VoucherRule::Current;
    voucher::choose(
        Money::ZERO,
        req.date,
        rule,
        Money::ZERO,
        &order,
        &req.vouchers,
        None,
        "",
    )?;
    let mut vouchers = req.vouchers.clone();
    let mut lines = Vec::with_capacity(n);
    let (mut list_total, mut discount_total, mut voucher_total, mut total) =
        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
    for (i, item) in req.items.iter().enumerate() {
        let answered = match item {
            Ok(item) => line(req, i, item, &mut vouchers, &mut b).map_err(|e| in_item(e, i)),
            Err(e) => Err(e.clone()),
        };
        let l = match answered {
            Ok(l) => l,
            Err(e) => {
                b.note_with(|| {
                    format!(
                        "items[{i}] refused ({} at {}): left out of the totals",
                        e.code.as_str(),
                        e.path
                    )
                });
                let item = item.as_ref().ok();
                CartLine {
                    id: item.and_then(|t| t.id.clone()),
                    kind: item.map(|t| t.kind),
                    error: Some(e),
                    ..CartLine::default()
                }
            }
        };
        list_total += l.list_amount.unwrap_or(Money::ZERO);
        discount_total += l.discount.as_ref().map_or(Money::ZERO, |d| d.amount);
        voucher_total += l.voucher.as_ref().map_or(Money::ZERO, |v| v.amount);
        total += l.amount_due.unwrap_or(Money::ZERO);
        lines.push(l);
    }
    // Tax on the subtotal after vouchers (vouchers are not invoiced, 003 §9.1.2).
    let tax = match &req.country {
        None => None,
        Some(country) => {
            let mut t = tax_invoice(
                &TaxRequest {
                    price: total,
                    country: country.clone(),
                    date: Some(req.date),
                    profile: req.tax.clone(),
                    options: req.options,
                },
                b.part(),
            )?;
            let part = std::mem::replace(&mut t.breakdown, Breakdown::silent(b.policy));
            b.absorb(part, "tax", Some(total));
            Some(t)
        }
    };
    let to_pay = tax.as_ref().map_or(total, |t| t.net_payable);
    let p: PaymentSplitResponse = payment_split(
        &PaymentSplitRequest {
            flow: PaymentFlow::OrderPayment,
            list_amount: to_pay,
            date: req.date,
            discounts: Vec::new(),
            offers: None,
            order: VoucherOrder::default(),
            vouchers: Vec::new(),
            voucher_id: None,
            cash_balance: req.balance.cash,
            credit_balance: req.balance.credit,
            card_bound: req.balance.card_bound,
            monthly_settlement: req.balance.monthly_settlement,
            options: req.options,
        },
        b.part(),
    )?;
    b.absorb(p.breakdown, "payment", Some(to_pay));
    let display = match &req.display {
        None => None,
        Some(d) => {
            let c = convert_currency(
                &ConvertRequest {
                    amount: to_pay,
                    to: d.clone(),
                    options: req.options,
                },
                b.part(),
            )
            .map_err(|e| e.under("display."))?;
            b.fact_with(|| {
                let l = c.breakdown.lines.first();
                let formula = l.map(|l| l.formula.clone()).unwrap_or_default();
                ("display".into(), formula, c.converted.clone())
            });
            Some(CartDisplay {
                currency: c.currency,
                amount: c.converted,
                rate: d.rate,
            })
        }
    };
    b.note("lines are paid in cart order: the voucher balance a line leaves is what the next sees; tax is on the subtotal after vouchers");
    Ok(CheckoutResponse {
        lines,
        list_total,
        discount_total,
        voucher_total,
        total,
        tax,
        payment: p.payers,
        display,
        breakdown: b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::read::from_value;
    use serde_json::json;

    fn run(v: serde_json::Value, explain: bool) -> CheckoutResponse {
        let req: CheckoutRequest = from_value(v).unwrap();
        let b = if explain {
            Breakdown::new(req.options.policy)
        } else {
            Breakdown::silent(req.options.policy)
        };
        checkout(&req, b).unwrap()
    }

    /// 003 §3.2.3.1 ex. A on a renewal (promotion 0.7 used on the resource) and 003 §3.3.2 ex. 1
    /// on a new purchase (no earlier order: business 0.8), in one cart.
    #[test]
    fn s3_2_3_1_cart_discount_example() {
        let promo = json!({"id": "p70", "factor": "0.7", "effective": "2020-11-01",
                           "usedOn": "2020-11-10"});
        let r = run(
            json!({"date": "2020-11-27",
                   "offers": {"business": "0.8", "partner": "0.9", "promotions": [promo]},
                   "items": [
                     {"kind": "renewal", "term": "1M", "currentExpiry": "2020-11-30",
                      "prices": {"1M": "1000"}},
                     {"term": "1M", "prices": {"1M": "1000"}}]}),
            true,
        );
        let picked: Vec<(DiscountKind, String)> = r
            .lines
            .iter()
            .filter_map(|l| l.discount.as_ref())
            .map(|d| (d.kind, d.factor.to_string()))
            .collect();
        assert_eq!(
            picked,
            [
                (DiscountKind::Promotion, "0.7".to_string()),
                (DiscountKind::Business, "0.8".to_string())
            ]
        );
        assert_eq!(r.total.to_string(), "1500.00");
    }

    /// The breakdown's lines add up to the amount to pay, and no figure depends on whether it is
    /// explained; a refused line is in neither.
    #[test]
    fn breakdown_adds_up_and_figures_do_not_depend_on_it() {
        let cart = json!({"date": "2024-03-01", "country": "SG", "seller": "sparkooSingapore",
            "offers": {"business": "0.9"},
            "vouchers": [{"id": "v20", "balance": "20", "validFrom": "2024-01-01",
                          "validTo": "2024-12-31"}],
            "items": [
              {"quantity": 2, "term": "1M", "prices": {"1M": "30"}},
              {"kind": "renewal", "term": "1Y", "currentExpiry": "2024-03-10",
               "prices": {"1Y": "120"}, "autoRenew": true},
              {"kind": "upgrade", "term": "1M"},
              {"kind": "upgrade", "orders": [{"start": "2024-02-15", "end": "2024-03-14",
               "term": "1M"}], "oldPrices": {"1M": "30"}, "newPrices": {"1M": "45"}},
              {"kind": "unifiedRenewal", "currentExpiry": "2024-03-15", "prices": {"1M": "31"}}],
            "balance": {"cash": "500"}, "display": {"currency": "EUR", "rate": "0.92"}});
        let explained = run(cart.clone(), true);
        let mut silent = run(cart, false);
        let sum: Money = explained.breakdown.lines.iter().map(|l| l.amount).sum();
        let to_pay = explained.tax.as_ref().map(|t| t.net_payable).unwrap();
        assert_eq!(sum.cents(), to_pay);
        assert_eq!(
            explained.lines[2].error.as_ref().unwrap().path,
            "items[2].term"
        );
        silent.breakdown = explained.breakdown.clone();
        assert_eq!(silent, explained);
    }
}
