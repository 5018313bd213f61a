// The built package in Node: every operation, the error objects, the money-as-number rule, the
// curve, and the golden vectors shared with the Rust tests (tests/vectors/*.json, not copied).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import * as billcalc from "billcalc";

const vectorsDir = new URL("../vectors/", import.meta.url);
const vectors = readdirSync(vectorsDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, vectorsDir), "utf8")));

function at(value, path) {
  return path.split(".").reduce((cur, key) => (cur == null ? undefined : cur[key]), value);
}

function roundHalfUp(text, dp) {
  // Decimal strings only: compare via the package itself would be circular, so use BigInt.
  const [int, frac = ""] = text.replace("-", "").split(".");
  const neg = text.startsWith("-");
  const digits = BigInt(int + frac.padEnd(dp + 1, "0").slice(0, dp + 1));
  let q = digits / 10n + (digits % 10n >= 5n ? 1n : 0n);
  const s = q.toString().padStart(dp + 1, "0");
  const out = dp ? `${s.slice(0, -dp)}.${s.slice(-dp)}` : s;
  return (neg && q !== 0n ? "-" : "") + out;
}

for (const v of vectors) {
  test(`vector ${v.name}`, () => {
    const { op, ...request } = v.request;
    const fn = billcalc[op];
    const call = () => (fn ? fn(request) : billcalc.calculate(v.request));
    if (v.error) {
      assert.throws(call, (e) => {
        assert.ok(e instanceof Error, "an Error object");
        assert.equal(e.code, v.error.code, e.message);
        if (v.error.path !== undefined) assert.equal(e.path, v.error.path);
        return true;
      });
      return;
    }
    const res = call();
    for (const [path, want] of Object.entries(v.expect)) {
      const got = at(res, path);
      if (typeof want === "string" && want.startsWith("≈")) {
        const shown = want.slice(1);
        const dp = (shown.split(".")[1] ?? "").length;
        assert.equal(roundHalfUp(got, dp), shown, `${path}`);
      } else {
        assert.deepEqual(got, want, `${path}`);
      }
    }
  });
}

const u1 = {
  scenario: "inUse",
  date: "2022-09-02",
  orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }],
};

test("unsubscribeRefund returns a plain object with its breakdown", () => {
  const r = billcalc.unsubscribeRefund(u1);
  assert.equal(r.refund, "50.87");
  assert.equal(Object.getPrototypeOf(r), Object.prototype);
  assert.ok(Array.isArray(r.breakdown.lines));
  const sum = r.breakdown.lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
  assert.equal(sum, 5087, "breakdown lines add up to the refund");
  assert.equal(r.breakdown.policy, "console");
  // The breakdown is produced on first read, yet behaves as plain data.
  const copy = JSON.parse(JSON.stringify(r));
  assert.deepEqual(copy.breakdown, r.breakdown);
  assert.deepEqual(Object.keys(r).includes("breakdown"), true);
});

test("errors are Error objects with code, path and message", () => {
  try {
    billcalc.unsubscribeRefund({ ...u1, orders: [{ ...u1.orders[0], end: "2022-08-01" }] });
    assert.fail("should throw");
  } catch (e) {
    assert.ok(e instanceof Error);
    assert.equal(e.code, "INVALID_PERIOD");
    assert.equal(e.path, "orders[0].end");
    assert.match(e.message, /before it starts/);
  }
});

test("money as a JS number only when exact", () => {
  const ok = billcalc.unsubscribeRefund({ ...u1, orders: [{ ...u1.orders[0], paidCash: 110 }] });
  assert.equal(ok.refund, "50.87");
  const half = billcalc.unsubscribeRefund({ ...u1, orders: [{ ...u1.orders[0], paidCash: 110.5 }] });
  assert.equal(half.paidCash, "110.50");
  assert.throws(
    () => billcalc.unsubscribeRefund({ ...u1, orders: [{ ...u1.orders[0], paidCash: 0.1 }] }),
    (e) => e.code === "INVALID_MONEY" && e.path === "orders[0].paidCash",
  );
});

test("non-object input is refused with a coded error", () => {
  for (const bad of [null, undefined, 42, "x", []]) {
    assert.throws(() => billcalc.unsubscribeRefund(bad), (e) => e instanceof Error && typeof e.code === "string");
  }
});

// Read twice, defect 8: JSON.stringify writes NaN and Infinity as null, which a member with no
// default would read as absent (a quantity of NaN priced as 1, a 30.00 line). Refused instead.
test("NaN and Infinity are refused with INVALID_NUMBER and the member's path", () => {
  const cart = (quantity) => ({ date: "2024-03-01", items: [{ term: "1M", prices: { "1M": "30" }, quantity }] });
  for (const bad of [NaN, Infinity, -Infinity]) {
    assert.throws(() => billcalc.checkout(cart(bad)), (e) => {
      assert.equal(e.name, "BillcalcError");
      assert.equal(e.code, "INVALID_NUMBER");
      assert.equal(e.path, "items[0].quantity");
      return true;
    });
  }
  assert.throws(() => billcalc.quote({ date: "2024-03-01", term: "1M", prices: { "1M": NaN } }), { code: "INVALID_NUMBER", path: "prices.1M" });
  // null is not a quantity either (a member with a default refuses null; an optional member
  // without one reads null as absent: README "Conventions").
  const refused = billcalc.checkout(cart(null)).lines[0].error;
  assert.deepEqual([refused.code, refused.path], ["INVALID_INPUT", "items[0].quantity"]);
  assert.equal(billcalc.checkout(cart(2)).total, "60.00");
});

test("calculate dispatches on op like the CLI", () => {
  const r = billcalc.calculate({ op: "unsubscribeRefund", ...u1 });
  assert.equal(r.refund, "50.87");
  assert.throws(() => billcalc.calculate({ op: "nope" }), (e) => e.code === "UNKNOWN_OPERATION");
});

test("curve: one call for every day of a 3-year order", () => {
  const c = billcalc.curve({
    op: "unsubscribeRefund",
    scenario: "inUse",
    date: "2020-01-01",
    orders: [{ start: "2020-01-01", end: "2022-12-31", term: "3Y", paidCash: "3000" }],
  });
  assert.equal(c.from, "2020-01-01");
  assert.equal(c.to, "2022-12-31");
  assert.equal(c.cents.length, 1096);
  assert.equal(c.cents[0], 255000); // day 1: 3000 − 0 consumed − 15 % fee = 2550.00
  // Non-increasing within a handling-fee band; at the start of year 2 the fee drops 15 % → 10 %
  // (003 §3.4.2.2 table 3-5), so the refund jumps up by 5 % of 3000.
  // "Consumed ≤ 1 year" holds up to 2021-01-01 (index 366) inclusive.
  const rises = [];
  for (let i = 1; i < c.cents.length; i++) if (c.cents[i] > c.cents[i - 1]) rises.push(i);
  assert.deepEqual(rises, [367, 732]);
  const window = billcalc.curve({
    op: "unsubscribeRefund",
    ...u1,
    from: "2022-09-18",
    to: "2022-09-21",
  });
  assert.deepEqual(window.cents.slice(2), [null, null]);
  assert.equal(window.refusals[2], "RESOURCE_EXPIRED");
});

test("every operation of the table is exported, and the README's operations table lists each", () => {
  for (const name of [...billcalc.OPERATIONS, "calculate", "curve"]) {
    assert.equal(typeof billcalc[name], "function", name);
  }
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const table = readme.split("\n### Operations and their requests\n")[1].split("\n#")[0];
  const documented = [...table.matchAll(/^\| `([a-zA-Z]+)` \|/gm)].map((m) => m[1]).sort();
  assert.deepEqual(documented, [...billcalc.OPERATIONS].sort());
});
// One spelling per error code: every code the README's "Errors" section lists is the package's
// (each refused vector throws a code of that list) and its TypeScript union's (js/types.d.ts).
test("error codes are spelled as the README lists them", () => {
  const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
  const section = readme.split("\n### Errors\n")[1].split("\n#")[0];
  const listed = [...new Set([...section.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]))].sort();
  assert.ok(listed.includes("RENEWAL_EXCEEDS_10_YEARS"));
  const types = readFileSync(new URL("../../js/types.d.ts", import.meta.url), "utf8");
  const union = types.split("export type ErrorCode = ")[1].split(";")[0];
  assert.deepEqual(union.split("|").map((c) => c.trim().replace(/"/g, "")).sort(), listed);
  const thrown = new Set();
  for (const v of vectors.filter((v) => v.error)) {
    const { op, ...request } = v.request;
    const fn = billcalc[op] ?? ((r) => billcalc.calculate({ op, ...r }));
    try {
      fn(request);
      assert.fail(`${v.name}: not refused`);
    } catch (e) {
      assert.equal(e.code, v.error.code, v.name);
      assert.ok(listed.includes(e.code), `${v.name}: ${e.code} is not in the README`);
      thrown.add(e.code);
    }
  }
  // TOO_MANY_ITEMS needs a request too large for the vector files: 1,001 orders.
  const orders = Array.from({ length: 1001 }, (_, i) => {
    const day = (n) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10);
    return { start: day(2 * i), end: day(2 * i + 1), term: "1M", paidCash: "1" };
  });
  assert.throws(
    () => billcalc.unsubscribeRefund({ scenario: "inUse", date: "2000-01-01", orders }),
    (e) => e.code === "TOO_MANY_ITEMS" && listed.includes(e.code),
  );
  thrown.add("TOO_MANY_ITEMS");
  // One refusal per reachable code: UNIFIED_GAP_TOO_SHORT is a guard no term reaches, INTERNAL a
  // defect.
  assert.deepEqual(listed.filter((c) => !thrown.has(c)), ["INTERNAL", "UNIFIED_GAP_TOO_SHORT"]);
});
