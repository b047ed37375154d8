#!/usr/bin/env bash
# The one test command (README: `npm test`). Builds (which checks the layout), makes sure
# redis-server exists, checks for unused exports and dependencies (knip), then runs every suite:
# unit, language server, rules, conformance and live tests with node's test runner, then the
# extension-host suite and UI checks in real VS Code (code-server + Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-redis.sh
bash scripts/fetch-servers.sh   # the other Debian builds, into a cache (cheap once there)
npm run --silent build
npm run --silent check:unused
rm -rf out && npx tsc -p .
status=0
node --test --test-concurrency=2 out/test/ || status=$?
if [ "${RG_SKIP_E2E:-}" = "1" ]; then
  echo "RG_SKIP_E2E=1: real-VS-Code suite not run" >&2
else
  npm run --silent test:e2e || status=$?
fi
exit $status
