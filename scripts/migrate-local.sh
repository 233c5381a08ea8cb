#!/usr/bin/env bash
# Applies the migrations to a fresh local D1 in DIR (wrangler's
# --persist-to), as the test suites start their Worker. Once in a while,
# under load, the local runtime stops a fresh apply with an internal
# assertion ("false == true") that a second try does not meet: the folder
# is fresh, so it is emptied and the apply tried once more. Anything else
# that fails, fails. Usage: scripts/migrate-local.sh DIR LOG
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$1 log=$2
apply() { scripts/wrangler d1 migrations apply DB --local --persist-to "$dir" > "$log" 2>&1; }
if apply; then exit 0; fi
if grep -q 'false == true' "$log"; then
  echo "migrate-local: the local runtime's assertion; applying again to an empty folder" >&2
  rm -rf "$dir"
  apply && exit 0
fi
cat "$log" >&2
exit 1
