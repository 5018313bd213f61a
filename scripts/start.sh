#!/usr/bin/env bash
# npm start: build the wasm package if it is missing or older than the Rust sources, then serve the page.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f pkg/billcalc_bg.wasm ] || [ -n "$(find src Cargo.toml Cargo.lock -newer pkg/billcalc_bg.wasm -print -quit)" ]; then
  bash scripts/build.sh
fi
exec node scripts/serve.mjs
