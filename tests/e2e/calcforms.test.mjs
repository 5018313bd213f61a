// The "All calculations" view as a customer fills it in: every calculator that once took JSON in a
// text box builds its request from a form (rows with add and remove buttons, date, month and
// time inputs, check boxes, selects), and gives the figures of the matching vector in
// tests/vectors/*.json — the request read back from the address is the vector's, key for key; a
// refusal lands next to its field with the code on its own line; no calculator has a textarea;
// periods are said in days, money with its currency; and in 简体中文 the calculators' labels,
// legends, buttons, hints and captions hold no English words. A screenshot per calculator
// (en and zh-CN) goes to test-results/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { closeBrowser, openBrowser, results } from "./harness.mjs";

const shots = join(results, "screenshots");
mkdirSync(shots, { recursive: true });
let browser, base, context, page, pageErrors;

before(async () => {
  browser = await openBrowser({ locale: "en-US" });
  ({ base, context, page, pageErrors } = browser);
});

after(() => closeBrowser(browser));

async function open(op, query = "") {
  await page.goto("about:blank");
  await page.goto(`${base}${query}#calculations`);
  await page.waitForSelector("body[data-ready=true]");
  await page.click(`nav button[data-op="${op}"]`);
  await page.waitForSelector(`#fields h2`);
}

/** A vector by file and name: its request (without `op`) and expected figures (or refusal). */
function vector(file, name) {
  const v = JSON.parse(readFileSync(new URL(`../vectors/${file}`, import.meta.url))).find((x) => x.name === name);
  assert.ok(v, `${file}: ${name}`);
  const { op, ...request } = v.request;
  return { op, request, expect: v.expect ?? v.error };
}

/** The request the form built, as the page keeps it in the address. */
const built = () => page.evaluate(() => JSON.parse(decodeURIComponent(location.hash.slice(1))).request);
/** A figure's exact value (data-value) and its text. */
const value = (key) => page.getAttribute(`#figures [data-figure="${key}"]`, "data-value");
const shown = (key) => page.textContent(`#figures [data-figure="${key}"] .v`);
const row = (name, i) => `#fields fieldset[data-name="${name}"] > .records-rows > .record:nth-child(${i + 1})`;
const remove = (name, i) => page.click(`${row(name, i)} > button.remove`);
const add = (name) => page.click(`#fields fieldset[data-name="${name}"] > button.add`);
const fill = (path, v) => page.fill(`#fields [data-path="${path}"]`, v);
const select = (path, v) => page.selectOption(`#fields [data-path="${path}"]`, v);
const errorAt = (path) => page.textContent(`#fields .field-error[data-error-for="${path}"]`);
const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });

test("Reserved pool: draws and releases as rows give 002's single-use figures (453.60), a draw beyond the pool is refused next to its count", async () => {
  const v = vector("reserved_pool.json", "tencent_reserved_pool_single_use");
  await open(v.op);
  assert.equal(await page.getAttribute('#fields [data-path="start"]', "type"), "datetime-local");
  await select("packageType", "singleUse");
  await remove("events", 2);
  assert.deepEqual(await built(), v.request);
  assert.equal(await value("idleFee"), v.expect.idleFee);
  assert.equal(await value("idleRate"), v.expect.idleRate);
  assert.equal(await shown("idleFee"), "$453.60");
  await shot("calcforms-reservedPoolIdleFee-en");
  // tencent_reserved_pool_draw_beyond_pool: 4 of 3 instances.
  const refused = vector("reserved_pool.json", "tencent_reserved_pool_draw_beyond_pool");
  await remove("events", 1);
  await fill("events[0].count", "4");
  await fill("until", "");
  assert.deepEqual(await built(), refused.request);
  assert.match(await errorAt("events[0].count"), new RegExp(`${refused.expect.code}$`));
  assert.ok(await page.$eval('#fields [data-path="events[0].count"]', (e) => e.classList.contains("invalid")));
  // An added event row is sent as the rows are.
  await fill("events[0].count", "1");
  await add("events");
  await fill("events[1].at", "2025-01-03T00:00");
  await select("events[1].action", "release");
  assert.deepEqual((await built()).events, [
    { at: "2025-01-02T00:00", action: "draw", count: 1 },
    { at: "2025-01-03T00:00", action: "release", count: 1 },
  ]);
  assert.equal(await page.$("#fields .field-error"), null);
});

test("Packages: packages, usage and prices as rows give 003 §3.2.4.1's figures (0.60); a resettable package without its cycle is refused next to the cycle", async () => {
  const v = vector("package.json", "s3_2_4_1_package_examples");
  await open(v.op);
  const p = v.request.packages[0];
  await fill("packages[0].id", p.id);
  await select("packages[0].kind", p.kind);
  await fill("packages[0].quota", p.quota);
  await fill("packages[0].start", p.start);
  await fill("packages[0].end", p.end);
  await fill("packages[0].billingItem", p.billingItem);
  await fill("packages[0].regions", "");
  // Refused before the cycle is chosen: the message next to the cycle, the code on its line.
  assert.match(await errorAt("packages[0].resetCycle"), /MISSING_FIELD$/);
  await select("packages[0].resetCycle", p.resetCycle);
  await remove("usage", 2);
  for (const [i, u] of v.request.usage.entries()) {
    await fill(`usage[${i}].date`, u.date);
    await fill(`usage[${i}].billingItem`, u.billingItem);
    await fill(`usage[${i}].amount`, u.amount);
    await fill(`usage[${i}].region`, "");
  }
  // The prices: the first row becomes storage, the second is removed.
  await page.fill(`${row("prices", 0)} input[data-key="key"]`, "storage");
  await fill("prices.storage", "0.02");
  await remove("prices", 1);
  assert.deepEqual(await built(), v.request);
  assert.equal(await value("charge"), v.expect.charge);
  assert.equal(await shown("charge"), "$0.60");
  await shot("calcforms-packageUsage-en");
  // A billing item without its price: refused next to the prices.
  await page.fill(`${row("prices", 0)} input[data-key="key"]`, "traffic");
  assert.match(await page.textContent('#fields fieldset[data-name="prices"] .field-error'), /PRICE_NOT_FOUND$/);
});

test("Auto-renewal: a manual renewal is a check box with its term and day, giving 003 §3.2.3.1's dates", async () => {
  const v = vector("schedule_and_precision.json", "s3_2_3_1_manual_renewal_without_its_date");
  await open(v.op);
  await fill("expiry", v.request.expiry);
  await fill("deductionDaysBefore", "");
  await fill("deductionDaySetOn", "");
  await page.check('#fields fieldset[data-name="manualRenewal"] legend input[type="checkbox"]');
  assert.equal(await page.inputValue('#fields [data-path="manualRenewal.term"]'), "1M");
  assert.equal(await page.getAttribute('#fields [data-path="manualRenewal.on"]', "type"), "datetime-local");
  assert.deepEqual(await built(), { provider: "huawei", rules: "current", productKind: "default", ...v.request });
  assert.equal(await value("firstAttempt"), v.expect.firstAttempt);
  assert.equal(await value("expiryOnSuccess"), v.expect.expiryOnSuccess);
  await shot("calcforms-autoRenewalSchedule-en");
  // Aliyun's 2015 example: renewed by hand on 2015-02-14 10:00.
  const ali = vector("schedule_and_precision.json", "aliyun_auto_renew_example_2015");
  await select("provider", "aliyun");
  await fill("expiry", ali.request.expiry);
  await fill("purchaseTerm", "");
  await fill("renewalTerm", ali.request.renewalTerm);
  await fill("manualRenewal.on", "2015-02-14T10:00");
  assert.deepEqual(await built(), { rules: "current", productKind: "default", ...ali.request });
  assert.equal(await value("firstAttempt"), ali.expect.firstAttempt);
  // Unticked, the manual renewal is not sent.
  await page.uncheck('#fields fieldset[data-name="manualRenewal"] legend input[type="checkbox"]');
  assert.equal((await built()).manualRenewal, undefined);
});

test("What happens next: auto-renewal is a check box with its term and custom day (003 §3.2.3.1: renews, first attempt 08-28)", async () => {
  const v = vector("timeline.json", "s3_2_3_1_timeline_custom_day_and_enough_balance_renews");
  await open(v.op);
  await fill("autoRenewal.deductionDaysBefore", "3");
  await fill("cashBalance", v.request.cashBalance);
  await fill("today", "");
  assert.deepEqual(await built(), { billing: "prepaid", customer: "prepaid", doNotRenew: false, cardBound: false, ...v.request });
  assert.equal(await value("autoRenewal.outcome"), v.expect["autoRenewal.outcome"]);
  assert.equal(await value("autoRenewal.firstAttempt"), v.expect["autoRenewal.firstAttempt"]);
  await shot("calcforms-resourceTimeline-en");
  // timeline_deduction_day_out_of_range: 31 days before.
  await fill("autoRenewal.deductionDaysBefore", "31");
  assert.match(await errorAt("autoRenewal.deductionDaysBefore"), /INVALID_NUMBER$/);
});

test("Bills & repayment: bills as month rows, the repayment as a check box (003 §5.2.3: early repayment of the estimate 2.43; 2.44 refused next to the amount)", async () => {
  const v = vector("postpaid.json", "s5_2_3_early_repayment_defaults_to_the_estimate");
  await open(v.op);
  assert.equal(await page.getAttribute('#fields [data-path="bills[0].month"]', "type"), "month");
  await fill("repayment.month", "");
  assert.deepEqual(await built(), v.request);
  assert.equal(await value("repayment"), v.expect.repayment);
  assert.equal(await value("stillDue"), v.expect.stillDue);
  const refused = vector("postpaid.json", "s5_2_3_early_repayment_above_the_estimate_refused");
  await fill("repayment.amount", "2.44");
  assert.deepEqual(await built(), refused.request);
  assert.match(await errorAt("repayment.amount"), new RegExp(`${refused.expect.code}$`));
  await fill("repayment.amount", "");
  // Orders on monthly settlement as rows (s1_2: charged with the bill on 04-03).
  const orders = vector("postpaid.json", "s1_2_monthly_settlement_order_charged_after_the_bill");
  await fill("date", orders.request.date);
  await fill("estimate", "");
  await page.uncheck('#fields fieldset[data-name="repayment"] legend input[type="checkbox"]');
  for (let i = 2; i >= 0; i--) await remove("bills", i);
  for (const [i, o] of orders.request.orders.entries()) {
    await add("orders");
    await fill(`orders[${i}].date`, o.date);
    await fill(`orders[${i}].amount`, o.amount);
  }
  assert.deepEqual(await built(), orders.request);
  assert.match(await value("orders"), /charged on 2024-04-03/);
  await shot("calcforms-postpaidCalendar-en");
});

test("Invoice: a withholding-tax certificate with its invoices as rows (A34: 33.34 + 33.33 + 33.33); a repeated invoice is refused next to it", async () => {
  const v = vector("invoice.json", "decision_a34_certificate_split_by_largest_remainder");
  await open(v.op);
  await fill("amount", v.request.amount);
  await fill("voucher", "");
  await fill("country", v.request.country);
  await select("seller", v.request.seller);
  await page.check('#fields fieldset[data-name="whtCertificate"] legend input[type="checkbox"]');
  await fill("whtCertificate.total", v.request.whtCertificate.total);
  for (const [i, inv] of v.request.whtCertificate.invoices.entries()) {
    if (i > 0) await add("whtCertificate.invoices");
    await fill(`whtCertificate.invoices[${i}].id`, inv.id);
    await fill(`whtCertificate.invoices[${i}].amountWithoutVat`, inv.amountWithoutVat);
  }
  assert.deepEqual(await built(), v.request);
  const cert = await value("certificate");
  for (const k of [0, 1, 2]) assert.match(cert, new RegExp(v.expect[`certificate.amounts.${k}`].replace(".", "\\.")));
  await shot("calcforms-invoice-en");
  await fill("whtCertificate.invoices[1].id", "A");
  assert.match(await errorAt("whtCertificate.invoices[1].id"), /INVALID_INPUT$/);
});

test("periods in words: the remaining period is days of the month or year, money with its currency; the fraction stays under How it was computed", async () => {
  await open("downgradeRefund");
  assert.equal(await shown("remainingPeriod"), "6 of 30 days");
  assert.equal(await shown("refund"), "$10.00");
  assert.match(await page.textContent("#how"), /6\/30|1\/5/);
  await open("expansionCost");
  assert.equal(await shown("remainingPeriod"), "28 of 31 days");
  await open("reservedInstanceRefund");
  assert.equal(await shown("remainingRatio"), "50 % of the term");
  await open("upgradeCost", "?lang=zh-CN");
  assert.equal(await shown("remainingPeriod"), "913 天（≈ 2.50 年）");
  await open("downgradeRefund", "?lang=zh-CN");
  assert.equal(await shown("remainingPeriod"), "30 天中的 6 天");
  for (const f of await page.$$eval("#figures .figure .v", (vs) => vs.map((v) => v.textContent))) assert.doesNotMatch(f, /\d+\/\d+/);
});

test("a price table is rows of term and price: a term listed twice is refused next to the table, in words", async () => {
  await open("upgradeCost");
  assert.equal(await page.getAttribute('#fields [data-path="oldPrices.1Y"]', "inputmode"), "decimal");
  await page.fill(`${row("oldPrices", 1)} input[data-key="key"]`, "1M");
  const err = await page.textContent('#fields fieldset[data-name="oldPrices"] .field-error');
  assert.match(err, /^Term 1M is listed twice: keep one row.*INVALID_INPUT$/);
  await page.fill(`${row("oldPrices", 1)} input[data-key="key"]`, "1Y");
  assert.equal(await page.$("#fields .field-error"), null);
  assert.equal(await value("cost"), "25.40");
  await add("oldPrices");
  await page.fill(`${row("oldPrices", 2)} input[data-key="key"]`, "3M");
  await fill("oldPrices.3M", "30");
  assert.deepEqual((await built()).oldPrices, { "1M": "11", "1Y": "120", "3M": "30" });
});

test("no calculator has a text box for JSON: no textarea anywhere in All calculations", async () => {
  await open("unsubscribeRefund");
  const ops = await page.$$eval("#tabs button[data-op]", (bs) => bs.map((b) => b.dataset.op));
  assert.ok(ops.length >= 27);
  for (const op of ops) {
    await page.click(`nav button[data-op="${op}"]`);
    assert.equal(await page.$$eval("#view-calculations textarea", (t) => t.length), 0, op);
    assert.equal(await page.$$eval("#figures .figure.main", (f) => f.length), 1, `${op} answers`);
  }
  assert.deepEqual(pageErrors, []);
});

test("at 390 px every calculator's form fits the width (rows wrap, nothing scrolls sideways)", async () => {
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await open("unsubscribeRefund");
    const ops = await page.$$eval("#tabs button[data-op]", (bs) => bs.map((b) => b.dataset.op));
    for (const op of ops) {
      await page.click(`nav button[data-op="${op}"]`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `${op}: ${overflow} px too wide`);
    }
    await page.click('nav button[data-op="packageUsage"]');
    await shot("calcforms-packageUsage-390-en");
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
  }
});

// Product and company names, codes and units a Chinese label may keep in Latin letters.
const ALLOW = new Set(["Sparkoo"]);

test("in 简体中文 every calculator's labels, legends, buttons, hints and captions are Chinese (no run of 4+ Latin letters)", async () => {
  await open("unsubscribeRefund", "?lang=zh-CN");
  const ops = await page.$$eval("#tabs button[data-op]", (bs) => bs.map((b) => b.dataset.op));
  const bad = [];
  for (const op of ops) {
    await page.click(`nav button[data-op="${op}"]`);
    const texts = await page.$$eval(
      "#tabs button, #fields h2, #fields label, #fields legend, #fields button, #fields .hint, #fields option, #figures .k, #orders-block:not([hidden]) th, #orders-block:not([hidden]) button, label.policy, #chart-box:not([hidden]) figcaption",
      (es) => es.map((e) => (e.matches("label") ? [...e.childNodes].filter((n) => n.nodeName !== "SELECT").map((n) => n.textContent).join(" ") : e.textContent)),
    );
    for (const s of texts) for (const w of s.match(/[A-Za-z]{4,}/g) ?? []) if (!ALLOW.has(w)) bad.push(`${op}: "${w}" in "${s.trim().slice(0, 60)}"`);
    await shot(`calcforms-${op}-zh-CN`);
  }
  assert.deepEqual([...new Set(bad)], []);
  // The rounding switch and the tab names too.
  assert.match(await page.textContent("label.policy"), /舍入/);
  assert.equal(await page.textContent('nav button[data-op="unsubscribeRefund"]'), "退订");
  assert.deepEqual(pageErrors, []);
});
