// The embedding example (www/embed.html): <billcalc-receipt> from the package, given a checkout
// request as a JSON attribute and as a property, themed by its CSS custom properties, reporting
// refusals as events — under the same strict CSP as the page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import { ARGS, CHROMIUM, serve, stop } from "./harness.mjs";

let server, base, browser, context, page;
const errors = [];
const requests = [];

before(async () => {
  ({ server, base } = await serve());
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`${base}embed.html`);
  await page.waitForSelector('#live-receipt [data-figure="total"]');
});

after(async () => {
  await browser?.close();
  await stop(server);
});

const total = (id) => page.textContent(`#${id} [data-figure="total"]`);

test("the receipt given as a JSON attribute renders: lines, discount, voucher, tax, total, who pays", async () => {
  assert.equal(await total("static-receipt"), "$148.24", "formatted with its currency");
  const text = await page.$eval("#static-receipt", (r) => r.shadowRoot.textContent);
  assert.match(text, /Promotion spring × 0\.85/);
  assert.match(text, /Voucher welcome20/);
  assert.match(text, /GST 9 %/);
  assert.match(text, /Who pays/);
});

test("the receipt given as a property follows the edits, and reports refusals as events", async () => {
  const first = await total("live-receipt");
  assert.match(first, /^\d+\.\d\d$/, "no currency given: the locale's number format");
  await page.fill("#quantity", "5");
  const five = await total("live-receipt");
  assert.notEqual(five, first);
  assert.match(await page.textContent('#live-receipt [data-figure="line-0-list"]'), /^150\.00$/);
  assert.match(await page.textContent('#live-receipt [data-figure="display"]'), /^≈ €\d+\.\d\d$/);
  await page.fill("#quantity", "0");
  assert.match(await page.textContent("#live-error"), /^INVALID_NUMBER at items\[0\]\.quantity: /);
  assert.match(await page.$eval("#live-receipt", (r) => r.shadowRoot.textContent), /INVALID_NUMBER/);
  await page.fill("#quantity", "5");
  assert.equal(await page.textContent("#live-error"), "");
  assert.equal(await total("live-receipt"), five);
});

test("it is styled through its CSS custom properties", async () => {
  const color = (id) => page.$eval(`#${id}`, (r) => getComputedStyle(r.shadowRoot.querySelector('[data-figure="total"]')).color);
  assert.equal(await color("live-receipt"), "rgb(138, 59, 18)"); // --billcalc-accent: #8a3b12
  assert.equal(await color("static-receipt"), "rgb(11, 99, 206)"); // the default accent
  assert.match(await page.$eval("#live-receipt", (r) => getComputedStyle(r).fontFamily), /Georgia/);
});

test("a broken JSON attribute is a refusal shown in the element, not a crash", async () => {
  await page.$eval("#static-receipt", (r) => r.setAttribute("checkout", "{not json"));
  await page.waitForSelector('#static-receipt [part="error"]');
  assert.match(await page.textContent('#static-receipt [part="error"]'), /^The checkout attribute is not JSON.*Details: INVALID_INPUT$/);
});

test("same strict CSP, nothing leaves the page, nothing thrown", async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  assert.deepEqual(
    requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:")),
    [],
  );
  assert.deepEqual(errors, []);
});
