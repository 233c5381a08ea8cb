#!/usr/bin/env bash
# Writes the configurations of a local run of both Workers: a copy of
# wrangler.toml beside it (wrangler resolves a config's paths from its own
# folder), with the public posts' flood limit set to LIMIT (the suites post
# far more than 30 registrations a minute from one address), and the desk's
# configuration written from that copy (scripts/desk-config.sh) in the folder
# of the same name, with VARS as its .dev.vars. Prints the copy's path; the
# desk's is that path without `.toml`, then `/wrangler.json`:
#   scripts/wrangler dev --config "$config" --config "${config%.toml}/wrangler.json" --env-file VARS
# Usage: scripts/local-config.sh NAME LIMIT VARS
set -euo pipefail
cd "$(dirname "$0")/.."
name=$1 limit=$2 vars=$3
out=".wrangler-$name.toml"
sed "s/^simple = { limit = [0-9]*, period = 60 }$/simple = { limit = $limit, period = 60 }/" wrangler.toml > "$out"
grep -q "^simple = { limit = $limit, period = 60 }$" "$out" || { echo "local-config: no flood limit found in wrangler.toml" >&2; exit 1; }
scripts/desk-config.sh "$out" ".wrangler-$name/wrangler.json" "$vars"
echo "$out"
