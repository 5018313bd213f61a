// Offline support: every file the page needs is cached on install and served from the cache
// first, so after the first visit the page works with the network cut.
const CACHE = "billcalc-v2"; // bump with every release of the page or the package
const FILES = [
  "./",
  "./index.html",
  "./app.js",
  "./sample.js",
  "./style.css",
  "./js/browser.js",
  "./js/api.js",
  "./js/exports.js",
  "./pkg/billcalc.js",
  "./pkg/billcalc_bg.wasm",
];

self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
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
          if (res.ok) {
            const copy = res.clone();
            caches.open(CACHE).then((c) => c.put(event.request, copy));
          }
          return res;
        }),
    ),
  );
});
