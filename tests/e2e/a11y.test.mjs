// Every view at 1280 and 390 px wide: a screenshot saved under test-results/, no sideways scrolling
// at 390 px, and an accessibility audit (axe-core, injected from the test) that fails on serious or
// critical violations and prints the rest. The audit runs in a context that bypasses the page's
// CSP, which (rightly) refuses the injected script everywhere else (see page.test.mjs).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, results, serve, stop } from "./harness.mjs";
import { OPERATIONS } from "../../js/exports.js";

const require = createRequire(import.meta.url);
const AXE = require.resolve("axe-core/axe.min.js");

let server, base, browser;
const report = [];

before(async () => {
  ({ server, base } = await serve());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  writeFileSync(join(results, "axe.json"), JSON.stringify(report, null, 1));
  await browser?.close();
  await stop(server);
});

const VIEWS = [
  ["checkout", "#checkout"],
  ["resource", "#resource"],
  ["calculations", "#calculations"],
];

async function open(width, hash, path = "") {
  const context = await browser.newContext({ viewport: { width, height: width < 500 ? 844 : 900 }, bypassCSP: true, serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${base}${path}${hash}`);
  await page.waitForFunction(() => document.body.dataset.ready === "true" || document.querySelector("billcalc-receipt")?.shadowRoot?.childElementCount > 0);
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

for (const width of [1280, 390]) {
  for (const [name, hash] of VIEWS) {
    test(`${name} at ${width} px: screenshot, fits the width, axe audit`, async () => {
      const { context, page } = await open(width, hash);
      await page.screenshot({ path: join(results, `${name}-${width}.png`), fullPage: true });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow} px at ${width} px`);
      await audit(page, `${name} @${width}`);
      await context.close();
    });
  }
  test(`the embedding example at ${width} px: screenshot, axe audit`, async () => {
    const { context, page } = await open(width, "", "embed.html");
    await page.screenshot({ path: join(results, `embed-${width}.png`), fullPage: true });
    await audit(page, `embed @${width}`);
    await context.close();
  });
}

test("a screenshot of each calculator (All calculations) at 1280 px", async () => {
  const { context, page } = await open(1280, "#calculations");
  const ops = await page.$$eval("#tabs button", (bs) => bs.map((b) => b.dataset.op));
  assert.equal(ops.length, OPERATIONS.length, "one calculator per operation");
  for (const op of ops) {
    await page.click(`#tabs button[data-op="${op}"]`);
    await page.screenshot({ path: join(results, `calculations-${op}.png`), fullPage: true });
  }
  await context.close();
});
