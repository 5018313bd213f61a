#!/usr/bin/env bash
# Installs what the build needs, only when missing: the wasm32 target, wasm-bindgen-cli (the exact
# version pinned in Cargo.toml), wasm-pack, and the npm dev dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
WBG_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml)
export PATH="$HOME/.cargo/bin:$PATH"
if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WBG_VERSION"; then
  # Not --locked: one of its locked dependencies is not in the registry this machine reaches.
  cargo install wasm-bindgen-cli --version "$WBG_VERSION"
fi
if ! command -v wasm-pack >/dev/null 2>&1; then
  cargo install wasm-pack --locked
fi
if [ ! -d node_modules ] || [ package.json -nt node_modules/.package-lock.json ]; then
  if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi
fi
