// The Checkout and My resource views' own forms in 简体中文: with `?lang=zh-CN`, the words a
// customer reads on their labels, buttons, legends, table heads, options, hints, headings,
// captions and accessible names hold no English word. Allowed: product and brand names (ECS, EVS,
// Sparkoo, billcalc), region ids, currency and ISO codes (3 letters or fewer are not checked),
// and what sits under "How it was computed" (formulas). A word is a run of four or more Latin
// letters.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { closeBrowser, openBrowser, results } from "./harness.mjs";

const ALLOWED = new Set(["Sparkoo", "billcalc"]);
// A region's id (ap-southeast-1, cn-hangzhou) is a code, as the console writes it.
const REGION = /\b[a-z]{2}(?:-[a-z]+)+(?:-\d+)?\b/g;

let browser, base, context, page, pageErrors;

before(async () => {
  browser = await openBrowser();
  ({ base, context, page, pageErrors } = browser);
});

after(() => closeBrowser(browser));

/** Each text a customer reads in `root`'s form chrome (outside "How it was computed"), with where
 * it was found. */
function chromeTexts(root) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const out = [];
    const kinds = "label, button, legend, th, option, caption, figcaption, h2, h3, dt, dd, .hint, .lead, .legend li, .loading, .to-pay-bar";
    for (const node of host.querySelectorAll(kinds)) {
      if (node.closest("details, label.lang")) continue;
      const text = node.textContent.trim();
      if (text) out.push([node.tagName.toLowerCase(), text]);
    }
    for (const node of host.querySelectorAll("[aria-label], [placeholder], [title]")) {
      if (node.closest("details, label.lang")) continue;
      for (const a of ["aria-label", "placeholder", "title"]) if (node.getAttribute(a)) out.push([`@${a}`, node.getAttribute(a)]);
    }
    return out;
  }, root);
}

/** The English words (≥ 4 Latin letters, not allowed) in the texts. */
function englishIn(texts) {
  const found = [];
  for (const [where, text] of texts) {
    const words = (text.replace(REGION, "").match(/[A-Za-z]{4,}/g) ?? []).filter((w) => !ALLOWED.has(w));
    if (words.length) found.push(`${where}: "${text}" (${words.join(", ")})`);
  }
  return found;
}

// Each kind of cart line shows its own fields: the test switches the first line through them.
async function everyKindOfLine() {
  const texts = [];
  for (const kind of ["renewal", "unifiedRenewal", "upgrade", "new"]) {
    await page.selectOption('#view-checkout [data-path="items[0].kind"]', kind);
    await page.waitForSelector(`#view-checkout [data-path="items[0].kind"]`);
    texts.push(...(await chromeTexts("#view-checkout")));
  }
  return texts;
}

test("Checkout in zh-CN: the form's labels, buttons, legends and options hold no English word", async () => {
  await page.goto(`${base}?lang=zh-CN#checkout`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector('#view-checkout .cart-form [data-path="items[0].kind"]');
  const texts = [...(await chromeTexts("header")), ...(await chromeTexts("#view-checkout")), ...(await everyKindOfLine())];
  assert.ok(texts.length > 80, `texts checked: ${texts.length}`);
  assert.deepEqual(englishIn(texts), []);
  // Spot checks: the guide's words.
  const all = texts.map(([, t]) => t).join("\n");
  for (const w of ["新购", "续费", "续费至统一到期日", "下单日期", "签约主体", "商务折扣", "代金券", "现金余额", "月结", "新加坡Sparkoo"]) assert.ok(all.includes(w), w);
  await page.screenshot({ path: join(results, "i18n-zh-CN-checkout-form-1280.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("My resource in zh-CN: the form, cards, chart and term table hold no English word", async () => {
  await page.goto(`${base}?lang=zh-CN#resource`);
  await page.waitForSelector("body[data-ready=true]");
  await page.waitForSelector('#view-resource .card.refund .big[data-figure="refund"]');
  await page.waitForSelector("#view-resource .compare-table");
  const texts = await chromeTexts("#view-resource");
  assert.ok(texts.length > 60, `texts checked: ${texts.length}`);
  assert.deepEqual(englishIn(texts), []);
  const all = texts.map(([, t]) => t).join("\n");
  for (const w of ["退订", "升配", "降配", "手续费", "剩余周期", "统一到期日", "按需计费"]) assert.ok(all.includes(w), w);
  await page.screenshot({ path: join(results, "i18n-zh-CN-resource-1280.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("the same check finds the English of the en page (it is not vacuous)", async () => {
  await page.goto(`${base}?lang=en#checkout`);
  await page.waitForSelector('#view-checkout .cart-form [data-path="items[0].kind"]');
  const found = englishIn(await chromeTexts("#view-checkout"));
  assert.ok(found.some((f) => f.includes("New purchase")), found.slice(0, 5).join("\n"));
  assert.ok(found.some((f) => f.includes("Sparkoo Technologies Singapore")));
});
