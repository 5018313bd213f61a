// The page's sample requests against the package's current readers (which refuse unknown members):
// the 22 calculators' worked examples under every rounding policy, their what-if curves, the My-resource
// sample's four operations, and the Checkout sample cart through the package's `checkout`.
// A renamed request member fails here first.
import { test } from "node:test";
import assert from "node:assert/strict";
import { register } from "node:module";
import * as billcalc from "billcalc";
import { VIEWS } from "../../www/sample.js";
import { CHECKOUT_SAMPLE } from "../../www/checkout.js";

const POLICIES = [undefined, "console", "document", "exact"];

test("every operation has a calculator, and its sample answers under every rounding policy", () => {
  assert.deepEqual(VIEWS.map((v) => v.op).sort(), [...billcalc.OPERATIONS].sort(), "one calculator per operation of the table");
  for (const v of VIEWS) {
    for (const policy of POLICIES) {
      const req = { ...structuredClone(v.sample), ...(policy ? { policy } : {}) };
      assert.doesNotThrow(() => billcalc[v.op](req), `${v.op} (${policy ?? "default"})`);
    }
    if (v.curve) assert.ok(billcalc.curve({ op: v.op, ...v.sample }).cents.length > 0, `${v.op} curve`);
  }
});

// The page's modules import the browser entry (../js/browser.js, ./browser.js): in Node, the package's.
const hook = `export async function resolve(spec, ctx, next) {
  if (/^\\.\\.?\\/(js\\/)?browser\\.js$/.test(spec) && /\\/(www|js)\\/[^/]+\\.js$/.test(ctx.parentURL ?? "")) return next("billcalc", ctx);
  return next(spec, ctx);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);

test("the My-resource sample: its four operations and their curves answer", async () => {
  const { RESOURCE_SAMPLE: s } = await import("../../www/resource.js");
  const requests = {
    unsubscribeRefund: { scenario: "inUse", date: s.date, orders: s.orders },
    upgradeCost: { date: s.date, orders: s.orders, oldPrices: s.prices, newPrices: s.upgradePrices },
    downgradeRefund: { date: s.date, orders: s.orders, newPrices: s.downgradePrices },
  };
  assert.equal(billcalc.unsubscribeRefund(requests.unsubscribeRefund).refund, "50.87");
  assert.equal(billcalc.upgradeCost(requests.upgradeCost).cost, "22.67");
  assert.equal(billcalc.downgradeRefund(requests.downgradeRefund).refund, "10.88");
  for (const [op, req] of Object.entries(requests)) assert.equal(billcalc.curve({ op, ...req }).cents.length, 32, op);
  const unified = { currentExpiry: s.orders.at(-1).end, renewTerm: s.renewTerm, unifiedDay: s.unifiedDay, prices: s.prices, date: s.date };
  assert.equal(billcalc.unifiedExpiry(unified).total, "156.25");
});

test("the Checkout sample cart is priced, no line refused", async () => {
  const checkout = billcalc.checkout;
  const answer = checkout(structuredClone(CHECKOUT_SAMPLE));
  assert.deepEqual(answer.lines.filter((l) => l.error), []);
  // Hand-computed: new ECS 2 × 30 = 60 × business 0.9 (a new resource has no earlier order, so the
  // used promotion does not apply, 003 §3.3.2 ex. 1) = 54.00 − voucher 20 = 34.00; EVS renewal 1Y 120
  // × promotion 0.85 (used on it and valid, 003 §3.2.3.1) = 102.00; 136.00 + 9 % GST = 148.24.
  assert.equal(answer.tax.netPayable, "148.24");
  assert.equal(answer.payment.status, "paid");
  // every kind of line, and a display currency
  const cart = {
    ...structuredClone(CHECKOUT_SAMPLE),
    display: { currency: "EUR", rate: "0.92" },
    items: [
      ...CHECKOUT_SAMPLE.items,
      { kind: "unifiedRenewal", currentExpiry: "2024-03-10", renewTerm: "1M", unifiedDay: 1, prices: { "1M": "30" } },
      { kind: "upgrade", orders: [{ start: "2024-02-15", end: "2024-03-14", term: "1M", paidCash: "30" }], oldPrices: { "1M": "30" }, newPrices: { "1M": "45" } },
    ],
  };
  const all = checkout(cart);
  assert.deepEqual(all.lines.map((l) => l.error), [null, null, null, null]);
  assert.match(all.display.amount, /^\d+\.\d\d$/);
  assert.ok(all.breakdown.lines.length > 0);
});
