// Refusals and the package's stable words in 简体中文: with `?lang=zh-CN` a refused field reads its
// code's Chinese sentence (js/refusals-zh-CN.js), the English message and the code on its details
// line, in Checkout (and its receipt), My resource (next to the field, on the cards) and All
// calculations; in English the same refusal reads as before ("… Details: CODE"). The
// calculators' figures show the answers' stable words (`grace`, `huaweiCloud`, `months`) in
// Chinese (js/messages.js VALUES), their data-value as the package wrote it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeBrowser, openBrowser, results } from "./harness.mjs";
import { REFUSALS, VALUES } from "../../js/messages.js";

const ZH = REFUSALS["zh-CN"];
const HAN = /[\u4e00-\u9fff]/;

let browser, base, context, page, pageErrors;

before(async () => {
  browser = await openBrowser({ locale: "en-US" });
  ({ base, context, page, pageErrors } = browser);
});

after(() => closeBrowser(browser));

const open = async (query, hash) => {
  await page.goto("about:blank");
  await page.goto(`${base}${query}${hash}`);
  await page.waitForSelector("body[data-ready=true]");
};

/** A refusal shown at `sel`: its words (the text before the details line) and its details line. */
const refusalAt = (sel) =>
  page.$eval(sel, (e) => {
    const details = e.querySelector(".error-code")?.textContent ?? "";
    return { words: e.textContent.slice(0, e.textContent.length - details.length), details };
  });
const receiptText = () => page.$eval("billcalc-receipt", (r) => r.shadowRoot.textContent);

test("Checkout in zh-CN: a refused price reads the Chinese sentence, the English and the code on its details line; the receipt too", async () => {
  await open("?lang=zh-CN", "#checkout");
  await page.fill('#view-checkout [data-path="items[0].prices.1M"]', "3O");
  const at = '#view-checkout .field-error[data-error-for="items[0].prices.1M"]';
  await page.waitForSelector(at);
  const r = await refusalAt(at);
  assert.equal(r.words, ZH.INVALID_MONEY);
  assert.match(r.details, /^详情：.*[A-Za-z]{4,}.*（INVALID_MONEY）$/, "the English message and the code");
  assert.doesNotMatch(r.details, /§|items\[|prices\.1M/, "the English in words");
  const receipt = await receiptText();
  assert.ok(receipt.includes(ZH.INVALID_MONEY), "the receipt's refused line in Chinese");
  assert.match(receipt, /（INVALID_MONEY）/);
  // A whole-cart field.
  await page.fill('#view-checkout [data-path="items[0].prices.1M"]', "30");
  await page.fill('#view-checkout [data-path="balance.cash"]', "lots");
  assert.equal((await refusalAt('#view-checkout .field-error[data-error-for="balance.cash"]')).words, ZH.INVALID_MONEY);
  await page.fill('#view-checkout [data-path="balance.cash"]', "500");
  assert.equal(await page.$("#view-checkout .field-error"), null, "cleared");
  await page.screenshot({ path: join(results, "i18n-zh-CN-checkout-refusal.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("Checkout in English: the same refusal reads as before (words, then Details: CODE)", async () => {
  await open("?lang=en", "#checkout");
  await page.fill('#view-checkout [data-path="items[0].prices.1M"]', "3O");
  const at = '#view-checkout .field-error[data-error-for="items[0].prices.1M"]';
  await page.waitForSelector(at);
  const r = await refusalAt(at);
  assert.equal(r.details, "Details: INVALID_MONEY");
  assert.match(r.words, /decimal amount/, "the English message, in words");
  assert.doesNotMatch(r.words, HAN);
  assert.doesNotMatch(await receiptText(), HAN);
  assert.deepEqual(pageErrors, []);
});

test("My resource in zh-CN: a refused end date reads Chinese next to the field, on the cards and in the timeline; English unchanged", async () => {
  await open("?lang=zh-CN", "#resource");
  await page.waitForSelector('#view-resource [data-figure="refund"]');
  await page.fill('#view-resource [data-path="orders[0].end"]', "2022-08-01");
  const at = '#view-resource .field-error[data-error-for="orders[0].end"]';
  await page.waitForSelector(at);
  const r = await refusalAt(at);
  assert.equal(r.words, ZH.INVALID_PERIOD);
  assert.match(r.details, /^详情：.*[A-Za-z]{4,}.*（INVALID_PERIOD）$/);
  const cardError = await refusalAt('[data-card="refund"] .card-error');
  assert.equal(cardError.words, ZH.INVALID_PERIOD);
  assert.match(cardError.details, /（INVALID_PERIOD）$/);
  // Every refusal the view shows is a Chinese sentence, its English only on a details line.
  const shown = await page.$$eval("#view-resource .card-error, #view-resource .field-error", (es) =>
    es
      .filter((e) => e.textContent)
      .map((e) => {
        const d = e.querySelector(".error-code")?.textContent ?? "";
        return [e.textContent.slice(0, e.textContent.length - d.length), d];
      }),
  );
  assert.ok(shown.length >= 2, `refusals shown: ${shown.length}`);
  for (const [words, details] of shown) {
    assert.ok(Object.values(ZH).includes(words), `"${words}" is a code's sentence`);
    assert.match(details, /^详情：/);
  }
  await page.screenshot({ path: join(results, "i18n-zh-CN-resource-refusal.png"), fullPage: true });

  await open("?lang=en", "#resource");
  await page.waitForSelector('#view-resource [data-figure="refund"]');
  await page.fill('#view-resource [data-path="orders[0].end"]', "2022-08-01");
  await page.waitForSelector(at);
  const en = await refusalAt(at);
  assert.equal(en.details, "Details: INVALID_PERIOD");
  assert.doesNotMatch(en.words, HAN);
  assert.doesNotMatch(await page.textContent("#view-resource"), HAN, "no Chinese in the English view");
  assert.deepEqual(pageErrors, []);
});

test("All calculations in zh-CN: a refused date reads Chinese with the code on its details line; in English as before", async () => {
  const refuse = async (query) => {
    await open(query, "#calculations");
    await page.click('nav button[data-op="downgradeRefund"]');
    await page.waitForSelector("#fields h2");
    await page.fill('#orders [data-path="orders[0].end"]', "2018-10-01");
    const at = 'td .field-error[data-error-for="orders[0].end"]';
    await page.waitForSelector(at);
    return refusalAt(at);
  };
  const zh = await refuse("?lang=zh-CN");
  assert.equal(zh.words, ZH.INVALID_PERIOD);
  assert.match(zh.details, /^详情：.*[A-Za-z]{4,}.*（INVALID_PERIOD）$/);
  const en = await refuse("?lang=en");
  assert.equal(en.details, "Details: INVALID_PERIOD");
  assert.doesNotMatch(en.words, HAN);
  assert.deepEqual(pageErrors, []);
});

test("All calculations in zh-CN: the figures show the answers' stable words in Chinese, data-value as the package wrote it", async () => {
  const words = VALUES["zh-CN"];
  const figuresOf = async (query, op) => {
    await open(query, "#calculations");
    await page.click(`nav button[data-op="${op}"]`);
    await page.waitForSelector("#fields h2");
    await page.waitForSelector("#figures .figure");
    return page.$$eval("#figures .figure", (fs) => fs.map((f) => [f.dataset.figure, f.dataset.value, f.querySelector(".v").textContent]));
  };
  const ops = ["invoice", "resourceTimeline", "consumptionQuota", "paymentSplit", "bestDiscount", "upgradeCost", "autoRenewalSchedule"];
  const seen = new Set();
  for (const op of ops) {
    const zh = await figuresOf("?lang=zh-CN", op);
    const en = await figuresOf("?lang=en", op);
    for (const [key, value, text] of zh) {
      if (Object.hasOwn(words, value)) {
        seen.add(value);
        assert.equal(text, words[value], `${op} ${key}: ${value} in Chinese`);
        assert.equal(en.find(([k]) => k === key)?.[2], value, `${op} ${key}: in English the value as it is`);
      }
      // A record's or list's stable words too (the periods' states).
      for (const w of value.match(/\b[a-z][A-Za-z]{3,}\b/g) ?? []) if (Object.hasOwn(words, w) && value !== w) assert.ok(!new RegExp(`\\b${w}\\b`).test(text), `${op} ${key}: "${w}" in words in "${text}"`);
    }
  }
  for (const v of ["subscription", "huaweiCloud", "grace", "failsEveryAttempt", "normal", "paid", "promotion", "years"]) assert.ok(seen.has(v), `${v} is shown (saw ${[...seen].join(", ")})`);
  assert.deepEqual(pageErrors, []);
});
