// INTERIM — delete this file when the package has its own `checkout` operation (being written in
// another branch), and import `checkout` from "./browser.js" in js/receipt.js instead.
//
// Until then a cart is composed from the operations the package already has, each answering for
// its own part: `quote` (new purchase, renewal), `unifiedExpiry` (renewal to the unified day) and
// `upgradeCost` give a line's list amount, `bestDiscount` the discount chosen and its reason,
// `selectVoucher` the voucher, `mergedPayment` the sums, `taxInvoice` the tax and withholding,
// `paymentSplit` who pays, `convertCurrency` the display amount. No amount is computed here: every
// figure is one of those answers. What this composition decides — and says in its notes — is only
// the order of the calls: lines are paid in cart order (a voucher's balance left by one line is
// what the next line sees), a refused line is left out of the totals, tax is asked on the subtotal
// after vouchers, and the net payable is what the payment split pays. Errors carry the path of the
// checkout request's field (`items[0].term`, `balance.cash`), mapped from the operation's own path.
//
// The answer follows the planned shape of `checkout` (per line listAmount, discount with its
// reason, voucher, amountDue, expiresAt or error; cart listTotal, discountTotal, voucherTotal,
// total, tax, payment, display, breakdown).
import * as billcalc from "./browser.js";

const INTERIM_NOTES = [
  "Interim composition (the package's checkout operation is on its way): each line is priced by quote, unifiedExpiry or upgradeCost, its discount chosen by bestDiscount and its voucher by selectVoucher.",
  "Lines are paid in cart order: a voucher's balance left by one line is what the next line sees. A refused line is left out of the totals.",
  "Tax is asked (taxInvoice) on the subtotal after vouchers; the net payable is split between the balances and the card by paymentSplit (order payment).",
];

function fail(code, path, message) {
  const err = new Error(message);
  err.name = "BillcalcError";
  err.code = code;
  err.path = path;
  return err;
}

// The checkout field an operation's error path names: its first member looked up in `paths`
// (the rest of the path kept), or `paths[""]`.
function mapPath(path, paths) {
  const m = /^([A-Za-z]+)(.*)$/.exec(path ?? "");
  const head = m ? paths[m[1]] : undefined;
  return head === undefined ? paths[""] ?? "" : head + m[2];
}

function call(op, request, paths) {
  try {
    return billcalc[op](request);
  } catch (e) {
    if (e && typeof e === "object" && "code" in e) throw fail(e.code, mapPath(e.path, paths), e.message);
    throw e;
  }
}

// Leave out the members that are not given.
function given(obj) {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined && v !== null && v !== ""));
}

function priceLine(item, at, date) {
  const kind = item.kind ?? "new";
  const own = (names) => Object.fromEntries(names.map((n) => [n, `${at}.${n}`]));
  if (kind === "new" || kind === "renewal") {
    const paths = { ...own(["kind", "term", "prices", "quantity", "currentExpiry", "start"]), date: "date", "": at };
    const q = call(
      "quote",
      given({ kind, date, term: item.term, prices: item.prices, quantity: item.quantity, currentExpiry: item.currentExpiry }),
      paths,
    );
    return { answer: q, listAmount: q.listAmount, expiresAt: q.expiresAt, start: q.start, end: q.end };
  }
  if (kind === "unifiedRenewal") {
    const paths = { ...own(["currentExpiry", "renewTerm", "unifiedDay", "prices"]), date: "date", "": at };
    const u = call(
      "unifiedExpiry",
      given({ currentExpiry: item.currentExpiry, renewTerm: item.renewTerm, unifiedDay: item.unifiedDay, prices: item.prices, date }),
      paths,
    );
    if (u.total === null) throw fail("MISSING_FIELD", `${at}.prices`, "give the prices to price the renewal to the unified day");
    return { answer: u, listAmount: u.total, expiresAt: u.expiresAt, start: null, end: u.unifiedExpiry };
  }
  if (kind === "upgrade") {
    const paths = { ...own(["orders", "oldPrices", "newPrices"]), date: "date", "": at };
    const c = call("upgradeCost", given({ date, orders: item.orders, oldPrices: item.oldPrices, newPrices: item.newPrices }), paths);
    return { answer: c, listAmount: c.cost, expiresAt: null, start: null, end: null };
  }
  throw fail("INVALID_INPUT", `${at}.kind`, `unknown line kind "${kind}": new, renewal, unifiedRenewal or upgrade`);
}

const OFFER_PATHS = { business: "offers.business", partner: "offers.partner", promotions: "offers.promotions", date: "date", "": "offers" };

function chooseDiscount(listAmount, kind, offers, date) {
  if (kind === "upgrade") return { answer: null, chosen: null, amount: listAmount, discount: null };
  const d = call(
    "bestDiscount",
    given({ listAmount, date, business: offers.business, partner: offers.partner, promotions: offers.promotions }),
    OFFER_PATHS,
  );
  if (!d.chosen) return { answer: d, chosen: null, amount: d.amount, discount: null };
  const winner = d.candidates.find((c) => c.kind === d.chosen.kind && c.id === d.chosen.id && c.factor === d.chosen.factor);
  return {
    answer: d,
    amount: d.amount,
    discount: { ...d.chosen, amount: d.discount, reason: winner?.reason ?? "" },
  };
}

function payVoucher(amountDue, item, at, vouchers, discounted, date) {
  if (!vouchers.length) return { answer: null, voucher: null, remaining: amountDue, vouchers };
  const paths = { vouchers: "vouchers", date: "date", order: at, "": at };
  const order = given({ product: item.product, region: item.region, discounted });
  const v = call("selectVoucher", given({ amountDue, date, vouchers, order: Object.keys(order).length ? order : undefined }), paths);
  let left = vouchers;
  for (const a of v.applied) left = left.map((x) => (x.id === a.id ? { ...x, balance: a.balanceLeft } : x));
  const voucher = v.applied.length ? { id: v.applied.map((a) => a.id).join(", "), amount: v.voucherTotal } : null;
  return { answer: v, voucher, remaining: v.remaining, vouchers: left };
}

const sum = (amounts) =>
  amounts.length ? call("mergedPayment", { orders: amounts.map((amount) => ({ amount })) }, { orders: "items", "": "items" }).total : "0.00";

/** A cart in one call, composed from the package's operations (see the top of this file). */
export function checkout(request) {
  const req = request !== null && typeof request === "object" && !Array.isArray(request) ? request : {};
  const date = req.date;
  if (!Array.isArray(req.items)) throw fail("MISSING_FIELD", "items", "give the cart's items (a list)");
  if (req.items.length > 30) throw fail("TOO_MANY_ITEMS", "items", `${req.items.length} items: at most 30 orders are paid together (003 §3.1.1)`);
  const offers = req.offers ?? {};
  let vouchers = Array.isArray(req.vouchers) ? req.vouchers : [];
  const parts = [];
  const lines = req.items.map((item, i) => {
    const at = `items[${i}]`;
    const base = { id: item?.id ?? null, kind: item?.kind ?? "new" };
    try {
      const priced = priceLine(item ?? {}, at, date);
      const d = chooseDiscount(priced.listAmount, base.kind, offers, date);
      const v = payVoucher(d.amount, item, at, vouchers, d.discount !== null, date);
      vouchers = v.vouchers;
      parts.push({ at, answers: [priced.answer, d.answer, v.answer].filter(Boolean) });
      return {
        ...base,
        listAmount: priced.listAmount,
        discount: d.discount,
        voucher: v.voucher,
        amountDue: v.remaining,
        start: priced.start,
        end: priced.end,
        expiresAt: priced.expiresAt,
        error: null,
      };
    } catch (e) {
      if (!(e && typeof e === "object" && "code" in e)) throw e;
      return { ...base, error: { code: e.code, path: e.path, message: e.message } };
    }
  });
  const ok = lines.filter((l) => !l.error);
  const listTotal = sum(ok.map((l) => l.listAmount));
  const discountTotal = sum(ok.filter((l) => l.discount).map((l) => l.discount.amount));
  const voucherTotal = sum(ok.filter((l) => l.voucher).map((l) => l.voucher.amount));
  const total = sum(ok.map((l) => l.amountDue));
  const t = call(
    "taxInvoice",
    given({ price: total, country: req.country, seller: req.seller, date, withholdingRate: req.withholdingRate }),
    { country: "country", seller: "seller", date: "date", withholdingRate: "withholdingRate", "": "country" },
  );
  const bal = req.balance ?? {};
  const p = call(
    "paymentSplit",
    given({
      flow: "orderPayment",
      listAmount: t.netPayable,
      date,
      cashBalance: bal.cash,
      creditBalance: bal.credit,
      cardBound: bal.cardBound,
      monthlySettlement: bal.monthlySettlement,
    }),
    {
      cashBalance: "balance.cash",
      creditBalance: "balance.credit",
      cardBound: "balance.cardBound",
      monthlySettlement: "balance.monthlySettlement",
      date: "date",
      "": "balance",
    },
  );
  const shown = req.display?.currency
    ? call("convertCurrency", given({ amount: t.netPayable, rate: req.display.rate, currency: req.display.currency }), {
        rate: "display.rate",
        currency: "display.currency",
        "": "display",
      })
    : null;
  const answer = {
    lines,
    listTotal,
    discountTotal,
    voucherTotal,
    total,
    tax: {
      rates: t.rates,
      indirectTax: t.indirectTax,
      withholding: t.withholding,
      invoice: t.invoice,
      netPayable: t.netPayable,
      reverseCharge: t.reverseCharge,
    },
    payment: {
      cash: p.cash,
      credit: p.credit,
      monthlySettlement: p.monthlySettlement,
      card: p.card,
      unpaid: p.unpaid,
      shortfall: p.shortfall,
      status: p.status,
    },
    display: shown ? { currency: shown.currency, amount: shown.converted, rate: req.display.rate } : null,
    interim: true,
  };
  // The breakdown is gathered from the operations' own breakdowns on first read (formatting every
  // formula is most of a call's cost, and a receipt shows it only when asked).
  let breakdown;
  Object.defineProperty(answer, "breakdown", {
    enumerable: true,
    configurable: true,
    get() {
      if (breakdown === undefined) {
        const section = (title, answers) => answers.flatMap((a) => a.breakdown.lines.map((l) => ({ ...l, label: `${title}: ${l.label}` })));
        breakdown = {
          policy: t.breakdown.policy,
          facts: [...t.breakdown.facts, ...p.breakdown.facts],
          lines: [
            ...parts.flatMap(({ at, answers }) => section(at, answers)),
            ...section("tax", [t]),
            ...(shown ? section("display", [shown]) : []),
          ],
          notes: [
            ...new Set([
              ...INTERIM_NOTES,
              ...parts.flatMap(({ answers }) => answers.flatMap((a) => a.breakdown.notes)),
              ...t.breakdown.notes,
              ...p.breakdown.notes,
            ]),
          ],
        };
      }
      return breakdown;
    },
  });
  return answer;
}
