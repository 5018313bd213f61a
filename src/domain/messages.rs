//! The breakdown's words. Every line, fact and note a rule explains is a [`Msg`]: a stable key and
//! the figures it names; its English text comes from ONE table, [`ENGLISH`], through one small
//! interpolator ([`render`]). The package writes the table to `js/messages-en.js`; `js/messages.js`
//! holds the other languages' tables under the same keys, so a page renders a breakdown in its own
//! language from `key` and `figures`.
//!
//! A template names a figure as `{name}`. A figure is a text (a number, a date, a term), or a
//! message of its own (a word such as a unit, or an optional clause), rendered from that key's
//! first template. An absent figure renders as nothing: optional clauses are figures.

use std::fmt::Display;

/// A message: a key of [`ENGLISH`] and the figures its templates name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    /// The stable key (`upgrade.orderFee`).
    pub key: &'static str,
    /// The figures, by the names the templates use.
    pub figures: Vec<(&'static str, Figure)>,
}

/// One figure of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Figure {
    /// A number, an amount, a date, a term: written as it is in every language.
    Text(String),
    /// A word or a clause of its own, translated by its key.
    Msg(Msg),
}

/// What a figure can be made from: anything displayed, or a message (or a [`Figure`]). Put by
/// the [`msg!`](crate::msg) macro through one non-generic call per figure, so that a message costs
/// little code at its call site.
pub trait IntoFigure {
    /// Add `self` to `m` as figure `name`.
    fn put_into(self, m: &mut Msg, name: &'static str);
}

impl<T: Display> IntoFigure for T {
    #[inline]
    fn put_into(self, m: &mut Msg, name: &'static str) {
        m.put_text(name, &self);
    }
}

impl IntoFigure for Msg {
    #[inline]
    fn put_into(self, m: &mut Msg, name: &'static str) {
        m.figures.push((name, Figure::Msg(self)));
    }
}

impl IntoFigure for Figure {
    #[inline]
    fn put_into(self, m: &mut Msg, name: &'static str) {
        m.figures.push((name, self));
    }
}

/// An optional clause: the message, or nothing.
pub fn maybe(clause: Option<Msg>) -> Figure {
    clause.map_or(Figure::Text(String::new()), Figure::Msg)
}

impl Msg {
    /// A message with no figures yet.
    pub fn new(key: &'static str) -> Msg {
        Msg {
            key,
            figures: Vec::new(),
        }
    }

    /// The message with one more figure.
    pub fn with(mut self, name: &'static str, figure: Figure) -> Msg {
        self.figures.push((name, figure));
        self
    }

    /// Add the text figure `name`: `value` as it displays.
    #[inline(never)]
    pub fn put_text(&mut self, name: &'static str, value: &dyn Display) {
        self.figures.push((name, Figure::Text(value.to_string())));
    }

    /// The text figure `name`, if any.
    pub fn figure(&self, name: &str) -> Option<&Figure> {
        self.figures
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f)
    }

    /// The message's English text from its template number `which` (0: the label or the note, 1:
    /// the formula).
    pub fn english(&self, which: usize) -> String {
        let mut out = String::new();
        render(&mut out, template(self.key, which), &self.figures);
        out
    }
}

/// A text of an answer (outside its breakdown) told by a message: its English, returned (the
/// native build's; in the wasm module, which has no English templates, the package writes it from
/// `js/messages-en.js`), and the message put in `messages` under the member's name.
#[inline(never)]
pub fn told(
    messages: &mut crate::domain::breakdown::Figures,
    name: &'static str,
    m: Msg,
) -> String {
    let english = m.english(0);
    messages.0.push((name, Figure::Msg(m)));
    english
}

/// `msg!("key", name = figure, …)`: a [`Msg`] whose figures are anything displayed or messages.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {{
        #[allow(unused_mut)]
        let mut m = $crate::domain::messages::Msg::new($key);
        $($crate::domain::messages::IntoFigure::put_into($value, &mut m, stringify!($name));)*
        m
    }};
}

/// Template `which` (0 or 1) of `key`; empty for an unknown key (the tests keep every key used in
/// the table).
pub fn template(key: &str, which: usize) -> &'static str {
    #[cfg(not(target_arch = "wasm32"))]
    let mut table = ENGLISH_IN_ANSWERS.iter().chain(ENGLISH);
    #[cfg(target_arch = "wasm32")]
    let mut table = ENGLISH_IN_ANSWERS.iter();
    table
        .find(|t| t.0 == key)
        .map_or("", |t| if which == 0 { t.1 } else { t.2 })
}

/// Append `template` with its `{name}` placeholders filled from `figures`.
#[inline(never)]
pub fn render(out: &mut String, text: &str, figures: &[(&'static str, Figure)]) {
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let Some(close) = after.find('}') else {
            out.push_str(rest.get(open..).unwrap_or_default());
            return;
        };
        let name = after.get(..close).unwrap_or_default();
        match figures.iter().find(|(n, _)| *n == name).map(|(_, f)| f) {
            Some(Figure::Text(t)) => out.push_str(t),
            Some(Figure::Msg(m)) => render(out, template(m.key, 0), &m.figures),
            None => {}
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    out.push_str(rest);
}

/// The English templates whose text an answer carries outside its breakdown (a bill's rounding
/// rule, a part's name before the lines it prefixes): shipped in every build.
#[rustfmt::skip]
pub static ENGLISH_IN_ANSWERS: &[(&str, &str, &str)] = &[
    ("part.raw", "{name}", ""),
    ("part.nested", "{outer}: {inner}", ""),
    ("timeline.renewalFor", "renewal for {term}", ""),
    ("cart.partItem", "items[{i}]", ""),
    ("cart.partPayment", "payment", ""),
    ("cart.partTax", "tax", ""),
    ("bill.ruleLinesBefore2020", "each settlement cut to the cent, then added (003 §7.1, before April 2020)", ""),
    ("bill.ruleBills2020", "each spec/usage-type bill aggregated for the month, then cut to the cent (003 §7.1, April 2020 – May 2021; without billKeys each amount is one such bill, rules.md A24)", ""),
    ("bill.ruleTotal2021", "8-decimal amounts, only the month's total rounded half up to cents (003 §6.1.6, since June 2021)", ""),
    ("bill.ruleNonMonthly", "each deduction cut to the cent; the cut part is the rounding-off amount (003 §13.2.3, §13.2.8; rules.md A11)", ""),
    ("bill.ruleVolcMinimum", "a detail amount below 0.01 counts 0.01 (004, before 2021-08-01; read as a minimum per line, rules.md A12); total half up to cents (assumed)", ""),
    ("bill.ruleVolcSix", "details carry 6 decimals (half up, assumed); the sum drops the 3rd and later decimals (004 bill issuing rule 7, since 2021-08-01)", ""),
    ("bill.ruleAssumed", "the documents state no rounding rule for this provider: the total is rounded half up to cents (assumed)", ""),
];

/// Every breakdown message's English templates: `(key, label or note or word, formula)`. A fact's
/// value is its figure `value`. Kept in the order of the rules' files. Not in the wasm module: there
/// the package renders the English text from `js/messages-en.js`, written from this table, as it
/// renders every other language (`js/messages.js`), so the module ships keys and figures only.
#[cfg(not(target_arch = "wasm32"))]
#[rustfmt::skip]
pub static ENGLISH: &[(&str, &str, &str)] = &[
    // Words and clauses shared by the rules.
    ("unit.months", "months", ""),
    ("unit.years", "years", ""),
    ("unit.month", "month", ""),
    ("unit.year", "year", ""),
    ("policy.console", "console", ""),
    ("policy.document", "document", ""),
    ("policy.exact", "exact", ""),
    ("finalRoundingOnce", "final rounding", "{value} → {total} (half up to cents, once)"),
    ("finalRounding", "final rounding", "{value} → {total} (half up to cents, once: {policy} policy)"),
    ("dates.range", "{start}..{end}", ""),
    // 003 §3.2.2: quotes for a purchase or a renewal.
    ("quote.days", "days in the period", "days({start}..{end})"),
    ("quote.defaultRenewalTerm", "default renewal term", "1Y if offered, else 1M, else the shortest (003 §3.2.2.2 step 5)"),
    ("quote.period", "period", "{start} + {term} (same day of month, clamped to month end)"),
    ("quote.renewalPeriod", "renewal period", "current expiry {expiry} + {term} = {end}; the new period starts after the old expiry (003 §3.2.2.1)"),
    ("quote.renewingAfterExpiry", "renewing {days} days after expiry (grace/retention): the period still starts at the original expiry, so those {days} days are paid for (003 §3.2.2.1)", ""),
    ("quote.unitTermPrice", "{rate} × {months} (no {term} price: {months} × the 1M price, 003 §3.2.7)", ""),
    ("quote.termPrice", "{price} ({term} price)", ""),
    ("quote.listAmount", "list amount", "{price} × {quantity} = {list}"),
    ("quote.discount", "discount", "{list} × {factor} − {list} = {amount}"),
    ("quote.finalRounding", "final rounding", "{value} → {total}"),
    ("quote.vouchersAfter", "vouchers and the payment split are applied after this amount (003 §3.2.3.1)", ""),
    // 003 §3.2.2.3: unified expiry.
    ("unified.plainRenewal", "plain renewal", "{expiry} + {term} (003 §3.2.2.1)"),
    ("unified.earliest", "earliest unified expiry", "{expiry} + 1 month: the unified expiry is at least one month after the current expiry (003 §3.2.2.3)"),
    ("unified.noRenewalTerm", "no renewal term chosen: the unified day is set and the resource renewed up to it, at least one month after the current expiry; an earlier unified day moves to the next month's (003 §3.2.2.3)", ""),
    ("unified.dayN", "day {day}", ""),
    ("unified.lastDay", "last day of a month", ""),
    ("unified.expiry", "unified expiry", "first {day} on or after {earliest} (003 §3.2.2.3)"),
    ("unified.topUpDays", "top-up days", "days({from}..{to}) = {days}"),
    ("unified.noTopUp", "top-up days", "the plain expiry already falls on the unified day"),
    ("unified.renewal", "renewal {term}", "{price} ({term} price)"),
    ("unified.renewalDiscounted", "renewal {term}", "{price}{factor} {result}"),
    ("unified.byTheDay", "{days} days by the day", "{rate} per {unit} × {period}{factor} {result} (daily price: rules.md A9, billcalc's calendar conversion)"),
    // 003 §3.2.6: switching to pay-per-use.
    ("switch.immediate", "immediate switch: cannot be cancelled; pay-per-use charges start at once (003 §3.2.6.4)", ""),
    ("switch.atExpiry", "pay-per-use billing starts after {from}; the switch can be cancelled before then (003 §3.2.6.3)", ""),
    // Terms side by side.
    ("compare.asQuoted", "each total as quote prices it: monthly terms 1–9 months (003 §3.2.2.2), a missing nM at n × the 1M price (003 §3.2.7)", ""),
    ("compare.fromPayPerUse", "003 §3.2.6.2: switching from pay-per-use is a new prepaid order at the term's price, in effect once paid", ""),
    ("compare.term", "{term}", "{total} / {months} {monthly} a month{saving}{breakEven}"),
    ("compare.saving", "; {months} × 1M − {total} = {saving} saved ({percent} %)", ""),
    ("compare.breakEven", "; cheaper than pay-per-use above {hours} hours a month", ""),
    ("compare.payPerUseCheaper", "{term}: pay-per-use stays cheaper even running all month ({hours} hours)", ""),
    // 003 §3.2.3.1: auto-renewal.
    ("autoRenew.expiryOnSuccess", "expiry on success", "{expiry} + {term}"),
    ("autoRenew.termChosen", "renewal term", "chosen in the auto-renewal settings"),
    ("autoRenew.termFromPurchase", "renewal term", "bought for {purchase} → {kind} auto-renewal (003 §3.2.3.1)"),
    ("autoRenew.oneYear", "1-year", ""),
    ("autoRenew.oneMonth", "1-month", ""),
    ("autoRenew.termDefault", "renewal term", "default"),
    ("autoRenew.afterManual", "expiry after the manual renewal", "{expiry} + {term}"),
    ("autoRenew.manualMoves", "a manual renewal before the deduction day moves the next auto-renewal to the new expiry; preset auto-renewal counts are not used up (003 §3.2.3.1)", ""),
    ("autoRenew.firstAttempt", "first attempt", "{day} − {days} days at {at}"),
    ("autoRenew.firstAttemptLate", "first attempt", "{day} − {days} days at {at} = {passed} had passed when the day was set on {set}: the day takes effect when set, the next {at} (003 §3.2.3.5)"),
    ("autoRenew.customDay", "custom deduction day", "set on {set} to {days} days before: the running sequence stops; the new one starts at {day} − {days} days (not before the next {at}) (003 §3.2.3.1)"),
    ("autoRenew.lastUntilRelease", "last attempt", "daily at {at} until the release day (expiry + {days} days: 15 days' grace + 15 days' retention)"),
    ("autoRenew.lastUntilExpiry", "last attempt", "daily at {at} until the expiry"),
    ("autoRenew.payAliyun", "001: an auto-renewal order that finds the balance short is voided; after the expiry only manual renewal is possible (9 days before since 2017-07-24; the 2015 example's 8 days is read as a typo, rules.md A10)", ""),
    ("autoRenew.payOldRules", "003 §13.1.2.1 (old rules): balance only, no card; vouchers by expiry order", ""),
    ("autoRenew.pay", "003 §3.2.3.1: each attempt pays discount → voucher → balance → bound card; all failing, the resource is released after the retention period", ""),
    // 003 §3.4: refunds of orders in use.
    ("refund.notStarted", "renewal order {index} ({start}..{end}, not started): cash back in full", "{cash} ({vouchers})"),
    ("refund.notStartedVouchersBack", "003 §3.4.4: no consumption, no fee; vouchers returned", ""),
    ("refund.notStartedVouchersKept", "no consumption, no fee (as 003 §3.4.4); vouchers not returned (003 §3.2.6.4)", ""),
    ("refund.days", "days of order {index}", "total days({start}..{end}) = {total}; consumed days({start}..day before {date}) = {consumed}; remaining days({date}..{end}) = {remaining}"),
    ("refund.cashPaid", "cash paid, order {index} ({term})", "paid cash (实付金额), vouchers excluded"),
    ("refund.consumed", "consumed amount", "{cash} × {consumed} / {total} {result}{rounded}"),
    ("refund.rounded", " → {value} (rounded half up to cents as 003 §3.4.2.2 states: {policy} policy)", ""),
    ("refund.handlingFee", "handling fee", "{cash} × {rate} {result}{rounded} ({source})"),
    ("refund.rateGiven", "rate given in the request", ""),
    ("refund.rateTable", "003 §3.4.2.2 table 3-5", ""),
    ("refund.belowZero", "no refund below zero", "{cash} − {consumed} − {fee} {result} < 0 → 0 (003 §3.4.2.2)"),
    ("refund.finalRounding", "final rounding", "{value} → {total} (half up to cents)"),
    ("refund.vouchersBack", "vouchers returned with the unstarted renewals: {amount}", ""),
    ("refund.vouchersKept", "vouchers used on the running order are not returned (003 §3.4.2.2)", ""),
    ("refund.switchVouchersKept", "vouchers used are not returned, the unstarted renewals' included (003 §3.2.6.4)", ""),
    ("refundTo.note", "003 §3.4.6: {refund} cash goes back {to}, {arrives}; only cash is refunded this way", ""),
    ("refundTo.balance", "to the account balance", ""),
    ("refundTo.balanceWhen", "about 1 working day", ""),
    ("refundTo.card", "to the card it was paid with", ""),
    ("refundTo.cardWhen", "about 7 working days (the bank decides)", ""),
    ("refundTo.bill", "through month-end settlement", ""),
    ("refundTo.billWhen", "in the {month} bill", ""),
    ("refundTo.billLater", "in the bill of the month it succeeds", ""),
    // 003 §3.4: unsubscribing.
    ("unsubscribe.fullRefund", "order {index} ({start}..{end}): cash back in full", "{cash} — {why}: no consumption, no handling fee"),
    ("unsubscribe.whyNotYetEffective", "not yet effective (003 §3.4.3)", ""),
    ("unsubscribe.whyCreationFailed", "creation or change failed (003 §3.4.5)", ""),
    ("unsubscribe.whyRenewalPeriod", "renewal period not yet started (003 §3.4.4)", ""),
    ("unsubscribe.vouchersBack", "vouchers returned: {amount} (void if the voucher has already expired, 003 §3.4.1)", ""),
    ("unsubscribe.voucherVoid", "order {index}: its voucher {voucher} expired on {last}, before {date}: void, not returned (003 §3.4.1)", ""),
    ("unsubscribe.largeApproved", "large refund (> 1000): approved {approved}, booked in the {month} bill (003 §3.4.2.1)", ""),
    ("unsubscribe.largeNeedsApproval", "large refund (> 1000): needs the account manager's approval, automatic after 24 hours; booked in the bill of the month it is approved ({month} if approved the same month, 003 §3.4.2.1)", ""),
    ("unsubscribe.failedCreationAutomatic", "003 §3.4.5: a failed creation is refunded automatically: no large-refund approval (003 §3.4.1 names it for in-use, not-yet-effective and renewal-period unsubscribes)", ""),
    // 003 §3.4.2.2 table 3-6: reserved instances.
    ("ri.remainingRatio", "remaining ratio", "remaining hours from the next whole hour {next} to {end} / total hours = {remaining} / {total}"),
    ("ri.ratioGiven", "remaining ratio", "given"),
    ("ri.remainingValue", "remaining value of the cash paid", "{cash} × {ratio} {result}"),
    ("ri.handlingFee", "handling fee", "({cash} + {voucher}) × {ratio} × 12% {result}"),
    ("ri.belowZero", "no refund below zero", "{net} < 0 → 0; the customer pays nothing (003 §3.4.2.2)"),
    ("ri.vouchersKept", "vouchers are not returned (003 §3.4.2.2 table 3-6)", ""),
    ("ri.feePaid", "handling fee the customer pays", "{hourly} × {hours} h × {ratio} × 12% {result}"),
    ("ri.monthEnd", "charged by month-end settlement: RI vouchers first, then the balance (003 §3.4.2.2 table 3-6)", ""),
    ("ri.whoPays", "who pays the fee", "vouchers first: min({vouchers}, {pays}) = {byVoucher}; then the balance: min({balance}, {rest}) = {byBalance}"),
    ("ri.whoPaysValue", "{byVoucher} + {byBalance}, unpaid {unpaid}", ""),
    ("ri.unpaid", "{unpaid} is not covered by vouchers or balance: it stays owed in the month-end bill", ""),
    // 003 §5.3: the consumption quota.
    ("quota.billedUnpaid", "billed, unpaid", "{amount}"),
    ("quota.unbilled", "unbilled estimate", "{amount}"),
    ("quota.cash", "cash balance", "−{amount}"),
    ("quota.vouchers", "voucher balance", "−{amount}"),
    ("quota.notBelowZero", "not below zero", "{raw} → 0: the balances cover more than is owed"),
    ("quota.exhaustedOnUnused", "exhaustedOn {day} not used: {percent} % is below 100 %, so no grace, retention, release or their reminders follow (003 §5.3: only a quota used 100 % or more and not repaid)", ""),
    ("quota.usedShare", "used share", "{used} / {total} × 100"),
    ("quota.normal", "003 §5.3: at most 80 % used, no reminder", ""),
    ("quota.reminder", "003 §5.3: more than 80 % used: SMS/e-mail reminder", ""),
    ("quota.exhausted", "003 §5.3: 100 % or more used: no new services; the bound card is charged to restore the quota; unpaid → 15 days' grace (account restricted), then 15 days' retention (pay-per-use frozen, non-full-upfront RIs unsubscribed without fee), then pay-per-use resources released", ""),
    // 003 §5.1.2: paying several orders at once.
    ("merged.named", "{name}", ""),
    ("merged.orderN", "order {n}", ""),
    ("merged.order", "{name}", "{amount} − {third} (third party)"),
    ("merged.due", "due", "{total} − {third} (third party)"),
    ("merged.thirdParty", "003 §3.1.1: the third-party part is settled with the marketplace seller", ""),
    // 003 §3.2.4: packages renewed or bought again.
    ("package.renewed", "renewed term", "starts at the old expiry ({old} 23:59:59); {old} + {term}"),
    ("package.new", "new package", "effective {when}; {start} + {term}"),
    ("package.onChosenDay", "on the chosen day", ""),
    ("package.atOnce", "at once", ""),
    ("package.resettable", "resettable: the quota is available again in every reset cycle of the new term (003 §3.2.4.1)", ""),
    ("package.nonResettable", "non-resettable: the quota is the total for the new term (003 §3.2.4.1)", ""),
    ("package.noUnsubscribe", "packages cannot be unsubscribed (except CBR and DWS packages) or switched to pay-per-use (003 §3.2.4, §3.4.2.3)", ""),
    // 003 §6.1.6: the month's bill.
    ("bill.realTime", "cloud services, real-time settlement", "{amounts}"),
    ("bill.monthly", "cloud services, monthly settlement", "{amounts}"),
    ("bill.marketplace", "marketplace", "{amounts}"),
    ("bill.monthTotal", "month total rounded half up to cents (003 §6.1.6)", "{value} → {total}"),
    ("bill.cloudFees", "cloud fees", "{realTime} (real-time) + {monthly} (monthly settlement){rounded}"),
    ("bill.cloudRounded", " = {sum} → {cloud} (half up)", ""),
    ("bill.paymentStatus", "payment status", "{due} (remaining due) + {paid} (paid)"),
    ("bill.overpaid", "paid exceeds the total: nothing remains due", ""),
    ("bill.refunds", "refunds", "{amounts}"),
    ("bill.overflow", "overflow (003 §7.2.2.3)", "−{refunds} (credit refunds) + {consumption} (credit consumption) = {net}"),
    ("bill.payable", "payable (003 §13.2.1)", "{cash} (cash) + {credit} (credit) + {voucher} (voucher) + {arrears} (arrears)"),
    // 003 §6.1.6, §7.1, §13.2.3; 004: rounding a bill.
    ("bill.bill", "bill {key}", "{parts} = {sum} → {cut}"),
    ("bill.amount", "amount {n}", "{raw}{charged}"),
    ("bill.charged", " → {line}", ""),
    ("bill.totalRounding", "rounding of the total", "{sum} → {total}"),
    // 003 §6.1.1, 004: usage charges.
    ("usage.inPricingUnit", "usage in the pricing unit", "{raw} / {ratio} {result} truncated to {decimals} decimals (003 §6.1.1)"),
    ("usage.fixed", "usage × unit price", "{usage} × {price} {result}"),
    ("usage.none", "no usage", "0: no usage, no bill (004)"),
    ("usage.flat", "tier {index} ({range}) flat amount", "{usage} falls in {range} → {total}"),
    ("usage.whole", "whole usage at tier {index} ({range})", "{usage} × {price} {result}"),
    ("usage.slice", "slice in tier {index} ({range})", "{slice} × {price} {result}"),
    ("usage.toCents", "rounding to cents", "{value} → {total} (half up)"),
    ("usage.billToCents", "bill to cents (004)", "{value} → detail {detail} (6 decimals) → {total} (3rd and later decimals dropped)"),
    ("usage.volcengineBill", "004: the bill detail keeps 6 decimals, the bill drops the 3rd and later decimals (since 2021-08-01; earlier bills: billRounding with billMonth)", ""),
    // 002: the reserved instance pool's idle fee.
    ("pool.idleRate", "idle rate per instance-hour", "{price} × {factor} (002: pay-as-you-go price × 0.3)"),
    ("pool.idleFee", "idle fee {from} – {to}", "{idle} idle × {hours} h × {rate} {result}"),
    ("pool.afterExpiry", "after the package expires: no idle fee, the unused instances are returned (002)", ""),
    ("pool.perSecond", "idle fee metered per second and settled by the hour (002): the hour is when it is charged, not a rounding step — 002 states no per-hour precision, so amounts are kept exact and the total is rounded half up to cents once (rules.md A22)", ""),
    // 003 §3.2.4.1: usage against packages.
    ("packageUsage.overage", "{item}, pay-per-use", "{quantity} × {price} = {amount}"),
    ("packageUsage.rounding", "rounding", "{value} → {total}"),
    ("packageUsage.why", "why pay-per-use: {reason}", ""),
    ("packageUsage.order", "matching usage is paid by packages first (the one expiring first pays first — billcalc's choice); the rest is billed pay-per-use (003 §3.2.4.1; 000)", ""),
    // 003 §6.1.4: converting a currency.
    ("convert.amount", "{amount} USD in {currency}", "{amount} × {rate} = {exact} → {converted} (half up to {decimals} decimals, 003 §6.1.4)"),
    ("cart.display", "display", "{amount} × {rate} = {exact} → {converted} (half up to {decimals} decimals, 003 §6.1.4)"),
    // 003 §3.2.3.1, §9.1.5, §13.1.2.1: vouchers.
    ("voucher.amountDue", "amount due", "{amount}"),
    ("voucher.applied", "voucher {id}", "min(balance {balance}, due) = {amount}; {left} left on the voucher"),
    ("voucher.picked", "the voucher the customer picked on the payment page", ""),
    ("voucher.largestBalance", "003 §3.2.3.1: the eligible voucher with the largest balance; equal balances → the earliest expiry (one voucher per prepaid order, 003 §9.1.5)", ""),
    ("voucher.oldRulePays", "003 §13.1.2.1 (old rule): by expiry, the first voucher that with the account balance pays the order", ""),
    ("voucher.oldRuleFails", "003 §13.1.2.1 (old rule): no voucher with the account balance pays the order; the payment fails and is retried", ""),
    ("voucher.notUsable", "voucher {id} not usable: {reason}", ""),
    // 003 §3.2.3.1, §3.3.2, §5.1.2, §13.1.2.1: who pays.
    ("payment.listAmount", "list amount", "{amount}"),
    ("payment.byCash", "{amount} (cash)", ""),
    ("payment.byCredit", "{amount} (credit)", ""),
    ("payment.bySettlement", "{amount} (month-end settlement)", ""),
    ("payment.byCard", "{amount} (card)", ""),
    ("payment.short", "{amount} (short)", ""),
    ("payment.plus", "{left} + {right}", ""),
    ("payment.nothingLeft", "nothing left to pay", ""),
    ("payment.whoPays", "who pays", "{payable} = {parts}"),
    ("payment.whoCouldPay", "who could pay", "{payable} = {parts}"),
    ("payment.orderFails", "taken", "the automatic payment fails: nothing is taken, the whole order waits as pending payment (003 §3.3.2 table 3-2)"),
    ("payment.deductionFails", "taken", "the deduction fails: nothing is taken, the balances are left as they were (003 §3.2.3.1)"),
    ("payment.orderAutoRenewal", "003 §3.2.3.1: discount (one) → voucher (one) → balance (cash, then credit) → bound card for what the balance cannot cover; on monthly settlement, the month's bill (003 §1.3)", ""),
    ("payment.orderOrderPayment", "003 §3.3.2: discount (one) → voucher (one) → balance (cash, then credit), or month-end settlement when the customer has it; the rest stays pending payment", ""),
    ("payment.orderOldAutoRenewal", "003 §13.1.2.1: discount (one) → voucher (by expiry order) → balance (cash, then credit); no card", ""),
    ("payment.cardOverLimit", "the card is not charged: {shortfall} is above the {limit} USD limit of one card transaction (003 §5.1.2); the card could take the rest only once the balance covers {more} more", ""),
    ("payment.orderPending", "003 §3.3.2: the automatic payment fails ({shortfall} short): nothing is taken; the order waits on the pending-payment page for {payable}, paid by hand", ""),
    ("payment.autoRenewalFails", "{source}: the auto-renewal deduction fails ({shortfall} short{noCard}): nothing is taken, the balances are left as they were{released}; it is retried the next day at 03:00 until the resource is released", ""),
    ("payment.noCardBound", ", no card is bound", ""),
    ("payment.voucherReleased", " and the voucher's locked amount is released (003 §3.2.3.1)", ""),
    // 003 §3.2.7: prices matched to a term.
    ("price.perUnit", "{price} per {unit} ({term} price)", ""),
    ("price.fromUnitTerm", "{rate} per {unit} ({term} has no price: {months} × the 1M price, 003 §3.2.7)", ""),
    ("price.ofTerm", "{price}/{length} {rate} per {unit} ({term} price {price})", ""),
    ("price.noneCovers", "no {kind} price covers {r} {unit}; the longest priced term {term} is used (003 §3.2.7)", ""),
    ("price.kind.monthly", "monthly", ""),
    ("price.kind.yearly", "yearly", ""),
    ("price.shortestYearly", "less than a year remains ({r} years): rounding down finds no yearly term, so the shortest yearly price {term} is used as a rate per year (rules.md A6)", ""),
    // 003 §3.2.7: upgrade.
    ("upgrade.newPrice", "new configuration price", "remaining period {r} {unit} rounded up → {term} (003 §3.2.7)"),
    ("upgrade.orderFee", "order {index} ({term}) upgrade fee", "({new} − {old}) × {r} {unit}{factor} {result}{cut}   [old: {oldPrice}]"),
    ("upgrade.documentCut", " → {fee} (document policy: each order truncated to cents, 003 §3.2.7 ex. 1)", ""),
    ("upgrade.reduction", "reduction (减免)", "− {amount}"),
    ("upgrade.negative", "negative upgrade fee → 0", "{net} < 0: the change succeeds, nothing is charged and nothing refunded (003 §3.2.7)"),
    ("spec.priceType", "price type", "yearly if any not-yet-expired order is yearly, else monthly (003 §3.2.7)"),
    ("spec.orderRemaining", "remaining period R of order {index} ({term})", "{from}..{end} (change day {date} not counted) = {days}"),
    ("spec.totalRemaining", "total remaining period", "{sum}"),
    ("period.whole", "{r} {unit}", ""),
    ("period.fraction", "{r} {value} {unit}", ""),
    ("downgrade.newPrice", "new configuration price", "remaining period {r} {unit} rounded down → {term} (003 §3.2.7)"),
    ("downgrade.remainingValue", "remaining value of order {index} ({term})", "{paid} / {days} days × {remaining} remaining days {result}"),
    ("downgrade.newCost", "new configuration for the remaining period", "{rate} × {r} {unit}{factor} {result}"),
    ("downgrade.noRefund", "no refund", "{value} − {cost} {result} ≤ 0 → no refund; the downgrade still happens (003 §3.2.7)"),
    ("downgrade.vouchersKept", "vouchers used on the current configuration are not returned (003 §3.2.7)", ""),
    ("expansion.periodAsUsed", "remaining period as used", "{r} rounded half up to 2 decimals (document policy, 003 §3.2.7 example shows 0.90)"),
    ("expansion.unitPrice", "unit capacity price", "remaining period {r} {unit} rounded up → {term} (003 §3.2.7)"),
    ("expansion.fee", "expansion fee", "({after} − {before}) GB × {r} {unit} × {rate} per GB{factor} {result}"),
    ("upgrade.cheaperByPrice", "the new configuration's current rate is below the old one's for at least one order: by price this is a downgrade (003 §3.2.7 note); see downgradeRefund", ""),
    // Notes of the checkout, timeline, postpaid and invoice rules.
    ("timeline.inUse", "in use", ""),
    ("timeline.inUseWorks", "everything: the paid term", ""),
    ("timeline.expired", "expired (grace period)", ""),
    ("timeline.expiredWorks", "works as usual; new services can still be opened (003 §1.4)", ""),
    ("timeline.frozen", "frozen (retention period)", ""),
    ("timeline.frozenWorks", "nothing: frozen, its data kept (003 §3.2.1)", ""),
    ("timeline.released", "released", ""),
    ("timeline.releasedWorks", "nothing: the resource and its data are deleted (003 §3.2.1)", ""),
    ("timeline.tooLate", "too late: buy a new one", ""),
    ("timeline.renew", "renew for {term}, from the old expiry {expiry} 23:59:59 on (003 §3.2.2.1)", ""),
    ("timeline.inArrears", "in arrears (grace period)", ""),
    ("timeline.arrearsGraceWorks", "partly: some pay-per-use resources cannot be used, and no new service can be opened (003 §5.2.5, §1.4)", ""),
    ("timeline.arrearsFrozenWorks", "nothing: the resource is stopped; its data is kept (003 §5.2.5)", ""),
    ("timeline.topUp", "top up at least the arrears: the top-up pays them first (003 §5.2.4)", ""),
    ("timeline.testVoucherFrozenWorks", "nothing: every pay-per-use resource of the account is frozen at once; its data is kept (003 §1.4)", ""),
    ("timeline.payArrears", "pay the arrears (bind a card or top up)", ""),
    ("timeline.quotaGraceWorks", "partly: the account is restricted — no new cloud service, some services limited (003 §5.3)", ""),
    ("timeline.quotaFrozenWorks", "nothing: pay-per-use resources (spot too) are frozen, non-full-upfront reserved instances unsubscribed without fee; prepaid ones, packages and full-upfront ones go on (003 §5.3)", ""),
    ("timeline.repayBills", "repay the bills (or have the quota raised): below 100 % of the quota the restrictions end (003 §5.3)", ""),
    ("timeline.nextAttempt", "next auto-renewal attempt, for the term after {after}", ""),
    ("timeline.attemptRenews", "auto-renewal for {term} charges {amount}: paid, the resource is renewed until {until}", ""),
    ("timeline.attemptFails", "auto-renewal for {term} tries to charge {amount}: balance and card fall short, it fails and is retried every day at 03:00", ""),
    ("timeline.firstAttempt", "first auto-renewal attempt for {term}: if it fails, it is retried every day at 03:00", ""),
    ("timeline.lastAttempt", "last auto-renewal attempt ({count} in all); if it fails too, the resource is released at the end of the day", ""),
    ("timeline.termEnds", "the term ends: the resource is expired and enters its 15-day grace period", ""),
    ("timeline.graceEnds", "the grace period ends: the resource is frozen (retention period, data kept)", ""),
    ("timeline.retentionEnds", "the retention period ends: the resource is released and its data deleted", ""),
    ("timeline.deductionFails", "the deduction fails: the account is in arrears and the 15-day grace period starts", ""),
    ("timeline.vouchersShort", "the test vouchers no longer cover the spending: every pay-per-use resource goes straight to the retention period", ""),
    ("timeline.reminder", "reminder (text and e-mail): {n} days before {what}", ""),
    ("timeline.reminderOneDay", "reminder (text and e-mail): 1 day before {what}", ""),
    ("timeline.beforeRetention", "the retention period", ""),
    ("timeline.beforeRelease", "release", ""),
    ("timeline.stateToday", "state today", "on {today}"),
    ("timeline.keepUntil", "keep it until", "renew or repay before this, or it is released"),
    ("timeline.renews", "auto-renewal", "balance (cash, then credit), then the bound card cover it (003 §3.2.3.1)"),
    ("timeline.failsEveryAttempt", "auto-renewal", "{shortfall} short: a top-up or a card before an attempt makes that attempt succeed, renewing from the old expiry"),
    ("timeline.dependsOnBalance", "auto-renewal", "no balance given: shown as if every attempt fails"),
    ("timeline.outcomeRenews", "renews", ""),
    ("timeline.outcomeFails", "fails every attempt", ""),
    ("timeline.outcomeDepends", "depends on the balance", ""),
    ("timeline.graceExpired", "grace period (expired)", "the {days} days after the expiry {expiry} (international site, 003 §1.4)"),
    ("timeline.retentionNext", "retention period (frozen)", "the next {days} days (003 §1.4)"),
    ("timeline.releasedAfter", "released", "after {last} 23:59:59 (003 §3.2.1)"),
    ("timeline.graceInArrears", "grace period (in arrears)", "{since} .. {since} + {days} days, the first day included (international site, 003 §1.4)"),
    ("timeline.retentionFrom", "retention period (frozen)", "{from} + {days} days (003 §1.4)"),
    ("timeline.releasedInArrears", "released", "after {last} 23:59:59 (003 §5.2.5)"),
    ("timeline.arrears", "arrears to repay", "owed since {since}"),
    ("timeline.renewFromOldExpiry", "a renewal in grace or retention starts at the original expiry: the days since are paid for, so it costs the same on any day until release (003 §3.2.2.1)", ""),
    ("timeline.doNotRenew", "\"do not renew at expiry\": it may still be renewed or set to auto-renewal until released (003 §3.2.5)", ""),
    ("timeline.autoRenewalOff", "auto-renewal is off: nothing is charged; renew by hand before release", ""),
    ("timeline.releaseByHand", "an expired or frozen resource can also be released at once by hand (003 §3.2.8)", ""),
    ("timeline.prepaidUnaffected", "a prepaid resource in effect is not affected by test-voucher or quota arrears (003 §1.4, §5.3)", ""),
    ("timeline.noPrices", "no prices given: give `prices` to see what keeping it costs", ""),
    ("timeline.noArrears", "no arrears amount given: give `arrears` to see what keeping it costs", ""),
    ("timeline.arrearsDays", "grace and retention count calendar days from the day the arrears began, that day included (rules.md A27)", ""),
    ("postpaid.available", "available (可用额度)", "{cash} (cash) − {arrears} (arrears), 003 §2"),
    ("postpaid.settled", "settled", ""),
    ("postpaid.due", "due, not overdue", ""),
    ("postpaid.overdue", "overdue", ""),
    ("postpaid.bill", "{month} bill, due {due} ({status})", "{amount} − {repaid} repaid = {remaining}"),
    ("postpaid.topUpToBills", "the top-up pays unpaid bills first", "−{bills} of {amount} (003 §2, §5.2.1; oldest first, A31)"),
    ("postpaid.repayment", "repayment of the {month} bill", "−{repaid}, at most its remaining amount due {due} (003 §5.2.3)"),
    ("postpaid.unbilled", "the {month} bill (not yet issued)", "issued and due on {value} (the 3rd of the next month, 003 §1.4){estimate}"),
    ("postpaid.estimate", "; estimate {estimate}, repaid early {early}", ""),
    ("postpaid.order", "order of {date} on monthly settlement", "{amount} on the {month} bill, issued {value}; the bound card is charged then (003 §1.2)"),
    ("postpaid.calendarRules", "003 §1.4: the bill is issued on the 3rd of the next month and due the same day (no repayment period unless agreed); not fully repaid by 24:00 that day, it is overdue. Vouchers cannot repay an issued bill (003 §9.1.2); one payment is at most 20,000 USD (003 §5.1.2)", ""),
    ("postpaid.topUpSplit", "the top-up of {amount}: {bills} to unpaid bills, {arrears} to arrears, {balance} to the cash balance", ""),
    ("invoice.noTax", "no indirect tax computed: this document moves a balance or is not Huawei Cloud's", ""),
    ("invoice.whtUpload", "003 §10.3: the WHT certificate is uploaded in the console (Invoices > WHT certificates)", ""),
    ("invoice.whtByPost", "003 §10.3: the console's WHT certificate upload is open only to Malaysia with Sparkoo Singapore and Thailand with Sparkoo Thailand; otherwise send it as 003 §8 says (e-mail, post)", ""),
    ("tax.whtBefore2021", "003 §8.2: before 2021-11-01 00:00 (Beijing time) Malaysian and Kenyan prices did not include WHT: nothing is withheld from this payment; where local law requires WHT the customer pays it to the tax office separately", ""),
    ("tax.whtFrom2021", "003 §8.2: from 2021-11-01 00:00 (Beijing time) Malaysian and Kenyan prices include WHT", ""),
    ("tax.stateHaryana", "SGST + CGST: the seller is in Haryana", ""),
    ("tax.stateOther", "IGST: another state than the seller's Haryana", ""),
    ("tax.state", "customer's state", "\"{given}\" = {name} ({tax}, 003 §8.1)"),
    ("tax.priceBeforeTax", "price before tax", "{price}"),
    ("tax.rate", "{tax} ({source})", "{price} × {rate} = {exact} → {amount} (half up)"),
    ("tax.givenRate", "indirect tax (given)", "{price} × {rate} = {exact} → {amount} (half up)"),
    ("tax.reverseCharge", "registered: not charged; the customer self-assesses the tax (reverse charge, 003 §8.1)", ""),
    ("tax.registered", "registered: not charged (003 §8.1)", ""),
    ("tax.noRate", "003 §8.1 states no indirect tax for {country}{what}: none is charged here; give indirectTaxRate if one applies", ""),
    ("tax.noRateSeller", " with this seller", ""),
    ("tax.noRateDate", " on this date", ""),
    ("tax.withholding", "withholding tax (paid to the tax office)", "{price} × {rate} = {exact} → {wht} (half up)"),
    ("tax.whtSeparately", "WHT paid separately to the tax office (not deducted)", "{price} × {rate} = {exact} → {value} (half up)"),
    ("tax.vatCollector", "VAT the customer pays itself (003 §8.1 Indonesia)", "{tax} paid by the customer to the tax authority (VAT collector)"),
    ("tax.invoice", "invoice", "{price} + {tax}"),
    ("tax.saudiSelfAssessed", "003 §8.1 Saudi Arabia: the bill still shows the VAT the customer self-assesses", ""),
    ("discount.business", "business discount", ""),
    ("discount.partner", "partner discount", ""),
    ("discount.promotion", "promotion discount", ""),
    ("discount.coupon", "discount coupon", ""),
    ("discount.id", " {id}", ""),
    ("discount.line", "{kind}{id} × {factor}", "{list} × {factor} = {exact} → {amount}; discount {list} − {amount} = {discount}"),
    ("discount.rule", "003 §3.2.3.1: candidates are business, partner and one promotion used on this resource and still valid (latest effective; same day → latest order); lowest amount wins; tie → business, partner, promotion", ""),
    ("discount.chosen", "lowest order amount {amount} (chosen)", ""),
    ("discount.sameAmount", "same amount {amount}; the {kind} goes first (003 §3.2.3.1 step 4)", ""),
    ("discount.higherAmount", "{amount} is above the lowest {lowest}", ""),
    ("discount.twoYearsOrLonger", "a partner discount does not apply to products of two years or more ({term}) (003 §9.2.1)", ""),
    ("discount.neverUsedHere", "never used on an earlier order of this resource (003 §3.3.2)", ""),
    ("discount.usedAfterThisOrder", "used on {used}, after this order's date {date}: not an earlier order of this resource (003 §3.3.2)", ""),
    ("discount.notYetInEffect", "not valid on {date}: in effect from {effective} (003 §3.2.3.1)", ""),
    ("discount.expired", "not valid on {date} (003 §3.2.3.1)", ""),
    ("discount.otherPromotionCompetes", "a used promotion with a later effective date, or the same date and a more recent order, is the one that competes (003 §3.2.3.1 step 2)", ""),
    ("discount.couponChosen", "the discount coupon the customer chose (003 §9.1.2: no voucher with it)", ""),
    ("cart.discount", "items[{i}]: {kind} × {factor}: {reason}", ""),
    ("cart.refused", "items[{i}] refused ({code} at {path}): left out of the totals", ""),
    ("discount.none", "no discount on offer: the list amount is due", ""),
    ("cart.order", "lines are paid in cart order: the voucher balance a line leaves is what the next sees; tax is on the subtotal after vouchers", ""),
    ("payment.customerBuys", "003 §1.3: {customer} buys an order by {methods}", ""),
    ("payment.customerRenews", "003 §1.3: {customer} auto-renews by {methods}", ""),
    ("payment.byHand", "nothing pays automatically: the order is paid by hand on the payment page, by the bound card or online payment (003 §1.2, §1.3)", ""),
    ("payment.onTheBill", "003 §1.2: {amount} goes on the month's bill, issued on the 3rd of the next month and then charged to the bound card", ""),
    ("payment.cardRenews", "A30: 003 §1.3's table lists only the balance for a prepaid customer's auto-renewal; billcalc follows §3.2.3.1 and its example, where the bound card pays what the balance cannot ({card}) — by the table alone this renewal would fail {card} short", ""),
    ("invoice.invoiced", "invoiced (before tax)", "{amount} − {voucher} paid by voucher (not invoiced, 003 §9.1.2)"),
    ("invoice.tax", "indirect tax (003 §8)", "{rates} = {amount}"),
    ("invoice.taxBack", "tax given back with the credit note (A33)", "{rates} = {amount}"),
    ("invoice.whtCertificate", "WHT certificate", "{total} = {parts}{how}"),
    ("invoice.proposed", ", proposed in proportion to the invoices before VAT (A34)", ""),
    ("invoice.taxNote", "tax: {note}", ""),
    ("invoice.toMaster", "003 §10.1: an enterprise sub-customer gets no invoice itself: its enterprise master is invoiced", ""),
    ("invoice.byPartner", "003 §10.1: a resale sub-customer is not invoiced automatically: ask the partner", ""),
    ("invoice.balancePaid", "A33: an order paid from the balance gets no new invoice: the top-up was invoiced (普通开票, 003 §10.1)", ""),
    ("invoice.issuedOn", "003 §10.1, §10.2: {what} issued automatically on {day}", ""),
    ("invoice.kindSubscription", "a subscription invoice (订阅开票), at payment,", ""),
    ("invoice.kindMonthly", "a monthly-settlement invoice (月结开票), with the bill of the 3rd of the next month,", ""),
    ("invoice.kindOrdinary", "an ordinary invoice (普通开票) for the top-up,", ""),
    ("invoice.kindCreditNote", "a credit note (贷项发票), nothing to return by hand,", ""),
];

/// The unit's plural word (`months`).
pub fn unit_word(unit: crate::domain::calendar::PeriodUnit) -> Msg {
    match unit {
        crate::domain::calendar::PeriodUnit::Months => Msg::new("unit.months"),
        crate::domain::calendar::PeriodUnit::Years => Msg::new("unit.years"),
    }
}

/// The unit's singular word (`month`).
pub fn unit_singular(unit: crate::domain::calendar::PeriodUnit) -> Msg {
    match unit {
        crate::domain::calendar::PeriodUnit::Months => Msg::new("unit.month"),
        crate::domain::calendar::PeriodUnit::Years => Msg::new("unit.year"),
    }
}

/// The rounding policy's name (`console`).
pub fn policy_word(policy: crate::domain::money::RoundingPolicy) -> Msg {
    use crate::domain::money::RoundingPolicy;
    Msg::new(match policy {
        RoundingPolicy::Console => "policy.console",
        RoundingPolicy::Document => "policy.document",
        RoundingPolicy::Exact => "policy.exact",
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_fill_the_template_and_clauses_nest() {
        let m = crate::msg!(
            "upgrade.newPrice",
            r = "2.5",
            unit = unit_word(crate::domain::calendar::PeriodUnit::Months),
            term = "3M"
        );
        assert_eq!(m.english(0), "new configuration price");
        assert_eq!(
            m.english(1),
            "remaining period 2.5 months rounded up → 3M (003 §3.2.7)"
        );
        let mut out = String::new();
        render(&mut out, "a {x} b {missing} c {", &[("x", maybe(None))]);
        assert_eq!(out, "a  b  c {");
    }

    /// Both tables' rows.
    fn all() -> impl Iterator<Item = &'static (&'static str, &'static str, &'static str)> {
        ENGLISH_IN_ANSWERS.iter().chain(ENGLISH)
    }

    /// Every key a rule uses has its English templates, and every key of the table is used (its
    /// literal appears in the sources outside the table).
    #[test]
    fn every_key_used_has_a_template_and_every_template_is_used() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/src");
        let mut sources = String::new();
        let mut dirs = vec![std::path::PathBuf::from(root)];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("domain/messages.rs")
                {
                    sources += &std::fs::read_to_string(&path).unwrap();
                }
            }
        }
        let own = std::fs::read_to_string(format!("{root}/domain/messages.rs")).unwrap();
        // The source after the tables (their rows name every key).
        let table = format!("pub static {}: &[", "ENGLISH");
        let after = own.split(table.as_str()).nth(1).unwrap();
        sources += after.split_once("\n];\n").unwrap().1;
        for marker in ["msg!(\"", "msg!(\n", "Msg::new(\""] {
            for (at, _) in sources.match_indices(marker) {
                let rest = sources[at + marker.len()..]
                    .trim_start()
                    .trim_start_matches('"');
                let key = &rest[..rest.find('"').unwrap()];
                assert!(
                    all().any(|t| t.0 == key),
                    "key {key:?} is used but has no English template"
                );
            }
        }
        for (key, _, _) in all() {
            assert!(
                sources.contains(&format!("\"{key}\"")),
                "key {key:?} has an English template but no rule uses it"
            );
        }
    }

    /// `js/messages-en.js` is written from [`ENGLISH`] (`scripts/test.sh` fails when the committed
    /// file differs).
    #[test]
    fn js_english_table_follows_the_rust_one() {
        let mut out = String::from(
            "// The English templates of the breakdown's messages, by key: [label or note or word, formula].\n\
             // Generated from src/domain/messages.rs by `cargo test`: edit the table there.\n\
             export const en = {\n",
        );
        for (key, label, formula) in all() {
            let q = |s: &str| s.replace('\\', "\\\\").replace('"', "\\\"");
            out += &format!("  \"{key}\": [\"{}\", \"{}\"],\n", q(label), q(formula));
        }
        out += "};\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/js/messages-en.js");
        std::fs::write(path, out).unwrap();
    }

    #[test]
    fn keys_are_unique() {
        let mut keys: Vec<&str> = all().map(|t| t.0).collect();
        keys.sort_unstable();
        let n = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), n, "a key appears twice in ENGLISH");
    }
}
