// Generated from the Rust types' declarations (#[derive(Ts)]) by `cargo test`: edit the
// types, not this file.

/** Whose account it is: the arrears rules differ (003 §1.4, §5.2.5, §5.3). */
export type AccountType = "prepaid" | "testVoucher" | "monthlySettlement";

/** One indirect tax applied. */
export type AppliedRate = {
  /** Tax name (`GST`, `SGST`, `VAT`, `DST`…). */
  tax: string;
  /** The rate (`0.09`). */
  rate: Ratio;
  /** Effective date of the rate, when the document states one. */
  from: string | null;
  /** Where the rate comes from (`003 §8.1 Singapore`, or `given`). */
  source: string;
  /** The tax on the invoice, half up to cents (0 when not charged). */
  amount: Money;
};

/** A voucher applied to the order. */
export type AppliedVoucher = {
  /** The voucher. */
  id: string;
  /** What it pays. */
  amount: Money;
  /** Its balance left after paying. */
  balanceLeft: Money;
};

/** What the auto-renewal attempts lead to. */
export type AttemptOutcome = "renews" | "failsEveryAttempt" | "dependsOnBalance";

/** The auto-renewal attempts. */
export type AutoRenewalPlan = {
  /** `renews`, `failsEveryAttempt` or `dependsOnBalance`. */
  outcome: AttemptOutcome;
  /** Each renewal's term. */
  term: Term;
  /** The first attempt. */
  firstAttempt: string;
  /** The last attempt (03:00 on the release day). */
  lastAttempt: string;
  /** Attempts if every one fails. */
  attemptCount: number;
  /** What each attempt charges (null: not priced). */
  amount: Money | null;
  /** What balance and card could not cover (failing attempts). */
  shortfall: Money | null;
  /** The expiry once an attempt is paid. */
  expiryOnSuccess: string;
};

/** Request of `autoRenewalSchedule`. */
export type AutoRenewalRequest = {
  /** Huawei: `current` (default) or `old` rules. */
  rules?: RenewalRules;
  /** Aliyun: the product family (default `default`). */
  productKind?: ProductKind;
  /** The expiry instant (`2020-08-31T23:59:59` Huawei, `2017-03-30T00:00` Aliyun), provider time; a plain date `2020-08-31` is that day's end, 23:59:59 (rules.md A19). Required: every attempt is counted from it (003 §3.2.3.1). */
  expiry: string;
  /** The term the resource was bought for: monthly → 1-month renewals, yearly → 1-year. */
  purchaseTerm?: Term;
  /** The renewal term chosen in the auto-renewal settings (instead of `purchaseTerm`'s). */
  renewalTerm?: Term;
  /** Huawei current rules: the custom deduction day, days before expiry (1–30). */
  deductionDaysBefore?: number;
  /** When the custom day was set (absent: before the schedule started). */
  deductionDaySetOn?: string;
  /** A manual renewal: the schedule moves to the new expiry. */
  manualRenewal?: ManualRenewal;
  /** When auto-renewal is switched on (Aliyun refusals: expires the next day; < 20 days for Wanwang products). */
  now?: string;
  /** A free or trial product (Aliyun: no auto-renewal). */
  trial?: boolean;
} & RequestOptions;

/** Result of `autoRenewalSchedule`. Instants are provider time (`…+08:00`, rules.md A19). */
export type AutoRenewalResponse = {
  /** The provider whose rules apply. */
  provider: Provider;
  /** The length of each auto-renewal (`1M`, `1Y`). */
  renewalTerm: Term;
  /** The expiry the schedule runs against (after a manual renewal, the new one). */
  expiry: string;
  /** The first deduction attempt. */
  firstAttempt: string;
  /** The first attempts, in order (at most 5; then daily until `lastAttempt`). */
  attempts: Array<string>;
  /** Number of attempts if every one fails. */
  attemptCount: number;
  /** The last attempt. */
  lastAttempt: string;
  /** The expiry after a successful auto-renewal. */
  expiryOnSuccess: string;
  /** When every attempt fails: Huawei releases the resource after this instant; Aliyun stops auto-renewing at the expiry. */
  failsAfter: string;
  /** Aliyun Wanwang products: days a lapsed product may still be renewed by hand (001). */
  renewalWindowDays: number | null;
  /** Facts and notes (no money lines). */
  breakdown: Breakdown;
};

/** The auto-renewal settings (003 §3.2.3.1, §3.2.3.5). */
export type AutoRenewalSetting = {
  /** Each renewal's term (default: 1M if bought by the month, 1Y if by the year). */
  term?: Term;
  /** The custom deduction day, days before expiry (default 7). */
  deductionDaysBefore?: number;
};

/** Why a candidate was chosen, lost or left out (003 §3.2.3.1, §3.3.2, §9.2.1). */
export type Because = "chosen" | "higherAmount" | "sameAmountOtherFirst" | "twoYearsOrLonger" | "neverUsedHere" | "usedAfterThisOrder" | "notYetInEffect" | "expired" | "otherPromotionCompetes";

/** Request of `bestDiscount`. */
export type BestDiscountRequest = {
  /** The order's list amount before any discount. */
  listAmount: Money;
  /** The order date (promotions must be valid on it). */
  date: string;
  /** The term bought: a partner discount does not apply to products of two years or more (003 §9.2.1). */
  term?: Term;
} & DiscountOffers & RequestOptions;

/** Result of `bestDiscount`. */
export type BestDiscountResponse = {
  /** The discount applied, or null when none is on offer. */
  chosen: ChosenDiscount | null;
  /** The order amount after the discount, half up to cents. */
  amount: Money;
  /** The discount amount (`listAmount − amount`). */
  discount: Money;
  /** Every candidate with the reason it won, lost or was left out. */
  candidates: Array<DiscountCandidate>;
  /** Line items (list amount and discount; they add up to `amount`). */
  breakdown: Breakdown;
};

/** One bill on the calendar. */
export type BillDay = {
  /** The billing period `YYYY-MM`. */
  month: string;
  /** Its first day. */
  periodStart: string;
  /** Its last day. */
  periodEnd: string;
  /** 出账日: the 3rd of the next month. */
  issuedOn: string;
  /** 到期还款日: the issue day (no repayment period by default, 003 §1.4). */
  dueOn: string;
  /** Overdue from this instant if not fully repaid (24:00 on the due day). */
  overdueFrom: string;
  /** 本期应还金额. */
  amount: Money;
  /** 本期剩余应还金额 today, before the top-up and the repayment. */
  remaining: Money;
  /** What the top-up pays of it. */
  paidByTopUp: Money;
  /** What the repayment pays of it. */
  paidByRepayment: Money;
  /** Left to repay after both. */
  remainingAfter: Money;
  /** Today, before the top-up and the repayment. */
  status: BillStatus;
};

/** Request of `billRounding`. */
export type BillRoundingRequest = {
  /** Huawei: `monthlySettlement` (default) or `nonMonthly`. */
  customerType?: CustomerType;
  /** The billing month `YYYY-MM` (selects the rule in force; default: today's rules). */
  billMonth?: string;
  /** The exact detail amounts (8 decimals and more). */
  amounts: Array<Ratio>;
  /** Huawei monthly settlement, April 2020 – May 2021: the spec/usage-type bill of each amount (as many as `amounts`); amounts with the same key are summed, then cut (003 §7.1). Absent: each amount is its own spec/usage-type bill. Not used by the other rules. */
  billKeys?: Array<string>;
} & RequestOptions;

/** Result of `billRounding`. */
export type BillRoundingResponse = {
  /** The sum of the amounts, exact. */
  exactTotal: string;
  /** What is charged, to the cent. */
  payable: Money;
  /** 抹零金额: `exactTotal − payable` (negative when a rule rounds up). */
  roundingOff: string;
  /** Each amount as charged, when the rule works per line (else the exact amounts). */
  lineAmounts: Array<string>;
  /** The rule applied, with its source. */
  rule: string;
  /** True when the provider's documents state no rule and billcalc assumes half up to cents. */
  assumed: boolean;
  /** Lines add up to `payable`. */
  breakdown: Breakdown;
};

/** Where a bill stands today. */
export type BillStatus = "settled" | "due" | "overdue";

/** Request of `billSummary` (a month's bill, 003 §6.1.6, §7.2.2.2). */
export type BillSummaryRequest = {
  /** 实时结算费用 of cloud services (prepaid orders paid at once, RI upfront). */
  realTime?: Array<Money>;
  /** 月度结算费用 of cloud services. */
  monthlySettlement?: Array<Money>;
  /** Marketplace (商店) fees, real-time and monthly together. */
  marketplace?: Array<Money>;
  /** 已付款金额 this period. */
  paid?: Money;
  /** Refunds of the period (shown as their total, not part of the fees). */
  refunds?: Array<Money>;
  /** Refunds paid back to the credit line this period (003 §7.2.2.3, for the overflow). */
  creditRefunds?: Money;
  /** Consumption paid by the credit line this period. */
  creditConsumption?: Money;
  /** Non-monthly customers: how the payable amount was paid. */
  payableSplit?: PayableSplit;
} & RequestOptions;

/** Result of `billSummary`. */
export type BillSummaryResponse = {
  /** 华为云费用 = real-time + monthly settlement, half up to cents (003 §6.1.1: summary figures are shown rounded to 2 decimals). */
  cloudFees: Money;
  /** 商店费用, half up to cents. */
  marketplaceFees: Money;
  /** 月账单总计 = cloud + marketplace, the exact sum rounded half up to cents once (003 §6.1.6: 100.12501236 → 100.13); it may differ from the rounded parts' sum. */
  total: Money;
  /** The exact total, before rounding (the export's 8 decimals, 003 §6.1.6). */
  totalExact: Money;
  /** 本期剩余应还金额 = total − paid (not below 0). */
  remainingDue: Money;
  /** Refunds in all (shown negative on the bill). */
  refundTotal: Money;
  /** 溢出金额 = credit consumption − credit refunds, when negative (003 §7.2.2.3: −10 + 5 = −5). */
  overflow: Money;
  /** 应付金额 = cash + credit + voucher + arrears, when `payableSplit` is given (003 §13.2.1). */
  payable: Money | null;
  /** Lines add up to `total`. */
  breakdown: Breakdown;
};

/** How the resource is billed. */
export type Billing = "prepaid" | "payPerUse";

/** How an order is billed, for a voucher's billing-mode scope (003 §9.1.2). */
export type BillingMode = "monthly" | "yearly" | "payPerUse" | "oneOff";

/** Lines, facts, notes and the rounding policy used. */
export type Breakdown = {
  /** The rounding policy the result was computed under. */
  policy: RoundingPolicy;
  /** The figures the lines use. */
  facts: Array<Fact>;
  /** Money lines; their amounts add up to the total. */
  lines: Array<Line>;
  /** Rule notes: choices made, clamps, sources. */
  notes: Array<string>;
  /** Each note's message, in the order of `notes` (null for a note not yet keyed). */
  noteMessages: Array<Message | null>;
};

/** The account's balances. */
export type CartBalance = {
  /** Cash balance (default 0). */
  cash?: Money;
  /** Credit line left (default 0). */
  credit?: Money;
  /** A card is bound: it pays auto-renewals, not an order (003 §3.3.2). */
  cardBound?: boolean;
  /** Month-end settlement: preferred for the order (003 §3.3.2). */
  monthlySettlement?: boolean;
};

/** The amount to pay in the display currency. */
export type CartDisplay = {
  /** The currency. */
  currency: string;
  /** The amount, half up to its minor unit. */
  amount: string;
  /** The rate used. */
  rate: Ratio;
};

/** One line of the cart, by what it buys (`kind`, default `new`); a member another kind uses is refused as unknown. */
export type CartItem = ({
  kind?: "new";
  /** The term bought. */
  term: Term;
  /** Prices per term. */
  prices: PriceTable;
  /** Identical resources (default 1). */
  quantity?: number;
  /** Auto-renewal on: the line says its first attempt (003 §3.2.3.1). */
  autoRenew?: boolean;
} & LineLabel) | ({
  kind: "renewal";
  /** The current expiry date. */
  currentExpiry: string;
  /** The term renewed (absent: the console's default, 1Y if offered, else 1M, else the shortest, 003 §3.2.2.2 step 5). */
  term?: Term;
  /** Prices per term. */
  prices: PriceTable;
  /** Identical resources (default 1). */
  quantity?: number;
  /** Auto-renewal on: the line says its first attempt (003 §3.2.3.1). */
  autoRenew?: boolean;
  /** The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2). */
  promotions?: Array<Promotion>;
} & LineLabel) | ({
  kind: "unifiedRenewal";
  /** The current expiry date. */
  currentExpiry: string;
  /** The term renewed before the top-up days (absent: up to the unified day). */
  renewTerm?: Term;
  /** The day 1–28 or `"last"` (default 1). */
  unifiedDay?: UnifiedDay;
  /** Prices per term. */
  prices: PriceTable;
  /** Auto-renewal on: the line says its first attempt (003 §3.2.3.1). */
  autoRenew?: boolean;
  /** The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2). */
  promotions?: Array<Promotion>;
} & LineLabel) | ({
  kind: "upgrade";
  /** The resource's orders. */
  orders: Array<Order>;
  /** Prices of the current configuration. */
  oldPrices: PriceTable;
  /** Prices of the new configuration. */
  newPrices: PriceTable;
  /** The promotions this resource's earlier orders used, each with `usedOn` (003 §3.3.2). */
  promotions?: Array<Promotion>;
} & LineLabel);

/** One answered line; a refused one has only `id`, `kind` and `error`. */
export type CartLine = {
  /** The item's id. */
  id: string | null;
  /** The item's kind (null when it could not be read). */
  kind: ItemKind | null;
  /** The term bought or renewed (a renewal given none: the console's default); for a unified renewal the term renewed before the top-up days; null for an upgrade. */
  term: Term | null;
  /** List amount before any discount. */
  listAmount: Money | null;
  /** The discount applied. */
  discount: LineDiscount | null;
  /** Every offer considered for the line, priced by its rule: chosen, lost (and to what), or left out and why (003 §3.2.3.1, §3.3.2, §9.2.1); empty with a coupon or nothing to pay. */
  offers: Array<DiscountCandidate>;
  /** The voucher that pays part of it. */
  voucher: AppliedVoucher | null;
  /** What is left to pay for the line. */
  amountDue: Money | null;
  /** First day of the new period (new purchase, renewal). */
  start: string | null;
  /** Last day of the period (the unchanged one for an upgrade). */
  end: string | null;
  /** `end` at 23:59:59. */
  expiresAt: string | null;
  /** With `autoRenew`: the first auto-renewal deduction attempt (003 §3.2.3.1). */
  autoRenewal: string | null;
  /** Why the line is refused. */
  error: Error | null;
};

/** One invoice a WHT certificate covers (003 §10.3). */
export type CertificateInvoice = {
  /** The invoice number (each invoice at most once). */
  id: string;
  /** 发票总金额(不含VAT): the invoice before indirect tax (WHT's base, 003 §8.2). */
  amountWithoutVat: Money;
  /** 凭证金额: the certificate amount for this invoice, when the customer types it. */
  certificateAmount?: Money;
};

/** A certificate's amounts per invoice. */
export type CertificateSplit = {
  /** Whether the console's WHT certificate upload is open to this customer (Malaysia with Sparkoo Singapore, Thailand with Sparkoo Thailand, 003 §10.3). */
  uploadOpen: boolean;
  /** The amount per invoice, in the order given; they add up to the total. */
  amounts: Array<Money>;
  /** Whether billcalc proposed them (in proportion to the invoices before VAT, A34) rather than the customer. */
  proposed: boolean;
};

/** Request of `checkout`. */
export type CheckoutRequest = {
  /** The order day. */
  date: string;
  /** The lines (at most 30, 003 §3.1.1); one unreadable is refused alone. */
  items: Array<CartItem>;
  /** The discounts on offer (`business`, `partner`, `promotions`). */
  offers?: DiscountOffers;
  /** The customer's vouchers. */
  vouchers?: Array<Voucher>;
  /** Balances, bound card, month-end settlement. */
  balance?: CartBalance;
  /** Who the customer is, for the payment methods they may use (003 §1.3); absent: the balances and settlement of `balance` as given (as `paymentSplit` reads them). */
  customerType?: PayingCustomerType;
  /** The customer's country for tax (absent or blank: no tax asked; one 003 §8.1 states no rate for: no indirect tax, `tax.noRateStated` says so). */
  country?: string;
  /** Show the amount to pay in this currency. */
  display?: DisplayCurrency;
} & TaxProfile & RequestOptions;

/** Result of `checkout`. */
export type CheckoutResponse = {
  /** One per item, in order. */
  lines: Array<CartLine>;
  /** The answered lines' list amounts. */
  listTotal: Money;
  /** Their discounts. */
  discountTotal: Money;
  /** Their vouchers. */
  voucherTotal: Money;
  /** `listTotal − discountTotal − voucherTotal`: the subtotal taxed. */
  total: Money;
  /** Tax on `total` (null without `country`; its breakdown is in the cart's). */
  tax: TaxResponse | null;
  /** Who pays `tax.netPayable` (or `total`). */
  payment: Payers;
  /** The amount to pay in the display currency. */
  display: CartDisplay | null;
  /** Lines per item (list, discount, voucher), then taxes: they add up to the amount to pay. */
  breakdown: Breakdown;
};

/** The chosen discount (none when nothing is on offer). */
export type ChosenDiscount = {
  /** Its kind. */
  kind: DiscountKind;
  /** The promotion's id, if any. */
  id: string | null;
  /** The factor. */
  factor: Ratio;
};

/** Request of `compareTerms`. */
export type CompareTermsRequest = {
  /** Prices of the configuration per term (an `nM` missing from the table: n × `1M`). */
  prices: PriceTable;
  /** Number of identical resources (default 1). */
  quantity?: number;
  /** Discount factor on the prepaid prices (default 1). */
  discount?: Ratio;
  /** The pay-per-use price of one resource of this configuration per hour. */
  payPerUseHourly?: Money;
} & RequestOptions;

/** Result of `compareTerms`. */
export type CompareTermsResponse = {
  /** Monthly terms 1M–9M (and longer monthly terms the table prices), then the table's yearly terms. */
  options: Array<TermOption>;
  /** The term with the lowest monthly price (the shorter on a tie). */
  cheapestMonthly: Term;
  /** Facts (one per option) and notes; no money lines (nothing is charged). */
  breakdown: Breakdown;
};

/** Request of `convertCurrency`. */
export type ConvertRequest = {
  /** The amount in the account currency (USD). */
  amount: Money;
} & DisplayCurrency & RequestOptions;

/** Result of `convertCurrency`. */
export type ConvertResponse = {
  /** The converted amount as shown: half up to 2 decimals, whole yen (`"83.72"`, `"425"`). */
  converted: string;
  /** `amount × rate`, exact. */
  exact: Money;
  /** Decimals kept (2, or 0 for the yen). */
  decimals: number;
  /** The currency code, upper case. */
  currency: string;
  /** Line items and formulas (they add up to `converted`). */
  breakdown: Breakdown;
};

/** A discount coupon the customer uses on a line (003 §9.1.2: then no voucher on it). */
export type Coupon = {
  /** Its id. */
  id?: string;
  /** The factor (`"0.85"`). */
  factor: Ratio;
};

/** A curve: one amount per day from `from` to `to`, in integer cents (`null` where the operation refuses that day, e.g. after expiry). */
export type Curve = {
  /** First day. */
  from: string;
  /** Last day. */
  to: string;
  /** Amount in cents for each day, `None` when refused. */
  cents: Array<number | null>;
  /** The error code of each refused day's first refusal (same length as `cents`). */
  refusals: Array<ErrorCode | null>;
};

/** Huawei customer type (003 §6.1.6 vs §13.2). */
export type CustomerType = "monthlySettlement" | "nonMonthly";

/** 003 §3.2.7 / §3.4.2.2 refund day counts of one order segment on an operation day. */
export type Days = {
  /** `days(start..end)`, both included. */
  total: number;
  /** `days(start..day before the operation)`: 0 on the start day. */
  consumed: number;
  /** `days(operation day..end)`: the operation day counts as remaining. */
  remaining: number;
};

/** What one package paid of one record. */
export type Deduction = {
  /** The package. */
  package: string;
  /** The quantity it paid. */
  amount: Ratio;
};

/** One candidate of the choice and why it won, lost or was left out. */
export type DiscountCandidate = {
  /** Business, partner or promotion. */
  kind: DiscountKind;
  /** The promotion's id, if any. */
  id: string | null;
  /** The factor. */
  factor: Ratio;
  /** The order amount with this discount, half up to cents. */
  amount: Money;
  /** True when it took part in the comparison (step 3). */
  eligible: boolean;
  /** Why it was chosen, lost or left out, as a stable word a page words in its language. */
  because: Because;
  /** Why it was chosen, lost or left out. */
  reason: string;
  /** The message of `reason` (`js/messages.js` renders it in other languages). */
  messages: Figures;
};

/** The kinds of discount an order may carry (003 §9.2.1). In the tie order of 003 §3.2.3.1: business, then partner, then promotion. */
export type DiscountKind = "business" | "partner" | "promotion" | "coupon";

/** The discounts open to an order, for the automatic choice. */
export type DiscountOffers = {
  /** The business (contract) discount factor, matched to the product's pricing period (003 §3.3.2 note). */
  business?: Ratio;
  /** The partner discount factor. */
  partner?: Ratio;
  /** Promotions, used on this resource or not. */
  promotions?: Array<Promotion>;
};

/** A currency to show an amount in, and its rate. */
export type DisplayCurrency = {
  /** Units of the target currency per account-currency unit (EUR 0.83721). */
  rate: Ratio;
  /** ISO 4217 code of the target currency (`EUR`, `JPY`…). */
  currency: string;
};

/** Request of `downgradeRefund`. */
export type DowngradeRequest = {
  /** Current prices of the new (lower) configuration, per term. */
  newPrices: PriceTable;
  /** The discount factor the system picks automatically (business, partner or a promotion used before, 003 §3.2.7); default 1 (none). */
  discount?: Ratio;
  /** How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where the refund goes (003 §3.4.6). */
  paidWith?: PaidWith;
} & SpecChange & RequestOptions;

/** Result of `downgradeRefund`. */
export type DowngradeResponse = {
  /** Cash refunded, half up to cents; 0 when the formula gives ≤ 0 (the downgrade still happens). */
  refund: Money;
  /** Remaining value of the cash paid: Σ paid / total days × remaining days (exact, shown to at most 8 decimals). */
  remainingValue: Money;
  /** New configuration for the remaining period: price × R × discount (exact, shown to at most 8 decimals). */
  newConfigCost: Money;
  /** Days counted in the total remaining period: the change day excluded, and in years Feb 29 not counted (003 §3.2.7). */
  remainingDays: number;
  /** Total remaining period R (change day excluded), in `periodUnit`. */
  remainingPeriod: Fraction;
  /** `months` or `years`. */
  periodUnit: PeriodUnit;
  /** The price term matched (rounded down). */
  matchedTerm: Term;
  /** Each unexpired order: its day counts, remaining period and remaining value (an explanation's: the package gives it on first read, as `breakdown`). */
  orders: Array<OrderValue>;
  /** Where the cash refund goes and when it arrives (003 §3.4.6); null when nothing is refunded (an explanation's: the package gives it on first read, as `breakdown`). */
  refundTo: RefundTo | null;
  /** Line items and formulas (they add up to `refund`). */
  breakdown: Breakdown;
};

/** A refused request: `{ code, path, message }`. */
export type Error = {
  /** Stable machine code. */
  code: ErrorCode;
  /** Path of the offending field in the request (`orders[1].end`); empty for the whole request. */
  path: string;
  /** Human-readable explanation naming the offending value. */
  message: string;
};

/** A refusal's stable code, as `ErrorCode::as_str` spells it. */
export type ErrorCode = "INVALID_INPUT" | "MISSING_FIELD" | "UNKNOWN_FIELD" | "UNKNOWN_OPERATION" | "INVALID_DATE" | "DATE_OUT_OF_RANGE" | "INVALID_MONEY" | "NEGATIVE_MONEY" | "MONEY_OUT_OF_RANGE" | "INVALID_NUMBER" | "UNKNOWN_TERM" | "PRICE_NOT_FOUND" | "INVALID_PERIOD" | "TOO_MANY_ITEMS" | "RENEWAL_NOT_ALLOWED" | "RENEWAL_EXCEEDS_10_YEARS" | "UNIFIED_DAY_INVALID" | "UNIFIED_GAP_TOO_SHORT" | "SPEC_CHANGE_NOT_PREPAID" | "DISK_SHRINK_NOT_ALLOWED" | "MODE_SWITCH_NOT_ALLOWED" | "PACKAGE_NOT_UNSUBSCRIBABLE" | "RESOURCE_EXPIRED" | "UNSUBSCRIBE_NOT_ALLOWED" | "RENEWAL_PERIOD_NOT_UNSUBSCRIBABLE" | "HANDLING_FEE_RATE_UNKNOWN" | "PACKAGE_NOT_RENEWABLE" | "AUTO_RENEW_NOT_ALLOWED" | "VOUCHER_NOT_APPLICABLE" | "DISCOUNT_NOT_COMBINABLE" | "TAX_RATE_UNKNOWN" | "PAYMENT_LIMIT_EXCEEDED" | "PAYMENT_METHOD_NOT_ALLOWED" | "REPAYMENT_TOO_HIGH" | "NOT_SUPPORTED" | "INTERNAL";

/** Request of `expansionCost`. */
export type ExpansionRequest = {
  /** Capacity before, GB. */
  capacityBefore: number;
  /** Capacity after, GB (must be larger: disks only grow). */
  capacityAfter: number;
  /** Price per GB, per term (`{"1M": "0.35"}` = 0.35 per GB per month). */
  unitPrices: PriceTable;
  /** Discount factor of the matched term (default 1). */
  discount?: Ratio;
} & SpecChange & RequestOptions;

/** Result of `expansionCost`. */
export type ExpansionResponse = {
  /** Amount to pay, half up to cents. */
  cost: Money;
  /** Added capacity, GB. */
  addedCapacity: number;
  /** Days counted in the remaining period: the change day excluded, and in years Feb 29 not counted (003 §3.2.7). */
  remainingDays: number;
  /** Remaining period R as used (rounded to 2 decimals under the document policy). */
  remainingPeriod: Fraction;
  /** `months` or `years`. */
  periodUnit: PeriodUnit;
  /** Price term matched (rounded up, as for upgrades). */
  matchedTerm: Term;
  /** Line items and formulas (they add up to `cost`). */
  breakdown: Breakdown;
};

/** A figure used by the lines (days, remaining period, matched price), with how it was obtained. */
export type Fact = {
  /** What the figure is ("remaining period"). */
  label: string;
  /** How it was obtained ("7/31 + 2 + 15/30"). */
  formula: string;
  /** The figure ("2.72580645…"). */
  value: string;
  /** The message key of `label`, `formula` and `value` (its figure `value`); null for a fact not yet keyed. */
  key: string | null;
  /** The figures the message names. */
  figures: Figures;
  /** The part of the result the fact belongs to, as a message. */
  part: Message | null;
};

/** A message's figures by name: a text written as it is in every language (an amount, a date, a term), or a word or clause of its own (a message). */
export type Figures = { [name: string]: string | Message };

/** A ratio or period: its exact fraction (`"913/365"`, a whole number as `"2"`) and its decimal half up to 8 places (`"2.50136986"`). */
export type Fraction = { fraction: string, decimal: string };

/** A discount the order already has (the customer's choice). */
export type GivenDiscount = {
  /** Business, partner, promotion or coupon. */
  kind: DiscountKind;
  /** The factor (`"0.9"`). */
  factor: Ratio;
};

/** What happened to the money (003 §10.1 invoice types, §10.2). */
export type InvoiceEvent = "onlinePayment" | "balancePayment" | "monthlySettlement" | "topUp" | "withdrawal" | "refund";

/** Who issues it. */
export type InvoiceIssuer = "huaweiCloud" | "enterpriseMaster" | "partner";

/** The kind of document issued. */
export type InvoiceKind = "subscription" | "monthlySettlement" | "ordinary" | "creditNote" | "none";

/** Request of `invoice`. */
export type InvoiceRequest = {
  /** What happened: `onlinePayment`, `balancePayment`, `monthlySettlement`, `topUp`, `withdrawal` or `refund`. */
  event: InvoiceEvent;
  /** The day it happened (payment, order, top-up, refund). */
  date: string;
  /** The amount before indirect tax (a refund: what is refunded). */
  amount: Money;
  /** The part paid (or returned) by voucher: never invoiced (003 §9.1.2). */
  voucher?: Money;
  /** Who the customer is (003 §1.3 types); absent: a direct customer, on monthly settlement only for `monthlySettlement`. */
  customerType?: PayingCustomerType;
  /** The customer's country for tax (absent: no tax asked). */
  country?: string;
  /** A refund: the day of the invoice it reverses, whose tax rate it gives back (default `date`). */
  invoiceDate?: string;
  /** A WHT certificate to upload against invoices (003 §10.3). */
  whtCertificate?: WhtCertificate;
} & TaxProfile & RequestOptions;

/** Result of `invoice`. */
export type InvoiceResponse = {
  /** The document issued. */
  kind: InvoiceKind;
  /** Who issues it. */
  issuer: InvoiceIssuer;
  /** When (null when none is issued). */
  issuedOn: string | null;
  /** What it covers before tax: the amount less the voucher part (negative on a credit note). */
  invoiced: Money;
  /** The voucher part, not invoiced. */
  notInvoiced: Money;
  /** The indirect tax on it (negative on a credit note: the tax given back). */
  taxAmount: Money;
  /** The document's total: invoiced + tax. */
  total: Money;
  /** The tax figures, when a country is given and tax applies. */
  tax: TaxResponse | null;
  /** The WHT certificate's amounts, when one is given. */
  certificate: CertificateSplit | null;
  /** Lines add up to `total`. */
  breakdown: Breakdown;
};

/** An issued bill (已出账账单). */
export type IssuedBill = {
  /** The billing period, a natural month `YYYY-MM` (账期). */
  month: string;
  /** 本期应还金额: the bill's amount. */
  amount: Money;
  /** What is already repaid (default 0): `amount − repaid` is 本期剩余应还金额. */
  repaid?: Money;
};

/** What a cart line buys: the JSON name of a [`CartItem`]'s `kind`, in the answer. */
export type ItemKind = "new" | "renewal" | "unifiedRenewal" | "upgrade";

/** One money line: `label`, the formula with its numbers, and the signed amount it contributes. */
export type Line = {
  /** What the line is, in billing words ("consumed amount"). */
  label: string;
  /** The formula with the numbers put in ("110.00 × 14 / 32 = 48.125 → 48.13"). */
  formula: string;
  /** Signed contribution to the total. */
  amount: Money;
  /** The message key of `label` and `formula` (`js/messages.js` renders it in other languages); null for a line not yet keyed. */
  key: string | null;
  /** The figures the message names. */
  figures: Figures;
  /** The part of the result the line belongs to (a cart item, the tax), as a message. */
  part: Message | null;
};

/** The discount a line carries, and why. */
export type LineDiscount = {
  /** Business, partner, promotion or coupon. */
  kind: DiscountKind;
  /** The promotion's or coupon's id. */
  id: string | null;
  /** The factor. */
  factor: Ratio;
  /** What it takes off. */
  amount: Money;
  /** Why it was chosen. */
  reason: string;
  /** The message of `reason` (`js/messages.js` renders it in other languages). */
  messages: Figures;
};

/** What any line may carry, whatever it buys. */
export type LineLabel = {
  /** A name echoed in the answer. */
  id?: string;
  /** The product, for vouchers' scope (`"ECS"`). */
  product?: string;
  /** The region, for vouchers' scope. */
  region?: string;
  /** A discount coupon instead of the system's choice. */
  coupon?: Coupon;
};

/** A manual renewal made while auto-renewal is on. */
export type ManualRenewal = {
  /** When it was paid (optional: the new expiry is the old one + `term` whenever it was paid, 003 §3.2.3.1; given, Aliyun refuses one after the expiry, 001). */
  on?: string;
  /** Its term (`1M`, `1Y`). */
  term: Term;
};

/** Request of `mergedPayment`. */
export type MergedPaymentRequest = {
  /** The orders paid together (at most 30). */
  orders: Array<PayOrder>;
  /** `balance` (default) or `card`. */
  method?: PayMethod;
  /** The payment currency, for the card limit (default `USD`). */
  currency?: string;
} & RequestOptions;

/** Result of `mergedPayment`. */
export type MergedPaymentResponse = {
  /** The orders' amounts in all. */
  total: Money;
  /** The third-party parts in all (settled with the seller). */
  thirdParty: Money;
  /** 应付金额(华为云) = total − third party: what this payment collects. */
  due: Money;
  /** Lines (one per order) add up to `due`. */
  breakdown: Breakdown;
};

/** A message of the breakdown: its key (`js/messages.js` has its text in each language) and the figures its text names. */
export type Message = { key: string; figures: Figures };

/** An amount of money as a decimal string (`"110.00"`): at least two decimals, at most 8. */
export type Money = string;

/** What 003 §8.1 states no indirect tax rate for. */
export type NoRateFor = "country" | "seller" | "date";

/** One prepaid order segment of a resource. */
export type Order = {
  /** First day of the segment. */
  start: string;
  /** Last day of the segment (expiry at 23:59:59 that day). */
  end: string;
  /** The term bought (`1M`, `8M`, `1Y`, `3Y`…). */
  term: Term;
  /** Cash actually paid (实付金额): after the discount, without vouchers. Needed by refunds (unsubscribe, switch, downgrade); upgrades and disk expansion do not use it. */
  paidCash?: Money;
  /** Voucher amount used to pay the order (never part of cash refunds). */
  voucher?: Money;
  /** The last day that voucher is valid, if known: a voucher returned after it is void (003 §3.4.1). */
  voucherValidTo?: string;
};

/** One order's share of the upgrade fee. */
export type OrderFee = {
  /** Index of the order in the request. */
  index: number;
  /** Days counted in its remaining period: the day after the change (or the order's start) to its end; in years Feb 29 not counted (003 §3.2.7). */
  remainingDays: number;
  /** Its remaining period R in `periodUnit`. */
  remainingPeriod: Fraction;
  /** Its fee as added up: truncated to cents under the `document` policy, else the exact fee (shown to at most 8 decimals). */
  fee: Money;
};

/** An order on a month's bill. */
export type OrderOnBill = {
  /** The order day. */
  date: string;
  /** Its amount. */
  amount: Money;
  /** The bill it lands on (`YYYY-MM`). */
  billMonth: string;
  /** When the bound card is charged: after the bill is issued on the 3rd (003 §1.2). */
  chargedOn: string;
  /** Whether the bill is issued by `date`. */
  billed: boolean;
};

/** What happens to one order. */
export type OrderRefund = {
  /** Index of the order in the request. */
  index: number;
  /** `expired`, `inUse`, `notStarted`, `kept` or `full`. */
  status: string;
  /** Cash paid on the order. */
  paidCash: Money;
  /** Consumed amount kept by the provider. */
  consumed: Money;
  /** Handling fee kept by the provider. */
  handlingFee: Money;
  /** Cash refunded for this order. */
  refund: Money;
  /** Voucher amount returned for this order. */
  voucherReturned: Money;
};

/** One order's part of the remaining value. */
export type OrderValue = {
  /** Index of the order in the request. */
  index: number;
  /** Its refund day counts: total, consumed and remaining days (the change day counted as remaining, 003 §3.2.7). */
  days: Days;
  /** Days counted in its remaining period R (the change day excluded; in years Feb 29 not counted). */
  remainingPeriodDays: number;
  /** Its remaining period R in `periodUnit`. */
  remainingPeriod: Fraction;
  /** Its remaining value: cash paid / total days × remaining days (at most 8 decimals). */
  remainingValue: Money;
};

/** Pay-per-use overage of one billing item. */
export type Overage = {
  /** The billing item. */
  billingItem: string;
  /** The quantity billed pay-per-use. */
  quantity: Ratio;
  /** The unit price. */
  price: Money;
  /** `quantity × price`, exact. */
  amount: Money;
};

/** A package held by the customer. */
export type Package = {
  /** Its name in the breakdown. */
  id: string;
  /** `resettable` or `nonResettable`. */
  kind: PackageKind;
  /** The quota (per cycle when resettable), in the billing item's unit. */
  quota: Ratio;
  /** Resettable packages: the reset cycle. */
  resetCycle?: ResetCycle;
  /** First valid day (the package takes effect on it). */
  start: string;
  /** Last valid day (expires at 23:59:59). */
  end: string;
  /** The billing item it pays (`outboundTraffic`, `storage`). */
  billingItem: string;
  /** Other billing items it also pays (an OSS Standard LRS storage package also pays `ecsSnapshot`, 000). */
  covers?: Array<string>;
  /** Regions it pays (absent: every region). A "Chinese mainland general" package lists the mainland regions (not Hong Kong or overseas, 000). */
  regions?: Array<string>;
  /** Storage class it pays (`standard`, `infrequentAccess` …; absent: any). */
  storageClass?: string;
  /** Redundancy it pays (`LRS`, `ZRS`; absent: any). */
  redundancy?: string;
  /** A storage capacity unit (SCU, 000): regional (`regions` required) and never pays cold archive (LRS) storage. */
  scu?: boolean;
};

/** Renew (starts at the old expiry) or buy again (starts at once or at a chosen day). */
export type PackageAction = "renew" | "repurchase";

/** How a package's quota is consumed (003 §3.2.4.1). */
export type PackageKind = "resettable" | "nonResettable";

/** Request of `packageRenewal`. */
export type PackageRenewalRequest = {
  /** `renew` or `repurchase`. */
  action: PackageAction;
  /** The package's kind. */
  kind: PackageKind;
  /** Its quota (per cycle when resettable). */
  quota: Ratio;
  /** Non-resettable: what is left of it. */
  remaining?: Ratio;
  /** The current package's last valid day (renewals). */
  end?: string;
  /** Whether it is on auto-renewal. */
  autoRenewal?: boolean;
  /** The product (`OBS` packages may be bought monthly and renewed yearly). */
  product?: string;
  /** The term the package was bought by (`1M` monthly, `1Y` yearly) — renewals keep the kind. */
  purchasedBy?: Term;
  /** Trial ("OBS storage 40 GB" …) or delisted packages cannot be repurchased (003 §3.2.4.2). A renewal must say which: `delisted` (not renewable) or neither (a trial package). */
  trialOrDelisted?: boolean;
  /** A delisted product: neither renewed (003 §3.2.2.1 item 9) nor repurchased (003 §3.2.4.2). */
  delisted?: boolean;
  /** The operation day. */
  date: string;
  /** The term bought. */
  term: Term;
  /** Repurchase: a later start day (current version: any package). */
  startAt?: string;
} & RequestOptions;

/** Result of `packageRenewal`. */
export type PackageRenewalResponse = {
  /** First valid day of the new term. */
  start: string;
  /** Last valid day. */
  end: string;
  /** The expiry instant (`…T23:59:59+08:00`). */
  expiresAt: string;
  /** Resettable: the quota of every cycle; non-resettable: the total for the new term. */
  quota: Ratio;
  /** True when the new term starts after the operation day (a "not yet effective" resource for unsubscribing, 003 §3.4.3). */
  notYetEffective: boolean;
  /** Facts and notes. */
  breakdown: Breakdown;
};

/** A package after the deduction. */
export type PackageState = {
  /** The package. */
  id: string;
  /** Used in all. */
  used: Ratio;
  /** Left: of the whole term (non-resettable) or of the last cycle with usage (resettable). */
  remaining: Ratio;
  /** Resettable: use per reset cycle, `[cycle start, used]`. */
  cycles: Array<[string, Ratio]>;
};

/** The two package kinds of 002. */
export type PackageType = "singleUse" | "cyclic";

/** Request of `packageUsage`. */
export type PackageUsageRequest = {
  /** The packages held. */
  packages: Array<Package>;
  /** The usage, in any order (deducted in time order). */
  usage: Array<UsageRecord>;
  /** Pay-per-use unit price of each billing item that has overage. */
  prices?: { [key in string]?: Money };
} & RequestOptions;

/** Result of `packageUsage`. */
export type PackageUsageResponse = {
  /** Each usage record with what paid it. */
  records: Array<RecordResult>;
  /** Each package's use. */
  packages: Array<PackageState>;
  /** Pay-per-use quantities and amounts per billing item. */
  overage: Array<Overage>;
  /** The pay-per-use charge, half up to cents. */
  charge: Money;
  /** Lines (one per billing item with overage) add up to `charge`; notes give the reasons. */
  breakdown: Breakdown;
};

/** How the refunded order was paid (003 §3.4.6). */
export type PaidWith = "balance" | "card" | "monthlySettlement";

/** How the merged payment is paid. */
export type PayMethod = "balance" | "card";

/** One order of a merged payment. */
export type PayOrder = {
  /** The order number, for the breakdown. */
  id?: string;
  /** 订单金额. */
  amount: Money;
  /** 应付金额(第三方): the marketplace seller's part, not collected by the cloud. */
  thirdParty?: Money;
};

/** How a non-monthly customer's payable amount was paid (003 §13.2.1, §13.2.8). */
export type PayableSplit = {
  /** 现金支付. */
  cash?: Money;
  /** 信用额度支付. */
  credit?: Money;
  /** 代金券抵扣. */
  voucher?: Money;
  /** 欠费金额. */
  arrears?: Money;
};

/** Who pays an amount, and whether the payment goes through (003 §3.2.3.1, §3.3.2). */
export type Payers = {
  /** Taken from the cash balance (0 unless `paid`). */
  cash: Money;
  /** Taken from the credit line (0 unless `paid`). */
  credit: Money;
  /** Put on month-end settlement (0 unless `paid`). */
  monthlySettlement: Money;
  /** Charged to the bound card (0 unless `paid`). */
  card: Money;
  /** Not collected: 0 when `paid`, else the whole `payable` (a failed payment takes nothing). */
  unpaid: Money;
  /** What the balance, the settlement and the card could not cover — why the payment failed (0 when `paid`). */
  shortfall: Money;
  /** `paid`, `failed` (auto-renewal: retried the next day) or `pendingPayment` (order payment). */
  status: PaymentStatus;
  /** Why it is not paid (null when `paid`). */
  unpaidBecause: UnpaidBecause | null;
};

/** 003 §1.3: the customer types of the payment-method table (a row, or rows that read alike). */
export type PayingCustomerType = "prepaid" | "postpaidOnline" | "postpaidOffline" | "resaleSubCustomer" | "enterpriseSubPrepaid" | "enterpriseSubPostpaid" | "enterpriseSubUnified";

/** Which payment flow (they differ in the voucher rule and the last payer). */
export type PaymentFlow = "autoRenewal" | "orderPayment" | "oldAutoRenewal";

/** Request of `paymentSplit`. */
export type PaymentSplitRequest = {
  /** `autoRenewal` (default), `orderPayment` or `oldAutoRenewal`. */
  flow?: PaymentFlow;
  /** The order's list amount. */
  listAmount: Money;
  /** The payment date (vouchers and promotions must be valid on it). */
  date: string;
  /** The term paid for: with `offers`, a partner discount does not apply to products of two years or more (003 §9.2.1). */
  term?: Term;
  /** The discount the order carries (at most one, 003 §3.3.2) — or give `offers`. */
  discounts?: Array<GivenDiscount>;
  /** The discounts on offer, for the system's best-discount choice (003 §3.2.3.1). */
  offers?: DiscountOffers;
  /** The order, for the vouchers' restrictions. */
  order?: VoucherOrder;
  /** The customer's vouchers. */
  vouchers?: Array<Voucher>;
  /** The voucher picked on the payment page, instead of the automatic choice. */
  voucherId?: string;
  /** Cash balance (default 0). */
  cashBalance?: Money;
  /** Credit line left (default 0). */
  creditBalance?: Money;
  /** Whether a credit card is bound (auto-renewal charges it last). */
  cardBound?: boolean;
  /** Whether the customer has month-end settlement (preferred for order payments, 003 §3.3.2, and the month's bill pays auto-renewals, 003 §1.3). */
  monthlySettlement?: boolean;
  /** Who the customer is, for the methods they may use (003 §1.3). Absent: the payers the request names are used as given — balance then card for an auto-renewal (§3.2.3.1), the month's bill when `monthlySettlement` is set (§1.3, §3.3.2). */
  customerType?: PayingCustomerType;
} & RequestOptions;

/** Result of `paymentSplit`. */
export type PaymentSplitResponse = {
  /** The discount applied, if any. */
  discount: ChosenDiscount | null;
  /** The discount amount. */
  discountAmount: Money;
  /** The order amount after the discount, half up to cents. */
  amountDue: Money;
  /** The voucher(s) used. */
  vouchers: Array<AppliedVoucher>;
  /** What the vouchers pay. */
  voucherTotal: Money;
  /** What is left after discount and voucher: the money the customer pays. */
  payable: Money;
  /** The candidates of the automatic discount choice (empty when `discounts` was given). */
  discountCandidates: Array<DiscountCandidate>;
  /** Vouchers that could not pay, and why. */
  rejectedVouchers: Array<RejectedVoucher>;
  /** Lines: list amount, discount, voucher (they add up to `payable`); facts: who pays it. */
  breakdown: Breakdown;
} & Payers;

/** Whether the order is paid. */
export type PaymentStatus = "paid" | "failed" | "pendingPayment";

/** The unit a remaining period is measured in (003 §3.2.7). */
export type PeriodUnit = "months" | "years";

/** What happens to the pool at an instant. */
export type PoolAction = "draw" | "release";

/** One draw or release. */
export type PoolEvent = {
  /** When (`YYYY-MM-DDTHH:MM[:SS]`, inside the package, not before the previous event). */
  at: string;
  /** `draw` or `release`. */
  action: PoolAction;
  /** How many instances (≥ 1). */
  count: number;
};

/** One stretch of time with a constant idle count. */
export type PoolSegment = {
  /** Start, included (`YYYY-MM-DDTHH:MM:SS`). */
  from: string;
  /** End, excluded. */
  to: string;
  /** Instances the pool holds (0 after expiry). */
  poolSize: number;
  /** Instances drawn from the pool (0 after expiry). */
  drawn: number;
  /** `poolSize − drawn`. */
  idle: number;
  /** Length in hours (seconds / 3600). */
  hours: Fraction;
  /** `idle × hours × idle rate` (exact, shown to at most 8 decimals). */
  fee: Money;
};

/** Request of `postpaidCalendar`. */
export type PostpaidCalendarRequest = {
  /** Today: which bills are issued, due or overdue. */
  date: string;
  /** The issued bills, with what is repaid of each. */
  bills?: Array<IssuedBill>;
  /** 预估未出账金额: the estimate of the month not yet billed. */
  estimate?: Money;
  /** Orders paid by monthly settlement: which bill they land on and when they are charged. */
  orders?: Array<SettledOrder>;
  /** A top-up (充值): it pays unpaid bills first, then arrears, the rest is cash balance (003 §2, §5.2.1, §5.2.4). */
  topUp?: Money;
  /** A repayment of one bill, or an early repayment of the estimate (after the top-up). */
  repayment?: RepaymentAsk;
  /** Cash balance (default 0). */
  cashBalance?: Money;
  /** Arrears (欠费金额) of a prepaid customer whose deduction failed (default 0). */
  arrears?: Money;
} & RequestOptions;

/** Result of `postpaidCalendar`. */
export type PostpaidCalendarResponse = {
  /** The issued bills, oldest first. */
  bills: Array<BillDay>;
  /** 已出账剩余应还金额 today: the issued bills' remaining amounts. */
  billedRemaining: Money;
  /** Overdue of it today. */
  overdue: Money;
  /** The month not yet billed. */
  unbilled: UnbilledMonth;
  /** Monthly-settlement orders and their bills. */
  orders: Array<OrderOnBill>;
  /** The top-up's split, when one is given. */
  topUp: TopUpSplit | null;
  /** The repayment made, when one is asked (its default filled in). */
  repayment: Money | null;
  /** Left to repay on the issued bills after the top-up and the repayment. */
  stillDue: Money;
  /** Cash balance after the top-up. */
  cashBalance: Money;
  /** Arrears after the top-up. */
  arrears: Money;
  /** 可用额度 = cash balance − arrears (003 §2). */
  available: Money;
  /** Lines: each bill's remaining amount, what the top-up and the repayment pay; they add up to `stillDue`. */
  breakdown: Breakdown;
};

/** Prices of one configuration, per term (`{"1M": "11", "1Y": "120"}`). */
export type PriceTable = { [key in Term]?: Money };

/** How the tiers price a quantity (004 单价类型). */
export type Pricing = "fixed" | "fullTierProgressive" | "excessProgressive" | "fullTierTotal";

/** Aliyun product family (001), for the 15-day lead and the post-expiry renewal windows. */
export type ProductKind = "default" | "domain" | "hkDomain" | "virtualHosting" | "website" | "enterpriseMail";

/** A promotion discount and its use on this resource's earlier orders. */
export type Promotion = {
  /** A name for the breakdown (`"double-11"`). */
  id?: string;
  /** The factor (`"0.7"` = 30 % off). */
  factor: Ratio;
  /** The day the promotion took effect. */
  effective: string;
  /** Its last valid day, if it ends. */
  expires?: string;
  /** The date of the most recent earlier order of this resource (purchase, renewal, change) that used it; absent when it was never used on this resource. */
  usedOn?: string;
};

/** A cloud provider. */
export type Provider = "huawei" | "aliyun" | "tencent" | "volcengine";

/** Request of `consumptionQuota`. */
export type QuotaRequest = {
  /** 累计已出账应还金额: billed and not yet repaid. */
  billedUnpaid: Money;
  /** 未出账预估金额: the estimate of the month not yet billed (month-end settlement fees). */
  unbilledEstimate: Money;
  /** 现金余额. */
  cashBalance?: Money;
  /** 代金券余额. */
  voucherBalance?: Money;
  /** 总消费配额: the quota granted. */
  totalQuota: Money;
  /** The day the quota reached 100 % without repayment, for the grace/retention dates; not used (a note says so) when the figures give less than 100 % (003 §5.3). */
  exhaustedOn?: string;
} & RequestOptions;

/** Result of `consumptionQuota`. */
export type QuotaResponse = {
  /** 已用消费配额 = billed unpaid + unbilled estimate − cash − vouchers (not below 0). */
  used: Money;
  /** 剩余消费配额 = total − used (not below 0). */
  remaining: Money;
  /** used / total in percent, half up to 2 decimals. */
  usedPercent: string;
  /** `normal`, `reminder` or `exhausted`. */
  state: QuotaState;
  /** With `exhaustedOn` and 100 % or more used: the first day of the retention period (after 15 days of grace); null below 100 % (003 §5.3). */
  retentionStarts: string | null;
  /** With `exhaustedOn` and 100 % or more used: the day pay-per-use resources are released (after 15 days of retention); null below 100 %. */
  releaseOn: string | null;
  /** Reminder days: 15/7/3/1 days before retention and before release (none below 100 %). */
  reminders: Array<string>;
  /** Lines add up to `used`. */
  breakdown: Breakdown;
};

/** Where the account stands. */
export type QuotaState = "normal" | "reminder" | "exhausted";

/** New purchase or renewal. */
export type QuoteKind = "new" | "renewal";

/** Request of `quote`. */
export type QuoteRequest = {
  /** `new` (default) or `renewal`. */
  kind?: QuoteKind;
  /** The day the order is placed. */
  date: string;
  /** The term bought. */
  term: Term;
  /** Prices of the configuration per term; a term missing from the table is priced at its length × the one-unit price (8M = 8 × 1M). */
  prices: PriceTable;
  /** Number of identical resources (default 1). */
  quantity?: number;
  /** Discount factor, one per order (003 §3.2.3.1); default 1. */
  discount?: Ratio;
  /** New purchase: first day (default `date`). */
  start?: string;
  /** Renewal: the current expiry date. */
  currentExpiry?: string;
} & RequestOptions;

/** Result of `quote`. */
export type QuoteResponse = {
  /** List amount: term price × quantity. */
  listAmount: Money;
  /** Discount amount (negative of what the discount takes off). */
  discountAmount: Money;
  /** Amount payable before vouchers, half up to cents. The breakdown lines add up to it. */
  payable: Money;
  /** First day of the new period. */
  start: string;
  /** Last day of the new period. */
  end: string;
  /** Expiry instant (`end` at 23:59:59 provider time). */
  expiresAt: string;
  /** Latest expiry allowed: `date` + 10 years (003 §3.2.2.2). */
  latestAllowedExpiry: string;
  /** Renewal from the grace or retention period: days since expiry, paid for (003 §3.2.2.1). */
  daysAfterExpiry: number;
  /** Renewal: the duration the console offers by default for this price table (003 §3.2.2.2 step 5); null for a new purchase. */
  defaultTerm: Term | null;
  /** Line items and formulas (they add up to `payable`). */
  breakdown: Breakdown;
};

/** A factor or rate as a decimal string (`"0.9"` = 9折, `"0.10"`). */
export type Ratio = string;

/** One usage record, deducted. */
export type RecordResult = {
  /** Index in the request's `usage`. */
  index: number;
  /** The billing item. */
  billingItem: string;
  /** Paid by packages. */
  covered: Array<Deduction>;
  /** Billed pay-per-use. */
  overage: Ratio;
  /** Why the overage is not covered (000), when there is one. */
  reason: string | null;
};

/** Where a refund goes. */
export type RefundDestination = "balance" | "card" | "monthlyBill";

/** Where the cash refund goes and when it arrives (003 §3.4.6). */
export type RefundTo = {
  /** `balance`, `card` or `monthlyBill`. */
  destination: RefundDestination;
  /** When: `about 1 working day`, `about 7 working days (the bank decides)`, or the bill month (`in the 2022-09 bill`). */
  arrives: string;
};

/** A voucher that cannot pay this order, and why. */
export type RejectedVoucher = {
  /** The voucher. */
  id: string;
  /** The restriction it fails (003 §9.1.2). */
  reason: string;
};

/** Huawei rule set. */
export type RenewalRules = "current" | "old";

/** A repayment asked for (003 §5.2.3). */
export type RepaymentAsk = {
  /** The issued bill repaid (`YYYY-MM`); absent: an early repayment of the unbilled estimate (待出账账单还款). */
  month?: string;
  /** The amount (default: the bill's remaining amount due, or the whole estimate). */
  amount?: Money;
};

/** What every request may say besides its figures. */
export type RequestOptions = {
  /** The cloud whose rules are asked for (003 is Huawei's; absent = the rules this operation implements, Huawei's where it serves several). Another provider is refused with `NOT_SUPPORTED`, never answered by Huawei's rules. */
  provider?: Provider;
  /** Rounding policy (default `console`). */
  policy?: RoundingPolicy;
};

/** Request of `reservedInstanceRefund`. Give either `start`, `end` and `at` (date-times; the remaining time counts from the next whole hour) or `remainingRatio` (with `totalHours` for no-upfront RIs). */
export type ReservedInstanceRequest = {
  /** `fullUpfront` or `noUpfront` (partial upfront has no published formula, rules.md A8). */
  payment: RiPayment;
  /** Start of the RI term. */
  start?: string;
  /** End of the RI term. */
  end?: string;
  /** When it is unsubscribed. */
  at?: string;
  /** Remaining hours / total hours, when no dates are given (0–1). */
  remainingRatio?: Ratio;
  /** Total hours of the term, when no dates are given (no-upfront only). */
  totalHours?: number;
  /** Full upfront: cash part of the upfront payment. */
  upfrontCash?: Money;
  /** Full upfront: voucher part of the upfront payment. */
  upfrontVoucher?: Money;
  /** No upfront: the hourly amount. */
  hourlyAmount?: Money;
  /** No upfront: the RI voucher balance available to pay the fee (it pays first, 003 §3.4.2.2 table 3-6). */
  voucherBalance?: Money;
  /** No upfront: the account balance available to pay what the vouchers leave. */
  cashBalance?: Money;
  /** Full upfront: how the upfront part was paid, `balance` (default), `card` or `monthlySettlement`; says where the refund goes (003 §3.4.6). */
  paidWith?: PaidWith;
} & RequestOptions;

/** Result of `reservedInstanceRefund`. */
export type ReservedInstanceResponse = {
  /** Cash refunded to the balance (full upfront), half up to cents; 0 otherwise. */
  refund: Money;
  /** Full upfront: the remaining value of the cash paid, cash × remaining ratio (at most 8 decimals); 0 for no upfront. */
  remainingValue: Money;
  /** Handling fee: 12 % of the remaining part of the order amount, half up to cents. */
  handlingFee: Money;
  /** What the customer pays (no upfront: the fee, by month-end settlement; full upfront: 0). */
  customerPays: Money;
  /** No upfront, when the balances are given: the part of the fee paid by RI vouchers (first). */
  paidByVoucher: Money | null;
  /** No upfront, when the balances are given: the part paid from the account balance (second). */
  paidByBalance: Money | null;
  /** No upfront, when the balances are given: what neither covers (owed in the month-end bill). */
  unpaid: Money | null;
  /** Remaining hours / total hours. */
  remainingRatio: Fraction;
  /** Remaining hours (from the next whole hour), when dates were given. */
  remainingHours: number | null;
  /** Total hours, when known. */
  totalHours: number | null;
  /** Full upfront: where the cash refund goes and when it arrives (003 §3.4.6); null when nothing is refunded (an explanation's: the package gives it on first read, as `breakdown`). */
  refundTo: RefundTo | null;
  /** Line items and formulas (they add up to `refund − customerPays`). */
  breakdown: Breakdown;
};

/** Request of `reservedPoolIdleFee`. */
export type ReservedPoolRequest = {
  /** `singleUse` or `cyclic`. */
  packageType: PackageType;
  /** Instances reserved by the package (1–10000). */
  size: number;
  /** Package creation; the idle fee starts for all instances at once. */
  start: string;
  /** Package expiry; no idle fee after it. */
  end: string;
  /** Pay-as-you-go price of the same configuration, per instance-hour. */
  payAsYouGoPrice: Money;
  /** Idle factor (default 0.3, 002; at most 1). The page's displayed idle fee is authoritative. */
  idleFactor?: Ratio;
  /** Draws and releases, in time order. */
  events?: Array<PoolEvent>;
  /** End of the what-if (default: the package end; later shows the zero after expiry). */
  until?: string;
} & RequestOptions;

/** Result of `reservedPoolIdleFee`. */
export type ReservedPoolResponse = {
  /** Idle fee per idle instance-hour: `payAsYouGoPrice × idleFactor`. */
  idleRate: Money;
  /** The segments, in time order. */
  timeline: Array<PoolSegment>;
  /** Total idle fee, half up to cents once. */
  idleFee: Money;
  /** One line per segment with an idle fee, plus the rounding (they add up to `idleFee`). */
  breakdown: Breakdown;
};

/** Reset cycle of a resettable package. */
export type ResetCycle = "hour" | "day" | "week" | "month";

/** How the resource is billed: spec-change fees apply to prepaid resources only (003 §3.2.7). */
export type ResourceBillingMode = "prepaid" | "payPerUse";

/** What kind of resource is unsubscribed (the refusal cases of 003 §3.4.2.3). */
export type ResourceKind = "standard" | "resourcePackage" | "trial" | "free" | "oneOff";

/** A state of the resource (003 §3.2.10). */
export type ResourceState = "inUse" | "grace" | "retention" | "released";

/** How the reserved instance was paid. */
export type RiPayment = "fullUpfront" | "noUpfront" | "partialUpfront";

/** How intermediate amounts are rounded. The final amount is always rounded half up to cents. | step | `console` (default) | `document` | `exact` | |---|---|---|---| | unsubscribe / switch: consumed amount and handling fee | half up to cents (003 §3.4.2.2: 48.125 → 48.13) | same | exact | | upgrade: each order's fee | exact | truncated to cents (003 §3.2.7 ex. 1: 11.178 → 11.17) | exact | | disk expansion: remaining period | exact | half up to 2 decimals (003 §3.2.7: 28/31 → 0.90) | exact | | everything else | exact | exact | exact | */
export type RoundingPolicy = "console" | "document" | "exact";

/** The unsubscribe scenario (003 §3.4.1). */
export type Scenario = "inUse" | "notYetEffective" | "renewalPeriod" | "creationFailed";

/** Request of `selectVoucher`. */
export type SelectVoucherRequest = {
  /** The amount to pay (after the discount). */
  amountDue: Money;
  /** The payment date (or the usage date for pay-per-use). */
  date: string;
  /** `current` (default) or `old`. */
  rule?: VoucherRule;
  /** Cash + credit available; the old rule needs it (default 0). */
  accountBalance?: Money;
  /** What is paid for. */
  order?: VoucherOrder;
  /** The customer's vouchers. */
  vouchers: Array<Voucher>;
  /** The voucher the customer picked on the payment page (prepaid orders), instead of the automatic choice. */
  voucherId?: string;
} & RequestOptions;

/** Result of `selectVoucher`. */
export type SelectVoucherResponse = {
  /** The vouchers used (one for a prepaid order; several for pay-per-use, 003 §9.1.5). */
  applied: Array<AppliedVoucher>;
  /** What the vouchers pay in all. */
  voucherTotal: Money;
  /** What is left to pay from the account balance or a card. */
  remaining: Money;
  /** Old rule only: false when no voucher lets the payment succeed with the account balance. */
  paymentSucceeds: boolean;
  /** Vouchers that cannot pay this order. */
  rejected: Array<RejectedVoucher>;
  /** Line items: the amount due minus the vouchers (they add up to `remaining`). */
  breakdown: Breakdown;
};

/** The contracting entity (签约主体) that issues the invoice. */
export type Seller = "sparkooSingapore" | "huaweiServicesHk" | "huaweiKorea" | "huaweiIndia" | "huaweiMexico" | "sparkooThailand" | "sparkooArabia" | "huaweiPhilippines" | "sparkooIndonesia";

/** An order put on the month's bill (月度账单结算, 003 §1.2, §7.1). */
export type SettledOrder = {
  /** The order day. */
  date: string;
  /** What it puts on the bill. */
  amount: Money;
};

/** How pay-per-use usage is settled (003 §9.1.5): it decides when a voucher counts as valid. */
export type Settlement = "realTime" | "monthly";

/** What every spec change names (003 §3.2.7): the change day, the orders and the billing mode. */
export type SpecChange = {
  /** The change day (a disk's expansion day). */
  date: string;
  /** The resource's orders (purchase and renewals), in date order. */
  orders: Array<Order>;
  /** `prepaid` (default) or `payPerUse` (refused: 003 §3.2.7 covers prepaid resources only). */
  billingMode?: ResourceBillingMode;
};

/** When the switch takes effect. */
export type SwitchMode = "immediate" | "atExpiry";

/** Request of `switchToOnDemand`. */
export type SwitchRequest = {
  /** `immediate` (default) or `atExpiry`. */
  mode?: SwitchMode;
  /** The day the switch is requested. */
  date: string;
  /** The resource's orders, in date order. */
  orders: Array<Order>;
  /** Resource packages cannot switch (003 §3.2.6.3, §3.2.6.4). */
  resourceKind?: ResourceKind;
  /** Handling-fee rate instead of table 3-1 (`"0"` when a framework contract waives it). */
  handlingFeeRate?: Ratio;
  /** How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where the refund goes (003 §3.4.6). */
  paidWith?: PaidWith;
} & RequestOptions;

/** Result of `switchToOnDemand`: the refund (as for an in-use unsubscribe) and when pay-per-use billing starts. */
export type SwitchResponse = {
  /** `immediate` or `atExpiry`. */
  mode: SwitchMode;
  /** Pay-per-use billing starts after this instant (`2018-10-21T23:59:59+08:00`), or on `date` for an immediate switch. */
  payPerUseFrom: string;
} & UnsubscribeResponse;

/** Who sells, and the customer's tax standing: what picks and changes the rates (003 §8). */
export type TaxProfile = {
  /** The contracting entity; needed for a table lookup. */
  seller?: Seller;
  /** VAT/GST registered (资质 "VAT Register" with proof and tax number). */
  registered?: boolean;
  /** India: the customer's state, an ISO 3166-2:IN code (`HR`, `IN-HR`) or its English name (`Haryana`), any case: Haryana pays SGST + CGST, another state IGST (003 §8.1). Required for India's table rates; an unknown state is refused (`INVALID_INPUT`). */
  subdivision?: string;
  /** Withholding tax rate the customer withholds (`0.10`); default 0. */
  withholdingRate?: Ratio;
  /** Indirect tax rate to apply instead of the table (Pakistan Sindh sales tax `0.13`). */
  indirectTaxRate?: Ratio;
  /** Indonesia: a "VAT Register-VAT collector" customer, who pays the invoiced VAT to the tax authority itself, not to the seller (003 §8.1 Indonesia). */
  vatCollector?: boolean;
};

/** Request of `taxInvoice`. */
export type TaxRequest = {
  /** Price before indirect tax (WHT included, 003 §8.1, §8.2). */
  price: Money;
  /** The customer's country, ISO 3166 alpha-2 (`MY`, `SG`, `IN`…). */
  country: string;
  /** Invoice date: picks the rate in effect; needed for a table lookup. */
  date?: string;
} & TaxProfile & RequestOptions;

/** Result of `taxInvoice`. */
export type TaxResponse = {
  /** The rates in effect for this country, seller and date. */
  rates: Array<AppliedRate>;
  /** The registered customer self-assesses the tax (reverse charge, PP36…). */
  reverseCharge: boolean;
  /** Sum of the indirect taxes charged. */
  indirectTax: Money;
  /** Withholding tax deducted from the payment: `price × WHT rate`, half up to cents; 0 in Malaysia and Kenya before 2021-11-01, when it was paid separately (003 §8.2). */
  withholding: Money;
  /** `price + indirect tax`. */
  invoice: Money;
  /** `price − WHT + indirect tax`: what the customer pays the seller (an Indonesian VAT collector pays the VAT to the tax authority instead: `price − WHT`). */
  netPayable: Money;
  /** `checkout` only (`taxInvoice` refuses it, `TAX_RATE_UNKNOWN`): 003 §8.1 states no rate for this country, for this seller there, or on this date — no indirect tax is charged (`rates` empty); a rate the customer knows is given as `indirectTaxRate`. */
  noRateStated: NoRateFor | null;
  /** Lines (price, taxes, − WHT) add up to `netPayable`. */
  breakdown: Breakdown;
};

/** A prepaid term, `1M`…`120M` or `1Y`…`10Y`. Monthly and yearly terms are different products even when they last as long (`12M` is not `1Y`, 003 §3.2.7). */
export type Term = string;

/** One purchasable term. */
export type TermOption = {
  /** The term. */
  term: Term;
  /** Its length in months. */
  months: number;
  /** What it costs: price × quantity × discount, half up to cents (as `quote`). */
  total: Money;
  /** `total / months`: exact when it has at most 8 decimals, else half up to 8. */
  monthlyPrice: Money;
  /** True when `monthlyPrice` is exact; false when it is rounded half up to 8 decimals. */
  monthlyPriceExact: boolean;
  /** Against paying month by month: `months × total(1M) − total` (null without a `1M` price). */
  saving: Money | null;
  /** `saving / (months × total(1M))` in percent, half up to 2 decimals. */
  savingPercent: string | null;
  /** With `payPerUseHourly`: the hours a month above which this term is cheaper than pay-per-use, `monthlyPrice / (hourly × quantity)` (exact fraction). */
  breakEvenHours: Fraction | null;
  /** With `payPerUseHourly`: switching pay-per-use to this term is a new prepaid order that starts when paid, at this term's price (003 §3.2.6.2). */
  switchCost: Money | null;
};

/** One tier `(from, to]` (the first `[0, to]`); the last tier may be open (`to` absent). */
export type Tier = {
  /** Lower bound, excluded (0 is in the first tier): the next price starts above it (004). */
  from: Ratio;
  /** Upper bound, included; absent for the last, open tier. */
  to?: Ratio;
  /** Unit price in the tier (progressive types). */
  price?: Money;
  /** Flat amount of the tier (`fullTierTotal`). */
  total?: Money;
};

/** An event on the timeline. */
export type TimelineEvent = {
  /** When (provider time). */
  at: string;
  /** What happens, in customer words. */
  what: string;
  /** The message of `what`. */
  messages: Figures;
};

/** One state with its dates, what works and what keeping the resource costs. */
export type TimelinePeriod = {
  /** `inUse`, `grace`, `retention` or `released`. */
  state: ResourceState;
  /** The state in customer words ("expired (grace period)"). */
  label: string;
  /** First instant (null: not known, the term's start is not asked). */
  from: string | null;
  /** Last instant (null: released for good). */
  to: string | null;
  /** Calendar days (grace, retention). */
  days: number | null;
  /** What still works. */
  works: string;
  /** What keeping the resource costs in this state (null: not priced, or no longer possible). */
  costToKeep: Money | null;
  /** How to keep it. */
  howToKeep: string;
  /** The messages of `label`, `works` and `howToKeep` (`js/messages.js` renders them in other languages). */
  messages: Figures;
};

/** Request of `resourceTimeline`. */
export type TimelineRequest = {
  /** `prepaid` (default) or `payPerUse`. */
  billing?: Billing;
  /** `prepaid` (default), `testVoucher` or `monthlySettlement`. */
  customer?: AccountType;
  /** Prepaid: the last day of the term (it expires at 23:59:59). */
  expiry?: string;
  /** Prepaid: the term it was bought for (monthly → 1-month auto-renewal, yearly → 1 year). */
  purchaseTerm?: Term;
  /** Prepaid: auto-renewal on, with its settings (absent: off). */
  autoRenewal?: AutoRenewalSetting;
  /** Prepaid: set to "do not renew at expiry" (003 §3.2.5). */
  doNotRenew?: boolean;
  /** Prices of its configuration per term, to price keeping it (absent: no cost figures). */
  prices?: PriceTable;
  /** The renewal term priced (default: the auto-renewal term, else the console's default). */
  renewTerm?: Term;
  /** Discount factor of the renewal (default 1). */
  discount?: Ratio;
  /** Identical resources (default 1). */
  quantity?: number;
  /** Cash balance when auto-renewal charges (with `creditBalance`, `cardBound`: whether it can pay; all absent: not known). */
  cashBalance?: Money;
  /** Credit line left. */
  creditBalance?: Money;
  /** A card is bound (it pays what the balance cannot, 003 §3.2.3.1). */
  cardBound?: boolean;
  /** Pay-per-use: the day the deduction failed (or the quota reached 100 % unpaid). */
  arrearsSince?: string;
  /** Pay-per-use: the amount owed (what repaying costs). */
  arrears?: Money;
  /** Today, to say which state the resource is in. */
  today?: string;
} & RequestOptions;

/** Result of `resourceTimeline`. */
export type TimelineResponse = {
  /** `prepaid` or `payPerUse`. */
  billing: Billing;
  /** The states in order, contiguous, the last one `released`. */
  periods: Array<TimelinePeriod>;
  /** Auto-renewal attempts, expiry, freezing, release, reminders — in time order. */
  events: Array<TimelineEvent>;
  /** Prepaid with auto-renewal on: its attempts and outcome. */
  autoRenewal: AutoRenewalPlan | null;
  /** The state on `today`. */
  stateToday: ResourceState | null;
  /** The resource works (fully or partly) until this instant. */
  usableUntil: string;
  /** Last instant to keep it: renew or repay before this, or it is released. */
  keepUntil: string;
  /** What keeping it costs (a renewal starting at the old expiry, or the arrears); the lines add up to it. */
  costToKeep: Money | null;
  /** Facts, lines (the cost to keep) and notes. */
  breakdown: Breakdown;
};

/** What a top-up pays. */
export type TopUpSplit = {
  /** The amount topped up. */
  amount: Money;
  /** Paid to unpaid bills, oldest first. */
  toBills: Money;
  /** Paid to arrears. */
  toArrears: Money;
  /** Left as cash balance. */
  toBalance: Money;
};

/** The month not yet billed. */
export type UnbilledMonth = {
  /** The billing period `YYYY-MM` (the month of `date`, or the last month before its bill). */
  month: string;
  /** The day its bill is issued and due. */
  issuedOn: string;
  /** 预估未出账金额, when given. */
  estimate: Money | null;
  /** What an early repayment pays of it. */
  repaidEarly: Money;
};

/** The unified expiry day: 1–28, or `"last"` (the last day of a month, 003 §3.2.2.3). */
export type UnifiedDay = number | "last";

/** Request of `unifiedExpiry`. */
export type UnifiedExpiryRequest = {
  /** The current expiry date. */
  currentExpiry: string;
  /** The renewal term N, when the customer renews N and extends to the unified day (003 §3.2.2.3 "renew to the unified expiry"). Absent: the customer only sets the unified day and pays to renew up to it (003 §3.2.2.3 steps 2–5): the new expiry is the first unified day at least one month after the current expiry (an earlier one is moved to the next month's, as the one-month gap rule requires), priced as one month plus the top-up days (or, with only yearly prices, every day at the year price / 365). */
  renewTerm?: Term;
  /** The unified day D: 1–28 or `"last"` (default 1, as the console). */
  unifiedDay?: UnifiedDay;
  /** Prices per term to price the renewal and the top-up days (optional). */
  prices?: PriceTable;
  /** Discount factor (default 1). */
  discount?: Ratio;
  /** The day of the renewal, for the 10-year cap (optional). */
  date?: string;
} & RequestOptions;

/** Result of `unifiedExpiry`. */
export type UnifiedExpiryResponse = {
  /** The renewal term: the one asked for, or `1M` when only the unified day was set (absent when only yearly prices were given and every day is priced by the day). */
  renewTerm: Term | null;
  /** Expiry after a plain N-month renewal; with no term and only yearly prices, the current expiry (every day after it is priced by the day). */
  plainExpiry: string;
  /** Expiry on the unified day. */
  unifiedExpiry: string;
  /** `unifiedExpiry` at 23:59:59 provider time. */
  expiresAt: string;
  /** Days priced by the day (top-up days): plain expiry + 1 .. unified expiry. */
  paddingDays: number;
  /** The top-up days as a period in the renewal term's unit: months (each day / days of its month) or years (days without Feb 29 / 365). */
  paddingPeriod: Fraction;
  /** Price of the N-month renewal (when prices are given and a term is renewed). */
  renewalAmount: Money | null;
  /** Price of the top-up days (when prices are given; at most 8 decimals). */
  paddingAmount: Money | null;
  /** Total payable, half up to cents (when prices are given). */
  total: Money | null;
  /** Line items and formulas (they add up to `total`). */
  breakdown: Breakdown;
};

/** Why a payment does not go through (003 §3.2.3.1, §3.3.2, §5.1.2). */
export type UnpaidBecause = "balanceShort" | "cardNotForOrders" | "cardOverLimit";

/** Request of `unsubscribeRefund`. */
export type UnsubscribeRequest = {
  /** Which of the four scenarios applies. */
  scenario: Scenario;
  /** The unsubscribe day. */
  date: string;
  /** The resource's orders: the purchase and its renewals, in date order. */
  orders: Array<Order>;
  /** The kind of resource (default `standard`). */
  resourceKind?: ResourceKind;
  /** The cloud service, by code or name (`CBR`, `DWS`, whose packages may be unsubscribed; a service of 003 §3.4.2.3 table 3-7 such as `SMN` is never refunded). */
  service?: string;
  /** Handling-fee rate to use instead of table 3-5 (e.g. `"0"` under a framework contract that waives it, or the rate of a term the table lacks). */
  handlingFeeRate?: Ratio;
  /** `renewalPeriod`: the expiry the customer keeps (the end of one of the orders); every order after it is refunded. Default: the end of the order running on `date`. */
  keepUntil?: string;
  /** Day a large refund (> 1000) is approved; decides the bill month (003 §3.4.2.1). */
  approvalDate?: string;
  /** How the order was paid: `balance` (default), `card` or `monthlySettlement`; says where the refund goes (003 §3.4.6). */
  paidWith?: PaidWith;
} & RequestOptions;

/** Result of `unsubscribeRefund` (and of `switchToOnDemand`). */
export type UnsubscribeResponse = {
  /** Cash refunded, rounded half up to cents. The breakdown lines add up to it. */
  refund: Money;
  /** Voucher amount returned (not cash; void if the voucher has expired, 003 §3.4.1). */
  voucherReturned: Money;
  /** Cash paid on the orders concerned. */
  paidCash: Money;
  /** Consumed amount (in-use order only). */
  consumed: Money;
  /** Handling fee. */
  handlingFee: Money;
  /** Handling-fee rate applied (`0.10`). */
  handlingFeeRate: Ratio;
  /** Day counts of the order running on the operation day (in-use only). */
  days: Days | null;
  /** 003 §3.4.2.1: refund > 1000 needs approval (auto-approved after 24 h). */
  requiresApproval: boolean;
  /** Month whose bill carries the refund (`YYYY-MM`): the month the unsubscribe succeeds. */
  billMonth: string;
  /** Per-order outcome (an explanation's: the package gives it on first read, as `breakdown`). */
  orders: Array<OrderRefund>;
  /** Where the cash refund goes and when it arrives (003 §3.4.6); null when nothing is refunded (an explanation's: the package gives it on first read, as `breakdown`). */
  refundTo: RefundTo | null;
  /** Line items and formulas (they add up to `refund`). */
  breakdown: Breakdown;
};

/** The offer applied to an upgrade (003 §3.2.7, four formulas). */
export type UpgradeOffer = ({
  kind: "rate";
  /** The factor, 0 < d ≤ 1 (0.9 = 9折). */
  factor: Ratio;
}) | ({
  kind: "fixedPrice";
  /** Fixed prices of the new configuration, per term. */
  prices: PriceTable;
}) | ({
  kind: "reduction";
  /** The reduction X. */
  amount: Money;
});

/** Request of `upgradeCost`. */
export type UpgradeRequest = {
  /** Prices of the old configuration per term, matched by each order's own term (rules.md A4: the document's example 2 reproduces with the price at purchase). */
  oldPrices: PriceTable;
  /** Current prices of the new configuration per term. */
  newPrices: PriceTable;
  /** Discount, fixed price or reduction (default none). */
  offer?: UpgradeOffer;
} & SpecChange & RequestOptions;

/** Result of `upgradeCost`. */
export type UpgradeResponse = {
  /** Amount to pay, half up to cents; 0 when the formula is negative (nothing charged, nothing refunded). */
  cost: Money;
  /** Days counted in the total remaining period: the change day excluded, and in years Feb 29 not counted (003 §3.2.7). */
  remainingDays: number;
  /** Total remaining period R in `periodUnit`. */
  remainingPeriod: Fraction;
  /** `months` or `years`. */
  periodUnit: PeriodUnit;
  /** Price term matched for the new configuration (rounded up). */
  matchedTerm: Term;
  /** Per-order fees (an explanation's: the package gives it on first read, as `breakdown`; `cost` adds up the same fees either way). */
  orders: Array<OrderFee>;
  /** True when the new configuration's rate is below the old one's: a downgrade by price (003 §3.2.7 note: the fee, not the spec, decides the direction). */
  cheaperByPrice: boolean;
  /** Line items and formulas (they add up to `cost`). */
  breakdown: Breakdown;
};

/** Request of `usageCharge`. */
export type UsageChargeRequest = {
  /** Metered usage in the raw unit (bytes, seconds, calls…). */
  rawUsage: Ratio;
  /** Raw units per pricing unit (1 GB = 1073741824 bytes; 1 hour = 3600 s); default 1. */
  conversionRatio?: Ratio;
  /** The unit price type. */
  pricing: Pricing;
  /** `fixed`: the unit price. */
  unitPrice?: Money;
  /** Progressive and total types: the tiers, from 0 upwards, contiguous. */
  tiers?: Array<Tier>;
} & RequestOptions;

/** Result of `usageCharge`. */
export type UsageChargeResponse = {
  /** Usage in the pricing unit, truncated to 10 decimals (003 §6.1.1). */
  usage: Ratio;
  /** The amount, exact up to 8 decimals, else half up to 8 (bills keep 8 decimals, 003 §6.1.6); Volcengine: the bill detail's 6 decimals (004). */
  amount: Money;
  /** The amount rounded half up to cents (how a monthly bill total is shown, 003 §6.1.6); Volcengine: cut to cents (004: the bill drops the 3rd and later decimals). */
  rounded: Money;
  /** Index of the tier that holds the usage (full-tier types), if any. */
  tier: number | null;
  /** Line items and formulas (they add up to `rounded`). */
  breakdown: Breakdown;
};

/** Metered usage of one billing item. */
export type UsageRecord = {
  /** When the usage happened (not when its bill arrived, 000). */
  date: string;
  /** Hour of the day (0–23), for hourly reset cycles. */
  hour?: number;
  /** The billing item (`requests` have no package, 000). */
  billingItem: string;
  /** The quantity. */
  amount: Ratio;
  /** Its region. */
  region?: string;
  /** Its storage class. */
  storageClass?: string;
  /** Its redundancy. */
  redundancy?: string;
};

/** A voucher and its restrictions (003 §9.1.2). Absent lists mean "no restriction". */
export type Voucher = {
  /** Its id (shown in the breakdown). */
  id: string;
  /** The remaining balance. */
  balance: Money;
  /** First valid day. */
  validFrom: string;
  /** Last valid day (its expiry). */
  validTo: string;
  /** Products it may pay (absent: all). */
  products?: Array<string>;
  /** Products it may not pay. */
  excludedProducts?: Array<string>;
  /** Regions it may pay (absent: all). */
  regions?: Array<string>;
  /** Billing modes it may pay (absent: all). */
  billingModes?: Array<BillingMode>;
  /** Whether its terms let it pay an order that already has a business, partner or promotion discount (003 §9.1.2: "depends on the voucher's own terms"); default true. */
  combinesWithDiscounts?: boolean;
};

/** What the voucher is asked to pay for. */
export type VoucherOrder = {
  /** The product (`"ECS"`). */
  product?: string;
  /** The region (`"ap-southeast-1"`). */
  region?: string;
  /** The billing mode (default `monthly`). */
  billingMode?: BillingMode;
  /** True when the order carries a business, partner or promotion discount. */
  discounted?: boolean;
  /** True when the order uses a discount coupon (no voucher then, 003 §9.1.2). */
  discountCoupon?: boolean;
  /** Pay-per-use only: how the usage is settled (default `realTime`). */
  settlement?: Settlement;
  /** True when the amount is an existing bill in arrears (vouchers cannot pay it, 003 §9.1.2). */
  arrears?: boolean;
};

/** Which voucher rule picks the voucher. */
export type VoucherRule = "current" | "old";

/** A WHT certificate to upload (003 §10.3). */
export type WhtCertificate = {
  /** 凭证总金额, in the certificate's currency. */
  total: Money;
  /** The invoices it covers. */
  invoices: Array<CertificateInvoice>;
};
