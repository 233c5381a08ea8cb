#!/usr/bin/env bash
# Writes the desk Worker's configuration (JSON, which wrangler reads as it
# reads TOML) from the front's: the same compatibility date, D1 database,
# queue producer, flood limit, metrics, logs, placement and variables, so that
# nothing is said twice. The desk has no static assets, queue consumers, cron
# or email routing (the front runs those), no public URL (the front hands it
# its requests through the service binding DESK), and its own bundle.
# Usage: scripts/desk-config.sh FRONT.toml OUT.json [VARS]
# wrangler dev gives its --env-file and --var to the first Worker only; the
# desk's reads .dev.vars beside its configuration, so VARS (the front's
# settings) is copied there.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p "$(dirname "$2")"
python3 - "$1" "$2" <<'PYTHON'
import json, os, sys, tomllib

front_path, out = sys.argv[1:]
front = tomllib.load(open(front_path, "rb"))
if not any(s.get("binding") == "DESK" for s in front.get("services", [])):
    sys.exit(f"desk-config: {front_path} has no service binding DESK")
shared = ["compatibility_date", "compatibility_flags", "d1_databases", "r2_buckets", "ratelimits",
          "observability", "analytics_engine_datasets", "placement", "vars", "send_email"]
desk = {key: front[key] for key in shared if key in front}
desk["name"] = front["name"] + "-desk"
# Paths in a configuration are read from its own folder.
desk["main"] = os.path.relpath("build-desk/worker/shim.mjs", os.path.dirname(os.path.abspath(out)))
desk["workers_dev"] = False
desk["preview_urls"] = False
desk["queues"] = {"producers": front["queues"]["producers"]}
# Migrations are applied through the front's configuration only.
for database in desk.get("d1_databases", []):
    database.pop("migrations_dir", None)
with open(out, "w") as file:
    json.dump(desk, file, indent=2)
    file.write("\n")
PYTHON
if [ -n "${3:-}" ]; then
  cp "$3" "$(dirname "$2")/.dev.vars"
fi
