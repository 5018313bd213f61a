//! What happens next to a resource if nothing is done (docs/rules.md): its states with their
//! dates — in use, expired (grace period), frozen (retention period), released — the auto-renewal
//! attempts and what a failed one leads to, and in every state what keeping the resource costs
//! (003 §3.2.1, §3.2.5, §3.2.8, §3.2.10, §5.2.5, §1.4, §5.3).

use chrono::{Days, NaiveDate};

use crate::domain::breakdown::{Breakdown, Figures};
use crate::domain::calendar::{end_of_day, expiry_instant, PROVIDER_UTC_OFFSET};
use crate::domain::messages::{told, Figure, Msg};
use crate::domain::money::{Money, Ratio};
use crate::domain::price::PriceTable;
use crate::domain::term::Term;
use crate::error::{required, Error, ErrorCode, Result};
use crate::rules::checkout::payment::{who_pays, Funds, Payers, PaymentFlow, PaymentStatus};
use crate::rules::lifecycle::auto_renewal::{self, AutoRenewalRequest, AutoRenewalResponse};
use crate::rules::lifecycle::quote::{
    default_renewal_term, one, quote_purchase, Purchase, QuoteKind, GRACE_DAYS, RETENTION_DAYS,
};
use crate::rules::Options;
use billcalc_derive::{FromJson, ToJson, Ts};

/// How the resource is billed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum Billing {
    /// Yearly/monthly (包年/包月): paid for a term that expires.
    #[default]
    Prepaid,
    /// Pay-per-use (按需), here in arrears since `arrearsSince`.
    PayPerUse,
}

/// Whose account it is: the arrears rules differ (003 §1.4, §5.2.5, §5.3).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, FromJson, ToJson, Ts)]
pub enum AccountType {
    /// A prepaid customer with a cash account (预付费客户): a failed deduction is arrears, then
    /// grace and retention (003 §5.2.5).
    #[default]
    Prepaid,
    /// An account unlocked by a test voucher, with no card and no credit: its pay-per-use
    /// resources go straight to retention (003 §1.4).
    TestVoucher,
    /// A monthly-settlement customer whose consumption quota reached 100 % unpaid (003 §5.3).
    MonthlySettlement,
}

/// The auto-renewal settings (003 §3.2.3.1, §3.2.3.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, FromJson, Ts)]
pub struct AutoRenewalSetting {
    /// Each renewal's term (default: 1M if bought by the month, 1Y if by the year).
    pub term: Option<Term>,
    /// The custom deduction day, days before expiry (default 7).
    pub deduction_days_before: Option<u32>,
}

/// Request of `resourceTimeline`.
#[derive(Debug, Clone, PartialEq, Eq, FromJson, Ts)]
pub struct TimelineRequest {
    /// `prepaid` (default) or `payPerUse`.
    #[json(default)]
    pub billing: Billing,
    /// `prepaid` (default), `testVoucher` or `monthlySettlement`.
    #[json(default)]
    pub customer: AccountType,
    /// Prepaid: the last day of the term (it expires at 23:59:59).
    pub expiry: Option<NaiveDate>,
    /// Prepaid: the term it was bought for (monthly → 1-month auto-renewal, yearly → 1 year).
    pub purchase_term: Option<Term>,
    /// Prepaid: auto-renewal on, with its settings (absent: off).
    pub auto_renewal: Option<AutoRenewalSetting>,
    /// Prepaid: set to "do not renew at expiry" (003 §3.2.5).
    #[json(default)]
    pub do_not_renew: bool,
    /// Prices of its configuration per term, to price keeping it (absent: no cost figures).
    pub prices: Option<PriceTable>,
    /// The renewal term priced (default: the auto-renewal term, else the console's default).
    pub renew_term: Option<Term>,
    /// Discount factor of the renewal (default 1).
    pub discount: Option<Ratio>,
    /// Identical resources (default 1).
    #[json(default = "one")]
    pub quantity: u64,
    /// Cash balance when auto-renewal charges (with `creditBalance`, `cardBound`: whether it can
    /// pay; all absent: not known).
    pub cash_balance: Option<Money>,
    /// Credit line left.
    pub credit_balance: Option<Money>,
    /// A card is bound (it pays what the balance cannot, 003 §3.2.3.1).
    pub card_bound: Option<bool>,
    /// Pay-per-use: the day the deduction failed (or the quota reached 100 % unpaid).
    pub arrears_since: Option<NaiveDate>,
    /// Pay-per-use: the amount owed (what repaying costs).
    pub arrears: Option<Money>,
    /// Today, to say which state the resource is in.
    pub today: Option<NaiveDate>,
    /// Whose rules (`provider`) and which rounding (`policy`).
    #[json(flatten)]
    pub options: Options,
}

/// A state of the resource (003 §3.2.10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum ResourceState {
    /// 使用中: within the paid term (or not in arrears).
    InUse,
    /// 已过期 / in arrears: the grace period (宽限期).
    Grace,
    /// 已冻结: the retention period (保留期), data kept.
    Retention,
    /// Released: data deleted, nothing can be renewed or recovered.
    Released,
}

/// One state with its dates, what works and what keeping the resource costs.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TimelinePeriod {
    /// `inUse`, `grace`, `retention` or `released`.
    pub state: ResourceState,
    /// The state in customer words ("expired (grace period)").
    pub label: String,
    /// First instant (null: not known, the term's start is not asked).
    pub from: Option<String>,
    /// Last instant (null: released for good).
    pub to: Option<String>,
    /// Calendar days (grace, retention).
    pub days: Option<i64>,
    /// What still works.
    pub works: String,
    /// What keeping the resource costs in this state (null: not priced, or no longer possible).
    pub cost_to_keep: Option<Money>,
    /// How to keep it.
    pub how_to_keep: String,
    /// The messages of `label`, `works` and `howToKeep` (`js/messages.js` renders them in other
    /// languages).
    pub messages: Figures,
}

/// An event on the timeline.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TimelineEvent {
    /// When (provider time).
    pub at: String,
    /// What happens, in customer words.
    pub what: String,
    /// The message of `what`.
    pub messages: Figures,
}

/// What the auto-renewal attempts lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ToJson, Ts)]
pub enum AttemptOutcome {
    /// The first attempt is paid: the term is extended.
    Renews,
    /// Balance and card fall short: every attempt fails until release, unless money is added.
    FailsEveryAttempt,
    /// Not known: no balance given (the states shown are those if every attempt fails).
    DependsOnBalance,
}

/// The auto-renewal attempts.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct AutoRenewalPlan {
    /// `renews`, `failsEveryAttempt` or `dependsOnBalance`.
    pub outcome: AttemptOutcome,
    /// Each renewal's term.
    pub term: Term,
    /// The first attempt.
    pub first_attempt: String,
    /// The last attempt (03:00 on the release day).
    pub last_attempt: String,
    /// Attempts if every one fails.
    pub attempt_count: u32,
    /// What each attempt charges (null: not priced).
    pub amount: Option<Money>,
    /// What balance and card could not cover (failing attempts).
    pub shortfall: Option<Money>,
    /// The expiry once an attempt is paid.
    pub expiry_on_success: String,
}

/// Result of `resourceTimeline`.
#[derive(Debug, Clone, PartialEq, Eq, ToJson, Ts)]
pub struct TimelineResponse {
    /// `prepaid` or `payPerUse`.
    pub billing: Billing,
    /// The states in order, contiguous, the last one `released`.
    pub periods: Vec<TimelinePeriod>,
    /// Auto-renewal attempts, expiry, freezing, release, reminders — in time order.
    pub events: Vec<TimelineEvent>,
    /// Prepaid with auto-renewal on: its attempts and outcome.
    pub auto_renewal: Option<AutoRenewalPlan>,
    /// The state on `today`.
    pub state_today: Option<ResourceState>,
    /// The resource works (fully or partly) until this instant.
    pub usable_until: String,
    /// Last instant to keep it: renew or repay before this, or it is released.
    pub keep_until: String,
    /// What keeping it costs (a renewal starting at the old expiry, or the arrears); the lines
    /// add up to it.
    pub cost_to_keep: Option<Money>,
    /// Facts, lines (the cost to keep) and notes.
    pub breakdown: Breakdown,
}

fn start_of(d: NaiveDate) -> String {
    format!("{d}T00:00:00{PROVIDER_UTC_OFFSET}")
}

fn plus(d: NaiveDate, n: i64) -> Result<NaiveDate> {
    u64::try_from(n)
        .ok()
        .and_then(|n| d.checked_add_days(Days::new(n)))
        .filter(|r| crate::domain::calendar::in_range(*r))
        .ok_or_else(|| {
            Error::new(
                ErrorCode::DateOutOfRange,
                "",
                "the timeline runs past 9999-12-31",
            )
        })
}

/// Add an event in time order (instants of one offset compare as text; equal ones keep their order).
#[inline(never)]
fn add_event(events: &mut Vec<TimelineEvent>, at: String, what: Msg) {
    let i = events
        .iter()
        .position(|e| e.at > at)
        .unwrap_or(events.len());
    let mut messages = Figures::default();
    let what = told(&mut messages, "what", what);
    events.insert(i, TimelineEvent { at, what, messages });
}

/// A state from–to, what works, and `keep`: what keeping the resource costs and how.
#[inline(never)]
fn period(
    state: ResourceState,
    label: &'static str,
    (from, to): (Option<String>, Option<String>),
    days: Option<i64>,
    works: &'static str,
    keep: &(Option<Money>, Msg),
) -> TimelinePeriod {
    let mut messages = Figures::default();
    TimelinePeriod {
        state,
        label: told(&mut messages, "label", Msg::new(label)),
        from,
        to,
        days,
        works: told(&mut messages, "works", Msg::new(works)),
        cost_to_keep: keep.0,
        how_to_keep: told(&mut messages, "howToKeep", keep.1.clone()),
        messages,
    }
}

/// 003 §3.2.1: released from `day`: data deleted, no renewal.
fn released_period(day: NaiveDate) -> TimelinePeriod {
    let keep = (None, Msg::new("timeline.tooLate"));
    period(
        ResourceState::Released,
        "timeline.released",
        (Some(start_of(day)), None),
        None,
        "timeline.releasedWorks",
        &keep,
    )
}

/// 003 §3.2.1, §1.4, §5.2.5: the states and their dates, the attempts, the cost to keep.
///
/// Explained into `b` ([`Breakdown::new`]), or figures only ([`Breakdown::silent`]).
pub fn resource_timeline(req: &TimelineRequest, mut b: Breakdown) -> Result<TimelineResponse> {
    check_request(req)?;
    let mut events = Vec::new();
    // A date past 9999-12-31 is the starting date's fault.
    let at_start = |e: Error| match (e.path.is_empty(), req.billing) {
        (false, _) => e,
        (true, Billing::Prepaid) => e.at("expiry"),
        (true, Billing::PayPerUse) => e.at("arrearsSince"),
    };
    let (periods, auto_renewal, cost) = match req.billing {
        Billing::Prepaid => prepaid(req, &mut events, &mut b).map_err(at_start)?,
        Billing::PayPerUse => (
            pay_per_use(req, &mut events, &mut b).map_err(at_start)?,
            None,
            req.arrears,
        ),
    };
    let usable_until = periods
        .iter()
        .filter(|p| p.state != ResourceState::Retention && p.state != ResourceState::Released)
        .rev()
        .find_map(|p| p.to.clone())
        .unwrap_or_else(|| {
            periods
                .first()
                .and_then(|p| p.from.clone())
                .unwrap_or_default()
        });
    let keep_until = periods
        .iter()
        .rev()
        .find_map(|p| p.to.clone())
        .unwrap_or_default();
    let state_today = req.today.map(|t| state_on(&periods, t));
    if let Some(s) = state_today {
        b.fact_msg(|| {
            let label = periods.iter().find(|p| p.state == s);
            let label = label.and_then(|p| p.messages.0.first().map(|f| f.1.clone()));
            let today = req.today.unwrap_or_default();
            crate::msg!("timeline.stateToday", today = today)
                .with("value", label.unwrap_or(Figure::Text(String::new())))
        });
    }
    b.fact_msg(|| crate::msg!("timeline.keepUntil", value = &keep_until));
    Ok(TimelineResponse {
        billing: req.billing,
        periods,
        events,
        auto_renewal,
        state_today,
        usable_until,
        keep_until,
        cost_to_keep: cost,
        breakdown: b,
    })
}

/// The state whose dates hold `day` (the last one that started on or before it).
fn state_on(periods: &[TimelinePeriod], day: NaiveDate) -> ResourceState {
    // Instants of one offset compare as text (no slicing: it would pull in the panic formatting).
    let at = expiry_instant(day);
    periods
        .iter()
        .rev()
        .find(|p| match &p.from {
            Some(f) => *f <= at,
            None => true,
        })
        .map(|p| p.state)
        .unwrap_or(ResourceState::InUse)
}

/// The refusals: what each billing needs, and what it cannot have.
fn check_request(req: &TimelineRequest) -> Result<()> {
    let refuse = |code, path: &str, msg: &str| Err(Error::new(code, path, msg));
    match req.billing {
        Billing::Prepaid => {
            required(
                req.expiry,
                "expiry",
                "a prepaid resource's timeline starts at its expiry",
            )?;
            if req.arrears_since.is_some() || req.arrears.is_some() {
                let path = if req.arrears_since.is_some() {
                    "arrearsSince"
                } else {
                    "arrears"
                };
                return refuse(ErrorCode::InvalidInput, path, "a prepaid resource is paid for its term: arrears are a pay-per-use resource's (billing: payPerUse)");
            }
            if req.do_not_renew && req.auto_renewal.is_some() {
                return refuse(ErrorCode::AutoRenewNotAllowed, "autoRenewal", "a resource set to \"do not renew at expiry\" has no auto-renewal until it is set again (003 §3.2.5)");
            }
        }
        Billing::PayPerUse => {
            required(
                req.arrears_since,
                "arrearsSince",
                "a pay-per-use resource's timeline starts on the day its deduction failed",
            )?;
            let prepaid_only = [
                ("expiry", req.expiry.is_some()),
                ("purchaseTerm", req.purchase_term.is_some()),
                ("autoRenewal", req.auto_renewal.is_some()),
                ("doNotRenew", req.do_not_renew),
                ("prices", req.prices.is_some()),
                ("renewTerm", req.renew_term.is_some()),
            ];
            if let Some((path, _)) = prepaid_only.iter().find(|(_, given)| *given) {
                return refuse(ErrorCode::InvalidInput, path, "a pay-per-use resource has no term, renewal or auto-renewal (003 §3.2.2.1, §3.2.3.1)");
            }
        }
    }
    Ok(())
}

/// 003 §3.2.3.1: the schedule of `autoRenewalSchedule`, figures only.
fn schedule(
    req: &TimelineRequest,
    s: &AutoRenewalSetting,
    expiry: NaiveDate,
) -> Result<AutoRenewalResponse> {
    let ar = AutoRenewalRequest {
        options: req.options,
        rules: auto_renewal::RenewalRules::Current,
        product_kind: auto_renewal::ProductKind::Default,
        expiry: end_of_day(expiry),
        purchase_term: req.purchase_term,
        renewal_term: s.term,
        deduction_days_before: s.deduction_days_before,
        deduction_day_set_on: None,
        manual_renewal: None,
        now: None,
        trial: false,
    };
    auto_renewal::auto_renewal_schedule(&ar, Breakdown::silent(req.options.policy)).map_err(|e| {
        let path = match e.path.as_str() {
            "renewalTerm" => "autoRenewal.term".to_string(),
            "deductionDaysBefore" => "autoRenewal.deductionDaysBefore".to_string(),
            p => p.to_string(),
        };
        e.at(path)
    })
}

/// 003 §3.2.2.1: a renewal of `term` starting at the old expiry, priced as `quote` prices it;
/// its lines go into `b`.
fn renewal_cost(
    req: &TimelineRequest,
    expiry: NaiveDate,
    term: Term,
    b: &mut Breakdown,
) -> Result<Option<Money>> {
    let Some(prices) = &req.prices else {
        return Ok(None);
    };
    let part = b.part();
    let q = quote_purchase(
        &Purchase {
            kind: QuoteKind::Renewal,
            date: expiry,
            term,
            prices,
            quantity: req.quantity,
            discount: req.discount,
            start: None,
            current_expiry: Some(expiry),
        },
        part,
    )?;
    b.absorb_msg(
        q.breakdown,
        crate::msg!("timeline.renewalFor", term = term),
        None,
    );
    Ok(Some(q.payable))
}

type Prepaid = (Vec<TimelinePeriod>, Option<AutoRenewalPlan>, Option<Money>);

/// A prepaid resource: auto-renewal attempts (003 §3.2.3.1), then the states after the expiry
/// it ends with (003 §3.2.1).
fn prepaid(
    req: &TimelineRequest,
    events: &mut Vec<TimelineEvent>,
    b: &mut Breakdown,
) -> Result<Prepaid> {
    let expiry = required(
        req.expiry,
        "expiry",
        "a prepaid resource's timeline starts at its expiry",
    )?;
    let sched = match &req.auto_renewal {
        Some(s) => Some((s, schedule(req, s, expiry)?)),
        None => None,
    };
    let term = req
        .renew_term
        .or(sched.as_ref().map(|(_, s)| s.renewal_term))
        .or(req.prices.as_ref().and_then(default_renewal_term))
        .unwrap_or(Term::Months(1));
    let cost = renewal_cost(req, expiry, term, b)?;
    let mut end = expiry;
    let plan = match sched {
        Some((s, sched)) => {
            let plan = plan_auto_renewal(req, &sched, expiry, events, b)?;
            if plan.outcome == AttemptOutcome::Renews {
                end = crate::domain::calendar::add_months(expiry, plan.term.months()).ok_or_else(
                    || {
                        Error::new(
                            ErrorCode::DateOutOfRange,
                            "expiry",
                            "the renewal ends after 9999-12-31",
                        )
                    },
                )?;
                let next = schedule(req, s, end)?;
                let after = expiry_instant(end);
                let what = crate::msg!("timeline.nextAttempt", after = after);
                add_event(events, next.first_attempt, what);
            }
            Some(plan)
        }
        None => None,
    };
    let periods = prepaid_states(req, end, cost, term, events, b)?;
    explain_prepaid(req, &plan, b);
    Ok((periods, plan, cost))
}

/// 003 §3.2.3.1: will the first attempt be paid (balance, then card), and the attempts as events.
fn plan_auto_renewal(
    req: &TimelineRequest,
    s: &AutoRenewalResponse,
    expiry: NaiveDate,
    events: &mut Vec<TimelineEvent>,
    b: &mut Breakdown,
) -> Result<AutoRenewalPlan> {
    let mut silent = Breakdown::silent(req.options.policy);
    let amount = renewal_cost(req, expiry, s.renewal_term, &mut silent)?;
    let payers = amount.and_then(|a| first_attempt_payers(req, a, &mut silent));
    let outcome = match &payers {
        Some(p) if p.status == PaymentStatus::Paid => AttemptOutcome::Renews,
        Some(_) => AttemptOutcome::FailsEveryAttempt,
        None => AttemptOutcome::DependsOnBalance,
    };
    let (term, until) = (s.renewal_term, &s.expiry_on_success);
    let what = match (outcome, amount) {
        (AttemptOutcome::Renews, Some(a)) => {
            crate::msg!(
                "timeline.attemptRenews",
                term = term,
                amount = a,
                until = until
            )
        }
        (AttemptOutcome::FailsEveryAttempt, Some(a)) => {
            crate::msg!("timeline.attemptFails", term = term, amount = a)
        }
        _ => crate::msg!("timeline.firstAttempt", term = term),
    };
    add_event(events, s.first_attempt.clone(), what);
    if outcome != AttemptOutcome::Renews {
        let what = crate::msg!("timeline.lastAttempt", count = s.attempt_count);
        add_event(events, s.last_attempt.clone(), what);
    }
    let shortfall = payers
        .as_ref()
        .filter(|p| p.status != PaymentStatus::Paid)
        .map(|p| p.shortfall);
    b.fact_msg(|| match (outcome, shortfall) {
        (AttemptOutcome::Renews, _) => {
            crate::msg!(
                "timeline.renews",
                value = Msg::new("timeline.outcomeRenews")
            )
        }
        (AttemptOutcome::FailsEveryAttempt, Some(s)) => {
            let value = Msg::new("timeline.outcomeFails");
            crate::msg!("timeline.failsEveryAttempt", shortfall = s, value = value)
        }
        _ => {
            let value = Msg::new("timeline.outcomeDepends");
            crate::msg!("timeline.dependsOnBalance", value = value)
        }
    });
    Ok(AutoRenewalPlan {
        outcome,
        term: s.renewal_term,
        first_attempt: s.first_attempt.clone(),
        last_attempt: s.last_attempt.clone(),
        attempt_count: s.attempt_count,
        amount,
        shortfall,
        expiry_on_success: s.expiry_on_success.clone(),
    })
}

/// 003 §3.2.3.1: who pays the first attempt's `amount` (balance, then credit, then the card), when
/// the request tells the balances or the card; `None` when it tells none of them.
fn first_attempt_payers(
    req: &TimelineRequest,
    amount: Money,
    silent: &mut Breakdown,
) -> Option<Payers> {
    let known =
        req.cash_balance.is_some() || req.credit_balance.is_some() || req.card_bound.is_some();
    let funds = Funds {
        cash: req.cash_balance.unwrap_or(Money::ZERO),
        credit: req.credit_balance.unwrap_or(Money::ZERO),
        card_bound: req.card_bound.unwrap_or(false),
        monthly_settlement: false,
        customer: None,
    };
    known.then(|| who_pays(amount, PaymentFlow::AutoRenewal, &funds, false, silent))
}

/// 003 §3.2.1, §3.2.10, §1.4: in use until the expiry, expired (grace, 15 days, usable, new
/// services still allowed), frozen (retention, 15 days, data kept), then released.
fn prepaid_states(
    req: &TimelineRequest,
    expiry: NaiveDate,
    cost: Option<Money>,
    term: Term,
    events: &mut Vec<TimelineEvent>,
    b: &mut Breakdown,
) -> Result<Vec<TimelinePeriod>> {
    let grace_from = plus(expiry, 1)?;
    let grace_to = plus(expiry, GRACE_DAYS)?;
    let retention_to = plus(expiry, GRACE_DAYS + RETENTION_DAYS)?;
    let released = plus(retention_to, 1)?;
    let renew = crate::msg!("timeline.renew", term = term, expiry = expiry);
    let in_use_from = req.today.filter(|t| *t <= expiry).map(start_of);
    let keep = (cost, renew);
    let periods = vec![
        period(
            ResourceState::InUse,
            "timeline.inUse",
            (in_use_from, Some(expiry_instant(expiry))),
            None,
            "timeline.inUseWorks",
            &keep,
        ),
        period(
            ResourceState::Grace,
            "timeline.expired",
            (Some(start_of(grace_from)), Some(expiry_instant(grace_to))),
            Some(GRACE_DAYS),
            "timeline.expiredWorks",
            &keep,
        ),
        period(
            ResourceState::Retention,
            "timeline.frozen",
            (
                Some(start_of(plus(grace_to, 1)?)),
                Some(expiry_instant(retention_to)),
            ),
            Some(RETENTION_DAYS),
            "timeline.frozenWorks",
            &keep,
        ),
        released_period(released),
    ];
    let ends = [
        (expiry, Msg::new("timeline.termEnds")),
        (grace_to, Msg::new("timeline.graceEnds")),
        (retention_to, Msg::new("timeline.retentionEnds")),
    ];
    for (day, what) in ends {
        add_event(events, expiry_instant(day), what);
    }
    let frozen_from = plus(grace_to, 1)?;
    b.fact_msg(|| {
        let value = crate::msg!("dates.range", start = grace_from, end = grace_to);
        crate::msg!(
            "timeline.graceExpired",
            days = GRACE_DAYS,
            expiry = expiry,
            value = value
        )
    });
    b.fact_msg(|| {
        let value = crate::msg!("dates.range", start = frozen_from, end = retention_to);
        crate::msg!(
            "timeline.retentionNext",
            days = RETENTION_DAYS,
            value = value
        )
    });
    b.fact_msg(|| {
        crate::msg!(
            "timeline.releasedAfter",
            last = retention_to,
            value = released
        )
    });
    Ok(periods)
}

/// The notes of a prepaid timeline: renewing late pays the days already spent, do-not-renew,
/// early release, the test-voucher and quota customers.
fn explain_prepaid(req: &TimelineRequest, plan: &Option<AutoRenewalPlan>, b: &mut Breakdown) {
    b.note_msg(|| Msg::new("timeline.renewFromOldExpiry"));
    if req.do_not_renew {
        b.note_msg(|| Msg::new("timeline.doNotRenew"));
    }
    if plan.is_none() && !req.do_not_renew {
        b.note_msg(|| Msg::new("timeline.autoRenewalOff"));
    }
    b.note_msg(|| Msg::new("timeline.releaseByHand"));
    if req.customer != AccountType::Prepaid {
        b.note_msg(|| Msg::new("timeline.prepaidUnaffected"));
    }
    if req.prices.is_none() {
        b.note_msg(|| Msg::new("timeline.noPrices"));
    }
}

/// A pay-per-use resource in arrears from `arrearsSince`: grace then retention, or straight to
/// retention for a test-voucher account; the cost to keep is the arrears (003 §1.4, §5.2.5, §5.3).
fn pay_per_use(
    req: &TimelineRequest,
    events: &mut Vec<TimelineEvent>,
    b: &mut Breakdown,
) -> Result<Vec<TimelinePeriod>> {
    let since = required(
        req.arrears_since,
        "arrearsSince",
        "the day the deduction failed",
    )?;
    let cost = req.arrears;
    let (grace_days, grace_works, retention_works, repay) = arrears_rules(req.customer);
    let retention_from = plus(since, grace_days)?;
    let retention_to = plus(retention_from, RETENTION_DAYS - 1)?;
    let released = plus(retention_to, 1)?;
    let keep = (cost, Msg::new(repay));
    let mut periods = Vec::new();
    if grace_days > 0 {
        let grace_to = plus(since, grace_days - 1)?;
        periods.push(period(
            ResourceState::Grace,
            "timeline.inArrears",
            (Some(start_of(since)), Some(expiry_instant(grace_to))),
            Some(grace_days),
            grace_works,
            &keep,
        ));
        add_event(events, start_of(since), Msg::new("timeline.deductionFails"));
        b.fact_msg(|| {
            let value = crate::msg!("dates.range", start = since, end = grace_to);
            crate::msg!(
                "timeline.graceInArrears",
                since = since,
                days = grace_days - 1,
                value = value
            )
        });
    } else {
        add_event(events, start_of(since), Msg::new("timeline.vouchersShort"));
    }
    periods.push(period(
        ResourceState::Retention,
        "timeline.frozen",
        (
            Some(start_of(retention_from)),
            Some(expiry_instant(retention_to)),
        ),
        Some(RETENTION_DAYS),
        retention_works,
        &keep,
    ));
    periods.push(released_period(released));
    let what = Msg::new("timeline.retentionEnds");
    add_event(events, expiry_instant(retention_to), what);
    b.fact_msg(|| {
        let value = crate::msg!("dates.range", start = retention_from, end = retention_to);
        let days = RETENTION_DAYS - 1;
        crate::msg!(
            "timeline.retentionFrom",
            from = retention_from,
            days = days,
            value = value
        )
    });
    b.fact_msg(|| {
        crate::msg!(
            "timeline.releasedInArrears",
            last = retention_to,
            value = released
        )
    });
    if req.customer == AccountType::MonthlySettlement {
        quota_reminders(retention_from, released, events)?;
    }
    explain_arrears(since, cost, b);
    Ok(periods)
}

/// The cost to keep a resource in arrears: the arrears, one line.
fn explain_arrears(since: NaiveDate, cost: Option<Money>, b: &mut Breakdown) {
    if let Some(a) = cost {
        b.line_msg(a, || crate::msg!("timeline.arrears", since = since));
    } else {
        b.note_msg(|| Msg::new("timeline.noArrears"));
    }
    b.note_msg(|| Msg::new("timeline.arrearsDays"));
}

/// 003 §5.2.5, §1.4, §5.3: per customer type, the grace days, what works in grace and in
/// retention, and how to keep the resource.
fn arrears_rules(customer: AccountType) -> (i64, &'static str, &'static str, &'static str) {
    match customer {
        AccountType::Prepaid => (
            GRACE_DAYS,
            "timeline.arrearsGraceWorks",
            "timeline.arrearsFrozenWorks",
            "timeline.topUp",
        ),
        AccountType::TestVoucher => (
            0,
            "",
            "timeline.testVoucherFrozenWorks",
            "timeline.payArrears",
        ),
        AccountType::MonthlySettlement => (
            GRACE_DAYS,
            "timeline.quotaGraceWorks",
            "timeline.quotaFrozenWorks",
            "timeline.repayBills",
        ),
    }
}

/// 003 §5.3: reminders 15, 7, 3 and 1 days before the retention period and before release.
fn quota_reminders(
    retention_from: NaiveDate,
    released: NaiveDate,
    events: &mut Vec<TimelineEvent>,
) -> Result<()> {
    for (day, what) in [
        (retention_from, "timeline.beforeRetention"),
        (released, "timeline.beforeRelease"),
    ] {
        for n in [15u64, 7, 3, 1] {
            let Some(d) = day.checked_sub_days(Days::new(n)) else {
                continue;
            };
            let what = Msg::new(what);
            let m = match n {
                1 => crate::msg!("timeline.reminderOneDay", what = what),
                _ => crate::msg!("timeline.reminder", n = n, what = what),
            };
            add_event(events, start_of(d), m);
        }
    }
    Ok(())
}
