#!/usr/bin/env bash
# Install (first time only) and run the whole test suite, offline:
#   1. everything on the default back-ends (SQLite + embedded Chroma), including the browser
#      test in headless Chromium;
#   2. again on the team back-ends: a real PostgreSQL and a Chroma server on loopback.
# Extra arguments go to pytest (e.g. -x, -k NAME). As root, missing Debian packages
# (chromium, postgresql) are installed; elsewhere those parts are skipped with a notice,
# except under CI, where they must run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

if ! command -v chromium >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "Installing Debian's chromium for the browser test…" >&2
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# axe-core (from the npm registry) for the browser test's accessibility check; kept in .cache.
if [ ! -f .cache/npm/node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    echo "Installing axe-core for the accessibility check…" >&2
    npm install --prefix .cache/npm --no-audit --no-fund --silent axe-core@4 >/dev/null \
      || echo "Could not install axe-core; the accessibility check will be skipped." >&2
  else
    echo "npm is missing: the accessibility check will be skipped." >&2
  fi
fi

echo "== Default back-ends (SQLite + embedded Chroma) ==" >&2
.venv/bin/python -m pytest "$@"

echo "== Team back-ends (PostgreSQL + Chroma server) ==" >&2
status=0
bash scripts/test-servers.sh -m "not browser and not local_only" -q "$@" || status=$?
if [ "$status" = 3 ] && [ -z "${CI:-}" ]; then
  echo "Skipped the team back-ends (see above)." >&2
  exit 0
fi
exit "$status"
