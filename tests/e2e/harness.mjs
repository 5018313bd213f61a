// Shared by the browser tests: Debian's chromium driven by playwright-core (no browser download),
// the local server, the page's bundle brought up to date, and where artefacts go.
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { fileURLToPath } from "node:url";
import { startServer } from "../../scripts/serve.mjs";
import { bundlePage } from "../../scripts/bundle-page.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));

export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";
export const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** test-results/ (git-ignored): screenshots and the timing report. */
export const results = join(root, "test-results");
mkdirSync(results, { recursive: true });

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Re-bundles and re-renders the page when www/, js/, the prerender or the .wasm is newer than
 * dist/app.js (npm test builds it anyway; this keeps `node --test tests/e2e/` honest after an edit). */
export async function freshBundle() {
  const out = join(root, "dist/app.js");
  const src = Math.max(
    newest(join(root, "www")),
    newest(join(root, "js")),
    statSync(join(root, "scripts/prerender.mjs")).mtimeMs,
    statSync(join(root, "pkg/billcalc_bg.wasm")).mtimeMs,
  );
  if (!existsSync(out) || !existsSync(join(root, "dist/index.html")) || statSync(out).mtimeMs < src) await bundlePage();
}

export async function serve() {
  await freshBundle();
  const server = await startServer(0);
  return { server, base: `http://127.0.0.1:${server.address().port}/` };
}

export function stop(server) {
  if (!server) return Promise.resolve();
  server.closeAllConnections?.();
  return new Promise((resolve) => server.close(resolve));
}

/** The receipt's headline (the amount to pay). Playwright's CSS selectors pierce open shadow roots. */
export const RECEIPT_TOTAL = 'billcalc-receipt [data-figure="total"]';

/** A test file's browser: the page's server, one persistent Chromium context with its own profile
 * (`options` go to launchPersistentContext: `locale`, `args`), its first page, and `pageErrors`,
 * the page's uncaught errors. Open it in the file's `before`, close it with [closeBrowser] in
 * `after`. */
export async function openBrowser(options = {}) {
  const { server, base } = await serve();
  const profile = mkdtempSync(join(tmpdir(), "billcalc-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  return { server, base, profile, context, page, pageErrors };
}

/** Close what [openBrowser] opened (a server already stopped is left as it is). */
export async function closeBrowser(b) {
  await b?.context?.close();
  await stop(b?.server);
  if (b) rmSync(b.profile, { recursive: true, force: true });
}
