// The <billcalc-receipt> custom element (import "billcalc/receipt" in a browser).

import type { CheckoutRequest, CheckoutResponse } from "./types.js";

/** A checkout request: the package's `checkout` request. */
export type ReceiptCheckoutRequest = CheckoutRequest;

/** A refusal: `code`, the request field's `path`, and a message. */
export interface ReceiptError {
  code: string;
  path: string;
  message: string;
}

/**
 * Renders the receipt of a checkout request: lines, the discount chosen with its reason, the
 * voucher, tax, the total and who pays. Set the request as the `checkout` property or as JSON in
 * the `checkout` attribute. Fires `billcalc-receipt` (detail: {request, answer}) after each render
 * and `billcalc-error` (detail: {request, error}) when the request is refused.
 *
 * Styled through CSS custom properties: `--billcalc-font`, `--billcalc-color`, `--billcalc-muted`,
 * `--billcalc-accent`, `--billcalc-error`, `--billcalc-border`, `--billcalc-background`,
 * `--billcalc-radius`, `--billcalc-padding`, `--billcalc-total-size`; and the parts `receipt`,
 * `total`, `error`, `payers`, `breakdown`.
 */
export declare class BillcalcReceipt extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The checkout request shown; setting it re-renders at once. */
  checkout: ReceiptCheckoutRequest | null;
  /** The last answer rendered, or null. */
  readonly answer: CheckoutResponse | null;
  /** The last refusal, or null. */
  readonly error: ReceiptError | null;
}

/** The receipt's words (English): one table, to translate; functions take figures already formatted. */
export declare const WORDS: Record<string, any>;
/** The receipt's words in Simplified Chinese: the same keys and functions as WORDS. */
export declare const WORDS_ZH: typeof WORDS;
/** The receipt's words by language. */
export declare const WORDS_BY_LANG: { en: typeof WORDS; "zh-CN": typeof WORDS };
/** The words for a BCP 47 tag: WORDS_ZH for any `zh…`, else WORDS. */
export declare function wordsFor(lang?: string): typeof WORDS;

/** Options of the receipt: the account currency's ISO code ("USD"), a BCP 47 locale, the words. */
export interface ReceiptOptions {
  currency?: string;
  locale?: string;
  words?: typeof WORDS;
}

/** The receipt of an answer as an element, for a page that computes the answer itself. */
export declare function renderReceipt(
  request: ReceiptCheckoutRequest,
  answer: CheckoutResponse,
  options?: ReceiptOptions & { breakdown?: boolean },
): HTMLElement;

/** An exact decimal string in the locale's format with its currency, digit for digit (never
 * through a float): `formatMoney("1819.5", {currency: "USD", locale: "en-US"})` → "$1,819.50". */
export declare function formatMoney(amount: string, options?: { currency?: string; locale?: string }): string;

/** A refusal in a customer's words, and its code for a details line. With words of another
 * language than English (`WORDS_ZH`), the text is the code's sentence in it and the details line
 * holds the English and the code. */
export declare function plainError(error: { code?: string; message?: string }, words?: typeof WORDS): { text: string; code: string; details: string };

/** One shown row: its exact amount (a deduction negative) and that amount formatted. */
export interface ReceiptRow {
  key: string;
  label: string;
  amount: string;
  text: string;
  why?: string;
}

/** What the receipt shows, as rows that add up (no DOM). */
export declare function receiptModel(
  request: ReceiptCheckoutRequest,
  answer: CheckoutResponse,
  options?: ReceiptOptions,
): {
  lines: Array<{ index: number; head: string; rows: ReceiptRow[]; offers?: Array<{ name: string; why: string; chosen: boolean }>; notes?: string[]; due?: ReceiptRow; error?: { text: string; code: string; details: string } }>;
  sums: ReceiptRow[];
  subtotal: ReceiptRow;
  taxes: ReceiptRow[];
  taxNote: string | null;
  total: ReceiptRow;
  display: { label: string; text: string } | null;
  payers: ReceiptRow[];
  status: string | null;
  unpaidWhy: string | null;
};

declare global {
  interface HTMLElementTagNameMap {
    "billcalc-receipt": BillcalcReceipt;
  }
  interface HTMLElementEventMap {
    "billcalc-receipt": CustomEvent<{ request: ReceiptCheckoutRequest; answer: CheckoutResponse }>;
    "billcalc-error": CustomEvent<{ request: ReceiptCheckoutRequest | null; error: ReceiptError }>;
  }
}
