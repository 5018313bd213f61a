//! A cart in one call (`checkout`): each line priced by its own rule (`quote`, `unifiedExpiry`,
//! `upgradeCost`), its discount chosen (003 §3.2.3.1, §3.3.2), its voucher picked (one per
//! prepaid order, current rule), then tax on the subtotal (003 §8), who pays (003 §3.3.2) and the
//! display currency (003 §6.1.4). Nothing is priced here: every figure is an inner rule's answer.
//!
//! Lines are paid in cart order: the voucher balance a line leaves is what the next line sees. A
//! refused line carries its error (its path in the cart: `items[1].term`) and is left out of the
//! totals; the others are answered.

use chrono::NaiveDate;

use crate::domain::breakdown::{Breakdown, Figures};
use crate::domain::calendar::{end_of_day, expiry_instant, PeriodUnit, UnifiedDay};
use crate::domain::messages::{told, Figure, Msg};
use crate::domain::money::{Money, Ratio};
use crate::domain::order::Order;
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::checkout::convert_currency::{convert, DisplayCurrency};
use crate::rules::checkout::discount::{
    self, DiscountCandidate, DiscountKind, DiscountOffers, Promotion,
};
use crate::rules::checkout::payment::{who_pays, Funds, Payers, PaymentFlow};
use crate::rules::checkout::tax::{invoice_tax, Invoice, TaxProfile, TaxResponse};
use crate::rules::checkout::voucher::{
    self, AppliedVoucher, BillingMode, Voucher, VoucherOrder, VoucherRule,
};
use crate::rules::lifecycle::auto_renewal::first_attempt;
use crate::rules::lifecycle::quote::{default_renewal_term, quote_purchase, Purchase, QuoteKind};
use crate::rules::lifecycle::unified_expiry::{renew_to_unified_day, UnifiedRenewal};
use crate::rules::spec_changes::upgrade::{upgrade_fee, Upgrade, UpgradeOffer};
use crate::rules::usage::merged_payment::MAX_MERGED_ORDERS;
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// What a cart line buys: the JSON name of a [`CartItem`]'s `kind`, in the answer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ToJson, Ts)]
pub enum ItemKind {
    /// A new purchase.
    #[default]
    New,
    /// A renewal, from the grace or retention period too.
    Renewal,
    /// A renewal to the unified expiry day.
    UnifiedRenewal,
    /// An upgrade of an existing resource.
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

/// What any line may carry, whatever it buys.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct LineLabel {
    /// A name echoed in the answer.
    pub id: Option<String>,
    /// The product, for vouchers' scope (`"ECS"`).
    pub product: Option<String>,
    /// The region, for vouchers' scope.
    pub region: Option<String>,
    /// A discount coupon instead of the system's choice.
    pub coupon: Option<Coupon>,
}

/// One line of the cart, by what it buys (`kind`, default `new`); a member another kind uses is
/// refused as unknown.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
#[json(tag = "kind", tag_default = "new")]
pub enum CartItem {
    /// A new purchase (003 §3.2.2): no earlier order, so no promotion history.
    New {
        /// Id, product, region, coupon.
        #[json(flatten)]
        label: LineLabel,
        /// The term bought.
        term: Term,
        /// Prices per term.
        prices: PriceTable,
        /// Identical resources (default 1).
        #[json(default = "crate::rules::lifecycle::quote::one")]
        quantity: u64,
        /// Auto-renewal on: the line says its first attempt (003 §3.2.3.1).
        #[json(default)]
        auto_renew: bool,
    },
    /// A renewal, from the grace or retention period too (003 §3.2.2.1).
    Renewal {
        /// Id, product, region, coupon.
        #[json(flatten)]
        label: LineLabel,
        /// The current expiry date.
        current_expiry: NaiveDate,
        /// The term renewed (absent: the console's default, 1Y if offered, else 1M, else the
        /// shortest, 003 §3.2.2.2 step 5).
        term: Option<Term>,
        /// Prices per term.
        prices: PriceTable,
        /// Identical resources (default 1).
        #[json(default = "crate::rules::lifecycle::quote::one")]
        quantity: u64,
        /// Auto-renewal on: the line says its first attempt (003 §3.2.3.1).
        #[json(default)]
        auto_renew: bool,
        /// The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2).
        #[json(default)]
        promotions: Vec<Promotion>,
    },
    /// A renewal to the unified expiry day (003 §3.2.2.3).
    UnifiedRenewal {
        /// Id, product, region, coupon.
        #[json(flatten)]
        label: LineLabel,
        /// The current expiry date.
        current_expiry: NaiveDate,
        /// The term renewed before the top-up days (absent: up to the unified day).
        renew_term: Option<Term>,
        /// The day 1–28 or `"last"` (default 1).
        #[json(default = "crate::rules::lifecycle::unified_expiry::default_day")]
        unified_day: UnifiedDay,
        /// Prices per term.
        prices: PriceTable,
        /// Auto-renewal on: the line says its first attempt (003 §3.2.3.1).
        #[json(default)]
        auto_renew: bool,
        /// The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2).
        #[json(default)]
        promotions: Vec<Promotion>,
    },
    /// An upgrade of an existing resource (003 §3.2.7).
    Upgrade {
        /// Id, product, region, coupon.
        #[json(flatten)]
        label: LineLabel,
        /// The resource's orders.
        orders: Vec<Order>,
        /// Prices of the current configuration.
        old_prices: PriceTable,
        /// Prices of the new configuration.
        new_prices: PriceTable,
        /// The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2).
        #[json(default)]
        promotions: Vec<Promotion>,
    },
}

impl CartItem {
    /// Id, product, region and coupon.
    fn label(&self) -> &LineLabel {
        match self {
            CartItem::New { label, .. }
            | CartItem::Renewal { label, .. }
            | CartItem::UnifiedRenewal { label, .. }
            | CartItem::Upgrade { label, .. } => label,
        }
    }

    /// What it buys, as the answer names it.
    fn kind(&self) -> ItemKind {
        match self {
            CartItem::New { .. } => ItemKind::New,
            CartItem::Renewal { .. } => ItemKind::Renewal,
            CartItem::UnifiedRenewal { .. } => ItemKind::UnifiedRenewal,
            CartItem::Upgrade { .. } => ItemKind::Upgrade,
        }
    }

    /// This resource's promotion history (a new purchase has none, 003 §3.3.2 ex. 1).
    fn history(&self) -> &[Promotion] {
        match self {
            CartItem::New { .. } => &[],
            CartItem::Renewal { promotions, .. }
            | CartItem::UnifiedRenewal { promotions, .. }
            | CartItem::Upgrade { promotions, .. } => promotions,
        }
    }

    /// Auto-renewal asked for the resource.
    fn auto_renew(&self) -> bool {
        match self {
            CartItem::New { auto_renew, .. }
            | CartItem::Renewal { auto_renew, .. }
            | CartItem::UnifiedRenewal { auto_renew, .. } => *auto_renew,
            CartItem::Upgrade { .. } => false,
        }
    }
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
    /// Who the customer is, for the payment methods they may use (003 §1.3); absent: the
    /// balances and settlement of `balance` as given (as `paymentSplit` reads them).
    pub customer_type: Option<crate::rules::checkout::customer_type::CustomerType>,
    /// The customer's country for tax (absent or blank: no tax asked; one 003 §8.1 states no
    /// rate for: no indirect tax, `tax.noRateStated` says so).
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
    /// The message of `reason` (`js/messages.js` renders it in other languages).
    pub messages: Figures,
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
    /// Every offer considered for the line, priced by its rule: chosen, lost (and to what), or
    /// left out and why (003 §3.2.3.1, §3.3.2, §9.2.1); empty with a coupon or nothing to pay.
    pub offers: Vec<DiscountCandidate>,
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
    /// The term shown on the line (null for an upgrade).
    term: Option<Term>,
    /// The term the discount rules read (an upgrade's matched term, 003 §9.2.1).
    product_term: Option<Term>,
}

/// What every line is priced with: the order day and the discount factor (none: the list
/// amount). The rounding policy is the breakdown's.
#[derive(Clone, Copy)]
struct Pricing {
    date: NaiveDate,
    factor: Option<Ratio>,
}

/// A new purchase or a renewal by `quote` (003 §3.2.2.1–2).
fn price_quote(
    kind: QuoteKind,
    term: Option<Term>,
    prices: &PriceTable,
    quantity: u64,
    current_expiry: Option<NaiveDate>,
    at: Pricing,
    b: Breakdown,
) -> Result<Priced> {
    let Pricing { date, factor: f } = at;
    // A renewal without a term: the duration the console offers by default (003 §3.2.2.2 step 5).
    let term = required(
        term.or_else(|| default_renewal_term(prices)),
        "term",
        "the term renewed (the price table offers none to default to)",
    )?;
    let purchase = Purchase {
        kind,
        date,
        term,
        prices,
        quantity,
        discount: f,
        start: None,
        current_expiry,
    };
    let q = quote_purchase(&purchase, b)?;
    Ok(Priced {
        due: q.payable,
        breakdown: q.breakdown,
        start: Some(q.start),
        end: q.end,
        yearly: term.is_yearly(),
        term: Some(term),
        product_term: Some(term),
    })
}

/// Price `item` with the discount factor `f` (none: the list amount) by its own rule.
fn price(item: &CartItem, at: Pricing, b: Breakdown) -> Result<Priced> {
    let Pricing { date, factor: f } = at;
    match item {
        CartItem::New {
            term,
            prices,
            quantity,
            ..
        } => price_quote(QuoteKind::New, Some(*term), prices, *quantity, None, at, b),
        CartItem::Renewal {
            current_expiry,
            term,
            prices,
            quantity,
            ..
        } => {
            let expiry = Some(*current_expiry);
            price_quote(QuoteKind::Renewal, *term, prices, *quantity, expiry, at, b)
        }
        CartItem::UnifiedRenewal {
            current_expiry,
            renew_term,
            unified_day,
            prices,
            ..
        } => {
            let renewal = UnifiedRenewal {
                current_expiry: *current_expiry,
                renew_term: *renew_term,
                unified_day: *unified_day,
                prices: Some(prices),
                discount: f,
                date: Some(date),
            };
            let u = renew_to_unified_day(&renewal, b)?;
            Ok(Priced {
                due: u.total.unwrap_or(Money::ZERO),
                breakdown: u.breakdown,
                start: None,
                end: u.unified_expiry,
                yearly: u.renew_term.map_or(true, Term::is_yearly),
                term: u.renew_term,
                product_term: u.renew_term,
            })
        }
        CartItem::Upgrade {
            orders,
            old_prices,
            new_prices,
            ..
        } => {
            let offer = f.map(|factor| UpgradeOffer::Rate { factor });
            let upgrade = Upgrade {
                date,
                orders,
                billing_mode: Default::default(),
                old_prices,
                new_prices,
                offer: offer.as_ref(),
            };
            let c = upgrade_fee(&upgrade, b)?;
            Ok(Priced {
                due: c.cost,
                breakdown: c.breakdown,
                start: None,
                end: orders.last().map_or(date, |o| o.end),
                yearly: c.period_unit == PeriodUnit::Years,
                term: None,
                product_term: Some(c.matched_term),
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

/// The line's discount (003 §3.2.3.1, §3.3.2, §9.1.2): the customer's coupon, or the system's
/// choice among the cart's offers and this resource's own promotion history, each candidate
/// priced by the line's rule (so the reason quotes the amount charged). Its `amount` is set once
/// the line is priced with it. With it, every candidate considered and why.
fn choose_discount(
    req: &CheckoutRequest,
    item: &CartItem,
    list: &Priced,
) -> Result<(Option<LineDiscount>, Vec<DiscountCandidate>)> {
    discount::check_promotions(item.history(), &|m| m.to_string())?;
    if let Some(c) = &item.label().coupon {
        discount::check_factor(c.factor, "coupon.factor")?;
        let mut messages = Figures::default();
        let reason = told(&mut messages, "reason", Msg::new("discount.couponChosen"));
        let coupon = LineDiscount {
            kind: DiscountKind::Coupon,
            id: c.id.clone(),
            factor: c.factor,
            amount: Money::ZERO,
            reason,
            messages,
        };
        return Ok((Some(coupon), Vec::new()));
    }
    // Nothing to discount (an upgrade whose fee is 0).
    if !list.due.is_positive() {
        return Ok((None, Vec::new()));
    }
    let history = item.history();
    let mut offers = req.offers.clone();
    offers.promotions.extend(history.iter().cloned());
    let (date, o) = (req.date, req.options);
    let mut order = discount::DiscountedOrder {
        date,
        term: list.product_term,
        amount_with: &mut |f| {
            let at = Pricing {
                date,
                factor: Some(f),
            };
            Ok(price(item, at, Breakdown::silent(o.policy))?.due)
        },
    };
    let (chosen, candidates) = discount::choose(&mut order, &offers)?;
    let chosen = chosen.map(|c| {
        let won = candidates.iter().find(|x| x.eligible && x.kind == c.kind);
        LineDiscount {
            kind: c.kind,
            id: c.id,
            factor: c.factor,
            amount: Money::ZERO,
            reason: won.map(|x| x.reason.clone()).unwrap_or_default(),
            messages: won.map(|x| x.messages.clone()).unwrap_or_default(),
        }
    });
    Ok((chosen, candidates))
}

/// The order a line's voucher must fit (003 §9.1.5): its product, region and billing mode, and
/// whether it is discounted or carries a discount coupon.
fn voucher_order(label: &LineLabel, yearly: bool, discounted: bool) -> VoucherOrder {
    VoucherOrder {
        product: label.product.clone(),
        region: label.region.clone(),
        billing_mode: if yearly {
            BillingMode::Yearly
        } else {
            BillingMode::Monthly
        },
        discounted: discounted && label.coupon.is_none(),
        discount_coupon: label.coupon.is_some(),
        ..VoucherOrder::default()
    }
}

/// Line `i`: priced, discounted, a voucher picked from `vouchers` (their balances updated).
fn line(
    req: &CheckoutRequest,
    i: usize,
    item: &CartItem,
    vouchers: &mut [Voucher],
    b: &mut Breakdown,
) -> Result<CartLine> {
    let (date, o) = (req.date, req.options);
    // The list amount: the line's rule without a discount.
    let at = Pricing { date, factor: None };
    let list_priced = price(item, at, Breakdown::silent(o.policy))?;
    let list = list_priced.due;
    let (mut discount, offers) = choose_discount(req, item, &list_priced)?;
    // The amount due: the line's rule with the chosen factor, rounded once.
    let factor = discount.as_ref().map(|d| d.factor);
    let mut priced = price(item, Pricing { factor, ..at }, b.part())?;
    let mut part = std::mem::take(&mut priced.breakdown);
    if let Some(d) = &mut discount {
        d.amount = list - priced.due;
    }
    // One voucher per prepaid order, the current rule (003 §3.2.3.1, §3.3.2, §9.1.5).
    let label = item.label();
    let order = voucher_order(label, priced.yearly, factor.is_some());
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
        part.note_msg(|| {
            let reason = d.messages.0.first().map(|(_, why)| why.clone());
            let (kind, factor) = (d.kind.word(), d.factor);
            let reason = reason.unwrap_or_else(|| Figure::Text(d.reason.clone()));
            crate::msg!(
                "cart.discount",
                i = i,
                kind = kind,
                factor = factor,
                reason = reason
            )
        });
    }
    let applied = choice.applied.into_iter().next();
    if let Some(a) = &applied {
        if let Some(v) = vouchers.iter_mut().find(|v| v.id == a.id) {
            v.balance = a.balance_left;
        }
    }
    let auto_renewal = match item.auto_renew() {
        true => Some(first_attempt(o.provider(), end_of_day(priced.end))?),
        false => None,
    };
    let due = priced.due - applied.as_ref().map_or(Money::ZERO, |a| a.amount);
    b.absorb_msg(part, crate::msg!("cart.partItem", i = i), None);
    Ok(CartLine {
        id: label.id.clone(),
        kind: Some(item.kind()),
        term: priced.term,
        list_amount: Some(list),
        discount,
        offers,
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
    check_cart(req)?;
    if let Some(ty) = req.customer_type {
        let named = crate::rules::checkout::customer_type::NamedPayers {
            cash: (req.balance.cash.is_positive(), "balance.cash"),
            credit: (req.balance.credit.is_positive(), "balance.credit"),
            card: (req.balance.card_bound, "balance.cardBound"),
            settlement: (req.balance.monthly_settlement, "balance.monthlySettlement"),
        };
        crate::rules::checkout::customer_type::check_payers(ty, &named, "customerType")?;
    }
    let mut vouchers = req.vouchers.clone();
    let mut lines = Vec::with_capacity(req.items.len());
    let (mut list_total, mut discount_total, mut voucher_total, mut total) =
        (Money::ZERO, Money::ZERO, Money::ZERO, Money::ZERO);
    for (i, item) in req.items.iter().enumerate() {
        let l = cart_line(req, i, item, &mut vouchers, &mut b);
        list_total += l.list_amount.unwrap_or(Money::ZERO);
        discount_total += l.discount.as_ref().map_or(Money::ZERO, |d| d.amount);
        voucher_total += l.voucher.as_ref().map_or(Money::ZERO, |v| v.amount);
        total += l.amount_due.unwrap_or(Money::ZERO);
        lines.push(l);
    }
    let tax = cart_tax(req, total, &mut b)?;
    let to_pay = tax.as_ref().map_or(total, |t| t.net_payable);
    let funds = Funds {
        cash: req.balance.cash,
        credit: req.balance.credit,
        card_bound: req.balance.card_bound,
        monthly_settlement: req.balance.monthly_settlement,
        customer: req.customer_type,
    };
    let mut part = b.part();
    let payers = who_pays(to_pay, PaymentFlow::OrderPayment, &funds, false, &mut part);
    b.absorb_msg(part, Msg::new("cart.partPayment"), None);
    let display = cart_display(req, to_pay, &mut b)?;
    b.note_msg(|| Msg::new("cart.order"));
    Ok(CheckoutResponse {
        lines,
        list_total,
        discount_total,
        voucher_total,
        total,
        tax,
        payment: payers,
        display,
        breakdown: b,
    })
}

/// The cart's own members, checked once (a fault there refuses the cart): at most
/// [`MAX_MERGED_ORDERS`] items in one payment (003 §3.1.1), the offers, no promotion used on the
/// cart (003 §3.3.2: a use belongs to one resource's line), the vouchers.
fn check_cart(req: &CheckoutRequest) -> Result<()> {
    let n = req.items.len();
    if n > MAX_MERGED_ORDERS {
        return Err(Error::new(
            ErrorCode::PaymentLimitExceeded,
            "items",
            format!("{n} items; one payment holds at most {MAX_MERGED_ORDERS} orders (003 §3.1.1)"),
        ));
    }
    discount::check_offers(&req.offers, &|m| format!("offers.{m}"))?;
    // 003 §3.3.2: a promotion competes when this resource's earlier orders used it; the cart's
    // offers belong to no one resource, so a use is said on the line of its resource.
    if let Some(i) = req
        .offers
        .promotions
        .iter()
        .position(|p| p.used_on.is_some())
    {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            format!("offers.promotions[{i}].usedOn"),
            "a promotion's use belongs to one resource: give it in that line's `promotions`",
        ));
    }
    let order = VoucherOrder::default();
    voucher::choose(
        Money::ZERO,
        req.date,
        VoucherRule::Current,
        Money::ZERO,
        &order,
        &req.vouchers,
        None,
        "",
    )?;
    Ok(())
}

/// Line `i` of the cart, priced by its rule; a refused line carries its error and is left out of
/// the totals.
fn cart_line(
    req: &CheckoutRequest,
    i: usize,
    item: &Result<CartItem>,
    vouchers: &mut [Voucher],
    b: &mut Breakdown,
) -> CartLine {
    let answered = match item {
        Ok(item) => line(req, i, item, vouchers, b).map_err(|e| in_item(e, i)),
        Err(e) => Err(e.clone()),
    };
    match answered {
        Ok(l) => l,
        Err(e) => {
            b.note_msg(|| {
                let (code, path) = (e.code.as_str(), &e.path);
                crate::msg!("cart.refused", i = i, code = code, path = path)
            });
            let item = item.as_ref().ok();
            CartLine {
                id: item.and_then(|t| t.label().id.clone()),
                kind: item.map(CartItem::kind),
                error: Some(e),
                ..CartLine::default()
            }
        }
    }
}

/// Tax on the subtotal after vouchers (vouchers are not invoiced, 003 §9.1.2), with `country`;
/// its breakdown absorbed into the cart's. Where 003 §8.1 states no rate (a country, seller or
/// date outside its table) the cart is still answered: no indirect tax, `tax.noRateStated` says
/// why, and a rate the customer knows is given as `indirectTaxRate` (interpretation A28).
fn cart_tax(req: &CheckoutRequest, total: Money, b: &mut Breakdown) -> Result<Option<TaxResponse>> {
    // A blank country is no country chosen: no tax asked.
    let Some(country) = req.country.as_deref().filter(|c| !c.trim().is_empty()) else {
        return Ok(None);
    };
    let invoice = Invoice {
        price: total,
        country,
        date: Some(req.date),
        profile: &req.tax,
        untaxed_when_unstated: true,
    };
    let mut t = invoice_tax(&invoice, b.part())?;
    let part = std::mem::replace(&mut t.breakdown, Breakdown::silent(b.policy));
    b.absorb_msg(part, Msg::new("cart.partTax"), Some(total));
    Ok(Some(t))
}

/// What is paid, in the display currency, with `display`.
fn cart_display(
    req: &CheckoutRequest,
    to_pay: Money,
    b: &mut Breakdown,
) -> Result<Option<CartDisplay>> {
    let Some(d) = &req.display else {
        return Ok(None);
    };
    let c = convert(to_pay, d, b.part()).map_err(|e| e.under("display."))?;
    b.fact_msg(|| {
        // The conversion's own figures, told as the cart's display.
        let mut m = crate::domain::messages::Msg::new("cart.display");
        if let Some(l) = c.breakdown.lines.first() {
            m.figures = l.figures.0.clone();
        }
        m.with("value", Figure::Text(c.converted.clone()))
    });
    Ok(Some(CartDisplay {
        currency: c.currency,
        amount: c.converted,
        rate: d.rate,
    }))
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

    /// The answer names a line's kind as the request's `kind` spells it (two declarations, one
    /// spelling).
    #[test]
    fn a_line_kind_is_answered_as_it_is_asked() {
        let orders = json!([{"start": "2024-02-15", "end": "2024-03-14", "term": "1M"}]);
        for item in [
            json!({"kind": "new", "term": "1M", "prices": {"1M": "1"}}),
            json!({"kind": "renewal", "currentExpiry": "2024-03-10", "prices": {"1M": "1"}}),
            json!({"kind": "unifiedRenewal", "currentExpiry": "2024-03-10", "prices": {"1M": "1"}}),
            json!({"kind": "upgrade", "orders": orders, "oldPrices": {"1M": "1"},
                   "newPrices": {"1M": "2"}}),
        ] {
            let read: CartItem = from_value(item.clone()).unwrap();
            assert_eq!(read.kind().json_name(), item["kind"], "{item}");
        }
        let default: CartItem = from_value(json!({"term": "1M", "prices": {"1M": "1"}})).unwrap();
        assert_eq!(default.kind(), ItemKind::New);
    }

    /// 003 §3.2.3.1 ex. A on a renewal (promotion 0.7 used on the resource) and 003 §3.3.2 ex. 1
    /// on a new purchase (no earlier order: business 0.8), in one cart.
    #[test]
    fn s3_2_3_1_cart_discount_example() {
        let promo = json!({"id": "p70", "factor": "0.7", "effective": "2020-11-01",
                           "usedOn": "2020-11-10"});
        let r = run(
            json!({"date": "2020-11-27",
                   "offers": {"business": "0.8", "partner": "0.9"},
                   "items": [
                     {"kind": "renewal", "term": "1M", "currentExpiry": "2020-11-30",
                      "prices": {"1M": "1000"}, "promotions": [promo]},
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

    /// 003 §3.2.3.1 ex. B on a line: every offer is listed, priced by the line's rule; the one
    /// chosen charges what the line charges before its voucher; the others say why not.
    #[test]
    fn every_offer_is_explained_with_the_amount_it_charges() {
        use crate::rules::checkout::discount::Because;
        let promos = json!([
            {"id": "p70", "factor": "0.7", "effective": "2020-11-20", "usedOn": "2020-11-21"},
            {"id": "p75", "factor": "0.75", "effective": "2020-11-25", "usedOn": "2020-11-26"},
            {"id": "p60", "factor": "0.6", "effective": "2020-11-01", "expires": "2020-11-20",
             "usedOn": "2020-11-10"}]);
        let r = run(
            json!({"date": "2020-11-27", "offers": {"business": "0.8", "partner": "0.9"},
                   "items": [{"kind": "renewal", "term": "2Y", "currentExpiry": "2020-12-15",
                              "prices": {"2Y": "1000"}, "promotions": promos}]}),
            false,
        );
        let line = &r.lines[0];
        let got: Vec<(Because, String)> = line
            .offers
            .iter()
            .map(|o| (o.because, o.amount.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                (Because::HigherAmount, "800.00".into()),
                (Because::TwoYearsOrLonger, "900.00".into()),
                (Because::OtherPromotionCompetes, "700.00".into()),
                (Because::Chosen, "750.00".into()),
                (Because::Expired, "600.00".into()),
            ]
        );
        let d = line.discount.as_ref().unwrap();
        assert_eq!(line.list_amount.unwrap() - d.amount, line.offers[3].amount);
    }

    /// A country 003 §8.1 states no rate for is answered untaxed and says so; a blank one asks
    /// for no tax (rules.md A28).
    #[test]
    fn any_country_gets_a_receipt() {
        use crate::rules::checkout::tax::NoRateFor;
        let cart = |country: &str| {
            json!({"date": "2024-03-01", "country": country, "seller": "sparkooSingapore",
                   "items": [{"term": "1M", "prices": {"1M": "100"}}]})
        };
        let us = run(cart("US"), true);
        let tax = us.tax.as_ref().unwrap();
        assert_eq!(tax.no_rate_stated, Some(NoRateFor::Country));
        assert!(tax.rates.is_empty());
        assert_eq!(tax.net_payable.to_string(), "100.00");
        assert_eq!(us.breakdown.sum(), tax.net_payable);
        assert_eq!(run(cart(""), false).tax, None);
        let jp = run(
            json!({"date": "2023-06-01", "country": "JP", "seller": "sparkooSingapore",
                            "items": [{"term": "1M", "prices": {"1M": "100"}}]}),
            false,
        );
        assert_eq!(jp.tax.unwrap().no_rate_stated, Some(NoRateFor::Date));
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
