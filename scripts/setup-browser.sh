#!/usr/bin/env bash
# The browser tests need Debian's chromium (driven by playwright-core; no browser download) and
# axe-core (the accessibility audit they inject).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
fi
# A font that covers 简体中文: the page's Chinese text must not show as boxes (tests/e2e/i18n.test.mjs).
if ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
  if [ "$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq fonts-noto-cjk >/dev/null
  else sudo apt-get update -qq && sudo apt-get install -y -qq fonts-noto-cjk >/dev/null; fi
fi
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] || npm install --no-audit --no-fund
