#!/usr/bin/env bash
# README command 1: build the release app and serve it with the sandbox.
#   bash scripts/run.sh [sandbox flags...]     e.g. --rc-version 7 --integrations 40
#   UNPLUG_CONFIG=my-config.json bash scripts/run.sh   serves that config.json instead
#     (real platforms: README, "Connect your real platforms")
# Then open the printed URL; Ctrl-C stops the sandbox.
set -euo pipefail

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UNPLUG_ROOT"

bash scripts/setup.sh
cargo fetch --locked
trunk build --release
cargo build -p sandbox --profile sandbox --locked
if [[ -n "${UNPLUG_CONFIG:-}" ]]; then
  cp "$UNPLUG_CONFIG" dist/config.json
  echo "serving $UNPLUG_CONFIG as config.json"
fi

# The app's address: the sandbox's default unless --app-listen is passed.
app_listen=127.0.0.1:8080
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --app-listen=*) app_listen="${args[i]#--app-listen=}" ;;
    --app-listen) app_listen="${args[i + 1]:-$app_listen}" ;;
  esac
done

"${CARGO_TARGET_DIR:-target}/sandbox/sandbox" --app-dir dist "$@" &
sandbox_pid=$!
# A background job ignores Ctrl-C in a script, so pass it on.
trap 'kill "$sandbox_pid" 2>/dev/null; wait "$sandbox_pid" 2>/dev/null || true; exit 130' INT TERM

for _ in $(seq 1 100); do
  if (exec 3<>"/dev/tcp/${app_listen%:*}/${app_listen##*:}") 2>/dev/null; then
    echo
    echo "Unplug is running: open http://$app_listen/  (Ctrl-C stops it)"
    break
  fi
  kill -0 "$sandbox_pid" 2>/dev/null || break
  sleep 0.1
done
wait "$sandbox_pid"
