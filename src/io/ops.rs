//! The operations over JSON: [`calculate`] dispatches a request by its `op` field (CLI and batch
//! use), [`calculate_text`] reads JSON text and answers JSON text (the wasm package).

use serde::Serialize;
use serde_json::Value;

use crate::domain::breakdown::Breakdown;
use crate::domain::provider::Provider;
use crate::error::{Error, ErrorCode, Result};
use crate::io::input::{self, Json};
use crate::io::output::{self, ToJson};

/// Every operation, by the name used in `op` (CLI) and as the npm export.
pub const OPERATIONS: &[&str] = &[
    "quote",
    "upgradeCost",
    "expansionCost",
    "downgradeRefund",
    "unifiedExpiry",
    "unsubscribeRefund",
    "switchToOnDemand",
    "reservedInstanceRefund",
    "usageCharge",
    "convertCurrency",
    "bestDiscount",
    "selectVoucher",
    "paymentSplit",
    "consumptionQuota",
    "mergedPayment",
    "billSummary",
    "reservedPoolIdleFee",
    "taxInvoice",
    "autoRenewalSchedule",
    "billRounding",
    "packageUsage",
    "packageRenewal",
];

fn run<Req: input::FromJson + Policy, Res: Serialize + ToJson>(
    op: &str,
    request: &Json,
    f: fn(&Req) -> Result<Res>,
) -> Result<Value> {
    let req: Req = input::read_json(request)?;
    req.check_provider(op)?;
    let res = f(&req)?;
    let value: Value = serde_json::from_str(&output::to_text(&res))
        .map_err(|e| Error::new(ErrorCode::Internal, "", e.to_string()))?;
    // Tests (debug builds) check every answer's text against the derived `Serialize`, which the
    // TypeScript types follow.
    debug_assert_eq!(
        Some(&value),
        serde_json::to_value(&res).ok().as_ref(),
        "{op}: the answer's writer and its Serialize form differ"
    );
    Ok(value)
}

/// What every request has: a rounding policy, and the provider whose rules it asks for.
trait Policy {
    fn policy(&self) -> crate::domain::money::RoundingPolicy;
    /// Refuse a provider whose rules the operation does not implement (never answer with
    /// another cloud's rules).
    fn check_provider(&self, op: &str) -> Result<()>;
}

fn provider_in(given: Option<Provider>, allowed: &[Provider], op: &str) -> Result<()> {
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

macro_rules! policy {
    ($allowed:expr => $($t:ty),*) => { $(impl Policy for $t {
        fn policy(&self) -> crate::domain::money::RoundingPolicy { self.policy }
        fn check_provider(&self, op: &str) -> Result<()> { provider_in(self.provider, $allowed, op) }
    })* };
}
use Provider::{Aliyun, Huawei, Tencent, Volcengine};
// Huawei's guide (003) only.
policy!(&[Huawei] =>
    crate::rules::lifecycle::quote::QuoteRequest,
    crate::rules::spec_changes::upgrade::UpgradeRequest,
    crate::rules::spec_changes::expansion::ExpansionRequest,
    crate::rules::spec_changes::downgrade::DowngradeRequest,
    crate::rules::lifecycle::unified_expiry::UnifiedExpiryRequest,
    crate::rules::refunds::unsubscribe::UnsubscribeRequest,
    crate::rules::lifecycle::switch::SwitchRequest,
    crate::rules::refunds::reserved_instance::ReservedInstanceRequest,
    crate::rules::checkout::discount::BestDiscountRequest,
    crate::rules::checkout::voucher::SelectVoucherRequest,
    crate::rules::checkout::payment::PaymentSplitRequest,
    crate::rules::usage::quota::QuotaRequest,
    crate::rules::usage::merged_payment::MergedPaymentRequest,
    crate::rules::usage::bill_summary::BillSummaryRequest,
    crate::rules::checkout::tax::TaxRequest,
    crate::rules::usage::package_renewal::PackageRenewalRequest
);
// Rules any provider's bill follows (004's tiers, display conversion, package deduction of 003/000).
policy!(&[Huawei, Aliyun, Tencent, Volcengine] =>
    crate::rules::usage::usage_charge::UsageChargeRequest,
    crate::rules::checkout::convert_currency::ConvertRequest,
    crate::rules::usage::package_usage::PackageUsageRequest
);
// Tencent's reserved pool (002).
policy!(&[Tencent] => crate::rules::usage::reserved_pool::ReservedPoolRequest);
// These two read `provider` themselves (profiles in src/domain/provider.rs).
impl Policy for crate::rules::lifecycle::auto_renewal::AutoRenewalRequest {
    fn policy(&self) -> crate::domain::money::RoundingPolicy {
        self.policy
    }
    fn check_provider(&self, _: &str) -> Result<()> {
        Ok(())
    }
}
impl Policy for crate::rules::usage::bill_rounding::BillRoundingRequest {
    fn policy(&self) -> crate::domain::money::RoundingPolicy {
        self.policy
    }
    fn check_provider(&self, _: &str) -> Result<()> {
        Ok(())
    }
}

/// Kept out of line: in wasm, V8 compiles a function on its first call, so a first call then compiles
/// only its own operation's reader instead of all 22 inlined into [`calculate_text`].
#[inline(never)]
fn run_text<Req: input::FromJson + Policy, Res: ToJson>(
    op: &str,
    request: &str,
    explain: bool,
    f: fn(&Req, Breakdown) -> Result<Res>,
) -> Result<String> {
    let req: Req = input::read_text(request)?;
    req.check_provider(op)?;
    let b = if explain {
        Breakdown::new(req.policy())
    } else {
        Breakdown::silent(req.policy())
    };
    let res = f(&req, b)?;
    Ok(output::to_text(&res))
}

/// Run operation `op` on a request given as JSON text (without `op`), answering JSON text: the
/// shortest path, used by the wasm package. With `explain` false no formula is formatted and the
/// answer has no `breakdown` member (the figures are the same; the package fetches the breakdown on
/// demand, and adding it to the parsed object is cheaper for V8 than replacing one).
pub fn calculate_text(op: &str, request: &str, explain: bool) -> Result<String> {
    match op {
        "quote" => run_text(
            op,
            request,
            explain,
            crate::rules::lifecycle::quote::quote_with,
        ),
        "upgradeCost" => run_text(
            op,
            request,
            explain,
            crate::rules::spec_changes::upgrade::upgrade_cost_with,
        ),
        "expansionCost" => run_text(
            op,
            request,
            explain,
            crate::rules::spec_changes::expansion::expansion_cost_with,
        ),
        "downgradeRefund" => run_text(
            op,
            request,
            explain,
            crate::rules::spec_changes::downgrade::downgrade_refund_with,
        ),
        "unifiedExpiry" => run_text(
            op,
            request,
            explain,
            crate::rules::lifecycle::unified_expiry::unified_expiry_with,
        ),
        "unsubscribeRefund" => run_text(
            op,
            request,
            explain,
            crate::rules::refunds::unsubscribe::unsubscribe_refund_with,
        ),
        "switchToOnDemand" => run_text(
            op,
            request,
            explain,
            crate::rules::lifecycle::switch::switch_to_on_demand_with,
        ),
        "reservedInstanceRefund" => run_text(
            op,
            request,
            explain,
            crate::rules::refunds::reserved_instance::reserved_instance_refund_with,
        ),
        "usageCharge" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::usage_charge::usage_charge_with,
        ),
        "convertCurrency" => run_text(
            op,
            request,
            explain,
            crate::rules::checkout::convert_currency::convert_currency_with,
        ),
        "bestDiscount" => run_text(
            op,
            request,
            explain,
            crate::rules::checkout::discount::best_discount_with,
        ),
        "selectVoucher" => run_text(
            op,
            request,
            explain,
            crate::rules::checkout::voucher::select_voucher_with,
        ),
        "paymentSplit" => run_text(
            op,
            request,
            explain,
            crate::rules::checkout::payment::payment_split_with,
        ),
        "consumptionQuota" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::quota::consumption_quota_with,
        ),
        "mergedPayment" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::merged_payment::merged_payment_with,
        ),
        "billSummary" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::bill_summary::bill_summary_with,
        ),
        "reservedPoolIdleFee" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::reserved_pool::reserved_pool_idle_fee_with,
        ),
        "taxInvoice" => run_text(
            op,
            request,
            explain,
            crate::rules::checkout::tax::tax_invoice_with,
        ),
        "autoRenewalSchedule" => run_text(
            op,
            request,
            explain,
            crate::rules::lifecycle::auto_renewal::auto_renewal_schedule_with,
        ),
        "billRounding" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::bill_rounding::bill_rounding_with,
        ),
        "packageUsage" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::package_usage::package_usage_with,
        ),
        "packageRenewal" => run_text(
            op,
            request,
            explain,
            crate::rules::usage::package_renewal::package_renewal_with,
        ),
        other => Err(unknown_op(other)),
    }
}

fn unknown_op(op: &str) -> Error {
    Error::new(
        ErrorCode::UnknownOperation,
        "op",
        format!(
            "\"{}\" is not an operation; use one of {}",
            crate::domain::money::clip(op),
            OPERATIONS.join(", ")
        ),
    )
}

/// Run the operation named by the request's `op` field on the rest of the request.
pub fn calculate(request: Value) -> Result<Value> {
    calculate_json(Json::from_value(request))
}

/// [`calculate`] on a request read by [`input::parse_text`] (the CLI: a repeated member is refused
/// there, as in the package, instead of the last one silently winning).
pub fn calculate_json(request: Json) -> Result<Value> {
    if !matches!(request, Json::Object(_)) {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "",
            "a request is a JSON object",
        ));
    }
    let (op, rest) = request.take_op();
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
                    OPERATIONS.join(", ")
                ),
            ))
        }
    };
    calculate_op(&op, &rest)
}

/// Run operation `op` on `request` (without an `op` field).
pub fn calculate_op(op: &str, request: &Json) -> Result<Value> {
    match op {
        "quote" => run(op, request, crate::rules::lifecycle::quote::quote),
        "upgradeCost" => run(
            op,
            request,
            crate::rules::spec_changes::upgrade::upgrade_cost,
        ),
        "expansionCost" => run(
            op,
            request,
            crate::rules::spec_changes::expansion::expansion_cost,
        ),
        "downgradeRefund" => run(
            op,
            request,
            crate::rules::spec_changes::downgrade::downgrade_refund,
        ),
        "unifiedExpiry" => run(
            op,
            request,
            crate::rules::lifecycle::unified_expiry::unified_expiry,
        ),
        "unsubscribeRefund" => run(
            op,
            request,
            crate::rules::refunds::unsubscribe::unsubscribe_refund,
        ),
        "switchToOnDemand" => run(
            op,
            request,
            crate::rules::lifecycle::switch::switch_to_on_demand,
        ),
        "reservedInstanceRefund" => run(
            op,
            request,
            crate::rules::refunds::reserved_instance::reserved_instance_refund,
        ),
        "usageCharge" => run(op, request, crate::rules::usage::usage_charge::usage_charge),
        "convertCurrency" => run(
            op,
            request,
            crate::rules::checkout::convert_currency::convert_currency,
        ),
        "bestDiscount" => run(op, request, crate::rules::checkout::discount::best_discount),
        "selectVoucher" => run(op, request, crate::rules::checkout::voucher::select_voucher),
        "paymentSplit" => run(op, request, crate::rules::checkout::payment::payment_split),
        "consumptionQuota" => run(op, request, crate::rules::usage::quota::consumption_quota),
        "mergedPayment" => run(
            op,
            request,
            crate::rules::usage::merged_payment::merged_payment,
        ),
        "billSummary" => run(op, request, crate::rules::usage::bill_summary::bill_summary),
        "reservedPoolIdleFee" => run(
            op,
            request,
            crate::rules::usage::reserved_pool::reserved_pool_idle_fee,
        ),
        "taxInvoice" => run(op, request, crate::rules::checkout::tax::tax_invoice),
        "autoRenewalSchedule" => run(
            op,
            request,
            crate::rules::lifecycle::auto_renewal::auto_renewal_schedule,
        ),
        "billRounding" => run(
            op,
            request,
            crate::rules::usage::bill_rounding::bill_rounding,
        ),
        "packageUsage" => run(
            op,
            request,
            crate::rules::usage::package_usage::package_usage,
        ),
        "packageRenewal" => run(
            op,
            request,
            crate::rules::usage::package_renewal::package_renewal,
        ),
        other => Err(unknown_op(other)),
    }
}
