// The page in real headless Chromium (Debian's chromium driven by playwright-core): every view
// answers on first load, forms recompute, errors land next to their field, nothing leaves the
// page, it works offline, input is never executed, and a screenshot of each view is saved.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer } from "../../scripts/serve.mjs";

const shots = new URL("../../test-results/", import.meta.url).pathname;
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "billcalc-chromium-"));
let server, base, context, page;
const requests = [];
const dialogs = [];

before(async () => {
  server = await startServer(0);
  base = `http://127.0.0.1:${server.address().port}/`;
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
    viewport: { width: 1280, height: 900 },
  });
  context.on("request", (r) => requests.push(r.url()));
  page = context.pages()[0] ?? (await context.newPage());
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]");
});

after(async () => {
  await context?.close();
  server?.close();
  rmSync(profile, { recursive: true, force: true });
});

const main = () => page.textContent(".figure.main .v");
const tab = (op) => page.click(`nav button[data-op="${op}"]`);

const FIRST_LOAD = {
  unsubscribeRefund: "50.87",
  downgradeRefund: "10.00",
  upgradeCost: "25.40",
  expansionCost: "15.81",
  unifiedExpiry: "2023-05-01",
  quote: "30.00",
  switchToOnDemand: "50.87",
  reservedInstanceRefund: "19.00",
  usageCharge: "260.00",
  convertCurrency: "83.72",
  bestDiscount: "750.00",
  selectVoucher: "30.00",
  paymentSplit: "1700.00",
  consumptionQuota: "500.00",
  mergedPayment: "2012.62",
  billSummary: "46193.37",
  reservedPoolIdleFee: "259.20",
  taxInvoice: "100.00",
  autoRenewalSchedule: "2020-08-24T03:00:00+08:00",
  billRounding: "100.13",
  packageUsage: "8.50",
  packageRenewal: "2024-09-19T23:59:59+08:00",
};

test("every view answers on first load, with its breakdown; screenshot each", async () => {
  for (const [op, want] of Object.entries(FIRST_LOAD)) {
    await tab(op);
    assert.equal(await main(), want, op);
    const lines = await page.$$eval("#lines tbody tr", (rows) => rows.length);
    const facts = await page.$$eval("#facts tbody tr", (rows) => rows.length);
    assert.ok(lines + facts > 0, `${op} has a breakdown`);
    await page.screenshot({ path: join(shots, `${op}.png`), fullPage: true });
  }
});

test("the unsubscribe breakdown shows the document's figures and formulas", async () => {
  await tab("unsubscribeRefund");
  const text = await page.textContent("#lines");
  assert.match(text, /110\.00 × 14 \/ 32 = 48\.125 → 48\.13/);
  assert.match(text, /-11\.00/);
  assert.match(await page.textContent("#figures"), /48\.13/);
});

test("changing a field recomputes; the exact policy rounds once; the document policy gives the worked example", async () => {
  await tab("upgradeCost");
  await page.selectOption("#policy", "document");
  assert.equal(await main(), "25.38");
  await page.selectOption("#policy", "console");
  assert.equal(await main(), "25.40");
  assert.equal(await page.textContent('[data-figure="remainingPeriod"] .v'), "913/365 ≈ 2.50136986");
  await tab("unsubscribeRefund");
  await page.selectOption("#policy", "exact");
  assert.equal(await main(), "50.88");
  await page.selectOption("#policy", "console");
  await page.fill('#fields [name="date"]', "2022-08-29");
  assert.equal(await main(), "64.62"); // 110 − 110 × 10/32 (34.375 → 34.38) − 11.00
});

test("an error appears next to the field its path names", async () => {
  await tab("downgradeRefund");
  await page.fill('#orders [data-path="orders[0].end"]', "2018-10-01");
  const err = await page.textContent('td .field-error[data-error-for="orders[0].end"]');
  assert.match(err, /^INVALID_PERIOD: /);
  assert.ok(await page.$eval('[data-path="orders[0].end"]', (e) => e.classList.contains("invalid")));
  await page.fill('#orders [data-path="orders[0].end"]', "2018-11-30");
  assert.equal(await main(), "10.00");
  assert.equal(await page.$(".field-error"), null, "error cleared");
});

test("the what-if chart draws one point per day and clicking it picks a day", async () => {
  await tab("unsubscribeRefund");
  assert.equal(await page.getAttribute("#chart", "data-points"), "32");
  const box = await page.$("#chart");
  const bb = await box.boundingBox();
  await page.mouse.click(bb.x + bb.width * 0.3, bb.y + bb.height / 2);
  const date = await page.inputValue('#fields [name="date"]');
  assert.notEqual(date, "2022-09-02");
  assert.match(await main(), /^\d+\.\d\d$/);
});

test("state lives in the URL: a shared link restores the preview", async () => {
  await tab("downgradeRefund");
  await page.fill('#fields [name="discount"]', "0.9");
  const url = await page.evaluate(() => location.href);
  assert.match(decodeURIComponent(url), /"discount":"0.9"/);
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector("body[data-ready=true]");
  assert.equal(await other.inputValue('#fields [name="discount"]'), "0.9");
  assert.equal(await other.textContent(".figure.main .v"), "11.80"); // 28 − 90 × 0.2 × 0.9
  await other.close();
});

test("user input is never executed or rendered as HTML", async () => {
  await tab("unsubscribeRefund");
  const payload = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>`;
  await page.fill('#orders [data-path="orders[0].term"]', payload);
  await page.fill('#fields [name="handlingFeeRate"]', payload);
  await page.waitForTimeout(200);
  assert.deepEqual(dialogs, []);
  assert.equal(await page.$("#view img"), null, "no element was created from input");
  assert.match(await page.textContent(".field-error"), /UNKNOWN_TERM|INVALID_MONEY/);
  // JSON list fields: the payload as a voucher id is echoed in figures and the breakdown, as text.
  await tab("selectVoucher");
  const vouchers = [{ id: payload, balance: "20", validFrom: "2018-01-01", validTo: "2018-08-30" }];
  await page.fill('#fields [name="vouchers"]', JSON.stringify(vouchers));
  await page.waitForTimeout(200);
  assert.equal(await main(), "30.00");
  assert.match(await page.textContent("#view"), /onerror/);
  await page.fill('#fields [name="vouchers"]', payload);
  await page.waitForTimeout(200);
  assert.equal(await page.$("#view img"), null, "no element was created from input");
  assert.match(await page.textContent(".field-error"), /INVALID_INPUT/);
  assert.deepEqual(dialogs, []);
});

test("a strict Content-Security-Policy is present", async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
});

test("no request leaves the page, and it works offline after the first load", async () => {
  const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const before = requests.length;
  await new Promise((r) => server.close(r));
  server = null;
  await context.setOffline(true);
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await main(), "50.87");
  await tab("upgradeCost");
  assert.equal(await main(), "25.40");
  assert.ok(requests.slice(before).every((u) => u.startsWith(base)), "only same-origin requests, served by the worker");
});
