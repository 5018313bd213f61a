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

/** The receipt of an answer as an element, for a page that computes the answer itself. */
export declare function renderReceipt(
  request: ReceiptCheckoutRequest,
  answer: CheckoutResponse,
  options?: { currency?: string; breakdown?: boolean },
): HTMLElement;

declare global {
  interface HTMLElementTagNameMap {
    "billcalc-receipt": BillcalcReceipt;
  }
  interface HTMLElementEventMap {
    "billcalc-receipt": CustomEvent<{ request: ReceiptCheckoutRequest; answer: CheckoutResponse }>;
    "billcalc-error": CustomEvent<{ request: ReceiptCheckoutRequest | null; error: ReceiptError }>;
  }
}
