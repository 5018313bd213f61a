//! The operations: one table ([`OPERATIONS`]) of each operation's name, request and answer types,
//! rule, the providers whose rules it implements and its what-if curve. Dispatch, `billcalc ops`,
//! the package's exports (`js/exports.js`) and its TypeScript declarations (`js/index.d.ts`) all
//! come from it: adding an operation is its rule file and one line here.

use chrono::NaiveDate;
use serde_json::Value;

use crate::domain::breakdown::Breakdown;
use crate::domain::money::clip;
use crate::domain::provider::Provider::{self, Aliyun, Huawei, Tencent, Volcengine};
use crate::error::{Error, ErrorCode, Result};
use crate::io::json::Json;
use crate::io::read::{parse_text, read_json, FromJson};
use crate::io::write::{to_text, ToJson};
use crate::rules::curve::{self, Curve};
use crate::rules::{Options, Request};

use crate::rules::checkout::cart::{self, CheckoutRequest, CheckoutResponse};
use crate::rules::checkout::convert_currency::{self, ConvertRequest, ConvertResponse};
use crate::rules::checkout::discount::{self, BestDiscountRequest, BestDiscountResponse};
use crate::rules::checkout::invoice::{self, InvoiceRequest, InvoiceResponse};
use crate::rules::checkout::payment::{self, PaymentSplitRequest, PaymentSplitResponse};
use crate::rules::checkout::tax::{self, TaxRequest, TaxResponse};
use crate::rules::checkout::voucher::{self, SelectVoucherRequest, SelectVoucherResponse};
use crate::rules::lifecycle::auto_renewal::{self, AutoRenewalRequest, AutoRenewalResponse};
use crate::rules::lifecycle::compare_terms::{self, CompareTermsRequest, CompareTermsResponse};
use crate::rules::lifecycle::quote::{self, QuoteRequest, QuoteResponse};
use crate::rules::lifecycle::switch::{self, SwitchRequest, SwitchResponse};
use crate::rules::lifecycle::timeline::{self, TimelineRequest, TimelineResponse};
use crate::rules::lifecycle::unified_expiry::{self, UnifiedExpiryRequest, UnifiedExpiryResponse};
use crate::rules::refunds::reserved_instance::{
    self, ReservedInstanceRequest, ReservedInstanceResponse,
};
use crate::rules::refunds::unsubscribe::{self, UnsubscribeRequest, UnsubscribeResponse};
use crate::rules::spec_changes::downgrade::{self, DowngradeRequest, DowngradeResponse};
use crate::rules::spec_changes::expansion::{self, ExpansionRequest, ExpansionResponse};
use crate::rules::spec_changes::upgrade::{self, UpgradeRequest, UpgradeResponse};
use crate::rules::usage::bill_rounding::{self, BillRoundingRequest, BillRoundingResponse};
use crate::rules::usage::bill_summary::{self, BillSummaryRequest, BillSummaryResponse};
use crate::rules::usage::merged_payment::{self, MergedPaymentRequest, MergedPaymentResponse};
use crate::rules::usage::package_renewal::{self, PackageRenewalRequest, PackageRenewalResponse};
use crate::rules::usage::package_usage::{self, PackageUsageRequest, PackageUsageResponse};
use crate::rules::usage::postpaid_calendar::{
    self, PostpaidCalendarRequest, PostpaidCalendarResponse,
};
use crate::rules::usage::quota::{self, QuotaRequest, QuotaResponse};
use crate::rules::usage::reserved_pool::{self, ReservedPoolRequest, ReservedPoolResponse};
use crate::rules::usage::usage_charge::{self, UsageChargeRequest, UsageChargeResponse};

/// One operation.
pub struct Operation {
    /// The name: a request's `op`, the package's export, a line of `billcalc ops`.
    pub name: &'static str,
    /// What it answers, with its source (the TypeScript declaration's doc comment). Like the
    /// type names below, for `billcalc ops` and the declarations: not shipped in the wasm module.
    #[cfg(not(target_arch = "wasm32"))]
    pub summary: &'static str,
    /// The request type's name (in `js/types.d.ts`).
    #[cfg(not(target_arch = "wasm32"))]
    pub request: &'static str,
    /// The answer type's name.
    #[cfg(not(target_arch = "wasm32"))]
    pub answer: &'static str,
    /// The answer's members only an explanation builds (its `Detail` members, by JSON name):
    /// a figures-only answer has neither them nor `breakdown`; the package gives them on first
    /// read (`js/exports.js` lists them).
    #[cfg(not(target_arch = "wasm32"))]
    pub details: fn() -> Vec<&'static str>,
    /// Whose rules it implements; a request naming another provider is refused.
    pub providers: &'static [Provider],
    /// Run on a request (without `op`): the answer as JSON text, without `breakdown` when
    /// `explain` is false.
    pub run: fn(&Json, bool) -> Result<String>,
    /// The what-if curve: the amount on every day of a range, for operations on a day.
    pub curve: Option<CurveFn>,
}

/// A curve over a request, from a day to a day (default: the orders' whole life).
pub type CurveFn = fn(&Json, Option<NaiveDate>, Option<NaiveDate>) -> Result<Curve>;

/// Huawei's guide (003) only.
const HUAWEI: &[Provider] = &[Huawei];
/// Rules any provider's bill follows, or that read the provider's profile.
const ANY: &[Provider] = &[Huawei, Aliyun, Tencent, Volcengine];
/// Tencent's reserved pool (002).
const TENCENT: &[Provider] = &[Tencent];

macro_rules! operations {
    ($($name:literal: $rule:path, $req:ident -> $res:ident, $providers:ident,
        $summary:literal $(, curve: $amount:expr)?;)*) => {
        /// Every operation.
        pub static OPERATIONS: &[Operation] = &[$(Operation {
            name: $name,
            #[cfg(not(target_arch = "wasm32"))]
            summary: $summary,
            #[cfg(not(target_arch = "wasm32"))]
            request: stringify!($req),
            #[cfg(not(target_arch = "wasm32"))]
            answer: stringify!($res),
            #[cfg(not(target_arch = "wasm32"))]
            details: || {
                let mut members = Vec::new();
                <$res>::json_details(&mut members);
                members
            },
            providers: $providers,
            run: |json, explain| run::<$req, $res>($name, json, explain, $providers, $rule),
            curve: operations!(@curve $name, $req, $rule, $providers $(, $amount)?),
        }),*];

        /// Declare every request and answer type (and what they name) into `file`.
        #[cfg(test)]
        fn declare_types(file: &mut crate::io::ts::TsFile) {
            use crate::io::ts::Ts;
            file.reading = true;
            $(<$req>::declare(file);)*
            file.reading = false;
            $(<$res>::declare(file);)*
            Curve::declare(file);
            crate::error::Refusal::declare(file);
        }

        $(impl Request for $req {
            fn options(&self) -> Options {
                self.options
            }
        })*
    };
    (@curve $name:literal, $req:ident, $rule:path, $providers:ident) => { None };
    (@curve $name:literal, $req:ident, $rule:path, $providers:ident, $amount:expr) => {
        Some(|json, from, to| {
            let mut req: $req = read_json(json)?;
            check_provider($name, req.options().provider, $providers)?;
            curve::curve(&mut req, from, to, |r: &$req| {
                $rule(r, Breakdown::silent(r.options.policy)).map(|a| ($amount)(&a))
            })
        })
    };
}

operations! {
    "quote": quote::quote, QuoteRequest -> QuoteResponse, HUAWEI,
        "003 §3.2.2: price a new purchase or a renewal.";
    "upgradeCost": upgrade::upgrade_cost, UpgradeRequest -> UpgradeResponse, HUAWEI,
        "003 §3.2.7: upgrade cost, per order, with discount / fixed-price / reduction offers.",
        curve: |a: &UpgradeResponse| a.cost;
    "expansionCost": expansion::expansion_cost, ExpansionRequest -> ExpansionResponse, HUAWEI,
        "003 §3.2.7: disk (EVS) expansion cost.";
    "downgradeRefund": downgrade::downgrade_refund, DowngradeRequest -> DowngradeResponse,
        HUAWEI, "003 §3.2.7: downgrade refund.",
        curve: |a: &DowngradeResponse| a.refund;
    "unifiedExpiry": unified_expiry::unified_expiry,
        UnifiedExpiryRequest -> UnifiedExpiryResponse, HUAWEI,
        "003 §3.2.2.3: renewal to a unified expiry day, or setting the day and renewing up to it.";
    "unsubscribeRefund": unsubscribe::unsubscribe_refund,
        UnsubscribeRequest -> UnsubscribeResponse, HUAWEI,
        "003 §3.4: unsubscribe refund (in use, not yet effective, renewal period, creation failed).",
        curve: |a: &UnsubscribeResponse| a.refund;
    "switchToOnDemand": switch::switch_to_on_demand, SwitchRequest -> SwitchResponse, HUAWEI,
        "003 §3.2.6: switch a prepaid resource to pay-per-use (immediately or at expiry).",
        curve: |a: &SwitchResponse| a.refund.refund;
    "reservedInstanceRefund": reserved_instance::reserved_instance_refund,
        ReservedInstanceRequest -> ReservedInstanceResponse, HUAWEI,
        "003 §3.4.2.2 table 3-6: reserved-instance unsubscribe.";
    "usageCharge": usage_charge::usage_charge, UsageChargeRequest -> UsageChargeResponse, ANY,
        "004, 003 §6.1.1: pay-per-use usage charge with fixed or tiered prices.";
    "convertCurrency": convert_currency::convert_currency, ConvertRequest -> ConvertResponse,
        ANY, "003 §6.1.4, §5.2.3: convert an amount for display (half up; JPY to whole yen).";
    "bestDiscount": discount::best_discount, BestDiscountRequest -> BestDiscountResponse,
        HUAWEI,
        "003 §3.2.3.1, §3.3.2: the discount the system picks (business, partner, one used promotion).";
    "selectVoucher": voucher::select_voucher, SelectVoucherRequest -> SelectVoucherResponse,
        HUAWEI,
        "003 §3.2.3.1, §9.1, §13.1.2.1: which voucher pays (current or old rule) and which cannot, and why.";
    "checkout": cart::checkout, CheckoutRequest -> CheckoutResponse, HUAWEI,
        "003 §3.2.3.1, §3.3.2, §8: a cart in one call — each line priced, discounted, a voucher picked; tax, who pays, display currency.";
    "paymentSplit": payment::payment_split, PaymentSplitRequest -> PaymentSplitResponse,
        HUAWEI,
        "003 §3.2.3.1, §3.3.2: discount → voucher → cash → credit → card or month-end settlement; the shortfall reported.";
    "consumptionQuota": quota::consumption_quota, QuotaRequest -> QuotaResponse, HUAWEI,
        "003 §5.3: the consumption quota of a monthly-settlement customer.";
    "mergedPayment": merged_payment::merged_payment,
        MergedPaymentRequest -> MergedPaymentResponse, HUAWEI,
        "003 §3.1.1, §5.1.2: a merged payment (≤ 30 orders) without the third-party parts.";
    "billSummary": bill_summary::bill_summary, BillSummaryRequest -> BillSummaryResponse,
        HUAWEI, "003 §6.1.6, §7.2.2: a month's bill totals, remaining due, refunds, overflow.";
    "reservedPoolIdleFee": reserved_pool::reserved_pool_idle_fee,
        ReservedPoolRequest -> ReservedPoolResponse, TENCENT,
        "002: the idle fee of a Tencent reserved resource pool (single-use or cyclic).";
    "taxInvoice": tax::tax_invoice, TaxRequest -> TaxResponse, HUAWEI,
        "003 §8: indirect tax, withholding tax, invoice and net payable.";
    "autoRenewalSchedule": auto_renewal::auto_renewal_schedule,
        AutoRenewalRequest -> AutoRenewalResponse, ANY,
        "003 §3.2.3.1, §13.1.2.1; 001: the auto-renewal schedule — first attempt, daily retries, last attempt, expiry on success.";
    "billRounding": bill_rounding::bill_rounding, BillRoundingRequest -> BillRoundingResponse,
        ANY,
        "003 §6.1.6, §7.1, §13.2.8; 004: how a bill's exact amounts are rounded or cut, per provider, customer type and month.";
    "packageUsage": package_usage::package_usage, PackageUsageRequest -> PackageUsageResponse,
        ANY, "003 §3.2.4.1; 000: usage deducted from resource packages, the pay-per-use overage and why.";
    "packageRenewal": package_renewal::package_renewal,
        PackageRenewalRequest -> PackageRenewalResponse, HUAWEI,
        "003 §3.2.4: a package's new term when renewed (from the old expiry) or repurchased (at once).";
    "compareTerms": compare_terms::compare_terms, CompareTermsRequest -> CompareTermsResponse,
        HUAWEI,
        "003 §3.2.2, §3.2.6.2: every purchasable term side by side — total, monthly price, saving, pay-per-use break-even.";
    "resourceTimeline": timeline::resource_timeline, TimelineRequest -> TimelineResponse, HUAWEI,
        "003 §3.2.1, §3.2.10, §1.4, §5.2.5, §5.3: what happens next — in use, expired (grace), frozen (retention), released, the auto-renewal attempts, and what keeping the resource costs.";
    "postpaidCalendar": postpaid_calendar::postpaid_calendar,
        PostpaidCalendarRequest -> PostpaidCalendarResponse, HUAWEI,
        "003 §1.4, §2, §5.2.3: the bills' issue, due and overdue days, monthly-settlement orders, what a top-up pays first, the available balance and how much may be repaid.";
    "invoice": invoice::invoice, InvoiceRequest -> InvoiceResponse, HUAWEI,
        "003 §10, §8, §9.1.2: which invoice or credit note, from whom and when; vouchers not invoiced; tax given back on a refund; a WHT certificate's amounts per invoice.";
}

/// Refuse a provider whose rules the operation does not implement (never answer with another
/// cloud's rules).
fn check_provider(op: &str, given: Option<Provider>, allowed: &[Provider]) -> Result<()> {
    match given {
        Some(p) if !allowed.contains(&p) => Err(Error::new(
            ErrorCode::NotSupported,
            "provider",
            format!(
                "{op} implements {} rules only; the documents give no {} rule for it",
                allowed
                    .iter()
                    .map(|a| a.name())
                    .collect::<Vec<_>>()
                    .join(" and "),
                p.name()
            ),
        )),
        _ => Ok(()),
    }
}

/// Read the request, check its provider, run the rule (explained or silent), write the answer.
/// Kept out of line: in wasm, V8 compiles a function on its first call, so a first call compiles
/// only its own operation's reader and writer.
#[inline(never)]
fn run<Req: FromJson + Request, Res: ToJson>(
    op: &str,
    request: &Json,
    explain: bool,
    providers: &[Provider],
    rule: fn(&Req, Breakdown) -> Result<Res>,
) -> Result<String> {
    let req: Req = read_json(request)?;
    check_provider(op, req.options().provider, providers)?;
    let b = Breakdown::explaining(explain, req.options().policy);
    Ok(to_text(&rule(&req, b)?))
}

/// The operation named `op`.
pub fn operation(op: &str) -> Result<&'static Operation> {
    OPERATIONS.iter().find(|o| o.name == op).ok_or_else(|| {
        Error::new(
            ErrorCode::UnknownOperation,
            "op",
            format!(
                "\"{}\" is not an operation; use one of {}",
                clip(op),
                names().join(", ")
            ),
        )
    })
}

/// The operations' names.
pub fn names() -> Vec<&'static str> {
    OPERATIONS.iter().map(|o| o.name).collect()
}

/// Run operation `op` on a request given as JSON text (without `op`), answering JSON text: the
/// wasm package's entry. With `explain` false no formula is formatted and the answer has no
/// `breakdown` member (the figures are the same; the package fetches the breakdown on demand).
pub fn calculate_text(op: &str, request: &str, explain: bool) -> Result<String> {
    let o = operation(op)?;
    (o.run)(&parse_text(request)?, explain)
}

/// Run the operation named in a request's `op` member, answering JSON text (the CLI: a request
/// read, an answer written).
pub fn calculate_json(request: Json) -> Result<String> {
    if !matches!(request, Json::Object(_)) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "",
            "a request is a JSON object",
        ));
    }
    let (op, rest) = crate::io::json::take_op(request);
    let op = match op {
        Some(Json::String(s)) => s,
        Some(_) => {
            return Err(Error::new(
                ErrorCode::UnknownOperation,
                "op",
                "op must be a string",
            ))
        }
        None => {
            return Err(Error::new(
                ErrorCode::MissingField,
                "op",
                format!(
                    "name the operation in \"op\": one of {}",
                    names().join(", ")
                ),
            ))
        }
    };
    (operation(&op)?.run)(&rest, true)
}

/// [`calculate_json`] on a `serde_json` value, answering a value (Rust callers and tests).
pub fn calculate(request: Value) -> Result<Value> {
    let text = calculate_json(crate::io::json::from_value(request))?;
    serde_json::from_str(&text).map_err(|e| Error::new(ErrorCode::Internal, "", e.to_string()))
}

/// The what-if curve of operation `op` on a request given as JSON text (without `op`).
pub fn curve_text(
    op: &str,
    request: &str,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<String> {
    let o = operation(op)?;
    let Some(curve) = o.curve else {
        let with: Vec<&str> = OPERATIONS
            .iter()
            .filter(|o| o.curve.is_some())
            .map(|o| o.name)
            .collect();
        return Err(Error::new(
            ErrorCode::UnknownOperation,
            "op",
            format!(
                "\"{op}\" has no curve; curves exist for {}",
                with.join(", ")
            ),
        ));
    };
    curve(&parse_text(request)?, from, to).map(|c| to_text(&c))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `js/exports.js`, `js/index.d.ts` and `js/types.d.ts` are written from the table and the
    /// types' declarations: `scripts/test.sh` fails when the committed files differ.
    #[test]
    fn js_follows_the_operations_table() {
        let root = env!("CARGO_MANIFEST_DIR");
        std::fs::write(format!("{root}/js/exports.js"), exports_js()).unwrap();
        std::fs::write(format!("{root}/js/index.d.ts"), index_d_ts()).unwrap();
        let mut file = crate::io::ts::TsFile::default();
        declare_types(&mut file);
        std::fs::write(format!("{root}/js/types.d.ts"), file.text()).unwrap();
    }

    #[test]
    fn names_are_unique() {
        let mut names = names();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), OPERATIONS.len());
    }

    const GENERATED: &str =
        "Generated from the operations table (src/io/ops.rs) by `cargo test`: edit the table.";

    fn exports_js() -> String {
        let names = names();
        let list: Vec<String> = names.iter().map(|n| format!("  \"{n}\",\n")).collect();
        let exported: Vec<String> = names.iter().map(|n| format!("  {n},\n")).collect();
        let details: Vec<String> = OPERATIONS
            .iter()
            .filter_map(|o| {
                let members = (o.details)();
                let quoted: Vec<String> = members.iter().map(|m| format!("\"{m}\"")).collect();
                (!members.is_empty()).then(|| format!("  {}: [{}],\n", o.name, quoted.join(", ")))
            })
            .collect();
        format!(
            "// The package's named exports, shared by the Node and browser entries. {GENERATED}\n\
             // Wrapping does not call into wasm, so it is safe before the entry point has\n\
             // instantiated the module.\n\
             import * as raw from \"../pkg/billcalc.js\";\n\
             import {{ wrap }} from \"./api.js\";\n\n\
             /** Every operation, by the name a request's `op` gives it. */\n\
             export const OPERATIONS = [\n{}];\n\n\
             // The members of an answer only its explanation builds (the Rust answer's `Detail`\n\
             // members): left out of a figures-only call, given on first read with `breakdown`.\n\
             const DETAILS = {{\n{}}};\n\n\
             export const {{\n{}  calculate,\n  curve,\n}} = wrap(raw, OPERATIONS, DETAILS);\n",
            list.concat(),
            details.concat(),
            exported.concat()
        )
    }

    fn index_d_ts() -> String {
        let mut types: Vec<&str> = OPERATIONS
            .iter()
            .flat_map(|o| [o.request, o.answer])
            .chain(["Curve", "ErrorCode"])
            .collect();
        types.sort_unstable();
        types.dedup();
        let mut out = format!(
            "// Public API of the billcalc package. {GENERATED}\n\
             // The request, answer and error types are the Rust types' own (js/types.d.ts,\n\
             // written from their declarations by `cargo test`).\n\
             import type {{\n{}}} from \"./types.js\";\n\n\
             export * from \"./types.js\";\n\n\
             /** Every operation's name. */\n\
             export declare const OPERATIONS: readonly string[];\n\n\
             /** A refused request: thrown as an `Error` with a stable `code` and the offending field's `path`. */\n\
             export interface BillcalcError extends Error {{\n  name: \"BillcalcError\";\n  \
             /** Stable machine code, e.g. `INVALID_PERIOD`. */\n  code: ErrorCode;\n  \
             /** Path of the offending request field (`orders[1].end`); empty for the whole request. */\n  \
             path: string;\n}}\n\n",
            types.iter().map(|t| format!("  {t},\n")).collect::<String>()
        );
        for o in OPERATIONS {
            out += &format!(
                "/** {} */\nexport declare function {}(request: {}): {};\n",
                o.summary, o.name, o.request, o.answer
            );
        }
        let requests: Vec<String> = OPERATIONS
            .iter()
            .map(|o| format!("  | ({{ op: \"{}\" }} & {})\n", o.name, o.request))
            .collect();
        let answers: Vec<String> = OPERATIONS
            .iter()
            .map(|o| format!("  | {}\n", o.answer))
            .collect();
        let curves: Vec<String> = OPERATIONS
            .iter()
            .filter(|o| o.curve.is_some())
            .map(|o| format!("  | ({{ op: \"{}\" }} & {})\n", o.name, o.request))
            .collect();
        out += &format!(
            "\n/** A request with its operation named in `op`, as the CLI reads it. */\n\
             export type AnyRequest =\n{};\n\n\
             /** Any operation, named by `op`. */\n\
             export declare function calculate(\n  request: AnyRequest,\n):\n{};\n\n\
             /** A what-if curve request: an operation on a day and, optionally, the days to cover. */\n\
             export type CurveRequest = (\n{}) & {{\n  \
             /** First day (default: the first order's start). */\n  from?: string;\n  \
             /** Last day (default: the last order's end). */\n  to?: string;\n}};\n\n\
             /** The amount of one operation for every day, in integer cents, in one call. */\n\
             export declare function curve(request: CurveRequest): Curve;\n\n\
             /** Resolved once the wasm module is ready (already when the import resolves). */\n\
             export declare const ready: Promise<void>;\n",
            requests.concat().trim_end(),
            answers.concat().trim_end(),
            curves.concat()
        );
        out
    }
}
