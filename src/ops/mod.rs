//! The operations: one module each, each a typed request in and a typed result with its
//! breakdown out. [`calculate`] dispatches a JSON request by its `op` field (CLI and batch use).

pub mod account;
pub mod auto_renewal;
pub mod bill_rounding;
pub mod convert_currency;
pub mod discount;
pub mod downgrade;
pub mod expansion;
pub mod package;
pub mod payment;
pub mod quote;
pub mod reserved_instance;
pub mod reserved_pool;
pub(crate) mod spec_change;
pub mod switch;
pub mod tax;
pub mod unified_expiry;
pub mod unsubscribe;
pub mod upgrade;
pub mod usage_charge;
pub mod voucher;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

use crate::breakdown::Breakdown;
use crate::error::{Error, ErrorCode, Result};
use crate::input;

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

fn run<Req: DeserializeOwned, Res: Serialize>(
    value: Value,
    f: fn(&Req) -> Result<Res>,
) -> Result<Value> {
    let req: Req = input::from_value(value)?;
    let res = f(&req)?;
    serde_json::to_value(res).map_err(|e| Error::new(ErrorCode::Internal, "", e.to_string()))
}

/// Something that has a rounding policy (every request).
trait Policy {
    fn policy(&self) -> crate::money::RoundingPolicy;
}

macro_rules! policy {
    ($($t:ty),*) => { $(impl Policy for $t { fn policy(&self) -> crate::money::RoundingPolicy { self.policy } })* };
}
policy!(
    quote::QuoteRequest,
    upgrade::UpgradeRequest,
    expansion::ExpansionRequest,
    downgrade::DowngradeRequest,
    unified_expiry::UnifiedExpiryRequest,
    unsubscribe::UnsubscribeRequest,
    switch::SwitchRequest,
    reserved_instance::ReservedInstanceRequest,
    usage_charge::UsageChargeRequest,
    convert_currency::ConvertRequest,
    discount::BestDiscountRequest,
    voucher::SelectVoucherRequest,
    payment::PaymentSplitRequest,
    account::QuotaRequest,
    account::MergedPaymentRequest,
    account::BillSummaryRequest,
    reserved_pool::ReservedPoolRequest,
    tax::TaxRequest,
    auto_renewal::AutoRenewalRequest,
    bill_rounding::BillRoundingRequest,
    package::PackageUsageRequest,
    package::PackageRenewalRequest
);

fn run_text<Req: DeserializeOwned + Policy, Res: Serialize>(
    request: &str,
    explain: bool,
    f: fn(&Req, Breakdown) -> Result<Res>,
) -> Result<String> {
    let req: Req = input::read(&mut serde_json::Deserializer::from_str(request))?;
    let b = if explain {
        Breakdown::new(req.policy())
    } else {
        Breakdown::silent(req.policy())
    };
    let res = f(&req, b)?;
    serde_json::to_string(&res).map_err(|e| Error::new(ErrorCode::Internal, "", e.to_string()))
}

/// Run operation `op` on a request given as JSON text (without `op`), answering JSON text: the
/// shortest path, used by the wasm package. With `explain` false the breakdown is left empty and no
/// formula is formatted (the figures are the same; the package fetches the breakdown on demand).
pub fn calculate_text(op: &str, request: &str, explain: bool) -> Result<String> {
    match op {
        "quote" => run_text(request, explain, quote::quote_with),
        "upgradeCost" => run_text(request, explain, upgrade::upgrade_cost_with),
        "expansionCost" => run_text(request, explain, expansion::expansion_cost_with),
        "downgradeRefund" => run_text(request, explain, downgrade::downgrade_refund_with),
        "unifiedExpiry" => run_text(request, explain, unified_expiry::unified_expiry_with),
        "unsubscribeRefund" => run_text(request, explain, unsubscribe::unsubscribe_refund_with),
        "switchToOnDemand" => run_text(request, explain, switch::switch_to_on_demand_with),
        "reservedInstanceRefund" => run_text(
            request,
            explain,
            reserved_instance::reserved_instance_refund_with,
        ),
        "usageCharge" => run_text(request, explain, usage_charge::usage_charge_with),
        "convertCurrency" => run_text(request, explain, convert_currency::convert_currency_with),
        "bestDiscount" => run_text(request, explain, discount::best_discount_with),
        "selectVoucher" => run_text(request, explain, voucher::select_voucher_with),
        "paymentSplit" => run_text(request, explain, payment::payment_split_with),
        "consumptionQuota" => run_text(request, explain, account::consumption_quota_with),
        "mergedPayment" => run_text(request, explain, account::merged_payment_with),
        "billSummary" => run_text(request, explain, account::bill_summary_with),
        "reservedPoolIdleFee" => {
            run_text(request, explain, reserved_pool::reserved_pool_idle_fee_with)
        }
        "taxInvoice" => run_text(request, explain, tax::tax_invoice_with),
        "autoRenewalSchedule" => {
            run_text(request, explain, auto_renewal::auto_renewal_schedule_with)
        }
        "billRounding" => run_text(request, explain, bill_rounding::bill_rounding_with),
        "packageUsage" => run_text(request, explain, package::package_usage_with),
        "packageRenewal" => run_text(request, explain, package::package_renewal_with),
        other => Err(unknown_op(other)),
    }
}

fn unknown_op(op: &str) -> Error {
    Error::new(
        ErrorCode::UnknownOperation,
        "op",
        format!(
            "\"{}\" is not an operation; use one of {}",
            crate::money::clip(op),
            OPERATIONS.join(", ")
        ),
    )
}

/// Run the operation named by the request's `op` field on the rest of the request.
pub fn calculate(mut request: Value) -> Result<Value> {
    let Some(obj) = request.as_object_mut() else {
        return Err(Error::new(
            ErrorCode::InvalidInput,
            "",
            "a request is a JSON object",
        ));
    };
    let op = match obj.remove("op") {
        Some(Value::String(s)) => s,
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
    calculate_op(&op, request)
}

/// Run operation `op` on `request` (without an `op` field).
pub fn calculate_op(op: &str, request: Value) -> Result<Value> {
    match op {
        "quote" => run(request, quote::quote),
        "upgradeCost" => run(request, upgrade::upgrade_cost),
        "expansionCost" => run(request, expansion::expansion_cost),
        "downgradeRefund" => run(request, downgrade::downgrade_refund),
        "unifiedExpiry" => run(request, unified_expiry::unified_expiry),
        "unsubscribeRefund" => run(request, unsubscribe::unsubscribe_refund),
        "switchToOnDemand" => run(request, switch::switch_to_on_demand),
        "reservedInstanceRefund" => run(request, reserved_instance::reserved_instance_refund),
        "usageCharge" => run(request, usage_charge::usage_charge),
        "convertCurrency" => run(request, convert_currency::convert_currency),
        "bestDiscount" => run(request, discount::best_discount),
        "selectVoucher" => run(request, voucher::select_voucher),
        "paymentSplit" => run(request, payment::payment_split),
        "consumptionQuota" => run(request, account::consumption_quota),
        "mergedPayment" => run(request, account::merged_payment),
        "billSummary" => run(request, account::bill_summary),
        "reservedPoolIdleFee" => run(request, reserved_pool::reserved_pool_idle_fee),
        "taxInvoice" => run(request, tax::tax_invoice),
        "autoRenewalSchedule" => run(request, auto_renewal::auto_renewal_schedule),
        "billRounding" => run(request, bill_rounding::bill_rounding),
        "packageUsage" => run(request, package::package_usage),
        "packageRenewal" => run(request, package::package_renewal),
        other => Err(unknown_op(other)),
    }
}
