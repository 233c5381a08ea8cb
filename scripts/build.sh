#!/usr/bin/env bash
# Builds the release bundle into build/: the WASM module, its JavaScript glue
# and the shim that wrangler serves. Uses the local wasm-bindgen, wasm-opt and
# esbuild, so worker-build downloads nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
WASM_BINDGEN_BIN=wasm-bindgen \
WASM_OPT_BIN="$PWD/node_modules/.bin/wasm-opt" \
ESBUILD_BIN="$PWD/node_modules/.bin/esbuild" \
  worker-build --release
