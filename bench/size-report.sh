#!/usr/bin/env bash
# What the release wasm weighs and why: runs twiggy on the wasm as wasm-bindgen
# left it, before wasm-opt (target/wasm-bindgen/release/unplug_bg.wasm after
# `trunk build --release`; it keeps the name section, so items have names), and
# prints the shipped file's transfer size (and its largest sections gzipped
# alone), the bytes grouped by origin (Leptos, Unplug's modules, core/alloc/std
# and fmt, serde, data segments, ...), the top items by retained size and the
# generics instantiated most (`twiggy monos`).
# Installs twiggy with `cargo install --locked` when missing, where
# scripts/setup.sh puts Trunk. Nothing here fails on a size: bench/size-budget.sh does.
#   bash bench/size-report.sh [WASM] [TOP_N]
set -euo pipefail
# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$UNPLUG_ROOT"
# shellcheck source=bench/lib/sizes.sh
source bench/lib/sizes.sh

TWIGGY_VERSION=0.8.0
wasm="${1:-${CARGO_TARGET_DIR:-target}/wasm-bindgen/release/unplug_bg.wasm}"
top="${2:-30}"

if [[ "$(twiggy --version 2>/dev/null | awk '{ print $2 }')" != "$TWIGGY_VERSION" ]]; then
  echo "installing twiggy $TWIGGY_VERSION (once)" >&2
  cargo install --locked twiggy --version "$TWIGGY_VERSION" >&2
fi
if [[ ! -f "$wasm" ]]; then
  echo "no $wasm: run \`trunk build --release\` first" >&2
  exit 1
fi

shopt -s nullglob
shipped=(dist/*.wasm)
echo "wasm before wasm-opt: $wasm, $(stat -c %s "$wasm") bytes"
if ((${#shipped[@]} == 1)); then
  echo "shipped after wasm-opt: ${shipped[0]}, $(stat -c %s "${shipped[0]}") bytes, gzip -9 $(gzip_bytes "${shipped[0]}") bytes"
  if [[ "${shipped[0]}" -ot "$wasm" ]]; then
    echo "  (older than $wasm: rebuild with \`trunk build --release\` for figures of one build)"
  fi
  node bench/lib/wasm-sections.mjs "${shipped[0]}" 3
fi
echo

twiggy top --retained -f json "$wasm" | node bench/lib/size-groups.mjs "$top"

echo
echo "Generics with the most copies (twiggy monos; bloat = bytes beyond the largest copy):"
twiggy monos --only-generics -m 15 "$wasm" | sed 's/^/  /'
