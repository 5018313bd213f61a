// The page in real headless Chromium (Debian's chromium driven by playwright-core): every view
// answers on first load; the Checkout and My-resource views recompute on edits and put refusals
// next to the field their path names; the calculators under "All calculations" keep their
// worked examples; state lives in the address; nothing leaves the page, it works offline, input is
// never executed, and the CSP refuses inline script.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeBrowser, openBrowser, RECEIPT_TOTAL, stop } from "./harness.mjs";

const requests = [];
const dialogs = [];
let browser, base, context, page, pageErrors;

before(async () => {
  browser = await openBrowser();
  ({ base, context, page, pageErrors } = browser);
  context.on("request", (r) => requests.push(r.url()));
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss();
  });
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]");
});

after(() => closeBrowser(browser));

const view = (name) => page.click(`#tab-${name}`);
// The exact figure behind the main one (shown with its currency: "$1,700.00" is "1700.00").
const main = () => page.getAttribute("#view-calculations .figure.main", "data-value");
const tab = async (op) => {
  if (!(await page.isVisible("#view-calculations"))) await view("calculations");
  await page.click(`nav button[data-op="${op}"]`);
};
// The exact amount behind a figure shown with its currency ("$148.24" → "148.24").
const total = () => page.getAttribute(RECEIPT_TOTAL, "data-amount");
const card = (key) => page.getAttribute(`#view-resource [data-figure="${key}"]`, "data-amount");
// The receipt's text (its shadow root: Playwright's textContent of the host gives its light DOM).
const receiptText = () => page.$eval("billcalc-receipt", (r) => r.shadowRoot.textContent);
const fresh = async (hash = "") => {
  await page.goto("about:blank");
  await page.goto(`${base}${hash}`);
  await page.waitForSelector("body[data-ready=true]");
};

// ---------- every view on first load ----------

test("the page opens on Checkout, with a receipt: lines, discount and why, voucher, tax, total, who pays", async () => {
  await fresh();
  assert.equal(await page.getAttribute("#tab-checkout", "aria-selected"), "true");
  assert.equal(await total(), "148.24");
  const receipt = await receiptText();
  assert.match(receipt, /New purchase · ECS · ap-southeast-1 · 1 month × 2/);
  // A new resource has no earlier order, so the used promotion is not on offer for it (003 §3.3.2
  // ex. 1): business 0.9; the EVS renewal takes the promotion it used (003 §3.2.3.1).
  assert.match(receipt, /Business discount × 0\.9/);
  assert.match(receipt, /Business discount × 0\.9: chosen: charges \$54\.00, the lowest amount/, "the discount's reason");
  assert.match(receipt, /Promotion spring × 0\.85/);
  assert.match(receipt, /Voucher welcome20/);
  assert.match(receipt, /GST 9 %/);
  assert.match(receipt, /Who pays/);
  assert.equal(await page.textContent('billcalc-receipt [data-figure="pay-cash"]'), "$148.24");
  // Who pays adds up to the amount to pay: the vouchers are deducted above, not listed again.
  assert.equal(await page.$('billcalc-receipt [data-figure="pay-voucher"]'), null);
  // The sample cart is accepted whole: no refusal in the receipt or next to a field.
  assert.deepEqual(await page.$eval("billcalc-receipt", (r) => [r.error, r.answer.lines.filter((l) => l.error)]), [null, []]);
  assert.equal(await page.$("#view-checkout .field-error"), null);
  // No JSON where a customer looks: the Checkout view has no text areas.
  assert.equal(await page.$$eval("#view-checkout textarea", (t) => t.length), 0);
});

test("My resource answers on first load: refund, upgrade, downgrade and unified renewal side by side, the chart, compareTerms", async () => {
  await view("resource");
  assert.equal(await card("refund"), "50.87"); // 003 §3.4.2.2 example 1
  assert.equal(await card("upgrade"), "22.67");
  assert.equal(await card("downgrade"), "10.88");
  assert.equal(await card("unified"), "156.25");
  const refusals = await page.$$eval("#view-resource .card-error, #view-resource .field-error", (es) => es.map((e) => e.textContent).filter(Boolean));
  assert.deepEqual(refusals, [], "no refusal on first load");
  assert.match(await page.textContent('[data-card="upgrade"]'), /17 of 30 days/, "a period in days");
  // 003 §3.4.6: paid from the balance, the refund goes back there in about 1 working day.
  assert.match(await page.textContent('[data-card="refund"]'), /your balance, about 1 working day/);
  await page.selectOption('#view-resource [data-path="paidWith"]', "card");
  await page.waitForFunction(() => /your card, about 7 working days/.test(document.querySelector('[data-card="refund"]').textContent));
  await page.selectOption('#view-resource [data-path="paidWith"]', "balance");
  assert.equal(await page.getAttribute("#what-if", "data-points"), "32");
  assert.equal(await page.$$eval("#what-if polyline", (p) => p.length), 3, "one curve per operation");
  // compareTerms (hand-computed): 1M 110, 1Y 1100 → 1Y a month 1100 / 12 ≈ 91.66666667, saving
  // 12 × 110 − 1100 = 220.00 = 16.67 %; at 0.20 an hour, 1Y pays off above 91.67 / 0.20 ≈ 458.33 hours.
  const compare = await page.textContent("#view-resource .compare");
  assert.match(compare, /cheapest per month is 1 year/);
  const oneYear = await page.textContent("#view-resource .compare tr.cheapest");
  assert.match(oneYear, /\$1,100\.00/);
  assert.match(oneYear, /≈ \$91\.67/, "money in cents");
  assert.match(oneYear, /\$220\.00 \(16\.67 %\)/);
  assert.match(oneYear, /from 459 hours a month/, "hours whole");
  // The price table lists 1M and 1Y; 2–9 months are n × 1M: one sentence, not rows that look like offers.
  assert.deepEqual(await page.$$eval("#view-resource .compare tbody th", (t) => t.map((x) => x.textContent)), ["1 month", "1 year"]);
  assert.match(compare, /2 to 9 months are priced as that many times the 1-month price: the same \$110\.00 a month/);
  // What happens next (resourceTimeline, 003 §3.2.1, §1.4): the last order ends 2022-09-19; on the picked
  // day 2022-09-02 it is in use; expired (grace) 09-20 … 10-04, frozen (retention) 10-05 … 10-19,
  // released from 10-20; keeping it costs a 1M renewal from the old expiry, 110.00, in every state.
  const states = await page.$$eval("#view-resource .timeline-list li", (li) => li.map((l) => [l.dataset.state, l.querySelector(".dates").textContent]));
  assert.deepEqual(states, [
    ["inUse", "2022-09-02 – 2022-09-19"],
    ["grace", "2022-09-20 – 2022-10-04 (15 days)"],
    ["retention", "2022-10-05 – 2022-10-19 (15 days)"],
    ["released", "from 2022-10-20"],
  ]);
  assert.equal(await page.getAttribute('#view-resource .timeline-list li[aria-current="date"]', "data-state"), "inUse");
  assert.match(await page.textContent("#view-resource .timeline-keep"), /Keeping it costs 110\.00 until 2022-10-19/);
  // Auto-renewal on with no balance: the attempts (7 days before, 03:00) fail until release.
  await page.check('#view-resource [data-path="autoRenew"]');
  await page.waitForFunction(() => /2022-09-12 03:00/.test(document.querySelector("#view-resource .timeline-events").textContent));
  await page.uncheck('#view-resource [data-path="autoRenew"]');
});

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
  resourceTimeline: "2020-09-30T23:59:59+08:00",
  billRounding: "100.13",
  packageUsage: "8.50",
  packageRenewal: "2024-09-19T23:59:59+08:00",
  compareTerms: "1Y",
  checkout: "1500.00",
};

test("All calculations: every operation answers on first load, with its breakdown", async () => {
  await view("calculations");
  for (const [op, want] of Object.entries(FIRST_LOAD)) {
    await tab(op);
    assert.equal(await main(), want, op);
    const lines = await page.$$eval("#lines tbody tr", (rows) => rows.length);
    const facts = await page.$$eval("#facts tbody tr", (rows) => rows.length);
    assert.ok(lines + facts > 0, `${op} has a breakdown`);
  }
});

test("no figure anywhere shows more than 8 decimals", async () => {
  const tooLong = /\d\.\d{9,}/;
  for (const v of ["checkout", "resource", "calculations"]) {
    await view(v);
    const text = await page.evaluate(() =>
      [document.body.innerText, ...[...document.querySelectorAll("billcalc-receipt")].map((r) => r.shadowRoot.firstElementChild?.innerText ?? "")].join("\n"),
    );
    assert.doesNotMatch(text, tooLong, v);
  }
  for (const op of Object.keys(FIRST_LOAD)) {
    await tab(op);
    assert.doesNotMatch(await page.innerText("#result"), tooLong, op);
  }
});

// ---------- Checkout ----------

test("Checkout: a line of every kind, as the form starts it, is priced without a refusal", async () => {
  await fresh("#checkout");
  for (const [i, kind] of ["new", "renewal", "unifiedRenewal", "upgrade"].entries()) {
    await page.click("#view-checkout button.add >> text=+ item");
    await page.selectOption(`[data-path="items[${i + 2}].kind"]`, kind);
  }
  const lines = await page.$eval("billcalc-receipt", (r) => r.answer.lines.map((l) => [l.kind, l.error?.code ?? null, l.listAmount ?? null]));
  assert.equal(lines.length, 6);
  for (const [kind, code, list] of lines) {
    assert.equal(code, null, `${kind} refused`);
    assert.match(list, /^\d+\.\d\d$/, kind);
  }
  assert.equal(await page.$("#view-checkout .field-error"), null);
  assert.match(await total(), /^\d+\.\d\d$/);
});

test("Checkout: changing a field updates the receipt; items are added and removed", async () => {
  await fresh("#checkout");
  const before = await total();
  await page.fill('[data-path="items[0].quantity"]', "3");
  assert.equal(await page.textContent('billcalc-receipt [data-figure="line-0-list"]'), "$90.00");
  const after3 = await total();
  assert.notEqual(after3, before);
  assert.match(after3, /^\d+\.\d\d$/);
  // The discount on offer decides: a business discount better than the promotion wins.
  await page.fill('[data-path="offers.business"]', "0.5");
  assert.match(await page.textContent('billcalc-receipt tbody[data-line="0"]'), /Business discount × 0\.5/);
  await page.fill('[data-path="offers.business"]', "0.9");
  // Add an item: a renewal to the unified day.
  await page.click("#view-checkout button.add >> text=+ item");
  await page.selectOption('[data-path="items[2].kind"]', "unifiedRenewal");
  assert.equal(await page.$$eval("billcalc-receipt tbody.line", (b) => b.length), 3);
  assert.match(await page.textContent('billcalc-receipt tbody[data-line="2"]'), /Renewal to the unified day/);
  await page.click("#view-checkout >> text=Remove item 3");
  assert.equal(await page.$$eval("billcalc-receipt tbody.line", (b) => b.length), 2);
  assert.equal(await total(), after3);
  // Auto-renewal on: the receipt says the first attempt (003 §3.2.3.1: 7 days before expiry).
  await page.check('[data-path="items[0].autoRenew"]');
  assert.match(await page.textContent('billcalc-receipt tbody[data-line="0"]'), /renews automatically: first attempt/);
  await page.uncheck('[data-path="items[0].autoRenew"]');
  // A display currency.
  await page.fill('[data-path="display.currency"]', "EUR");
  await page.fill('[data-path="display.rate"]', "0.92");
  assert.match(await page.textContent('billcalc-receipt [data-figure="display"]'), /^≈ €\d+\.\d\d$/);
  // The breakdown opens on request.
  await page.click("billcalc-receipt details summary");
  await page.waitForSelector("billcalc-receipt details li");
  assert.match(await page.textContent("billcalc-receipt details"), /list amount/);
});

test("Checkout: errors appear next to the field their path names, and clear when fixed", async () => {
  await fresh("#checkout");
  // A price that is not money: next to that price.
  await page.fill('[data-path="items[0].prices.1M"]', "3O");
  const priceErr = await page.textContent('#view-checkout .field-error[data-error-for="items[0].prices.1M"]');
  assert.match(priceErr, /Details: INVALID_MONEY$/);
  assert.doesNotMatch(priceErr, /§|items\[|prices\.1M/, "in words");
  assert.equal(await page.getAttribute('[data-path="items[0].prices.1M"]', "aria-invalid"), "true");
  assert.match(await page.textContent('billcalc-receipt tbody[data-line="0"]'), /INVALID_MONEY/, "the line is refused in the receipt");
  await page.fill('[data-path="items[0].prices.1M"]', "30");
  assert.equal(await page.$("#view-checkout .field-error"), null, "error cleared");
  assert.equal(await total(), "148.24");
  // A term the price table lacks: in the first item's box.
  await page.fill('[data-path="items[0].term"]', "2Y");
  assert.match(await page.textContent('#view-checkout fieldset.item[data-path="items[0]"] .field-error'), /PRICE_NOT_FOUND/);
  await page.fill('[data-path="items[0].term"]', "1M");
  // A whole-cart field: the cash balance.
  await page.fill('[data-path="balance.cash"]', "lots");
  assert.match(await page.textContent('#view-checkout .field-error[data-error-for="balance.cash"]'), /INVALID_MONEY$/);
  assert.match(await receiptText(), /INVALID_MONEY/);
  await page.fill('[data-path="balance.cash"]', "500");
  assert.equal(await page.$("#view-checkout .field-error"), null);
  assert.equal(await total(), "148.24");
});

test("Checkout: the cart is in the address; a shared link restores it", async () => {
  await fresh("#checkout");
  await page.fill('[data-path="items[1].quantity"]', "2");
  const url = await page.evaluate(() => location.href); // page.url() may lag behind replaceState
  const want = await total();
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector("body[data-ready=true]");
  assert.equal(await other.inputValue('[data-path="items[1].quantity"]'), "2");
  assert.equal(await other.getAttribute(RECEIPT_TOTAL, "data-amount"), want);
  await other.close();
});

test("Checkout at 390 px: the amount to pay stays in sight and leads to the receipt", async () => {
  await fresh("#checkout");
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    assert.equal(await page.textContent(".to-pay-bar"), "To pay $148.24 — see the receipt");
    const bar = await page.$eval(".to-pay-bar", (b) => b.getBoundingClientRect().bottom);
    assert.ok(bar <= 844 && bar > 700, `the bar sits at the bottom of the screen (${bar})`);
    await page.click(".to-pay-bar");
    await page.waitForFunction(() => Math.abs(document.querySelector(".receipt-col").getBoundingClientRect().top) < 40);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
  assert.equal(await page.isVisible(".to-pay-bar"), false, "not needed beside the receipt");
});

// ---------- My resource ----------

test("My resource: the day picker moves the figures and the chart's mark", async () => {
  await fresh("#resource");
  const refund = await card("refund");
  const mark = await page.getAttribute("#what-if .mark", "x1");
  await page.focus("#day-range");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.inputValue('#view-resource input[type=date][data-path="date"]'), "2022-09-03");
  assert.notEqual(await card("refund"), refund);
  assert.equal(await card("refund"), "47.44"); // 110 − 110 × 15/32 (51.5625 → 51.56) − 11.00
  assert.notEqual(await page.getAttribute("#what-if .mark", "x1"), mark);
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowLeft");
  assert.equal(await page.inputValue('#view-resource input[type=date][data-path="date"]'), "2022-08-29");
  // A click on the chart picks a day too.
  const bb = await (await page.$("#what-if")).boundingBox();
  await page.mouse.click(bb.x + bb.width * 0.9, bb.y + bb.height / 2);
  assert.ok((await page.inputValue('#view-resource input[type=date][data-path="date"]')) > "2022-09-10");
  // Typing the day works as well.
  await page.fill('#view-resource input[type=date][data-path="date"]', "2022-09-02");
  assert.equal(await card("refund"), "50.87");
});

test("My resource: errors appear next to the field their path names", async () => {
  await fresh("#resource");
  await page.fill('[data-path="orders[0].end"]', "2022-08-01");
  const fieldError = await page.textContent('#view-resource .field-error[data-error-for="orders[0].end"]');
  assert.match(fieldError, /INVALID_PERIOD$/);
  // The message itself, not "undefined" (an Error's message is not copied by a spread).
  assert.doesNotMatch(fieldError, /undefined/);
  assert.equal(await card("refund"), "—");
  assert.match(await page.textContent('[data-card="refund"] .card-error'), /INVALID_PERIOD/);
  await page.fill('[data-path="orders[0].end"]', "2022-09-19");
  assert.equal(await page.$("#view-resource .field-error"), null);
  // A price of the bigger spec: its own field.
  await page.fill('[data-path="upgradePrices.1M"]', "-5");
  assert.match(await page.textContent('#view-resource .field-error[data-error-for="upgradePrices.1M"]'), /NEGATIVE_MONEY|INVALID_MONEY/);
  assert.match(await page.textContent('[data-card="upgrade"] .card-error'), /MONEY/);
  assert.equal(await card("refund"), "50.87", "the other moves still answer");
  await page.fill('[data-path="upgradePrices.1M"]', "150");
  assert.equal(await card("upgrade"), "22.67");
});

test("My resource: the state is in the address", async () => {
  await fresh("#resource");
  await page.fill('[data-path="downgradePrices.1M"]', "80");
  const want = await card("downgrade");
  const other = await context.newPage();
  await other.goto(await page.evaluate(() => location.href));
  await other.waitForSelector("body[data-ready=true]");
  assert.equal(await other.getAttribute('#view-resource [data-figure="downgrade"]', "data-amount"), want);
  await other.close();
});

// ---------- keyboard ----------

test("keyboard: the view tabs move with the arrow keys; every view's fields are reachable by Tab", async () => {
  await fresh();
  await page.focus("#tab-checkout");
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-resource");
  assert.equal(await page.isVisible("#view-resource"), true);
  await page.keyboard.press("ArrowRight");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-calculations");
  await page.keyboard.press("Home");
  assert.equal(await page.evaluate(() => document.activeElement.id), "tab-checkout");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.dataset.path), "date", "Tab goes from the tabs into the form");
});

// ---------- All calculations (the earlier page, kept as one view) ----------

test("the unsubscribe breakdown shows the document's figures and formulas", async () => {
  await fresh("#calculations");
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
  // The period in days; its fraction stays under "How it was computed".
  assert.equal(await page.textContent('[data-figure="remainingPeriod"] .v'), "913 days (≈ 2.50 years)");
  assert.match(await page.textContent("#how"), /913\/365/);
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
  assert.match(err, /INVALID_PERIOD$/);
  assert.ok(await page.$eval('#orders [data-path="orders[0].end"]', (e) => e.classList.contains("invalid")));
  await page.fill('#orders [data-path="orders[0].end"]', "2018-11-30");
  assert.equal(await main(), "10.00");
  assert.equal(await page.$("#view-calculations .field-error"), null, "error cleared");
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

test("state lives in the URL: a shared link restores the preview (and links of the earlier page still open)", async () => {
  await tab("downgradeRefund");
  await page.fill('#fields [name="discount"]', "0.9");
  const url = await page.evaluate(() => location.href); // page.url() may lag behind replaceState
  assert.match(decodeURIComponent(url), /"discount":"0.9"/);
  const other = await context.newPage();
  await other.goto(url);
  await other.waitForSelector("body[data-ready=true]");
  assert.equal(await other.getAttribute("#tab-calculations", "aria-selected"), "true");
  assert.equal(await other.inputValue('#fields [name="discount"]'), "0.9");
  assert.equal(await other.getAttribute("#view-calculations .figure.main", "data-value"), "11.80"); // 28 − 90 × 0.2 × 0.9
  assert.equal(await other.textContent("#view-calculations .figure.main .v"), "$11.80");
  await other.close();
});

// ---------- safety ----------

test("user input is never executed or rendered as HTML", async () => {
  const payload = `<img src=x onerror="alert('xss')"><script>alert('xss')</script>`;
  await fresh("#checkout");
  await page.fill('[data-path="items[0].product"]', payload);
  await page.fill('[data-path="vouchers[0].id"]', payload);
  await page.waitForTimeout(200);
  assert.match(await receiptText(), /onerror/, "echoed in the receipt as text");
  assert.equal(await page.$("billcalc-receipt img"), null);
  assert.equal(await page.$("main img"), null, "no element was created from input");
  await page.fill('[data-path="items[0].term"]', payload);
  assert.match(await page.textContent("#view-checkout .field-error"), /UNKNOWN_TERM|PRICE_NOT_FOUND/);
  await view("calculations");
  await tab("unsubscribeRefund");
  await page.fill('#orders [data-path="orders[0].term"]', payload);
  await page.fill('#fields [name="handlingFeeRate"]', payload);
  await page.waitForTimeout(200);
  assert.equal(await page.$("main img"), null, "no element was created from input");
  assert.match(await page.textContent("#view-calculations .field-error"), /UNKNOWN_TERM|INVALID_MONEY/);
  // List fields (a form per voucher): the payload as a voucher id is echoed in figures and the
  // breakdown, as text.
  await tab("selectVoucher");
  await page.fill('#fields [data-path="vouchers[0].id"]', payload);
  await page.waitForTimeout(200);
  assert.equal(await main(), "30.00");
  assert.match(await page.textContent("#view"), /onerror/);
  await page.fill('#fields [data-path="vouchers[0].balance"]', payload);
  await page.waitForTimeout(200);
  assert.equal(await page.$("main img"), null, "no element was created from input");
  assert.match(await page.textContent("#view-calculations .field-error"), /INVALID_MONEY/);
  assert.deepEqual(dialogs, []);
});

test("a strict Content-Security-Policy is present and enforced: an inline script is refused", async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', "content");
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  await assert.rejects(page.addScriptTag({ content: "window.__inline = 1;" }), /Content Security Policy/);
  assert.equal(await page.evaluate(() => window.__inline), undefined);
});

test("hostile links are refused with a message before any form is built, and the page still works", async () => {
  const link = (state) => `#${encodeURIComponent(JSON.stringify(state))}`;
  const item = { kind: "new", term: "1M", prices: { "1M": "30" } };
  // Written as text: JSON.stringify itself cannot nest 10,000 deep.
  const nested = `${'{"a":'.repeat(10_000)}{}${"}".repeat(10_000)}`;
  const deep = `#${encodeURIComponent(`{"view":"checkout","request":{"date":"2024-03-01","items":[],"deep":${nested}}}`)}`;
  const cases = [
    [link({ view: "checkout", request: { date: "2024-03-01", items: Array(10_000).fill(item) } }), /10000 items; one payment holds at most 30/],
    [deep, /nested more than 16 levels|could not be read/],
    [link({ view: "checkout", request: { date: "2024-03-01", items: [] } }), /cart is empty/],
    ["#%7Bbroken", /could not be read/],
  ];
  for (const [hash, why] of cases) {
    const t = Date.now();
    await fresh(hash);
    assert.ok(Date.now() - t < 10_000, "refused quickly, without building the crafted forms");
    assert.match(await page.textContent("#link-refused"), why);
    // The view opens on its sample: the receipt is complete, no crafted line was built.
    assert.equal(await total(), "148.24");
    assert.ok((await page.$$("#view-checkout fieldset.item")).length <= 2);
  }
});

// ---------- a receipt a customer trusts (issue 20, items 1–4) ----------

const hashOf = (view, request) => `#${encodeURIComponent(JSON.stringify({ view, request }))}`;
const CART = (extra) => ({
  date: "2024-03-01",
  seller: "sparkooSingapore",
  items: [{ kind: "new", product: "ECS", term: "1M", prices: { "1M": "100" } }],
  balance: { cash: "500" },
  ...extra,
});

test("a US customer gets a complete receipt: no tax stated, said in words; a rate they enter applies; no country, no tax line", async () => {
  await fresh(hashOf("checkout", CART({ country: "US" })));
  assert.equal(await total(), "100.00");
  assert.equal(await page.textContent(RECEIPT_TOTAL), "$100.00");
  assert.match(await page.textContent('billcalc-receipt [data-figure="tax-note"]'), /the guides state no tax for US.*enter a rate/);
  assert.equal(await page.$("#view-checkout .field-error"), null, "not a refusal");
  // The rate the customer knows, typed in the form.
  await page.fill('[data-path="indirectTaxRate"]', "0.0725");
  assert.equal(await total(), "107.25");
  assert.match(await receiptText(), /Tax 7\.25 % \(the rate you entered\)\$7\.25/);
  await page.fill('[data-path="indirectTaxRate"]', "");
  // No country: no tax line, said in words, not an error.
  await page.fill('[data-path="country"]', "");
  assert.equal(await total(), "100.00");
  assert.match(await page.textContent('billcalc-receipt [data-figure="tax-note"]'), /No tax: no country chosen/);
  assert.equal(await page.$("#view-checkout .field-error"), null);
});

test("the receipt adds up with its currency: item rows to the due, sums to the total, who pays to the amount to pay", async () => {
  await fresh("#checkout");
  const shown = await page.$eval("billcalc-receipt", (r) =>
    [...r.shadowRoot.querySelectorAll("[data-amount]")].map((e) => [e.dataset.figure, e.dataset.amount, e.textContent]),
  );
  const cents = (a) => Math.round(Number(a) * 100); // the sample's amounts are small: exact in cents
  const get = (k) => shown.find(([f]) => f === k)?.[1];
  for (const [figure, amount, text] of shown) {
    assert.match(text, /\$/, `${figure} shows its currency`);
    assert.equal(text.replace(/[^0-9]/g, "").replace(/^0+/, ""), amount.replace(/[^0-9]/g, "").replace(/^0+/, ""), `${figure}: ${text} is ${amount}`);
  }
  for (const i of [0, 1]) {
    const rows = shown.filter(([f]) => new RegExp(`^line-${i}-(list|discount|voucher)$`).test(f)).map(([, a]) => cents(a));
    assert.equal(rows.reduce((x, y) => x + y, 0), cents(get(`line-${i}-due`)), `item ${i + 1} adds up`);
  }
  const payers = shown.filter(([f]) => f.startsWith("pay-")).map(([, a]) => cents(a));
  assert.equal(payers.reduce((x, y) => x + y, 0), cents(get("total")), "who pays adds up to the amount to pay");
  // Vouchers appear once, as a deduction, never as a payer.
  assert.equal(shown.filter(([f]) => /voucher/i.test(f) && f.startsWith("pay-")).length, 0);
});

test("every offer considered on a line is explained, quoting the amount it charges", async () => {
  // 003 §3.2.3.1 ex. B: p75 is chosen at 750.00 although p70 would charge 700.00: say why.
  const cart = CART({
    date: "2020-11-27",
    offers: { business: "0.8", partner: "0.9" },
    items: [
      {
        kind: "renewal",
        term: "1M",
        currentExpiry: "2020-12-15",
        prices: { "1M": "1000" },
        promotions: [
          { id: "p70", factor: "0.7", effective: "2020-11-20", usedOn: "2020-11-21" },
          { id: "p75", factor: "0.75", effective: "2020-11-25", usedOn: "2020-11-26" },
        ],
      },
      { kind: "new", term: "2Y", prices: { "2Y": "1000" } },
    ],
    balance: { cash: "5000" },
  });
  await fresh(hashOf("checkout", cart));
  const offers = await page.$$eval("billcalc-receipt", (r) => [...r[0].shadowRoot.querySelectorAll("tbody.line")].map((b) => [...b.querySelectorAll("ul.offers li")].map((li) => li.textContent)));
  assert.deepEqual(offers[0], [
    "Business discount × 0.8: not chosen: it would charge $800.00, more than the $750.00 charged",
    "Partner discount × 0.9: not chosen: it would charge $900.00, more than the $750.00 charged",
    "Promotion p70 × 0.7: not eligible: of the promotions this resource used, only the one that took effect last competes (on the same day, the one used last) (it would charge $700.00)",
    "Promotion p75 × 0.75: chosen: charges $750.00, the lowest amount",
  ]);
  // A two-year product: no partner discount (003 §9.2.1), said so.
  assert.match(offers[1].join("\n"), /Partner discount × 0\.9: not eligible: a partner discount does not apply to products of two years or longer \(it would charge \$900\.00\)/);
});

test("a short balance with a bound card: the receipt says why the order is not paid and what to do", async () => {
  await fresh(hashOf("checkout", CART({ items: [{ term: "1M", prices: { "1M": "1819" } }], balance: { cash: "1000", cardBound: true } })));
  const why = await page.textContent('billcalc-receipt [data-figure="unpaid-why"]');
  assert.match(why, /\$819\.00 short/);
  assert.match(why, /never the bound card.*Pay the order by hand on the payment page, for example with the bound card/);
  assert.equal(await page.textContent('billcalc-receipt [data-figure="pay-unpaid"]'), "$1,819.00");
});

// Text a customer reads, outside "How it was computed" (where the formulas and sections stay).
async function customerText() {
  return page.evaluate(() => {
    const visible = (root) => {
      const clone = root.cloneNode(true);
      for (const d of clone.querySelectorAll("details, svg")) d.remove();
      return clone.textContent;
    };
    const shadows = [...document.querySelectorAll("billcalc-receipt")].filter((r) => !r.closest(".view[hidden]")).map((r) => (r.shadowRoot.firstElementChild ? visible(r.shadowRoot.firstElementChild) : ""));
    const views = [...document.querySelectorAll(".view:not([hidden])")].map(visible);
    return [...views, ...shadows].join("\n");
  });
}

test("the customer views speak a customer's words: no member names, no zero-based orders, no section numbers, money with its currency", async () => {
  const MEMBER = /handlingFee|voucherReturned|requiresApproval|billMonth|cheapestMonthly|remainingPeriod|listAmount|order 0\b|items\[\d|orders\[\d|§/;
  await fresh("#checkout");
  assert.doesNotMatch(await customerText(), MEMBER, "Checkout");
  await view("resource");
  const resource = await customerText();
  assert.doesNotMatch(resource, MEMBER, "My resource");
  assert.match(await page.textContent('#view-resource [data-figure="refund"]'), /^\$50\.87$/);
  assert.doesNotMatch(resource, /\d\.\d{3,}/, `money in cents, hours whole: ${resource.match(/.{40}\d\.\d{3,}.{20}/)?.[0]}`);
  await view("calculations");
  for (const op of ["unsubscribeRefund", "paymentSplit", "compareTerms", "checkout"]) {
    await tab(op);
    assert.doesNotMatch(await customerText(), /handlingFee|voucherReturned|requiresApproval|billMonth|cheapestMonthly|§/, op);
  }
  // Compare terms: no empty "line / formula / total" table.
  await tab("compareTerms");
  assert.equal(await page.isVisible("#lines"), false);
  // A quantity no input can hold is said in words, with the code on its own line.
  await fresh("#resource");
  await page.fill('#view-resource [data-path="quantity"]', "18446744073709551616");
  const err = await page.textContent('#view-resource .compare .field-error, #view-resource .card-error');
  assert.doesNotMatch(err, /18446744073709551616/);
  await page.fill('#view-resource [data-path="quantity"]', "1");
});

test("forms, not JSON boxes: the Payment calculator's vouchers and discounts; the Cart calculator opens the Checkout form", async () => {
  await fresh("#calculations");
  await tab("paymentSplit");
  assert.equal(await page.$$eval("#view-calculations textarea", (t) => t.length), 0);
  assert.equal(await main(), "1700.00");
  await page.fill('[data-path="vouchers[0].balance"]', "200");
  assert.equal(await main(), "1600.00");
  await page.click("#fields fieldset[data-name=vouchers] button.remove");
  assert.equal(await main(), "1800.00");
  for (const op of ["bestDiscount", "selectVoucher", "mergedPayment", "billSummary", "billRounding", "checkout"]) {
    await tab(op);
    assert.equal(await page.$$eval("#view-calculations textarea", (t) => t.length), 0, op);
    assert.equal(await main(), FIRST_LOAD[op], op);
  }
  await page.click("#fields a.open-checkout");
  await page.waitForFunction(() => !document.querySelector("#view-checkout").hidden);
  assert.equal(await total(), "1500.00");
});

test("an order's end is filled in from its start and term, and stays editable", async () => {
  await fresh("#resource");
  await page.fill('#view-resource [data-path="orders[0].start"]', "2022-08-20");
  assert.equal(await page.inputValue('#view-resource [data-path="orders[0].end"]'), "2022-09-20");
  await page.fill('#view-resource [data-path="orders[0].start"]', "2022-08-19");
  assert.equal(await page.inputValue('#view-resource [data-path="orders[0].end"]'), "2022-09-19");
  assert.equal(await card("refund"), "50.87");
  await page.fill('#view-resource [data-path="orders[0].end"]', "2022-09-18");
  await page.fill('#view-resource [data-path="orders[0].term"]', "1M");
  assert.equal(await page.inputValue('#view-resource [data-path="orders[0].end"]'), "2022-09-18", "a typed end is kept");
  // The calculators' orders too.
  await view("calculations");
  await tab("unsubscribeRefund");
  await page.fill('#orders [data-path="orders[0].start"]', "2022-08-20");
  assert.equal(await page.inputValue('#orders [data-path="orders[0].end"]'), "2022-09-20");
});

test("layout: at 390 px the orders table fits; at 1280 the remove button and the seller's name are whole", async () => {
  await fresh("#calculations");
  await tab("unsubscribeRefund");
  const whole = (sel) =>
    page.$eval(sel, (e) => {
      const r = e.getBoundingClientRect();
      const box = e.closest("#orders-block, form, .item, .group") ?? document.body;
      const b = box.getBoundingClientRect();
      return r.left >= b.left - 1 && r.right <= b.right + 1 && r.width > 0;
    });
  assert.ok(await whole("#orders .remove"), "the × button at 1280");
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    assert.ok(await page.$eval("#orders-block", (b) => b.scrollWidth <= b.clientWidth + 1), "no column pushed off screen");
    for (const sel of ['#orders [data-key="paidCash"]', '#orders [data-key="voucher"]', "#orders .remove"]) assert.ok(await whole(sel), sel);
    await view("checkout");
    await page.waitForSelector('#view-checkout [data-path="seller"]');
    const fits = await page.$eval('[data-path="seller"]', (s) => {
      const probe = document.createElement("span");
      probe.style.cssText = `font: ${getComputedStyle(s).font}; position: absolute; white-space: nowrap`;
      probe.textContent = s.selectedOptions[0].textContent;
      document.body.append(probe);
      const w = probe.getBoundingClientRect().width;
      probe.remove();
      return w + 24 <= s.getBoundingClientRect().width;
    });
    assert.ok(fits, "Sparkoo Technologies Singapore is shown whole");
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

test("the page threw nothing", () => {
  assert.deepEqual(pageErrors, []);
});

test("no request leaves the page, and it works offline after the first load", async () => {
  const foreign = requests.filter((u) => !u.startsWith(base) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  await fresh();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  const before = requests.length;
  await stop(browser.server);
  browser.server = undefined;
  await context.setOffline(true);
  await page.goto(base);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await total(), "148.24");
  await view("resource");
  assert.equal(await card("refund"), "50.87");
  await view("calculations");
  await tab("unsubscribeRefund");
  assert.equal(await main(), "50.87");
  await tab("upgradeCost");
  assert.equal(await main(), "25.40");
  assert.ok(requests.slice(before).every((u) => u.startsWith(base)), "only same-origin requests, served by the worker");
  await context.setOffline(false);
});
