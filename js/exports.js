// The package's named exports, shared by the Node and browser entries. Wrapping does not call
// into wasm, so it is safe before the entry point has instantiated the module.
import * as raw from "../pkg/billcalc.js";
import { wrap } from "./api.js";

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
  paymentSplit,
  packageUsage,
  packageRenewal,
  reservedPoolIdleFee,
  taxInvoice,
  autoRenewalSchedule,
  billRounding,
  consumptionQuota,
  mergedPayment,
  billSummary,
  calculate,
  curve,
} = wrap(raw);
