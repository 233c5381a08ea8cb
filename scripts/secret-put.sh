#!/usr/bin/env bash
# Sets a secret on both Workers (the front and the desk read the same
# settings), asking for its value once.
# Usage: scripts/secret-put.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1
read -rsp "Value of $name: " value
echo
scripts/desk-config.sh wrangler.toml build-desk/wrangler.json
printf '%s' "$value" | scripts/wrangler secret put "$name"
printf '%s' "$value" | scripts/wrangler secret put "$name" --config build-desk/wrangler.json
