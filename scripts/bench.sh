#!/usr/bin/env bash
# `make bench`: the release bundle's size, then throughput and latency of
# GET /healthz and POST /api/registrations, measured with wrk against one
# `wrangler dev` in one run (development-server figures: compare them as
# ratios within a run, not with production).
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}

command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; }

wasm=build/index_bg.wasm
raw=$(stat -c %s "$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)

state=$(mktemp -d "${TMPDIR:-/tmp}/spica-bench.XXXXXX")
pid=""
cleanup() {
  [ -n "$pid" ] && { kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; }
  wait 2>/dev/null || true
  rm -rf "$state"
}
trap cleanup EXIT INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
inspector=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat > "$state/bench.vars" <<VARS
STAFF_TOKEN=bench
PUBLIC_BASE_URL=http://127.0.0.1:$port
STRIPE_WEBHOOK_SECRETS=whsec_bench
ACTIVATION_SECRET=1:bench-activation-secret-1
LICENSE_SIGNING_KEY=0707070707070707070707070707070707070707070707070707070707070707
BANK_BENEFICIARY=Spica d.o.o.
BANK_IBAN=SI56 1910 0000 0123 438
BANK_BIC=BAKOSI2X
VARS
npx wrangler d1 migrations apply DB --local --persist-to "$state/d1" > /dev/null 2>&1
setsid npx wrangler dev --ip 127.0.0.1 --port "$port" --inspector-port "$inspector" --persist-to "$state/d1" \
  --env-file "$state/bench.vars" --log-level warn --show-interactive-dev-session=false > "$state/wrangler.log" 2>&1 &
pid=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break; sleep 0.5; done

measure() { # name, wrk arguments...
  local name=$1; shift
  local line
  line=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$@" | grep '^RESULT')
  read -r _ rps p50 p99 total bad <<< "$line"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$total" "$bad"
}

echo "## make bench — $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, wrk -t2 -c$CONNECTIONS -d$DURATION on the same machine"
echo
echo "| bundle | bytes |"
echo "|---|---|"
echo "| WASM, raw | $raw |"
echo "| WASM, gzip -9 | $gzipped |"
echo
echo "| endpoint | requests/s | p50 ms | p99 ms | requests | non-2xx |"
echo "|---|---|---|---|---|---|"
measure 'GET /healthz' -s bench/report.lua "http://127.0.0.1:$port/healthz"
measure 'POST /api/registrations' -s bench/registration.lua "http://127.0.0.1:$port" -- "$RANDOM$RANDOM"
python3 bench/fixtures.py webhooks 60000 whsec_bench "$state/webhooks.tsv"
measure 'POST /api/webhooks/stripe' -s bench/replay.lua "http://127.0.0.1:$port" -- "$state/webhooks.tsv" 2
python3 bench/fixtures.py support "http://127.0.0.1:$port" bench 200 20000 "$state/intake.tsv" "$state/sessions.tsv"
measure 'POST /api/me/incidents' -s bench/replay.lua "http://127.0.0.1:$port" -- "$state/intake.tsv" 2
measure 'POST …/incidents/{id}/sessions' -s bench/replay.lua "http://127.0.0.1:$port" -- "$state/sessions.tsv" 2

python3 bench/fixtures.py licensing "http://127.0.0.1:$port" bench 300 20000 "$state/activations.tsv" "$state/validations.tsv"
measure 'POST /api/me/activations' -s bench/replay.lua "http://127.0.0.1:$port" -- "$state/activations.tsv" 2
measure 'POST /api/licenses/validate' -s bench/replay.lua "http://127.0.0.1:$port" -- "$state/validations.tsv" 2

# A 10,000-entry camt.053 statement, 100 of whose entries pay orders: imported,
# then imported again (every entry a duplicate).
python3 bench/fixtures.py statement "http://127.0.0.1:$port" bench 100 10000 "$state/statement.xml"
import_statement() {
  curl -sS -o "$state/report.json" -w '%{time_total}' -X POST "http://127.0.0.1:$port/api/staff/bank-statements" \
    -H 'authorization: Bearer bench' -H 'content-type: application/xml' --data-binary @"$state/statement.xml"
}
counts() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%d entries: %d matched, %d unmatched, %d duplicates" % (r["entries"], r["matched"], r["unmatched"], r["duplicates"]))' "$state/report.json"; }
echo
echo "| statement import | seconds | report |"
echo "|---|---|---|"
first=$(import_statement); echo "| camt.053, $(stat -c %s "$state/statement.xml") bytes, first import | $first | $(counts) |"
again=$(import_statement); echo "| the same file again | $again | $(counts) |"
