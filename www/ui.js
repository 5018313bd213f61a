// Small DOM helpers shared by the views. No billing rule: values go into requests as typed (money
// as decimal strings), and everything shown comes from the package. Text is only ever set with
// textContent / value, never as HTML.

import { formatMoney, plainError, wordsFor } from "../js/receipt-model.js";
import { lang } from "./i18n.js";

// The words these helpers add to a form, per language (the zh-CN table has the English keys and
// functions); TEXT is the page's language's.
const TEXT_EN = {
  day: (n) => `day ${n}`,
  lastDay: "last day of the month",
  record: (noun, n) => `${noun} ${n}`,
  removeRecord: (name) => `Remove ${name.toLowerCase()}`,
  addRecord: (noun) => `+ ${noun.toLowerCase()}`,
  start: "start",
  end: "end",
  term: "term",
  price: "price",
  priceRow: (n) => `Price ${n}`,
  removePrice: (term) => `Remove the ${term || "new"} price`,
  addPrice: "+ price",
};

const TEXT_ZH = {
  day: (n) => `每月 ${n} 日`,
  lastDay: "每月最后一天",
  record: (noun, n) => `${noun} ${n}`,
  removeRecord: (name) => `删除${name}`,
  addRecord: (noun) => `+ 添加${noun}`,
  start: "开始日期",
  end: "结束日期",
  term: "时长",
  price: "价格",
  priceRow: (n) => `价格 ${n}`,
  removePrice: (term) => `删除${term ? ` ${term} ` : "新增的"}价格`,
  addPrice: "+ 添加价格",
};

export const TEXT_BY_LANG = { en: TEXT_EN, "zh-CN": TEXT_ZH };
const TEXT = String(lang).startsWith("zh") ? TEXT_ZH : TEXT_EN;

export const $ = (sel, root = document) => root.querySelector(sel);

/** An exact decimal amount in the page's locale, with its currency (never through a float). */
export const money = (amount, currency = "USD") => formatMoney(amount, { currency, locale: document.documentElement.lang || undefined });

/** `el("label", { className: "x", dataset: {…}, attrs: {"aria-label": …}, on: {input: f} }, …children)` */
export function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === undefined) continue;
    if (k === "dataset") Object.assign(e.dataset, v);
    else if (k === "attrs") for (const [a, av] of Object.entries(v)) av !== undefined && e.setAttribute(a, av);
    else if (k === "on") for (const [ev, f] of Object.entries(v)) e.addEventListener(ev, f);
    else e[k] = v;
  }
  for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}

// ---------- request paths: `items[0].prices.1M` ----------

function tokens(path) {
  const out = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]);
  return out;
}

export function getAt(obj, path) {
  return tokens(path).reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Set (or, with undefined, delete) the member at `path`, creating objects and lists on the way. */
export function setAt(obj, path, value) {
  const ks = tokens(path);
  let o = obj;
  for (let i = 0; i < ks.length - 1; i++) {
    if (o[ks[i]] === undefined || o[ks[i]] === null || typeof o[ks[i]] !== "object") o[ks[i]] = typeof ks[i + 1] === "number" ? [] : {};
    o = o[ks[i]];
  }
  const last = ks[ks.length - 1];
  if (value === undefined) {
    if (Array.isArray(o) && typeof last === "number") o[last] = undefined;
    else delete o[last];
  } else o[last] = value;
}

// ---------- fields ----------

let uid = 0;
export const nextId = (prefix = "f") => `${prefix}-${++uid}`;

/** The value an input gives the request: money and text as trimmed strings, whole numbers as
 * numbers, check boxes as booleans; an empty optional field is left out (undefined). */
function read(input, kind, optional) {
  if (kind === "bool") return input.checked;
  const raw = input.value.trim();
  if (raw === "") return optional ? undefined : "";
  if (kind === "int") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
  if (kind === "day") return /^\d+$/.test(raw) ? Number(raw) : raw;
  return raw;
}

/**
 * A labelled input bound to `state` at `path`; `onChange(event)` after each edit.
 * kinds: text, money, date, int, day (1–28 or "last"), term (with the terms list), select, bool.
 */
export function field(state, { path, label, kind = "text", optional = false, options, hint, placeholder, onChange, className }) {
  const value = getAt(state, path);
  const id = nextId();
  let input;
  if (kind === "select" || kind === "day") {
    input = el("select", { id });
    const opts = kind === "day" ? [...Array.from({ length: 28 }, (_, i) => [String(i + 1), TEXT.day(i + 1)]), ["last", TEXT.lastDay]] : options;
    if (optional) input.append(el("option", { value: "" }, "—"));
    for (const o of opts) {
      const [v, text] = Array.isArray(o) ? o : [o, o];
      input.append(el("option", { value: v }, text));
    }
    input.value = value === undefined ? (optional ? "" : input.options[0]?.value ?? "") : String(value);
  } else if (kind === "bool") {
    input = el("input", { id, type: "checkbox", checked: Boolean(value) });
  } else {
    input = el("input", {
      id,
      type: kind === "date" ? "date" : "text",
      value: value === undefined || value === null ? "" : String(value),
      placeholder,
      autocomplete: "off",
      spellcheck: false,
    });
    if (kind === "money") input.inputMode = "decimal";
    if (kind === "int") input.inputMode = "numeric";
    if (kind === "term") input.setAttribute("list", "terms");
  }
  input.dataset.path = path;
  input.addEventListener(kind === "bool" || kind === "select" || kind === "day" ? "change" : "input", (ev) => {
    setAt(state, path, read(input, kind, optional));
    onChange?.(ev);
  });
  const lab = el("label", { htmlFor: id, className: ["field", kind === "bool" ? "check" : "", className ?? ""].join(" ").trim() });
  if (kind === "bool") lab.append(input, el("span", {}, label));
  else lab.append(el("span", { className: "label" }, label), input);
  if (hint) {
    const hid = `${id}-hint`;
    lab.append(el("span", { className: "hint", id: hid }, hint));
    input.setAttribute("aria-describedby", hid);
  }
  return lab;
}

/** A list editor's button: `add` or `remove`, with its text, accessible name and click. */
function button(className, text, label, click) {
  return el("button", { type: "button", className, attrs: { "aria-label": label }, on: { click } }, text);
}

/** The columns of a resource's orders in a form: its start, end and term, then `extra`. */
export const orderColumns = (...extra) => [
  { key: "start", label: TEXT.start, kind: "date" },
  { key: "end", label: TEXT.end, kind: "date" },
  { key: "term", label: TEXT.term, kind: "term" },
  ...extra,
];

/** The day an order bought on `start` for `term` ends: start + N months (years), clamped to the
 * month's last day (docs/rules.md A1: a 1M order from 08-19 ends on 09-19). */
export function orderEnd(start, term) {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start ?? "");
  const t = /^(\d+)([MY])$/.exec(term ?? "");
  if (!d || !t) return null;
  const months = Number(t[1]) * (t[2] === "Y" ? 12 : 1);
  const m0 = Number(d[2]) - 1 + months;
  const y = Number(d[1]) + Math.floor(m0 / 12);
  const m = m0 % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  const day = Math.min(Number(d[3]), last);
  return `${String(y).padStart(4, "0")}-${String(m + 1).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

// An order's end follows its start and term while the customer has not typed another one.
function fillEnd(state, at, group, onChange) {
  const input = (k) => group.querySelector(`[data-path="${at}.${k}"]`);
  const [start, term, end] = ["start", "term", "end"].map(input);
  if (!start || !term || !end) return;
  const auto = () => orderEnd(getAt(state, `${at}.start`), getAt(state, `${at}.term`));
  let last = auto();
  const follow = (ev) => {
    const next = auto();
    const cur = getAt(state, `${at}.end`);
    if (next && (!cur || cur === last)) {
      setAt(state, `${at}.end`, next);
      end.value = next;
      onChange?.(ev);
    }
    last = next;
  };
  start.addEventListener("input", follow);
  term.addEventListener("input", follow);
  term.addEventListener("change", follow);
}

/**
 * An editable list of records (orders, vouchers, promotions): one group of labelled fields per
 * record, a remove button each, and an add button. The list lives in `state` at `path`.
 */
export function listEditor(state, { path, title, noun, columns, blank, onChange, min = 0 }) {
  const box = el("fieldset", { className: "list" });
  box.dataset.path = path;
  const render = () => {
    const list = getAt(state, path) ?? [];
    const rows = list.map((_, i) => {
      const name = TEXT.record(noun, i + 1);
      const group = el("div", { className: "row", attrs: { role: "group", "aria-label": name } });
      group.dataset.path = `${path}[${i}]`;
      for (const c of columns) {
        group.append(field(state, { ...c, path: `${path}[${i}].${c.key}`, label: c.label, onChange }));
      }
      fillEnd(state, `${path}[${i}]`, group, onChange);
      if (list.length > min) {
        group.append(
          button("remove", "×", TEXT.removeRecord(name), (ev) => {
            list.splice(i, 1);
            if (!list.length && min === 0) setAt(state, path, undefined);
            render();
            onChange?.(ev);
          }),
        );
      }
      return group;
    });
    const add = button("add", TEXT.addRecord(noun), undefined, (ev) => {
      const cur = getAt(state, path);
      if (Array.isArray(cur)) cur.push(blank());
      else setAt(state, path, [blank()]);
      render();
      onChange?.(ev);
      box.querySelector(".row:last-of-type input, .row:last-of-type select")?.focus();
    });
    box.replaceChildren(el("legend", {}, title), ...rows, add);
  };
  render();
  return box;
}

/**
 * A price table (`{"1M": "30", "1Y": "300"}`) as rows of term and price. The price input's path
 * is `<path>.<term>`, so an error about one price lands next to it.
 */
export function pricesEditor(state, { path, title, onChange }) {
  const box = el("fieldset", { className: "list prices" });
  box.dataset.path = path;
  let pairs = Object.entries(getAt(state, path) ?? {});
  const write = () => {
    const obj = {};
    for (const [t, p] of pairs) if (t.trim()) obj[t.trim()] = p.trim();
    setAt(state, path, obj);
  };
  const render = () => {
    const rows = pairs.map((pair, i) => {
      const tid = nextId();
      const pid = nextId();
      const term = el("input", { id: tid, value: pair[0], autocomplete: "off", spellcheck: false, attrs: { list: "terms" } });
      const price = el("input", { id: pid, value: pair[1], autocomplete: "off", inputMode: "decimal" });
      price.dataset.path = `${path}.${pair[0].trim()}`;
      term.addEventListener("input", (ev) => {
        pair[0] = term.value;
        price.dataset.path = `${path}.${term.value.trim()}`;
        write();
        onChange?.(ev);
      });
      price.addEventListener("input", (ev) => {
        pair[1] = price.value;
        write();
        onChange?.(ev);
      });
      const rm = button("remove", "×", TEXT.removePrice(pair[0]), (ev) => {
        pairs.splice(i, 1);
        write();
        render();
        onChange?.(ev);
      });
      return el(
        "div",
        { className: "row price-row", attrs: { role: "group", "aria-label": TEXT.priceRow(i + 1) } },
        el("label", { htmlFor: tid, className: "field term" }, el("span", { className: "label" }, TEXT.term), term),
        el("label", { htmlFor: pid, className: "field" }, el("span", { className: "label" }, TEXT.price), price),
        rm,
      );
    });
    const add = button("add", TEXT.addPrice, undefined, (ev) => {
      pairs.push(["", ""]);
      render();
      box.querySelector(".row:last-of-type input")?.focus();
      onChange?.(ev);
    });
    box.replaceChildren(el("legend", {}, title), ...rows, add);
  };
  render();
  return box;
}

// ---------- errors next to their field ----------

/** Remove the errors shown in `root`. */
export function clearErrors(root) {
  for (const e of root.querySelectorAll(".field-error")) e.remove();
  for (const e of root.querySelectorAll(".invalid")) {
    e.classList.remove("invalid");
    e.removeAttribute("aria-invalid");
    const d = (e.getAttribute("aria-describedby") ?? "").split(" ").filter((x) => x && !x.startsWith("err-"));
    if (d.length) e.setAttribute("aria-describedby", d.join(" "));
    else e.removeAttribute("aria-describedby");
  }
}

// The element a request path names, or the nearest one above it (`items[0].prices.1M` →
// `items[0].prices` → `items[0]` → `items`).
function target(root, path) {
  let p = path ?? "";
  while (p) {
    const hit = root.querySelector(`[data-path="${CSS.escape(p)}"]`);
    if (hit) return hit;
    const cut = p.replace(/(\.[^.[\]]*|\[\d+\])$/, "");
    if (cut === p) break;
    p = cut;
  }
  return null;
}

/** Show `{code, path, message}` next to the field its path names (else in `fallback`). */
export function showFieldError(root, err, fallback, text) {
  const path = err.path ?? "";
  const t = target(root, path);
  if (t && root.querySelector(`.field-error[data-error-for="${CSS.escape(path)}"]`)) return t;
  // In words next to the field; the code on a details line of its own.
  const plain = plainError(err, wordsFor(lang));
  const msg = el("span", { className: "field-error", id: nextId("err") }, text ?? plain.text, el("span", { className: "error-code" }, plain.details));
  msg.dataset.errorFor = path;
  if (t) {
    const input = t.matches("input, select") ? t : null;
    if (input) {
      input.classList.add("invalid");
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", [input.getAttribute("aria-describedby"), msg.id].filter(Boolean).join(" "));
      (input.closest("label") ?? input.parentNode).append(msg);
    } else {
      t.classList.add("invalid");
      t.append(msg);
    }
  } else if (fallback) {
    fallback.append(msg);
  }
  return t;
}

// ---------- figures ----------

/** A ratio or period comes as {fraction, decimal}: shown as "913/365 ≈ 2.50136986". */
export const isFraction = (v) => v !== null && typeof v === "object" && "fraction" in v && "decimal" in v;
export const fractionText = (v) => (v.fraction === v.decimal ? v.decimal : `${v.fraction} ≈ ${v.decimal}`);
export const show = (v) => (v === null || v === undefined ? "" : isFraction(v) ? fractionText(v) : String(v));

// ---------- tabs (arrow keys move between them) ----------

export function tabKeys(list) {
  list.addEventListener("keydown", (ev) => {
    const tabs = [...list.querySelectorAll('[role="tab"]')];
    const i = tabs.indexOf(document.activeElement);
    if (i < 0) return;
    const next = { ArrowRight: i + 1, ArrowDown: i + 1, ArrowLeft: i - 1, ArrowUp: i - 1, Home: 0, End: tabs.length - 1 }[ev.key];
    if (next === undefined) return;
    ev.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    t.focus();
    t.click();
  });
}

/** Report how long an edit took to show: from the input event to the result in the page. */
export function measureRedraw(ev, name) {
  if (!ev || typeof ev.timeStamp !== "number" || !ev.isTrusted) return;
  const end = performance.now();
  performance.measure(`billcalc:redraw:${name}`, { start: ev.timeStamp, end });
}

// ---------- days on the picker (calendar days, UTC, for placing a day on the axis) ----------

const DAY_MS = 86400000;
export const dayAfter = (from, i) => new Date(Date.parse(from) + i * DAY_MS).toISOString().slice(0, 10);
export const dayIndex = (from, date) => Math.round((Date.parse(date) - Date.parse(from)) / DAY_MS);

/** An operation's error path turned into the view's: its first member looked up in `paths` (the
 * rest kept), else `paths[""]`. */
export function mapPath(path, paths) {
  const m = /^([A-Za-z]+)(.*)$/.exec(path ?? "");
  const head = m ? paths[m[1]] : undefined;
  return head === undefined ? paths[""] ?? "" : head + m[2];
}
