#!/usr/bin/env bash
# What `make deploy` relies on, checked without a Cloudflare account (`make
# test` runs it after the build):
#   1. scripts/deploy-check.sh refuses the committed configuration, naming
#      every required setting (wrangler.toml holds no vendor values), and
#      passes a complete one;
#   2. `wrangler deploy --dry-run` bundles each Worker (front and desk)
#      offline, each WASM within its budget and each upload within the
#      plan's limit;
#   3. the built Worker without its required settings answers 500 without
#      naming them, and logs which are missing;
#   4. with a setting that is present but wrong (an IBAN failing its check
#      digits) it answers 500 the same way and logs which one;
#   5. the committed flood limit (the PUBLIC_POSTS Rate Limiting binding) is
#      enforced: the 31st public post a minute from one address is 429.
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

# Workers Free allows 3 MiB gzipped (Paid 10 MiB): the stricter limit, so
# that the bundle deploys on either plan. Our own budget is tighter: each
# Worker's WASM at most 700,000 bytes at gzip -9 (README: Bundle size).
PLAN_LIMIT_KIB=3072
WASM_BUDGET_BYTES=700000

work=$(mktemp -d "${TMPDIR:-/tmp}/spica-config.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM
fail() { echo "config-test: $*" >&2; exit 1; }

# --- 1. the deploy check ----------------------------------------------------
echo '[]' > "$work/no-secrets.json"
status=0
scripts/deploy-check.sh --config "$PWD/wrangler.toml" --vars "$work/absent.vars" \
  --secrets "$work/no-secrets.json" > "$work/refused.txt" || status=$?
[ "$status" -eq 1 ] || { cat "$work/refused.txt"; fail "the committed configuration was not refused (exit $status)"; }
for name in $(scripts/deploy-check.sh --worker-required) ACCESS_TEAM_DOMAIN ACCESS_AUD ACTIVATION_SECRET \
  LICENSE_SIGNING_KEY STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRETS EMAIL_API_KEY TURN_KEY_ID TURN_KEY_API_TOKEN database_id; do
  grep -q -- "- $name " "$work/refused.txt" || { cat "$work/refused.txt"; fail "$name is not listed as missing"; }
done
echo "config-test: the committed configuration is refused, listing $(grep -c '^  - ' "$work/refused.txt") settings"

# A complete production: the committed file with a database id, every
# variable in deploy.vars, every secret set.
sed 's/^database_name = "spica-portal"$/&\ndatabase_id = "6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b"/' wrangler.toml > "$work/wrangler.toml"
grep -q '^database_id' "$work/wrangler.toml" || fail "could not add a database_id to a copy of wrangler.toml"
cat > "$work/deploy.vars" <<'VARS'
# Production's variables (an example vendor's).
PUBLIC_BASE_URL=https://support.example.com
EMAIL_FROM="Example Support <support@example.com>"
SUPPORT_DESK_EMAIL=desk@example.com
BANK_BENEFICIARY=Example d.o.o.
BANK_IBAN=SI56 1910 0000 0123 438
BANK_BIC=BAKOSI2X
SELLER_NAME=Example d.o.o.
SELLER_STREET=Pot k sejmišču 33
SELLER_POSTAL_CODE=1231
SELLER_CITY=Ljubljana
SELLER_VAT_ID=SI12345678
ACCESS_TEAM_DOMAIN=https://example.cloudflareaccess.com
ACCESS_AUD=0123456789abcdef
TURN_KEY_ID=0123456789abcdef0123456789abcdef
VARS
printf '[%s]\n' "$(for name in ACTIVATION_SECRET LICENSE_SIGNING_KEY STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRETS EMAIL_API_KEY TURN_KEY_API_TOKEN; do
  printf '{"name": "%s", "type": "secret_text"},' "$name"; done | sed 's/,$//')" > "$work/secrets.json"
scripts/deploy-check.sh --config "$work/wrangler.toml" --vars "$work/deploy.vars" --secrets "$work/secrets.json" \
  > "$work/accepted.txt" || { cat "$work/accepted.txt"; fail "a complete configuration was refused"; }
[ "$(scripts/deploy-check.sh --print-vars --vars "$work/deploy.vars" | tr '\0' '\n' | grep -c '^EMAIL_FROM:Example Support <support@example.com>$')" -eq 1 ] \
  || fail "deploy.vars is not passed on as KEY:VALUE"

# What is wrong rather than missing: a secret among the variables, a
# loopback base URL.
{ cat "$work/deploy.vars"; echo "LICENSE_SIGNING_KEY=00"; echo "PUBLIC_BASE_URL=http://127.0.0.1:8787"; } > "$work/wrong.vars"
status=0
scripts/deploy-check.sh --config "$work/wrangler.toml" --vars "$work/wrong.vars" --secrets "$work/secrets.json" \
  > "$work/wrong.txt" || status=$?
[ "$status" -eq 1 ] && grep -q "LICENSE_SIGNING_KEY is a secret" "$work/wrong.txt" && grep -q "PUBLIC_BASE_URL is http://127.0.0.1:8787" "$work/wrong.txt" \
  || { cat "$work/wrong.txt"; fail "a secret in deploy.vars or a loopback base URL was not refused"; }
echo "config-test: a complete configuration passes; a secret among the variables and a loopback base URL do not"

# --- 2. the bundles, as wrangler would upload them ---------------------------
# Each Worker's WASM, gzipped, within the budget: the front's and the desk's.
scripts/desk-config.sh wrangler.toml "$work/desk/wrangler.json"
# The live rooms are the front's alone: the desk has no binding to them and
# declares no class (nothing but the front reaches a room).
python3 - "$work/desk/wrangler.json" <<'PYTHON' || fail "the desk's configuration names the live rooms"
import json, sys
desk = json.load(open(sys.argv[1]))
sys.exit(1 if "durable_objects" in desk or "migrations" in desk else 0)
PYTHON
grep -q '^class_name = "LiveRoom"' wrangler.toml || fail "wrangler.toml binds no LiveRoom"
for worker in front desk; do
  config=wrangler.toml
  [ "$worker" = desk ] && config="$work/desk/wrangler.json"
  scripts/wrangler deploy --dry-run --config "$config" --outdir "$work/upload-$worker" > "$work/dry-run-$worker.txt" 2>&1 \
    || { cat "$work/dry-run-$worker.txt"; fail "wrangler deploy --dry-run of the $worker failed"; }
  sizes=$(sed -n 's/.*Total Upload: \([0-9.]*\) KiB \/ gzip: \([0-9.]*\) KiB.*/\1 \2/p' "$work/dry-run-$worker.txt")
  [ -n "$sizes" ] || { cat "$work/dry-run-$worker.txt"; fail "wrangler printed no upload size for the $worker"; }
  read -r raw_kib gzip_kib <<< "$sizes"
  wasm=$(ls "$work/upload-$worker"/*.wasm)
  wasm_gzip=$(python3 -c "import gzip, sys; print(len(gzip.compress(open(sys.argv[1], 'rb').read(), 9)))" "$wasm")
  echo "config-test: the $worker's upload $raw_kib KiB, gzip $gzip_kib KiB; its WASM at gzip -9: $wasm_gzip bytes" \
    "(budget $WASM_BUDGET_BYTES; plan limit $PLAN_LIMIT_KIB KiB, Workers Free)"
  [ "$wasm_gzip" -le "$WASM_BUDGET_BYTES" ] || fail "the $worker's WASM is $wasm_gzip bytes gzipped, over the budget of $WASM_BUDGET_BYTES"
  python3 -c "import sys; sys.exit(float(sys.argv[1]) > float(sys.argv[2]))" "$gzip_kib" "$PLAN_LIMIT_KIB" \
    || fail "the $worker's upload is $gzip_kib KiB gzipped, over the plan's $PLAN_LIMIT_KIB KiB"
done

# --- 3. the Worker without its required settings -----------------------------
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
inspector_port=$(free_port)
: > "$work/empty.vars"
setsid scripts/wrangler dev --ip 127.0.0.1 --port "$port" --inspector-port "$inspector_port" \
  --persist-to "$work/d1" --env-file "$work/empty.vars" --log-level warn \
  --show-interactive-dev-session=false > "$work/wrangler.log" 2>&1 &
pids+=($!)
code=000
for _ in $(seq 1 120); do
  code=$(curl -s -o "$work/answer.json" -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
  [ "$code" != 000 ] && break
  sleep 0.5
done
[ "$code" = 500 ] || { cat "$work/wrangler.log"; fail "GET /healthz without settings answered $code, not 500"; }
grep -q '"status":500' "$work/answer.json" || fail "the 500 is not a problem: $(cat "$work/answer.json")"
for name in $(scripts/deploy-check.sh --worker-required); do
  grep -q "$name" "$work/answer.json" && fail "the answer names $name: $(cat "$work/answer.json")"
done
missing=$(scripts/deploy-check.sh --worker-required | paste -sd, | sed 's/,/, /g')
for _ in $(seq 1 20); do grep -q "required settings are not set: $missing" "$work/wrangler.log" && break; sleep 0.25; done
grep -q "required settings are not set: $missing" "$work/wrangler.log" \
  || { cat "$work/wrangler.log"; fail "the log does not list the missing settings ($missing)"; }
echo "config-test: without its settings the Worker answers 500 and logs: required settings are not set: $missing"

# --- 4. settings that are set but wrong ---------------------------------------
# An IBAN whose check digits fail (a typo) stops the Worker as a missing
# setting does, naming it in the log, instead of silently serving orders
# without a QR code.
for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
pids=()
port=$(free_port)
inspector_port=$(free_port)
sed 's/^BANK_IBAN=.*/BANK_IBAN=SI56 1910 0000 0123 439/' "$work/deploy.vars" > "$work/bad-iban.vars"
setsid scripts/wrangler dev --ip 127.0.0.1 --port "$port" --inspector-port "$inspector_port" \
  --persist-to "$work/d1" --env-file "$work/bad-iban.vars" --log-level warn \
  --show-interactive-dev-session=false > "$work/wrangler-iban.log" 2>&1 &
pids+=($!)
code=000
for _ in $(seq 1 120); do
  code=$(curl -s -o "$work/answer.json" -w '%{http_code}' "http://127.0.0.1:$port/healthz" || true)
  [ "$code" != 000 ] && break
  sleep 0.5
done
[ "$code" = 500 ] || { cat "$work/wrangler-iban.log"; fail "GET /healthz with a wrong BANK_IBAN answered $code, not 500"; }
grep -q "BANK_IBAN" "$work/answer.json" && fail "the answer names BANK_IBAN: $(cat "$work/answer.json")"
for _ in $(seq 1 20); do grep -q "BANK_IBAN is not an IBAN" "$work/wrangler-iban.log" && break; sleep 0.25; done
grep -q "BANK_IBAN is not an IBAN" "$work/wrangler-iban.log" \
  || { cat "$work/wrangler-iban.log"; fail "the log does not say that BANK_IBAN is wrong"; }
echo "config-test: with a mistyped IBAN the Worker answers 500 and logs: $(grep -o 'BANK_IBAN is not an IBAN[^"]*' "$work/wrangler-iban.log" | head -1 | cut -c1-60)…"

# --- 5. the flood limit, as committed -----------------------------------------
# The committed PUBLIC_POSTS binding (30 a minute per client and endpoint),
# enforced by the runtime: the 31st sign-in request from one address is 429.
for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done
pids=()
port=$(free_port)
inspector_port=$(free_port)
scripts/migrate-local.sh "$work/d1-flood" "$work/migrations.log" || { cat "$work/migrations.log"; fail "the migrations did not apply"; }
setsid scripts/wrangler dev --ip 127.0.0.1 --port "$port" --inspector-port "$inspector_port" \
  --persist-to "$work/d1-flood" --env-file "$work/deploy.vars" --log-level warn \
  --show-interactive-dev-session=false > "$work/wrangler-flood.log" 2>&1 &
pids+=($!)
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done
# The limiter counts in fixed minutes: start early in one, so that the 31
# requests (about a second) fall in the same.
while [ "$(date +%-S)" -gt 45 ]; do sleep 1; done
# Each to another address, so that no address's own quota of links (five an
# hour) answers first.
statuses=$(for n in $(seq 1 31); do
  curl -s -o /dev/null -w '%{http_code}\n' -X POST -H 'content-type: application/json' \
    -d "{\"email\": \"flood-$n@example.com\"}" "http://127.0.0.1:$port/api/sessions"
done | sort | uniq -c | tr -s ' ' | paste -sd, -)
[ "$statuses" = " 30 202, 1 429" ] || { tail -20 "$work/wrangler-flood.log"; fail "31 sign-in requests from one address answered $statuses, not 30 × 202 and 1 × 429"; }
echo "config-test: the committed flood limit answers 30 sign-in requests a minute from one address and refuses the 31st (429)"
