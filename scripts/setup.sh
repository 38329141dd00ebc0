#!/usr/bin/env bash
# Installs what building and testing Unplug needs, and only what is missing or
# at the wrong version. A warm machine installs nothing and takes seconds.
# Prints one line per tool: `ok <tool> <version>` or `installing <tool>`.
set -euo pipefail

# Debian packages: Chromium and its driver for the wasm and e2e tests; nginx
# for serving dist/ behind a reverse proxy; a font so screenshots have text.
APT_PACKAGES=(chromium chromium-driver nginx fonts-dejavu-core)
TRUNK_VERSION=0.21.14
WASM_TARGET=wasm32-unknown-unknown

# shellcheck source=scripts/env.sh
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$UNPLUG_ROOT"

die() { echo "setup: $*" >&2; exit 1; }

# The wasm-bindgen crate (Cargo.lock), its CLI and test runner, and Trunk's
# expectation (Trunk.toml) must be one version, or the build or tests break.
wasm_bindgen_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' Cargo.lock)"
[[ -n "$wasm_bindgen_version" ]] || die "no wasm-bindgen package in Cargo.lock"
trunk_wasm_bindgen="$(sed -n 's/^wasm_bindgen *= *"\(.*\)".*/\1/p' Trunk.toml)"
[[ "$trunk_wasm_bindgen" == "$wasm_bindgen_version" ]] \
  || die "Trunk.toml [tools] wasm_bindgen = \"$trunk_wasm_bindgen\" but Cargo.lock has wasm-bindgen $wasm_bindgen_version: make them equal"

command -v node >/dev/null || die "node not found: this machine kind ships Node.js 20"

# Trunk's wasm_opt must name the major version of npm's binaryen.
binaryen_version="$(node -p 'require("./package-lock.json").packages["node_modules/binaryen"].version' 2>/dev/null)" \
  || die "no binaryen in package-lock.json"
trunk_wasm_opt="$(sed -n 's/^wasm_opt *= *"\(.*\)".*/\1/p' Trunk.toml)"
[[ "$trunk_wasm_opt" == "version_${binaryen_version%%.*}" ]] \
  || die "Trunk.toml [tools] wasm_opt = \"$trunk_wasm_opt\" but package-lock.json has binaryen $binaryen_version: make it \"version_${binaryen_version%%.*}\""

# --- Debian packages (first: apt is quick, and Chromium is needed by both test kinds)
missing_apt=()
for pkg in "${APT_PACKAGES[@]}"; do
  if [[ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" == "install ok installed" ]]; then
    echo "ok $pkg $(dpkg-query -W -f='${Version}' "$pkg")"
  else
    echo "installing $pkg"
    missing_apt+=("$pkg")
  fi
done
if ((${#missing_apt[@]})); then
  if [[ "$(id -u)" == 0 ]]; then
    sudo=()
  elif command -v sudo >/dev/null; then
    sudo=(sudo)
  else
    die "not root and no sudo: install ${missing_apt[*]} with apt-get"
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q "${missing_apt[@]}"
fi

# --- Rust: the wasm target
if [[ $'\n'"$(rustup target list --installed)"$'\n' == *$'\n'"$WASM_TARGET"$'\n'* ]]; then
  echo "ok rust-target $WASM_TARGET"
else
  echo "installing rust-target $WASM_TARGET"
  rustup target add "$WASM_TARGET"
fi

# --- Rust: rustfmt and clippy, for the fmt and lint stages
for component in rustfmt clippy; do
  if [[ $'\n'"$(rustup component list --installed)" == *$'\n'"$component"* ]]; then
    echo "ok rust-component $component"
  else
    echo "installing rust-component $component"
    rustup component add "$component"
  fi
done

# --- Trunk (0.22 needs a newer rustc than this machine's 1.95)
installed="$(trunk --version 2>/dev/null | awk '{ print $2 }' || true)"
if [[ "$installed" == "$TRUNK_VERSION" ]]; then
  echo "ok trunk $installed"
else
  echo "installing trunk $TRUNK_VERSION${installed:+ (found $installed)}"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

# --- wasm-bindgen-cli, at the Cargo.lock version. Without --locked: its own
# lockfile wants a webpki-roots release the registry here does not have.
installed="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
runner="$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{ print $2 }' || true)"
if [[ "$installed" == "$wasm_bindgen_version" && "$runner" == "$wasm_bindgen_version" ]]; then
  echo "ok wasm-bindgen $installed"
else
  echo "installing wasm-bindgen-cli $wasm_bindgen_version${installed:+ (found $installed)}"
  cargo install wasm-bindgen-cli --version "$wasm_bindgen_version"
fi

echo "ok node $(node --version)"

# --- npm packages: binaryen (wasm-opt) and playwright-core. Reinstalled when
# package-lock.json changed since the last `npm ci` (a hash stamp in node_modules).
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.unplug-lock-sha256
if [[ ! -f "$stamp" || "$(cat "$stamp")" != "$lock_hash" || ! -x node_modules/.bin/wasm-opt ]]; then
  echo "installing node_modules (npm ci: binaryen $binaryen_version, playwright-core)"
  npm ci --no-audit --no-fund
  echo "$lock_hash" >"$stamp"
fi
installed="$(node_modules/.bin/wasm-opt --version | awk '{ print $3 }')"
[[ "$installed" == "${binaryen_version%%.*}" ]] \
  || die "node_modules/.bin/wasm-opt is version $installed, package-lock.json wants binaryen $binaryen_version"
echo "ok wasm-opt $installed"
echo "ok playwright-core $(node -p 'require("playwright-core/package.json").version')"
