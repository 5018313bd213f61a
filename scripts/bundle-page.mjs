// Bundles the page into dist/: www/app.js with the package it imports (js/receipt.js,
// js/browser.js, the wasm-bindgen glue) as one ES module, dist/app.js, and the "All calculations"
// view with its sample catalog as a second one it imports later (dist/calculators.js); next to them
// a copy of the .wasm (dist/billcalc_bg.wasm, where the glue looks for it), and the built page
// (dist/index.html: www/index.html with its default views prerendered, in each language). The
// page then requests its module and the .wasm at once instead of after a chain of four imports.
// Also writes dist/version.js for the service worker: the page's version (a hash of what it
// caches, naming its cache) and the bundle's files. Run by scripts/build.sh after the wasm build;
// `node scripts/bundle-page.mjs` alone re-bundles.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { prerender } from "./prerender.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (p) => `${root}${p}`;

export async function bundlePage() {
  rmSync(at("dist"), { recursive: true, force: true });
  mkdirSync(at("dist"), { recursive: true });
  const common = {
    bundle: true,
    format: "esm",
    target: "es2022",
    minify: true,
    sourcemap: "linked",
    legalComments: "none",
    logLevel: "warning",
    metafile: true,
  };
  // The page: one module. Its one dynamic import, the calculators, is left to the browser.
  const page = await build({
    ...common,
    entryPoints: [at("www/app.js")],
    outfile: at("dist/app.js"),
    plugins: [
      {
        name: "calculators-apart",
        setup(b) {
          b.onResolve({ filter: /^\.\/calculators\.js$/ }, (args) => ({ path: args.path, external: true }));
        },
      },
    ],
  });
  // The calculators and their sample catalog: one module that imports nothing (the package and the
  // page's helpers come in its mount function's hooks), so no code is shared between the two.
  const calculators = await build({ ...common, entryPoints: [at("www/calculators.js")], outfile: at("dist/calculators.js") });
  const metafile = { outputs: { ...page.metafile.outputs, ...calculators.metafile.outputs } };
  copyFileSync(at("pkg/billcalc_bg.wasm"), at("dist/billcalc_bg.wasm"));
  // The built page: www/index.html with the default view rendered in (scripts/prerender.mjs).
  const built = await prerender();
  const files = Object.keys(metafile.outputs)
    .map((f) => relative(root, at(f.startsWith("/") ? f.slice(root.length) : f)))
    .filter((f) => f.endsWith(".js"))
    .map((f) => `./${f}`)
    .sort();
  const hash = createHash("sha256");
  for (const f of [...files.map((f) => f.slice(2)), "dist/billcalc_bg.wasm", "dist/index.html", "www/style.css", "www/embed.html", "www/embed.js", "www/embed.css", "www/sw.js"]) {
    try {
      hash.update(readFileSync(at(f)));
    } catch {
      // a file not there yet changes nothing
    }
  }
  const version = hash.digest("hex").slice(0, 12);
  writeFileSync(
    at("dist/version.js"),
    `// Written by scripts/bundle-page.mjs for the service worker: the page's version and its bundle.\n` +
      `self.BILLCALC_PAGE_VERSION = "${version}";\nself.BILLCALC_PAGE_FILES = ${JSON.stringify(files)};\n`,
  );
  return { version, files, page: built };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { version, files, page } = await bundlePage();
  const kb = (f) => (readFileSync(at(f)).length / 1024).toFixed(1);
  console.log(`page bundle (version ${version}): ${files.map((f) => `${f.slice(2)} ${kb(f.slice(2))} KB`).join(", ")}`);
  console.log(
    `built page: dist/index.html ${(page.bytes / 1024).toFixed(1)} KB (${(page.gzip / 1024).toFixed(1)} KB gzip), the samples of Checkout (to pay ${page.total}) and My resource prerendered in ${Object.keys(page.totals).join(" and ")}`,
  );
}
