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
  "postpaidCalendar",
  "invoice",
];

// The members of an answer only its explanation builds (the Rust answer's `Detail`
// members): left out of a figures-only call, given on first read with `breakdown`.
const DETAILS = {
  upgradeCost: ["orders"],
  downgradeRefund: ["orders", "refundTo"],
  unsubscribeRefund: ["orders", "refundTo"],
  switchToOnDemand: ["orders", "refundTo"],
  reservedInstanceRefund: ["refundTo"],
};

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
  postpaidCalendar,
  invoice,
  calculate,
  curve,
} = wrap(raw, OPERATIONS, DETAILS);
