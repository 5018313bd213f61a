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

// An operation's answer with what only its explanation says produced on first read: the
// figures come from a call that formats no formula (most of a call's cost) and whose answer has
// neither `breakdown` nor the operation's detail members (`details`, from the Rust answer's
// `Detail` members via js/exports.js: per-order rows, where a refund goes), which it does not
// build either (adding the accessors to the parsed object costs V8 less than replacing data
// members). Reading any of them runs the same computation once more with explanations, once for
// all of them. The result stays a plain object (enumerable accessor properties: JSON.stringify,
// Object.keys, spreading and structuredClone see the members).
// The accessor functions are shared by every result (one per member name) and the state sits
// under a symbol key (which JSON, Object.keys and for…in skip): V8 then keeps one shape for all
// results of an operation (a closure per result costs ~0.4 µs).
const LAZY = Symbol("billcalc.explained");
const ACCESSORS = new Map();

function accessor(member) {
  let d = ACCESSORS.get(member);
  if (d === undefined) {
    d = {
      enumerable: true,
      configurable: true,
      get() {
        const s = this[LAZY];
        if (!s.explained && (s.values === undefined || !(member in s.values))) explain(s);
        return s.values[member];
      },
      set(value) {
        const s = this[LAZY];
        (s.values ??= {})[member] = value;
      },
    };
    ACCESSORS.set(member, d);
  }
  return d;
}

// The explained answer's members (its breakdown's English written), once; a member set before
// keeps the value set.
function explain(s) {
  const json = s.raw.calculateJson(s.name, s.request, true);
  const answer = JSON.parse(json);
  if (json.includes('"messages":{')) withEnglishTexts(answer);
  answer.breakdown = withEnglish(answer.breakdown);
  s.values = s.values === undefined ? answer : Object.assign(answer, s.values);
  s.explained = true;
}

// Each operation's lazy members with their accessors: the details, then `breakdown`, after the
// figures (as the CLI orders them, but for upgradeCost's `orders`, declared before a figure).
function lazyMembers(operations, details) {
  const byOp = new Map();
  for (const name of operations) byOp.set(name, [...(details[name] ?? []), "breakdown"].map((m) => [m, accessor(m)]));
  return byOp;
}

function withLazyMembers(raw, name, text, result, members) {
  result[LAZY] = { raw, name, request: text, explained: false, values: undefined };
  for (const [member, d] of members) Object.defineProperty(result, member, d);
  return result;
}

function guard(raw, name, lazy) {
  const op = (opName, request) => {
    const text = encode(request);
    const json = raw.calculateJson(opName, text, false);
    const answer = JSON.parse(json);
    // Texts told by messages outside the breakdown (a timeline's states): their English here.
    if (json.includes('"messages":{')) withEnglishTexts(answer);
    return withLazyMembers(raw, opName, text, answer, lazy.get(opName));
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

/** Wrap the raw module's exports for `operations`, whose answers' `details` members are given
 * on first read (js/exports.js lists both, from the Rust operations table); returns { quote,
 * upgradeCost, …, calculate, curve }. */
export function wrap(raw, operations, details = {}) {
  const api = {};
  const lazy = lazyMembers(operations, details);
  for (const name of [...operations, "calculate", "curve"]) api[name] = guard(raw, name, lazy);
  return api;
}
