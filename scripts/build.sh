#!/usr/bin/env bash
# Builds the release bundles of the two Workers (README: Bundle size): the
# front (feature `front`) into build/, the desk (feature `desk`) into
# build-desk/, each its WASM module, JavaScript glue and the shim that
# wrangler serves. Uses the local wasm-bindgen, wasm-opt and esbuild, so
# worker-build downloads nothing.
#
# worker-build keeps the WASM name section (function names in panic stack
# traces): some 300 KB raw, 80 KB gzipped, a seventh of the upload. The
# bundle leaves it out, so a trace shows function indices;
# WASM_NAMES=keep scripts/build.sh builds with the names, to read a trace.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_BIN=wasm-bindgen
export WASM_OPT_BIN="$PWD/node_modules/.bin/wasm-opt"
export ESBUILD_BIN="$PWD/node_modules/.bin/esbuild"
worker-build --release --out-dir build --no-default-features --features front
worker-build --release --out-dir build-desk --no-default-features --features desk

if [ "${WASM_NAMES:-}" != keep ]; then
  # Custom sections may be dropped without changing the module (WebAssembly
  # core spec, 5.5.3); only the one named "name" is.
  python3 - build/index_bg.wasm build-desk/index_bg.wasm <<'PYTHON'
import sys


def uleb(data, pos):
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, pos


for path in sys.argv[1:]:
    data = open(path, "rb").read()
    kept, pos = bytearray(data[:8]), 8
    while pos < len(data):
        start, section_id = pos, data[pos]
        size, body = uleb(data, pos + 1)
        pos = body + size
        if section_id == 0:
            name_length, name_start = uleb(data, body)
            if data[name_start:name_start + name_length] == b"name":
                continue
        kept += data[start:pos]
    open(path, "wb").write(kept)
PYTHON
fi
