// Tested as a customer: every view (Checkout, My resource, All calculations) at 1280 and 390 px
// wide, in both languages (`?lang=en`, `?lang=zh-CN`; the page chooses its language from that
// parameter, then localStorage `billcalc.lang`, then the browser's): a screenshot kept as a test
// artefact under test-results/screenshots/ (git-ignored; named <view>-<width>-<lang>.png, listed in
// the output), no sideways scrolling at 390 px, and an accessibility audit (axe-core, injected from
// the test) that fails on serious or critical violations and prints the rest. The audit runs in a
// context that bypasses the page's CSP, which (rightly) refuses the injected script everywhere
// else (see page.test.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, results, serve, stop } from "./harness.mjs";
import { OPERATIONS } from "../../js/exports.js";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

let server, base, browser;
const report = [];
const shots = join(results, "screenshots");
mkdirSync(shots, { recursive: true });
const saved = [];

/** A screenshot kept as a test artefact, its name printed. */
async function screenshot(page, name) {
  const path = join(shots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  saved.push(`test-results/screenshots/${name}.png`);
  console.log(`screenshot: test-results/screenshots/${name}.png`);
}

before(async () => {
  ({ server, base } = await serve());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  writeFileSync(join(results, "axe.json"), JSON.stringify(report, null, 1));
  writeFileSync(join(shots, "index.txt"), `${saved.join("\n")}\n`);
  console.log(`${saved.length} screenshots under test-results/screenshots/ (listed in index.txt)`);
  await browser?.close();
  await stop(server);
});

const VIEWS = [
  ["checkout", "#checkout"],
  ["resource", "#resource"],
  ["calculations", "#calculations"],
];

async function open(width, hash, path = "", lang = "") {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, bypassCSP: true, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${base}${path}${lang ? `?lang=${lang}` : ""}${hash}`);
  await page.waitForFunction(() => document.body.dataset.ready === "true" || document.querySelector("billcalc-receipt")?.shadowRoot?.childElementCount > 0);
  // The frame after the first figure: the Checkout form is built then.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30)))));
  return { context, page };
}

async function audit(page, name) {
  await page.addScriptTag({ path: AXE });
  const r = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  const found = r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  report.push({ view: name, violations: found });
  const line = found.length ? found.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`).join(", ") : "none";
  console.log(`axe ${name}: ${line}`);
  const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(bad, [], `${name}: serious or critical accessibility violations`);
}

const LANGS = ["en", "zh-CN"];

for (const lang of LANGS) {
  for (const width of [1280, 390]) {
    for (const [name, hash] of VIEWS) {
      test(`${name} at ${width} px, ${lang}: screenshot, fits the width, axe audit`, async () => {
        const { context, page } = await open(width, hash, "", lang);
        await screenshot(page, `${name}-${width}-${lang}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at ${width} px (${lang})`);
        await audit(page, `${name} @${width} ${lang}`);
        await context.close();
      });
    }
    test(`the embedding example at ${width} px, ${lang}: screenshot, axe audit`, async () => {
      const { context, page } = await open(width, "", "embed.html", lang);
      await screenshot(page, `embed-${width}-${lang}`);
      await audit(page, `embed @${width} ${lang}`);
      await context.close();
    });
  }
}

// The built page as it is painted before the script runs (dist/app.js held back): the prerendered
// sample in each language (the other language's copy taken out by the head script), audited and
// kept as a screenshot too.
for (const lang of LANGS) {
  for (const width of [1280, 390]) {
    test(`the prerendered page at ${width} px, ${lang}, before the script: screenshot, axe audit`, async () => {
      const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, bypassCSP: true, serviceWorkers: "block" });
      const page = await context.newPage();
      await page.route("**/dist/app.js", (r) => r.abort());
      await page.goto(`${base}?lang=${lang}`);
      await page.waitForLoadState("load");
      const state = await page.evaluate(() => ({
        boot: document.documentElement.dataset.boot,
        langs: [...new Set([...document.querySelectorAll("[data-prerendered]")].map((e) => e.lang))],
      }));
      assert.deepEqual(state, { boot: "checkout", langs: [lang] });
      await screenshot(page, `checkout-prerendered-${width}-${lang}`);
      await audit(page, `prerendered checkout @${width} ${lang}`);
      await context.close();
    });
  }
}

test("a screenshot of each calculator (All calculations) at 1280 px", async () => {
  const { context, page } = await open(1280, "#calculations", "", "en");
  const ops = await page.$$eval("#tabs button", (bs) => bs.map((b) => b.dataset.op));
  assert.equal(ops.length, OPERATIONS.length, "one calculator per operation");
  for (const op of ops) {
    await page.click(`#tabs button[data-op="${op}"]`);
    await screenshot(page, `calculations-${op}-1280-en`);
  }
  await context.close();
});
