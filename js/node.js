// Node entry: instantiates the wasm module synchronously from the package's own file. The package
// ships it bundled with what it imports as one module, pkg/billcalc-node.js (scripts/build.sh).
// `fs` is taken with process.getBuiltinModule where Node has it (20.16+): importing `node:fs` as
// an ES module builds its whole export facade, ~1.8 ms of a ~10 ms cold start.
import { initSync } from "../pkg/billcalc.js";

const fs = globalThis.process?.getBuiltinModule?.("fs") ?? (await import("node:fs"));
initSync({ module: fs.readFileSync(new URL("../pkg/billcalc_bg.wasm", import.meta.url)) });

export * from "./exports.js";
/** Already initialised in Node; present so code shared with browsers can `await ready`. */
export const ready = Promise.resolve();
