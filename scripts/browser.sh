#!/usr/bin/env bash
# The browser suite: starts the built Worker under `wrangler dev` on a free
# port with a fresh state folder (as scripts/e2e.sh does), then drives its
# pages with Debian's Chromium through playwright-core (tests/browser, Node's
# test runner), with axe-core on every page and a full-page screenshot per
# step in tests/artifacts/screenshots. Stops everything afterwards, whatever
# happens. Needs build/ (scripts/build.sh) and the npm packages (scripts/setup.sh).
# Arguments, if any, are the test files to run (all of tests/browser by default).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true

# Debian's Chromium; Playwright's own browser downloads do not work here.
if ! command -v chromium > /dev/null 2>&1; then
  echo "browser: installing chromium (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium)
fi
chromium_path=$(command -v chromium)
# Debian's coturn, the TURN server of the relayed call (tests/browser/13-live-call).
if ! command -v turnserver > /dev/null 2>&1; then
  echo "browser: installing coturn (Debian package)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq coturn) \
    || echo "browser: coturn could not be installed; the relayed call is skipped"
fi

tests=("$@")
[ "${#tests[@]}" -gt 0 ] || tests=(tests/browser/*.test.mjs)

[ -f build/worker/shim.mjs ] || { echo "browser: build/ is missing; run scripts/build.sh first"; exit 1; }
[ -d node_modules/playwright-core ] && [ -d node_modules/axe-core ] \
  || { echo "browser: playwright-core or axe-core is missing; run scripts/setup.sh first"; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

state=$(mktemp -d "${TMPDIR:-/tmp}/spica-browser.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$state" "${config:-}" "${config:+${config%.toml}}"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

port=$(free_port)
inspector_port=$(free_port)
standin_port=$(free_port)
staff_token="browser-staff-token"
webhook_secret="whsec_browser_$RANDOM$RANDOM"
screenshots="$PWD/tests/artifacts/screenshots"
mkdir -p "$screenshots"
rm -f "$screenshots"/*.png

# The stand-ins (tests/e2e/standins.py): the email API, where the tests read
# the links emailed, as the recipient would (staff see them redacted in the
# outbox); and Stripe, whose hosted checkout page sends the signed webhook
# to the Worker when the customer pays.
STRIPE_WEBHOOK_URL="http://127.0.0.1:$port/api/webhooks/stripe" STRIPE_WEBHOOK_SECRET="$webhook_secret" \
  setsid python3 tests/e2e/standins.py "$standin_port" &
pids+=($!)

# TURN: coturn on loopback (shared-secret credentials), and a stand-in for
# Cloudflare Realtime's TURN API (tests/browser/turn_standin.py) that hands
# out its credentials; /api/live/ice-servers asks the stand-in.
turn_vars=""
if command -v turnserver > /dev/null 2>&1; then
  turn_port=$(free_port)
  turn_api_port=$(free_port)
  turn_secret="browser-turn-secret-$RANDOM$RANDOM"
  setsid turnserver -n --listening-ip=127.0.0.1 --relay-ip=127.0.0.1 --listening-port="$turn_port" \
    --use-auth-secret --static-auth-secret="$turn_secret" --realm=spica.test \
    --no-tls --no-dtls --no-cli --allow-loopback-peers --fingerprint \
    --pidfile="$state/turnserver.pid" --userdb="$state/turndb" --log-file=stdout --simple-log \
    > "$state/turnserver.log" 2>&1 &
  pids+=($!)
  setsid python3 tests/browser/turn_standin.py "$turn_api_port" "$turn_port" browser-turn-key browser-turn-token "$turn_secret" &
  pids+=($!)
  turn_vars="TURN_KEY_ID=browser-turn-key
TURN_KEY_API_TOKEN=browser-turn-token
REALTIME_API_BASE=http://127.0.0.1:$turn_api_port"
  export TURN_RELAY=1
fi

# No REGISTRATION_*_URL: the form's redirects go to the Worker's own
# /registered and /register.
cat > "$state/browser.vars" <<VARS
STAFF_TOKEN=$staff_token
PUBLIC_BASE_URL=http://127.0.0.1:$port
EMAIL_API_KEY=browser-email-key
EMAIL_API_BASE=http://127.0.0.1:$standin_port
STRIPE_SECRET_KEY=sk_test_e2e
STRIPE_API_BASE=http://127.0.0.1:$standin_port
VIES_API_BASE=http://127.0.0.1:$standin_port
STRIPE_WEBHOOK_SECRETS=$webhook_secret
REPLY_SECRET=browser-reply-secret-of-enough-length
INBOUND_EMAIL_DOMAIN=reply.timeandspace.test
EMAIL_FROM=Spica Customer Support (browser) <support@timeandspace.test>
BANK_BENEFICIARY=Spica d.o.o.
BANK_IBAN=SI56 1910 0000 0123 438
BANK_BIC=BAKOSI2X
SELLER_NAME=Spica d.o.o.
SELLER_STREET=Pot k sejmišču 33
SELLER_POSTAL_CODE=1231
SELLER_CITY=Ljubljana
SELLER_VAT_ID=SI12345678
ACTIVATION_SECRET=1:browser-activation-secret-1
LICENSE_SIGNING_KEY=0707070707070707070707070707070707070707070707070707070707070707
SUPPORT_DESK_EMAIL=desk@timeandspace.test
$turn_vars
VARS

scripts/migrate-local.sh "$state/d1" "$state/migrations.log" || { cat "$state/migrations.log"; exit 1; }

# The committed configuration of both Workers with the flood limit raised: the suite posts
# far more than 30 times a minute from one address.
config=$(scripts/local-config.sh "browser-$$" 1000000 "$state/browser.vars")
setsid scripts/wrangler dev --config "$config" --config "${config%.toml}/wrangler.json" --ip 127.0.0.1 --port "$port" --inspector-port "$inspector_port" \
  --persist-to "$state/d1" --env-file "$state/browser.vars" --log-level warn \
  --show-interactive-dev-session=false > "$state/wrangler.log" 2>&1 &
wrangler_pid=$!
pids+=("$wrangler_pid")

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null 2>&1 && break
  kill -0 "$wrangler_pid" 2>/dev/null || break # wrangler gave up: no use waiting
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$port/healthz" > /dev/null || { echo "the Worker did not start:"; cat "$state/wrangler.log"; exit 1; }
echo "browser: Worker on http://127.0.0.1:$port, $("$chromium_path" --version 2>/dev/null)"

# In its own process group, so that the trap ends the test processes (and,
# through Playwright, their browsers) if the script is interrupted.
status=0
PORTAL_BASE_URL="http://127.0.0.1:$port" STAFF_TOKEN="$staff_token" SCREENSHOTS="$screenshots" \
  STANDIN_URL="http://127.0.0.1:$standin_port" \
  CHROMIUM_PATH="$chromium_path" \
  setsid node --test --test-reporter=spec "${tests[@]}" &
tests_pid=$!
pids+=("$tests_pid")
wait "$tests_pid" || status=$?

if [ "$status" -ne 0 ]; then
  echo "--- wrangler dev log (last 80 lines) ---"
  tail -n 80 "$state/wrangler.log"
fi
echo "browser: screenshots in $screenshots"
exit "$status"
