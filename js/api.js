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

function guard(raw, name) {
  const run =
    name === "curve"
      ? (request) => {
          const { op, from, to, ...rest } = plain(request);
          return raw.curveJson(String(op ?? ""), encode(rest), date(from), date(to));
        }
      : name === "calculate"
        ? (request) => {
            const { op, ...rest } = plain(request);
            return raw.calculateJson(String(op ?? ""), encode(rest));
          }
        : (request) => raw.calculateJson(name, encode(request));
  return function billcalcCall(request) {
    try {
      return JSON.parse(run(request));
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
