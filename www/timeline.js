// What happens next to the resource if nothing is done (the package's resourceTimeline): each
// state from its first to its last day — in use, expired (grace), frozen (retention), released —
// what still works and what keeping the resource costs, with the auto-renewal attempts. Shown on
// My resource next to the what-if chart; every figure is the package's answer.
import * as billcalc from "../js/browser.js";
import { el, field, mapPath, show } from "./ui.js";
import { lang } from "./i18n.js";
import { renderText } from "../js/messages.js";
import { plainError, wordsFor } from "../js/receipt-model.js";

// The words this view adds, per language (the zh-CN table has the English keys and functions).
// The states' own words (label, works, howToKeep, events) are the package's answer, each told by a
// message (`messages`) that js/messages.js renders in the page's language.
const TEXT_EN = {
  title: "What happens next if you do nothing",
  autoRenew: "auto-renewal on",
  balance: "balance for auto-renewal",
  keep: (cost, keepUntil, usableUntil) => `Keeping it costs ${cost} until ${keepUntil}; it works until ${usableUntil}.`,
  now: "now",
  days: (n) => ` (${n} days)`,
  from: (d) => `from ${d}`,
  toKeep: (cost, how) => `to keep it: ${cost} — ${how}`,
};

const TEXT_ZH = {
  title: "如果不做任何操作，接下来会怎样",
  autoRenew: "开通自动续费",
  balance: "可用于自动续费的余额",
  keep: (cost, keepUntil, usableUntil) => `保留至 ${keepUntil} 需支付 ${cost}；可正常使用至 ${usableUntil}。`,
  now: "现在",
  days: (n) => `（${n} 天）`,
  from: (d) => `自 ${d} 起`,
  toKeep: (cost, how) => `如需保留：${cost}，${how}`,
};

export const TEXT_BY_LANG = { en: TEXT_EN, "zh-CN": TEXT_ZH };
const TEXT = String(lang).startsWith("zh") ? TEXT_ZH : TEXT_EN;

const say = (item, name) => plain(renderText(item, name, lang));
const day = (t) => (t ? String(t).slice(0, 10) : "");
const when = (t) => String(t).slice(0, 16).replace("T", " ");

/** The request for the view's state: the last order's end is the expiry, the picked day today. */
export function timelineRequest(s) {
  const last = Array.isArray(s.orders) && s.orders.length ? s.orders[s.orders.length - 1] : {};
  const req = { expiry: last?.end, prices: s.prices, today: s.date };
  if (s.autoRenew) {
    // Renewed by the month or the year, as the resource was bought (003 §3.2.3.1).
    req.autoRenewal = {};
    if (last?.term) req.purchaseTerm = last.term;
  } else if (s.renewTerm) {
    req.renewTerm = s.renewTerm;
  }
  if (s.balance !== undefined && s.balance !== "") req.cashBalance = s.balance;
  return req;
}

/** The box and its two settings (auto-renewal on, the balance it may draw on). */
export function mountTimeline() {
  const list = el("ol", { className: "timeline-list" });
  const events = el("ul", { className: "timeline-events" });
  const total = el("p", { className: "timeline-keep" });
  const error = el("p", { className: "card-error", attrs: { role: "status" } });
  const settings = el("div", { className: "fields" });
  const box = el(
    "section",
    { className: "timeline", attrs: { "aria-labelledby": "timeline-title" } },
    el("h2", { id: "timeline-title" }, TEXT.title),
    settings,
    total,
    list,
    events,
    error,
  );

  function controls(state, onChange) {
    settings.replaceChildren(
      field(state, { path: "autoRenew", label: TEXT.autoRenew, kind: "bool", onChange }),
      field(state, { path: "balance", label: TEXT.balance, kind: "money", optional: true, onChange }),
    );
  }

  function render(state) {
    const req = timelineRequest(state);
    let a;
    try {
      a = billcalc.resourceTimeline(req);
    } catch (e) {
      if (!(e && typeof e === "object" && "code" in e)) throw e;
      list.replaceChildren();
      events.replaceChildren();
      total.textContent = "";
      const n = Math.max(0, (state.orders?.length ?? 1) - 1);
      const path = mapPath(e.path, { expiry: `orders[${n}].end`, prices: "prices", renewTerm: "renewTerm", today: "date", autoRenewal: "autoRenew", cashBalance: "balance", "": "" });
      // In English the code and the message; in another language its sentence, the English and
      // the code on a details line.
      if (lang === "en") error.textContent = `${e.code}: ${e.message}`;
      else {
        const plain = plainError(e, wordsFor(lang));
        error.replaceChildren(plain.text, el("span", { className: "error-code" }, plain.details));
      }
      return { code: e.code, message: e.message, path };
    }
    error.textContent = "";
    total.textContent = a.costToKeep === null ? "" : TEXT.keep(show(a.costToKeep), day(a.keepUntil), day(a.usableUntil));
    list.replaceChildren(
      ...a.periods.map((p) => {
        const item = el(
          "li",
          { className: `state ${p.state}` },
          el("strong", {}, say(p, "label")),
          el("span", { className: "dates" }, p.to ? `${day(p.from) || TEXT.now} – ${day(p.to)}${p.days ? TEXT.days(p.days) : ""}` : TEXT.from(day(p.from))),
          el("span", { className: "works" }, say(p, "works")),
          el("span", { className: "keep" }, p.costToKeep === null ? say(p, "howToKeep") : TEXT.toKeep(show(p.costToKeep), say(p, "howToKeep"))),
        );
        item.dataset.state = p.state;
        if (p.state === a.stateToday) item.setAttribute("aria-current", "date");
        return item;
      }),
    );
    events.replaceChildren(...a.events.map((e) => el("li", {}, el("time", { attrs: { datetime: e.at } }, when(e.at)), ` ${say(e, "what")}`)));
    return null;
  }

  return { box, controls, render };
}

/** A state's words as a customer reads them: the guide's section references ("(003 §3.2.1)",
 * "rules.md A27") stay in the answer and under "How it was computed", not in the timeline. */
function plain(text) {
  return String(text ?? "")
    .replace(/\s*[(（](?:[^()（）]*?\b)?(?:\d{3} §|rules\.md )[^()（）]*[)）]/g, "")
    .replace(/\s*(?:\d{3} §[\d.]+(?:, §[\d.]+)*|rules\.md A\d+):?\s*/g, " ")
    .trim();
}
