# shellcheck shell=bash
# Sourced by the other scripts: puts the project's tools first on PATH and
# points the test runners at Debian's Chromium. Safe to source more than once.
UNPLUG_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export UNPLUG_ROOT

case ":$PATH:" in
  *":$UNPLUG_ROOT/node_modules/.bin:"*) ;;
  *) PATH="$UNPLUG_ROOT/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH" ;;
esac
export PATH

# Trunk's background update check would reach for a host this machine cannot reach.
export TRUNK_SKIP_VERSION_CHECK=true
# wasm-bindgen-test-runner drives Chromium through this driver.
export CHROMEDRIVER=/usr/bin/chromedriver
# The e2e harness launches this browser through playwright-core.
export CHROME=/usr/bin/chromium
