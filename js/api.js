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
// that formats no formula (most of a call's cost) and whose answer has no `breakdown` member
// (adding the accessor to the parsed object costs V8 ~0.7 µs less than replacing a data member);
// reading `breakdown` runs the same computation once more with explanations. The result stays a
// plain object (an enumerable accessor property).
// The accessor functions are shared by every result and its state sits under a symbol key (which
// JSON, Object.keys and for…in skip), written in the result's literal on the fast path: V8 then
// keeps one shape for all results (a closure per result costs ~0.4 µs, a second defineProperty
// ~0.27 µs).
const LAZY = Symbol("billcalc.breakdown");
const BREAKDOWN = {
  enumerable: true,
  configurable: true,
  get() {
    const s = this[LAZY];
    if (s.breakdown === undefined) {
      s.breakdown = s.positional
        ? JSON.parse(s.raw.unsubscribePositionalBreakdown(s.request.join(SEP)))
        : JSON.parse(s.raw.calculateJson(s.name, s.request, true)).breakdown;
    }
    return s.breakdown;
  },
  set(value) {
    this[LAZY].breakdown = value;
  },
};

// `request` is the JSON text, or on the fast path (`positional`) the list of the request's fields.
const lazyState = (raw, name, request, positional) => ({ raw, name, request, positional, breakdown: undefined });

const defineBreakdown = (result) => Object.defineProperty(result, "breakdown", BREAKDOWN);

function withLazyBreakdown(raw, name, text, result) {
  result[LAZY] = lazyState(raw, name, text, false);
  return defineBreakdown(result);
}

// The positional fast path (src/fast.rs) for the hot operation: when the request is plain data
// of the common shape (string fields only, ASCII, no separator inside), its fields are written as
// bytes straight into a buffer inside the module's memory and the figures come back as numbers in
// another — no JSON, no string crossing either way. Anything else, and any refusal, takes the JSON
// path, which alone produces errors, so both paths answer alike.
const SEP = "\u001f";
const SEP_BYTE = 0x1f;
const text = (v) => typeof v === "string" && v !== "";
const optional = (v) => (v === undefined ? "" : text(v) ? v : null);

function isPlain(v) {
  if (v === null || typeof v !== "object") return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// The request's fields in the positional order (scenario, date, resourceKind, handlingFeeRate,
// policy, then start, end, term, paidCash, voucher per order), or null for any other shape.
function unsubscribeFields(req) {
  if (!isPlain(req)) return null;
  let scenario, date, orders;
  let kind = "";
  let rate = "";
  let policy = "";
  for (const k in req) {
    const v = req[k];
    switch (k) {
      case "scenario":
        scenario = v;
        break;
      case "date":
        date = v;
        break;
      case "orders":
        orders = v;
        break;
      case "resourceKind":
        kind = optional(v);
        break;
      case "handlingFeeRate":
        rate = optional(v);
        break;
      case "policy":
        policy = optional(v);
        break;
      default:
        return null;
    }
  }
  if (!text(scenario) || !text(date) || !Array.isArray(orders)) return null;
  if (kind === null || rate === null || policy === null) return null;
  const fields = [scenario, date, kind, rate, policy];
  for (let i = 0; i < orders.length; i++) {
    const o = orders[i];
    if (!isPlain(o)) return null;
    let start, end, term, paid;
    let voucher = "";
    for (const k in o) {
      const v = o[k];
      switch (k) {
        case "start":
          start = v;
          break;
        case "end":
          end = v;
          break;
        case "term":
          term = v;
          break;
        case "paidCash":
          paid = v;
          break;
        case "voucher":
          voucher = optional(v);
          break;
        default:
          return null;
      }
    }
    if (!text(start) || !text(end) || !text(term) || !text(paid) || voucher === null) return null;
    fields.push(start, end, term, paid, voucher);
  }
  return fields;
}

// Writes the fields, separated, as bytes into `input`; returns the length written, or -1 when a
// field holds a non-ASCII character or the separator, or the buffer is too short.
function writeFields(fields, input) {
  const capacity = input.length;
  let at = 0;
  for (let f = 0; f < fields.length; f++) {
    const v = fields[f];
    const n = v.length;
    if (at + n + 1 > capacity) return -1;
    if (f > 0) input[at++] = SEP_BYTE;
    for (let i = 0; i < n; i++) {
      const c = v.charCodeAt(i);
      if (c > 0x7f || c === SEP_BYTE) return -1;
      input[at++] = c;
    }
  }
  return at;
}

// The figures come back as numbers in the module's memory (src/fast.rs): an amount is its
// integer mantissa and its scale, formatted here exactly as the JSON path writes it.
function amount(mantissa, scale) {
  const negative = mantissa < 0;
  const m = negative ? -mantissa : mantissa;
  let digits;
  if (scale === 2) {
    const whole = Math.floor(m / 100);
    const cents = m - whole * 100;
    digits = whole + (cents < 10 ? ".0" : ".") + cents;
  } else if (scale === 0) {
    digits = String(m);
  } else {
    let t = String(m);
    if (t.length <= scale) t = "0".repeat(scale - t.length + 1) + t;
    digits = t.slice(0, t.length - scale) + "." + t.slice(t.length - scale);
  }
  return negative && m !== 0 ? "-" + digits : digits;
}

const STATUSES = ["expired", "notStarted", "inUse", "full", "kept"];
const HEAD_SLOTS = 17;
const ORDER_SLOTS = 12;

// An order's amount: the head's string when the figure is the same (a single running order's
// figures are the totals), else formatted.
const same = (f, i, j, head) => (f[i] === f[j] && f[i + 1] === f[j + 1] ? head : amount(f[i], f[i + 1]));

// The bill month `YYYY-MM` of yyyymm, the last one kept (consecutive calls mostly share it).
let lastMonth = -1;
let lastMonthText = "";
function billMonth(month) {
  const mm = month % 100;
  lastMonthText = String((month - mm) / 100).padStart(4, "0") + (mm < 10 ? "-0" : "-") + mm;
  lastMonth = month;
  return lastMonthText;
}

function decodeUnsubscribe(f, at, slots, state) {
  const refund = amount(f[at], f[at + 1]);
  const voucherReturned = amount(f[at + 2], f[at + 3]);
  const paidCash = amount(f[at + 4], f[at + 5]);
  const consumed = amount(f[at + 6], f[at + 7]);
  const handlingFee = amount(f[at + 8], f[at + 9]);
  const orders = [];
  for (let i = at + HEAD_SLOTS; i + ORDER_SLOTS <= at + slots; i += ORDER_SLOTS) {
    orders.push({
      index: f[i],
      status: STATUSES[f[i + 1]],
      paidCash: same(f, i + 2, at + 4, paidCash),
      consumed: same(f, i + 4, at + 6, consumed),
      handlingFee: same(f, i + 6, at + 8, handlingFee),
      refund: same(f, i + 8, at, refund),
      voucherReturned: same(f, i + 10, at + 2, voucherReturned),
    });
  }
  const month = f[at + 16];
  return {
    refund,
    voucherReturned,
    paidCash,
    consumed,
    handlingFee,
    handlingFeeRate: amount(f[at + 10], f[at + 11]),
    days: Number.isNaN(f[at + 12]) ? null : { total: f[at + 12], consumed: f[at + 13], remaining: f[at + 14] },
    requiresApproval: f[at + 15] === 1,
    billMonth: month === lastMonth ? lastMonthText : billMonth(month),
    orders,
    [LAZY]: state,
  };
}

// The fast path's buffers in the module's memory, created on first use (in browsers the module
// is instantiated after wrap() runs). Views are re-created when the memory has grown (a grown
// memory detaches the old buffer, whose views then have length 0).
function fastPath(raw) {
  let path = null;
  let memory = null;
  let input = null;
  let output = null;
  let at = 0;
  const views = () => {
    const buffer = memory.buffer;
    input = new Uint8Array(buffer, path.inputPtr(), path.inputLength());
    output = new Float64Array(buffer);
    at = path.outputPtr() / 8;
  };
  return (fields) => {
    if (path === null) {
      path = new raw.FastPath();
      memory = raw.wasmMemory();
      views();
    }
    if (input.length === 0) views();
    const written = writeFields(fields, input);
    if (written < 0) return null;
    const slots = path.unsubscribeRefund(written);
    if (slots === 0) return null;
    if (output.length === 0) views();
    return defineBreakdown(decodeUnsubscribe(output, at, slots, lazyState(raw, "unsubscribeRefund", fields, true)));
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
        : name === "unsubscribeRefund" && raw.FastPath
          ? ((fast) => (request) => {
              const fields = unsubscribeFields(request);
              const answer = fields === null ? null : fast(fields);
              if (answer === null) return op(name, request);
              return answer;
            })(fastPath(raw))
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
