#!/usr/bin/env bash
# Builds the wasm package into pkg/ (wasm-pack --target web; no wasm-opt, see Cargo.toml) and
# prints the .wasm size, raw and gzip.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
wasm-pack build --release --target web --out-dir pkg --out-name billcalc --no-pack
rm -f pkg/.gitignore
node scripts/wasm-size.mjs
