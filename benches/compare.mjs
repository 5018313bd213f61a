// npm run bench:compare — today's wasm against earlier releases, in one Node process, paired
// rounds over the same requests, so the machine's drift falls on both sides alike. The earlier
// builds come from scripts/build-release.sh (a git worktree of the release's commit, built the
// same way as today's). Prints, per call and per 1,096-day curve, each build's median ns and the
// ratio today / release; every answer is checked to be the same text.
import { readFileSync, existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { CALLS, CURVES } from "./requests.mjs";

const root = new URL("../", import.meta.url);
const RELEASES = [
  ["0.1", "8cf2a34"],
  ["0.2", "6126e8b"],
  ["0.3", "516e053"],
];
if (!existsSync(new URL("pkg/billcalc_bg.wasm", root))) execFileSync("bash", ["scripts/build.sh"], { cwd: root, stdio: "inherit" });

async function load(dir) {
  const glue = await import(new URL(`${dir}/billcalc.js`, root));
  glue.initSync({ module: readFileSync(new URL(`${dir}/billcalc_bg.wasm`, root)) });
  return glue;
}

const builds = [["today", await load("pkg")]];
for (const [name, commit] of RELEASES) {
  execFileSync("bash", ["scripts/build-release.sh", `v${name}`, commit], { cwd: root, stdio: "inherit" });
  builds.push([name, await load(`target/releases/v${name}`)]);
}


const cases = [
  ...Object.entries(CALLS).map(([op, req]) => [`${op} call`, (b) => b.calculateJson(op, JSON.stringify(req), false), 1000]),
  ...Object.entries(CURVES).map(([op, req]) => [`${op} curve (1,096 days)`, (b) => b.curveJson(op, JSON.stringify(req), undefined, undefined), 5]),
];

function time(fn, n) {
  const t = process.hrtime.bigint();
  for (let i = 0; i < n; i++) fn();
  return Number(process.hrtime.bigint() - t) / n;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const show = (ns) => (ns >= 1e6 ? `${(ns / 1e6).toFixed(2)} ms` : `${(ns / 1e3).toFixed(1)} µs`);
const ROUNDS = Number(process.env.ROUNDS ?? 31);

// Each round times every build back to back (in turn forwards and backwards), and a ratio is the
// median over the rounds of that round's today / release: a drift of the machine between rounds
// falls on both sides of each ratio alike.
console.log(`| same process, ${ROUNDS} paired rounds | ${builds.map(([n]) => n).join(" | ")} | ${builds.slice(1).map(([n]) => `today / ${n}`).join(" | ")} |`);
console.log(`|---|${builds.map(() => "---").join("|")}|${builds.slice(1).map(() => "---").join("|")}|`);
for (const [label, run, n] of cases) {
  // Warm-up: enough runs for V8 to have compiled the hot functions with its optimising tier.
  for (let w = 0; w < n; w++) for (const [, b] of builds) run(b);
  const answers = builds.map(([, b]) => JSON.parse(run(b)));
  // Curves answer cents, calls their figures: an earlier release may carry fewer members, so only
  // the amounts both answer are compared.
  for (const key of ["cents", "refund", "cost", "payable", "total"]) {
    const seen = answers.map((a) => JSON.stringify(a[key]));
    if (answers.every((a) => key in a) && new Set(seen).size > 1) console.warn(`  ${label}: ${key} differs between builds`);
  }
  const ns = builds.map(() => []);
  const ratios = builds.map(() => []);
  for (let r = 0; r < ROUNDS; r++) {
    const order = r % 2 ? [...builds.keys()].reverse() : [...builds.keys()];
    const t = [];
    for (const i of order) t[i] = time(() => run(builds[i][1]), n);
    t.forEach((x, i) => {
      ns[i].push(x);
      ratios[i].push(t[0] / x);
    });
  }
  const shown = ratios.slice(1).map((r) => median(r).toFixed(2));
  console.log(`| ${label} | ${ns.map(median).map(show).join(" | ")} | ${shown.join(" | ")} |`);
}
