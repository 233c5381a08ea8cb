#!/usr/bin/env bash
# The OpenAPI contract fuzzed against a running Worker with schemathesis: for
# each role (anonymous, customer, partner, staff) its operations, with
# generated valid and invalid requests: no 5xx, and every answer conforms to
# assets/api/openapi.json (status, content type, schema). Usage:
#   STANDIN_URL=EMAIL_STANDIN scripts/contract.sh BASE_URL STAFF_TOKEN [EXAMPLES]
# where the Worker sends its emails to the stand-in (tests/e2e/standins.py) at
# STANDIN_URL: the customer's sign-in link is read there (staff see it redacted).
# scripts/e2e.sh runs it with a few examples; `make fuzz` with many.
set -euo pipefail
cd "$(dirname "$0")/.."
base=$1 staff=$2 examples=${3:-5}

scripts/setup-tests.sh
mapfile -t credentials < <(python3 bench/fixtures.py credentials "$base" "$staff")
customer=${credentials[0]} partner=${credentials[1]}

checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance
run() { # role-name, path regex, extra arguments
  local role=$1 paths=$2; shift 2
  echo "contract: $role ($paths)"
  schemathesis run assets/api/openapi.json --url "$base" --checks "$checks" --max-examples "$examples" \
    --include-path-regex "$paths" --seed 1 --no-color "$@"
}
run anonymous '^/(healthz|api/(registrations|sessions|invitations|licenses|openapi))'
run customer '^/(api/me|api/live/|live/)' -H "Authorization: Bearer $customer"
run partner '^/api/partner' -H "Authorization: Bearer $partner"
run staff '^/api/staff' -H "Authorization: Bearer $staff"
