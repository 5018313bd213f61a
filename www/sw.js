// Offline support: every file the page needs is cached on install and served from the cache
// first, so after the first visit the page works with the network cut. The cache is named after
// the page's version (dist/version.js, written by scripts/bundle-page.mjs: a hash of what is
// cached, and the bundle's modules), so a new build installs a new worker with a fresh cache and
// the old one is dropped. Other same-origin files (the embedding example and the package's own
// modules it loads) are cached as they are fetched.
importScripts("./dist/version.js");
const CACHE = `billcalc-${self.BILLCALC_PAGE_VERSION ?? "dev"}`;
const FILES = ["./", "./index.html", "./style.css", "./dist/billcalc_bg.wasm", ...(self.BILLCALC_PAGE_FILES ?? ["./dist/app.js"])];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("billcalc-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  event.respondWith(
    caches.match(event.request, { ignoreSearch: true }).then(
      (hit) =>
        hit ??
        fetch(event.request).then((res) => {
          if (res.ok && !url.pathname.endsWith(".map")) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(event.request, copy));
          }
          return res;
        }),
    ),
  );
});
