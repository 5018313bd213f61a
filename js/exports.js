// The package's named exports, shared by the Node and browser entries. Generated from the operations table (src/io/ops.rs) by `cargo test`: edit the table.
// Wrapping does not call into wasm, so it is safe before the entry point has
// instantiated the module.
import * as raw from "../pkg/billcalc.js";
import { wrap } from "./api.js";

/** Every operation, by the name a request's `op` gives it. */
export const OPERATIONS = [
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
  "checkout",
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
  "compareTerms",
  "resourceTimeline",
];

export const {
  quote,
  upgradeCost,
  expansionCost,
  downgradeRefund,
  unifiedExpiry,
  unsubscribeRefund,
  switchToOnDemand,
  reservedInstanceRefund,
  usageCharge,
  convertCurrency,
  bestDiscount,
  selectVoucher,
  checkout,
  paymentSplit,
  consumptionQuota,
  mergedPayment,
  billSummary,
  reservedPoolIdleFee,
  taxInvoice,
  autoRenewalSchedule,
  billRounding,
  packageUsage,
  packageRenewal,
  compareTerms,
  resourceTimeline,
  calculate,
  curve,
} = wrap(raw, OPERATIONS);
