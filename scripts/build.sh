#!/usr/bin/env bash
# Build the npm package snowplow-tracker-wasm into pkg/ (wasm + glue + runtime entries + types).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"   # npm binaryen's wasm-opt first (Debian's 108 corrupts)
# Without the tools `npm run setup` installs, say so in one line (not "wasm-opt: command not found").
WBG=$(sed -n 's/^wasm-bindgen = "=\(.*\)".*/\1/p' Cargo.toml)
if [ ! -x node_modules/.bin/wasm-opt ] || ! command -v wasm-pack >/dev/null || [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WBG" ]; then
  echo "build: the build tools are not installed: run \`npm run setup\` (or \`npm run build\`, which runs it first)" >&2
  exit 1
fi
# Two builds: everything for Node and workerd; the browser's without the `edge` feature (Queues, Redis).
wasm-pack build --mode no-install --release --target web --no-pack \
  --out-dir pkg --out-name snowplow_tracker_wasm . 2>&1 | grep -vE '^\s*$' || { echo "wasm-pack build failed" >&2; exit 1; }
rm -rf target/pkg-web
# The browser build is the one whose size counts. With the nightly toolchain of this machine
# image (rust-src and the wasm32 target added by scripts/setup.sh), the standard library is
# rebuilt with panics as immediate aborts: no panic message or formatting code ships (4.5 kB
# gzip less). Elsewhere it falls back to stable, with a warning.
nightly_ready() {
  rustup run nightly rustc -V >/dev/null 2>&1 &&
    rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src' &&
    rustup target list --toolchain nightly --installed 2>/dev/null | grep -qx wasm32-unknown-unknown
}
if [ "${SNOWPLOW_STABLE_ONLY:-}" != 1 ] && nightly_ready; then
  echo "browser build: $(rustup run nightly rustc -V), build-std with immediate-abort panics"
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort" cargo +nightly build --quiet --release \
    --target wasm32-unknown-unknown -Z build-std=std,panic_abort --no-default-features --features web --target-dir target/nightly
  wasm-bindgen --target web --out-dir target/pkg-web --out-name snowplow_tracker_wasm_web \
    target/nightly/wasm32-unknown-unknown/release/snowplow_tracker_wasm.wasm 2>&1 | grep -v 'target_features' || true
  # Flattened, re-looped and shrunk twice until it stops paying: about 1.4 kB gzip less than one
  # -Oz. Memory below 1 KiB is never used (rust-lld puts the stack and data at 1 MiB and up).
  wasm-opt --low-memory-unused --flatten --rereloop -Oz -Oz --converge --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    target/pkg-web/snowplow_tracker_wasm_web_bg.wasm -o target/pkg-web/snowplow_tracker_wasm_web_bg.wasm
else
  echo "WARNING: browser build on stable $(rustc -V) (SNOWPLOW_STABLE_ONLY=1, or no nightly with rust-src and the wasm32 target here): about 4.5 kB gzip larger" >&2
  wasm-pack build --mode no-install --release --target web --no-pack \
    --out-dir target/pkg-web --out-name snowplow_tracker_wasm_web . -- --no-default-features --features web 2>&1 | grep -vE '^\s*$' \
    || { echo "wasm-pack build (browser) failed" >&2; exit 1; }
fi
[ -s target/pkg-web/snowplow_tracker_wasm_web_bg.wasm ] || { echo "browser build failed" >&2; exit 1; }
# Short import/export names in the browser module and its glue (about 1.2 kB gzip less).
node scripts/minify-names.mjs target/pkg-web/snowplow_tracker_wasm_web.js target/pkg-web/snowplow_tracker_wasm_web_bg.wasm \
  --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals \
  --enable-reference-types --enable-multivalue
cp target/pkg-web/snowplow_tracker_wasm_web.js target/pkg-web/snowplow_tracker_wasm_web_bg.wasm pkg/
rm -f pkg/.gitignore
# The generated glue carries every doc comment; ship it minified. Its class names need not be
# kept: users only see the facade classes, which name themselves.
for glue in snowplow_tracker_wasm snowplow_tracker_wasm_web; do
  esbuild "pkg/$glue.js" --minify --format=esm --target=es2020 --log-level=warning --log-override:duplicate-object-key=silent \
    --outfile="pkg/$glue.js" --allow-overwrite
done
# The classes declare [Symbol.dispose]; name its lib so consumers on older `lib` settings compile.
sed -i '1i /// <reference lib="esnext.disposable" />' pkg/snowplow_tracker_wasm.d.ts
# Doc comments that went through a macro keep their raw-string prefix in the generated types.
sed -i 's/^\( *\*\) r" /\1 /' pkg/snowplow_tracker_wasm.d.ts
cp js/boundary.js js/fetch.js js/queue.js js/clients.js js/hooks.js js/web.js js/facade.js js/browser.js js/lazy.js js/autotrack.js js/autotrack-dom.js js/autotrack-forms.js js/autotrack-errors.js js/autotrack.d.ts js/node.js js/workerd.js js/edge-light.js README.md pkg/
cargo run --quiet -p snowplow-core --bin gen > pkg/decls.json   # core's declared option sets
node scripts/gen-api.mjs        # api.js, api-web.js and index.d.ts from js/exports.json
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)
node -e '
  const fs = require("fs");
  const pkg = JSON.parse(fs.readFileSync("js/package.template.json", "utf8"));
  pkg.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(pkg, null, 2) + "\n");
' "$version"
# Smoke test: catches a wasm-opt that corrupts the module (TOOLCHAIN P3) before any test runs.
node --input-type=module -e "import('$PWD/pkg/node.js').then(m => new m.Emitter('localhost'))"
gz() { cat "$@" | gzip -9c | wc -c; }
echo "built pkg/ (snowplow-tracker-wasm $version), gzip -9:" \
  "Node/workerd wasm $(gz pkg/snowplow_tracker_wasm_bg.wasm) B + js $(gz pkg/snowplow_tracker_wasm.js pkg/api.js pkg/facade.js pkg/boundary.js pkg/fetch.js pkg/queue.js pkg/clients.js pkg/hooks.js) B;" \
  "browser wasm $(gz pkg/snowplow_tracker_wasm_web_bg.wasm) B + js $(gz pkg/snowplow_tracker_wasm_web.js pkg/api-web.js pkg/facade.js pkg/boundary.js pkg/fetch.js pkg/queue.js pkg/web.js pkg/browser.js) B"
# Tests and samples import the package by its name, as users do.
mkdir -p node_modules && ln -sfn ../pkg node_modules/snowplow-tracker-wasm
