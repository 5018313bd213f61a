// The My-resource view: given a resource's orders and prices, what each move costs or refunds on
// the picked day, side by side — unsubscribe (unsubscribeRefund), upgrade (upgradeCost),
// downgrade (downgradeRefund), renew to the unified day (unifiedExpiry) — the what-if chart
// (the package's `curve`, one call per operation for every day), a day picker, what happens next
// (resourceTimeline, ./timeline.js), and the comparison of terms (compareTerms). Every figure is
// the package's answer.
import * as billcalc from "../js/browser.js";
import { $, el, field, listEditor, orderColumns, pricesEditor, clearErrors, showFieldError, measureRedraw, show, dayAfter, dayIndex, mapPath, money, orderEnd } from "./ui.js";
import { plainError, wordsFor } from "../js/receipt-model.js";
import { renderMessage, valueText } from "../js/messages.js";
import { lang } from "./i18n.js";

// The words this view adds, per language (TEXT_BY_LANG.en is the English, the zh-CN table has
// the same keys and functions); TEXT is the page's language's.
const TEXT_EN = {
  days: (n, of) => (of ? `${n} of ${of} days` : `${n} ${n === 1 ? "day" : "days"}`),
  daysAbout: (n, period, unit) => `${n} days (≈ ${period} ${unit})`,
  approx: (m) => `≈ ${m}`,
  fromHours: (h) => `from ${h} hours a month`,
  derived: (from, to, perMonth) => `${from} to ${to} months are priced as that many times the 1-month price: the same ${perMonth} a month, so they are not listed apart.`,
  cheapest: (term) => `Each term of the price table; the cheapest per month is ${term}`,
  term: (n, unit) => `${n} ${unit === "Y" ? (n === 1 ? "year" : "years") : n === 1 ? "month" : "months"}`,
  cards: {
    refund: { title: "Unsubscribe", lead: "refund" },
    upgrade: { title: "Upgrade", lead: "to pay" },
    downgrade: { title: "Downgrade", lead: "refund" },
    unified: { title: "Renew to the unified day", lead: "to pay" },
  },
  detail: {
    consumed: "consumed",
    handlingFee: "handling fee",
    voucherReturned: "voucher returned",
    billMonth: "on the bill of",
    refundTo: "goes back to",
    approval: "approval",
    approvalNeeded: "needed (over 1000)",
    note: "note",
    cheaperByPrice: "the new spec is cheaper: a downgrade by price",
    remainingPeriod: "remaining period",
    matchedTerm: "priced by the term",
    remainingValue: "remaining value",
    newConfigCost: "new spec for the rest",
    unifiedExpiry: "new expiry",
    plainExpiry: "plain renewal ends",
    paddingDays: "top-up days",
  },
  refundWhere: { balance: "your balance", card: "your card", monthlyBill: "the month-end bill" },
  refundTo: (where, when) => `${where}, ${when}`,
  heads: { term: "term", total: "total", perMonth: "per month", saving: "saving against monthly", payPerUse: "cheaper than pay-per-use" },
  termsSideBySide: "Terms side by side",
  resource: "Your resource",
  today: "today",
  moveDay: "move the day",
  legend: (title, lead) => `${title} (${lead})`,
  caption: (from, to) => `What each move gives on every day ${from} … ${to}; the dashed line is the picked day (click the chart or move the slider).`,
  day: "day",
  orders: "Your resource's orders (purchase, then renewals)",
  order: "Order",
  paidCash: "cash paid",
  voucher: "voucher paid",
  paidWith: "paid with (where a refund goes)",
  paidWithOptions: { balance: "account balance", card: "card or online payment", monthlySettlement: "month-end settlement" },
  prices: "Prices of its spec today",
  upgradePrices: "Prices of the bigger spec",
  downgradePrices: "Prices of the smaller spec",
  unifiedGroup: "Renewal to a unified expiry day",
  renewTerm: "renew for",
  unifiedDay: "unified expiry day",
  compareTitle: "Which term is cheapest?",
  quantity: "quantity",
  discount: "discount",
  payPerUseHourly: "pay-per-use price an hour",
  movesTitle: "What each move gives on the picked day",
};

const TEXT_ZH = {
  days: (n, of) => (of ? `${of} 天中的 ${n} 天` : `${n} 天`),
  daysAbout: (n, period, unit) => `${n} 天（≈ ${period} ${valueText(unit, "zh-CN")}）`,
  approx: (m) => `≈ ${m}`,
  fromHours: (h) => `每月使用 ${h} 小时起`,
  derived: (from, to, perMonth) => `${from} 至 ${to} 个月的价格按 1 个月价格乘以月数计算：每月同为 ${perMonth}，因此不单独列出。`,
  cheapest: (term) => `价格表中的各个时长；按月折算最便宜的是 ${term}`,
  term: (n, unit) => `${n} ${unit === "Y" ? "年" : "个月"}`,
  cards: {
    refund: { title: "退订", lead: "退款" },
    upgrade: { title: "升配", lead: "应付" },
    downgrade: { title: "降配", lead: "退款" },
    unified: { title: "续费至统一到期日", lead: "应付" },
  },
  detail: {
    consumed: "已消费金额",
    handlingFee: "手续费",
    voucherReturned: "退还的代金券",
    billMonth: "计入账单",
    refundTo: "退回至",
    approval: "审核",
    approvalNeeded: "需要审核（超过 1000）",
    note: "说明",
    cheaperByPrice: "新规格价格更低：按价格计属于降配",
    remainingPeriod: "剩余周期",
    matchedTerm: "计价时长",
    remainingValue: "剩余价值",
    newConfigCost: "新规格剩余周期费用",
    unifiedExpiry: "新的到期日",
    plainExpiry: "普通续费的到期日",
    paddingDays: "补齐天数",
  },
  refundWhere: { balance: "账户余额", card: "原支付银行卡", monthlyBill: "月结账单" },
  refundTo: (where, when) => `${where}，${when}`,
  heads: { term: "时长", total: "总价", perMonth: "每月价格", saving: "比包月节省", payPerUse: "何时比按需计费便宜" },
  termsSideBySide: "各时长价格对比",
  resource: "您的资源",
  today: "今天",
  moveDay: "拖动选择日期",
  legend: (title, lead) => `${title}（${lead}）`,
  caption: (from, to) => `${from} … ${to} 每一天各项操作的结果；虚线为所选日期（点击图表或拖动滑块可更改）。`,
  day: "日期",
  orders: "资源的订单（新购，然后续费）",
  order: "订单",
  paidCash: "实付现金",
  voucher: "代金券支付",
  paidWith: "支付方式（决定退款退回何处）",
  paidWithOptions: { balance: "账户余额", card: "银行卡或在线支付", monthlySettlement: "月结" },
  prices: "当前规格的价格",
  upgradePrices: "升配后规格的价格",
  downgradePrices: "降配后规格的价格",
  unifiedGroup: "续费至统一到期日",
  renewTerm: "续费时长",
  unifiedDay: "统一到期日",
  compareTitle: "哪种购买时长最划算？",
  quantity: "数量",
  discount: "折扣",
  payPerUseHourly: "按需计费每小时价格",
  movesTitle: "所选日期各项操作的结果",
};

export const TEXT_BY_LANG = { en: TEXT_EN, "zh-CN": TEXT_ZH };
const TEXT = String(lang).startsWith("zh") ? TEXT_ZH : TEXT_EN;

// A decimal string half up to cents, as text (for a figure the package gives with more decimals).
function cents(v) {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(String(v ?? ""));
  if (!m) return String(v ?? "");
  const frac = (m[3] ?? "").padEnd(3, "0");
  let c = BigInt(m[2] + frac.slice(0, 2)) + (frac[2] >= "5" ? 1n : 0n);
  const t = c.toString().padStart(3, "0");
  return `${m[1]}${t.slice(0, -2)}.${t.slice(-2)}`;
}
const exactCents = (v) => /^-?\d+(\.\d{0,2})?$/.test(String(v));
// Money as the customer reads it: to the cent, "≈" when the package's figure has more decimals.
const amount = (v) => (v === null || v === undefined || v === "" ? v : exactCents(v) ? money(v) : TEXT.approx(money(cents(v))));
// A remaining period: "17 of 30 days" when it is a share of one month or year's days.
function period(r) {
  const f = r.remainingPeriod;
  const m = /^(\d+)\/(\d+)$/.exec(f?.fraction ?? "");
  if (m && Number(m[1]) === r.remainingDays) return TEXT.days(r.remainingDays, Number(m[2]));
  if (f && f.fraction === f.decimal) return TEXT.days(r.remainingDays);
  return TEXT.daysAbout(r.remainingDays, cents(f?.decimal), r.periodUnit);
}
const termText = (t) => {
  const m = /^(\d+)([MY])$/.exec(String(t ?? ""));
  return m ? TEXT.term(Number(m[1]), m[2]) : String(t ?? "");
};
import { drawChart } from "./chart.js";
import { mountTimeline } from "./timeline.js";

export const RESOURCE_SAMPLE = {
  date: "2022-09-02",
  orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }],
  prices: { "1M": "110", "1Y": "1100" },
  upgradePrices: { "1M": "150", "1Y": "1500" },
  downgradePrices: { "1M": "90", "1Y": "900" },
  renewTerm: "1M",
  unifiedDay: 1,
  quantity: 1,
  payPerUseHourly: "0.20",
  paidWith: "balance",
};

// Where a refund goes and when (003 §3.4.6), as the package answers it: the "when" in the page's
// language from the package's message tables (the answer's `arrives` is its English).
const WHEN = { balance: "refundTo.balanceWhen", card: "refundTo.cardWhen", monthlyBill: "refundTo.billLater" };
function refundWhen({ destination, arrives }) {
  const month = /\b(\d{4}-\d{2})\b/.exec(arrives ?? "")?.[1];
  const key = destination === "monthlyBill" && month ? "refundTo.billWhen" : WHEN[destination];
  return (key && renderMessage({ key, figures: { month } }, lang)) || arrives;
}
const refundTo = (r) =>
  r.refundTo ? [TEXT.detail.refundTo, TEXT.refundTo(TEXT.refundWhere[r.refundTo.destination] ?? r.refundTo.destination, refundWhen(r.refundTo))] : null;
const yearMonth = (m) => {
  const x = /^(\d{4})-(\d{2})$/.exec(String(m ?? ""));
  return x ? new Date(Date.UTC(Number(x[1]), Number(x[2]) - 1, 1)).toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", timeZone: "UTC" }) : m;
};

const lastEnd = (s) => (Array.isArray(s.orders) && s.orders.length ? s.orders[s.orders.length - 1]?.end : undefined);

const CARDS = [
  {
    key: "refund",
    ...TEXT.cards.refund,
    op: "unsubscribeRefund",
    main: "refund",
    curve: true,
    request: (s) => ({ scenario: "inUse", date: s.date, orders: s.orders, paidWith: s.paidWith }),
    paths: () => ({ date: "date", orders: "orders", paidWith: "paidWith", "": "orders" }),
    details: (r) => [
      [TEXT.detail.consumed, amount(r.consumed)],
      [TEXT.detail.handlingFee, amount(r.handlingFee)],
      [TEXT.detail.voucherReturned, amount(r.voucherReturned)],
      [TEXT.detail.billMonth, yearMonth(r.billMonth)],
      refundTo(r),
      r.requiresApproval ? [TEXT.detail.approval, TEXT.detail.approvalNeeded] : null,
    ],
  },
  {
    key: "upgrade",
    ...TEXT.cards.upgrade,
    op: "upgradeCost",
    main: "cost",
    curve: true,
    request: (s) => ({ date: s.date, orders: s.orders, oldPrices: s.prices, newPrices: s.upgradePrices }),
    paths: () => ({ date: "date", orders: "orders", oldPrices: "prices", newPrices: "upgradePrices", "": "upgradePrices" }),
    details: (r) => [
      [TEXT.detail.remainingPeriod, period(r)],
      [TEXT.detail.matchedTerm, termText(r.matchedTerm)],
      r.cheaperByPrice ? [TEXT.detail.note, TEXT.detail.cheaperByPrice] : null,
    ],
  },
  {
    key: "downgrade",
    ...TEXT.cards.downgrade,
    op: "downgradeRefund",
    main: "refund",
    curve: true,
    request: (s) => ({ date: s.date, orders: s.orders, newPrices: s.downgradePrices, paidWith: s.paidWith }),
    paths: () => ({ date: "date", orders: "orders", newPrices: "downgradePrices", paidWith: "paidWith", "": "downgradePrices" }),
    details: (r) => [
      [TEXT.detail.remainingValue, amount(r.remainingValue)],
      [TEXT.detail.newConfigCost, amount(r.newConfigCost)],
      [TEXT.detail.remainingPeriod, period(r)],
      refundTo(r),
    ],
  },
  {
    key: "unified",
    ...TEXT.cards.unified,
    op: "unifiedExpiry",
    main: "total",
    request: (s) => ({ currentExpiry: lastEnd(s), renewTerm: s.renewTerm, unifiedDay: s.unifiedDay, prices: s.prices, date: s.date }),
    paths: (s) => ({
      currentExpiry: `orders[${Math.max(0, (s.orders?.length ?? 1) - 1)}].end`,
      renewTerm: "renewTerm",
      unifiedDay: "unifiedDay",
      prices: "prices",
      date: "date",
      "": "renewTerm",
    }),
    details: (r) => [
      [TEXT.detail.unifiedExpiry, r.unifiedExpiry],
      [TEXT.detail.plainExpiry, r.plainExpiry],
      [TEXT.detail.paddingDays, r.paddingDays],
    ],
  },
];

// Every purchasable term side by side: the package's compareTerms.
function compareTermsCall(request) {
  return billcalc.compareTerms(request);
}

function compareRequest(s) {
  const req = { prices: s.prices };
  if (s.quantity !== undefined) req.quantity = s.quantity;
  if (s.discount !== undefined) req.discount = s.discount;
  if (s.payPerUseHourly !== undefined) req.payPerUseHourly = s.payPerUseHourly;
  return req;
}

// Per term: total, months, price a month, saving against monthly, and with a pay-per-use price
// the hours a month from which the term is cheaper. The terms the price table lists are rows;
// the 2–9 month terms it does not list are priced as n × 1 month (the same per month): one
// sentence says so instead of rows that look like offers.
function compareTable(a, prices = {}) {
  const listed = (r) => Object.prototype.hasOwnProperty.call(prices, r.term) || r.term === a.cheapestMonthly;
  const oneMonth = a.options.find((r) => r.term === "1M");
  const derived = a.options.filter((r) => !listed(r) && oneMonth && r.monthlyPrice === oneMonth.monthlyPrice);
  const rows = a.options.filter((r) => !derived.includes(r));
  const hourly = rows.some((r) => r.breakEvenHours !== null);
  const heads = [TEXT.heads.term, TEXT.heads.total, TEXT.heads.perMonth, TEXT.heads.saving];
  if (hourly) heads.push(TEXT.heads.payPerUse);
  const hours = (h) => {
    const d = /^(\d+)(?:\.(\d+))?$/.exec(h?.decimal ?? "");
    return d ? TEXT.fromHours(Number(d[1]) + 1) : "—";
  };
  const table = el(
    "table",
    { className: "compare-table" },
    el("caption", {}, TEXT.cheapest(termText(a.cheapestMonthly))),
    el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, h)))),
    el(
      "tbody",
      {},
      ...rows.map((r) =>
        el(
          "tr",
          { className: r.term === a.cheapestMonthly ? "cheapest" : "" },
          el("th", { scope: "row" }, termText(r.term)),
          el("td", { className: "num" }, amount(r.total)),
          el("td", { className: "num" }, amount(r.monthlyPrice)),
          el("td", { className: "num" }, r.saving === null ? "—" : `${amount(r.saving)} (${show(r.savingPercent)} %)`),
          ...(hourly ? [el("td", { className: "num" }, r.breakEvenHours === null ? "—" : hours(r.breakEvenHours))] : []),
        ),
      ),
    ),
  );
  const terms = derived.map((r) => r.months);
  // The rule's own notes (with their sources) stay under "How it was computed"; the customer reads
  // the one sentence about the derived terms.
  const notes = el("ul", { className: "notes" });
  if (terms.length) notes.append(el("li", {}, TEXT.derived(Math.min(...terms), Math.max(...terms), amount(oneMonth.monthlyPrice))));
  // On a narrow screen the table scrolls inside its box (focusable, so the keyboard can scroll it).
  const box = el("div", { className: "table-scroll", tabIndex: 0, attrs: { role: "region", "aria-label": TEXT.termsSideBySide } }, table);
  return [box, notes];
}

export function mountResource(root, { saveHash, firstFigure }) {
  let state = structuredClone(RESOURCE_SAMPLE);
  const form = el("form", { className: "resource-form", noValidate: true, autocomplete: "off", attrs: { "aria-label": TEXT.resource } });
  form.addEventListener("submit", (ev) => ev.preventDefault());
  const formError = el("div", { className: "form-error", attrs: { role: "status" } });
  const out = el("div", { className: "resource-out" });
  root.replaceChildren(el("div", { className: "resource" }, form, out));

  const changed = (ev) => compute(ev);

  // ----- the day picker -----
  const dateField = el("div", { className: "date-field" });
  const todayBtn = el(
    "button",
    {
      type: "button",
      className: "add",
      on: {
        click: (ev) => {
          const d = new Date(); // the customer's calendar day
          state.date = [d.getFullYear(), d.getMonth() + 1, d.getDate()].map((n, i) => String(n).padStart(i ? 2 : 4, "0")).join("-");
          syncDate();
          changed(ev);
        },
      },
    },
    TEXT.today,
  );
  const range = el("input", { type: "range", id: "day-range", min: "0", max: "0", step: "1", value: "0" });
  range.dataset.path = "date";
  let curveFrom = null;
  range.addEventListener("input", (ev) => {
    if (!curveFrom) return;
    state.date = dayAfter(curveFrom, Number(range.value));
    syncDate();
    changed(ev);
  });
  const picker = el(
    "div",
    { className: "day-picker" },
    dateField,
    el("label", { htmlFor: "day-range", className: "field range" }, el("span", { className: "label" }, TEXT.moveDay), range),
  );
  function syncDate() {
    const input = $('[data-path="date"]', dateField);
    if (input) input.value = state.date ?? "";
  }

  // ----- the four cards -----
  const cards = CARDS.map((c) => {
    const id = `card-${c.key}`;
    const figure = el("p", { className: "big" });
    figure.dataset.figure = c.key;
    const list = el("dl", { className: "kv" });
    const error = el("p", { className: "card-error" });
    const article = el(
      "article",
      { className: `card ${c.key}`, attrs: { "aria-labelledby": id } },
      el("h3", { id }, c.title),
      el("p", { className: "lead" }, c.lead),
      figure,
      list,
      error,
    );
    article.dataset.card = c.key;
    return { spec: c, article, figure, list, error };
  });

  // ----- the chart -----
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("viewBox", "0 0 640 220");
  svg.setAttribute("role", "img");
  svg.setAttribute("id", "what-if");
  const caption = el("figcaption", { id: "what-if-caption" });
  svg.setAttribute("aria-labelledby", "what-if-caption");
  const legend = el(
    "ul",
    { className: "legend" },
    ...CARDS.filter((c) => c.curve).map((c) => el("li", { className: c.key }, el("span", { className: "swatch", attrs: { "aria-hidden": "true" } }), TEXT.legend(c.title, c.lead))),
  );
  const chartBox = el("figure", { className: "chart-box" }, caption, svg, legend);
  let pick = null;
  svg.addEventListener("click", (ev) => {
    if (!pick || !curveFrom) return;
    state.date = dayAfter(curveFrom, pick(ev.clientX));
    syncDate();
    changed(ev);
  });

  // ----- what happens next (resourceTimeline) -----
  const timeline = mountTimeline();

  // ----- compare terms -----
  const compareOut = el("div", { className: "compare-out" });
  const compareBox = el("section", { className: "compare", attrs: { "aria-labelledby": "compare-title" } });

  function renderForm() {
    dateField.replaceChildren(field(state, { path: "date", label: TEXT.day, kind: "date", onChange: changed }), todayBtn);
    form.replaceChildren(
      formError,
      listEditor(state, {
        path: "orders",
        title: TEXT.orders,
        noun: TEXT.order,
        min: 1,
        columns: orderColumns(
          { key: "paidCash", label: TEXT.paidCash, kind: "money" },
          { key: "voucher", label: TEXT.voucher, kind: "money", optional: true },
        ),
        blank: () => ({ start: lastEnd(state) ?? state.date, end: orderEnd(lastEnd(state) ?? state.date, "1M") ?? "", term: "1M", paidCash: "" }),
        onChange: changed,
      }),
      el(
        "div",
        { className: "fields" },
        field(state, {
          path: "paidWith",
          label: TEXT.paidWith,
          kind: "select",
          options: Object.entries(TEXT.paidWithOptions),
          onChange: changed,
        }),
      ),
      pricesEditor(state, { path: "prices", title: TEXT.prices, onChange: changed }),
      pricesEditor(state, { path: "upgradePrices", title: TEXT.upgradePrices, onChange: changed }),
      pricesEditor(state, { path: "downgradePrices", title: TEXT.downgradePrices, onChange: changed }),
      el(
        "fieldset",
        { className: "group" },
        el("legend", {}, TEXT.unifiedGroup),
        el(
          "div",
          { className: "fields" },
          field(state, { path: "renewTerm", label: TEXT.renewTerm, kind: "term", onChange: changed }),
          field(state, { path: "unifiedDay", label: TEXT.unifiedDay, kind: "day", onChange: changed }),
        ),
      ),
    );
    compareBox.replaceChildren(
      el("h2", { id: "compare-title" }, TEXT.compareTitle),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "quantity", label: TEXT.quantity, kind: "int", optional: true, onChange: changed }),
        field(state, { path: "discount", label: TEXT.discount, kind: "money", optional: true, placeholder: "0.9", onChange: changed }),
        field(state, { path: "payPerUseHourly", label: TEXT.payPerUseHourly, kind: "money", optional: true, onChange: changed }),
      ),
      compareOut,
    );
    timeline.controls(state, changed);
    out.replaceChildren(
      el("div", { className: "out-error", attrs: { role: "status" } }),
      picker,
      el("h2", { className: "vh" }, TEXT.movesTitle),
      el("div", { className: "cards" }, ...cards.map((c) => c.article)),
      chartBox,
      timeline.box,
      compareBox,
    );
  }

  // ----- curves, cached: they do not depend on the picked day -----
  const curves = new Map();
  function curveOf(spec, req) {
    const { date, ...rest } = req;
    const key = `${spec.op}:${JSON.stringify(rest)}`;
    if (!curves.has(key)) {
      if (curves.size > 64) curves.clear();
      let c = null;
      try {
        c = billcalc.curve({ op: spec.op, ...req });
      } catch {
        c = null;
      }
      curves.set(key, c);
    }
    return curves.get(key);
  }

  function compute(ev) {
    clearErrors(form);
    clearErrors(compareBox);
    clearErrors(picker);
    clearErrors(timeline.box);
    formError.replaceChildren();
    const series = [];
    let span = null;
    for (const c of cards) {
      const req = c.spec.request(state);
      try {
        const r = billcalc[c.spec.op](req);
        c.figure.textContent = amount(r[c.spec.main]) || "—";
        c.figure.dataset.amount = show(r[c.spec.main]);
        c.list.replaceChildren(
          ...c.spec
            .details(r)
            .filter((d) => d && d[1] !== null && d[1] !== undefined && d[1] !== "")
            .flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, show(v))]),
        );
        c.error.textContent = "";
        c.article.classList.remove("refused");
      } catch (e) {
        if (!(e && typeof e === "object" && "code" in e)) throw e;
        const path = mapPath(e.path, c.spec.paths(state));
        c.figure.textContent = "—";
        c.figure.dataset.amount = "—";
        c.list.replaceChildren();
        const plain = plainError(e, wordsFor(lang));
        c.error.replaceChildren(plain.text, el("span", { className: "error-code" }, plain.details));
        c.article.classList.add("refused");
        // An Error's `message` is not enumerable: a spread would lose it ("…: undefined").
        showFieldError(path === "date" ? dateField : form, { code: e.code, message: e.message, path }, formError);
      }
      if (c.spec.curve) {
        const cv = curveOf(c.spec, req);
        if (cv) {
          span ??= { from: cv.from, to: cv.to };
          if (cv.from === span.from) series.push({ name: c.spec.title, className: c.spec.key, cents: cv.cents });
        }
      }
    }
    if (span && series.length) {
      curveFrom = span.from;
      chartBox.hidden = false;
      const day = dayIndex(span.from, state.date);
      pick = drawChart(svg, { ...span, series, day });
      range.max = String(series[0].cents.length - 1);
      range.value = String(Math.min(Math.max(0, day), series[0].cents.length - 1));
      range.disabled = false;
      range.setAttribute("aria-valuetext", state.date ?? "");
      caption.textContent = TEXT.caption(span.from, span.to);
    } else {
      curveFrom = null;
      chartBox.hidden = true;
      range.disabled = true;
    }
    const refused = timeline.render(state);
    if (refused) showFieldError(["autoRenew", "balance"].includes(refused.path) ? timeline.box : refused.path === "date" ? dateField : form, refused, formError);
    renderCompare();
    saveHash({ view: "resource", request: state });
    measureRedraw(ev, "resource");
    firstFigure();
  }

  function renderCompare() {
    const req = compareRequest(state);
    try {
      compareOut.replaceChildren(...compareTable(compareTermsCall(req), req.prices ?? {}));
    } catch (e) {
      if (!(e && typeof e === "object" && "code" in e)) throw e;
      const plain = plainError(e, wordsFor(lang));
      compareOut.replaceChildren(el("p", { className: "card-error" }, plain.text, el("span", { className: "error-code" }, plain.details)));
      const inCompare = ["quantity", "discount", "payPerUseHourly"].includes(String(e.path).split(/[.[]/)[0]);
      showFieldError(inCompare ? compareBox : form, e, formError);
    }
  }

  return {
    show(req) {
      state = req && typeof req === "object" && Array.isArray(req.orders) ? structuredClone(req) : structuredClone(RESOURCE_SAMPLE);
      if (!state.orders.length) state.orders.push({ start: state.date ?? "", end: "", term: "1M", paidCash: "" });
      renderForm();
      compute(null);
    },
    hashState: () => ({ view: "resource", request: state }),
    sameAs: (req) => JSON.stringify(req) === JSON.stringify(state),
  };
}
