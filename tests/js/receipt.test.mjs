// The receipt a customer reads (js/receipt-model.js, drawn by <billcalc-receipt>) over random
// carts answered by the built package: random lines, offers, vouchers, balances, a bound card,
// countries with and without a stated tax. What it shows must add up — each item's rows to its
// due, the items to the subtotal, the sums to the subtotal, subtotal and taxes to the amount to
// pay, who pays to the amount to pay — every figure is shown with its currency digit for digit,
// and no sentence carries a section number or a member name.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as billcalc from "billcalc";
import { add, formatMoney, receiptModel, plainError } from "../../js/receipt-model.js";

// A small seeded generator (mulberry32): a failure names its seed.
function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (xs) => xs[int(0, xs.length - 1)];
  const chance = (p) => next() < p;
  const amount = (max) => `${int(0, max)}.${String(int(0, 99)).padStart(2, "0")}`;
  return { int, pick, chance, amount };
}

function randomCart(seed) {
  const r = rng(seed);
  const date = r.pick(["2024-03-01", "2020-11-27", "2023-06-15"]);
  const term = () => r.pick(["1M", "2M", "3M", "6M", "1Y", "2Y", "3Y"]);
  const prices = () => ({ "1M": r.amount(500), "2M": r.amount(900), "3M": r.amount(1400), "6M": r.amount(2500), "1Y": r.amount(5000), "2Y": r.amount(9000), "3Y": r.amount(12000) });
  const promotion = () => ({
    id: `p${r.int(1, 99)}`,
    factor: `0.${r.int(50, 99)}`,
    effective: r.pick(["2019-01-01", "2020-11-01", "2024-01-01", "2025-01-01"]),
    ...(r.chance(0.7) ? { usedOn: r.pick(["2019-06-01", "2020-11-10", "2024-02-01"]) } : {}),
  });
  const items = Array.from({ length: r.int(1, 4) }, () => {
    const kind = r.pick(["new", "new", "renewal"]);
    const item = { kind, term: term(), prices: prices(), quantity: r.int(1, 3), product: r.pick(["ECS", "EVS"]) };
    if (kind === "renewal") {
      item.currentExpiry = date;
      if (r.chance(0.6)) item.promotions = Array.from({ length: r.int(1, 2) }, promotion);
    }
    if (r.chance(0.1)) item.coupon = { factor: `0.${r.int(50, 99)}` };
    return item;
  });
  const cart = { date, items, offers: {}, balance: { cash: r.amount(3000), credit: r.chance(0.3) ? r.amount(1000) : "0", cardBound: r.chance(0.5), monthlySettlement: r.chance(0.15) } };
  if (r.chance(0.7)) cart.offers.business = `0.${r.int(50, 99)}`;
  if (r.chance(0.5)) cart.offers.partner = `0.${r.int(50, 99)}`;
  cart.vouchers = Array.from({ length: r.int(0, 3) }, (_, i) => ({ id: `v${i + 1}`, balance: r.amount(300), validFrom: "2019-01-01", validTo: "2026-12-31" }));
  const country = r.pick([undefined, "", "SG", "US", "DE", "MY", "JP"]);
  if (country !== undefined) cart.country = country;
  cart.seller = "sparkooSingapore";
  if (r.chance(0.2)) cart.indirectTaxRate = `0.${r.int(1, 25)}`;
  if (r.chance(0.2)) cart.withholdingRate = "0.05";
  return cart;
}

const sum = (rows) => add("0.00", ...rows.map((x) => x.amount));
const digits = (s) => String(s).replace(/[^0-9]/g, "").replace(/^0+/, "");
const FORBIDDEN = /§|\b[a-z]+[A-Z][A-Za-z]*\b|\[\d+\]/;

function checkRow(row, seed, currency) {
  // The figure shown is the exact decimal, formatted: the same digits (a fraction padded only).
  const shown = digits(row.text);
  const exact = digits(row.amount);
  assert.ok(shown.startsWith(exact) && /^0*$/.test(shown.slice(exact.length)), `seed ${seed}: ${row.key} ${row.amount} shown as ${row.text}`);
  if (currency === "USD") assert.match(row.text, /\$/, `seed ${seed}: ${row.key} has its currency`);
}

test("random carts: the receipt's rows add up, with their currency, in a customer's words", () => {
  const CASES = Number(process.env.RECEIPT_CASES ?? 300);
  let answered = 0;
  for (let seed = 1; seed <= CASES; seed++) {
    const cart = randomCart(seed);
    let answer;
    try {
      answer = billcalc.checkout(cart);
    } catch (e) {
      // A cart refused whole (a rate above 1…) is said in words, never with a member name.
      assert.ok(e.code, `seed ${seed}: ${e}`);
      assert.doesNotMatch(plainError(e).text, /§/, `seed ${seed}`);
      continue;
    }
    answered++;
    const currency = seed % 3 === 0 ? "EUR" : "USD";
    const m = receiptModel(cart, answer, { currency, locale: seed % 2 ? "en-US" : "de-DE" });
    const dues = [];
    for (const line of m.lines) {
      if (line.error) continue;
      for (const row of [...line.rows, line.due]) checkRow(row, seed, currency);
      assert.equal(sum(line.rows), line.due.amount, `seed ${seed}: item ${line.index + 1} rows add up to its due`);
      dues.push(line.due);
      // Every offer considered is said: chosen, or why not, quoting a figure.
      for (const o of line.offers) assert.match(o.why, /\d/, `seed ${seed}: ${o.name}: ${o.why}`);
      const chosen = line.offers.filter((o) => o.chosen).length;
      assert.ok(chosen <= 1, `seed ${seed}: one offer chosen at most`);
      for (const text of [line.head, ...line.rows.map((x) => x.label), ...line.offers.map((o) => `${o.name} ${o.why}`), ...line.notes])
        assert.doesNotMatch(text, FORBIDDEN, `seed ${seed}: "${text}"`);
    }
    assert.equal(sum(dues), m.subtotal.amount, `seed ${seed}: items add up to the subtotal`);
    assert.equal(sum(m.sums), m.subtotal.amount, `seed ${seed}: list − discounts − vouchers = subtotal`);
    assert.equal(add(m.subtotal.amount, sum(m.taxes)), m.total.amount, `seed ${seed}: subtotal and taxes add up to the amount to pay`);
    assert.equal(sum(m.payers), m.total.amount, `seed ${seed}: who pays adds up to the amount to pay`);
    assert.ok(!m.payers.some((p) => /voucher/i.test(p.label)), `seed ${seed}: vouchers are a deduction, not a payer`);
    for (const row of [...m.sums, m.subtotal, ...m.taxes, m.total, ...m.payers]) checkRow(row, seed, currency);
    // No country, or one the guides state no tax for: no tax line, said in words.
    const country = String(cart.country ?? "").trim();
    if (!country) assert.match(m.taxNote, /no country chosen/, `seed ${seed}`);
    if (answer.tax?.noRateStated) assert.match(m.taxNote, new RegExp(`state no tax for ${country}`), `seed ${seed}`);
    if (answer.payment.status !== "paid") assert.ok(m.unpaidWhy, `seed ${seed}: an unpaid receipt says why`);
    for (const text of [...m.sums, ...m.taxes, ...m.payers].map((x) => x.label).concat(m.taxNote ?? [], m.unpaidWhy ?? [], m.status))
      assert.doesNotMatch(text, FORBIDDEN, `seed ${seed}: "${text}"`);
  }
  assert.ok(answered > CASES / 2, `most random carts are answered (${answered} of ${CASES})`);
});

test("amounts are formatted digit for digit, whatever their size", () => {
  assert.equal(formatMoney("148.24", { currency: "USD", locale: "en-US" }), "$148.24");
  assert.equal(formatMoney("-1819.5", { currency: "USD", locale: "en-US" }), "-$1,819.50");
  assert.equal(formatMoney("1234567890123456789.12", { currency: "USD", locale: "en-US" }), "$1,234,567,890,123,456,789.12");
  assert.equal(formatMoney("0.505", { currency: "USD", locale: "en-US" }), "$0.505", "a third decimal is kept, never rounded");
  assert.equal(formatMoney("1234.5", { currency: "EUR", locale: "de-DE" }), "1.234,50\u00a0€");
  assert.equal(formatMoney("1700.00", { currency: "JPY", locale: "en-US" }), "¥1,700");
  assert.equal(formatMoney("1234.50", { locale: "en-US" }), "1,234.50");
});

test("a US customer gets a complete receipt: no tax stated, said in words, and a rate they enter applies", () => {
  const cart = { date: "2024-03-01", country: "US", seller: "sparkooSingapore", items: [{ term: "1M", prices: { "1M": "100" } }], balance: { cash: "500" } };
  const a = billcalc.checkout(cart);
  assert.equal(a.tax.noRateStated, "country");
  assert.equal(a.tax.netPayable, "100.00");
  const m = receiptModel(cart, a, { currency: "USD", locale: "en-US" });
  assert.match(m.taxNote, /the guides state no tax for US/);
  assert.equal(m.total.text, "$100.00");
  const withRate = billcalc.checkout({ ...cart, indirectTaxRate: "0.0725" });
  assert.equal(withRate.tax.netPayable, "107.25");
  const blank = billcalc.checkout({ ...cart, country: "" });
  assert.equal(blank.tax, null, "a blank country asks for no tax");
});

test("a short balance with a bound card: the order is not paid, and the receipt says why and what to do", () => {
  const cart = { date: "2024-03-01", items: [{ term: "1M", prices: { "1M": "1819" } }], balance: { cash: "1000", cardBound: true } };
  const a = billcalc.checkout(cart);
  assert.equal(a.payment.status, "pendingPayment");
  assert.equal(a.payment.unpaidBecause, "cardNotForOrders");
  const m = receiptModel(cart, a, { currency: "USD", locale: "en-US" });
  assert.match(m.unpaidWhy, /\$819\.00 short/);
  assert.match(m.unpaidWhy, /bound card/);
});
