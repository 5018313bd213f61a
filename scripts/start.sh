#!/usr/bin/env bash
# npm start: build the wasm package if it is missing or older than the Rust sources (or only the
# page's bundle and the built page if older than the page, the package's JS or the prerender), then
# serve the page.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f pkg/billcalc_bg.wasm ] || [ -n "$(find src Cargo.toml Cargo.lock -newer pkg/billcalc_bg.wasm -print -quit)" ]; then
  bash scripts/build.sh
elif [ ! -f dist/app.js ] || [ ! -f dist/index.html ] || [ -n "$(find www js scripts/prerender.mjs pkg/billcalc_bg.wasm -newer dist/app.js -print -quit)" ]; then
  node scripts/bundle-page.mjs
fi
exec node scripts/serve.mjs
