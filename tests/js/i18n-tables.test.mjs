// Every table of words a customer reads has a 简体中文 twin: the receipt's (js/receipt-model.js
// WORDS / WORDS_ZH), the page views' (www/checkout.js, www/resource.js, www/timeline.js, the
// form helpers' www/ui.js, the sellers' names www/sellers.js and the All-calculations view
// www/calculators.js TEXT_BY_LANG, which holds the catalog's: www/sample.js is English only) and
// the page's chrome (www/i18n.js CHROME); the refusals' sentences by code and the words of the
// answers' stable values (js/messages.js REFUSALS, VALUES). The zh-CN
// table must have exactly the English keys, nested tables alike, and a function wherever English
// has one (taking the same number of figures, giving a string).
import { test } from "node:test";
import assert from "node:assert/strict";
import { register } from "node:module";
import { readFileSync } from "node:fs";
import { WORDS, WORDS_ZH, WORDS_BY_LANG, wordsFor, receiptModel, plainError } from "../../js/receipt-model.js";
import { REFUSALS, VALUES, refusalText, valueText } from "../../js/messages.js";

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
  assert.deepEqual(plainError({ code: "E_X", message: "bad" }, WORDS_ZH), { text: WORDS_ZH.refusal("E_X", "Bad"), code: "E_X", details: "详情：Bad（E_X）" });
});

for (const view of ["checkout", "resource", "timeline", "ui", "sellers", "calculators"]) {
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

test("the catalog's words have one Chinese table: the calculators'; the sellers' names one table, read by both forms", async () => {
  const sample = await import("../../www/sample.js");
  assert.equal(sample.TEXT_BY_LANG, undefined, "www/sample.js holds no translation of its own");
  const { TEXT_BY_LANG } = await import("../../www/calculators.js");
  const sellers = (await import("../../www/sellers.js")).TEXT_BY_LANG;
  for (const tag of ["en", "zh-CN"]) for (const [value, name] of Object.entries(sellers[tag])) assert.equal(TEXT_BY_LANG[tag].options[value], name, `${tag} ${value}`);
  for (const v of sample.VIEWS) assert.ok(TEXT_BY_LANG["zh-CN"].titles[v.op], `${v.op}: a Chinese title`);
});

// ---------- the package's refusals and the answers' stable words ----------

const TYPES = readFileSync(new URL("../../js/types.d.ts", import.meta.url), "utf8");
const INDEX = readFileSync(new URL("../../js/index.d.ts", import.meta.url), "utf8");
/** Every `export type Name = …;` of js/types.d.ts by name. */
const DECLARED = Object.fromEntries(
  TYPES.split(/\n\n+/)
    .map((block) => /^export type (\w+) = ([\s\S]*);\s*$/m.exec(block))
    .filter(Boolean)
    .map((m) => [m[1], m[2]]),
);
/** The string unions among them: name → their values. */
const UNIONS = Object.fromEntries(
  Object.entries(DECLARED)
    .filter(([, body]) => /^"[^"]*"(\s*\|\s*"[^"]*")*$/.test(body.trim()))
    .map(([name, body]) => [name, [...body.matchAll(/"([^"]*)"/g)].map((m) => m[1])]),
);

/** The string unions an answer can carry: those reachable from the operations' return types
 * (js/index.d.ts), through the members of the types they name. */
function answerUnions() {
  const todo = [...INDEX.matchAll(/\):\s*(?:types\.)?(\w+);/g)].map((m) => m[1]);
  assert.ok(todo.length >= 25, "the operations' answers are found in js/index.d.ts");
  const seen = new Set();
  const unions = new Set();
  while (todo.length) {
    const name = todo.pop();
    if (seen.has(name)) continue;
    seen.add(name);
    if (UNIONS[name]) unions.add(name);
    else if (DECLARED[name]) for (const m of DECLARED[name].replace(/\/\*\*[\s\S]*?\*\//g, "").matchAll(/\b([A-Z]\w*)\b/g)) todo.push(m[1]);
  }
  return unions;
}

test("every ErrorCode of js/types.d.ts has one zh-CN sentence, in Chinese, and no other code has one", () => {
  const codes = UNIONS.ErrorCode;
  assert.ok(codes?.length >= 30, "the ErrorCode union is read from js/types.d.ts");
  assert.deepEqual(Object.keys(REFUSALS["zh-CN"]).sort(), [...codes].sort());
  for (const [code, s] of Object.entries(REFUSALS["zh-CN"])) {
    assert.match(s, HAN, `${code}: "${s}" is Chinese`);
    assert.doesNotMatch(s, /§|\b[A-Z_]{4,}\b|\{/, `${code}: no section, code or placeholder in "${s}"`);
  }
  assert.deepEqual(REFUSALS.en, {}, "English: the refusal's own message");
  assert.equal(refusalText({ code: "INVALID_DATE", message: "bad day" }, "zh-CN"), REFUSALS["zh-CN"].INVALID_DATE);
  assert.equal(refusalText({ code: "INVALID_DATE", message: "bad day" }, "en"), "bad day");
});

test("every stable word an answer carries (the answer types' string unions) has one zh-CN word, and no other value has one", () => {
  const unions = answerUnions();
  for (const u of ["ResourceState", "InvoiceKind", "InvoiceIssuer", "AttemptOutcome", "QuotaState", "PaymentStatus", "DiscountKind", "PeriodUnit"])
    assert.ok(unions.has(u), `${u} is found among the answers' unions`);
  unions.delete("ErrorCode"); // the refusals' own table
  const values = new Set([...unions].flatMap((u) => UNIONS[u]));
  assert.deepEqual(Object.keys(VALUES["zh-CN"]).sort(), [...values].sort());
  for (const [v, w] of Object.entries(VALUES["zh-CN"])) assert.match(w, HAN, `${v}: "${w}" is Chinese`);
  assert.equal(valueText("failsEveryAttempt", "zh-CN"), "每次扣款都会失败");
  assert.equal(valueText("months", "zh-CN"), "个月");
  assert.equal(valueText("failsEveryAttempt", "en"), "failsEveryAttempt");
  for (const other of ["ECS", "2024-03-01", "1M", "12.50", "toString", "constructor"]) assert.equal(valueText(other, "zh-CN"), other);
  assert.equal(valueText(undefined, "zh-CN"), undefined);
});

test("a refusal in zh-CN reads as its code's sentence, the English and the code on the details line; in English unchanged", () => {
  const err = { code: "PRICE_NOT_FOUND", path: "items[0].prices.1M", message: "items[0].prices has no price for 1M (003 §3.2.7)" };
  const en = plainError(err, WORDS);
  assert.deepEqual(en, { text: "Item 1 prices has no price for 1M", code: "PRICE_NOT_FOUND", details: "Details: PRICE_NOT_FOUND" });
  assert.deepEqual(plainError(err), en, "English by default");
  const zh = plainError(err, WORDS_ZH);
  assert.equal(zh.text, REFUSALS["zh-CN"].PRICE_NOT_FOUND);
  assert.equal(zh.details, "详情：Item 1 prices has no price for 1M（PRICE_NOT_FOUND）");
  // A refusal the page wrote in Chinese itself stays as written.
  const own = plainError({ code: "MISSING_FIELD", path: "x", message: "价格 30 缺少时长" }, WORDS_ZH);
  assert.deepEqual(own, { text: "价格 30 缺少时长", code: "MISSING_FIELD", details: "详情：MISSING_FIELD" });
  // Words without a `refusal` (a page's own table, written before it) keep the message.
  const { refusal, ...older } = WORDS_ZH;
  assert.equal(plainError(err, older).text, en.text);
});
