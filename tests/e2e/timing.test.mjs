// Timings, reported (printed and written to test-results/timings.json), not pass/fail — this
// machine is shared and its figures vary run to run:
// - navigation → first figure on screen, from a cold context (a fresh browser context: no cache,
//   no service worker), read from the page's own mark (`billcalc:first-figure`, set right after
//   the first receipt or figure is put in the page; `billcalc:first-figure-painted`, set in the
//   frame after, is printed too), with where the time went;
// - redraw after an edit: from the input event's time stamp to the result rendered (the page's
//   `billcalc:redraw:<view>` measures), for real key presses in each view.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, results, serve, stop } from "./harness.mjs";

let server, base, browser;
const report = {};
const RUNS = Number(process.env.BILLCALC_TIMING_RUNS ?? 11);

before(async () => {
  ({ server, base } = await serve());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  writeFileSync(join(results, "timings.json"), JSON.stringify(report, null, 1));
  await browser?.close();
  await stop(server);
});

const ms = (x) => `${x.toFixed(1)} ms`;
function summary(values) {
  const s = [...values].sort((a, b) => a - b);
  return { runs: s.length, min: s[0], median: s[s.length >> 1], max: s[s.length - 1] };
}
const line = (s) => `min ${ms(s.min)}, median ${ms(s.median)}, max ${ms(s.max)} (${s.runs} runs)`;

test("report: navigation → first figure, cold context", async () => {
  const runs = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await page.goto(base);
    await page.waitForFunction(() => performance.getEntriesByName("billcalc:first-figure-painted").length > 0);
    runs.push(
      await page.evaluate(() => {
        const at = (name) => performance.getEntriesByType("resource").find((e) => e.name.endsWith(name));
        const span = (e) => (e ? [Math.round(e.startTime), Math.round(e.responseEnd)] : null);
        const nav = performance.getEntriesByType("navigation")[0];
        return {
          firstFigure: performance.getEntriesByName("billcalc:first-figure")[0].startTime,
          painted: performance.getEntriesByName("billcalc:first-figure-painted")[0].startTime,
          html: Math.round(nav.responseEnd),
          wasm: span(at("/billcalc_bg.wasm")),
          bundle: span(at("/dist/app.js")),
          boot: span(at("/boot.js")),
          requests: performance.getEntriesByType("resource").length,
          wasmRequests: performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).length,
        };
      }),
    );
    await context.close();
  }
  const s = summary(runs.map((r) => r.firstFigure));
  const painted = summary(runs.map((r) => r.painted));
  const median = runs.find((r) => r.firstFigure === s.median);
  report.firstFigure = { ...s, painted, medianRun: median, runs };
  console.log(`first figure (navigation → receipt in the page, cold context): ${line(s)}`);
  console.log(`  … and the frame after it painted: ${line(painted)}`);
  console.log(
    `  median run: HTML ${median.html} ms; .wasm ${median.wasm?.join("–")} ms; dist/app.js ${median.bundle?.join("–")} ms; boot.js ${median.boot?.join("–")} ms; ${median.requests} requests`,
  );
  // The .wasm is requested with the page, not after a chain of imports, and once: the preload's
  // response is the one boot.js compiles.
  assert.ok(median.wasm && median.bundle && median.wasm[0] <= median.bundle[1], "the .wasm is requested before the page's module has arrived");
  assert.deepEqual([...new Set(runs.map((r) => r.wasmRequests))], [1], "one request for the .wasm");
});

test("report: redraw after an edit (input event → result rendered)", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const measures = (name) =>
    page.evaluate((name) => {
      const m = performance.getEntriesByName(`billcalc:redraw:${name}`).map((e) => e.duration);
      performance.clearMeasures(`billcalc:redraw:${name}`);
      return m;
    }, name);

  await page.goto(`${base}#checkout`);
  await page.waitForSelector("body[data-ready=true]");
  const q = page.locator('[data-path="items[0].quantity"]');
  await measures("checkout");
  for (let i = 0; i < 6; i++) {
    await q.press("End");
    await q.press("Backspace");
    await q.pressSequentially(String(2 + (i % 4)));
  }
  const checkout = await measures("checkout");

  await page.click("#tab-resource");
  await page.focus("#day-range");
  await measures("resource");
  for (let i = 0; i < 12; i++) await page.keyboard.press(i < 6 ? "ArrowRight" : "ArrowLeft");
  const resource = await measures("resource");

  await page.click("#tab-calculations");
  const rate = page.locator('#fields [name="handlingFeeRate"]');
  await measures("calculations");
  for (let i = 0; i < 6; i++) {
    await rate.fill("");
    await rate.pressSequentially(`0.${i + 1}`);
  }
  const calculations = await measures("calculations");
  await context.close();

  report.redraw = {};
  for (const [name, values] of Object.entries({ checkout, resource, calculations })) {
    assert.ok(values.length > 0, `${name}: edits were measured`);
    report.redraw[name] = summary(values);
    console.log(`redraw ${name} (${name === "resource" ? "day picker, 4 operations" : name === "checkout" ? "cart receipt" : "unsubscribe + its curve"}): ${line(report.redraw[name])}`);
  }
});
