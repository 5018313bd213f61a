// Bundles the page (www/app.js with the package it imports: js/receipt.js, js/browser.js, the
// wasm-bindgen glue) into one ES module, dist/app.js, next to a copy of the .wasm
// (dist/billcalc_bg.wasm, which the glue finds next to the module). The page then requests two
// files at once — the module and the .wasm — instead of a chain of four imports before the .wasm.
// Also writes dist/version.js, the page's version (a hash of what the service worker caches).
// Run by scripts/build.sh after the wasm build; `node scripts/bundle-page.mjs` alone re-bundles.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (p) => `${root}${p}`;

export async function bundlePage() {
  mkdirSync(at("dist"), { recursive: true });
  await build({
    entryPoints: [at("www/app.js")],
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    outfile: at("dist/app.js"),
  });
  copyFileSync(at("pkg/billcalc_bg.wasm"), at("dist/billcalc_bg.wasm"));
  const hash = createHash("sha256");
  for (const f of ["dist/app.js", "dist/billcalc_bg.wasm", "www/index.html", "www/style.css", "www/boot.js", "www/embed.html", "www/embed.js", "www/embed.css", "www/sw.js"]) {
    try {
      hash.update(readFileSync(at(f)));
    } catch {
      // a file not there yet changes nothing
    }
  }
  const version = hash.digest("hex").slice(0, 12);
  writeFileSync(at("dist/version.js"), `// Written by scripts/bundle-page.mjs: the page's version, for the service worker's cache name.\nself.BILLCALC_PAGE_VERSION = "${version}";\n`);
  return version;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const version = await bundlePage();
  const kb = (f) => (readFileSync(at(f)).length / 1024).toFixed(1);
  console.log(`page bundle: dist/app.js ${kb("dist/app.js")} KB (version ${version})`);
}
