// Instruction counts of the wasm, machine-load independent: run under valgrind, e.g.
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null node --no-liftoff benches/icount.mjs pkg curve:unsubscribeRefund 5
// and subtract the count of the same command with 0 repetitions.
import { readFileSync } from "node:fs";
const [dir, which, times] = process.argv.slice(2);
const root = new URL("../", import.meta.url);
const glue = await import(new URL(`${dir}/billcalc.js`, root));
glue.initSync({ module: readFileSync(new URL(`${dir}/billcalc_bg.wasm`, root)) });
const order = (start, end, term, paidCash) => ({ start, end, term, paidCash });
const threeYears = [order("2020-01-01", "2022-12-31", "3Y", "3000")];
const CURVES = {
  unsubscribeRefund: { scenario: "inUse", date: "2020-01-01", orders: threeYears },
  downgradeRefund: { date: "2020-01-01", orders: threeYears, newPrices: { "1Y": "600", "3Y": "1500" } },
  upgradeCost: { date: "2020-01-01", orders: threeYears, oldPrices: { "1Y": "1000", "3Y": "2500" }, newPrices: { "1Y": "1500", "3Y": "4000" } },
  switchToOnDemand: { mode: "immediate", date: "2020-01-01", orders: threeYears },
};
const CALLS = {
  unsubscribeRefund: { scenario: "inUse", date: "2022-09-02", orders: [order("2022-08-19", "2022-09-19", "1M", "110.00")] },
  downgradeRefund: { date: "2018-11-24", orders: [order("2018-11-01", "2018-11-30", "1M", "120")], newPrices: { "1M": "90" } },
};
const [kind, op] = which.split(":");
const run = kind === "curve"
  ? () => glue.curveJson(op, JSON.stringify(CURVES[op]), undefined, undefined)
  : () => glue.calculateJson(op, JSON.stringify(CALLS[op]), false);
run();
for (let i = 0; i < Number(times); i++) run();
