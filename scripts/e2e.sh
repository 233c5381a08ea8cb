#!/usr/bin/env bash
# The end-to-end suite: starts the built Worker under `wrangler dev` on a free
# port with a fresh state folder, and stand-ins for the email API and Stripe on
# loopback; runs tests/e2e and the OpenAPI contract against them, then opens
# every link of every email sent meanwhile (tests/e2e/every_email.rs); stops
# both afterwards, whatever happens. `E2E_FILTER=observability scripts/e2e.sh`
# runs only the tests whose names contain the filter.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

state=$(mktemp -d "${TMPDIR:-/tmp}/spica-e2e.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$state" "${config:-}" "${config:+${config%.toml}}"
}
trap cleanup EXIT INT TERM

port=$(free_port)
standin_port=$(free_port)
inspector_port=$(free_port)
staff_token="e2e-staff-$RANDOM$RANDOM"
webhook_secret="whsec_e2e_$RANDOM$RANDOM"

setsid python3 tests/e2e/standins.py "$standin_port" &
pids+=($!)

# The suite's settings; the same form URLs and desk as tests/api/helpers.rs.
# The callback promise, the first email retry, the live room's ring and
# reconnection grace are shortened to seconds,
# so that a deadline passes and an email outage is over while the suite runs.
cat > "$state/e2e.vars" <<VARS
SERVER_TIMING=on
STAFF_TOKEN=$staff_token
PUBLIC_BASE_URL=http://127.0.0.1:$port
REGISTRATION_THANKS_URL=https://www.timeandspace.test/thanks
REGISTRATION_FORM_URL=https://www.timeandspace.test/register
EMAIL_API_KEY=e2e-email-key
EMAIL_API_BASE=http://127.0.0.1:$standin_port
EMAIL_RETRY_FIRST_SECONDS=1
EMAIL_FROM=Spica Customer Support (e2e) <support@timeandspace.test>
STRIPE_SECRET_KEY=sk_test_e2e
STRIPE_API_BASE=http://127.0.0.1:$standin_port
VIES_API_BASE=http://127.0.0.1:$standin_port
STRIPE_WEBHOOK_SECRETS=whsec_e2e_rotated_out,$webhook_secret
BANK_BENEFICIARY=Spica d.o.o.
BANK_IBAN=SI56 1910 0000 0123 438
BANK_BIC=BAKOSI2X
SELLER_NAME=Spica d.o.o.
SELLER_STREET=Pot k sejmišču 33
SELLER_POSTAL_CODE=1231
SELLER_CITY=Ljubljana
SELLER_VAT_ID=SI12345678
SUPPORT_DESK_EMAIL=desk@timeandspace.test
DESK_LANGUAGE=en
PUBLIC_SITE_ORIGIN=https://www.timeandspace.test
CALLBACK_TARGET_SECONDS=2
CALLBACK_DEADLINE_SECONDS=5
CALLBACK_RETRY_SECONDS=1
ACTIVATION_SECRET=2:e2e-activation-secret-two,1:e2e-activation-secret-one
ACCESS_TEAM_DOMAIN=https://spica-test.cloudflareaccess.com
ACCESS_AUD=spica-test-aud
ACCESS_CERTS_URL=http://127.0.0.1:$standin_port/cdn-cgi/access/certs
REPLY_SECRET=e2e-reply-secret-of-enough-length
INBOUND_EMAIL_DOMAIN=reply.timeandspace.test
LICENSE_SIGNING_KEY=4242424242424242424242424242424242424242424242424242424242424242
RING_SECONDS=3
RECONNECT_GRACE_SECONDS=5
TURN_KEY_ID=e2e-turn-key
TURN_KEY_API_TOKEN=e2e-turn-token
REALTIME_API_BASE=http://127.0.0.1:$standin_port
VARS

# `--log-level log` keeps the Worker's own log lines (one JSON line per
# request), which tests/e2e/observability.rs reads from wrangler.log.
scripts/migrate-local.sh "$state/d1" "$state/migrations.log" || { cat "$state/migrations.log"; exit 1; }

# The committed configuration of both Workers with the flood limit raised: the suite posts
# far more than 30 times a minute from one address.
config=$(scripts/local-config.sh "e2e-$$" 1000000 "$state/e2e.vars")
setsid scripts/wrangler dev --config "$config" --config "${config%.toml}/wrangler.json" --ip 127.0.0.1 --port "$port" --inspector-port "$inspector_port" \
  --persist-to "$state/d1" --env-file "$state/e2e.vars" --log-level log --test-scheduled \
  --show-interactive-dev-session=false > "$state/wrangler.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null || { echo "the Worker did not start:"; cat "$state/wrangler.log"; exit 1; }
echo "e2e: Worker on http://127.0.0.1:$port, stand-ins on http://127.0.0.1:$standin_port"

# The e2e test binary, against this Worker and these stand-ins.
e2e_tests() {
  PORTAL_BASE_URL="http://127.0.0.1:$port" STAFF_TOKEN="$staff_token" STRIPE_WEBHOOK_SECRET="$webhook_secret" \
    STANDIN_URL="http://127.0.0.1:$standin_port" WORKER_LOG="$state/wrangler.log" \
    cargo test --features e2e --test e2e "$@"
}

status=0
# E2E_FILTER=name runs only the tests whose names contain it, and skips the
# contract and the email links (for working on one test).
filter=${E2E_FILTER:-}
e2e_tests $filter -- --test-threads 4 || status=$?
[ -z "$filter" ] || exit "$status"
# The OpenAPI contract, fuzzed by schemathesis for every role (a bounded run;
# `make fuzz` sets CONTRACT_EXAMPLES higher).
if [ "$status" -eq 0 ]; then
  STANDIN_URL="http://127.0.0.1:$standin_port" \
    scripts/contract.sh "http://127.0.0.1:$port" "$staff_token" "${CONTRACT_EXAMPLES:-10}" > "$state/contract.log" 2>&1 \
    || { status=$?; cat "$state/contract.log"; }
  grep -E '^contract:|generated, ' "$state/contract.log" || true
fi
# Every link of every email sent during the run (the suite's and the
# contract's), opened as its recipient would. The suite's tests run at once,
# so this runs on its own once everything else is done.
if [ "$status" -eq 0 ]; then
  e2e_tests every_email::every_link_of_every_email_sent_during_the_run_leads_to_a_working_page \
    -- --ignored --exact --nocapture || status=$?
fi
if [ "$status" -ne 0 ]; then
  echo "--- wrangler dev log ---"
  tail -n 80 "$state/wrangler.log"
fi
exit "$status"
