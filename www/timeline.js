// What happens next to the resource if nothing is done (the package's resourceTimeline): each
// state from its first to its last day — in use, expired (grace), frozen (retention), released —
// what still works and what keeping the resource costs, with the auto-renewal attempts. Shown on
// My resource next to the what-if chart; every figure is the package's answer.
import * as billcalc from "../js/browser.js";
import { el, field, mapPath, show } from "./ui.js";

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
    el("h2", { id: "timeline-title" }, "What happens next if you do nothing"),
    settings,
    total,
    list,
    events,
    error,
  );

  function controls(state, onChange) {
    settings.replaceChildren(
      field(state, { path: "autoRenew", label: "auto-renewal on", kind: "bool", onChange }),
      field(state, { path: "balance", label: "balance for auto-renewal", kind: "money", optional: true, onChange }),
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
      error.textContent = `${e.code}: ${e.message}`;
      return { code: e.code, message: e.message, path };
    }
    error.textContent = "";
    total.textContent = a.costToKeep === null ? "" : `Keeping it costs ${show(a.costToKeep)} until ${day(a.keepUntil)}; it works until ${day(a.usableUntil)}.`;
    list.replaceChildren(
      ...a.periods.map((p) => {
        const item = el(
          "li",
          { className: `state ${p.state}` },
          el("strong", {}, p.label),
          el("span", { className: "dates" }, p.to ? `${day(p.from) || "now"} – ${day(p.to)}${p.days ? ` (${p.days} days)` : ""}` : `from ${day(p.from)}`),
          el("span", { className: "works" }, p.works),
          el("span", { className: "keep" }, p.costToKeep === null ? p.howToKeep : `to keep it: ${show(p.costToKeep)} — ${p.howToKeep}`),
        );
        item.dataset.state = p.state;
        if (p.state === a.stateToday) item.setAttribute("aria-current", "date");
        return item;
      }),
    );
    events.replaceChildren(...a.events.map((e) => el("li", {}, el("time", { attrs: { datetime: e.at } }, when(e.at)), ` ${e.what}`)));
    return null;
  }

  return { box, controls, render };
}
