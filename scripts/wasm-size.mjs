// Prints the raw and gzip size of the built .wasm and fails when gzip exceeds the budget.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const BUDGET_GZIP_KB = Number(process.env.BILLCALC_WASM_BUDGET_KB ?? 170);
const bytes = readFileSync(new URL("../pkg/billcalc_bg.wasm", import.meta.url));
const gz = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`billcalc_bg.wasm: ${kb(bytes.length)} KB raw, ${kb(gz)} KB gzip (budget ${BUDGET_GZIP_KB} KB gzip)`);
if (gz > BUDGET_GZIP_KB * 1024) {
  console.error(`wasm gzip size ${kb(gz)} KB is over the ${BUDGET_GZIP_KB} KB budget`);
  process.exit(1);
}
