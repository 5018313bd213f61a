// The "All calculations" view: one form per operation of the package, each opening on one of the guides'
// worked examples; the result, the breakdown, errors next to their field, a rounding-policy
// switch and the what-if chart. No billing rule lives here — every figure, formula and refusal
// comes from the package (the same build users import). User input is only ever written with
// textContent / value, never as HTML.
//
// Loaded on demand (its own chunk with the sample catalog, scripts/bundle-page.mjs): the package
// and the page's helpers come in `mountCalculators`' hooks, so nothing is shared with the first
// view's module.
import { VIEWS } from "./sample.js";
import { localBreakdown, t } from "./i18n.js";

const $ = (sel) => document.querySelector(sel);
const SVG = "http://www.w3.org/2000/svg";
let current = VIEWS[0];
let hooks;
let billcalc;

function el(tag, props = {}, text) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "dataset") Object.assign(e.dataset, v);
    else e[k] = v;
  }
  if (text !== undefined) e.textContent = text;
  return e;
}

function pricesToText(p) {
  return Object.entries(p ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");
}

function textToPrices(text) {
  const out = {};
  for (const part of text.split(/[,;\n]/)) {
    const t = part.trim();
    if (!t) continue;
    const [k, v = ""] = t.split("=").map((s) => s.trim());
    out[k] = v;
  }
  return out;
}

// Tiers as text: `0-100:1.00/90; 100-500:0.80/250; 500-:0.50/400` (from-to:price/total).
function tiersToText(tiers) {
  return (tiers ?? [])
    .map((t) => `${t.from}-${t.to ?? ""}:${t.price ?? ""}${t.total !== undefined ? `/${t.total}` : ""}`)
    .join("; ");
}

function textToTiers(text) {
  return text
    .split(/[;\n]/)
    .map((s) => s.trim())
    .filter(Boolean)
    .map((part) => {
      const [range, rest = ""] = part.split(":");
      const [from, to = ""] = range.split("-").map((x) => x.trim());
      const [price = "", total = ""] = rest.split("/").map((x) => x.trim());
      const t = { from };
      if (to) t.to = to;
      if (price) t.price = price;
      if (total) t.total = total;
      return t;
    });
}

// ---------- forms ----------

function renderTabs() {
  const nav = $("#tabs");
  if (!nav.childElementCount) {
    nav.append(
      ...VIEWS.map((v) => {
        const b = el("button", { type: "button", role: "tab" }, v.title);
        b.dataset.op = v.op;
        b.setAttribute("aria-controls", "view");
        b.addEventListener("click", () => {
          if (v !== current) selectView(v, structuredClone(v.sample));
        });
        return b;
      }),
    );
  }
  for (const b of nav.children) {
    const on = b.dataset.op === current.op;
    b.setAttribute("aria-selected", String(on));
    b.tabIndex = on ? 0 : -1;
  }
}

// A list of records (vouchers, promotions, discounts) as rows of labelled inputs, one group per
// record with its remove button, and an add button: no JSON to type.
function recordsInput(f, value) {
  const box = el("fieldset", { className: "records" });
  box.dataset.name = f.name;
  box.dataset.path = f.name;
  box.append(el("legend", {}, f.label ?? f.name));
  const rows = el("div", { className: "records-rows" });
  const add = el("button", { type: "button", className: "add" }, `+ ${f.noun}`);
  const renumber = () =>
    [...rows.children].forEach((row, i) => {
      row.setAttribute("aria-label", `${f.noun} ${i + 1}`);
      for (const input of row.querySelectorAll("input, select")) {
        input.dataset.path = `${f.name}[${i}].${input.dataset.key}`;
        input.setAttribute("aria-label", `${f.noun} ${i + 1}: ${f.columns.find((c) => c.key === input.dataset.key)?.label}`);
      }
      row.querySelector(".remove")?.setAttribute("aria-label", `remove ${f.noun} ${i + 1}`);
    });
  const record = (r) => {
    const row = el("div", { className: "record" });
    row.setAttribute("role", "group");
    for (const c of f.columns) {
      let input;
      if (c.kind === "select") {
        input = el("select");
        for (const [v, t] of c.options) input.append(el("option", { value: v }, t));
        input.value = r[c.key] ?? c.options[0][0];
      } else {
        input = el("input", { type: c.kind === "date" ? "date" : "text", value: r[c.key] ?? "" });
        if (c.kind === "money") input.inputMode = "decimal";
      }
      input.dataset.key = c.key;
      input.dataset.optional = c.optional ? "true" : "";
      input.addEventListener(c.kind === "select" ? "change" : "input", compute);
      const lab = el("label", { className: "record-field" }, c.label);
      lab.append(input);
      row.append(lab);
    }
    const rm = el("button", { type: "button", className: "remove" }, "×");
    rm.addEventListener("click", (ev) => {
      row.remove();
      renumber();
      compute(ev);
    });
    row.append(rm);
    return row;
  };
  for (const r of Array.isArray(value) ? value : []) rows.append(record(r));
  add.addEventListener("click", (ev) => {
    rows.append(record({ ...f.blank }));
    renumber();
    compute(ev);
  });
  renumber();
  box.append(rows, add);
  return box;
}

function readRecords(box) {
  return [...box.querySelectorAll(".record")].map((row) => {
    const r = {};
    for (const input of row.querySelectorAll("input, select")) {
      const v = input.value.trim();
      if (v !== "" || !input.dataset.optional) r[input.dataset.key] = v;
    }
    return r;
  });
}

// A member at a dotted name (`offers.business`) of a request.
const getName = (obj, name) => name.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
function setName(obj, name, v) {
  const ks = name.split(".");
  let o = obj;
  for (const k of ks.slice(0, -1)) o = o[k] ??= {};
  o[ks[ks.length - 1]] = v;
}

function fieldInput(f, value) {
  if (f.kind === "records") return recordsInput(f, value);
  let input;
  if (f.kind === "select") {
    input = el("select");
    // The value as the package spells it, the text in words ("autoRenewal" → "auto renewal").
    for (const o of f.options) input.append(el("option", { value: o }, o === "" ? "—" : words(o)));
    input.value = value ?? f.options[0];
  } else if (f.kind === "prices") {
    input = el("textarea", { value: pricesToText(value) });
  } else if (f.kind === "tiers") {
    input = el("textarea", { value: tiersToText(value) });
  } else if (f.kind === "amounts") {
    input = el("input", { type: "text", value: Array.isArray(value) ? value.join(", ") : value ?? "" });
    input.inputMode = "decimal";
  } else if (f.kind === "json") {
    input = el("textarea", { value: value === undefined ? "" : JSON.stringify(value, null, 1) });
    input.rows = 6;
    input.spellcheck = false;
  } else if (f.kind === "bool") {
    input = el("select");
    for (const o of ["false", "true"]) input.append(el("option", { value: o }, o));
    input.value = String(value ?? false);
  } else {
    input = el("input", {
      type: f.kind === "date" ? "date" : f.kind === "number" ? "number" : "text",
      value: value ?? "",
    });
    if (f.kind === "money") input.inputMode = "decimal";
  }
  input.name = f.name;
  input.id = `calc-${f.name}`;
  input.dataset.path = f.name;
  input.addEventListener(f.kind === "select" || f.kind === "bool" ? "change" : "input", compute);
  const label = el("label", { htmlFor: input.id }, f.label ?? f.name);
  label.append(input);
  if (f.kind === "prices") label.append(el("span", { className: "hint" }, "term=price, e.g. 1M=90, 1Y=1000"));
  if (f.kind === "json") label.append(el("span", { className: "hint" }, f.hint ?? "JSON"));
  if (f.kind === "amounts") label.append(el("span", { className: "hint" }, f.hint));
  if (f.kind === "tiers") label.append(el("span", { className: "hint" }, "from-to:price/total; …, e.g. 0-100:1.00/90; 100-:0.80/250"));
  return label;
}

const ORDER_COLUMNS = { start: "start", end: "end", term: "term", paidCash: "paid cash", voucher: "voucher" };

function orderRow(o, i) {
  const tr = el("tr");
  for (const key of ["start", "end", "term", "paidCash", "voucher"]) {
    const input = el("input", {
      type: key === "start" || key === "end" ? "date" : "text",
      value: o[key] ?? "",
      name: `orders.${i}.${key}`,
    });
    input.setAttribute("aria-label", `order ${i + 1} ${ORDER_COLUMNS[key]}`);
    input.dataset.path = `orders[${i}].${key}`;
    input.dataset.key = key;
    input.addEventListener("input", compute);
    const td = el("td");
    td.dataset.label = ORDER_COLUMNS[key];
    td.append(input);
    tr.append(td);
  }
  // The end follows the start and term while it is empty or still the one they gave.
  const [start, end, term] = ["start", "end", "term"].map((k) => tr.querySelector(`[data-key="${k}"]`));
  let auto = hooks.orderEnd(start.value, term.value);
  const follow = () => {
    const next = hooks.orderEnd(start.value.trim(), term.value.trim());
    if (next && (!end.value || end.value === auto)) end.value = next;
    auto = next;
  };
  start.addEventListener("input", follow, { capture: true });
  term.addEventListener("input", follow, { capture: true });
  const rm = el("button", { type: "button", className: "remove", title: "remove this order" }, "×");
  rm.setAttribute("aria-label", `remove order ${i + 1}`);
  rm.addEventListener("click", (ev) => {
    tr.remove();
    renumberOrders();
    compute(ev);
  });
  const td = el("td");
  td.append(rm);
  tr.append(td);
  return tr;
}

function renumberOrders() {
  [...$("#orders tbody").rows].forEach((tr, i) => {
    for (const input of tr.querySelectorAll("input")) {
      input.dataset.path = `orders[${i}].${input.dataset.key}`;
      input.setAttribute("aria-label", `order ${i + 1} ${ORDER_COLUMNS[input.dataset.key]}`);
    }
    tr.querySelector(".remove")?.setAttribute("aria-label", `remove order ${i + 1}`);
  });
}

function selectView(view, req) {
  current = view;
  renderTabs();
  const fields = $("#fields");
  formless = view.form ? structuredClone(req) : null;
  const inputs = view.form ? [checkoutLink(req)] : view.fields.map((f) => fieldInput(f, getName(req, f.name)));
  fields.replaceChildren(el("h2", {}, `${view.title} `), ...inputs);
  // The guide's sections belong with the formulas, under "How it was computed".
  $("#source").textContent = `From the guides: ${view.source}`;
  const withOrders = view.orders !== false;
  $("#orders-block").hidden = !withOrders;
  $("#orders tbody").replaceChildren(...(withOrders ? (req.orders ?? []).map(orderRow) : []));
  $("#policy").value = req.policy ?? "console";
  compute();
}

// The cart's calculator: its form is the Checkout view, opened on the same request.
let formless = null;
function checkoutLink(req) {
  const a = el("a", { className: "open-checkout", href: `#${encodeURIComponent(JSON.stringify({ view: "checkout", request: req }))}` }, "Edit this cart in the Checkout form");
  return el("p", { className: "hint" }, "The cart has its own form, with its receipt: ").appendChild(a).parentNode;
}

function readRequest() {
  if (formless) return structuredClone(formless);
  const req = {};
  for (const f of current.fields) {
    if (f.kind === "records") {
      const list = readRecords($(`#fields [data-name="${f.name}"]`));
      if (list.length || !f.optional) setName(req, f.name, list);
      continue;
    }
    const input = $(`#fields [name="${f.name}"]`);
    const raw = input.value.trim();
    if (raw === "" && (f.optional || f.kind !== "prices")) {
      if (!f.optional && f.kind !== "select") req[f.name] = raw;
      continue;
    }
    if (f.name.includes(".")) setName(req, f.name, raw);
    else if (f.kind === "number") req[f.name] = Number(raw);
    else if (f.kind === "bool") req[f.name] = raw === "true";
    else if (f.kind === "json") {
      try {
        req[f.name] = JSON.parse(raw);
      } catch (e) {
        throw Object.assign(new Error(`not JSON: ${e.message}`), { code: "INVALID_INPUT", path: f.name });
      }
    }
    else if (f.kind === "amounts") req[f.name] = raw.split(/[,;\s]+/).filter(Boolean);
    else if (f.kind === "prices") req[f.name] = textToPrices(raw);
    else if (f.kind === "tiers") req[f.name] = textToTiers(raw);
    else if (f.name === "unifiedDay" && /^\d+$/.test(raw)) req[f.name] = Number(raw);
    else req[f.name] = raw;
  }
  if (current.orders !== false) {
    req.orders = [...$("#orders tbody").rows].map((tr) => {
      const o = {};
      for (const input of tr.querySelectorAll("input")) {
        const v = input.value.trim();
        if (v !== "" || input.dataset.key !== "voucher") o[input.dataset.key] = v;
      }
      return o;
    });
  }
  const policy = $("#policy").value;
  if (policy !== "console") req.policy = policy;
  return req;
}

// ---------- results ----------

function clearErrors() {
  $("#form-error").textContent = "";
  for (const e of document.querySelectorAll(".field-error")) e.remove();
  for (const e of document.querySelectorAll(".invalid")) e.classList.remove("invalid");
}

function showError(err) {
  const code = err.code ?? "ERROR";
  const path = err.path ?? "";
  const candidates = [path, path.replace(/\.[^.\[]*$/, ""), path.split(/[.\[]/)[0]].filter(Boolean);
  const target = candidates.map((p) => document.querySelector(`#form [data-path="${CSS.escape(p)}"]`)).find(Boolean);
  const plain = hooks.plainError(err);
  const msg = el("span", { className: "field-error", role: "alert" }, plain.text);
  msg.append(el("span", { className: "error-code" }, plain.details));
  msg.dataset.errorFor = path;
  if (target) {
    target.classList.add("invalid");
    (target.closest("td") ?? target.closest("label") ?? target.parentNode).append(msg);
  } else {
    $("#form-error").append(msg);
  }
  const figs = $("#figures");
  figs.className = "error";
  figs.replaceChildren(figure(current.main, code, true));
  for (const t of ["#facts tbody", "#lines tbody", "#notes"]) $(t).replaceChildren();
  $("#lines-total").textContent = "";
  $("#policy-used").textContent = "";
}

// A ratio or period comes as {fraction, decimal}: shown as "913/365 ≈ 2.50136986".
const isFraction = (v) => v !== null && typeof v === "object" && "fraction" in v && "decimal" in v;
const fractionText = (v) => (v.fraction === v.decimal ? v.decimal : `${v.fraction} ≈ ${v.decimal}`);

// A figure's name in words: `handlingFee` → "handling fee", `chosen.kind` → "chosen kind".
const words = (key) => key.replace(/\./g, " ").replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();

// A value in words: yes/no for a flag, a record as "name value" pairs, a list one after another.
function readable(value) {
  if (value === true) return "yes";
  if (value === false) return "no";
  if (value === null || value === undefined) return "—";
  if (isFraction(value)) return fractionText(value);
  if (Array.isArray(value)) return value.length ? value.map(readable).join("; ") : "none";
  if (typeof value === "object")
    return Object.entries(value)
      .filter(([k, v]) => v !== null && v !== undefined && k !== "breakdown")
      .map(([k, v]) => `${words(k)} ${readable(v)}`)
      .join(", ");
  return String(value);
}

function figure(key, value, main = false) {
  const d = el("div", { className: main ? "figure main" : "figure" });
  d.dataset.figure = key;
  const json = typeof value === "object" && !isFraction(value);
  d.append(el("div", { className: "k" }, words(key)), el("div", { className: json ? "v json" : "v" }, readable(value)));
  return d;
}

function showResult(res) {
  const figs = $("#figures");
  figs.className = "";
  figs.replaceChildren(
    ...current.figures
      .map((k) => [k, k.split(".").reduce((o, part) => (o == null ? undefined : o[part]), res)])
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => figure(k, v, k === current.main)),
  );
  const b = { ...localBreakdown(res.breakdown ?? {}), policy: res.breakdown?.policy };
  $("#facts tbody").replaceChildren(
    ...b.facts.map((f) => {
      const tr = el("tr");
      tr.append(el("td", {}, f.label), el("td", {}, f.formula), el("td", {}, f.value));
      return tr;
    }),
  );
  $("#lines tbody").replaceChildren(
    ...b.lines.map((l) => {
      const tr = el("tr");
      tr.append(el("td", {}, l.label), el("td", {}, l.formula), el("td", { className: "num" }, l.amount));
      return tr;
    }),
  );
  const total = current.main.split(".").reduce((o, part) => (o == null ? undefined : o[part]), res);
  $("#lines-total").textContent = b.lines.length ? String(total ?? "") : "";
  // A result without money lines (Compare terms) shows no empty "line / formula / total" table.
  $("#lines").hidden = !b.lines.length;
  $("#facts").hidden = !b.facts.length;
  $("#notes").replaceChildren(...b.notes.map((n) => el("li", {}, n)));
  $("#policy-used").textContent = `${t("policy")}: ${b.policy}`;
}

// ---------- what-if chart ----------

function drawChart(req) {
  const box = $("#chart-box");
  const svg = $("#chart");
  if (!current.curve) {
    box.hidden = true;
    return;
  }
  let c;
  try {
    c = billcalc.curve({ op: current.op, ...req });
  } catch {
    box.hidden = true;
    return;
  }
  box.hidden = false;
  const W = 640, H = 220, L = 56, R = 10, T = 10, B = 26;
  const n = c.cents.length;
  const vals = c.cents.filter((v) => v !== null);
  const max = Math.max(1, ...vals);
  const x = (i) => L + ((W - L - R) * i) / Math.max(1, n - 1);
  const y = (v) => T + (H - T - B) * (1 - v / max);
  const parts = [];
  let seg = [];
  c.cents.forEach((v, i) => {
    if (v === null) {
      if (seg.length) parts.push(seg);
      seg = [];
    } else seg.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (seg.length) parts.push(seg);
  const nodes = [];
  const line = (x1, y1, x2, y2, cls) => {
    const l = document.createElementNS(SVG, "line");
    for (const [k, v] of Object.entries({ x1, y1, x2, y2 })) l.setAttribute(k, v);
    l.setAttribute("class", cls);
    return l;
  };
  const text = (tx, ty, s, anchor = "start") => {
    const t = document.createElementNS(SVG, "text");
    t.setAttribute("x", tx);
    t.setAttribute("y", ty);
    t.setAttribute("text-anchor", anchor);
    t.textContent = s;
    return t;
  };
  nodes.push(line(L, H - B, W - R, H - B, "axis"), line(L, T, L, H - B, "axis"));
  nodes.push(text(L - 4, T + 10, (max / 100).toFixed(2), "end"), text(L - 4, H - B, "0.00", "end"));
  nodes.push(text(L, H - 8, c.from), text(W - R, H - 8, c.to, "end"));
  for (const p of parts) {
    const pl = document.createElementNS(SVG, "polyline");
    pl.setAttribute("points", p.join(" "));
    pl.setAttribute("class", "curve");
    nodes.push(pl);
  }
  const day = Math.round((Date.parse(req.date) - Date.parse(c.from)) / 86400000);
  if (day >= 0 && day < n) {
    nodes.push(line(x(day), T, x(day), H - B, "mark"));
    if (c.cents[day] !== null) {
      const dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("cx", x(day));
      dot.setAttribute("cy", y(c.cents[day]));
      dot.setAttribute("r", 3.5);
      dot.setAttribute("class", "dot");
      nodes.push(dot);
    }
  }
  svg.replaceChildren(...nodes);
  svg.dataset.points = String(n);
  svg.onclick = (ev) => {
    const r = svg.getBoundingClientRect();
    const px = ((ev.clientX - r.left) / r.width) * W;
    const i = Math.min(n - 1, Math.max(0, Math.round(((px - L) / (W - L - R)) * (n - 1))));
    const d = new Date(Date.parse(c.from) + i * 86400000).toISOString().slice(0, 10);
    $('#fields [name="date"]').value = d;
    compute(ev);
  };
  $("#chart-caption").textContent = `${current.main} for every ${current.op === "upgradeCost" ? "change" : "operation"} day ${c.from} … ${c.to} (click to pick a day; the dashed line is the chosen day)`;
}

// ---------- main loop ----------

function compute(ev) {
  clearErrors();
  let req;
  try {
    req = readRequest();
  } catch (e) {
    showError(e);
    return;
  }
  hooks.saveHash({ op: current.op, request: req });
  try {
    showResult(billcalc[current.op](req));
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) showError(e);
    else showError({ code: "ERROR", path: "", message: String(e) });
  }
  drawChart(req);
  hooks.measureRedraw(ev, "calculations");
  hooks.firstFigure();
}

/** Mount the view (its markup is in index.html); `show(op, request)` opens an operation.
 * hooks: { billcalc (the package), saveHash, firstFigure, measureRedraw, tabKeys }. */
export function mountCalculators(_root, h) {
  hooks = h;
  billcalc = h.billcalc;
  h.tabKeys($("#tabs"));
  $("#add-order").addEventListener("click", (ev) => {
    const rows = $("#orders tbody").rows.length;
    $("#orders tbody").append(orderRow({ term: "1M", voucher: "0" }, rows));
    compute(ev);
  });
  $("#policy").addEventListener("change", compute);
  const stateNow = () => {
    try {
      return { op: current.op, request: readRequest() };
    } catch {
      return null; // a field holds broken JSON
    }
  };
  return {
    show(op, request) {
      const view = VIEWS.find((v) => v.op === op) ?? VIEWS[0];
      selectView(view, request && typeof request === "object" ? request : structuredClone(view.sample));
    },
    hashState: stateNow,
    sameAs: (op, request) => {
      const s = stateNow();
      return s !== null && s.op === op && JSON.stringify(s.request) === JSON.stringify(request);
    },
  };
}
