// The Checkout view: a cart (new purchases, renewals, renewals to the unified day, upgrades), the
// offers and vouchers on the account, its balances, the country; the answer as a receipt drawn by
// the package's <billcalc-receipt> element. The one `checkout` call lives inside that element
// (js/receipt.js); this view only edits the request and puts each refusal next to the field its
// path names.
import { $, el, field, listEditor, orderColumns, pricesEditor, clearErrors, showFieldError, measureRedraw, money } from "./ui.js";
import { plainError, wordsFor } from "../js/receipt-model.js";
import { lang } from "./i18n.js";

// The words this view adds, per language (TEXT_BY_LANG.en is the English, the zh-CN table has
// the same keys and functions); TEXT is the page's language's.
const TEXT_EN = {
  toPay: (amount) => `To pay ${amount} — see the receipt`,
  refused: (text) => `${text} — see the receipt`,
  country: "your country",
  countryHint: "ISO code: SG, MY, IN, US… (blank: no tax)",
  taxRate: "tax rate, if you know it",
  taxRateHint: "0.13 = 13 %; blank: the guides' rate, if they state one",
};

const TEXT_ZH = {
  toPay: (amount) => `应付金额 ${amount}，详见收据`,
  refused: (text) => `${text}，详见收据`,
  country: "您所在的国家/地区",
  countryHint: "ISO 代码：SG、MY、IN、US…（留空：不计税）",
  taxRate: "税率（如已知）",
  taxRateHint: "0.13 = 13 %；留空：采用指南中规定的税率（如有）",
};

export const TEXT_BY_LANG = { en: TEXT_EN, "zh-CN": TEXT_ZH };
const TEXT = String(lang).startsWith("zh") ? TEXT_ZH : TEXT_EN;

/** The account's currency: the guides' international prices are in US dollars. */
export const ACCOUNT_CURRENCY = "USD";

export const CHECKOUT_SAMPLE = {
  date: "2024-03-01",
  country: "SG",
  seller: "sparkooSingapore",
  items: [
    { kind: "new", product: "ECS", region: "ap-southeast-1", quantity: 2, term: "1M", prices: { "1M": "30", "1Y": "300" } },
    {
      kind: "renewal",
      product: "EVS",
      region: "ap-southeast-1",
      quantity: 1,
      term: "1Y",
      currentExpiry: "2024-03-10",
      prices: { "1M": "12", "1Y": "120" },
      // The promotions this resource's earlier orders used (003 §3.3.2: history is per resource).
      promotions: [{ id: "spring", factor: "0.85", effective: "2024-02-01", usedOn: "2024-02-10" }],
    },
  ],
  offers: { business: "0.9" },
  vouchers: [{ id: "welcome20", balance: "20", validFrom: "2024-01-01", validTo: "2024-12-31" }],
  balance: { cash: "500", credit: "0", cardBound: true, monthlySettlement: false },
};

const KINDS = [
  ["new", "New purchase"],
  ["renewal", "Renewal"],
  ["unifiedRenewal", "Renewal to the unified day"],
  ["upgrade", "Upgrade"],
];

// A promotion, on the line of the resource whose earlier order used it.
const PROMOTION_COLUMNS = [
  { key: "id", label: "name", optional: true },
  { key: "factor", label: "factor", kind: "money" },
  { key: "effective", label: "from", kind: "date" },
  { key: "expires", label: "until", kind: "date", optional: true },
  { key: "usedOn", label: "last used on", kind: "date" },
];

const SELLERS = [
  ["sparkooSingapore", "Sparkoo Technologies Singapore"],
  ["huaweiServicesHk", "Huawei Services (Hong Kong)"],
  ["huaweiKorea", "Huawei Korea"],
  ["huaweiIndia", "Huawei India"],
  ["huaweiMexico", "Huawei Mexico"],
  ["sparkooThailand", "Sparkoo Thailand"],
  ["sparkooArabia", "Sparkoo Arabia"],
  ["huaweiPhilippines", "Huawei Philippines"],
  ["sparkooIndonesia", "Sparkoo Indonesia"],
];

// The members each kind of line uses, and what a line switched to that kind starts with.
const KIND_MEMBERS = {
  new: ["product", "region", "quantity", "term", "prices", "autoRenew"],
  renewal: ["product", "region", "quantity", "term", "currentExpiry", "prices", "autoRenew", "promotions"],
  unifiedRenewal: ["product", "region", "currentExpiry", "renewTerm", "unifiedDay", "prices", "autoRenew", "promotions"],
  upgrade: ["product", "region", "orders", "oldPrices", "newPrices", "promotions"],
};
const DEFAULTS = (date) => ({
  quantity: 1,
  term: "1M",
  renewTerm: "1M",
  unifiedDay: 1,
  currentExpiry: date,
  prices: { "1M": "30" },
  orders: [{ start: "2024-02-15", end: "2024-03-14", term: "1M", paidCash: "30" }],
  oldPrices: { "1M": "30" },
  newPrices: { "1M": "45" },
});

function withKind(item, kind, date) {
  const next = { kind };
  if (item.id) next.id = item.id;
  const d = DEFAULTS(date);
  for (const m of KIND_MEMBERS[kind]) {
    if (item[m] !== undefined) next[m] = item[m];
    else if (d[m] !== undefined && m !== "product" && m !== "region") next[m] = structuredClone(d[m]);
  }
  return next;
}

/** What the request holds: the state without the members left empty. */
function request(state) {
  const req = structuredClone(state);
  if (req.display && !req.display.currency && !req.display.rate) delete req.display;
  return req;
}

export function mountCheckout(root, { saveHash, firstFigure }) {
  let state = structuredClone(CHECKOUT_SAMPLE);
  const form = el("form", { className: "cart-form", noValidate: true, autocomplete: "off", attrs: { "aria-label": "Cart" } });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  const formError = el("div", { className: "form-error", attrs: { role: "status" } });
  const receipt = el("billcalc-receipt", { attrs: { breakdown: "", currency: ACCOUNT_CURRENCY } });
  const receiptBox = el("aside", { className: "receipt-col", attrs: { "aria-label": "Receipt", "aria-live": "polite" } }, receipt);
  // On a narrow screen the receipt comes after the cart: a bar keeps the amount to pay in sight
  // and takes the customer to the receipt.
  const bar = el("button", {
    type: "button",
    className: "to-pay-bar",
    on: {
      click: () => {
        receiptBox.scrollIntoView({ block: "start" });
        receipt.focus({ preventScroll: true });
      },
    },
  });
  receipt.tabIndex = -1;
  root.replaceChildren(el("div", { className: "checkout" }, form, receiptBox), bar);

  const changed = (ev) => compute(ev);

  function itemBox(i) {
    const item = state.items[i];
    const at = `items[${i}]`;
    const box = el("fieldset", { className: "item" });
    box.dataset.path = at;
    const members = KIND_MEMBERS[item.kind] ?? KIND_MEMBERS.new;
    const kind = field(state, {
      path: `${at}.kind`,
      label: "what",
      kind: "select",
      options: KINDS,
      onChange: (ev) => {
        state.items[i] = withKind(state.items[i], state.items[i].kind, state.date);
        box.replaceWith(itemBox(i));
        $(`[data-path="${at}.kind"]`, form)?.focus();
        changed(ev);
      },
    });
    const grid = el("div", { className: "fields" }, kind);
    const add = (spec) => grid.append(field(state, { ...spec, path: `${at}.${spec.key}`, onChange: changed }));
    if (members.includes("product")) add({ key: "product", label: "product", optional: true, placeholder: "ECS" });
    if (members.includes("region")) add({ key: "region", label: "region", optional: true, placeholder: "ap-southeast-1" });
    if (members.includes("quantity")) add({ key: "quantity", label: "quantity", kind: "int" });
    if (members.includes("term")) add({ key: "term", label: "term", kind: "term", hint: "1M…120M, 1Y…10Y" });
    if (members.includes("currentExpiry")) add({ key: "currentExpiry", label: "current expiry", kind: "date" });
    if (members.includes("renewTerm")) add({ key: "renewTerm", label: "renew for", kind: "term" });
    if (members.includes("unifiedDay")) add({ key: "unifiedDay", label: "unified expiry day", kind: "day" });
    if (members.includes("autoRenew")) add({ key: "autoRenew", label: "renew automatically", kind: "bool", optional: true });
    box.append(el("legend", {}, `Item ${i + 1}`), grid);
    if (members.includes("prices")) box.append(pricesEditor(state, { path: `${at}.prices`, title: "Prices", onChange: changed }));
    if (members.includes("orders")) {
      box.append(
        listEditor(state, {
          path: `${at}.orders`,
          title: "Its orders so far",
          noun: "Order",
          min: 1,
          columns: orderColumns(),
          blank: () => ({ start: "", end: "", term: "1M" }),
          onChange: changed,
        }),
        pricesEditor(state, { path: `${at}.oldPrices`, title: "Prices of the current spec", onChange: changed }),
        pricesEditor(state, { path: `${at}.newPrices`, title: "Prices of the new spec", onChange: changed }),
      );
    }
    if (members.includes("promotions")) {
      box.append(
        listEditor(state, {
          path: `${at}.promotions`,
          title: "Promotions this resource used before",
          noun: "Promotion",
          columns: PROMOTION_COLUMNS,
          blank: () => ({ factor: "0.9", effective: state.date, usedOn: state.date }),
          onChange: changed,
        }),
      );
    }
    if (state.items.length > 1) {
      box.append(
        el(
          "button",
          {
            type: "button",
            className: "remove-item",
            on: {
              click: (ev) => {
                state.items.splice(i, 1);
                renderItems();
                changed(ev);
              },
            },
          },
          `Remove item ${i + 1}`,
        ),
      );
    }
    return box;
  }

  const itemsBox = el("div", { className: "items" });
  itemsBox.dataset.path = "items";
  function renderItems() {
    itemsBox.replaceChildren(...state.items.map((_, i) => itemBox(i)));
  }

  function renderForm() {
    const order = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, "Order"),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "date", label: "order day", kind: "date", onChange: changed }),
        field(state, { path: "country", label: TEXT.country, optional: true, placeholder: "SG", hint: TEXT.countryHint, onChange: changed }),
        field(state, { path: "indirectTaxRate", label: TEXT.taxRate, kind: "money", optional: true, placeholder: "0.13", hint: TEXT.taxRateHint, onChange: changed }),
        field(state, { path: "seller", label: "seller (contracting entity)", kind: "select", options: SELLERS, className: "wide", onChange: changed }),
        field(state, { path: "withholdingRate", label: "withholding tax rate", kind: "money", optional: true, placeholder: "0.08", onChange: changed }),
        field(state, { path: "registered", label: "VAT/GST registered", kind: "bool", optional: true, onChange: changed }),
      ),
    );
    renderItems();
    const addItem = el(
      "button",
      {
        type: "button",
        className: "add",
        on: {
          click: (ev) => {
            state.items.push(withKind({}, "new", state.date));
            renderItems();
            itemsBox.lastElementChild?.querySelector("select")?.focus();
            changed(ev);
          },
        },
      },
      "+ item",
    );
    const offers = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, "Discounts on offer"),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "offers.business", label: "business discount", kind: "money", optional: true, placeholder: "0.9", hint: "0.9 = 10 % off", onChange: changed }),
        field(state, { path: "offers.partner", label: "partner discount", kind: "money", optional: true, placeholder: "0.95", onChange: changed }),
      ),
    );
    const vouchers = listEditor(state, {
      path: "vouchers",
      title: "Vouchers",
      noun: "Voucher",
      columns: [
        { key: "id", label: "voucher" },
        { key: "balance", label: "balance", kind: "money" },
        { key: "validFrom", label: "valid from", kind: "date" },
        { key: "validTo", label: "valid to", kind: "date" },
      ],
      blank: () => ({ id: `v${(state.vouchers?.length ?? 0) + 1}`, balance: "10", validFrom: state.date, validTo: state.date }),
      onChange: changed,
    });
    vouchers.classList.add("group");
    const balance = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, "Paying with"),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "balance.cash", label: "cash balance", kind: "money", optional: true, onChange: changed }),
        field(state, { path: "balance.credit", label: "credit line", kind: "money", optional: true, onChange: changed }),
        field(state, { path: "balance.cardBound", label: "a card is bound", kind: "bool", onChange: changed }),
        field(state, { path: "balance.monthlySettlement", label: "month-end settlement", kind: "bool", onChange: changed }),
      ),
    );
    const display = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, "Also show the total in"),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "display.currency", label: "currency", optional: true, placeholder: "EUR", onChange: changed }),
        field(state, { path: "display.rate", label: "rate (per USD)", kind: "money", optional: true, placeholder: "0.92", onChange: changed }),
      ),
    );
    form.replaceChildren(
      formError,
      order,
      el("h2", { className: "cart-title" }, "Cart"),
      itemsBox,
      addItem,
      offers,
      vouchers,
      balance,
      display,
    );
  }

  function placeLineErrors(answer) {
    answer.lines.forEach((line, i) => {
      if (!line.error) return;
      // The planned operation may give a line's path relative to its item.
      const path = line.error.path?.startsWith("items[") || line.error.path === "date" ? line.error.path : `items[${i}]${line.error.path ? `.${line.error.path}` : ""}`;
      showFieldError(form, { ...line.error, path }, formError);
    });
  }

  // The refusals of the receipt shown, next to their fields.
  function placeErrors() {
    clearErrors(form);
    formError.replaceChildren();
    if (receipt.error) showFieldError(form, receipt.error, formError);
    else if (receipt.answer) placeLineErrors(receipt.answer);
  }

  receipt.addEventListener("billcalc-receipt", (ev) => {
    placeErrors();
    const a = ev.detail.answer;
    bar.textContent = TEXT.toPay(money(a.tax?.netPayable ?? a.total, ACCOUNT_CURRENCY));
    firstFigure();
  });
  receipt.addEventListener("billcalc-error", (ev) => {
    placeErrors();
    bar.textContent = TEXT.refused(plainError(ev.detail.error, wordsFor(lang)).text);
    firstFigure();
  });

  function compute(ev) {
    const req = request(state);
    receipt.checkout = req;
    saveHash({ view: "checkout", request: req });
    measureRedraw(ev, "checkout");
  }

  let formFor = null;
  return {
    /** Open `req` (or the sample): the receipt first, the form once the receipt is painted (the
     * form is most of the view's DOM and the receipt does not need it). */
    show(req) {
      state = req && typeof req === "object" && Array.isArray(req.items) ? structuredClone(req) : structuredClone(CHECKOUT_SAMPLE);
      if (!state.items.length) state.items.push(withKind({}, "new", state.date));
      compute(null);
      const mine = (formFor = {});
      form.replaceChildren(formError, el("p", { className: "loading" }, "Loading the cart…"));
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (formFor !== mine) return;
          renderForm();
          placeErrors();
        }),
      );
    },
    hashState: () => ({ view: "checkout", request: request(state) }),
    sameAs: (req) => JSON.stringify(req) === JSON.stringify(request(state)),
  };
}
