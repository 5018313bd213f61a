#!/usr/bin/env bash
# npm start: build the wasm package if it is missing, then serve the page.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f pkg/billcalc_bg.wasm ]; then bash scripts/build.sh; fi
exec node scripts/serve.mjs
