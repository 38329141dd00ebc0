#!/usr/bin/env bash
# Prints raw and gzip (-9) sizes of the wasm, JS and CSS that a release build
# put in dist/. Run after `trunk build --release`.
#   bash bench/bundle-size.sh [DIST_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dist="${1:-dist}"

shopt -s nullglob
files=("$dist"/*.wasm "$dist"/*.js "$dist"/*.css)
if ((${#files[@]} == 0)); then
  echo "no wasm, js or css in $dist/: run \`trunk build --release\` first" >&2
  exit 1
fi

kb() { awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1024 }'; }

printf '%-6s %11s %11s  %s\n' kind raw gzip file
total_raw=0 total_gz=0
for file in "${files[@]}"; do
  raw=$(stat -c %s "$file")
  gz=$(gzip -9 -c "$file" | wc -c)
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz))
  printf '%-6s %11s %11s  %s\n' "${file##*.}" "$(kb "$raw")" "$(kb "$gz")" "${file#"$dist"/}"
done
printf '%-6s %11s %11s\n' total "$(kb "$total_raw")" "$(kb "$total_gz")"
