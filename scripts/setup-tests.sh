#!/usr/bin/env bash
# Installs what the tests need beyond scripts/setup.sh, and skips what is
# there: the Python tools pinned in scripts/requirements-test.txt (the
# EN 16931 validator's saxonche, schemathesis for the contract). The browser
# suite installs Debian's Chromium itself (scripts/browser.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

# pip's own check: every pinned requirement present at its version.
missing=$(python3 - scripts/requirements-test.txt <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
for line in open(sys.argv[1]):
    line = line.split("#")[0].strip()
    if not line:
        continue
    name, pinned = line.split("==")
    try:
        if version(name) != pinned:
            print(line)
    except PackageNotFoundError:
        print(line)
PY
)
if [ -n "$missing" ]; then
  echo "setup-tests: installing $(echo $missing)"
  python3 -m pip install --quiet --disable-pip-version-check -r scripts/requirements-test.txt
fi
