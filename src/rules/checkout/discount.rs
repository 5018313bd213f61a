//! Discounts (003 §3.2.3.1, §3.3.2, §9.1.2, §9.2.1; docs/rules.md): one discount per order, and the
//! automatic "best discount" the system picks for auto-renewals and auto-payments.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

use crate::domain::breakdown::{Breakdown, Figures};
use crate::domain::messages::{maybe, told, Msg};
use crate::domain::money::{show, Money, Ratio};
use crate::domain::term::Term;
use crate::error::{check_count, Error, ErrorCode, Result};

/// Most promotions one request may list.
pub const MAX_PROMOTIONS: usize = 1000;

/// The kinds of discount an order may carry (003 §9.2.1). In the tie order of 003 §3.2.3.1:
/// business, then partner, then promotion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, FromJson, ToJson, Ts)]
pub enum DiscountKind {
    /// 商务授权折扣: the contract discount.
    Business,
    /// 伙伴授予折扣: the discount a partner grants.
    Partner,
    /// 促销折扣: a promotion.
    Promotion,
    /// 折扣券: a discount coupon (chosen by the customer; never combined with a voucher).
    Coupon,
}

impl DiscountKind {
    /// The billing word, as a message.
    pub fn word(self) -> Msg {
        Msg::new(match self {
            DiscountKind::Business => "discount.business",
            DiscountKind::Partner => "discount.partner",
            DiscountKind::Promotion => "discount.promotion",
            DiscountKind::Coupon => "discount.coupon",
        })
    }

    /// The billing word.
    pub fn name(self) -> &'static str {
        match self {
            DiscountKind::Business => "business discount",
            DiscountKind::Partner => "partner discount",
            DiscountKind::Promotion => "promotion discount",
            DiscountKind::Coupon => "discount coupon",
        }
    }
}

/// A promotion discount and its use on this resource's earlier orders.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct Promotion {
    /// A name for the breakdown (`"double-11"`).
    pub id: Option<String>,
    /// The factor (`"0.7"` = 30 % off).
    pub factor: Ratio,
    /// The day the promotion took effect.
    pub effective: NaiveDate,
    /// Its last valid day, if it ends.
    pub expires: Option<NaiveDate>,
    /// The date of the most recent earlier order of this resource (purchase, renewal, change) that
    /// used it; absent when it was never used on this resource.
    pub used_on: Option<NaiveDate>,
}

/// The discounts open to an order, for the automatic choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, FromJson, Ts)]
pub struct DiscountOffers {
    /// The business (contract) discount factor, matched to the product's pricing period
    /// (003 §3.3.2 note).
    pub business: Option<Ratio>,
    /// The partner discount factor.
    pub partner: Option<Ratio>,
    /// Promotions, used on this resource or not.
    #[json(default)]
    pub promotions: Vec<Promotion>,
}

/// Request of `bestDiscount`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct BestDiscountRequest {
    /// The order's list amount before any discount.
    pub list_amount: Money,
    /// The order date (promotions must be valid on it).
    pub date: NaiveDate,
    /// The term bought: a partner discount does not apply to products of two years or more
    /// (003 §9.2.1).
    pub term: Option<Term>,
    /// The discounts on offer: `business`, `partner` and `promotions` are members of the request
    /// itself.
    #[json(flatten)]
    pub offers: DiscountOffers,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// One candidate of the choice and why it won, lost or was left out.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct DiscountCandidate {
    /// Business, partner or promotion.
    pub kind: DiscountKind,
    /// The promotion's id, if any.
    pub id: Option<String>,
    /// The factor.
    pub factor: Ratio,
    /// The order amount with this discount, half up to cents.
    pub amount: Money,
    /// True when it took part in the comparison (step 3).
    pub eligible: bool,
    /// Why it was chosen, lost or left out, as a stable word a page words in its language.
    pub because: Because,
    /// Why it was chosen, lost or left out.
    pub reason: String,
    /// The message of `reason` (`js/messages.js` renders it in other languages).
    pub messages: Figures,
}

/// Why a candidate was chosen, lost or left out (003 §3.2.3.1, §3.3.2, §9.2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum Because {
    /// Step 3: the lowest order amount (step 4: first of its kind on a tie).
    Chosen,
    /// Step 3: its order amount is above the chosen one's.
    HigherAmount,
    /// Step 4: the same amount as the chosen one, whose kind goes first.
    SameAmountOtherFirst,
    /// 003 §9.2.1: a partner discount does not apply to products of two years or more.
    TwoYearsOrLonger,
    /// 003 §3.3.2: a promotion competes only where an earlier order of this resource used it.
    NeverUsedHere,
    /// 003 §3.3.2: its use is dated after this order: not an earlier order.
    UsedAfterThisOrder,
    /// 003 §3.2.3.1: it takes effect after the order day.
    NotYetInEffect,
    /// 003 §3.2.3.1: it expired before the order day.
    Expired,
    /// 003 §3.2.3.1 step 2: another used promotion (later effective, or same day and a more
    /// recent order) is the one that competes.
    OtherPromotionCompetes,
}

/// The chosen discount (none when nothing is on offer).
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct ChosenDiscount {
    /// Its kind.
    pub kind: DiscountKind,
    /// The promotion's id, if any.
    pub id: Option<String>,
    /// The factor.
    pub factor: Ratio,
}

/// Result of `bestDiscount`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct BestDiscountResponse {
    /// The discount applied, or null when none is on offer.
    pub chosen: Option<ChosenDiscount>,
    /// The order amount after the discount, half up to cents.
    pub amount: Money,
    /// The discount amount (`listAmount − amount`).
    pub discount: Money,
    /// Every candidate with the reason it won, lost or was left out.
    pub candidates: Vec<DiscountCandidate>,
    /// Line items (list amount and discount; they add up to `amount`).
    pub breakdown: Breakdown,
}

/// A discount factor must be in (0, 1].
pub(crate) fn check_factor(f: Ratio, path: &str) -> Result<()> {
    if f.0 <= Decimal::ZERO || f.0 > Decimal::ONE {
        return Err(Error::new(
            ErrorCode::InvalidNumber,
            path,
            format!("a discount factor is above 0 and at most 1 (0.9 = 10 % off), not {f}"),
        ));
    }
    Ok(())
}

/// `list × factor`, half up to cents: the order amount a discount gives.
pub(crate) fn discounted(list: Money, factor: Ratio) -> Money {
    (list * factor.0).cents()
}

/// 003 §3.2.3.1, §3.3.2: the system's choice.
/// 1. Candidates: business, partner, and at most one promotion — one used on an earlier order of
///    this resource and still valid on `date`; promotions never used here are ignored.
/// 2. Several such promotions: the latest effective date; same date → the most recent order's.
/// 3. The candidate with the lowest order amount.
/// 4. Tie: business → partner → promotion.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn best_discount(req: &BestDiscountRequest, mut b: Breakdown) -> Result<BestDiscountResponse> {
    let list = req.list_amount;
    let mut order = DiscountedOrder {
        date: req.date,
        term: req.term,
        amount_with: &mut |f| Ok(discounted(list, f)),
    };
    check_offers(&req.offers, &|m| m.to_string())?;
    let (chosen, candidates) = choose(&mut order, &req.offers)?;
    let amount = chosen
        .as_ref()
        .map_or(req.list_amount, |c| discounted(req.list_amount, c.factor));
    b.line_msg(list, || crate::msg!("payment.listAmount", amount = list));
    if let Some(c) = &chosen {
        explain_discount(&mut b, req.list_amount, c, amount);
    } else {
        b.note_msg(|| Msg::new("discount.none"));
    }
    b.note_msg(|| Msg::new("discount.rule"));
    Ok(BestDiscountResponse {
        discount: req.list_amount - amount,
        chosen,
        amount,
        candidates,
        breakdown: b,
    })
}

/// The discount line of a breakdown: `amount − list`.
pub(crate) fn explain_discount(b: &mut Breakdown, list: Money, c: &ChosenDiscount, amount: Money) {
    b.line_msg(amount - list, || {
        let id = maybe(c.id.as_ref().map(|id| crate::msg!("discount.id", id = id)));
        let (exact, discount) = (show(list.0 * c.factor.0), list - amount);
        crate::msg!(
            "discount.line",
            kind = c.kind.word(),
            id = id,
            factor = c.factor,
            list = list,
            exact = exact,
            amount = amount,
            discount = discount
        )
    });
}

/// The order a discount is chosen for: its day, its term (003 §9.2.1 reads it) and what it costs
/// with a factor, by the order's own rule (so a reason quotes the figure that is charged).
pub(crate) struct DiscountedOrder<'a> {
    /// The order date: a promotion must be valid on it and used before it.
    pub date: NaiveDate,
    /// The term bought, when known.
    pub term: Option<Term>,
    /// The order amount with a factor, half up to cents.
    pub amount_with: &'a mut dyn FnMut(Ratio) -> Result<Money>,
}

impl DiscountedOrder<'_> {
    /// 003 §9.2.1: the partner discount applies to yearly/monthly products "except products of two
    /// years or more" (两年及以上产品除外).
    fn partner_excluded(&self) -> Option<(Because, Msg)> {
        let t = self.term.filter(|t| t.months() >= 24)?;
        Some((
            Because::TwoYearsOrLonger,
            crate::msg!("discount.twoYearsOrLonger", term = t),
        ))
    }
}

/// Check the offers' factors and promotion dates; `at` places a member under the request.
pub(crate) fn check_offers(offers: &DiscountOffers, at: &dyn Fn(&str) -> String) -> Result<()> {
    for (f, field) in [(offers.business, "business"), (offers.partner, "partner")] {
        f.map_or(Ok(()), |f| check_factor(f, &at(field)))?;
    }
    check_promotions(&offers.promotions, at)
}

/// Check promotions' factors and dates (003 §3.3.2: none used before it took effect).
pub(crate) fn check_promotions(
    promotions: &[Promotion],
    at: &dyn Fn(&str) -> String,
) -> Result<()> {
    check_count(
        at("promotions"),
        promotions.len(),
        MAX_PROMOTIONS,
        "promotions",
    )?;
    for (i, p) in promotions.iter().enumerate() {
        let here = |m: &str| at(&format!("promotions[{i}].{m}"));
        check_factor(p.factor, &here("factor"))?;
        let (member, day, what) = match (p.expires, p.used_on) {
            (Some(e), _) if e < p.effective => ("expires", e, "expires"),
            (_, Some(u)) if u < p.effective => ("usedOn", u, "is said to be used"),
            _ => continue,
        };
        return Err(Error::new(
            ErrorCode::InvalidPeriod,
            here(member),
            format!(
                "the promotion {what} on {day}, before it takes effect on {}",
                p.effective
            ),
        ));
    }
    Ok(())
}

/// Step 1: why a promotion cannot compete on `date`, if it cannot (003 §3.2.3.1, §3.3.2: only a
/// promotion used on an earlier order of this resource, still valid, competes).
fn promotion_left_out(p: &Promotion, date: NaiveDate) -> Option<(Because, Msg)> {
    let why = match p.used_on {
        None => (Because::NeverUsedHere, Msg::new("discount.neverUsedHere")),
        Some(u) if u > date => (
            Because::UsedAfterThisOrder,
            crate::msg!("discount.usedAfterThisOrder", used = u, date = date),
        ),
        Some(_) if p.effective > date => (
            Because::NotYetInEffect,
            crate::msg!(
                "discount.notYetInEffect",
                date = date,
                effective = p.effective
            ),
        ),
        Some(_) if p.expires.is_some_and(|e| e < date) => (
            Because::Expired,
            crate::msg!("discount.expired", date = date),
        ),
        Some(_) => return None,
    };
    Some(why)
}

/// Steps 1–4 of 003 §3.2.3.1 over `offers` for `order`, offers the caller checked
/// ([`check_offers`]).
pub(crate) fn choose(
    order: &mut DiscountedOrder<'_>,
    offers: &DiscountOffers,
) -> Result<(Option<ChosenDiscount>, Vec<DiscountCandidate>)> {
    let mut candidates = Vec::new();
    let partner_excluded = order.partner_excluded();
    for (kind, factor, left_out) in [
        (DiscountKind::Business, offers.business, None),
        (DiscountKind::Partner, offers.partner, partner_excluded),
    ] {
        if let Some(f) = factor {
            candidates.push(candidate(order, kind, None, f, left_out)?);
        }
    }
    // Steps 1 and 2: the one promotion that may compete, the latest effective (same day: the
    // most recent order's).
    let date = order.date;
    let best_promo = offers
        .promotions
        .iter()
        .enumerate()
        .filter(|(_, p)| promotion_left_out(p, date).is_none())
        .max_by_key(|(i, p)| (p.effective, p.used_on, std::cmp::Reverse(*i)))
        .map(|(i, _)| i);
    for (i, p) in offers.promotions.iter().enumerate() {
        let left_out = match promotion_left_out(p, date) {
            None if Some(i) != best_promo => Some((
                Because::OtherPromotionCompetes,
                Msg::new("discount.otherPromotionCompetes"),
            )),
            why => why,
        };
        let kind = DiscountKind::Promotion;
        candidates.push(candidate(order, kind, p.id.clone(), p.factor, left_out)?);
    }
    Ok(compare(candidates))
}

/// A candidate priced by the order's rule; `left_out` says why it does not compete.
fn candidate(
    order: &mut DiscountedOrder<'_>,
    kind: DiscountKind,
    id: Option<String>,
    factor: Ratio,
    left_out: Option<(Because, Msg)>,
) -> Result<DiscountCandidate> {
    let eligible = left_out.is_none();
    let mut messages = Figures::default();
    let (because, reason) = match left_out {
        Some((because, why)) => (because, told(&mut messages, "reason", why)),
        None => (Because::Chosen, String::new()),
    };
    Ok(DiscountCandidate {
        kind,
        id,
        factor,
        amount: (order.amount_with)(factor)?,
        eligible,
        because,
        reason,
        messages,
    })
}

/// Steps 3 and 4: the lowest amount wins; ties in kind order (business, partner, promotion).
fn compare(
    mut candidates: Vec<DiscountCandidate>,
) -> (Option<ChosenDiscount>, Vec<DiscountCandidate>) {
    let winner = candidates
        .iter()
        .enumerate()
        .filter(|(_, c)| c.eligible)
        .min_by_key(|(_, c)| (c.amount, c.kind))
        .map(|(i, _)| i);
    let lowest = winner
        .and_then(|w| candidates.get(w))
        .map(|c| (c.amount, c.kind));
    for (i, c) in candidates.iter_mut().enumerate() {
        if !c.eligible {
            continue;
        }
        let (because, why) = match lowest {
            _ if Some(i) == winner => (
                Because::Chosen,
                crate::msg!("discount.chosen", amount = c.amount),
            ),
            Some((amount, kind)) if amount == c.amount => (
                Because::SameAmountOtherFirst,
                crate::msg!("discount.sameAmount", amount = amount, kind = kind.word()),
            ),
            Some((amount, _)) => (
                Because::HigherAmount,
                crate::msg!("discount.higherAmount", amount = c.amount, lowest = amount),
            ),
            None => continue,
        };
        c.because = because;
        c.reason = told(&mut c.messages, "reason", why);
    }
    let chosen = winner
        .and_then(|w| candidates.get(w))
        .map(|c| ChosenDiscount {
            kind: c.kind,
            id: c.id.clone(),
            factor: c.factor,
        });
    (chosen, candidates)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::explained;
    use rust_decimal_macros::dec;

    /// A promotion: its factor, the day it took effect and the day an earlier order used it.
    fn promo(factor: Decimal, effective: &str, used_on: Option<&str>) -> Promotion {
        Promotion {
            id: None,
            factor: Ratio(factor),
            effective: effective.parse().unwrap(),
            expires: None,
            used_on: used_on.map(|u| u.parse().unwrap()),
        }
    }

    /// The best discount on `list` on 2020-11-27, with a business and a partner factor.
    fn best(
        list: Decimal,
        business: Decimal,
        partner: Decimal,
        promotions: Vec<Promotion>,
    ) -> BestDiscountResponse {
        let req = BestDiscountRequest {
            list_amount: Money(list),
            date: "2020-11-27".parse().unwrap(),
            term: None,
            offers: DiscountOffers {
                business: Some(Ratio(business)),
                partner: Some(Ratio(partner)),
                promotions,
            },
            options: Options::default(),
        };
        explained(best_discount, &req).unwrap()
    }

    /// The document's examples: 1000 with a business 0.8 and a partner 0.9.
    fn pick(promotions: Vec<Promotion>) -> (DiscountKind, Decimal) {
        let c = best(dec!(1000), dec!(0.8), dec!(0.9), promotions)
            .chosen
            .unwrap();
        (c.kind, c.factor.0)
    }

    #[test]
    fn s3_2_3_1_discount_example_a() {
        let got = pick(vec![promo(dec!(0.7), "2020-11-01", Some("2020-11-10"))]);
        assert_eq!(got, (DiscountKind::Promotion, dec!(0.7)));
    }

    #[test]
    fn s3_2_3_1_discount_examples_b_and_c() {
        // B: the cheaper 0.7 loses at step 2: 0.75 took effect later.
        let b = [
            ("0.7", "2020-11-20", "2020-11-21"),
            ("0.75", "2020-11-25", "2020-11-26"),
        ];
        // C: same effective day: the most recent order used 0.75.
        let c = [
            ("0.75", "2020-11-20", "2020-11-26"),
            ("0.7", "2020-11-20", "2020-11-22"),
        ];
        for example in [b, c] {
            let promotions = example
                .iter()
                .map(|(f, eff, used)| promo(f.parse().unwrap(), eff, Some(used)))
                .collect();
            assert_eq!(pick(promotions), (DiscountKind::Promotion, dec!(0.75)));
        }
    }

    #[test]
    fn s3_3_2_auto_pay_discount_example_1() {
        assert_eq!(
            pick(vec![promo(dec!(0.7), "2020-11-01", None)]),
            (DiscountKind::Business, dec!(0.8))
        );
    }

    #[test]
    fn ties_go_business_partner_promotion() {
        // 100 × 0.8 = 80 for all three: the business discount goes first.
        let promotion = promo(dec!(0.8), "2020-11-01", Some("2020-11-02"));
        let r = best(dec!(100), dec!(0.8), dec!(0.8), vec![promotion]);
        assert_eq!(r.chosen.unwrap().kind, DiscountKind::Business);
        assert_eq!(r.amount.0, dec!(80.00));
    }
}
