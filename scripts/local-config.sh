#!/usr/bin/env bash
# Writes a copy of wrangler.toml for a local test run, beside it (wrangler
# resolves a config's paths from its own folder), with the public posts'
# flood limit raised to LIMIT: the suites post far more than 30
# registrations a minute from one address. Prints the copy's path.
# Usage: scripts/local-config.sh NAME LIMIT
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 limit=$2
out=".wrangler-$name.toml"
sed "s/^simple = { limit = [0-9]*, period = 60 }$/simple = { limit = $limit, period = 60 }/" wrangler.toml > "$out"
grep -q "^simple = { limit = $limit, period = 60 }$" "$out" || { echo "local-config: no flood limit found in wrangler.toml" >&2; exit 1; }
echo "$out"
