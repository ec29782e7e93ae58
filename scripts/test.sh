#!/usr/bin/env bash
# Every test: host core tests and lints, the package build, in-crate wasm tests in Node and
# headless Chromium against a loopback collector, the TypeScript surface, node:test contract,
# workerd and parity tests of the built package. Run through `npm test` (which sets up first).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
work=$(mktemp -d)
export TMPDIR="$work"                 # Chromium leaves scoped dirs behind (TOOLCHAIN P13)
collector_pid=""
cleanup() { [ -z "$collector_pid" ] || kill "$collector_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "core: cargo test (host), property tests with their case counts"
cargo test -p snowplow-core --quiet -- --show-output | grep -E '^(property|test result)'


step "rustfmt and clippy: no unwrap/expect/panic/indexing in shipped code"
cargo fmt --check
cargo clippy --quiet -p snowplow-core --all-targets -- -D warnings
cargo clippy --quiet -p snowplow-tracker-wasm --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet -p snowplow-tracker-wasm --target wasm32-unknown-unknown --no-default-features --features web -- -D warnings

step "build pkg/"
bash scripts/build.sh

step "loopback collector"
node tests/support/collector.mjs 0 > "$work/collector.log" &
collector_pid=$!
for _ in $(seq 1 100); do grep -q '^LISTENING ' "$work/collector.log" && break; sleep 0.05; done
SNOWPLOW_TEST_COLLECTOR=$(sed -n 's/^LISTENING //p' "$work/collector.log")
[ -n "$SNOWPLOW_TEST_COLLECTOR" ] || { echo "collector did not start" >&2; exit 1; }
export SNOWPLOW_TEST_COLLECTOR
echo "$SNOWPLOW_TEST_COLLECTOR"

step "wasm tests in Node (wasm-pack test --node)"
wasm-pack test --mode no-install --node 2>&1 | grep -vE '^\s*(Compiling|Finished|Running|Downloaded|Downloading)\b'

step "wasm tests in headless Chromium (wasm-pack test --headless --chrome)"
# The runner's page server (tiny_http 0.12) can leave one of Chromium's parallel requests queued
# for good: its thread pool queues a connection for a waiting thread that another connection
# already took, and the busy threads hold Chromium's idle keep-alive connections for minutes.
# The test page then never loads (measured: 3 runs of 15 in a row here; CI runs stalled 2 and 4
# times in a row). webdriver.json makes that a 20 s page-load timeout (a stalled page did not
# recover within 60 s either), and only that case, in which no test ran, is run again (8 runs
# at most, ~40 s each).
for attempt in 1 2 3 4 5 6 7 8; do
  rc=0
  WASM_BINDGEN_USE_BROWSER=1 wasm-pack test --mode no-install --headless --chrome > "$work/chrome.log" 2>&1 || rc=$?
  grep -vE '^\s*(Compiling|Finished|Running|Downloaded|Downloading)\b|unexpected operator' "$work/chrome.log" || true
  [ "$rc" -ne 0 ] || break
  if [ "$attempt" -lt 8 ] && grep -q 'Failed to detect test as having been run' "$work/chrome.log" && ! grep -qE '^running [0-9]+ tests?' "$work/chrome.log"; then
    echo "(run $attempt: the test page did not load, no test ran: the runner's server stalled; running again)"
    continue
  fi
  exit "$rc"
done

step "TypeScript surface (tsc --noEmit)"
tsc -p tests/types

step "node:test: package contract, emitters, browser page, workerd (Workers, Queues), Redis, parity with the Python tracker"
# The back/forward-cache test is timing-sensitive (see tests/browser/store.test.mjs): its file
# runs alone, after the others, which run side by side.
node --test $(ls tests/node/*.test.mjs tests/browser/*.test.mjs tests/workerd/*.test.mjs tests/redis/*.test.mjs tests/parity/*.test.mjs | grep -v '^tests/browser/store\.test\.mjs$')
node --test tests/browser/store.test.mjs

step "browser payload size (npm run size; the 50,000 B gate of issue 17 applies from the commit that meets it)"
node scripts/size.mjs
