// Instruction counts of the wasm, machine-load independent: run under valgrind, e.g.
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-liftoff benches/icount.mjs pkg curve:unsubscribeRefund 5
// and subtract the count of the same command with 0 repetitions.
import { readFileSync } from "node:fs";
import { CALLS, CURVES } from "./requests.mjs";
const [dir, which, times] = process.argv.slice(2);
const root = new URL("../", import.meta.url);
const glue = await import(new URL(`${dir}/billcalc.js`, root));
glue.initSync({ module: readFileSync(new URL(`${dir}/billcalc_bg.wasm`, root)) });
const [kind, op] = which.split(":");
const run = kind === "curve"
  ? () => glue.curveJson(op, JSON.stringify(CURVES[op]), undefined, undefined)
  : () => glue.calculateJson(op, JSON.stringify(CALLS[op]), false);
run();
for (let i = 0; i < Number(times); i++) run();
