// Node entry: instantiates the wasm module synchronously from the package's own file.
import { readFileSync } from "node:fs";
import { initSync } from "../pkg/billcalc.js";

initSync({ module: readFileSync(new URL("../pkg/billcalc_bg.wasm", import.meta.url)) });

export * from "./exports.js";
/** Already initialised in Node; present so code shared with browsers can `await ready`. */
export const ready = Promise.resolve();
