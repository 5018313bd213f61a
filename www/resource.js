// The My-resource view: given a resource's orders and prices, what each move costs or refunds on
// the picked day, side by side — unsubscribe (unsubscribeRefund), upgrade (upgradeCost),
// downgrade (downgradeRefund), renew to the unified day (unifiedExpiry) — the what-if chart
// (the package's `curve`, one call per operation for every day), a day picker, and the
// comparison of terms (compareTerms). Every figure is the package's answer.
import * as billcalc from "../js/browser.js";
import { $, el, field, listEditor, orderColumns, pricesEditor, clearErrors, showFieldError, measureRedraw, show, dayAfter, dayIndex, mapPath } from "./ui.js";
import { drawChart } from "./chart.js";
import { localBreakdown } from "./i18n.js";

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
      ["consumed", r.consumed],
      ["handling fee", r.handlingFee],
      ["voucher returned", r.voucherReturned],
      ["on the bill of", r.billMonth],
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
      ["remaining period", `${show(r.remainingPeriod)} ${r.periodUnit}`],
      ["priced by the term", r.matchedTerm],
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
      ["remaining value", r.remainingValue],
      ["new spec for the rest", r.newConfigCost],
      ["remaining period", `${show(r.remainingPeriod)} ${r.periodUnit}`],
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
      ["top-up period", show(r.paddingPeriod)],
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

// The planned answer: per term total, months, effective monthly, saving against monthly;
// break-even hours per month; switching cost. Member names read tolerantly until it lands.
function compareTable(a) {
  const rows = a.options;
  const hourly = rows.some((r) => r.breakEvenHours !== null);
  const heads = ["term", "total", "months", "per month", "saving vs monthly"];
  if (hourly) heads.push("beats pay-per-use above (h/month)");
  const table = el(
    "table",
    { className: "compare-table" },
    el("caption", {}, `Each term of the price table; the cheapest per month is ${show(a.cheapestMonthly)}`),
    el("thead", {}, el("tr", {}, ...heads.map((h) => el("th", { scope: "col" }, h)))),
    el(
      "tbody",
      {},
      ...rows.map((r) =>
        el(
          "tr",
          { className: r.term === a.cheapestMonthly ? "cheapest" : "" },
          el("th", { scope: "row" }, show(r.term)),
          el("td", { className: "num" }, show(r.total)),
          el("td", { className: "num" }, show(r.months)),
          el("td", { className: "num" }, `${r.monthlyPriceExact ? "" : "≈ "}${show(r.monthlyPrice)}`),
          el("td", { className: "num" }, r.saving === null ? "—" : `${show(r.saving)} (${show(r.savingPercent)} %)`),
          ...(hourly ? [el("td", { className: "num" }, show(r.breakEvenHours))] : []),
        ),
      ),
    ),
  );
  const notes = el("ul", { className: "notes" }, ...localBreakdown(a.breakdown).notes.map((n) => el("li", {}, n)));
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
        blank: () => ({ start: lastEnd(state) ?? state.date, end: "", term: "1M", paidCash: "" }),
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
    out.replaceChildren(
      el("div", { className: "out-error", attrs: { role: "status" } }),
      picker,
      el("h2", { className: "vh" }, "What each move gives on the picked day"),
      el("div", { className: "cards" }, ...cards.map((c) => c.article)),
      chartBox,
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
    formError.replaceChildren();
    const series = [];
    let span = null;
    for (const c of cards) {
      const req = c.spec.request(state);
      try {
        const r = billcalc[c.spec.op](req);
        c.figure.textContent = show(r[c.spec.main]) || "—";
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
        c.list.replaceChildren();
        c.error.textContent = `${e.code}: ${e.message}`;
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
    renderCompare();
    saveHash({ view: "resource", request: state });
    measureRedraw(ev, "resource");
    firstFigure();
  }

  function renderCompare() {
    const req = compareRequest(state);
    try {
      compareOut.replaceChildren(...compareTable(compareTermsCall(req)));
    } catch (e) {
      if (!(e && typeof e === "object" && "code" in e)) throw e;
      compareOut.replaceChildren(el("p", { className: "card-error" }, `${e.code}: ${e.message}`));
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
