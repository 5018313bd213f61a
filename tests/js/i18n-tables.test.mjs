// Every table of words a customer reads has a 简体中文 twin: the receipt's (js/receipt-model.js
// WORDS / WORDS_ZH), the page views' (www/checkout.js, www/resource.js, www/timeline.js, the
// form helpers' www/ui.js, the calculators' catalog www/sample.js and the All-calculations view
// www/calculators.js TEXT_BY_LANG) and the page's chrome (www/i18n.js CHROME). The zh-CN
// table must have exactly the English keys, nested tables alike, and a function wherever English
// has one (taking the same number of figures, giving a string).
import { test } from "node:test";
import assert from "node:assert/strict";
import { register } from "node:module";
import { WORDS, WORDS_ZH, WORDS_BY_LANG, wordsFor, receiptModel, plainError } from "../../js/receipt-model.js";

// The page's modules import the browser entry (../js/browser.js): in Node, the package's.
const hook = `export async function resolve(spec, ctx, next) {
  if (/^\\.\\.?\\/(js\\/)?browser\\.js$/.test(spec) && /\\/(www|js)\\/[^/]+\\.js$/.test(ctx.parentURL ?? "")) return next("billcalc", ctx);
  return next(spec, ctx);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

const HAN = /[\u4e00-\u9fff]/;

/** Compares a zh table with the English one, key by key, recursively. */
function sameShape(en, zh, where) {
  assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), `${where}: the same keys`);
  for (const k of Object.keys(en)) {
    const a = en[k];
    const b = zh[k];
    const at = `${where}.${k}`;
    if (typeof a === "function") {
      assert.equal(typeof b, "function", `${at}: a function, as in English`);
      assert.equal(b.length, a.length, `${at}: takes as many figures as in English`);
      const args = Array.from({ length: a.length }, (_, i) => (i === 0 ? 2 : `x${i}`));
      assert.equal(typeof b(...args), "string", `${at}: gives a string`);
    } else if (a && typeof a === "object") {
      assert.ok(b && typeof b === "object" && typeof b !== "function", `${at}: a table, as in English`);
      sameShape(a, b, at);
    } else {
      assert.equal(typeof b, typeof a, `${at}: a ${typeof a}, as in English`);
    }
  }
}

/** Every string of a table, functions called with placeholder figures. */
function texts(t) {
  return Object.values(t).flatMap((v) =>
    typeof v === "function" ? [v(...Array.from({ length: v.length }, (_, i) => (i === 0 ? 2 : `x${i}`)))] : v && typeof v === "object" ? texts(v) : [v],
  );
}

test("the receipt's zh-CN words have exactly the English keys and functions, in Chinese", () => {
  assert.equal(WORDS_BY_LANG.en, WORDS);
  assert.equal(WORDS_BY_LANG["zh-CN"], WORDS_ZH);
  sameShape(WORDS, WORDS_ZH, "WORDS_ZH");
  for (const s of texts(WORDS_ZH)) {
    if (/^[\dx ×]+$/.test(s) || /^x\d \d %?$/.test(s)) continue; // figures only ("2 × x1")
    assert.match(s, HAN, `"${s}" is Chinese`);
  }
});

test("wordsFor picks Chinese for any zh tag and English otherwise", () => {
  for (const tag of ["zh-CN", "zh", "zh-Hans-CN", "ZH-cn"]) assert.equal(wordsFor(tag), WORDS_ZH, tag);
  for (const tag of ["en", "en-US", "", undefined, "fr"]) assert.equal(wordsFor(tag), WORDS, String(tag));
});

test("receiptModel keeps English by default and speaks Chinese given { words: WORDS_ZH }", () => {
  const request = { date: "2024-03-01", items: [{ kind: "new", product: "ECS", quantity: 1, term: "1M", prices: { "1M": "30" } }] };
  const answer = {
    lines: [{ kind: "new", term: "1M", listAmount: "30", amountDue: "30", offers: [] }],
    listTotal: "30",
    discountTotal: "0",
    voucherTotal: "0",
    total: "30",
    tax: null,
    payment: { cash: "30", credit: "0", monthlySettlement: "0", card: "0", unpaid: "0", status: "paid" },
  };
  const en = receiptModel(request, answer, { currency: "USD", locale: "en" });
  assert.equal(en.total.label, "To pay");
  const zh = receiptModel(request, answer, { currency: "USD", locale: "zh-CN", words: WORDS_ZH });
  assert.equal(zh.total.label, "应付金额");
  assert.match(zh.lines[0].head, /新购/);
  assert.match(zh.lines[0].head, /1 个月/);
  assert.equal(zh.payers[0].label, "现金余额");
  assert.equal(zh.taxNote, WORDS_ZH.noCountry);
  assert.equal(plainError({ code: "E_X", message: "bad" }, WORDS_ZH).details, "详情：E_X");
});

for (const view of ["checkout", "resource", "timeline", "ui", "sample", "calculators"]) {
  test(`www/${view}.js: the zh-CN TEXT has exactly the English keys and functions, in Chinese`, async () => {
    const { TEXT_BY_LANG } = await import(`../../www/${view}.js`);
    assert.deepEqual(Object.keys(TEXT_BY_LANG).sort(), ["en", "zh-CN"]);
    sameShape(TEXT_BY_LANG.en, TEXT_BY_LANG["zh-CN"], `${view} TEXT zh-CN`);
    for (const s of texts(TEXT_BY_LANG["zh-CN"])) {
      if (/^[\s≈x\d，（）]+$/.test(s)) continue; // figures and punctuation only ("≈ 2", "2（x1）")
      assert.match(s, HAN, `"${s}" is Chinese`);
    }
  });
}

test("www/i18n.js: the zh-CN chrome has exactly the English keys and functions, in Chinese", async () => {
  const { CHROME } = await import("../../www/i18n.js");
  assert.deepEqual(Object.keys(CHROME).sort(), ["en", "zh-CN"]);
  sameShape(CHROME.en, CHROME["zh-CN"], "CHROME zh-CN");
  for (const s of texts(CHROME["zh-CN"])) assert.match(s, HAN, `"${s}" is Chinese`);
});
