#!/usr/bin/env bash
# Builds once (release console + sandbox) and runs every bench, then prints a
# summary of their figures. Nothing here asserts a timing. Bundle size, first
# card and keystroke compare the console with its two peers, the plain-JS page
# and the React page, printing all three and the ratios; the React peer's
# packages (bench/package.json) are installed on first use with `npm ci`. The
# size report says what the release wasm weighs by origin (twiggy, installed
# on first use).
#   bash bench/run-all.sh              build, then run all five
#   bash bench/run-all.sh --no-build   reuse dist/ and the sandbox binary as they are
# Needs the tools scripts/setup.sh installs (it sources scripts/env.sh for PATH).
# Every bench starts its own sandbox on ports 38787 and 38080 (BENCH_API_PORT,
# BENCH_APP_PORT; first-cards also its gzipping proxy on the next port) and stops it.
set -uo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/env.sh"
cd "$UNPLUG_ROOT" || exit 1

if [[ "${1:-}" != "--no-build" ]]; then
  set -e
  cargo fetch --locked
  trunk build --release
  cargo build -p sandbox --profile sandbox --locked
  set +e
fi

benches=(bundle-size size-report first-cards keystroke bulk-pacing)
logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
declare -A status

for bench in "${benches[@]}"; do
  echo
  echo "== $bench"
  case "$bench" in
    bundle-size) command=(bash bench/bundle-size.sh) ;;
    size-report) command=(bash bench/size-report.sh) ;;
    *) command=(node "bench/$bench.mjs") ;;
  esac
  start=$SECONDS
  "${command[@]}" 2>&1 | tee "$logs/$bench.log"
  code=${PIPESTATUS[0]}
  if ((code == 0)); then
    status[$bench]="ok, $((SECONDS - start)) s"
  else
    status[$bench]="FAILED (exit $code), $((SECONDS - start)) s"
  fi
done

echo
echo "== summary ($(git rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u +%Y-%m-%d))"
failed=0
for bench in "${benches[@]}"; do
  echo "$bench: ${status[$bench]}"
  sed 's/^/    /' "$logs/$bench.log"
  [[ "${status[$bench]}" == ok* ]] || failed=1
done
exit "$failed"
