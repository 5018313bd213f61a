//! The refund of an in-use resource (003 §3.4.2.2), shared by unsubscribing and by the immediate
//! switch to pay-per-use (003 §3.2.6.4): cash paid − consumed − handling fee per running order.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::breakdown::Breakdown;
use crate::domain::calendar::{self, refund_days, RefundDays};
use crate::domain::exact::{Exact, Rounding};
use crate::domain::handling_fee;
use crate::domain::messages::{maybe, policy_word, Msg};
use crate::domain::money::{approx, equals, show, Money, Ratio, RoundingPolicy};
use crate::domain::order::Order;
use crate::error::{Error, ErrorCode, Result};
use crate::rules::refunds::refund::{needs_approval, OrderRefund, UnsubscribeResponse};

/// Where the in-use refund is being computed for: names and refusal codes differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum InUseFor {
    Unsubscribe,
    SwitchToOnDemand,
}

/// A renewal order not started on the day: its cash back in full, no consumption, no fee (as a
/// renewal period, 003 §3.4.4); its voucher returned when unsubscribing (003 §3.4.4), not on an
/// immediate switch (003 §3.2.6.4: 不退还已使用代金券). The voucher returned.
fn not_started(
    i: usize,
    o: &Order,
    purpose: InUseFor,
    date: NaiveDate,
    b: &mut Breakdown,
) -> Money {
    if purpose == InUseFor::Unsubscribe {
        crate::rules::refunds::unsubscribe::explain_void_voucher(i, o, date, b);
    }
    b.line_msg(o.cash(), || {
        let vouchers = match purpose {
            InUseFor::Unsubscribe => "refund.notStartedVouchersBack",
            InUseFor::SwitchToOnDemand => "refund.notStartedVouchersKept",
        };
        crate::msg!(
            "refund.notStarted",
            index = i,
            start = o.start,
            end = o.end,
            cash = o.cash(),
            vouchers = Msg::new(vouchers)
        )
    });
    voucher_back(o, purpose, date)
}

/// The voucher a renewal order not started on the day gives back: all of it when unsubscribing
/// (unless expired, 003 §3.4.1), none on an immediate switch.
fn voucher_back(o: &Order, purpose: InUseFor, date: NaiveDate) -> Money {
    match purpose {
        InUseFor::Unsubscribe => o.voucher_back(date),
        InUseFor::SwitchToOnDemand => Money::ZERO,
    }
}

/// What happens to each order (the answer's `orders`, an explanation's detail): an order ended
/// before the day is fully consumed, nothing back; the order running on the day (`running`'s
/// figures) keeps its consumed amount and fee; a renewal not started is refunded in full (003
/// §3.4.2.2, §3.4.4).
fn order_rows(
    orders: &[Order],
    date: NaiveDate,
    purpose: InUseFor,
    running: &RunningOrder,
) -> Vec<OrderRefund> {
    let mut rows = Vec::with_capacity(orders.len());
    for (i, o) in orders.iter().enumerate() {
        let zero = Money::ZERO;
        let (status, consumed, handling_fee, refund, voucher) = if o.end < date {
            ("expired", o.cash(), zero, zero, zero)
        } else if o.start > date {
            (
                "notStarted",
                zero,
                zero,
                o.cash(),
                voucher_back(o, purpose, date),
            )
        } else {
            let f = running;
            let shown = (f.consumed, f.handling_fee, f.refund);
            let (c, h, r) = (
                Money::shown(shown.0),
                Money::shown(shown.1),
                Money::shown(shown.2),
            );
            ("inUse", c, h, r, zero)
        };
        rows.push(OrderRefund {
            index: i,
            status,
            paid_cash: o.cash(),
            consumed,
            handling_fee,
            refund,
            voucher_returned: voucher,
        });
    }
    rows
}

/// 003 §3.4.2.2 / §3.2.6.4: refund of an in-use resource on `date`.
///
/// - orders ended before `date`: fully consumed, nothing back;
/// - the order running on `date`: `max0(paid − paid × consumed/total days − paid × fee rate)`;
/// - renewal orders not started yet: unsubscribed with it (003 §3.4.2.2) and, as not-yet-started
///   renewal periods (003 §3.4.4), refunded in full, vouchers returned, no fee (rules.md A7:
///   not stated; billcalc's choice, documented in the README).
pub(crate) fn in_use_refund(
    orders: &[Order],
    date: NaiveDate,
    fee_override: Option<Ratio>,
    mut b: Breakdown,
    purpose: InUseFor,
) -> Result<UnsubscribeResponse> {
    let policy = b.policy;
    // The orders do not overlap (checked): one at most runs on the day.
    let mut running = None;
    let mut refund_total = Exact::ZERO;
    let mut paid_total = Money::ZERO;
    let mut voucher_back = Money::ZERO;
    for (i, o) in orders.iter().enumerate() {
        if o.end < date {
            continue;
        }
        paid_total += o.cash();
        if o.start > date {
            voucher_back += not_started(i, o, purpose, date, &mut b);
            refund_total = refund_total.plus(o.cash().exact())?;
            continue;
        }
        let f = running_order(i, o, date, fee_override, policy)?;
        explain_running_order(i, o, date, &f, fee_override.is_some(), &mut b);
        refund_total = refund_total.plus(f.refund)?;
        running = Some(f);
    }
    let Some(running) = running else {
        return Err(no_running_order(date, purpose));
    };
    let refund = Money::cents_of(refund_total)?;
    explain_in_use_total(refund, refund_total, voucher_back, purpose, &mut b);
    Ok(UnsubscribeResponse {
        refund,
        voucher_returned: voucher_back,
        paid_cash: paid_total,
        consumed: Money::shown(running.consumed),
        handling_fee: Money::shown(running.handling_fee),
        handling_fee_rate: running.rate,
        days: Some(running.days),
        requires_approval: needs_approval(refund),
        bill_month: calendar::BillMonth(date),
        orders: b.detail(|_| order_rows(orders, date, purpose, &running)),
        refund_to: b.detail(|_| None),
        breakdown: b,
    })
}

/// The in-use refund alone (a curve's point): the figures of [`in_use_refund`] — the running
/// order's refund and the unstarted renewals' cash — without its answer. Added up as decimals
/// (exact: 128-bit mantissas at one scale) where they are decimals, else as exact fractions.
pub(crate) fn in_use_refund_amount(
    plan: Option<&InUsePlan>,
    orders: &[Order],
    date: NaiveDate,
    fee_override: Option<Ratio>,
    policy: RoundingPolicy,
    purpose: InUseFor,
) -> Result<Money> {
    if let Some(cents) = plan.and_then(|p| p.refund_cents(date)) {
        return Ok(Money(Decimal::new(cents, 2)));
    }
    let (mut decimals, mut fractions) = (DecimalSum::default(), Exact::ZERO);
    let mut running_found = false;
    for (i, o) in orders.iter().enumerate() {
        if o.end < date {
            continue;
        }
        let figure = if o.start > date {
            Ok(o.cash().0)
        } else {
            running_found = true;
            running_refund(i, o, date, fee_override, policy)?
        };
        match figure {
            Ok(d) if decimals.add(d).is_some() => {}
            Ok(d) => fractions = fractions.plus(Exact::of(d))?,
            Err(e) => fractions = fractions.plus(e)?,
        }
    }
    if !running_found {
        return Err(no_running_order(date, purpose));
    }
    match (fractions.is_zero(), decimals.cents()) {
        (true, Some(cents)) => Ok(Money(cents)),
        _ => Money::cents_of(fractions.plus(decimals.exact()?)?),
    }
}

/// A sum of decimals kept exact: the mantissas at the largest scale seen, on 128 bits.
#[derive(Default)]
struct DecimalSum {
    mantissa: i128,
    scale: u32,
}

impl DecimalSum {
    /// Add `d`; `None` (the sum unchanged in value) where it would not fit.
    fn add(&mut self, d: Decimal) -> Option<()> {
        let pow = billcalc_exact::pow10;
        if d.scale() > self.scale {
            self.mantissa = billcalc_exact::mul(self.mantissa, pow(d.scale() - self.scale)?)?;
            self.scale = d.scale();
        }
        let m = billcalc_exact::mul(d.mantissa(), pow(self.scale - d.scale())?)?;
        self.mantissa = self.mantissa.checked_add(m)?;
        Some(())
    }

    /// The sum as an exact fraction.
    fn exact(&self) -> Result<Exact> {
        let d = Decimal::try_from_i128_with_scale(self.mantissa, self.scale);
        d.map(Exact::of)
            .map_err(|_| billcalc_exact::TooLarge.into())
    }

    /// The sum (≥ 0) half up to cents: ⌊(2m + u) / 2u⌋ with u = 10^(scale − 2).
    fn cents(&self) -> Option<Decimal> {
        let (pow, mul) = (billcalc_exact::pow10, billcalc_exact::mul);
        if self.mantissa < 0 {
            return None;
        }
        let cents = if self.scale <= 2 {
            mul(self.mantissa, pow(2 - self.scale)?)?
        } else {
            let unit = pow(self.scale - 2)?;
            let twice = mul(self.mantissa, 2)?.checked_add(unit)?;
            billcalc_exact::quotient(twice, mul(unit, 2)?)
        };
        Decimal::try_from_i128_with_scale(cents, 2).ok()
    }
}

/// The running order's refund alone (a curve's point): `running_order(..).refund`, as a decimal
/// computed on integers where both figures are rounded to cents (the console and document
/// policies) and fit 128 bits, else as an exact fraction.
fn running_refund(
    i: usize,
    o: &Order,
    date: NaiveDate,
    fee_override: Option<Ratio>,
    policy: RoundingPolicy,
) -> Result<std::result::Result<Decimal, Exact>> {
    if policy != RoundingPolicy::Exact {
        let d = refund_days(o.start, o.end, date);
        let rate = fee_rate(i, o, date, fee_override)?;
        if let Some(refund) = refund_in_cents(o.cash().0, d, rate.0) {
            return Ok(Ok(refund));
        }
    }
    Ok(Err(running_order(i, o, date, fee_override, policy)?.refund))
}

/// 003 §3.4.2.2 on integers, paid = m / 10^s: consumed = paid × consumed days / total days and
/// fee = paid × rate, each half up to cents, refund = max0(paid − consumed − fee). `None` where
/// a figure would not fit (then the exact fractions compute it).
fn refund_in_cents(paid: Decimal, d: RefundDays, rate: Decimal) -> Option<Decimal> {
    let (m, s, r) = (paid.mantissa(), paid.scale(), rate.mantissa());
    if m < 0 || r < 0 || d.total < 1 {
        return None;
    }
    let (pow, mul) = (billcalc_exact::pow10, billcalc_exact::mul);
    // a / b ≥ 0 half up to cents: ⌊(200a + b) / 2b⌋.
    let cents = |a: i128, b: i128| {
        let twice = mul(b, 2)?;
        Some(billcalc_exact::quotient(
            mul(a, 200)?.checked_add(b)?,
            twice,
        ))
    };
    let consumed = cents(
        mul(m, i128::from(d.consumed))?,
        mul(pow(s)?, i128::from(d.total))?,
    )?;
    let fee = cents(mul(m, r)?, pow(s.checked_add(rate.scale())?)?)?;
    // At scale k = max(s, 2): paid and the two amounts in cents.
    let k = s.max(2);
    let used = mul(consumed.checked_add(fee)?, pow(k - 2)?)?;
    let net = mul(m, pow(k - s)?)?.checked_sub(used)?;
    Decimal::try_from_i128_with_scale(net.max(0), k).ok()
}

/// What an in-use refund curve computes once (003 §3.4.2.2 on small integers): each order's cash
/// as a whole number of units of 10^−scale, its days and term. Each day then only counts the
/// running order's consumed days, finds its fee rate and adds up, on 64 bits.
pub(crate) struct InUsePlan {
    orders: Vec<PlannedOrder>,
    /// The scale every amount is counted at: the largest of the cash amounts' and 2 (cents).
    scale: u32,
    /// The request's handling fee rate as a fraction, else table 3-5's per order.
    fee_override: Option<(i64, i64)>,
}

struct PlannedOrder {
    start: NaiveDate,
    end: NaiveDate,
    term: crate::domain::term::Term,
    /// The ends of its first three years, `start + 12·k months` (table 3-5 has three columns).
    year_ends: [Option<NaiveDate>; 3],
    total_days: i64,
    /// The cash paid, in units of 10^−scale.
    cash: i64,
    /// 10^(scale − 2): one cent in those units.
    cent: i64,
}

/// Bounds that keep every product of the plan below 2^63: cash below 2^40 units, at most 6
/// decimals, a rate's numerator below 2^14 over at most 10^8, fewer than 2^14 days and 2^10
/// orders.
const PLAN_CASH: i64 = 1 << 40;

impl InUsePlan {
    /// The plan, where the figures are that small and the rounding is to cents (`None`: each
    /// day runs [`in_use_refund_amount`]).
    pub(crate) fn new(
        orders: &[Order],
        fee_override: Option<Ratio>,
        policy: RoundingPolicy,
    ) -> Option<InUsePlan> {
        let scale = orders.iter().map(|o| o.cash().0.scale()).max()?.max(2);
        if policy == RoundingPolicy::Exact || scale > 6 || orders.len() >= 1 << 10 {
            return None;
        }
        let fee_override = match fee_override {
            Some(r) if (0..1 << 14).contains(&r.0.mantissa()) && r.0.scale() <= 8 => Some((
                i64::try_from(r.0.mantissa()).ok()?,
                i64::try_from(billcalc_exact::pow10(r.0.scale())?).ok()?,
            )),
            Some(_) => return None,
            None => None,
        };
        let unit = |k: u32| i64::try_from(billcalc_exact::pow10(k)?).ok();
        let planned = orders.iter().map(|o| {
            let paid = o.cash().0;
            let cash = i64::try_from(billcalc_exact::mul(
                paid.mantissa(),
                i128::from(unit(scale - paid.scale())?),
            )?)
            .ok()?;
            let total_days = calendar::days_inclusive(o.start, o.end);
            ((0..PLAN_CASH).contains(&cash) && (1..1 << 14).contains(&total_days)).then_some(
                PlannedOrder {
                    start: o.start,
                    end: o.end,
                    term: o.term,
                    year_ends: [12, 24, 36].map(|months| calendar::add_months(o.start, months)),
                    total_days,
                    cash,
                    cent: unit(scale - 2)?,
                },
            )
        });
        Some(InUsePlan {
            orders: planned.collect::<Option<Vec<_>>>()?,
            scale,
            fee_override,
        })
    }

    /// The refund on `date` in cents, as [`in_use_refund_amount`] computes it; `None` where no
    /// order runs that day or table 3-5 has no rate (the general rule then answers, or refuses).
    pub(crate) fn refund_cents(&self, date: NaiveDate) -> Option<i64> {
        let (mut sum, mut running) = (0i64, false);
        for o in &self.orders {
            if o.end < date {
                continue;
            }
            if o.start > date {
                sum += o.cash;
                continue;
            }
            running = true;
            let consumed = (date - o.start).num_days().clamp(0, o.total_days);
            let (rate, per) = match self.fee_override {
                Some(r) => r,
                None => {
                    // handling_fee::consumed_years_band by its definition, the limits computed
                    // once: a day past the third year has no table rate.
                    let past = o.year_ends.iter().flatten().filter(|end| date > **end);
                    let band = u32::try_from(past.count()).ok()?.saturating_add(1);
                    (handling_fee::table_percent(o.term, band)?, 100)
                }
            };
            // a / b ≥ 0 half up to cents, cash in units of a cent: ⌊(2a + b) / 2b⌋.
            let half_up = |a: i64, b: i64| (2 * a + b) / (2 * b);
            let used = half_up(o.cash * consumed, o.cent * o.total_days)
                + half_up(o.cash * rate, o.cent * per);
            sum += (o.cash - used * o.cent).max(0);
        }
        let cent = billcalc_exact::pow10(self.scale - 2).and_then(|c| i64::try_from(c).ok())?;
        running.then(|| (2 * sum + cent) / (2 * cent))
    }
}

/// The handling fee rate: the request's, else table 3-5's for the order's term (003 §3.4.2.2).
fn fee_rate(i: usize, o: &Order, date: NaiveDate, fee_override: Option<Ratio>) -> Result<Ratio> {
    match fee_override {
        Some(r) => Ok(r),
        None => Ok(Ratio(
            handling_fee::table_rate(o.term, o.start, date)
                .map_err(|e| e.at(format!("orders[{i}].term")))?,
        )),
    }
}

/// The figures of the order running on the day.
struct RunningOrder {
    /// Its total, consumed and remaining days.
    days: RefundDays,
    /// The handling fee rate: the request's, else table 3-5's.
    rate: Ratio,
    /// paid × consumed days / total days, exact.
    exact_consumed: Exact,
    /// paid × rate, exact.
    exact_fee: Exact,
    /// The consumed amount as used (cents except under the `exact` policy).
    consumed: Exact,
    /// The handling fee as used (cents except under the `exact` policy).
    handling_fee: Exact,
    /// paid − consumed − handling fee.
    net: Exact,
    /// The net, 0 when negative.
    refund: Exact,
}

/// 003 §3.4.2.2: consumed = paid × consumed days / total days; handling fee = paid × rate (the
/// request's rate, else table 3-5's for the order's term); both half up to cents as the document
/// states (110.00 × 14/32 = 48.13) except under the `exact` policy; refund = max0(paid −
/// consumed − handling fee).
fn running_order(
    i: usize,
    o: &Order,
    date: NaiveDate,
    fee_override: Option<Ratio>,
    policy: RoundingPolicy,
) -> Result<RunningOrder> {
    let d = refund_days(o.start, o.end, date);
    let rate = fee_rate(i, o, date, fee_override)?;
    let paid = o.cash().exact();
    let exact_consumed = paid.times(Exact::ratio(d.consumed, d.total))?;
    let exact_fee = paid.times(Exact::of(rate.0))?;
    let (consumed, fee) = match policy {
        // 003 §3.4.2.2 states both rounded to cents (110.00 × 14/32 = 48.13).
        RoundingPolicy::Console | RoundingPolicy::Document => (
            exact_consumed.round(2, Rounding::HalfUp).map(Exact::of)?,
            exact_fee.round(2, Rounding::HalfUp).map(Exact::of)?,
        ),
        RoundingPolicy::Exact => (exact_consumed, exact_fee),
    };
    let net = paid.minus(consumed)?.minus(fee)?;
    Ok(RunningOrder {
        days: d,
        rate,
        exact_consumed,
        exact_fee,
        consumed,
        handling_fee: fee,
        net,
        refund: net.max0(),
    })
}

/// The running order's breakdown: its days, the cash paid, the consumed amount, the handling fee
/// and, below zero, no refund (003 §3.4.2.2).
fn explain_running_order(
    i: usize,
    o: &Order,
    date: NaiveDate,
    f: &RunningOrder,
    rate_given: bool,
    b: &mut Breakdown,
) {
    // A silent breakdown (figures only) shows no line: no line amount to compute for it.
    if !b.explains() {
        return;
    }
    let policy = b.policy;
    let d = f.days;
    b.fact_msg(|| {
        crate::msg!(
            "refund.days",
            index = i,
            start = o.start,
            end = o.end,
            date = date,
            total = d.total,
            consumed = d.consumed,
            remaining = d.remaining,
            value = format!("{}/{}/{}", d.total, d.consumed, d.remaining)
        )
    });
    b.line_msg(o.cash(), || {
        crate::msg!("refund.cashPaid", index = i, term = o.term)
    });
    b.line_msg(Money::shown(f.consumed.negated()), || {
        crate::msg!(
            "refund.consumed",
            cash = o.cash(),
            consumed = d.consumed,
            total = d.total,
            result = equals(f.exact_consumed),
            rounded = maybe(rounding_note(f.exact_consumed, f.consumed, policy))
        )
    });
    b.line_msg(Money::shown(f.handling_fee.negated()), || {
        let source = if rate_given {
            "refund.rateGiven"
        } else {
            "refund.rateTable"
        };
        crate::msg!(
            "refund.handlingFee",
            cash = o.cash(),
            rate = show(f.rate.0),
            result = equals(f.exact_fee),
            rounded = maybe(rounding_note(f.exact_fee, f.handling_fee, policy)),
            source = Msg::new(source)
        )
    });
    if f.net.is_negative() {
        b.line_msg(Money::shown(f.net.negated()), || {
            crate::msg!(
                "refund.belowZero",
                cash = o.cash(),
                consumed = approx(f.consumed),
                fee = approx(f.handling_fee),
                result = equals(f.net)
            )
        });
    }
}

/// A figure rounded to cents, as the breakdown shows it: `" → 48.13 (rounded half up…)"`, or
/// nothing when it was not rounded.
fn rounding_note(exact: Exact, used: Exact, policy: RoundingPolicy) -> Option<Msg> {
    (exact != used).then(|| {
        crate::msg!(
            "refund.rounded",
            value = Money::shown(used),
            policy = policy_word(policy)
        )
    })
}

/// 003 §3.4.2.2 / §3.2.6.4: an in-use refund needs the order that covers the day.
fn no_running_order(date: NaiveDate, purpose: InUseFor) -> Error {
    let what = match purpose {
        InUseFor::Unsubscribe => "unsubscribe",
        InUseFor::SwitchToOnDemand => "switch",
    };
    Error::new(
        ErrorCode::InvalidPeriod,
        "date",
        format!(
            "no order is running on {date}; an in-use {what} needs the order that covers that day"
        ),
    )
}

/// The final rounding and what happens to the vouchers (003 §3.4.2.2, §3.4.4, §3.2.6.4).
fn explain_in_use_total(
    refund: Money,
    refund_total: Exact,
    voucher_back: Money,
    purpose: InUseFor,
    b: &mut Breakdown,
) {
    // A silent breakdown (figures only) shows no line: no line amount to compute for it.
    if !b.explains() {
        return;
    }
    b.settle_msg(refund, || {
        crate::msg!(
            "refund.finalRounding",
            value = approx(refund_total),
            total = refund
        )
    });
    if voucher_back.is_positive() {
        b.note_msg(|| crate::msg!("refund.vouchersBack", amount = voucher_back));
    }
    b.note_msg(|| match purpose {
        InUseFor::Unsubscribe => crate::msg!("refund.vouchersKept"),
        InUseFor::SwitchToOnDemand => crate::msg!("refund.switchVouchersKept"),
    });
}
