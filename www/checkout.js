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
  loading: "Loading the cart…",
  cart: "Cart",
  receipt: "Receipt",
  kinds: { new: "New purchase", renewal: "Renewal", unifiedRenewal: "Renewal to the unified day", upgrade: "Upgrade" },
  sellers: {
    sparkooSingapore: "Sparkoo Technologies Singapore",
    huaweiServicesHk: "Huawei Services (Hong Kong)",
    huaweiKorea: "Huawei Korea",
    huaweiIndia: "Huawei India",
    huaweiMexico: "Huawei Mexico",
    sparkooThailand: "Sparkoo Thailand",
    sparkooArabia: "Sparkoo Arabia",
    huaweiPhilippines: "Huawei Philippines",
    sparkooIndonesia: "Sparkoo Indonesia",
  },
  promotion: { id: "name", factor: "factor", effective: "from", expires: "until", usedOn: "last used on" },
  item: (n) => `Item ${n}`,
  removeItem: (n) => `Remove item ${n}`,
  addItem: "+ item",
  what: "what",
  product: "product",
  region: "region",
  quantity: "quantity",
  term: "term",
  termHint: "1M…120M, 1Y…10Y",
  currentExpiry: "current expiry",
  renewTerm: "renew for",
  unifiedDay: "unified expiry day",
  autoRenew: "renew automatically",
  prices: "Prices",
  orders: "Its orders so far",
  order: "Order",
  oldPrices: "Prices of the current spec",
  newPrices: "Prices of the new spec",
  promotions: "Promotions this resource used before",
  promotionNoun: "Promotion",
  orderGroup: "Order",
  date: "order day",
  seller: "seller (contracting entity)",
  withholdingRate: "withholding tax rate",
  registered: "VAT/GST registered",
  offers: "Discounts on offer",
  business: "business discount",
  businessHint: "0.9 = 10 % off",
  partner: "partner discount",
  vouchers: "Vouchers",
  voucherNoun: "Voucher",
  voucher: { id: "voucher", balance: "balance", validFrom: "valid from", validTo: "valid to" },
  payingWith: "Paying with",
  cash: "cash balance",
  credit: "credit line",
  cardBound: "a card is bound",
  monthlySettlement: "month-end settlement",
  display: "Also show the total in",
  currency: "currency",
  rate: "rate (per USD)",
};

const TEXT_ZH = {
  toPay: (amount) => `应付金额 ${amount}，详见收据`,
  refused: (text) => `${text}，详见收据`,
  country: "您所在的国家/地区",
  countryHint: "ISO 代码：SG、MY、IN、US…（留空：不计税）",
  taxRate: "税率（如已知）",
  taxRateHint: "0.13 = 13 %；留空：采用指南中规定的税率（如有）",
  loading: "正在加载购物车…",
  cart: "购物车",
  receipt: "收据",
  kinds: { new: "新购", renewal: "续费", unifiedRenewal: "续费至统一到期日", upgrade: "升级规格" },
  // The contracting entities as the guide (003 §8) names them in Chinese: "新加坡Sparkoo", …
  sellers: {
    sparkooSingapore: "新加坡Sparkoo",
    huaweiServicesHk: "华为服务（香港）有限公司",
    huaweiKorea: "韩国华为",
    huaweiIndia: "印度华为",
    huaweiMexico: "墨西哥华为",
    sparkooThailand: "泰国Sparkoo",
    sparkooArabia: "沙特Sparkoo",
    huaweiPhilippines: "菲律宾华为",
    sparkooIndonesia: "印度尼西亚Sparkoo",
  },
  promotion: { id: "名称", factor: "折扣（0.85 = 8.5 折）", effective: "生效日期", expires: "失效日期", usedOn: "最近使用日期" },
  item: (n) => `项目 ${n}`,
  removeItem: (n) => `删除项目 ${n}`,
  addItem: "+ 添加项目",
  what: "类型",
  product: "产品",
  region: "区域",
  quantity: "数量",
  term: "购买时长",
  termHint: "1M…120M（月），1Y…10Y（年）",
  currentExpiry: "当前到期日",
  renewTerm: "续费时长",
  unifiedDay: "统一到期日",
  autoRenew: "到期自动续费",
  prices: "价格",
  orders: "该资源已有的订单",
  order: "订单",
  oldPrices: "当前规格的价格",
  newPrices: "新规格的价格",
  promotions: "该资源此前订单享受过的促销折扣",
  promotionNoun: "促销折扣",
  orderGroup: "订单",
  date: "下单日期",
  seller: "签约主体",
  withholdingRate: "代扣税税率",
  registered: "已注册为增值税（VAT/GST）纳税人",
  offers: "可享受的折扣",
  business: "商务折扣",
  businessHint: "0.9 = 9 折",
  partner: "伙伴授予折扣",
  vouchers: "代金券",
  voucherNoun: "代金券",
  voucher: { id: "代金券", balance: "余额", validFrom: "生效日期", validTo: "失效日期" },
  payingWith: "支付方式",
  cash: "现金余额",
  credit: "信用额度",
  cardBound: "已绑定银行卡",
  monthlySettlement: "月结",
  display: "同时以其他币种显示合计",
  currency: "币种",
  rate: "汇率（1 USD 兑换）",
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

// The kinds of line and the contracting entities, as [value, words] options.
const KINDS = Object.entries(TEXT.kinds);
const SELLERS = Object.entries(TEXT.sellers);

// A promotion, on the line of the resource whose earlier order used it.
const PROMOTION_COLUMNS = [
  { key: "id", label: TEXT.promotion.id, optional: true },
  { key: "factor", label: TEXT.promotion.factor, kind: "money" },
  { key: "effective", label: TEXT.promotion.effective, kind: "date" },
  { key: "expires", label: TEXT.promotion.expires, kind: "date", optional: true },
  { key: "usedOn", label: TEXT.promotion.usedOn, kind: "date" },
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
  const form = el("form", { className: "cart-form", noValidate: true, autocomplete: "off", attrs: { "aria-label": TEXT.cart } });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  const formError = el("div", { className: "form-error", attrs: { role: "status" } });
  const receipt = el("billcalc-receipt", { attrs: { breakdown: "", currency: ACCOUNT_CURRENCY } });
  const receiptBox = el("aside", { className: "receipt-col", attrs: { "aria-label": TEXT.receipt, "aria-live": "polite" } }, receipt);
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
      label: TEXT.what,
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
    if (members.includes("product")) add({ key: "product", label: TEXT.product, optional: true, placeholder: "ECS" });
    if (members.includes("region")) add({ key: "region", label: TEXT.region, optional: true, placeholder: "ap-southeast-1" });
    if (members.includes("quantity")) add({ key: "quantity", label: TEXT.quantity, kind: "int" });
    if (members.includes("term")) add({ key: "term", label: TEXT.term, kind: "term", hint: TEXT.termHint });
    if (members.includes("currentExpiry")) add({ key: "currentExpiry", label: TEXT.currentExpiry, kind: "date" });
    if (members.includes("renewTerm")) add({ key: "renewTerm", label: TEXT.renewTerm, kind: "term" });
    if (members.includes("unifiedDay")) add({ key: "unifiedDay", label: TEXT.unifiedDay, kind: "day" });
    if (members.includes("autoRenew")) add({ key: "autoRenew", label: TEXT.autoRenew, kind: "bool", optional: true });
    box.append(el("legend", {}, TEXT.item(i + 1)), grid);
    if (members.includes("prices")) box.append(pricesEditor(state, { path: `${at}.prices`, title: TEXT.prices, onChange: changed }));
    if (members.includes("orders")) {
      box.append(
        listEditor(state, {
          path: `${at}.orders`,
          title: TEXT.orders,
          noun: TEXT.order,
          min: 1,
          columns: orderColumns(),
          blank: () => ({ start: "", end: "", term: "1M" }),
          onChange: changed,
        }),
        pricesEditor(state, { path: `${at}.oldPrices`, title: TEXT.oldPrices, onChange: changed }),
        pricesEditor(state, { path: `${at}.newPrices`, title: TEXT.newPrices, onChange: changed }),
      );
    }
    if (members.includes("promotions")) {
      box.append(
        listEditor(state, {
          path: `${at}.promotions`,
          title: TEXT.promotions,
          noun: TEXT.promotionNoun,
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
          TEXT.removeItem(i + 1),
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
      el("legend", {}, TEXT.orderGroup),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "date", label: TEXT.date, kind: "date", onChange: changed }),
        field(state, { path: "country", label: TEXT.country, optional: true, placeholder: "SG", hint: TEXT.countryHint, onChange: changed }),
        field(state, { path: "indirectTaxRate", label: TEXT.taxRate, kind: "money", optional: true, placeholder: "0.13", hint: TEXT.taxRateHint, onChange: changed }),
        field(state, { path: "seller", label: TEXT.seller, kind: "select", options: SELLERS, className: "wide", onChange: changed }),
        field(state, { path: "withholdingRate", label: TEXT.withholdingRate, kind: "money", optional: true, placeholder: "0.08", onChange: changed }),
        field(state, { path: "registered", label: TEXT.registered, kind: "bool", optional: true, onChange: changed }),
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
      TEXT.addItem,
    );
    const offers = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, TEXT.offers),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "offers.business", label: TEXT.business, kind: "money", optional: true, placeholder: "0.9", hint: TEXT.businessHint, onChange: changed }),
        field(state, { path: "offers.partner", label: TEXT.partner, kind: "money", optional: true, placeholder: "0.95", onChange: changed }),
      ),
    );
    const vouchers = listEditor(state, {
      path: "vouchers",
      title: TEXT.vouchers,
      noun: TEXT.voucherNoun,
      columns: [
        { key: "id", label: TEXT.voucher.id },
        { key: "balance", label: TEXT.voucher.balance, kind: "money" },
        { key: "validFrom", label: TEXT.voucher.validFrom, kind: "date" },
        { key: "validTo", label: TEXT.voucher.validTo, kind: "date" },
      ],
      blank: () => ({ id: `v${(state.vouchers?.length ?? 0) + 1}`, balance: "10", validFrom: state.date, validTo: state.date }),
      onChange: changed,
    });
    vouchers.classList.add("group");
    const balance = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, TEXT.payingWith),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "balance.cash", label: TEXT.cash, kind: "money", optional: true, onChange: changed }),
        field(state, { path: "balance.credit", label: TEXT.credit, kind: "money", optional: true, onChange: changed }),
        field(state, { path: "balance.cardBound", label: TEXT.cardBound, kind: "bool", onChange: changed }),
        field(state, { path: "balance.monthlySettlement", label: TEXT.monthlySettlement, kind: "bool", onChange: changed }),
      ),
    );
    const display = el(
      "fieldset",
      { className: "group" },
      el("legend", {}, TEXT.display),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "display.currency", label: TEXT.currency, optional: true, placeholder: "EUR", onChange: changed }),
        field(state, { path: "display.rate", label: TEXT.rate, kind: "money", optional: true, placeholder: "0.92", onChange: changed }),
      ),
    );
    form.replaceChildren(
      formError,
      order,
      el("h2", { className: "cart-title" }, TEXT.cart),
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
      form.replaceChildren(formError, el("p", { className: "loading" }, TEXT.loading));
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
