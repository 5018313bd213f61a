// Type-level tests of the package's declarations: compiled with `tsc --strict --noEmit`.
import {
  unsubscribeRefund,
  downgradeRefund,
  curve,
  calculate,
  checkout,
  resourceTimeline,
  type BillcalcError,
  type UnsubscribeResponse,
  type ErrorCode,
} from "billcalc";
import { BillcalcReceipt, type ReceiptError } from "billcalc/receipt";
import { renderBreakdown, renderLine, renderText, pickLanguage, refusalText, valueText, REFUSALS, type Language } from "billcalc/messages";

const res: UnsubscribeResponse = unsubscribeRefund({
  scenario: "inUse",
  date: "2022-09-02",
  orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }],
});
const refund: string = res.refund;
const days: number | undefined = res.days?.total;
const lineAmounts: string[] = res.breakdown.lines.map((l) => l.amount);

const d = downgradeRefund({
  date: "2018-11-24",
  orders: [{ start: "2018-11-01", end: "2018-11-30", term: "1M", paidCash: "120" }],
  newPrices: { "1M": "90" },
});
const period: "months" | "years" = d.periodUnit;

const c = curve({ op: "unsubscribeRefund", scenario: "inUse", date: "2022-09-02", orders: [], from: "2022-09-01" });
const cents: (number | null)[] = c.cents;

const any = calculate({ op: "unifiedExpiry", currentExpiry: "2023-03-15", renewTerm: "1M", unifiedDay: "last" });

try {
  unsubscribeRefund({ scenario: "inUse", date: "x", orders: [] });
} catch (e) {
  const err = e as BillcalcError;
  const code: ErrorCode = err.code;
  const path: string = err.path;
  void code;
  void path;
}

const cart = checkout({
  date: "2024-03-01",
  items: [{ kind: "renewal", term: "1M", currentExpiry: "2024-03-10", prices: { "1M": "50" } }],
  offers: { business: "0.8" },
  balance: { cash: "100" },
});
const lineError: ErrorCode | undefined = cart.lines[0]?.error?.code;
const toPay: string = cart.tax?.netPayable ?? cart.total;
// @ts-expect-error a line's kind is one of the four
checkout({ date: "2024-03-01", items: [{ kind: "downgrade" }] });

// @ts-expect-error scenario must be one of the four
unsubscribeRefund({ scenario: "whenever", date: "2022-09-02", orders: [] });
// @ts-expect-error unknown fields are refused
unsubscribeRefund({ scenario: "inUse", date: "2022-09-02", orders: [], refundEverything: true });

// The receipt element: a typed tag, a request property, typed events.
const receipt = document.createElement("billcalc-receipt");
const isReceipt: BillcalcReceipt = receipt;
receipt.checkout = { date: "2024-03-01", country: "SG", items: [] };
receipt.addEventListener("billcalc-error", (e) => {
  const err: ReceiptError = e.detail.error;
  void err.path;
});
// @ts-expect-error the answer is read-only
receipt.answer = null;

// The breakdown in the reader's language: keys and figures typed, texts rendered.
const lang: Language = pickLanguage(["zh-CN", "en"]);
const firstLine = res.breakdown.lines[0];
const key: string | null = firstLine.key;
const rendered: { label: string; formula: string } = renderLine(firstLine, lang);
const notes: string[] = renderBreakdown(res.breakdown, "zh-CN").notes;
// An answer's text told by a message (`messages`), in a language.
const state: string = renderText(resourceTimeline({ expiry: "2020-08-31" }).periods[0], "label", "zh-CN");
// A refusal's sentence and an answer's stable word, in a language.
const refusal: string = refusalText({ code: "INVALID_DATE", message: "2023-02-30 is not a date" }, "zh-CN");
const sentence: string | undefined = REFUSALS["zh-CN"].RENEWAL_EXCEEDS_10_YEARS;
const stateWord: string | null = valueText(resourceTimeline({ expiry: "2020-08-31" }).stateToday, lang);

export { refund, days, lineAmounts, period, cents, any, lineError, toPay, isReceipt, key, rendered, notes, state, refusal, sentence, stateWord };
