#!/usr/bin/env bash
# README command 2: runs every test. Stages: setup, fetch, formatting, lints
# (native and wasm32), native tests, wasm tests in headless Chromium, release
# build, its size budget (bench/size-budget.json), sandbox build, e2e in Chromium.
# A stage whose input failed is skipped; any failure makes the exit non-zero.
# The last line counts every test of the run: `total: N passed, N failed`.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UNPLUG_ROOT"

log_dir="$(mktemp -d "${TMPDIR:-/tmp}/unplug-test.XXXXXX")"
trap 'rm -rf "$log_dir"' EXIT

names=() results=() seconds=() counts=()
declare -A result_of
total_passed=0 total_failed=0

# Sums the passed/failed counts that cargo's, wasm-bindgen's and node's test
# runners print at the end of each test binary or run.
count_tests() {
  awk '
    /^test result: / { for (i = 1; i <= NF; i++) { if ($(i+1) ~ /^passed/) p += $i; if ($(i+1) ~ /^failed/) f += $i } }
    /^(ℹ|#) pass [0-9]+$/ { p += $3 }
    /^(ℹ|#) fail [0-9]+$/ { f += $3 }
    END { print p + 0, f + 0 }
  ' "$1"
}

# stage NAME NEEDED-STAGES COMMAND... — runs COMMAND unless a needed stage did not pass.
stage() {
  local name=$1 needs=$2 need status=0 start=$SECONDS log="$log_dir/${1// /_}.log"
  shift 2
  printf '\n==== %s ====\n' "$name"
  for need in $needs; do
    if [[ "${result_of[$need]:-}" != ok ]]; then
      echo "skipped: stage '$need' did not pass"
      names+=("$name") results+=(skipped) seconds+=(0) counts+=("")
      result_of[$name]=skipped
      return 0
    fi
  done
  "$@" 2>&1 | tee "$log" || status=$?
  local passed failed
  read -r passed failed < <(count_tests "$log")
  # A stage that failed without a failing test (a build error) counts as one failure.
  if ((status != 0 && failed == 0)); then failed=1; fi
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed))
  names+=("$name") seconds+=($((SECONDS - start)))
  if grep -q '^test result: \|^\(ℹ\|#\) pass ' "$log"; then
    counts+=("$passed passed, $failed failed")
  else
    counts+=("")
  fi
  if ((status == 0)); then results+=(ok); result_of[$name]=ok; else results+=(FAILED); result_of[$name]=failed; fi
}

# The root package's wasm test files: tests/*.rs (or tests/*/main.rs) marked
# `#![cfg(target_arch = "wasm32")]`. Native-only test files and the sandbox
# are never built for wasm.
wasm_tests=()
for file in tests/*.rs tests/*/main.rs; do
  [[ -f "$file" ]] || continue
  if grep -qxF '#![cfg(target_arch = "wasm32")]' "$file"; then
    name="${file#tests/}"; name="${name%/main.rs}"; name="${name%.rs}"
    wasm_tests+=(--test "$name")
  fi
done

run_wasm_tests() {
  if ((${#wasm_tests[@]} == 0)); then
    echo "no wasm test files in tests/"
    return 0
  fi
  # Without debuginfo a test's wasm is ~3 MB instead of ~60 MB, which
  # wasm-bindgen-test-runner processes in a fraction of the time.
  CARGO_PROFILE_DEV_DEBUG=0 timeout -k 10s 20m \
    cargo test -p unplug --target wasm32-unknown-unknown --locked "${wasm_tests[@]}"
}

stage setup "" bash scripts/setup.sh
stage fetch "setup" cargo fetch --locked
stage fmt "setup" cargo fmt --all --check
stage clippy "fetch" cargo clippy --workspace --all-targets --locked -- -D warnings
stage clippy-wasm "fetch" cargo clippy -p unplug --target wasm32-unknown-unknown --all-targets --locked -- -D warnings
stage native "fetch" cargo test --workspace --locked
stage wasm "fetch" run_wasm_tests
stage release "fetch" trunk build --release
stage size-budget "release" bash bench/size-budget.sh
stage sandbox "fetch" cargo build -p sandbox --profile sandbox --locked
stage e2e "release sandbox" timeout -k 10s 20m node --test --test-concurrency=1 --test-reporter=spec tests/e2e/

printf '\n==== summary ====\n'
for i in "${!names[@]}"; do
  printf '%-12s %-7s %5ss  %s\n' "${names[i]}" "${results[i]}" "${seconds[i]}" "${counts[i]}"
done
echo "total: $total_passed passed, $total_failed failed"
((total_failed == 0)) && [[ " ${results[*]} " != *" FAILED "* ]]
