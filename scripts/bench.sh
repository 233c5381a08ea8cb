#!/usr/bin/env bash
# `make bench`: one report, bench/report.md (also printed to stdout) with the
# chart bench/report.png. It holds the release bundle's size, the Worker's
# start-up and first-request times, and wrk throughput and latency of each
# endpoint against one `wrangler dev` with its D1 round trips (Server-Timing),
# as ratios to a floor that does one D1 INSERT (POST /__bench/insert, served
# only with BENCH_FLOOR=on), then the 10,000-entry bank statement import. Development-server figures:
# compare them as ratios within a run, not with production.
#
# DURATION (wrk -d, default 10s) and CONNECTIONS (wrk -c, default 16) may be
# overridden. Exits non-zero, leaving the previous report in place, when a
# step fails; when an endpoint answers errors, the report is written and the
# run still exits 1. bench/README.md explains the report.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
REPORT=bench/report.md
CHART=bench/report.png
STARTUP_TIMEOUT_S=90

die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

[[ $DURATION =~ ^[0-9]+[smh]?$ ]] || die "DURATION must be a wrk duration such as 10s, not '$DURATION'"
[[ $CONNECTIONS =~ ^[1-9][0-9]*$ ]] || die "CONNECTIONS must be a positive integer, not '$CONNECTIONS'"
THREADS=$((CONNECTIONS < 2 ? CONNECTIONS : 2)) # wrk needs a connection per thread

command -v wrk > /dev/null || { apt-get update -qq && apt-get install -y -qq wrk > /dev/null; } || die "cannot install wrk"
python3 -c 'import matplotlib' 2> /dev/null || python3 -m pip install --quiet matplotlib >&2 || die "cannot install matplotlib (for $CHART)"

wasm=build/index_bg.wasm
[ -f "$wasm" ] || die "$wasm is missing: run scripts/build.sh (make bench does)"
raw=$(stat -c %s "$wasm")
gzipped=$(gzip -9 -c "$wasm" | wc -c)

state=$(mktemp -d "${TMPDIR:-/tmp}/spica-bench.XXXXXX")
pid=""
standin_pid=""
cleanup() {
  if [ -n "$standin_pid" ]; then kill -- "-$standin_pid" 2> /dev/null || kill "$standin_pid" 2> /dev/null || true; fi
  # wrangler dev and its workerd form one process group (setsid below); they
  # take a moment to stop, so wait up to 10 s before killing what is left.
  if [ -n "$pid" ]; then
    kill -- "-$pid" 2> /dev/null || kill "$pid" 2> /dev/null || true
    for _ in $(seq 1 100); do kill -0 -- "-$pid" 2> /dev/null || break; sleep 0.1; done
    kill -KILL -- "-$pid" 2> /dev/null || true
  fi
  wait 2> /dev/null || true
  rm -rf "$state"
  rm -rf "${config:-}" "${config:+${config%.toml}}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The report: printed as it is measured, and written to $REPORT at the end.
say() { printf '%s\n' "$@" | tee -a "$state/report.md"; }
usec() { echo "${EPOCHREALTIME//[.,]/}"; }
ms() { awk -v s="$1" 'BEGIN { printf "%.0f", s * 1000 }'; }         # seconds → ms
median_ms() { sort -g | awk '{ a[NR] = $1 } END { if (NR == 0) exit 1; m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
wrangler_log() { tail -n 30 "$state/wrangler.log" 2> /dev/null | sed 's/\x1b\[[0-9;]*m//g' >&2 || true; }

date_utc=$(date -u +%Y-%m-%dT%H:%MZ)
commit=$(git rev-parse --short HEAD 2> /dev/null || echo unknown)
if git --no-optional-locks status --porcelain --untracked-files=no 2> /dev/null | grep -q .; then
  commit="$commit, with uncommitted changes"
fi
cores=$(nproc)
load=$(cut -d' ' -f1-3 /proc/loadavg 2> /dev/null || echo unknown)
cpu=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2> /dev/null)
wrangler_version=$(python3 -c 'import json; print(json.load(open("node_modules/wrangler/package.json"))["version"])' 2> /dev/null || echo unknown)
wrk_settings="wrk -t$THREADS -c$CONNECTIONS -d$DURATION"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
inspector=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# The email API's stand-in (tests/e2e/standins.py): bench/fixtures.py reads
# the sign-in links from what it received (staff see them redacted).
standin_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export STANDIN_URL="http://127.0.0.1:$standin_port"
setsid python3 tests/e2e/standins.py "$standin_port" &
standin_pid=$!
# Every request comes from this one address: the per-address limit of public
# posts (30 a minute by default) is raised so that it counts, but never refuses.
cat > "$state/bench.vars" << VARS
SERVER_TIMING=on
BENCH_FLOOR=on
STAFF_TOKEN=bench
PUBLIC_BASE_URL=$base
EMAIL_API_KEY=bench-email-key
EMAIL_API_BASE=$STANDIN_URL
EMAIL_FROM=Spica Customer Support (bench) <support@timeandspace.test>
SUPPORT_DESK_EMAIL=desk@timeandspace.test
STRIPE_WEBHOOK_SECRETS=whsec_bench
ACTIVATION_SECRET=1:bench-activation-secret-1
LICENSE_SIGNING_KEY=0707070707070707070707070707070707070707070707070707070707070707
BANK_BENEFICIARY=Spica d.o.o.
BANK_IBAN=SI56 1910 0000 0123 438
BANK_BIC=BAKOSI2X
SELLER_NAME=Spica d.o.o.
SELLER_STREET=Pot k sejmišču 33
SELLER_POSTAL_CODE=1231
SELLER_CITY=Ljubljana
SELLER_VAT_ID=SI12345678
VARS
scripts/migrate-local.sh "$state/d1" "$state/migrations.log" || { cat "$state/migrations.log" >&2; die "applying the migrations failed"; }
# The floor's table, in the bench's own database only.
scripts/wrangler d1 execute DB --local --persist-to "$state/d1" \
  --command "CREATE TABLE bench_floor (id INTEGER PRIMARY KEY, at TEXT NOT NULL)" > "$state/floor.log" 2>&1 \
  || { cat "$state/floor.log" >&2; die "creating the floor's table failed"; }

# Start-up: from launching wrangler to the first 200 of GET /healthz, polled
# every 0.1 s; connection refused (000) and 502/503 mean "not yet".
launched=$(usec)
# The committed configuration of both Workers with the flood limit raised: the suite posts
# far more than 30 times a minute from one address.
config=$(scripts/local-config.sh "bench-$$" 1000000 "$state/bench.vars")
setsid scripts/wrangler dev --config "$config" --config "${config%.toml}/wrangler.json" --ip 127.0.0.1 --port "$port" --inspector-port "$inspector" --persist-to "$state/d1" \
  --env-file "$state/bench.vars" --log-level warn --show-interactive-dev-session=false > "$state/wrangler.log" 2>&1 &
pid=$!
while :; do
  answer=$(curl -sS -o /dev/null --max-time 30 -w '%{http_code} %{time_total}' "$base/healthz" 2> /dev/null) || true
  case ${answer%% *} in
    200) ready=$(usec); break ;;
    "" | 000 | 502 | 503) ;;
    *) wrangler_log; die "GET /healthz answered ${answer%% *} while starting (wrangler's log above)" ;;
  esac
  kill -0 "$pid" 2> /dev/null || { wrangler_log; die "wrangler dev exited before GET /healthz answered (its log above)"; }
  (( $(usec) - launched < STARTUP_TIMEOUT_S * 1000000 )) || { wrangler_log; die "no 200 from GET /healthz within ${STARTUP_TIMEOUT_S} s"; }
  sleep 0.1
done
startup_ms=$(( (ready - launched) / 1000 ))
cold_healthz_ms=$(ms "${answer#* }")
accepting_ms=$((startup_ms - cold_healthz_ms))
for _ in $(seq 1 20); do
  curl -fsS -o /dev/null --max-time 30 -w '%{time_total}\n' "$base/healthz" || die "a warm GET /healthz failed"
done > "$state/warm-healthz"
warm_healthz_ms=$(median_ms < "$state/warm-healthz")

# The first request that touches D1 (and the queue), then ten more.
registration() { # email → the curl answer "status seconds"
  curl -sS -o "$state/registration.json" --max-time 60 -w '%{http_code} %{time_total}' -X POST "$base/api/registrations" \
    -H 'content-type: application/json' --data-binary @- << JSON
{"serial":"BENCH-0-$1","company":{"name":"Bench d.o.o.","street":"Cesta 1","postal_code":"1000","city":"Ljubljana","country":"SI"},"contact":{"name":"Bench","email":"bench-cold-$1@example.com","phone":"+38612345678"},"newsletter":false,"accept_terms":true}
JSON
}
run_id=$RANDOM$RANDOM
answer=$(registration "$run_id-0") && [ "${answer%% *}" = 201 ] \
  || die "the first POST /api/registrations answered '${answer:-nothing}': $(head -c 500 "$state/registration.json" 2> /dev/null)"
cold_registration_ms=$(ms "${answer#* }")
for n in $(seq 1 10); do
  answer=$(registration "$run_id-$n") && [ "${answer%% *}" = 201 ] || die "a warm POST /api/registrations answered '${answer:-nothing}'"
  echo "${answer#* }"
done > "$state/warm-registration"
warm_registration_ms=$(median_ms < "$state/warm-registration")

say "# make bench — $date_utc" ""
say "Development-server figures: one \`wrangler dev\` (local D1, queues) and the wrk client share this machine's cores." \
  "Compare them as ratios within one run, not with production or with another machine." ""
say "| run | |" "|---|---|"
say "| date (UTC) | $date_utc |"
say "| commit | $commit |"
say "| machine | $cores cores (nproc), ${cpu:-CPU model not in /proc/cpuinfo}; load average $load before the run (1, 5, 15 min) |"
say "| load generator | \`$wrk_settings\` per endpoint, same machine (DURATION=$DURATION, CONNECTIONS=$CONNECTIONS) |"
say "| server | wrangler $wrangler_version \`dev\`, release bundle from build/ |"
say "" "## Bundle" ""
say "| bundle | bytes |" "|---|---|"
say "| WASM, raw | $raw |" "| WASM, gzip -9 | $gzipped |"
say "" "## Start-up" ""
say "| measurement | ms | what the number includes |" "|---|---|---|"
say "| start-up: launch → first 200 from GET /healthz | $startup_ms | Wall clock from launching \`scripts/wrangler dev\` to the first 200 answer, polling every 0.1 s (so up to 0.1 s late). Includes wrangler's own start (config, bundling the shim, starting workerd with the local D1, queues and assets), loading the Worker and its WASM, and the first request itself. |"
say "| of which: until the port accepted the first request | $accepting_ms | The start-up minus the next row; the poll before it was refused. |"
say "| first GET /healthz (cold) | $cold_healthz_ms | curl's time_total of that first successful request alone: connect, everything wrangler and workerd still did before the Worker answered, and the Worker's first invocation. No D1. |"
say "| GET /healthz, warm | $warm_healthz_ms | Median of the next 20 sequential requests, a new connection each. |"
say "| first POST /api/registrations (first D1 request) | $cold_registration_ms | The first request to touch the local D1 and the queue, right after the rows above: the first statements on its SQLite file (the rate counter, the email lookup, the insert batch) and the first queue send. |"
say "| POST /api/registrations, warm | $warm_registration_ms | Median of the next 10 sequential registrations, a new connection each. |"
say "" "## Endpoints" ""
say "Throughput and latency under load (\`$wrk_settings\`). The floor is POST /__bench/insert: one D1 INSERT and nothing else, measured first in the same run; × floor compares each endpoint with it (the goal for write endpoints: requests/s at 0.5 × floor or better). D1 trips: the most round trips one answer reported in \`Server-Timing\`. GET /healthz touches neither D1 nor the queue." ""
say "| endpoint | D1 trips | requests/s | requests/s × floor | p50 ms | p50 × floor | p99 ms | requests | errors |" "|---|---|---|---|---|---|---|---|---|"

floor_rps="" floor_p50=""
failures=()
: > "$state/results.tsv"
measure() { # name, wrk arguments...
  local name=$1 output line rps p50 p99 total bad trips
  shift
  output=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" "$@" 2>&1) || die "wrk failed for $name: $output"
  line=$(grep '^RESULT' <<< "$output") || die "wrk gave no result for $name: $output"
  read -r _ rps p50 p99 total bad trips <<< "$line"
  [ "$total" -gt 0 ] || die "$name: no request completed in $DURATION"
  [ "$bad" -eq 0 ] || failures+=("$name: $bad of $total requests failed (HTTP status >= 400 or socket error)")
  if [ -z "$floor_rps" ]; then floor_rps=$rps floor_p50=$p50; fi
  say "| $name | $trips | $rps | $(ratio "$rps" "$floor_rps") | $p50 | $(ratio "$p50" "$floor_p50") | $p99 | $total | $bad |"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p50" "$p99" "$trips" >> "$state/results.tsv"
}
measure 'POST /__bench/insert (floor: one D1 INSERT)' -s bench/floor.lua "$base/__bench/insert"
measure 'GET /healthz' -s bench/report.lua "$base/healthz"
measure 'POST /api/registrations' -s bench/registration.lua "$base" -- "$run_id"
python3 bench/fixtures.py webhooks 60000 whsec_bench "$state/webhooks.tsv" || die "bench/fixtures.py webhooks failed"
measure 'POST /api/webhooks/stripe' -s bench/replay.lua "$base" -- "$state/webhooks.tsv" "$THREADS"
python3 bench/fixtures.py support "$base" bench 200 20000 "$state/intake.tsv" "$state/sessions.tsv" || die "bench/fixtures.py support failed"
measure 'POST /api/me/incidents' -s bench/replay.lua "$base" -- "$state/intake.tsv" "$THREADS"
measure 'POST /api/staff/incidents/{id}/sessions' -s bench/replay.lua "$base" -- "$state/sessions.tsv" "$THREADS"
python3 bench/fixtures.py licensing "$base" bench 300 20000 "$state/activations.tsv" "$state/validations.tsv" || die "bench/fixtures.py licensing failed"
measure 'POST /api/me/activations' -s bench/replay.lua "$base" -- "$state/activations.tsv" "$THREADS"
measure 'POST /api/licenses/validate' -s bench/replay.lua "$base" -- "$state/validations.tsv" "$THREADS"

say "" "\`errors\`: answers with HTTP status 400 or above, and socket errors (wrk's count); any makes the run exit 1." ""
say "![requests/s per endpoint, and p50/p99 latency](report.png)" ""
say "### Against the goal" ""
say "Endpoints below half the floor's throughput ($floor_rps requests/s), with their D1 round trips:" ""
slow=0
while IFS=$'\t' read -r name rps p50 p99 trips; do
  if awk -v a="$rps" -v b="$floor_rps" 'BEGIN { exit !(a < 0.5 * b) }'; then
    slow=1
    say "- **$name**: $(ratio "$rps" "$floor_rps")× the floor, $trips D1 round trips per request."
  fi
done < "$state/results.tsv"
[ "$slow" = 1 ] || say "- none"

# A 10,000-entry camt.053 statement, 100 of whose entries pay orders: imported,
# then imported again (every entry a duplicate).
python3 bench/fixtures.py statement "$base" bench 100 10000 "$state/statement.xml" || die "bench/fixtures.py statement failed"
import_statement() {
  local answer
  answer=$(curl -sS -o "$state/import.json" --max-time 600 -w '%{http_code} %{time_total}' -X POST "$base/api/staff/bank-statements" \
    -H 'authorization: Bearer bench' -H 'content-type: application/xml' --data-binary @"$state/statement.xml") \
    || die "the statement import failed: $answer"
  [ "${answer%% *}" = 200 ] || die "the statement import answered ${answer%% *}: $(head -c 500 "$state/import.json")"
  awk -v s="${answer#* }" 'BEGIN { printf "%.2f\n", s }'
}
counts() { python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("%d entries: %d matched, %d partial, %d unmatched, %d duplicates" % (r["entries"], r["matched"], r["partial"], r["unmatched"], r["duplicates"]))' "$state/import.json"; }
first=$(import_statement)
first_counts=$(counts)
# The import measured is the one that pays (and invoices) the 100 orders.
case "$first_counts" in *" 100 matched,"*) ;; *) die "the first import did not pay the 100 orders: $first_counts" ;; esac
again=$(import_statement)
again_counts=$(counts)
say "" "## Statement import" ""
say "One request each, curl's time_total including the upload: the statement is parsed, checked against the known entries and orders (bulk reads), and written in one D1 batch." ""
say "| statement import | seconds | report |" "|---|---|---|"
say "| camt.053, $(stat -c %s "$state/statement.xml") bytes, first import | $first | $first_counts |"
say "| the same file again | $again | $again_counts |"

python3 bench/chart.py "$state/results.tsv" \
  "make bench $date_utc, $commit, $cores cores, $wrk_settings, wrangler dev (local)" "$state/report.png" \
  || die "drawing the chart failed"
mv "$state/report.png" "$CHART"
mv "$state/report.md" "$REPORT"
echo "bench: wrote $REPORT and $CHART" >&2
if [ "${#failures[@]}" -gt 0 ]; then
  printf 'bench: %s\n' "${failures[@]}" >&2
  exit 1
fi
