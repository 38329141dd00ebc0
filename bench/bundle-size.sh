#!/usr/bin/env bash
# Prints raw and gzip (-9) sizes of what each page ships: the wasm, JS and CSS
# that a release build put in dist/, and the JS and CSS of the two benchmark
# peers (bench/plain/, and bench/react/ bundled by esbuild; the same CSS as
# the console), then the totals side by side with their ratios. Run after
# `trunk build --release`; builds the React peer itself (bench/lib/peers.mjs).
#   bash bench/bundle-size.sh [DIST_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib/sizes.sh
source bench/lib/sizes.sh
dist="${1:-dist}"

shopt -s nullglob
console=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
if ((${#console[@]} == 0)); then
  echo "no wasm, js or css in $dist/: run \`trunk build --release\` first" >&2
  exit 1
fi
peers="$(mktemp -d)"
trap 'rm -rf "$peers"' EXIT
node bench/lib/peers.mjs "$peers" "$dist"
plain=("$peers"/bench/plain/{cards.js,app.css,page.css} "$peers"/bench/peer/model.js)
react=("$peers"/bench/react/{react.js,app.css,page.css})

declare -A total_gz
# table NAME DIR FILE...: one line per file and a total; keeps the gzip total.
table() {
  local name=$1 dir=$2 file raw gz total_raw=0 sum_gz=0
  shift 2
  echo "$name"
  printf '  %-6s %11s %11s  %s\n' kind raw gzip file
  for file in "$@"; do
    raw=$(stat -c %s "$file")
    gz=$(gzip_bytes "$file")
    total_raw=$((total_raw + raw)) sum_gz=$((sum_gz + gz))
    printf '  %-6s %11s %11s  %s\n' "${file##*.}" "$(kb "$raw")" "$(kb "$gz")" "${file#"$dir"/}"
  done
  printf '  %-6s %11s %11s\n' total "$(kb "$total_raw")" "$(kb "$sum_gz")"
  total_gz[$name]=$sum_gz
}

table console "$dist" "${console[@]}"
table plain "$peers" "${plain[@]}"
table react "$peers" "${react[@]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo "transfer, gzip, wasm + JS + CSS"
printf '  console %s, plain %s, React %s\n' "$(kb "${total_gz[console]}")" "$(kb "${total_gz[plain]}")" "$(kb "${total_gz[react]}")"
printf '  ratio console / plain %s, console / React %s\n' \
  "$(ratio "${total_gz[console]}" "${total_gz[plain]}")" "$(ratio "${total_gz[console]}" "${total_gz[react]}")"
