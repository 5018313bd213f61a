// npm run bench: the wasm package against the native CLI (batch) and a decimal.js baseline.
// Prints ns per call, the ratios, the 1,096-point curve as one call vs 1,096 calls, module
// instantiation time and the .wasm gzip size. Run `npm run build` and `cargo build --release` first
// (this script builds them when missing).
import { readFileSync, existsSync, readdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OPERATIONS } from "../js/exports.js";
import { gzipSync } from "node:zlib";
import { execFileSync, spawnSync } from "node:child_process";
import { performance } from "node:perf_hooks";
import * as baseline from "./baseline-decimal.mjs";

const root = new URL("../", import.meta.url);
if (!existsSync(new URL("pkg/billcalc-node.js", root))) execFileSync("bash", ["scripts/build.sh"], { cwd: root, stdio: "inherit" });
const cli = new URL("target/release/billcalc", root).pathname;
if (!existsSync(cli)) execFileSync("cargo", ["build", "--release", "--bin", "billcalc"], { cwd: root, stdio: "inherit" });

const wasmBytes = readFileSync(new URL("pkg/billcalc_bg.wasm", root));
const t0 = performance.now();
const raw = await import("../pkg/billcalc.js");
raw.initSync({ module: wasmBytes });
const billcalc = await import("../js/exports.js");
const firstCall = billcalc.quote({ date: "2023-05-10", term: "1Y", prices: { "1Y": "120" } });
const coldMs = performance.now() - t0;

function perCall(fn, arg, n = 50_000) {
  // Warm-up, then the median of five rounds (the machine is a shared VM).
  for (let i = 0; i < Math.min(n, 20_000); i++) fn(arg);
  const rounds = [];
  for (let r = 0; r < 5; r++) {
    const t = process.hrtime.bigint();
    for (let i = 0; i < n; i++) fn(arg);
    rounds.push(Number(process.hrtime.bigint() - t) / n);
  }
  return rounds.sort((a, b) => a - b)[2];
}

const order = (start, end, term, paidCash) => ({ start, end, term, paidCash });
const REQUESTS = {
  unsubscribeRefund: { scenario: "inUse", date: "2022-09-02", orders: [order("2022-08-19", "2022-09-19", "1M", "110.00")] },
  downgradeRefund: { date: "2018-11-24", orders: [order("2018-11-01", "2018-11-30", "1M", "120")], newPrices: { "1M": "90" } },
  upgradeCost: {
    date: "2019-03-31",
    orders: [order("2019-01-31", "2020-01-31", "1Y", "120"), order("2020-02-01", "2020-09-30", "8M", "88"), order("2020-10-01", "2021-09-30", "1Y", "120")],
    oldPrices: { "1M": "11", "1Y": "120" },
    newPrices: { "3Y": "400" },
  },
  expansionCost: { date: "2021-07-03", orders: [order("2021-07-01", "2021-07-31", "1M", "3.5")], capacityBefore: 10, capacityAfter: 60, unitPrices: { "1M": "0.35" } },
  unifiedExpiry: { currentExpiry: "2023-03-15", renewTerm: "1M", unifiedDay: 1, prices: { "1M": "30" } },
  quote: { kind: "renewal", date: "2023-03-20", currentExpiry: "2023-03-15", term: "1M", prices: { "1M": "30" } },
  switchToOnDemand: { date: "2022-09-02", orders: [order("2022-08-19", "2022-09-19", "1M", "110.00")] },
  reservedInstanceRefund: { payment: "fullUpfront", remainingRatio: "0.5", upfrontCash: "50", upfrontVoucher: "50" },
};

// The rest of the rulebook: one worked example each, from the golden vectors.
const vectorDir = new URL("tests/vectors/", root);
const vectors = readdirSync(vectorDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(new URL(f, vectorDir), "utf8")));
for (const op of OPERATIONS) {
  if (REQUESTS[op]) continue;
  const v = vectors.find((v) => v.request.op === op && v.expect);
  if (v) {
    const { op: _, ...req } = v.request;
    REQUESTS[op] = req;
  }
}

function nativeBatch(op, req, n = 20_000) {
  const line = JSON.stringify({ op, ...req }) + "\n";
  const input = line.repeat(n);
  const t = process.hrtime.bigint();
  const out = spawnSync(cli, ["calc"], { input, maxBuffer: 1 << 30 });
  const ns = Number(process.hrtime.bigint() - t) / n;
  if (out.status !== 0) throw new Error(String(out.stderr));
  return ns;
}

const rows = [];
for (const [op, req] of Object.entries(REQUESTS)) {
  const wasm = perCall(billcalc[op], req, op === "upgradeCost" ? 20_000 : 50_000);
  const native = nativeBatch(op, req);
  const dec = baseline[op] ? perCall(baseline[op], req) : undefined;
  rows.push({ op, wasm, native, dec });
}

// Sanity: the baseline answers what the core answers.
for (const op of ["unsubscribeRefund", "downgradeRefund"]) {
  if (baseline[op](REQUESTS[op]).refund !== billcalc[op](REQUESTS[op]).refund) throw new Error(`baseline disagrees on ${op}`);
}

const threeYears = { op: "unsubscribeRefund", scenario: "inUse", date: "2020-01-01", orders: [order("2020-01-01", "2022-12-31", "3Y", "3000")] };
const curveNs = perCall(billcalc.curve, threeYears, 300);
const days = [];
for (let i = 0; i < 1096; i++) days.push(new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
const manyNs = perCall(
  () => {
    for (const date of days) {
      try {
        billcalc.unsubscribeRefund({ ...threeYears, op: undefined, date });
      } catch {}
    }
  },
  null,
  10,
);

const us = (ns) => (ns / 1000).toFixed(2);
console.log("operation              wasm µs/call  native CLI µs/call  decimal.js µs/call  wasm/native  wasm/decimal.js");
for (const r of rows) {
  console.log(
    `${r.op.padEnd(22)} ${us(r.wasm).padStart(12)} ${us(r.native).padStart(19)} ${(r.dec ? us(r.dec) : "—").padStart(19)} ${(r.wasm / r.native).toFixed(2).padStart(12)} ${(r.dec ? (r.wasm / r.dec).toFixed(2) : "—").padStart(16)}`,
  );
}
console.log(`curve of 1,096 days: one call ${(curveNs / 1e6).toFixed(3)} ms; 1,096 calls ${(manyNs / 1e6).toFixed(3)} ms`);
console.log(`module instantiate + first result (in this process): ${coldMs.toFixed(2)} ms (first payable ${firstCall.payable})`);
// Cold load in a fresh Node process: importing the package (which reads, compiles and instantiates
// the module) to the first result, the median of seven processes (quote and unsubscribeRefund).
const coldScript = (call) => `
  const t0 = performance.now();
  const b = await import(${JSON.stringify(new URL("pkg/billcalc-node.js", root).href)});
  const t1 = performance.now();
  const r = ${call};
  const t2 = performance.now();
  console.log(JSON.stringify([t1 - t0, t2 - t1, String(r)]));`;
// The script is a file, as an application's entry is: Node has its ES module loader up before the
// entry's first line runs (with `-e` the loader's own start-up, ~3.5 ms, would be counted too).
const coldDir = mkdtempSync(join(tmpdir(), "billcalc-cold-"));
const coldFile = (name, call) => {
  const file = join(coldDir, `${name.split(" ")[0]}.mjs`);
  writeFileSync(file, coldScript(call));
  return file;
};
const COLD = {
  "quote": `b.quote({ date: "2023-05-10", term: "1Y", prices: { "1Y": "120" } }).payable`,
  "unsubscribeRefund": `b.unsubscribeRefund(${JSON.stringify(REQUESTS.unsubscribeRefund)}).refund`,
};
for (const [name, call] of Object.entries(COLD)) {
  const runs = [];
  for (let i = 0; i < 7; i++) {
    const out = execFileSync(process.execPath, [coldFile(name, call)], { encoding: "utf8" });
    runs.push(JSON.parse(out));
  }
  runs.sort((a, b) => a[0] + a[1] - (b[0] + b[1]));
  const [load, first, answer] = runs[3];
  console.log(`cold start, fresh process, ${name}: ${(load + first).toFixed(2)} ms = load ${load.toFixed(2)} + first call ${first.toFixed(2)} (answer ${answer})`);
}
console.log(`.wasm: ${(wasmBytes.length / 1024).toFixed(1)} KB raw, ${(gzipSync(wasmBytes, { level: 9 }).length / 1024).toFixed(1)} KB gzip`);
