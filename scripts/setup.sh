#!/usr/bin/env bash
# One idempotent setup for `npm start` and `npm test` on a fresh Debian 12 machine: installs only
# what is missing (apt browser + driver, the wasm32 target, pinned cargo tools, npm packages,
# the Python parity oracle) and skips what is present.
set -euo pipefail
cd "$(dirname "$0")/.."
WBG=$(sed -n 's/^wasm-bindgen = "=\(.*\)".*/\1/p' Cargo.toml)   # the CLI must equal the crate (TOOLCHAIN P2)
WASM_PACK=0.15.1
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
log() { echo "setup: $*"; }

# 1. apt: Chromium + its driver for the browser tests, redis-server for the Redis tests.
#    Never Debian's binaryen (TOOLCHAIN P3).
pkgs=()
command -v chromium >/dev/null || pkgs+=(chromium)
command -v chromedriver >/dev/null || pkgs+=(chromium-driver)
command -v redis-server >/dev/null || pkgs+=(redis-server)
command -v python3 >/dev/null || pkgs+=(python3)
python3 -c 'import venv, ensurepip' 2>/dev/null || pkgs+=(python3-venv)
if ((${#pkgs[@]})); then
  log "apt-get install ${pkgs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${pkgs[@]}" >/dev/null
fi
if [ -x /usr/bin/wasm-opt ]; then log "WARNING: Debian binaryen's wasm-opt is installed; node_modules/.bin comes first on PATH here"; fi

# 2. The wasm target.
rustup target list --installed | grep -qx wasm32-unknown-unknown || { log "rustup target add wasm32-unknown-unknown"; rustup target add wasm32-unknown-unknown; }

# 2b. The browser build uses the nightly toolchain of this machine image when there is one (no
#     other nightly is fetched): it needs rust-src (to rebuild std) and the wasm32 target.
if rustup run nightly rustc -V >/dev/null 2>&1; then
  rustup component list --toolchain nightly --installed | grep -q '^rust-src' \
    || { log "rustup component add rust-src --toolchain nightly"; rustup component add rust-src --toolchain nightly || log "WARNING: no rust-src; the browser build uses stable"; }
  rustup target list --toolchain nightly --installed | grep -qx wasm32-unknown-unknown \
    || { log "rustup target add wasm32-unknown-unknown --toolchain nightly"; rustup target add wasm32-unknown-unknown --toolchain nightly || log "WARNING: no nightly wasm32 target; the browser build uses stable"; }
fi

# 3. Cargo tools at exact versions, built in parallel (about 4.5 min on 2 cores when missing).
pids=()
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WBG" ]; then
  log "cargo install wasm-bindgen-cli $WBG"
  cargo install wasm-bindgen-cli --version "$WBG" --force --quiet & pids+=($!)   # no --locked (TOOLCHAIN P1)
fi
if [ "$(wasm-pack --version 2>/dev/null || true)" != "wasm-pack $WASM_PACK" ]; then
  log "cargo install wasm-pack $WASM_PACK"
  cargo install wasm-pack --version "$WASM_PACK" --locked --force --quiet & pids+=($!)
fi
for p in "${pids[@]}"; do wait "$p"; done
# wasm-pack asks crates.io for its latest version once a day (a stamp file beside its binary
# says when it last did) and prints "[WARN]: failed to get wasm-pack version" where that API is
# unreachable: this package pins wasm-pack, so the stamp says it checked now, at the pinned version.
stamp="$(dirname "$(command -v wasm-pack)")/wasm-pack.stamp"
printf 'created %s\nversion %s' "$(date +%Y-%m-%dT%H:%M:%S.%N%:z)" "$WASM_PACK" > "$stamp"

# 4. JS tools from the committed lockfile.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -x node_modules/.bin/wrangler ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4b. browser-tracker 4.6.8 and its link, button and form plugins, and 4.3.1 and its error
# plugin (each wants its own browser-tracker; the project's reference stays 4.10.1), beside ours in
# the autotrack tests only: each directory has its own lockfile.
for plugins in tests/browser/spjs-plugins tests/browser/spjs-error-plugin; do
  if [ ! -f $plugins/node_modules/.package-lock.json ] || [ $plugins/package-lock.json -nt $plugins/node_modules/.package-lock.json ]; then
    log "npm ci ($plugins)"
    npm ci --prefix $plugins --no-audit --no-fund --loglevel=error
  fi
done

# 5. The parity oracle: the Snowplow Python tracker in a project venv.
if ! .venv/bin/python -c 'import snowplow_tracker' 2>/dev/null; then
  log "python venv with $(grep -v '^#' tests/parity/requirements.txt)"
  python3 -m venv .venv
  .venv/bin/pip install --quiet --disable-pip-version-check -r tests/parity/requirements.txt
fi
log "ready"
