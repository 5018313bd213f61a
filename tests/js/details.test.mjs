// The members only an explanation builds (issue 21): a figures-only call (the raw module's
// `calculateJson(op, text, false)`) neither builds nor writes them; the package gives them on
// first read, with `breakdown`, from one explained call, and they then read as the CLI answers
// them. Which members: js/exports.js, written from the Rust answers' `Detail` members.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as billcalc from "billcalc";
import * as raw from "../../pkg/billcalc.js";
import { wrap } from "../../js/api.js";

raw.initSync({ module: readFileSync(new URL("../../pkg/billcalc_bg.wasm", import.meta.url)) });

// The generated table, read from js/exports.js (it is not exported: the package's exports are
// the operations).
const exportsText = readFileSync(new URL("../../js/exports.js", import.meta.url), "utf8");
const DETAILS = Object.fromEntries(
  [...exportsText.match(/const DETAILS = \{\n([^}]*)\};/)[1].matchAll(/^ {2}(\w+): (\[[^\]]*\]),$/gm)].map((m) => [m[1], JSON.parse(m[2])]),
);

test("the detail members are the refunds' orders and refundTo, and upgradeCost's orders", () => {
  assert.deepEqual(DETAILS, {
    upgradeCost: ["orders"],
    downgradeRefund: ["orders", "refundTo"],
    unsubscribeRefund: ["orders", "refundTo"],
    switchToOnDemand: ["orders", "refundTo"],
    reservedInstanceRefund: ["refundTo"],
  });
});

const vectorsDir = new URL("../vectors/", import.meta.url);
const requests = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, vectorsDir), "utf8")))
  .filter((v) => !v.error && v.request.op in DETAILS)
  .map((v) => [v.name, v.request])
  .filter(([, { op, ...rest }]) => {
    try {
      billcalc[op](rest);
      return true;
    } catch {
      return false;
    }
  });

test("a figures-only text has neither breakdown nor the detail members; an explained one has all", () => {
  assert.ok(requests.length >= 20, `vectors answered: ${requests.length}`);
  for (const [name, { op, ...rest }] of requests) {
    const text = JSON.stringify(rest);
    const figures = JSON.parse(raw.calculateJson(op, text, false));
    const explained = JSON.parse(raw.calculateJson(op, text, true));
    for (const m of [...DETAILS[op], "breakdown"]) {
      assert.ok(!(m in figures), `${name}: ${m} in the figures-only answer`);
      assert.ok(m in explained, `${name}: no ${m} in the explained answer`);
      delete explained[m];
    }
    assert.deepEqual(figures, explained, `${name}: the figures are the same`);
  }
});

function nativeAnswers(list) {
  const bin = ["target/debug/billcalc", "target/release/billcalc"].map((p) => new URL(`../../${p}`, import.meta.url)).find((u) => existsSync(u));
  if (!bin) return null;
  const input = list.map((r) => JSON.stringify(r)).join("\n") + "\n";
  const out = execFileSync(fileURLToPath(bin), ["calc", "--jobs", "1"], { input, maxBuffer: 1 << 28 });
  return out.toString().trim().split("\n").map((l) => JSON.parse(l));
}

test("the package's detail members, read, are the CLI's; no member more or less", (t) => {
  const native = nativeAnswers(requests.map(([, r]) => r));
  if (!native) return t.skip("no native build (cargo build) to compare with");
  requests.forEach(([name, { op, ...rest }], i) => {
    const answer = billcalc[op](rest);
    for (const m of DETAILS[op]) assert.deepEqual(answer[m], native[i][m], `${name}: ${m}`);
    // The lazy members come after the figures (upgradeCost's orders after cheaperByPrice).
    assert.deepEqual(Object.keys(answer).sort(), Object.keys(native[i]).sort(), `${name}: members`);
  });
});

// The raw module, counting its calls: [op, explain] each.
function counted() {
  const calls = [];
  const module = {
    calculateJson: (op, text, explain) => {
      calls.push([op, explain]);
      return raw.calculateJson(op, text, explain);
    },
    curveJson: raw.curveJson,
    lastPanic: raw.lastPanic,
  };
  return { api: wrap(module, Object.keys(DETAILS), DETAILS), calls };
}

const downgrade = {
  date: "2018-11-24",
  orders: [{ start: "2018-11-01", end: "2018-11-30", term: "1M", paidCash: "120" }],
  newPrices: { "1M": "90" },
};

test("several lazy reads make one explained call", () => {
  const { api, calls } = counted();
  const r = api.downgradeRefund(downgrade);
  assert.deepEqual(calls, [["downgradeRefund", false]]);
  assert.equal(r.refund, "10.00");
  assert.deepEqual(calls.length, 1, "a figure is read without a call");
  assert.equal(r.orders.length, 1);
  assert.equal(r.orders[0].remainingValue, "28.00");
  assert.deepEqual(r.refundTo, { destination: "balance", arrives: "about 1 working day" });
  assert.ok(r.breakdown.lines.length > 0);
  assert.equal(r.breakdown.lines[0].label, "remaining value of order 0 (1M)", "the breakdown's English written");
  assert.equal(r.orders, r.orders, "the same array on every read");
  assert.deepEqual(calls, [
    ["downgradeRefund", false],
    ["downgradeRefund", true],
  ]);
  // The breakdown first, then the details: still one explained call.
  const s = api.calculate({ op: "unsubscribeRefund", scenario: "inUse", date: "2022-09-02", orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }] });
  assert.equal(s.breakdown.policy, "console");
  assert.equal(s.orders[0].status, "inUse");
  assert.equal(s.refundTo.destination, "balance");
  assert.deepEqual(calls.slice(2), [
    ["unsubscribeRefund", false],
    ["unsubscribeRefund", true],
  ]);
  // upgradeCost: the per-order fees wait; the cost is their sum either way.
  const u = { date: "2019-03-31", orders: [{ start: "2019-01-31", end: "2020-01-31", term: "1Y", paidCash: "120" }], oldPrices: { "1Y": "120" }, newPrices: { "1Y": "150" } };
  const q = api.upgradeCost(u);
  assert.ok(!("orders" in JSON.parse(raw.calculateJson("upgradeCost", JSON.stringify(u), false))));
  assert.equal(q.orders.length, 1);
  assert.equal(q.orders[0].fee.slice(0, 5), q.cost, "its one order's fee, exact, is the cost");
  assert.deepEqual(calls.slice(4), [
    ["upgradeCost", false],
    ["upgradeCost", true],
  ]);
});

test("spread, JSON.stringify, Object.keys and structuredClone see the detail members", () => {
  const fresh = () => billcalc.downgradeRefund(downgrade);
  const r = fresh();
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.deepEqual(Object.keys(r).slice(-3), ["orders", "refundTo", "breakdown"]);
  const spread = { ...fresh() };
  assert.equal(spread.orders[0].remainingValue, "28.00");
  assert.deepEqual(Object.getOwnPropertyDescriptor(spread, "refundTo").value, r.refundTo, "spread copies the value");
  const text = JSON.parse(JSON.stringify(fresh()));
  assert.deepEqual(text.orders, r.orders);
  assert.deepEqual(text.refundTo, r.refundTo);
  const clone = structuredClone(fresh());
  assert.deepEqual(clone.orders, r.orders);
  assert.deepEqual(clone.refundTo, r.refundTo);
  assert.deepEqual(Object.getOwnPropertySymbols(clone), []);
});

test("a detail member is set like breakdown, with or without a read before", () => {
  const { api, calls } = counted();
  const r = api.downgradeRefund(downgrade);
  r.orders = [];
  assert.deepEqual(r.orders, []);
  assert.equal(calls.length, 1, "reading a member set does not call the module");
  assert.equal(r.refundTo.destination, "balance", "the others still come from the explanation");
  assert.deepEqual(r.orders, [], "the value set is kept");
  r.refundTo = null;
  assert.equal(r.refundTo, null);
  assert.equal(JSON.parse(JSON.stringify(r)).refundTo, null);
  assert.equal(calls.length, 2);
  r.breakdown = "mine";
  assert.equal(r.breakdown, "mine");
  assert.equal(calls.length, 2);
});
