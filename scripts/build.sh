#!/usr/bin/env bash
# Build the npm package snowplow-tracker-wasm into pkg/ (wasm + glue + runtime entries + types).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # npm binaryen's wasm-opt first (TOOLCHAIN P3)
wasm-pack build --mode no-install --release --target web --no-pack \
  --out-dir pkg --out-name snowplow_tracker_wasm . 2>&1 | grep -vE '^\s*$' || { echo "wasm-pack build failed" >&2; exit 1; }
rm -f pkg/.gitignore
# The generated glue carries every doc comment; ship it minified (exports and class names kept).
esbuild pkg/snowplow_tracker_wasm.js --minify --keep-names --format=esm --target=es2020 --log-level=warning \
  --outfile=pkg/snowplow_tracker_wasm.js --allow-overwrite
# The classes declare [Symbol.dispose]; name its lib so consumers on older `lib` settings compile.
sed -i '1i /// <reference lib="esnext.disposable" />' pkg/snowplow_tracker_wasm.d.ts
cp js/api.js js/browser.js js/node.js js/workerd.js js/index.d.ts README.md pkg/
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("js/package.template.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
# Smoke test: catches a wasm-opt that corrupts the module (TOOLCHAIN P3) before any test runs.
node --input-type=module -e "import('$PWD/pkg/node.js').then(m => new m.Emitter('localhost'))"
wasm=$(gzip -9c pkg/snowplow_tracker_wasm_bg.wasm | wc -c)
glue=$(cat pkg/snowplow_tracker_wasm.js pkg/api.js pkg/browser.js | gzip -9c | wc -c)
echo "built pkg/ (snowplow-tracker-wasm $version): wasm $wasm B + js $glue B gzip -9"
# Tests and samples import the package by its name, as users do.
mkdir -p node_modules && ln -sfn ../pkg node_modules/snowplow-tracker-wasm
