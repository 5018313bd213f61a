// The My-resource view: given a resource's orders and prices, what each move costs or refunds on
// the picked day, side by side — unsubscribe (unsubscribeRefund), upgrade (upgradeCost),
// downgrade (downgradeRefund), renew to the unified day (unifiedExpiry) — the what-if chart
// (the package's `curve`, one call per operation for every day), a day picker, what happens next
// (resourceTimeline, ./timeline.js), and the comparison of terms (compareTerms). Every figure is
// the package's answer.
import * as billcalc from "../js/browser.js";
import { $, el, field, listEditor, orderColumns, pricesEditor, clearErrors, showFieldError, measureRedraw, show, dayAfter, dayIndex, mapPath, money, orderEnd } from "./ui.js";
import { plainError, wordsFor } from "../js/receipt-model.js";
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
};

const TEXT_ZH = {
  days: (n, of) => (of ? `${of} 天中的 ${n} 天` : `${n} 天`),
  daysAbout: (n, period, unit) => `${n} 天（≈ ${period} ${unit === "years" ? "年" : unit === "months" ? "个月" : unit}）`,
  approx: (m) => `≈ ${m}`,
  fromHours: (h) => `每月使用 ${h} 小时起`,
  derived: (from, to, perMonth) => `${from} 至 ${to} 个月的价格按 1 个月价格乘以月数计算：每月同为 ${perMonth}，因此不单独列出。`,
  cheapest: (term) => `价格表中的各个时长；按月折算最便宜的是 ${term}`,
  term: (n, unit) => `${n} ${unit === "Y" ? "年" : "个月"}`,
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

// Where a refund goes and when (003 §3.4.6), as the package answers it.
const refundTo = (r) => (r.refundTo ? ["goes back to", `${r.refundTo.destination === "monthlyBill" ? "the month-end bill" : `your ${r.refundTo.destination}`}, ${r.refundTo.arrives}`] : null);
const yearMonth = (m) => {
  const x = /^(\d{4})-(\d{2})$/.exec(String(m ?? ""));
  return x ? new Date(Date.UTC(Number(x[1]), Number(x[2]) - 1, 1)).toLocaleDateString(document.documentElement.lang || undefined, { year: "numeric", month: "long", timeZone: "UTC" }) : m;
};

const lastEnd = (s) => (Array.isArray(s.orders) && s.orders.length ? s.orders[s.orders.length - 1]?.end : undefined);

const CARDS = [
  {
    key: "refund",
    title: "Unsubscribe",
    lead: "refund",
    op: "unsubscribeRefund",
    main: "refund",
    curve: true,
    request: (s) => ({ scenario: "inUse", date: s.date, orders: s.orders, paidWith: s.paidWith }),
    paths: () => ({ date: "date", orders: "orders", paidWith: "paidWith", "": "orders" }),
    details: (r) => [
      ["consumed", amount(r.consumed)],
      ["handling fee", amount(r.handlingFee)],
      ["voucher returned", amount(r.voucherReturned)],
      ["on the bill of", yearMonth(r.billMonth)],
      refundTo(r),
      r.requiresApproval ? ["approval", "needed (over 1000)"] : null,
    ],
  },
  {
    key: "upgrade",
    title: "Upgrade",
    lead: "to pay",
    op: "upgradeCost",
    main: "cost",
    curve: true,
    request: (s) => ({ date: s.date, orders: s.orders, oldPrices: s.prices, newPrices: s.upgradePrices }),
    paths: () => ({ date: "date", orders: "orders", oldPrices: "prices", newPrices: "upgradePrices", "": "upgradePrices" }),
    details: (r) => [
      ["remaining period", period(r)],
      ["priced by the term", termText(r.matchedTerm)],
      r.cheaperByPrice ? ["note", "the new spec is cheaper: a downgrade by price"] : null,
    ],
  },
  {
    key: "downgrade",
    title: "Downgrade",
    lead: "refund",
    op: "downgradeRefund",
    main: "refund",
    curve: true,
    request: (s) => ({ date: s.date, orders: s.orders, newPrices: s.downgradePrices, paidWith: s.paidWith }),
    paths: () => ({ date: "date", orders: "orders", newPrices: "downgradePrices", paidWith: "paidWith", "": "downgradePrices" }),
    details: (r) => [
      ["remaining value", amount(r.remainingValue)],
      ["new spec for the rest", amount(r.newConfigCost)],
      ["remaining period", period(r)],
      refundTo(r),
    ],
  },
  {
    key: "unified",
    title: "Renew to the unified day",
    lead: "to pay",
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
      ["new expiry", r.unifiedExpiry],
      ["plain renewal ends", r.plainExpiry],
      ["top-up days", r.paddingDays],
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
  const heads = ["term", "total", "per month", "saving against monthly"];
  if (hourly) heads.push("cheaper than pay-per-use");
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
  const box = el("div", { className: "table-scroll", tabIndex: 0, attrs: { role: "region", "aria-label": "Terms side by side" } }, table);
  return [box, notes];
}

export function mountResource(root, { saveHash, firstFigure }) {
  let state = structuredClone(RESOURCE_SAMPLE);
  const form = el("form", { className: "resource-form", noValidate: true, autocomplete: "off", attrs: { "aria-label": "Your resource" } });
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
    "today",
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
    el("label", { htmlFor: "day-range", className: "field range" }, el("span", { className: "label" }, "move the day"), range),
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
    ...CARDS.filter((c) => c.curve).map((c) => el("li", { className: c.key }, el("span", { className: "swatch", attrs: { "aria-hidden": "true" } }), `${c.title} (${c.lead})`)),
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
    dateField.replaceChildren(field(state, { path: "date", label: "day", kind: "date", onChange: changed }), todayBtn);
    form.replaceChildren(
      formError,
      listEditor(state, {
        path: "orders",
        title: "Your resource's orders (purchase, then renewals)",
        noun: "Order",
        min: 1,
        columns: orderColumns(
          { key: "paidCash", label: "cash paid", kind: "money" },
          { key: "voucher", label: "voucher paid", kind: "money", optional: true },
        ),
        blank: () => ({ start: lastEnd(state) ?? state.date, end: orderEnd(lastEnd(state) ?? state.date, "1M") ?? "", term: "1M", paidCash: "" }),
        onChange: changed,
      }),
      el(
        "div",
        { className: "fields" },
        field(state, {
          path: "paidWith",
          label: "paid with (where a refund goes)",
          kind: "select",
          options: [
            ["balance", "account balance"],
            ["card", "card or online payment"],
            ["monthlySettlement", "month-end settlement"],
          ],
          onChange: changed,
        }),
      ),
      pricesEditor(state, { path: "prices", title: "Prices of its spec today", onChange: changed }),
      pricesEditor(state, { path: "upgradePrices", title: "Prices of the bigger spec", onChange: changed }),
      pricesEditor(state, { path: "downgradePrices", title: "Prices of the smaller spec", onChange: changed }),
      el(
        "fieldset",
        { className: "group" },
        el("legend", {}, "Renewal to a unified expiry day"),
        el(
          "div",
          { className: "fields" },
          field(state, { path: "renewTerm", label: "renew for", kind: "term", onChange: changed }),
          field(state, { path: "unifiedDay", label: "unified expiry day", kind: "day", onChange: changed }),
        ),
      ),
    );
    compareBox.replaceChildren(
      el("h2", { id: "compare-title" }, "Which term is cheapest?"),
      el(
        "div",
        { className: "fields" },
        field(state, { path: "quantity", label: "quantity", kind: "int", optional: true, onChange: changed }),
        field(state, { path: "discount", label: "discount", kind: "money", optional: true, placeholder: "0.9", onChange: changed }),
        field(state, { path: "payPerUseHourly", label: "pay-per-use price an hour", kind: "money", optional: true, onChange: changed }),
      ),
      compareOut,
    );
    timeline.controls(state, changed);
    out.replaceChildren(
      el("div", { className: "out-error", attrs: { role: "status" } }),
      picker,
      el("h2", { className: "vh" }, "What each move gives on the picked day"),
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
      caption.textContent = `What each move gives on every day ${span.from} … ${span.to}; the dashed line is the picked day (click the chart or move the slider).`;
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
