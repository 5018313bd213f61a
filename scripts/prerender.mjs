// Renders the page's sample views at build time, so the first figure arrives with the first paint:
// the Checkout and My resource samples, computed by the same engine (the built wasm package, its
// Node entry pkg/billcalc-node.js) and drawn by the page's own code (www/checkout.js,
// www/resource.js, js/receipt.js) into a DOM in Node (happy-dom), once per language the page
// speaks (js/messages.js LANGUAGES: English and 简体中文, each copy marked lang="…"), then written
// into the built page, dist/index.html — served at / by scripts/serve.mjs. What is written is each
// view exactly as the script leaves it at its first frame (the receipt with its breakdown, filled and closed; the
// cart form follows a frame later, as it does live), so when dist/app.js takes a view over (the
// mount's children replaced and computed in one task, no frame in between) the screen does not
// change. The forms' values are written as attributes, and the fields' generated ids prefixed.
//
// The receipt's shadow root is written as a declarative one (<template shadowrootmode="open">)
// with its sheet inline; the page's inline script and that sheet are allowed by their hashes in
// the page's Content-Security-Policy (the server repeats the page's policy as its header).
//
// The head's inline script (www/index.html) decides before the first paint in which language the
// page is, by the page's own rule (www/i18n.js chosenLanguage, its text written in here with what
// it names: declared once), and which sample may show (`html[data-boot]`): only the one the
// address opens (no hash, `#checkout`, `#resource`, or the very state the page writes for a
// sample, recorded here). As the parser puts the copies in, it takes the other languages' out and
// puts the page's own words (data-i18n, from www/i18n.js CHROME, written in here) in the page's
// language, before any frame. A shared link's own request never shows a sample's figures, not
// even for a frame: `html:not([data-boot=checkout]) [data-prerendered=checkout]` is display: none
// (www/style.css), and so for My resource.
//
// Run by scripts/bundle-page.mjs after the page's bundle; `node scripts/prerender.mjs` alone
// re-renders.
import { build } from "esbuild";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { runInNewContext } from "node:vm";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (p) => join(root, p);

const sha256 = (text) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

// The page's views and the package, bundled for Node: the package resolves to its Node entry (the
// same .wasm, instantiated synchronously). Written once, imported once per language (the page's
// language is read as its modules load).
async function bundleViews(dir) {
  const nodeEntry = at("pkg/billcalc-node.js");
  const out = await build({
    stdin: {
      contents: [
        `export { mountCheckout } from "./www/checkout.js";`,
        `export { mountResource } from "./www/resource.js";`,
        `export * as billcalc from "./js/browser.js";`,
        `import "./js/receipt.js";`,
      ].join("\n"),
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
  return file;
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

// What the DOM holds as properties only (an input's value, a box ticked, an option chosen), written
// as the attributes the parser will read back.
function reflectFormState(root) {
  for (const i of root.querySelectorAll("input")) {
    if (i.type === "checkbox" || i.type === "radio") i.toggleAttribute("checked", i.checked);
    else i.setAttribute("value", i.value);
  }
  for (const s of root.querySelectorAll("select")) for (const o of s.options) o.toggleAttribute("selected", o.value === s.value);
  for (const t of root.querySelectorAll("textarea")) t.textContent = t.value;
}

// The fields' generated ids (ui.js nextId: f-1, err-2, f-3-hint…) prefixed, with every reference
// to them: the view the script draws first numbers its own from 1 while this one is still there.
const GENERATED = /^[a-z]+-\d+(-[a-z]+)?$/;
function prefixIds(root, prefix) {
  const re = (v) => v.split(/\s+/).map((t) => (GENERATED.test(t) ? `${prefix}${t}` : t)).join(" ");
  for (const e of root.querySelectorAll("*")) {
    for (const a of ["id", "for", "aria-describedby", "aria-labelledby", "aria-controls"]) {
      const v = e.getAttribute(a);
      if (v) e.setAttribute(a, re(v));
    }
  }
}

/** One view's first frame, as HTML (the mount's children, marked data-prerendered="<view>"), and
 * the hashes the page writes for its sample. */
function renderView(window, name, mountView, billcalc, lang) {
  const document = window.document;
  const mount = document.createElement("div");
  document.body.append(mount);
  const hashes = [];
  const hooks = {
    saveHash: (state) => hashes.push(`#${encodeURIComponent(JSON.stringify(state))}`),
    firstFigure() {},
    measureRedraw() {},
    tabKeys() {},
    billcalc,
  };
  mountView(mount, hooks).show();
  const shadowRoots = [];
  for (const receipt of mount.querySelectorAll("billcalc-receipt")) {
    const shadow = receipt.shadowRoot;
    // The breakdown, filled (it is filled on first opening) and left closed, as the script shows it.
    for (const d of shadow.querySelectorAll("details")) {
      d.open = true;
      d.dispatchEvent(new window.Event("toggle"));
      d.open = false;
    }
    const style = document.createElement("style");
    style.textContent = shadow.adoptedStyleSheets.map((s) => s.sourceText ?? "").join("\n");
    shadow.prepend(style);
    shadowRoots.push(shadow);
  }
  reflectFormState(mount);
  prefixIds(mount, `pre-${lang}-${name}-`);
  for (const child of mount.children) {
    child.setAttribute("data-prerendered", name);
    child.setAttribute("lang", lang);
  }
  const html = mount.getHTML({ shadowRoots });
  mount.remove();
  return { html, hashes: [...new Set(hashes)] };
}

function renderViews(views, window, lang) {
  const checkout = renderView(window, "checkout", views.mountCheckout, views.billcalc, lang);
  const total = /data-figure="total"[^>]*>([^<]*)</.exec(checkout.html)?.[1];
  if (!total || !/\d/.test(total)) throw new Error(`prerender: the sample's receipt has no total (${lang})`);
  const resource = renderView(window, "resource", views.mountResource, views.billcalc, lang);
  if (!/data-figure="refund"[^>]*>[^<]*\d/.test(resource.html)) throw new Error(`prerender: My resource's sample has no refund (${lang})`);
  return { checkout, resource, total };
}

/** Both samples in `lang`: the views' modules loaded afresh in a window whose address asks for it. */
async function renderIn(lang, file) {
  const { Window } = await import("happy-dom");
  const window = new Window({
    url: `http://127.0.0.1/?lang=${encodeURIComponent(lang)}`,
    width: 1280,
    height: 900,
    settings: { disableJavaScriptFileLoading: true, disableCSSFileLoading: true, disableIframePageLoading: true, navigator: { userAgent: "billcalc-prerender" } },
  });
  window.document.documentElement.lang = lang;
  const uninstall = installWindow(window);
  try {
    const views = await import(`${pathToFileURL(file).href}?lang=${encodeURIComponent(lang)}`);
    return renderViews(views, window, lang);
  } finally {
    uninstall();
    await window.happyDOM?.abort?.();
    window.close?.();
  }
}

/** The page's language rule for the head script: www/i18n.js chosenLanguage's own text, with what
 * it names (the package's LANGUAGES and pickLanguage, the storage key). */
function languageRule(i18n, messages) {
  const rule = [
    `const LANGUAGES = ${JSON.stringify(messages.LANGUAGES)}, STORE = ${JSON.stringify(i18n.STORE)};`,
    String(messages.pickLanguage),
    String(i18n.chosenLanguage),
  ].join("\n");
  // The text on its own (a head script that threw would show no sample): the same answers as the page.
  const run = (search, kept, languages) =>
    runInNewContext(`${rule}\nchosenLanguage();`, {
      URLSearchParams,
      location: { search },
      localStorage: { getItem: (k) => (k === i18n.STORE ? kept : null) },
      navigator: { languages, language: languages[0] },
    });
  for (const [args, want] of [
    [["?lang=zh-CN", "en", ["en-US"]], "zh-CN"],
    [["?lang=fr", "zh-CN", ["en-US"]], "zh-CN"],
    [["", null, ["fr-FR", "zh-TW", "en"]], "zh-CN"],
    [["", null, ["de-DE", "en-GB", "zh-CN"]], "en"],
  ]) {
    const got = run(...args);
    if (got !== want) throw new Error(`prerender: the head's language rule gives ${got} for ${JSON.stringify(args)}, not ${want}`);
  }
  return rule;
}

/** The page's own words (its data-i18n elements, data-i18n-label names, its title) in each
 * language but the one the page is written in: what the head script puts in before any frame. */
function chromeWords(page, chrome) {
  const own = /<html lang="([^"]+)"/.exec(page)?.[1];
  const keys = new Set(["title", ...[...page.matchAll(/data-i18n(?:-label)?="([^"]+)"/g)].map((m) => m[1])]);
  const words = {};
  for (const [lang, table] of Object.entries(chrome)) {
    if (lang === own) continue;
    words[lang] = Object.fromEntries([...keys].filter((k) => table[k] !== undefined).map((k) => [k, table[k]]));
  }
  return words;
}

/** Renders the sample views, in every language the page speaks, into the built page,
 * dist/index.html. */
export async function prerender() {
  const messages = await import("../js/messages.js");
  const i18n = await import("../www/i18n.js");
  const dir = mkdtempSync(join(tmpdir(), "billcalc-prerender-"));
  const rendered = {};
  try {
    const file = await bundleViews(dir);
    for (const lang of messages.LANGUAGES) rendered[lang] = await renderIn(lang, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const all = Object.values(rendered);

  let page = readFileSync(at("www/index.html"), "utf8");
  const put = (marker, text) => {
    if (!page.includes(marker)) throw new Error(`prerender: www/index.html has no ${marker}`);
    page = page.replace(marker, () => text);
  };
  const words = chromeWords(page, i18n.CHROME);
  put("<!-- prerender:checkout -->", all.map((r) => r.checkout.html).join(""));
  put("<!-- prerender:resource -->", all.map((r) => r.resource.html).join(""));
  // The hashes that open a sample: the view's name, and the state the page writes for it.
  const samples = { "": "checkout", "#": "checkout", "#checkout": "checkout", "#resource": "resource" };
  for (const r of all) {
    for (const h of r.checkout.hashes) samples[h] = "checkout";
    for (const h of r.resource.hashes) samples[h] = "resource";
  }
  put("/*prerender:samples*/{}", JSON.stringify(samples));
  put("/*prerender:chrome*/{}", JSON.stringify(words));
  put("/*prerender:language-rule*/", languageRule(i18n, messages));
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
  const gzip = gzipSync(page, { level: 9 }).length;
  const totals = Object.fromEntries(Object.entries(rendered).map(([lang, r]) => [lang, r.total]));
  return { bytes: Buffer.byteLength(page), gzip, total: rendered.en?.total ?? all[0].total, totals, samples };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await prerender();
  const totals = Object.entries(r.totals).map(([lang, t]) => `${lang} ${t}`).join(", ");
  console.log(`prerendered dist/index.html (${(r.bytes / 1024).toFixed(1)} KB, ${(r.gzip / 1024).toFixed(1)} KB gzip): the samples of Checkout (to pay: ${totals}) and My resource`);
}
