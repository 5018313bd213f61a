#!/usr/bin/env bash
# Installs what the build needs, only when missing: the wasm32 target, wasm-bindgen-cli (the exact
# version pinned in Cargo.toml; the build calls cargo and wasm-bindgen itself, so wasm-pack is not
# needed — `wasm-pack build --target web` still works for those who have it) and the npm dev
# dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
WBG_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  echo "setup: adding the wasm32 target (once)"
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  # No registry offers a prebuilt wasm-bindgen CLI to this machine: it is compiled, once. Without
  # its default features (TLS, only for the test runner's downloads) that is about half the work.
  # Not --locked: one of its locked dependencies is not in the registry this machine reaches.
  echo "setup: compiling wasm-bindgen-cli $WBG_VERSION (once; a few minutes on 2 cores)"
  cargo install --quiet wasm-bindgen-cli --version "$WBG_VERSION" --no-default-features
fi
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "setup: installing the npm dev dependencies"
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error; else npm install --no-audit --no-fund --loglevel=error; fi
fi
