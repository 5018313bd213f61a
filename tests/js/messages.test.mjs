// The breakdown's message tables (js/messages.js): every English key has its 简体中文 templates
// with the same placeholders, and rendering an answer's keyed lines, facts and notes in English
// gives back the answer's own text (one interpolator, the same in Rust and JS), for every answer
// of the golden vectors.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as billcalc from "billcalc";
import { MESSAGES, LANGUAGES, pickLanguage, renderBreakdown, renderFact, renderLine, renderNotes, renderText } from "billcalc/messages";

const placeholders = (s) => [...s.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();

test("every English key has 简体中文 templates with the same placeholders, and no other keys", () => {
  const en = MESSAGES.en;
  const zh = MESSAGES["zh-CN"];
  assert.deepEqual(LANGUAGES, ["en", "zh-CN"]);
  const missing = Object.keys(en).filter((k) => !(k in zh));
  assert.deepEqual(missing, [], "keys without a 简体中文 entry");
  const extra = Object.keys(zh).filter((k) => !(k in en));
  assert.deepEqual(extra, [], "简体中文 keys the English table does not have");
  for (const [key, [label, formula]] of Object.entries(en)) {
    const [zl, zf] = zh[key];
    assert.deepEqual([...new Set(placeholders(zl + zf))].sort(), [...new Set(placeholders(label + formula))].sort(), key);
    if (label !== "" && /[A-Za-z]{3,}/.test(label.replace(/\{[^}]*\}|rules\.md|billcalc|downgradeRefund|RI/g, "")))
      assert.match(zl, /[\u4e00-\u9fff]|^\{|^[^A-Za-z]*$/, `${key}: the 简体中文 label reads Chinese`);
  }
});

test("the browser's language picks the table: any zh reads Chinese, anything else English", () => {
  assert.equal(pickLanguage(["zh-TW", "en"]), "zh-CN");
  assert.equal(pickLanguage("zh"), "zh-CN");
  assert.equal(pickLanguage(["de-DE", "en-GB"]), "en");
  assert.equal(pickLanguage(["fr"]), "en");
});

const vectorsDir = new URL("../vectors/", import.meta.url);
const answers = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, vectorsDir), "utf8")))
  .filter((v) => !v.error)
  .map((v) => {
    try {
      return [v.name, billcalc.calculate(v.request), v.request];
    } catch {
      return null;
    }
  })
  .filter(Boolean);

// The wasm module ships no English templates: the package writes a breakdown's English text from
// js/messages-en.js. The native build renders it in Rust from the same table: both must agree,
// text for text, on every answer of the golden vectors.
function nativeAnswers(requests) {
  const bin = ["target/debug/billcalc", "target/release/billcalc"].map((p) => new URL(`../../${p}`, import.meta.url)).find((u) => existsSync(u));
  if (!bin) return null;
  const out = execFileSync(fileURLToPath(bin), ["calc", "--jobs", "1"], { input: requests.map((r) => JSON.stringify(r)).join("\n") + "\n", maxBuffer: 1 << 28 });
  return out.toString().trim().split("\n").map((l) => JSON.parse(l));
}

test("in English, every breakdown the package answers is the native build's, text for text", (t) => {
  const native = nativeAnswers(answers.map(([, , request]) => request));
  if (!native) return t.skip("no native build (cargo build) to compare with");
  let keyed = 0;
  answers.forEach(([name, answer], i) => {
    const b = answer.breakdown;
    const n = native[i].breakdown;
    if (!b && !n) return;
    keyed += b.lines.filter((l) => l.key).length + b.facts.filter((f) => f.key).length;
    assert.deepEqual(JSON.parse(JSON.stringify(b)), n, name);
    assert.deepEqual(renderNotes(b, "en"), b.notes, name);
    assert.equal((b.noteMessages ?? []).length, b.notes.length, `${name}: a message slot per note`);
  });
  assert.ok(keyed > 50, `keyed lines and facts compared: ${keyed}`);
});

test("in English, an answer's texts told by messages (a timeline's states, an offer's reason) are the native build's", (t) => {
  const native = nativeAnswers(answers.map(([, , request]) => request));
  if (!native) return t.skip("no native build (cargo build) to compare with");
  let told = 0;
  answers.forEach(([name, answer], i) => {
    const { breakdown: _b, ...rest } = JSON.parse(JSON.stringify(answer));
    const { breakdown: _n, ...own } = native[i];
    assert.deepEqual(rest, own, name);
    told += (JSON.stringify(rest).match(/"messages":\{"/g) ?? []).length;
  });
  assert.ok(told > 20, `answers' members told by messages: ${told}`);
});

test("a timeline's states and events, and an offer's reason, render in 简体中文", () => {
  const a = billcalc.resourceTimeline({ expiry: "2020-08-31", purchaseTerm: "1M", autoRenewal: {}, prices: { "1M": "100" }, cashBalance: "0" });
  assert.deepEqual(a.periods.map((p) => renderText(p, "label", "zh-CN")), ["使用中", "已过期（宽限期）", "已冻结（保留期）", "已释放"]);
  assert.deepEqual(a.periods.map((p) => renderText(p, "label")), a.periods.map((p) => p.label));
  for (const e of a.events) assert.match(renderText(e, "what", "zh-CN"), /[\u4e00-\u9fff]/, e.what);
  assert.equal(a.periods[1].works, "works as usual; new services can still be opened (003 §1.4)");
  const d = billcalc.bestDiscount({ listAmount: "100", date: "2022-01-01", business: "0.9", partner: "0.8" });
  assert.deepEqual(d.candidates.map((c) => c.reason), ["90.00 is above the lowest 80.00", "lowest order amount 80.00 (chosen)"]);
  assert.equal(renderText(d.candidates[1], "reason", "zh-CN"), "订单金额最低：80.00（已选用）");
});

test("rendered in 简体中文, keyed texts read Chinese and leave no placeholder unfilled", () => {
  for (const [name, answer] of answers) {
    if (!answer.breakdown) continue;
    const zh = renderBreakdown(answer.breakdown, "zh-CN");
    answer.breakdown.lines.forEach((l, i) => {
      if (!l.key) return;
      assert.doesNotMatch(zh.lines[i].label + zh.lines[i].formula, /\{[A-Za-z]+\}/, `${name}: ${l.key}`);
      assert.equal(zh.lines[i].amount, l.amount);
    });
  }
  const u = billcalc.unsubscribeRefund({
    scenario: "inUse",
    date: "2022-09-02",
    orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }],
  });
  const zh = renderBreakdown(u.breakdown, "zh-CN");
  const consumed = zh.lines.find((l) => l.label === "已消费金额");
  assert.ok(consumed, JSON.stringify(zh.lines));
  assert.match(consumed.formula, /110\.00 × 14 \/ 32 = 48\.125 → 48\.13（按 003 §3\.4\.2\.2 四舍五入到分：控制台策略）/);
});
