#!/usr/bin/env bash
# Every test: Rust (unit, golden vectors, CLI), the generated TypeScript types, the wasm package in
# Node, the packed tarball (Node ESM and Vite), and the page in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"

echo "== Rust tests"
# billcalc and its crates (derive/, exact/, json/); --all-targets builds the benches too but skips the doc
# examples: they run on their own.
cargo test --workspace --all-targets
cargo test --workspace --doc

generated="js/types.d.ts js/index.d.ts js/exports.js js/messages-en.js"
if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- $generated; then
  echo "generated files are out of date with the Rust declarations: commit what cargo test wrote" >&2
  git --no-pager diff --stat -- $generated >&2
  exit 1
fi

echo "== wasm build"
bash scripts/build.sh

echo "== TypeScript declarations (tsc --strict --noEmit)"
npx --no-install tsc -p tests/types/tsconfig.json

echo "== package tests (Node)"
node --test tests/js/

echo "== packed tarball (Node ESM, Vite)"
node --test tests/pack/

if [ -d tests/e2e ]; then
  echo "== page end-to-end (headless Chromium)"
  bash scripts/setup-browser.sh
  node --test tests/e2e/
fi
