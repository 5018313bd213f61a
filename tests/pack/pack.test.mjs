// The packed tarball, installed into a fresh directory: imported from Node ESM and bundled by Vite.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = (args, cwd) => execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

const work = mkdtempSync(join(tmpdir(), "billcalc-pack-"));
const tarball = join(work, JSON.parse(npm(["pack", "--json", "--pack-destination", work], root))[0].filename);

test.after(() => rmSync(work, { recursive: true, force: true }));

test("the tarball holds the package files and nothing else", () => {
  const listing = JSON.parse(npm(["pack", "--dry-run", "--json"], root))[0].files.map((f) => f.path);
  for (const f of ["js/node.js", "js/browser.js", "js/api.js", "js/index.d.ts", "js/types.d.ts", "js/receipt.js", "js/receipt.d.ts", "js/messages.js", "js/messages-en.js", "js/messages-zh-CN.js", "js/messages.d.ts", "pkg/billcalc.js", "pkg/billcalc-node.js", "pkg/billcalc_bg.wasm", "package.json", "README.md"]) {
    assert.ok(listing.includes(f), `${f} in the tarball`);
  }
  assert.ok(!listing.some((f) => f.startsWith("src/") || f.startsWith("tests/")), "no sources or tests");
});

test("installed into a fresh directory, it works from Node ESM", () => {
  const app = join(work, "node-app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "node-app", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", "--offline", tarball], app);
  writeFileSync(
    join(app, "main.mjs"),
    `import { unsubscribeRefund } from "billcalc";
     const r = unsubscribeRefund({ scenario: "inUse", date: "2022-09-02",
       orders: [{ start: "2022-08-19", end: "2022-09-19", term: "1M", paidCash: "110.00" }] });
     console.log(r.refund);`,
  );
  assert.equal(execFileSync("node", ["main.mjs"], { cwd: app, encoding: "utf8" }).trim(), "50.87");
});

test("installed into a fresh directory, Vite bundles it (and billcalc/receipt) for the browser", () => {
  const app = join(work, "vite-app");
  execFileSync("mkdir", ["-p", app]);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "vite-app", private: true, type: "module" }));
  npm(["install", "--no-audit", "--no-fund", tarball, "vite@7"], app);
  writeFileSync(join(app, "index.html"), `<!doctype html><script type="module" src="./main.js"></script><output id="out"></output>`);
  writeFileSync(
    join(app, "main.js"),
    `import { downgradeRefund } from "billcalc";
     import "billcalc/receipt";
     document.getElementById("out").textContent = downgradeRefund({ date: "2018-11-24",
       orders: [{ start: "2018-11-01", end: "2018-11-30", term: "1M", paidCash: "120" }],
       newPrices: { "1M": "90" } }).refund;`,
  );
  writeFileSync(join(app, "vite.config.js"), `export default { build: { target: "es2022" }, logLevel: "error" };`);
  execFileSync(join(app, "node_modules/.bin/vite"), ["build"], { cwd: app, encoding: "utf8", stdio: "pipe" });
  const assets = readdirSync(join(app, "dist/assets"));
  assert.ok(assets.some((f) => f.endsWith(".wasm")), `a .wasm asset in ${assets}`);
  const js = assets.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(app, "dist/assets", f), "utf8")).join("\n");
  assert.match(js, /calculateJson/, "the bundle calls the wasm core");
  assert.match(js, /billcalc-receipt/, "the receipt element is bundled from billcalc/receipt");
});
