// The page in 简体中文 and in English: the language comes from the browser (navigator.language),
// a visible switch changes it and is remembered (localStorage `billcalc.lang`), `?lang=` overrides
// both; `<html lang>` follows; a breakdown's lines, facts and notes read in the chosen language
// (from the package's message tables, by key); and no Chinese character on the page renders as a
// missing glyph (a box): each is drawn on a canvas in the page's own font stack and compared
// with the drawing of a character no font has.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { ARGS, closeBrowser, openBrowser, results } from "./harness.mjs";

let browser, base, context, page, pageErrors;

before(async () => {
  browser = await openBrowser({ args: [...ARGS, "--lang=zh-CN"], locale: "zh-CN" });
  ({ base, context, page, pageErrors } = browser);
});

after(() => closeBrowser(browser));

async function open(url) {
  await page.goto("about:blank");
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]");
}

async function unsubscribeBreakdown() {
  await page.click("#tab-calculations");
  await page.click('nav button[data-op="unsubscribeRefund"]');
  await page.waitForFunction(() => document.querySelectorAll("#lines tbody tr").length > 0);
  return page.textContent("#result");
}

/** The Chinese characters in `selector` that render as no font's glyph (a box) or as nothing. */
function missingGlyphs(selector) {
  return page.evaluate((sel) => {
    const host = document.querySelector(sel);
    const text = host.textContent;
    const chars = [...new Set([...text].filter((c) => /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/.test(c)))];
    const family = getComputedStyle(host).fontFamily;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 48;
    const g = canvas.getContext("2d", { willReadFrequently: true });
    const draw = (ch) => {
      g.clearRect(0, 0, 48, 48);
      g.font = `32px ${family}`;
      g.fillStyle = "#000";
      g.fillText(ch, 4, 38);
      return g.getImageData(0, 0, 48, 48).data.join(",");
    };
    const tofu = draw("\u{10FFFD}"); // a private-use character of plane 16: no font draws it
    const blank = (() => {
      g.clearRect(0, 0, 48, 48);
      return g.getImageData(0, 0, 48, 48).data.join(",");
    })();
    const bad = chars.filter((c) => {
      const d = draw(c);
      return d === tofu || d === blank;
    });
    return { chars: chars.length, bad, probe: draw("\u{10FFFD}") === tofu };
  }, selector);
}

test("a Chinese browser gets the page in 简体中文: <html lang>, the chrome, the breakdown", async () => {
  await open(`${base}#calculations`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  assert.equal(await page.textContent("#tab-resource"), "我的资源");
  assert.equal(await page.inputValue("#lang-switch"), "zh-CN");
  const text = await unsubscribeBreakdown();
  assert.match(text, /已消费金额/);
  assert.match(text, /110\.00 × 14 \/ 32 = 48\.125 → 48\.13/);
  assert.match(text, /手续费/);
  assert.match(text, /正在使用的订单所用代金券不退还/);
  await page.screenshot({ path: join(results, "i18n-zh-CN-calculations-1280.png"), fullPage: true });
});

test("no Chinese character renders as a missing glyph", async () => {
  await open(`${base}?lang=zh-CN#calculations`);
  await unsubscribeBreakdown();
  const { chars, bad, probe } = await missingGlyphs("body");
  assert.ok(probe, "the probe draws the same box twice");
  assert.ok(chars > 40, `Chinese characters checked: ${chars}`);
  assert.deepEqual(bad, [], `characters drawn as boxes: ${bad.join("")} (is fonts-noto-cjk installed? scripts/setup-browser.sh)`);
  // The check itself catches a box: a character no font has is reported.
  const probeText = await page.evaluate(() => {
    const p = document.createElement("p");
    p.id = "probe";
    p.textContent = "\u{10FFFD}\u4e2d";
    document.body.append(p);
    return p.id;
  });
  const found = await page.evaluate((id) => {
    const host = document.getElementById(id);
    const family = getComputedStyle(host).fontFamily;
    const c = document.createElement("canvas");
    c.width = c.height = 48;
    const g = c.getContext("2d", { willReadFrequently: true });
    const draw = (ch) => {
      g.clearRect(0, 0, 48, 48);
      g.font = `32px ${family}`;
      g.fillText(ch, 4, 38);
      return g.getImageData(0, 0, 48, 48).data.join(",");
    };
    return draw("\u4e2d") !== draw("\u{10FFFD}");
  }, probeText);
  assert.ok(found, "中 draws differently from a box");
});

test("the Checkout receipt and the views' own words read in 简体中文", async () => {
  await open(`${base}?lang=zh-CN`);
  await page.waitForFunction(() => document.querySelector("billcalc-receipt")?.shadowRoot?.textContent);
  const receipt = await page.$eval("billcalc-receipt", (r) => r.shadowRoot.textContent);
  assert.match(receipt, /收据/);
  assert.match(receipt, /新购 · ECS · ap-southeast-1 · 1 个月 × 2/);
  assert.match(receipt, /商务折扣 × 0\.9/);
  assert.match(receipt, /代金券 welcome20/);
  assert.match(receipt, /应付金额/);
  assert.match(receipt, /支付方式/);
  assert.match(receipt, /现金余额/);
  assert.doesNotMatch(receipt, /To pay|Who pays|New purchase|Business discount/);
  // How it was computed: the discount and tax lines and the offers' notes by their keys.
  const how = await page.$eval("billcalc-receipt", (r) => {
    const d = r.shadowRoot.querySelector("details");
    d.open = true;
    return new Promise((done) => setTimeout(() => done(d.textContent), 50));
  });
  assert.match(how, /购物车项 items\[0\]：商务授权折扣 × 0\.9/);
  assert.match(how, /税费：GST/);
  assert.match(how, /订单金额最低：54\.00（已选用）/);
  assert.doesNotMatch(how, /lowest order amount|business discount|\(half up\)|payment: |tax: /);
  // The view's own words: the total bar and the tax fields.
  assert.match(await page.textContent("#view-checkout"), /应付金额 .*，详见收据/);
  assert.match(await page.textContent("#view-checkout"), /税率（如已知）/);
  await page.screenshot({ path: join(results, "i18n-zh-CN-checkout-1280.png"), fullPage: true });
  assert.deepEqual(pageErrors, []);
});

test("My resource's timeline reads in 简体中文: the states, what works, the events", async () => {
  await open(`${base}?lang=zh-CN#resource`);
  await page.waitForSelector("#view-resource .timeline-list li");
  const states = await page.$$eval("#view-resource .timeline-list li strong", (s) => s.map((x) => x.textContent));
  assert.deepEqual(states, ["使用中", "已过期（宽限期）", "已冻结（保留期）", "已释放"]);
  const list = await page.textContent("#view-resource .timeline-list");
  assert.match(list, /照常使用；仍可开通新服务/);
  assert.doesNotMatch(list, /003 §|works as usual|in use|released/, "no English, no section references");
  const events = await page.textContent("#view-resource .timeline-events");
  assert.match(events, /周期结束：资源过期，进入 15 天宽限期/);
  assert.doesNotMatch(events, /the term ends|grace period/);
  assert.deepEqual(pageErrors, []);
});

test("the switch changes the language, remembers it, and ?lang= overrides it", async () => {
  await open(`${base}?lang=zh-CN#calculations`);
  await Promise.all([page.waitForNavigation(), page.selectOption("#lang-switch", "en")]);
  await page.waitForSelector("body[data-ready=true]");
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  assert.equal(await page.evaluate(() => localStorage.getItem("billcalc.lang")), "en");
  const text = await unsubscribeBreakdown();
  assert.match(text, /consumed amount/);
  assert.doesNotMatch(text, /已消费金额/);
  // Remembered without the parameter, although the browser prefers Chinese.
  await open(`${base}#calculations`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await open(`${base}?lang=zh-CN#calculations`);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
  await page.evaluate(() => localStorage.removeItem("billcalc.lang"));
  assert.deepEqual(pageErrors, []);
});
