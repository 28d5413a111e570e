#!/usr/bin/env bash
# Installs what building and testing Portico needs, each only when missing or at the wrong version.
# Everything comes from the package registries (crates.io, npm, Debian); nothing downloads binaries
# from elsewhere. Safe to run again: on a warm machine it takes seconds.
#   scripts/install-tools.sh          build tools (run)
#   scripts/install-tools.sh --test   build tools + Chromium and Playwright (test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1
TOOLS_DIR="${PORTICO_TOOLS_DIR:-$HOME/.cache/portico-tools}"
CARGO_LEPTOS_VERSION=0.3.10
LEPTOSFMT_VERSION=0.1.33
BINARYEN_VERSION=132
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

command -v cargo >/dev/null || { echo "error: cargo not found; install Rust with rustup first" >&2; exit 1; }
command -v npm >/dev/null || { echo "error: npm not found; install Node.js and npm first" >&2; exit 1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " $CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (about 20 minutes on 2 cores, once)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

# leptosfmt formats the markup inside view! macros; `make lint` checks it.
if ! leptosfmt --version 2>/dev/null | grep -q " $LEPTOSFMT_VERSION\$"; then
  say "installing leptosfmt $LEPTOSFMT_VERSION (about 3 minutes, once)"
  cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
wb_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [[ -z "$wb_version" ]]; then echo "error: wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "installing wasm-bindgen-cli $wb_version (about 8 minutes, once)"
  # No --locked: its lockfile pins a crate version the registry here does not serve.
  cargo install wasm-bindgen-cli --version "$wb_version"
fi

# wasm-opt for release builds: npm's binaryen (WebAssembly build, installs in seconds). Debian's
# binaryen 108 is too old (the page never hydrates), so ours must come first on PATH (see Makefile).
if [[ ! -x "$TOOLS_DIR/node_modules/.bin/wasm-opt" ]] || \
   ! "$TOOLS_DIR/node_modules/.bin/wasm-opt" --version 2>/dev/null | grep -q "version $BINARYEN_VERSION"; then
  say "installing wasm-opt (npm binaryen@$BINARYEN_VERSION) into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  npm install --prefix "$TOOLS_DIR" --no-audit --no-fund --silent "binaryen@$BINARYEN_VERSION"
fi

if [[ $want_test == 1 ]]; then
  # Chromium for the browser tests; Dovecot for the inbound-mail tests (each test starts its own
  # on loopback, configured in a temporary directory; the package's own service is not used).
  missing=()
  [[ -x /usr/bin/chromium ]] || missing+=(chromium)
  [[ -x /usr/sbin/dovecot && -e /usr/lib/dovecot/imap ]] || missing+=(dovecot-imapd)
  if (( ${#missing[@]} )); then
    say "installing Debian's ${missing[*]}"
    SUDO=""; [[ $(id -u) != 0 ]] && SUDO=sudo
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # moto's server mode (PyPI): the S3-compatible object store that the storage tests start on
  # loopback (MinIO and Garage do not install from these registries).
  MOTO_VERSION=5.2.6
  # awk reads pip's whole answer: `grep -q` would close the pipe early, and pipefail would then
  # count the check as failed and install again.
  moto_version=$("$TOOLS_DIR/venv/bin/python" -m pip show moto 2>/dev/null | awk '/^Version:/ { print $2 }' || true)
  if [[ "$moto_version" != "$MOTO_VERSION" ]]; then
    say "installing moto $MOTO_VERSION's S3 server into $TOOLS_DIR/venv (PyPI)"
    command -v python3 >/dev/null || { echo "error: python3 not found" >&2; exit 1; }
    mkdir -p "$TOOLS_DIR"
    python3 -m venv "$TOOLS_DIR/venv"
    "$TOOLS_DIR/venv/bin/python" -m pip install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
  fi
  # schemathesis (PyPI): the REST API's contract test sends it the OpenAPI document
  # (server/tests/api_contract.rs).
  SCHEMATHESIS_VERSION=4.32.5
  st_version=$("$TOOLS_DIR/venv/bin/python" -m pip show schemathesis 2>/dev/null | awk '/^Version:/ { print $2 }' || true)
  if [[ "$st_version" != "$SCHEMATHESIS_VERSION" ]]; then
    say "installing schemathesis $SCHEMATHESIS_VERSION into $TOOLS_DIR/venv (PyPI)"
    "$TOOLS_DIR/venv/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
  if [[ ! -d end2end/node_modules/@playwright/test || end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]]; then
    say "installing Playwright and axe-core (npm ci; never downloads a browser)"
    (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --silent)
  fi
fi
