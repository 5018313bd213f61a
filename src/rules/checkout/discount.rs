//! Discounts (003 §3.2.3.1, §3.3.2, §9.1.2, §9.2.1; docs/rules.md): one discount per order, and the
//! automatic "best discount" the system picks for auto-renewals and auto-payments.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

use crate::domain::breakdown::Breakdown;
use crate::domain::money::{show, Money, Ratio};
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
    /// Why it was chosen, lost or left out.
    pub reason: String,
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
    let (chosen, candidates) = choose(req.list_amount, req.date, &req.offers, "")?;
    let amount = chosen
        .as_ref()
        .map_or(req.list_amount, |c| discounted(req.list_amount, c.factor));
    b.line(
        "list amount",
        format!("{}", req.list_amount),
        req.list_amount,
    );
    if let Some(c) = &chosen {
        explain_discount(&mut b, req.list_amount, c, amount);
    } else {
        b.note("no discount on offer: the list amount is due");
    }
    b.note_with(|| {
        "003 §3.2.3.1: candidates are business, partner and one promotion used on this resource \
         and still valid (latest effective; same day → latest order); lowest amount wins; tie → \
         business, partner, promotion"
            .to_string()
    });
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
    b.line_with(amount - list, || {
        let name = match &c.id {
            Some(id) => format!("{} {id}", c.kind.name()),
            None => c.kind.name().to_string(),
        };
        (
            format!("{name} × {}", c.factor),
            format!(
                "{list} × {} = {} → {amount}; discount {list} − {amount} = {}",
                c.factor,
                show(list.0 * c.factor.0),
                list - amount
            ),
        )
    });
}

/// Steps 1–4 of 003 §3.2.3.1 over `offers`; `path` prefixes field paths in errors.
pub(crate) fn choose(
    list: Money,
    date: NaiveDate,
    offers: &DiscountOffers,
    path: &str,
) -> Result<(Option<ChosenDiscount>, Vec<DiscountCandidate>)> {
    let at = |field: &str| {
        if path.is_empty() {
            field.to_string()
        } else {
            format!("{path}.{field}")
        }
    };
    check_count(
        at("promotions"),
        offers.promotions.len(),
        MAX_PROMOTIONS,
        "promotions",
    )?;
    let mut candidates = Vec::new();
    for (kind, factor, field) in [
        (DiscountKind::Business, offers.business, "business"),
        (DiscountKind::Partner, offers.partner, "partner"),
    ] {
        if let Some(f) = factor {
            check_factor(f, &at(field))?;
            candidates.push(DiscountCandidate {
                kind,
                id: None,
                factor: f,
                amount: discounted(list, f),
                eligible: true,
                reason: String::new(),
            });
        }
    }
    // Step 1 and 2: the one promotion that may compete.
    let mut best_promo: Option<usize> = None;
    let mut promos = Vec::with_capacity(offers.promotions.len());
    for (i, p) in offers.promotions.iter().enumerate() {
        check_factor(p.factor, &at(&format!("promotions[{i}].factor")))?;
        if p.expires.is_some_and(|e| e < p.effective) {
            return Err(Error::new(
                ErrorCode::InvalidPeriod,
                at(&format!("promotions[{i}].expires")),
                format!(
                    "the promotion expires ({}) before it takes effect ({})",
                    p.expires.map(|d| d.to_string()).unwrap_or_default(),
                    p.effective
                ),
            ));
        }
        let valid = p.effective <= date && p.expires.map_or(true, |e| date <= e);
        let reason = match (p.used_on, valid) {
            (None, _) => {
                Some("never used on an earlier order of this resource (003 §3.3.2)".to_string())
            }
            (Some(_), false) => Some(format!("not valid on {date} (003 §3.2.3.1)")),
            (Some(_), true) => None,
        };
        if reason.is_none() {
            let better = match best_promo.and_then(|j| offers.promotions.get(j)) {
                None => true,
                Some(q) => (p.effective, p.used_on) > (q.effective, q.used_on),
            };
            if better {
                best_promo = Some(i);
            }
        }
        promos.push(DiscountCandidate {
            kind: DiscountKind::Promotion,
            id: p.id.clone(),
            factor: p.factor,
            amount: discounted(list, p.factor),
            eligible: false,
            reason: reason.unwrap_or_default(),
        });
    }
    for (i, c) in promos.iter_mut().enumerate() {
        if Some(i) == best_promo {
            c.eligible = true;
        } else if c.reason.is_empty() {
            c.reason = "a used promotion with a later effective date, or the same date and a more \
                        recent order, is the one that competes (003 §3.2.3.1 step 2)"
                .to_string();
        }
    }
    candidates.extend(promos);
    // Step 3 and 4: lowest amount; ties in kind order (business, partner, promotion).
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
        c.reason = match lowest {
            _ if Some(i) == winner => format!("lowest order amount {} (chosen)", c.amount),
            Some((amount, kind)) if amount == c.amount => format!(
                "same amount {amount}; the {} goes first (003 §3.2.3.1 step 4)",
                kind.name()
            ),
            Some((amount, _)) => format!("{} is above the lowest {amount}", c.amount),
            None => String::new(),
        };
    }
    let chosen = winner
        .and_then(|w| candidates.get(w))
        .map(|c| ChosenDiscount {
            kind: c.kind,
            id: c.id.clone(),
            factor: c.factor,
        });
    Ok((chosen, candidates))
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
