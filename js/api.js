// The package's public functions, over the raw wasm-bindgen exports. No billing rule lives here:
// this file only guards the boundary (a trap inside wasm becomes an Error with code INTERNAL), and
// writes a breakdown's English text from its keys (the module ships keys and figures only).

import { withEnglish, withEnglishTexts } from "./messages.js";

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
  // JSON has no NaN or Infinity: JSON.stringify writes them as null, which could read as an
  // absent member (a quantity of NaN priced as 1). Refused here, with the member's path.
  const path = text !== undefined && text.includes("null") ? nonFinite(request) : null;
  if (path !== null) {
    const err = new Error(`${path || "the request"} is not a finite number; give a number or leave the member out`);
    err.name = "BillcalcError";
    err.code = "INVALID_NUMBER";
    err.path = path;
    throw err;
  }
  return text === undefined ? "null" : text;
}

// The path of the first NaN or ±Infinity in a request JSON.stringify accepted (so without cycles).
function nonFinite(request) {
  const stack = [[request, ""]];
  while (stack.length > 0) {
    const [value, path] = stack.pop();
    if (typeof value === "number" && !Number.isFinite(value)) return path;
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push([v, `${path}[${i}]`]));
    else for (const k of Object.keys(value)) stack.push([value[k], path ? `${path}.${k}` : k]);
  }
  return null;
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
// JSON, Object.keys and for…in skip): V8 then keeps one shape for all results (a closure per
// result costs ~0.4 µs).
const LAZY = Symbol("billcalc.breakdown");
const BREAKDOWN = {
  enumerable: true,
  configurable: true,
  get() {
    const s = this[LAZY];
    if (s.breakdown === undefined) {
      s.breakdown = withEnglish(JSON.parse(s.raw.calculateJson(s.name, s.request, true)).breakdown);
    }
    return s.breakdown;
  },
  set(value) {
    this[LAZY].breakdown = value;
  },
};

function withLazyBreakdown(raw, name, text, result) {
  result[LAZY] = { raw, name, request: text, breakdown: undefined };
  return Object.defineProperty(result, "breakdown", BREAKDOWN);
}

function guard(raw, name) {
  const op = (opName, request) => {
    const text = encode(request);
    const json = raw.calculateJson(opName, text, false);
    const answer = JSON.parse(json);
    // Texts told by messages outside the breakdown (a timeline's states): their English here.
    if (json.includes('"messages":{')) withEnglishTexts(answer);
    return withLazyBreakdown(raw, opName, text, answer);
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

/** Wrap the raw module's exports for `operations` (js/exports.js lists them, from the Rust
 * operations table); returns { quote, upgradeCost, …, calculate, curve }. */
export function wrap(raw, operations) {
  const api = {};
  for (const name of [...operations, "calculate", "curve"]) api[name] = guard(raw, name);
  return api;
}
