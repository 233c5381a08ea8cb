#!/usr/bin/env bash
# Serves the two built Workers locally: migrates the local D1 in STATE_DIR, then
# `wrangler dev` on PORT with the settings of .dev.vars.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-8787}
STATE_DIR=${STATE_DIR:-.state}

[ -f .dev.vars ] || cp .dev.vars.example .dev.vars
# wrangler.toml has no vendor values: a .dev.vars from before they became
# required gets them from the example, or the Worker would answer 500.
added=()
for name in $(scripts/deploy-check.sh --worker-required); do
  grep -q "^$name=." .dev.vars && continue
  [ -z "$(tail -c 1 .dev.vars)" ] || echo >> .dev.vars
  grep "^$name=" .dev.vars.example >> .dev.vars
  added+=("$name")
done
[ ${#added[@]} -eq 0 ] || echo "dev: added to .dev.vars from .dev.vars.example: ${added[*]}"

scripts/wrangler d1 migrations apply DB --local --persist-to "$STATE_DIR"

# Links in emails must reach this instance: a second instance on another port
# keeps the default origin only if .dev.vars does not name one of its own.
# Both Workers read the settings from one file (wrangler gives --var to the
# first only).
mkdir -p "$STATE_DIR"
vars="$STATE_DIR/dev.vars"
base=$(sed -n 's/^PUBLIC_BASE_URL=//p' .dev.vars | tail -n 1)
if [ -z "$base" ] || [ "$base" = "http://127.0.0.1:8787" ]; then
  { grep -v '^PUBLIC_BASE_URL=' .dev.vars; echo "PUBLIC_BASE_URL=http://127.0.0.1:$PORT"; } > "$vars"
else
  cp .dev.vars "$vars"
fi
# Both Workers: this one and the desk (README: Bundle size), with the
# committed flood limit.
config=$(scripts/local-config.sh dev 30 "$vars")

echo "dev: serving http://127.0.0.1:$PORT (state in $STATE_DIR; staff token: STAFF_TOKEN in .dev.vars)"
exec scripts/wrangler dev --config "$config" --config "${config%.toml}/wrangler.json" --env-file "$vars" \
  --ip 127.0.0.1 --port "$PORT" --persist-to "$STATE_DIR" --test-scheduled
