#!/usr/bin/env bash
# For `npm run size` and `npm run bench`: say in one line what to run when the package is not
# built yet (or the tools that measure it are not installed), instead of a stack trace.
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/esbuild ] || [ ! -f pkg/snowplow_tracker_wasm_web_bg.wasm ] || [ ! -f pkg/snowplow_tracker_wasm_bg.wasm ]; then
  echo "the package is not built yet: run \`npm run build\` first (it installs what is missing)" >&2
  exit 1
fi
