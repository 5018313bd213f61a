// Public API of the billcalc package. Generated from the operations table (src/io/ops.rs) by `cargo test`: edit the table.
// The request, answer and error types are the Rust types' own (js/types.d.ts,
// written from their declarations by `cargo test`).
import type {
  AutoRenewalRequest,
  AutoRenewalResponse,
  BestDiscountRequest,
  BestDiscountResponse,
  BillRoundingRequest,
  BillRoundingResponse,
  BillSummaryRequest,
  BillSummaryResponse,
  CheckoutRequest,
  CheckoutResponse,
  CompareTermsRequest,
  CompareTermsResponse,
  ConvertRequest,
  ConvertResponse,
  Curve,
  DowngradeRequest,
  DowngradeResponse,
  ErrorCode,
  ExpansionRequest,
  ExpansionResponse,
  InvoiceRequest,
  InvoiceResponse,
  MergedPaymentRequest,
  MergedPaymentResponse,
  PackageRenewalRequest,
  PackageRenewalResponse,
  PackageUsageRequest,
  PackageUsageResponse,
  PaymentSplitRequest,
  PaymentSplitResponse,
  PostpaidCalendarRequest,
  PostpaidCalendarResponse,
  QuotaRequest,
  QuotaResponse,
  QuoteRequest,
  QuoteResponse,
  ReservedInstanceRequest,
  ReservedInstanceResponse,
  ReservedPoolRequest,
  ReservedPoolResponse,
  SelectVoucherRequest,
  SelectVoucherResponse,
  SwitchRequest,
  SwitchResponse,
  TaxRequest,
  TaxResponse,
  TimelineRequest,
  TimelineResponse,
  UnifiedExpiryRequest,
  UnifiedExpiryResponse,
  UnsubscribeRequest,
  UnsubscribeResponse,
  UpgradeRequest,
  UpgradeResponse,
  UsageChargeRequest,
  UsageChargeResponse,
} from "./types.js";

export * from "./types.js";

/** Every operation's name. */
export declare const OPERATIONS: readonly string[];

/** A refused request: thrown as an `Error` with a stable `code` and the offending field's `path`. */
export interface BillcalcError extends Error {
  name: "BillcalcError";
  /** Stable machine code, e.g. `INVALID_PERIOD`. */
  code: ErrorCode;
  /** Path of the offending request field (`orders[1].end`); empty for the whole request. */
  path: string;
}

/** 003 §3.2.2: price a new purchase or a renewal. */
export declare function quote(request: QuoteRequest): QuoteResponse;
/** 003 §3.2.7: upgrade cost, per order, with discount / fixed-price / reduction offers. */
export declare function upgradeCost(request: UpgradeRequest): UpgradeResponse;
/** 003 §3.2.7: disk (EVS) expansion cost. */
export declare function expansionCost(request: ExpansionRequest): ExpansionResponse;
/** 003 §3.2.7: downgrade refund. */
export declare function downgradeRefund(request: DowngradeRequest): DowngradeResponse;
/** 003 §3.2.2.3: renewal to a unified expiry day, or setting the day and renewing up to it. */
export declare function unifiedExpiry(request: UnifiedExpiryRequest): UnifiedExpiryResponse;
/** 003 §3.4: unsubscribe refund (in use, not yet effective, renewal period, creation failed). */
export declare function unsubscribeRefund(request: UnsubscribeRequest): UnsubscribeResponse;
/** 003 §3.2.6: switch a prepaid resource to pay-per-use (immediately or at expiry). */
export declare function switchToOnDemand(request: SwitchRequest): SwitchResponse;
/** 003 §3.4.2.2 table 3-6: reserved-instance unsubscribe. */
export declare function reservedInstanceRefund(request: ReservedInstanceRequest): ReservedInstanceResponse;
/** 004, 003 §6.1.1: pay-per-use usage charge with fixed or tiered prices. */
export declare function usageCharge(request: UsageChargeRequest): UsageChargeResponse;
/** 003 §6.1.4, §5.2.3: convert an amount for display (half up; JPY to whole yen). */
export declare function convertCurrency(request: ConvertRequest): ConvertResponse;
/** 003 §3.2.3.1, §3.3.2: the discount the system picks (business, partner, one used promotion). */
export declare function bestDiscount(request: BestDiscountRequest): BestDiscountResponse;
/** 003 §3.2.3.1, §9.1, §13.1.2.1: which voucher pays (current or old rule) and which cannot, and why. */
export declare function selectVoucher(request: SelectVoucherRequest): SelectVoucherResponse;
/** 003 §3.2.3.1, §3.3.2, §8: a cart in one call — each line priced, discounted, a voucher picked; tax, who pays, display currency. */
export declare function checkout(request: CheckoutRequest): CheckoutResponse;
/** 003 §3.2.3.1, §3.3.2: discount → voucher → cash → credit → card or month-end settlement; the shortfall reported. */
export declare function paymentSplit(request: PaymentSplitRequest): PaymentSplitResponse;
/** 003 §5.3: the consumption quota of a monthly-settlement customer. */
export declare function consumptionQuota(request: QuotaRequest): QuotaResponse;
/** 003 §3.1.1, §5.1.2: a merged payment (≤ 30 orders) without the third-party parts. */
export declare function mergedPayment(request: MergedPaymentRequest): MergedPaymentResponse;
/** 003 §6.1.6, §7.2.2: a month's bill totals, remaining due, refunds, overflow. */
export declare function billSummary(request: BillSummaryRequest): BillSummaryResponse;
/** 002: the idle fee of a Tencent reserved resource pool (single-use or cyclic). */
export declare function reservedPoolIdleFee(request: ReservedPoolRequest): ReservedPoolResponse;
/** 003 §8: indirect tax, withholding tax, invoice and net payable. */
export declare function taxInvoice(request: TaxRequest): TaxResponse;
/** 003 §3.2.3.1, §13.1.2.1; 001: the auto-renewal schedule — first attempt, daily retries, last attempt, expiry on success. */
export declare function autoRenewalSchedule(request: AutoRenewalRequest): AutoRenewalResponse;
/** 003 §6.1.6, §7.1, §13.2.8; 004: how a bill's exact amounts are rounded or cut, per provider, customer type and month. */
export declare function billRounding(request: BillRoundingRequest): BillRoundingResponse;
/** 003 §3.2.4.1; 000: usage deducted from resource packages, the pay-per-use overage and why. */
export declare function packageUsage(request: PackageUsageRequest): PackageUsageResponse;
/** 003 §3.2.4: a package's new term when renewed (from the old expiry) or repurchased (at once). */
export declare function packageRenewal(request: PackageRenewalRequest): PackageRenewalResponse;
/** 003 §3.2.2, §3.2.6.2: every purchasable term side by side — total, monthly price, saving, pay-per-use break-even. */
export declare function compareTerms(request: CompareTermsRequest): CompareTermsResponse;
/** 003 §3.2.1, §3.2.10, §1.4, §5.2.5, §5.3: what happens next — in use, expired (grace), frozen (retention), released, the auto-renewal attempts, and what keeping the resource costs. */
export declare function resourceTimeline(request: TimelineRequest): TimelineResponse;
/** 003 §1.4, §2, §5.2.3: the bills' issue, due and overdue days, monthly-settlement orders, what a top-up pays first, the available balance and how much may be repaid. */
export declare function postpaidCalendar(request: PostpaidCalendarRequest): PostpaidCalendarResponse;
/** 003 §10, §8, §9.1.2: which invoice or credit note, from whom and when; vouchers not invoiced; tax given back on a refund; a WHT certificate's amounts per invoice. */
export declare function invoice(request: InvoiceRequest): InvoiceResponse;

/** A request with its operation named in `op`, as the CLI reads it. */
export type AnyRequest =
  | ({ op: "quote" } & QuoteRequest)
  | ({ op: "upgradeCost" } & UpgradeRequest)
  | ({ op: "expansionCost" } & ExpansionRequest)
  | ({ op: "downgradeRefund" } & DowngradeRequest)
  | ({ op: "unifiedExpiry" } & UnifiedExpiryRequest)
  | ({ op: "unsubscribeRefund" } & UnsubscribeRequest)
  | ({ op: "switchToOnDemand" } & SwitchRequest)
  | ({ op: "reservedInstanceRefund" } & ReservedInstanceRequest)
  | ({ op: "usageCharge" } & UsageChargeRequest)
  | ({ op: "convertCurrency" } & ConvertRequest)
  | ({ op: "bestDiscount" } & BestDiscountRequest)
  | ({ op: "selectVoucher" } & SelectVoucherRequest)
  | ({ op: "checkout" } & CheckoutRequest)
  | ({ op: "paymentSplit" } & PaymentSplitRequest)
  | ({ op: "consumptionQuota" } & QuotaRequest)
  | ({ op: "mergedPayment" } & MergedPaymentRequest)
  | ({ op: "billSummary" } & BillSummaryRequest)
  | ({ op: "reservedPoolIdleFee" } & ReservedPoolRequest)
  | ({ op: "taxInvoice" } & TaxRequest)
  | ({ op: "autoRenewalSchedule" } & AutoRenewalRequest)
  | ({ op: "billRounding" } & BillRoundingRequest)
  | ({ op: "packageUsage" } & PackageUsageRequest)
  | ({ op: "packageRenewal" } & PackageRenewalRequest)
  | ({ op: "compareTerms" } & CompareTermsRequest)
  | ({ op: "resourceTimeline" } & TimelineRequest)
  | ({ op: "postpaidCalendar" } & PostpaidCalendarRequest)
  | ({ op: "invoice" } & InvoiceRequest);

/** Any operation, named by `op`. */
export declare function calculate(
  request: AnyRequest,
):
  | QuoteResponse
  | UpgradeResponse
  | ExpansionResponse
  | DowngradeResponse
  | UnifiedExpiryResponse
  | UnsubscribeResponse
  | SwitchResponse
  | ReservedInstanceResponse
  | UsageChargeResponse
  | ConvertResponse
  | BestDiscountResponse
  | SelectVoucherResponse
  | CheckoutResponse
  | PaymentSplitResponse
  | QuotaResponse
  | MergedPaymentResponse
  | BillSummaryResponse
  | ReservedPoolResponse
  | TaxResponse
  | AutoRenewalResponse
  | BillRoundingResponse
  | PackageUsageResponse
  | PackageRenewalResponse
  | CompareTermsResponse
  | TimelineResponse
  | PostpaidCalendarResponse
  | InvoiceResponse;

/** A what-if curve request: an operation on a day and, optionally, the days to cover. */
export type CurveRequest = (
  | ({ op: "upgradeCost" } & UpgradeRequest)
  | ({ op: "downgradeRefund" } & DowngradeRequest)
  | ({ op: "unsubscribeRefund" } & UnsubscribeRequest)
  | ({ op: "switchToOnDemand" } & SwitchRequest)
) & {
  /** First day (default: the first order's start). */
  from?: string;
  /** Last day (default: the last order's end). */
  to?: string;
};

/** The amount of one operation for every day, in integer cents, in one call. */
export declare function curve(request: CurveRequest): Curve;

/** Resolved once the wasm module is ready (already when the import resolves). */
export declare const ready: Promise<void>;
