// <billcalc-receipt>: a checkout request in, the receipt out — lines, the discount chosen and why,
// the voucher, tax, the total and who pays — for a checkout page, in a few lines:
//
//   <script type="module" src="…/billcalc/js/receipt.js"></script>   (or: import "billcalc/receipt")
//   <billcalc-receipt checkout='{"date":"2024-03-01","country":"SG",…}'></billcalc-receipt>
//
// or from script: `document.querySelector("billcalc-receipt").checkout = request` (re-renders at
// once). Every figure is the package's answer; nothing is computed here. Text only ever goes in
// with textContent. After each render the element fires `billcalc-receipt` (detail: {request,
// answer}) or, when the request is refused, `billcalc-error` (detail: {request, error} with the
// error's code, path and message); both bubble out of the shadow root.
//
// Styling: an open shadow root with its own sheet, themed by these CSS custom properties (set
// them on the element or any ancestor):
//   --billcalc-font          font family                      (system-ui, sans-serif)
//   --billcalc-color         text                             (#1d2430)
//   --billcalc-muted         secondary text                   (#5b6675)
//   --billcalc-accent        the total and headings           (#0b63ce)
//   --billcalc-error         refusals                         (#b3261e)
//   --billcalc-border        rules and the frame              (#d9dee5)
//   --billcalc-background    background                       (#fff)
//   --billcalc-radius        corner radius                    (8px)
//   --billcalc-padding       inner padding                    (14px)
//   --billcalc-total-size    font size of the total           (1.6rem)
// and parts for anything else: ::part(receipt), ::part(total), ::part(error), ::part(payers),
// ::part(breakdown).
//
// Attributes: `checkout` (the request as JSON), `currency` (the account currency's ISO code, e.g.
// "USD": every amount is formatted with it by Intl.NumberFormat in the nearest `lang`'s format,
// digit for digit; default none: the locale's number format), `breakdown` (present: show the "How
// it was computed" section). The words are js/receipt-model.js's WORDS (English) or WORDS_ZH (简体中文), by the nearest `lang`.
import { checkout } from "./browser.js";
import { WORDS, WORDS_ZH, WORDS_BY_LANG, wordsFor, formatMoney, plainError, receiptModel } from "./receipt-model.js";

export { WORDS, WORDS_ZH, WORDS_BY_LANG, wordsFor, formatMoney, plainError, receiptModel };
import { renderBreakdown, pickLanguage } from "./messages.js";

const CSS = `
:host { display: block; font-family: var(--billcalc-font, system-ui, -apple-system, "Segoe UI", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif);
  color: var(--billcalc-color, #1d2430); background: var(--billcalc-background, #fff);
  border: 1px solid var(--billcalc-border, #d9dee5); border-radius: var(--billcalc-radius, 8px);
  padding: var(--billcalc-padding, 14px); font-size: 0.95rem; line-height: 1.4; }
:host([hidden]) { display: none; }
table { width: 100%; border-collapse: collapse; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 650; font-size: 1.1rem; color: var(--billcalc-accent, #0b63ce); padding-bottom: 6px; }
caption .meta { font-weight: normal; font-size: 0.85rem; color: var(--billcalc-muted, #5b6675); margin-left: 6px; }
th, td { padding: 3px 0; vertical-align: top; text-align: left; font-weight: normal; }
td { text-align: right; white-space: nowrap; padding-left: 12px; }
thead th { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
tbody.line { border-top: 1px solid var(--billcalc-border, #d9dee5); }
tbody.line tr.head th { font-weight: 600; padding-top: 6px; }
tbody.line tr.head td { padding-top: 6px; }
tr.sub th, tr.sub td, tr.when th { color: var(--billcalc-muted, #5b6675); font-size: 0.88rem; }
tr.sub th { padding-left: 12px; }
tr.when th { padding-left: 12px; }
.why { display: block; font-size: 0.8rem; }
tr.due th, tr.due td { font-weight: 600; }
tbody.sums { border-top: 2px solid var(--billcalc-border, #d9dee5); }
tbody.sums th, tbody.sums td { padding-top: 4px; }
tr.total th, tr.total td { border-top: 2px solid var(--billcalc-color, #1d2430); padding-top: 8px; font-weight: 700; }
tr.total td { font-size: var(--billcalc-total-size, 1.6rem); color: var(--billcalc-accent, #0b63ce); }
tr.shown th, tr.shown td { color: var(--billcalc-muted, #5b6675); font-size: 0.9rem; }
.line-error th, .error { color: var(--billcalc-error, #b3261e); }
.error p { margin: 0; font-weight: 600; }
.error .code, .why.code { font-weight: normal; font-size: 0.8rem; color: var(--billcalc-muted, #5b6675); }
tr.offers-row th { padding-left: 12px; white-space: normal; }
.offers-title { display: block; font-size: 0.8rem; }
ul.offers { margin: 0; padding-left: 16px; font-size: 0.8rem; }
ul.offers li.chosen { color: var(--billcalc-color, #1d2430); }
tr.tax-note th { color: var(--billcalc-muted, #5b6675); font-size: 0.88rem; white-space: normal; }
.payers { margin-top: 12px; }
.payers .title, details summary { font-weight: 600; font-size: 0.95rem; margin: 0 0 4px; color: var(--billcalc-accent, #0b63ce); }
.payers dl { display: grid; grid-template-columns: 1fr auto; gap: 2px 12px; margin: 0; font-variant-numeric: tabular-nums; }
.payers dd { margin: 0; text-align: right; }
.status { margin: 6px 0 0; font-size: 0.9rem; }
.status.bad { color: var(--billcalc-error, #b3261e); }
details { margin-top: 12px; font-size: 0.85rem; }
details summary { cursor: pointer; }
details ol { padding-left: 18px; margin: 6px 0; }
details .formula { display: block; font-family: ui-monospace, monospace; font-size: 0.78rem; color: var(--billcalc-muted, #5b6675); overflow-wrap: anywhere; }
.notes { color: var(--billcalc-muted, #5b6675); font-size: 0.8rem; padding-left: 18px; }
`;

let sheet;
function styles() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
  }
  return sheet;
}

function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) e.append(c instanceof Node ? c : String(c));
  return e;
}

// A row of the table: its label (and a reason under it), its amount formatted; the exact decimal
// in `data-amount` for a script.
function tr(cls, r, why) {
  const th = el("th", { scope: "row" }, r.label);
  if (why) th.append(el("span", { class: "why" }, why));
  return el("tr", { class: cls }, th, el("td", { "data-figure": r.key, "data-amount": r.amount }, r.text ?? ""));
}
const textRow = (cls, label, figure) => el("tr", { class: cls }, el("th", { scope: "row", colspan: "2", "data-figure": figure }, label));

function lineBody(line, words) {
  const body = el("tbody", { class: "line", "data-line": line.index });
  if (line.error) {
    body.append(textRow("head line-error", line.head));
    const why = el("th", { scope: "row", "data-figure": `line-${line.index}-error` }, line.error.text, el("span", { class: "why code" }, line.error.details));
    body.append(el("tr", { class: "sub line-error" }, why, el("td", {}, words.refused)));
    return body;
  }
  const [head, ...subs] = line.rows;
  body.append(tr("head", head));
  for (const r of subs) body.append(tr("sub", r, r.why));
  if (line.offers.length) {
    const list = el("ul", { class: "offers", "aria-label": words.offersTitle });
    for (const o of line.offers) list.append(el("li", { class: o.chosen ? "chosen" : "" }, `${o.name}: ${o.why}`));
    body.append(el("tr", { class: "when offers-row" }, el("th", { scope: "row", colspan: "2" }, el("span", { class: "offers-title" }, words.offersTitle), list)));
  }
  for (const n of line.notes) body.append(textRow("when", n));
  body.append(tr("due", line.due));
  return body;
}

/** The receipt of a checkout answer, as a DOM element (used by the element; exported for pages
 * that compute the answer themselves). `currency` is the account's (an ISO code such as "USD",
 * formatted by the locale), `locale` a BCP 47 tag (default: the page's). */
export function renderReceipt(request, answer, { currency = "", breakdown = false, locale, words = WORDS } = {}) {
  const m = receiptModel(request, answer, { currency, locale, words });
  const root = el("div", { part: "receipt", class: "receipt" });
  const table = el("table");
  const meta = [request?.date, request?.country].filter(Boolean).join(" · ");
  table.append(
    el("caption", {}, words.receipt, meta ? el("span", { class: "meta" }, meta) : ""),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, words.item), el("th", { scope: "col" }, words.amount))),
  );
  for (const line of m.lines) table.append(lineBody(line, words));
  const sums = el("tbody", { class: "sums" });
  for (const r of m.sums) sums.append(tr("", r));
  sums.append(tr("", m.subtotal));
  for (const r of m.taxes) sums.append(tr("", r));
  if (m.taxNote) sums.append(textRow("tax-note", m.taxNote, "tax-note"));
  table.append(sums);
  const foot = el("tfoot");
  const total = tr("total", m.total);
  total.querySelector("td").setAttribute("part", "total");
  foot.append(total);
  if (m.display) foot.append(tr("shown", { key: "display", label: m.display.label, text: m.display.text }));
  table.append(foot);
  root.append(table);

  if (m.status) {
    const dl = el("dl");
    // Vouchers are deducted above: who pays lists what pays "To pay", and adds up to it.
    for (const r of m.payers) dl.append(el("dt", {}, r.label), el("dd", { "data-figure": r.key, "data-amount": r.amount }, r.text));
    const status = el("p", { class: answer.payment.status === "paid" ? "status" : "status bad", "data-figure": "status" }, m.status);
    if (m.unpaidWhy) status.append(" ", el("span", { "data-figure": "unpaid-why" }, m.unpaidWhy));
    // Not a heading: the element cannot know the heading levels of the page it sits in.
    const title = el("p", { class: "title", id: "who-pays" }, words.whoPays);
    dl.setAttribute("aria-labelledby", "who-pays");
    root.append(el("div", { class: "payers", part: "payers" }, title, dl, status));
  }

  if (breakdown) {
    // Filled when opened: the breakdown's formulas are computed on first read.
    const details = el("details", { part: "breakdown" }, el("summary", {}, words.howComputed));
    details.addEventListener("toggle", () => {
      if (!details.open || details.dataset.filled) return;
      details.dataset.filled = "true";
      // In the page's language (its <html lang>), from each line's message key.
      const b = renderBreakdown(answer.breakdown, pickLanguage(document.documentElement.lang || "en"));
      const ol = el("ol");
      for (const l of b.lines) ol.append(el("li", {}, `${l.label}: ${formatMoney(l.amount, { currency, locale })}`, el("span", { class: "formula" }, l.formula)));
      const facts = el("ol");
      for (const f of b.facts) facts.append(el("li", {}, `${f.label}: ${f.value}`, el("span", { class: "formula" }, f.formula)));
      const notes = el("ul", { class: "notes" });
      for (const n of b.notes) notes.append(el("li", {}, n));
      details.append(ol, facts, notes);
    });
    root.append(details);
  }
  return root;
}

function errorView(error, words = WORDS) {
  const e = plainError(error, words);
  return el("div", { class: "error", role: "alert", part: "error" }, el("p", {}, e.text), el("p", { class: "code" }, e.details));
}

export class BillcalcReceipt extends HTMLElement {
  static observedAttributes = ["checkout", "currency", "breakdown"];
  #request = null;
  #answer = null;
  #error = null;
  #broken = null;
  #queued = false;

  constructor() {
    super();
    this.attachShadow({ mode: "open" }).adoptedStyleSheets = [styles()];
    // A `checkout` property set before the element was defined is an own data property that would
    // hide the accessor: take it over.
    if (Object.prototype.hasOwnProperty.call(this, "checkout")) {
      const request = this.checkout;
      delete this.checkout;
      this.#request = request ?? null;
      this.#queue();
    }
  }

  /** The checkout request shown (set it to re-render). */
  get checkout() {
    return this.#request;
  }
  set checkout(request) {
    this.#request = request ?? null;
    this.#broken = null;
    this.#render();
  }
  /** The last answer rendered, or null. */
  get answer() {
    return this.#answer;
  }
  /** The last refusal, or null. */
  get error() {
    return this.#error;
  }

  attributeChangedCallback(name, _old, value) {
    if (name === "checkout") {
      this.#broken = null;
      if (value === null) {
        this.#request = null;
      } else {
        try {
          this.#request = JSON.parse(value);
        } catch (e) {
          this.#request = null;
          this.#broken = { code: "INVALID_INPUT", path: "", message: `the checkout attribute is not JSON: ${e.message}` };
        }
      }
    }
    this.#queue();
  }

  // Attributes set together (as the parser does) render once, after them; a render in between
  // (the property set) makes it unneeded.
  #queue() {
    if (this.#queued) return;
    this.#queued = true;
    queueMicrotask(() => {
      if (!this.#queued) return;
      this.#queued = false;
      if (this.#broken) this.#show(null, this.#broken);
      else this.#render();
    });
  }

  connectedCallback() {
    if (!this.shadowRoot.childElementCount && this.#request && !this.#queued) this.#render();
  }

  #render() {
    this.#queued = false;
    if (this.#request === null) {
      this.shadowRoot.replaceChildren();
      return;
    }
    let answer = null;
    let error = null;
    try {
      answer = checkout(this.#request);
    } catch (e) {
      error = e && typeof e === "object" && "code" in e ? e : { code: "ERROR", path: "", message: String(e) };
    }
    this.#show(answer, error);
  }

  #show(answer, error) {
    this.#answer = answer;
    this.#error = error;
    // In the language of the nearest [lang] (the page's <html lang>): Chinese for zh…, else English.
    const lang = this.closest("[lang]")?.getAttribute("lang") || document.documentElement.lang || undefined;
    const words = wordsFor(lang);
    if (error) {
      this.shadowRoot.replaceChildren(errorView(error, words));
    } else {
      this.shadowRoot.replaceChildren(
        renderReceipt(this.#request, answer, {
          currency: this.getAttribute("currency") ?? "",
          breakdown: this.hasAttribute("breakdown"),
          locale: this.closest("[lang]")?.getAttribute("lang") || undefined,
          words,
        }),
      );
    }
    const detail = error ? { request: this.#request, error } : { request: this.#request, answer };
    this.dispatchEvent(new CustomEvent(error ? "billcalc-error" : "billcalc-receipt", { detail, bubbles: true, composed: true }));
  }
}

if (globalThis.customElements && !customElements.get("billcalc-receipt")) {
  customElements.define("billcalc-receipt", BillcalcReceipt);
}
