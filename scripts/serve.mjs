// A dependency-free static server for the page: www/ at /, the page's bundle at /dist/ (built by
// scripts/bundle-page.mjs), the built package at /pkg/ and its JS wrapper at /js/ (the same files
// users get from npm). The page itself (/ and /index.html) is the built one, dist/index.html (the
// default view prerendered, scripts/prerender.mjs), when it has been built; an HTML page is sent
// with its own policy (its <meta> Content-Security-Policy, which allows its inline scripts by
// hash) as the header. Binds 127.0.0.1; PORT (default 8080).
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const MOUNTS = [
  ["/dist/", join(root, "dist")],
  ["/pkg/", join(root, "pkg")],
  ["/js/", join(root, "js")],
  ["/", join(root, "www")],
];
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".map": "application/json",
};
const BUILT_PAGE = join(root, "dist", "index.html");
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export function startServer(port = Number(process.env.PORT ?? 8080), host = "127.0.0.1") {
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
      const [prefix, dir] = MOUNTS.find(([p]) => path.startsWith(p));
      let file = normalize(join(dir, path.slice(prefix.length)));
      if (!file.startsWith(dir)) throw Object.assign(new Error("outside"), { status: 403 });
      if ((await stat(file).catch(() => null))?.isDirectory()) file = join(file, "index.html");
      if (file === join(root, "www", "index.html") && existsSync(BUILT_PAGE)) file = BUILT_PAGE;
      const body = await readFile(file);
      const own = extname(file) === ".html" && /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(body.toString("utf8"))?.[1];
      res.writeHead(200, {
        "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
        "Content-Security-Policy": own ? `${own}; frame-ancestors 'none'` : CSP,
        "X-Content-Type-Options": "nosniff",
        "Cache-Control": "no-cache",
      });
      res.end(body);
    } catch (e) {
      res.writeHead(e.status ?? 404, { "Content-Type": "text/plain" });
      res.end(e.status === 403 ? "forbidden" : "not found");
    }
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const server = await startServer();
  const { port } = server.address();
  console.log(`billcalc page: http://127.0.0.1:${port}/`);
}
