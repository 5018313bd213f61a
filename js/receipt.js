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
// Attributes: `checkout` (the request as JSON), `currency` (a label for the account currency's
// amounts, e.g. "USD"; default none), `breakdown` (present: show the "How it was computed"
// section).
import { checkout } from "./browser.js";
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
.error { margin: 0; font-weight: 600; }
.error .path { font-weight: normal; }
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

const KIND = {
  new: "New purchase",
  renewal: "Renewal",
  unifiedRenewal: "Renewal to the unified day",
  upgrade: "Upgrade",
};
const DISCOUNT = { business: "Business discount", partner: "Partner discount", promotion: "Promotion", coupon: "Coupon" };
const STATUS = {
  paid: "Paid.",
  failed: "The payment fails: nothing is taken; it is retried the next day.",
  pendingPayment: "Not paid yet: the order waits for payment.",
};

// A rate as a percentage for reading: "0.09" → "9 %" (the decimal point moved, as text).
function percent(rate) {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(String(rate));
  if (!m) return String(rate);
  const frac = (m[2] ?? "").padEnd(2, "0");
  const whole = `${m[1]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return `${whole}${rest ? `.${rest}` : ""} %`;
}

const isZero = (m) => typeof m === "string" && /^-?0(\.0*)?$/.test(m);
const negative = (m) => (isZero(m) ? m : `−${m}`);
const when = (instant) => String(instant).replace("T", " ");

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

function row(cls, label, amount, figure) {
  const th = el("th", { scope: "row" });
  if (Array.isArray(label)) th.append(...label);
  else th.append(label);
  return el("tr", { class: cls }, th, el("td", { "data-figure": figure }, amount ?? ""));
}

function describe(item, line, i) {
  const parts = [`${i + 1}`, KIND[item?.kind ?? "new"] ?? String(item?.kind)];
  if (item?.product) parts.push(item.product);
  if (item?.region) parts.push(item.region);
  // The term the package priced (a renewal given none: the console's default).
  const term = line.term ?? (item?.kind === "unifiedRenewal" ? item?.renewTerm : item?.term);
  if (term) parts.push(item?.quantity > 1 ? `${term} × ${item.quantity}` : term);
  return parts.join(" · ");
}

function lineBody(line, item, i, money) {
  const body = el("tbody", { class: "line", "data-line": i });
  const head = describe(item, line, i);
  if (line.error) {
    body.append(row("head line-error", head, ""));
    const why = `${line.error.code}: ${line.error.message}`;
    body.append(row("sub line-error", why, "left out", `line-${i}-error`));
    return body;
  }
  body.append(row("head", head, money(line.listAmount), `line-${i}-list`));
  if (line.discount) {
    const label = `${DISCOUNT[line.discount.kind] ?? line.discount.kind}${line.discount.id ? ` ${line.discount.id}` : ""} × ${line.discount.factor}`;
    body.append(row("sub", [label, el("span", { class: "why" }, line.discount.reason ?? "")], negative(line.discount.amount), `line-${i}-discount`));
  }
  if (line.voucher) body.append(row("sub", `Voucher ${line.voucher.id}`, negative(line.voucher.amount), `line-${i}-voucher`));
  if (line.expiresAt) body.append(row("when", `expires ${when(line.expiresAt)}`, ""));
  if (line.autoRenewal) body.append(row("when", `auto-renews: first attempt ${when(line.autoRenewal)}`, ""));
  body.append(row("due", "Due for this item", money(line.amountDue), `line-${i}-due`));
  return body;
}

/** The receipt of a checkout answer, as a DOM element (used by the element; exported for pages
 * that compute the answer themselves). */
export function renderReceipt(request, answer, { currency = "", breakdown = false } = {}) {
  const money = (m) => (m === null || m === undefined ? "" : currency ? `${currency} ${m}` : String(m));
  const items = Array.isArray(request?.items) ? request.items : [];
  const root = el("div", { part: "receipt", class: "receipt" });
  const table = el("table");
  const meta = [request?.date, request?.country].filter(Boolean).join(" · ");
  table.append(
    el("caption", {}, "Receipt", meta ? el("span", { class: "meta" }, meta) : ""),
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Item"), el("th", { scope: "col" }, "Amount"))),
  );
  answer.lines.forEach((line, i) => table.append(lineBody(line, items[i], i, money)));
  const sums = el("tbody", { class: "sums" });
  sums.append(row("", "List price", money(answer.listTotal), "listTotal"));
  if (!isZero(answer.discountTotal)) sums.append(row("", "Discounts", negative(answer.discountTotal), "discountTotal"));
  if (!isZero(answer.voucherTotal)) sums.append(row("", "Vouchers", negative(answer.voucherTotal), "voucherTotal"));
  sums.append(row("", "Subtotal", money(answer.total), "subtotal"));
  const tax = answer.tax;
  if (tax) {
    for (const r of tax.rates ?? []) {
      const label = `${r.tax} ${percent(r.rate)}${r.from ? ` (from ${r.from})` : ""}`;
      sums.append(row("", tax.reverseCharge ? `${label}: reverse charge, you self-assess` : label, money(r.amount), "tax"));
    }
    if (!isZero(tax.withholding)) sums.append(row("", "Withholding tax (you withhold it)", negative(tax.withholding), "withholding"));
  }
  table.append(sums);
  const foot = el("tfoot");
  const toPay = tax ? tax.netPayable : answer.total;
  const total = row("total", "To pay", money(toPay), "total");
  total.querySelector("td").setAttribute("part", "total");
  foot.append(total);
  if (answer.display) {
    foot.append(row("shown", `In ${answer.display.currency} (rate ${answer.display.rate})`, `≈ ${answer.display.currency} ${answer.display.amount}`, "display"));
  }
  table.append(foot);
  root.append(table);

  const p = answer.payment;
  if (p) {
    const dl = el("dl");
    const payer = (label, amount, figure) => {
      if (isZero(amount)) return;
      dl.append(el("dt", {}, label), el("dd", { "data-figure": figure }, money(amount)));
    };
    // Vouchers are already deducted above: who pays lists what pays "To pay", and adds up to it.
    payer("Cash balance", p.cash, "pay-cash");
    payer("Credit line", p.credit, "pay-credit");
    payer("Month-end settlement", p.monthlySettlement, "pay-settlement");
    payer("Card", p.card, "pay-card");
    payer("Unpaid", p.unpaid, "pay-unpaid");
    const status = el("p", { class: p.status === "paid" ? "status" : "status bad", "data-figure": "status" }, STATUS[p.status] ?? p.status);
    if (!isZero(p.shortfall)) status.append(` Short by ${money(p.shortfall)}.`);
    // Not a heading: the element cannot know the heading levels of the page it sits in.
    const title = el("p", { class: "title", id: "who-pays" }, "Who pays");
    dl.setAttribute("aria-labelledby", "who-pays");
    root.append(el("div", { class: "payers", part: "payers" }, title, dl, status));
  }

  if (breakdown) {
    // Filled when opened: the breakdown's formulas are computed on first read.
    const details = el("details", { part: "breakdown" }, el("summary", {}, "How it was computed"));
    details.addEventListener("toggle", () => {
      if (!details.open || details.dataset.filled) return;
      details.dataset.filled = "true";
      // In the page's language (its <html lang>), from each line's message key.
      const b = renderBreakdown(answer.breakdown, pickLanguage(document.documentElement.lang || "en"));
      const ol = el("ol");
      for (const l of b.lines) ol.append(el("li", {}, `${l.label}: ${l.amount}`, el("span", { class: "formula" }, l.formula)));
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

function errorView(error) {
  const p = el("p", { class: "error", role: "alert", part: "error" }, `${error.code ?? "ERROR"}: ${error.message ?? String(error)}`);
  if (error.path) p.append(" ", el("span", { class: "path" }, `(at ${error.path})`));
  return p;
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
    if (error) {
      this.shadowRoot.replaceChildren(errorView(error));
    } else {
      this.shadowRoot.replaceChildren(
        renderReceipt(this.#request, answer, { currency: this.getAttribute("currency") ?? "", breakdown: this.hasAttribute("breakdown") }),
      );
    }
    const detail = error ? { request: this.#request, error } : { request: this.#request, answer };
    this.dispatchEvent(new CustomEvent(error ? "billcalc-error" : "billcalc-receipt", { detail, bubbles: true, composed: true }));
  }
}

if (globalThis.customElements && !customElements.get("billcalc-receipt")) {
  customElements.define("billcalc-receipt", BillcalcReceipt);
}
