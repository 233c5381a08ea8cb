#!/usr/bin/env bash
# Checks that production has every required setting before anything is
# deployed, and lists at once all that is missing. Production's settings are:
#   - the [vars] and bindings of wrangler.toml (defaults only: no vendor values),
#   - deploy.vars: production's own variables, KEY=VALUE lines as in
#     .dev.vars (not committed; scripts/deploy.sh passes them as --var),
#   - the Worker's secrets, from `wrangler secret list` (needs `wrangler login`).
# Required are the settings the Worker does not serve without
# (REQUIRED_SETTINGS in src/worker/config.rs) and those production needs for
# its work: staff sign-in through Access, emails, card payments, activation
# codes and license files, and the D1 database's id.
#
# Usage: scripts/deploy-check.sh [--config FILE] [--vars FILE] [--secrets FILE]
#        scripts/deploy-check.sh --print-vars [--vars FILE]
#        scripts/deploy-check.sh --worker-required
# --secrets reads a saved `wrangler secret list` answer (JSON) instead of
# asking Cloudflare: the tests check this script without an account.
# --print-vars prints deploy.vars as NUL-separated KEY:VALUE pairs for
# `wrangler deploy --var`, and checks nothing. --worker-required prints the
# names the Worker does not serve without, one a line (scripts/dev.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

config=wrangler.toml vars=deploy.vars secrets="" mode=check
while [ $# -gt 0 ]; do
  case $1 in
    --config) config=$2; shift 2 ;;
    --vars) vars=$2; shift 2 ;;
    --secrets) secrets=$2; shift 2 ;;
    --print-vars) mode=print-vars; shift ;;
    --worker-required) mode=worker-required; shift ;;
    *) echo "deploy-check: unknown argument $1" >&2; exit 2 ;;
  esac
done

secrets_json=$(mktemp)
trap 'rm -f "$secrets_json"' EXIT
if [ "$mode" != check ]; then
  echo '[]' > "$secrets_json"
elif [ -n "$secrets" ]; then
  cp "$secrets" "$secrets_json"
elif ! scripts/wrangler secret list --format json --config "$config" > "$secrets_json" 2> "$secrets_json.err"; then
  echo "deploy-check: cannot list the Worker's secrets (not logged in, or no Worker yet: \`scripts/wrangler secret put\` creates it); counting none:" >&2
  sed 's/^/  /' "$secrets_json.err" >&2
  echo '[]' > "$secrets_json"
fi
rm -f "$secrets_json.err"

python3 - "$config" "$vars" "$secrets_json" "$mode" <<'PYTHON'
import json
import pathlib
import re
import sys
import tomllib

config_path, vars_path, secrets_path, mode = sys.argv[1:]


def read_vars(path):
    """KEY=VALUE lines as in .dev.vars: comments and blank lines skipped,
    one pair of surrounding quotes taken off."""
    values = {}
    if not pathlib.Path(path).is_file():
        return values
    for number, line in enumerate(pathlib.Path(path).read_text().splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        key, sep, value = line.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not re.fullmatch(r"[A-Z][A-Z0-9_]*", key):
            sys.exit(f"deploy-check: {path}:{number} is not KEY=VALUE")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        values[key] = value
    return values


production_vars = read_vars(vars_path)
if mode == "print-vars":
    sys.stdout.write("".join(f"{k}:{v}\0" for k, v in production_vars.items()))
    sys.exit(0)

# The Worker's own list, so that the two never disagree.
source = pathlib.Path("src/worker/config.rs").read_text()
block = re.search(r"REQUIRED_SETTINGS: \[&str; \d+\] = \[(.*?)\];", source, re.S)
worker_required = re.findall(r'"([A-Z_]+)"', block.group(1))
if mode == "worker-required":
    print("\n".join(worker_required))
    sys.exit(0)

# What each required setting is, and whether it is a secret.
SECRET, VAR = "secret", "var"
why = {
    "PUBLIC_BASE_URL": (VAR, "the portal's public https origin, for the links in emails"),
    "EMAIL_FROM": (VAR, "the sender of every email, such as Spica Customer Support <support@…>"),
    "SUPPORT_DESK_EMAIL": (VAR, "where new incidents and callback reminders are emailed"),
    "BANK_BENEFICIARY": (VAR, "the account holder bank transfers go to"),
    "BANK_IBAN": (VAR, "the IBAN bank transfers go to"),
    "BANK_BIC": (VAR, "the BIC of that account"),
    "SELLER_NAME": (VAR, "the seller's registered name, as its invoices bear it"),
    "SELLER_STREET": (VAR, "the seller's street address, on its invoices"),
    "SELLER_POSTAL_CODE": (VAR, "the seller's postal code, on its invoices"),
    "SELLER_CITY": (VAR, "the seller's city, on its invoices"),
    "SELLER_VAT_ID": (VAR, "the seller's VAT number with its country prefix, on its invoices"),
    "ACCESS_TEAM_DOMAIN": (VAR, "the Cloudflare Access team domain staff sign in through"),
    "ACCESS_AUD": (VAR, "the Access application's audience tag"),
    "ACTIVATION_SECRET": (SECRET, "the activation-code keys, id:secret"),
    "LICENSE_SIGNING_KEY": (SECRET, "the Ed25519 seed that signs license files"),
    "STRIPE_SECRET_KEY": (SECRET, "Stripe's secret key, for card payments"),
    "STRIPE_WEBHOOK_SECRETS": (SECRET, "Stripe's webhook signing secrets"),
    "TURN_KEY_ID": (VAR, "the Cloudflare Realtime TURN key's id, for live calls behind NATs"),
    "TURN_KEY_API_TOKEN": (SECRET, "that TURN key's API token"),
}
production_required = [
    "ACCESS_TEAM_DOMAIN",
    "ACCESS_AUD",
    "ACTIVATION_SECRET",
    "LICENSE_SIGNING_KEY",
    "STRIPE_SECRET_KEY",
    "STRIPE_WEBHOOK_SECRETS",
    "TURN_KEY_ID",
    "TURN_KEY_API_TOKEN",
]
SECRET_NAMES = {
    "STAFF_TOKEN", "EMAIL_API_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRETS",
    "ACTIVATION_SECRET", "LICENSE_SIGNING_KEY", "REPLY_SECRET", "TURN_KEY_API_TOKEN",
}

config = tomllib.loads(pathlib.Path(config_path).read_text())
toml_vars = {k: str(v) for k, v in config.get("vars", {}).items()}
secret_names = {entry["name"] for entry in json.loads(pathlib.Path(secrets_path).read_text() or "[]")}


def present(name):
    if why.get(name, (VAR,))[0] == SECRET or name in SECRET_NAMES:
        return name in secret_names
    return bool((production_vars.get(name) or toml_vars.get(name) or "").strip())


problems = []
for name in worker_required + production_required:
    kind, meaning = why.get(name, (VAR, "required by src/worker/config.rs"))
    if not present(name):
        where = f"`scripts/wrangler secret put {name}`" if kind == SECRET else vars_path
        problems.append(f"{name} ({kind}: {where}): {meaning}")

# Emails go through the HTTP API's key or a send_email binding named EMAIL.
email_binding = any(b.get("name") == "EMAIL" for b in config.get("send_email", []))
if "EMAIL_API_KEY" not in secret_names and not email_binding:
    problems.append(
        "EMAIL_API_KEY (secret: `scripts/wrangler secret put EMAIL_API_KEY`), or a "
        "[[send_email]] binding named EMAIL in wrangler.toml: without either no email leaves"
    )

databases = [d for d in config.get("d1_databases", []) if d.get("binding") == "DB"]
database_id = databases[0].get("database_id", "") if databases else ""
if not re.fullmatch(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", database_id) or set(
    database_id
) <= {"0", "-"}:
    problems.append(
        f"database_id ({config_path}: [[d1_databases]] DB): the id `scripts/wrangler d1 create spica-portal` printed"
    )

for name in sorted(set(production_vars) & SECRET_NAMES):
    problems.append(f"{name} is a secret: `scripts/wrangler secret put {name}`, not {vars_path}")

base = production_vars.get("PUBLIC_BASE_URL") or toml_vars.get("PUBLIC_BASE_URL") or ""
if base and not re.match(r"https://(?!(localhost|127\.|\[::1\]|0\.0\.0\.0))[^/]+/?$", base):
    problems.append(f"PUBLIC_BASE_URL is {base}: it must be the portal's public https origin, no path")

if problems:
    print(f"deploy-check: production is not ready ({len(problems)} to settle), so nothing is deployed:")
    for problem in problems:
        print(f"  - {problem}")
    print("Every setting is described in .dev.vars.example; README: Deploy.")
    sys.exit(1)
print("deploy-check: production has every required setting")
PYTHON
