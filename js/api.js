// The package's public functions, over the raw wasm-bindgen exports. No billing rule lives here:
// this file only guards the boundary (a trap inside wasm becomes an Error with code INTERNAL).

const OPERATIONS = [
  "quote",
  "upgradeCost",
  "expansionCost",
  "downgradeRefund",
  "unifiedExpiry",
  "unsubscribeRefund",
  "switchToOnDemand",
  "reservedInstanceRefund",
  "usageCharge",
  "convertCurrency",
  "bestDiscount",
  "selectVoucher",
  "paymentSplit",
  "packageUsage",
  "packageRenewal",
  "reservedPoolIdleFee",
  "taxInvoice",
  "autoRenewalSchedule",
  "billRounding",
  "consumptionQuota",
  "mergedPayment",
  "billSummary",
  "calculate",
  "curve",
];

function encode(request) {
  // Plain data only: undefined fields vanish, as if absent. Money numbers pass through as JSON
  // numbers and are accepted by the core only when exact.
  let text;
  try {
    text = JSON.stringify(request === undefined ? null : request);
  } catch (e) {
    const err = new Error(`the request is not plain data: ${e.message}`);
    err.name = "BillcalcError";
    err.code = "INVALID_INPUT";
    err.path = "";
    throw err;
  }
  return text === undefined ? "null" : text;
}

function plain(request) {
  return request !== null && typeof request === "object" && !Array.isArray(request) ? request : {};
}

function date(value) {
  return value === undefined || value === null ? undefined : String(value);
}

// An operation's answer with its breakdown produced on first read: the figures come from a call
// that formats no formula (most of a call's cost); reading `breakdown` runs the same computation
// once more with explanations. The result stays a plain object (an enumerable accessor property).
// The accessor functions are shared by every result and its state sits under a non-enumerable
// symbol: V8 then keeps one shape for all results (a fresh closure per result costs ~0.4 µs).
const LAZY = Symbol("billcalc.breakdown");
const BREAKDOWN = {
  enumerable: true,
  configurable: true,
  get() {
    const s = this[LAZY];
    if (s.breakdown === undefined) {
      s.breakdown = s.positional
        ? JSON.parse(s.raw.unsubscribePositionalBreakdown(s.text))
        : JSON.parse(s.raw.calculateJson(s.name, s.text, true)).breakdown;
    }
    return s.breakdown;
  },
  set(value) {
    this[LAZY].breakdown = value;
  },
};

function withLazyBreakdown(raw, name, text, result, positional = false) {
  Object.defineProperty(result, "breakdown", BREAKDOWN);
  Object.defineProperty(result, LAZY, { value: { raw, name, text, positional, breakdown: undefined } });
  return result;
}

// The positional fast path (src/fast.rs) for the hot operation: when the request is plain data
// of the common shape (string fields only, no separator inside), its fields cross as one string
// and the figures come back as one string — no JSON either way. Anything else, and any refusal,
// takes the JSON path, which alone produces errors, so both paths answer alike.
const SEP = "\u001f";
const UNSUBSCRIBE_KEYS = new Set(["scenario", "date", "orders", "resourceKind", "handlingFeeRate", "policy"]);
const ORDER_KEYS = new Set(["start", "end", "term", "paidCash", "voucher"]);
const text = (v) => typeof v === "string" && v !== "" && !v.includes(SEP);
const optional = (v) => (v === undefined ? "" : text(v) ? v : null);

function isPlain(v) {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function encodeUnsubscribe(req) {
  if (!isPlain(req)) return null;
  for (const k of Object.keys(req)) if (!UNSUBSCRIBE_KEYS.has(k)) return null;
  const { scenario, date, orders } = req;
  if (!text(scenario) || !text(date) || !Array.isArray(orders)) return null;
  const kind = optional(req.resourceKind);
  const rate = optional(req.handlingFeeRate);
  const policy = optional(req.policy);
  if (kind === null || rate === null || policy === null) return null;
  let out = scenario + SEP + date + SEP + kind + SEP + rate + SEP + policy;
  for (const o of orders) {
    if (!isPlain(o)) return null;
    for (const k of Object.keys(o)) if (!ORDER_KEYS.has(k)) return null;
    const voucher = optional(o.voucher);
    if (!text(o.start) || !text(o.end) || !text(o.term) || !text(o.paidCash) || voucher === null) return null;
    out += SEP + o.start + SEP + o.end + SEP + o.term + SEP + o.paidCash + SEP + voucher;
  }
  return out;
}

function decodeUnsubscribe(answer) {
  const f = answer.split(SEP);
  const orders = [];
  for (let i = 11; i + 6 < f.length; i += 7) {
    orders.push({
      index: Number(f[i]),
      status: f[i + 1],
      paidCash: f[i + 2],
      consumed: f[i + 3],
      handlingFee: f[i + 4],
      refund: f[i + 5],
      voucherReturned: f[i + 6],
    });
  }
  return {
    refund: f[0],
    voucherReturned: f[1],
    paidCash: f[2],
    consumed: f[3],
    handlingFee: f[4],
    handlingFeeRate: f[5],
    days: f[6] === "" ? null : { total: Number(f[6]), consumed: Number(f[7]), remaining: Number(f[8]) },
    requiresApproval: f[9] === "1",
    billMonth: f[10],
    orders,
  };
}

function guard(raw, name) {
  const op = (opName, request) => {
    const text = encode(request);
    return withLazyBreakdown(raw, opName, text, JSON.parse(raw.calculateJson(opName, text, false)));
  };
  const run =
    name === "curve"
      ? (request) => {
          const { op: curveOp, from, to, ...rest } = plain(request);
          return JSON.parse(raw.curveJson(String(curveOp ?? ""), encode(rest), date(from), date(to)));
        }
      : name === "calculate"
        ? (request) => {
            const { op: opName, ...rest } = plain(request);
            return op(String(opName ?? ""), rest);
          }
        : name === "unsubscribeRefund" && raw.unsubscribePositional
          ? (request) => {
              const fields = encodeUnsubscribe(request);
              const answer = fields === null ? undefined : raw.unsubscribePositional(fields);
              if (answer === undefined) return op(name, request);
              return withLazyBreakdown(raw, name, fields, decodeUnsubscribe(answer), true);
            }
          : (request) => op(name, request);
  return function billcalcCall(request) {
    try {
      return run(request);
    } catch (e) {
      if (e instanceof WebAssembly.RuntimeError) {
        let detail = e.message;
        try {
          detail = raw.lastPanic() ?? detail;
        } catch {
          // the module may be unusable after a trap; keep the trap's own message
        }
        const err = new Error(`billcalc internal error in ${name}: ${detail}`);
        err.name = "BillcalcError";
        err.code = "INTERNAL";
        err.path = "";
        throw err;
      }
      throw e;
    }
  };
}

/** Wrap the raw module's exports; returns { quote, upgradeCost, … }. */
export function wrap(raw) {
  const api = {};
  for (const name of OPERATIONS) api[name] = guard(raw, name);
  return api;
}

export { OPERATIONS };
