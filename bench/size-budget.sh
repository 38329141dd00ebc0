#!/usr/bin/env bash
# The size budget: fails when a kind of file the release build ships (wasm,
# JS, CSS, HTML in dist/) weighs more than 2 % over its budget in
# bench/size-budget.json, counted as bench/bundle-size.sh counts transfer
# (gzip -9 -n, bench/lib/sizes.sh), summed over the kind's files. Prints each
# figure against its budget. Run after `trunk build --release`; scripts/test.sh
# runs it as its size-budget stage. Lower a budget as the build shrinks;
# raising one needs a sentence in CHANGELOG.md saying why.
#   bash bench/size-budget.sh [DIST_DIR]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=bench/lib/sizes.sh
source bench/lib/sizes.sh
dist="${1:-dist}"
budgets=bench/size-budget.json
# Over the budget by more than this, in percent, fails.
tolerance=2

if [[ ! -f "$dist/index.html" ]]; then
  echo "no $dist/index.html: run \`trunk build --release\` first" >&2
  exit 1
fi

declare -A budget
while read -r kind bytes; do
  budget[$kind]=$bytes
done < <(node -e '
  const { budgets } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const [kind, bytes] of Object.entries(budgets)) console.log(kind, bytes);
' "$budgets")

shopt -s nullglob
failed=0
printf '%-5s %11s %11s %8s\n' kind gzip budget over
for kind in wasm js css html; do
  if [[ -z "${budget[$kind]:-}" ]]; then
    echo "$budgets has no budget for $kind" >&2
    failed=1
    continue
  fi
  total=0
  for file in "$dist"/*."$kind"; do total=$((total + $(gzip_bytes "$file"))); done
  over=$(awk -v t="$total" -v b="${budget[$kind]}" 'BEGIN { printf "%+.1f %%", (t - b) * 100 / b }')
  verdict=ok
  if ((total * 100 > budget[$kind] * (100 + tolerance))); then
    verdict="OVER BUDGET by more than $tolerance %"
    failed=1
  fi
  printf '%-5s %11s %11s %8s  %s\n' "$kind" "$(kb "$total")" "$(kb "${budget[$kind]}")" "$over" "$verdict"
done
if ((failed)); then
  echo "size budget exceeded: shrink the build, or raise the budget in $budgets with a sentence in CHANGELOG.md saying why"
  exit 1
fi
echo "size budget: every kind within $tolerance % of $budgets"
