// Renders the page's default view at build time, so its first figure arrives with the first paint:
// the Checkout view's sample, computed by the same engine (the built wasm package, its Node entry
// pkg/billcalc-node.js) and drawn by the page's own code (www/checkout.js, js/receipt.js) into a
// DOM in Node (happy-dom), then written into the built page, dist/index.html — served at / by
// scripts/serve.mjs. What is written is the view exactly as the script leaves it at its first
// frame (the receipt with its breakdown; the cart form follows a frame later, as it does live), so
// when dist/app.js takes the view over (one synchronous replaceChildren, no frame in between) the
// screen does not change.
//
// The receipt's shadow root is written as a declarative one (<template shadowrootmode="open">)
// with its sheet inline; the page's inline script and that sheet are allowed by their hashes
// in the page's Content-Security-Policy (the server repeats the page's policy as its header).
//
// The head's inline script (www/index.html) decides before the first paint whether the sample may
// show: only for the sample itself (no hash, `#checkout`, or the very hash the page writes for the
// sample) and in the language it was rendered in (English: `?lang=`, then localStorage
// `billcalc.lang`, then the browser's language, as the page chooses). A shared link's own request
// never shows the sample's figures, not even for a frame: `html:not([data-boot=sample])
// [data-prerendered]` is display: none (www/style.css).
//
// Run by scripts/bundle-page.mjs after the page's bundle; `node scripts/prerender.mjs` alone
// re-renders.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (p) => join(root, p);

/** The language the prerendered HTML is in (the page's default). */
export const PRERENDER_LANG = "en";

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// The page's views and the package, bundled for Node: the package resolves to its Node entry (the
// same .wasm, instantiated synchronously).
async function loadViews(dir) {
  const nodeEntry = at("pkg/billcalc-node.js");
  const out = await build({
    stdin: {
      contents: `export { mountCheckout } from "./www/checkout.js"; export * as billcalc from "./js/browser.js"; import "./js/receipt.js";`,
      resolveDir: root,
      sourcefile: "prerender-entry.js",
    },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "warning",
    plugins: [
      {
        name: "package-for-node",
        setup(b) {
          b.onResolve({ filter: /(^|\/)js\/browser\.js$|^\.\/browser\.js$/ }, () => ({ path: nodeEntry, external: true }));
        },
      },
    ],
  });
  const file = join(dir, "views.mjs");
  writeFileSync(file, out.outputFiles[0].text);
  return import(pathToFileURL(file).href);
}

// A browser's globals from a happy-dom window, put on globalThis while the views render and
// taken off after (the build may run inside the test process).
function installWindow(window) {
  const saved = new Map();
  const put = (k, v) => {
    saved.set(k, Object.getOwnPropertyDescriptor(globalThis, k));
    Object.defineProperty(globalThis, k, { value: v, configurable: true, writable: true });
  };
  // The receipt's sheet is adopted (CSSStyleSheet.replaceSync): keep its text to write it inline.
  class Sheet extends window.CSSStyleSheet {
    replaceSync(text) {
      this.sourceText = text;
      return super.replaceSync(text);
    }
  }
  const forced = {
    window,
    document: window.document,
    navigator: window.navigator,
    location: window.location,
    localStorage: window.localStorage,
    sessionStorage: window.sessionStorage,
    CSSStyleSheet: Sheet,
    Event: window.Event,
    CustomEvent: window.CustomEvent,
    EventTarget: window.EventTarget,
    requestAnimationFrame: window.requestAnimationFrame.bind(window),
    cancelAnimationFrame: window.cancelAnimationFrame.bind(window),
  };
  for (const [k, v] of Object.entries(forced)) put(k, v);
  for (const k of Object.getOwnPropertyNames(window)) {
    if (k in globalThis || k.startsWith("_")) continue;
    let v;
    try {
      v = window[k];
    } catch {
      continue;
    }
    put(k, typeof v === "function" && !/^[A-Z]/.test(k) ? v.bind(window) : v);
  }
  return () => {
    for (const [k, d] of saved) {
      if (d) Object.defineProperty(globalThis, k, d);
      else delete globalThis[k];
    }
  };
}

/** The Checkout view's first frame, as HTML, and the hashes the page writes for the sample. */
async function renderCheckout(views, window) {
  const document = window.document;
  const mount = document.createElement("div");
  document.body.append(mount);
  const sampleHashes = [];
  const hooks = {
    saveHash: (state) => sampleHashes.push(`#${encodeURIComponent(JSON.stringify(state))}`),
    firstFigure() {},
    measureRedraw() {},
    tabKeys() {},
    billcalc: views.billcalc,
  };
  views.mountCheckout(mount, hooks).show();
  const receipt = mount.querySelector("billcalc-receipt");
  const shadow = receipt?.shadowRoot;
  const total = shadow?.querySelector('[data-figure="total"]');
  if (!total || !/\d/.test(total.textContent)) throw new Error("prerender: the sample's receipt has no total");
  // The breakdown, filled (it is filled on first opening) and left closed, as the script shows it.
  for (const d of shadow.querySelectorAll("details")) {
    d.open = true;
    d.dispatchEvent(new window.Event("toggle"));
    d.open = false;
  }
  const css = shadow.adoptedStyleSheets.map((s) => s.sourceText ?? "").join("\n");
  const style = document.createElement("style");
  style.textContent = css;
  shadow.prepend(style);
  // Element Timing: the e2e timing test reads when the browser painted it.
  total.setAttribute("elementtiming", "billcalc-first-figure");
  for (const child of mount.children) child.setAttribute("data-prerendered", PRERENDER_LANG);
  const html = mount.getHTML({ shadowRoots: [shadow] });
  return { html, css, total: total.textContent, sampleHashes: [...new Set(sampleHashes)] };
}

/** Renders the default view into the built page, dist/index.html. */
export async function prerender() {
  const dir = mkdtempSync(join(tmpdir(), "billcalc-prerender-"));
  const { Window } = await import("happy-dom");
  const window = new Window({
    url: `http://127.0.0.1/?lang=${PRERENDER_LANG}`,
    width: 1280,
    height: 900,
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, navigator: { userAgent: "billcalc-prerender" } },
  });
  const uninstall = installWindow(window);
  let checkout;
  try {
    const views = await loadViews(dir);
    checkout = await renderCheckout(views, window);
  } finally {
    uninstall();
    await window.happyDOM?.abort?.();
    window.close?.();
    rmSync(dir, { recursive: true, force: true });
  }

  let page = readFileSync(at("www/index.html"), "utf8");
  const put = (marker, text) => {
    if (!page.includes(marker)) throw new Error(`prerender: www/index.html has no ${marker}`);
    page = page.replace(marker, () => text);
  };
  put("<!-- prerender:checkout -->", checkout.html);
  put("/*prerender:sample-hashes*/[]", JSON.stringify(checkout.sampleHashes));
  put("/*prerender:lang*/\"en\"", JSON.stringify(PRERENDER_LANG));
  // Every inline script and sheet of the built page, allowed by its hash.
  const scripts = [...page.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => sha256(m[1]));
  const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => sha256(m[1]));
  page = page.replace(/(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")/, (_, a, csp, b) => {
    const next = csp
      .replace(/script-src ([^;]*)/, (_m, v) => `script-src ${v} ${[...new Set(scripts)].join(" ")}`)
      .replace(/style-src ([^;]*)/, (_m, v) => `style-src ${v} ${[...new Set(styles)].join(" ")}`);
    return `${a}${next}${b}`;
  });
  mkdirSync(at("dist"), { recursive: true });
  writeFileSync(at("dist/index.html"), page);
  return { bytes: Buffer.byteLength(page), total: checkout.total, sampleHashes: checkout.sampleHashes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await prerender();
  console.log(`prerendered dist/index.html (${(r.bytes / 1024).toFixed(1)} KB): the sample's receipt, to pay ${r.total}`);
}
