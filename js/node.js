// Node entry: instantiates the wasm module synchronously from the package's own file.
import { readFileSync } from "node:fs";
import * as raw from "../pkg/billcalc.js";
import { wrap } from "./api.js";

raw.initSync({ module: readFileSync(new URL("../pkg/billcalc_bg.wasm", import.meta.url)) });
const api = wrap(raw);

export const {
  quote,
  upgradeCost,
  expansionCost,
  downgradeRefund,
  unifiedExpiry,
  unsubscribeRefund,
  switchToOnDemand,
  reservedInstanceRefund,
  calculate,
  curve,
} = api;

/** Already initialised in Node; present so code shared with browsers can `await ready`. */
export const ready = Promise.resolve();
