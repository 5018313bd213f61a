// Browser and bundler entry: fetches and instantiates the .wasm next to pkg/billcalc.js (a URL
// built from import.meta.url, which Vite and other bundlers turn into an asset). Uses top-level
// await, so the functions are ready as soon as the import resolves (ES2022 targets).
import init, * as raw from "../pkg/billcalc.js";
import { wrap } from "./api.js";

await init();
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

/** Resolved once the module is instantiated (already so after the import). */
export const ready = Promise.resolve();
