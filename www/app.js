// The page: three views over the billcalc package — Checkout (a cart and its receipt), My resource
// (what each move on a resource gives on a picked day) and All calculations (one form per
// operation). No billing rule lives here: every figure, formula and refusal comes from the
// package (the same build users import).
//
// Built with the package into one module (dist/app.js, scripts/bundle-page.mjs) so no chain of
// imports stands between the page and the .wasm; the calculators and their sample catalog are
// a chunk of their own, fetched once the first figure is painted. What makes the first figure
// fast: the built page already holds the sample's receipt (scripts/prerender.mjs), which the
// first view replaces with the same content in one step; the package is instantiated from the
// module index.html's inline script has been compiling while everything downloaded (./wasm.js,
// imported first), the first view computes as soon as it is, and the Checkout form is built
// after the receipt is on screen.
import "./wasm.js";
import * as billcalc from "../js/browser.js";
import "../js/receipt.js";
import { mountCheckout } from "./checkout.js";
import { mountResource } from "./resource.js";
import { $, tabKeys, measureRedraw, money, orderEnd } from "./ui.js";
import { plainError } from "../js/receipt-model.js";
import { applyChrome, t } from "./i18n.js";

applyChrome();

const loadCalculators = () => import("./calculators.js").then((m) => m.mountCalculators);
const MOUNT = { checkout: mountCheckout, resource: mountResource, calculations: null };
const VIEWS = Object.keys(MOUNT);
const mounted = {};
let active = null;
let shown = false;

const hooks = {
  // The whole state is in the address, so a preview can be shared as a link.
  saveHash(state) {
    const hash = `#${encodeURIComponent(JSON.stringify(state))}`;
    if (location.hash !== hash) history.replaceState(null, "", hash);
  },
  // Marks when the first figure is in the page (the e2e suite reads it) — unless the built page
  // already had it (the prerendered sample marks it as it is parsed) — and that the script has
  // taken the view over (body[data-ready]).
  firstFigure() {
    if (shown) return;
    shown = true;
    const mark = (name) => performance.getEntriesByName(name).length || performance.mark(name);
    mark("billcalc:first-figure");
    document.body.dataset.ready = "true";
    document.documentElement.dataset.live = "";
    // …and once it is painted (the frame after it), which is when the rest may load.
    requestAnimationFrame(() =>
      setTimeout(() => {
        mark("billcalc:first-figure-painted");
        loadCalculators().catch(() => {});
      }),
    );
  },
  measureRedraw,
  tabKeys,
  billcalc,
  // A refusal and an amount in a customer's words (js/receipt-model.js), for the calculators.
  plainError,
  money,
  orderEnd,
};

// What a shared link may hold: nesting no deeper than any request needs, a cart of at most 30
// items (003 §3.1.1, as the package refuses), and no empty cart.
const MAX_DEPTH = 16;
const MAX_ITEMS = 30;

/** Why a link's state is refused before any form is built, or null (an iterative walk: a link
 * nested 10,000 deep must not exhaust the stack). */
function refusal(state) {
  const stack = [[state, 0]];
  while (stack.length) {
    const [v, d] = stack.pop();
    if (d > MAX_DEPTH) return t("linkDeep")(MAX_DEPTH);
    if (v && typeof v === "object") for (const x of Object.values(v)) stack.push([x, d + 1]);
  }
  const items = state?.view === "checkout" ? state.request?.items : undefined;
  if (Array.isArray(items) && items.length > MAX_ITEMS) return t("linkTooMany")(items.length, MAX_ITEMS);
  if (Array.isArray(items) && items.length === 0) return t("linkEmpty");
  return null;
}

/** Say why a link was not opened, above the views. */
function refuseLink(message) {
  let note = $("#link-refused");
  if (!note) {
    note = document.createElement("p");
    note.id = "link-refused";
    note.className = "link-refused";
    note.setAttribute("role", "alert");
    $("main").prepend(note);
  }
  note.textContent = t("linkRefused")(message);
}

// `#checkout`, `#resource`, `#calculations`; `#{"view":…,"request":…}`; `#{"op":…,"request":…}`
// (one operation, as the earlier page wrote its links). A refused link opens its view's sample.
function parseHash() {
  const raw = location.hash.slice(1);
  if (!raw) return null;
  if (VIEWS.includes(raw)) return { view: raw };
  let s;
  try {
    s = JSON.parse(decodeURIComponent(raw));
  } catch {
    refuseLink(t("linkUnreadable"));
    return null;
  }
  const st =
    s && typeof s.op === "string"
      ? { view: "calculations", op: s.op, request: s.request }
      : s && VIEWS.includes(s.view)
        ? { view: s.view, request: s.request }
        : null;
  const why = st && refusal(st);
  if (why) {
    refuseLink(why);
    return { view: st.view };
  }
  return st;
}

function reveal(view) {
  active = view;
  for (const v of VIEWS) {
    $(`#view-${v}`).hidden = v !== view;
    const tab = $(`#tab-${v}`);
    tab.setAttribute("aria-selected", String(v === view));
    tab.tabIndex = v === view ? 0 : -1;
  }
}

async function mount(view) {
  if (!mounted[view]) {
    MOUNT[view] ??= await loadCalculators();
    const section = $(`#view-${view}`);
    mounted[view] ??= MOUNT[view](section.querySelector(".mount") ?? section, hooks);
  }
  return mounted[view];
}

async function open(st) {
  reveal(st.view);
  const m = await mount(st.view);
  if (st.view === "calculations") m.show(st.op, st.request);
  else m.show(st.request);
}

const first = parseHash() ?? { view: "checkout" };
reveal(first.view);

for (const v of VIEWS) {
  $(`#tab-${v}`).addEventListener("click", () => {
    if (v === active) return;
    if (mounted[v]) {
      reveal(v);
      const s = mounted[v].hashState();
      if (s) hooks.saveHash(s);
    } else open({ view: v });
  });
}
tabKeys($("#view-tabs"));

window.addEventListener("hashchange", () => {
  const st = parseHash();
  if (!st) return;
  const m = mounted[st.view];
  const same =
    m && st.view === active && (st.view === "calculations" ? m.sameAs(st.op, st.request) : st.request === undefined || m.sameAs(st.request));
  if (!same) open(st);
});

await open(first);

if ("serviceWorker" in navigator) {
  // Offline support: registered once the page is loaded (the worker then caches the page, the
  // bundle and the .wasm).
  const register = () =>
    navigator.serviceWorker.register("./sw.js").catch(() => {
      // offline support is a bonus; the page works without it
    });
  if (document.readyState === "complete") register();
  else window.addEventListener("load", register, { once: true });
}
