#!/usr/bin/env bash
# Builds the wasm package of an earlier commit into target/releases/<name>/ (git worktree, cargo's
# wasm32 release build, wasm-bindgen --target web), for benches/compare.mjs to load beside today's
# build in one process. Usage: scripts/build-release.sh <name> <commit>.
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 commit=$2
out="$PWD/target/releases/$name"
[ -f "$out/billcalc_bg.wasm" ] && [ "$(cat "$out/commit" 2>/dev/null)" = "$commit" ] && exit 0
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$HOME/.cargo/bin:$PATH"
bash scripts/setup.sh
tree=$(mktemp -d)
git worktree add --quiet --detach "$tree" "$commit"
trap 'git worktree remove --force "$tree"' EXIT
echo "building $name ($commit) for the comparison"
(cd "$tree" && CARGO_TARGET_DIR="$PWD/../$(basename "$tree")-target" CARGO_PROFILE_RELEASE_STRIP=debuginfo \
  cargo build --quiet --release --lib --target wasm32-unknown-unknown)
mkdir -p "$out"
wasm-bindgen --target web --remove-name-section --remove-producers-section --out-dir "$out" \
  --out-name billcalc "$tree-target/wasm32-unknown-unknown/release/billcalc.wasm"
rm -rf "$tree-target"
echo "$commit" > "$out/commit"
