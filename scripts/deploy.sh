#!/usr/bin/env bash
# Publishes the two Workers. First, before anything is built or touched
# remotely, scripts/deploy-check.sh stops with the list of what production
# lacks; then the build, D1's migrations, and `wrangler deploy` of the desk
# (the front's service binding DESK needs it to exist) and then of the front,
# each with production's own variables from deploy.vars (README: Deploy).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deploy-check.sh
scripts/build.sh
scripts/desk-config.sh wrangler.toml build-desk/wrangler.json
scripts/wrangler d1 migrations apply DB --remote
vars=()
while IFS= read -r -d '' pair; do
  vars+=(--var "$pair")
done < <(scripts/deploy-check.sh --print-vars)
scripts/wrangler deploy --config build-desk/wrangler.json "${vars[@]}"
scripts/wrangler deploy "${vars[@]}"
